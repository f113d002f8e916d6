"""/assessment: rate the top skills 1–5 → strengths and weaknesses → preferences."""

from __future__ import annotations

from sqlalchemy import select

from db.models import AssessmentResult
from tests.fixtures.bot import BotWorld, onboard


async def test_assessment_shows_strengths_and_weaknesses_and_updates_preferences(
    bot_world: BotWorld,
) -> None:
    alice = bot_world.user(401)
    await onboard(alice, skills=("Python", "SQL"))
    reply = await alice.ask("/assessment")
    assert "1/2" in reply.plain
    await alice.tap("5")
    reply = await alice.tap("1")
    assert "Strengths: Python" in reply.plain
    assert "To improve: SQL" in reply.plain
    prefs = await bot_world.preferences(401)
    assert prefs is not None
    assert prefs.preferred_skills == ["Python"]
    assert prefs.skills["SQL"] < prefs.skills["Python"]
    async with bot_world.session_factory() as session:
        stored = await session.scalar(
            select(AssessmentResult).where(AssessmentResult.user_id == 401)
        )
    assert stored is not None and stored.strengths == ["Python"]


async def test_assessment_before_onboarding_points_to_start(bot_world: BotWorld) -> None:
    alice = bot_world.user(402)
    reply = await alice.ask("/assessment")
    assert "/start" in reply.plain


async def test_typing_during_the_assessment_explains_the_buttons(bot_world: BotWorld) -> None:
    alice = bot_world.user(403)
    await onboard(alice)
    await alice.ask("/assessment")
    reply = await alice.ask("<b>five</b>")
    assert "rate with the buttons" in reply.plain
    assert await bot_world.fsm_state(403) == "Assessment:rating"
