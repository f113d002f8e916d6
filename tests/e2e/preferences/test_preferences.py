"""/preferences: what the bot believes, editing one field, filters, reset learning."""

from __future__ import annotations

from core.domain.preferences import ScoreWeights
from db.repositories import PreferencesRepository
from tests.fixtures.bot import BotWorld, onboard


async def test_preferences_show_everything_the_bot_believes(bot_world: BotWorld) -> None:
    alice = bot_world.user(301)
    await onboard(
        alice,
        skills=("Python", "SQL"),
        city="Astana",
        formats=("Hybrid",),
        employment=("Full time",),
        salary="от 300 тыс",
    )
    reply = await alice.ask("/preferences")
    text = reply.plain
    assert "Skills (weight): Python (100%), SQL (100%)" in text
    assert "Fields: Programming" in text
    assert "Experience: 1–3 years" in text
    assert "City: Astana · remote is fine: off" in text
    assert "Work format: Hybrid" in text
    assert "Employment: Full time" in text
    assert "Salary: from 300 000 ₸" in text
    assert "Salary is a hard floor: on" in text
    assert "Only my city: off" in text
    assert "Ranking: skills 40% · location 30% · salary 30%" in text


async def test_the_city_is_shown_in_latin_letters_in_english_and_cyrillic_in_russian(
    bot_world: BotWorld,
) -> None:
    alice = bot_world.user(311)
    await onboard(alice, city="Караганда")
    reply = await alice.ask("/preferences")
    assert "City: Karaganda" in reply.plain
    await alice.ask("/settings")
    await alice.tap("Русский")
    reply = await alice.ask("/preferences")
    assert "Город: Караганда" in reply.plain


async def test_learned_ranking_weights_are_shown_adding_up_to_100(bot_world: BotWorld) -> None:
    alice = bot_world.user(310)
    await onboard(alice)
    async with bot_world.session_factory() as session:
        repo = PreferencesRepository(session)
        prefs = await repo.get(310)
        assert prefs is not None
        # Rounded one by one these weights read 41 % + 30 % + 30 % = 101 %.
        learned = prefs.model_copy(
            update={"weights": ScoreWeights(skills=0.406, location=0.297, salary=0.297)}
        )
        await repo.save(310, learned)
        await session.commit()
    reply = await alice.ask("/preferences")
    assert "Ranking: skills 40% · location 30% · salary 30%" in reply.plain


async def test_preferences_before_onboarding_point_to_start(bot_world: BotWorld) -> None:
    alice = bot_world.user(302)
    reply = await alice.ask("/preferences")
    assert "/start" in reply.plain


async def test_editing_the_city_reenters_that_step_and_returns_to_preferences(
    bot_world: BotWorld,
) -> None:
    alice = bot_world.user(303)
    await onboard(alice, city="Almaty")
    await alice.ask("/preferences")
    reply = await alice.tap("✏️ City")
    assert "Step 4 of 7" in reply.plain
    reply = await alice.ask("Караганда")
    assert "What I know about you" in reply.plain
    assert "City: Karaganda" in reply.plain
    prefs = await bot_world.preferences(303)
    assert prefs is not None and prefs.area_ids == ["177"]
    assert await bot_world.fsm_state(303) is None


async def test_editing_skills_keeps_the_other_answers(bot_world: BotWorld) -> None:
    alice = bot_world.user(304)
    await onboard(alice, skills=("Python",), salary="500000")
    await alice.ask("/preferences")
    await alice.tap("✏️ Skills")
    await alice.tap("Django")
    reply = await alice.tap("Next")
    assert "Python (100%), Django (100%)" in reply.plain or "Django (100%), Python" in reply.plain
    prefs = await bot_world.preferences(304)
    assert prefs is not None
    assert set(prefs.skills) == {"Python", "Django"}
    assert prefs.salary.minimum == 500_000


async def test_back_while_editing_a_field_returns_without_changes(bot_world: BotWorld) -> None:
    alice = bot_world.user(305)
    await onboard(alice, salary="500000")
    await alice.ask("/preferences")
    await alice.tap("✏️ Salary")
    reply = await alice.tap("Back")
    assert "What I know about you" in reply.plain
    prefs = await bot_world.preferences(305)
    assert prefs is not None and prefs.salary.minimum == 500_000


async def test_toggling_a_dealbreaker_filter(bot_world: BotWorld) -> None:
    alice = bot_world.user(306)
    await onboard(alice)
    await alice.ask("/preferences")
    reply = await alice.tap("Only my city: off")
    assert "Only my city: on" in reply.plain
    prefs = await bot_world.preferences(306)
    assert prefs is not None and prefs.only_my_city is True


async def test_toggling_remote_work(bot_world: BotWorld) -> None:
    alice = bot_world.user(309)
    await onboard(alice, city="Astana", formats=("On site",))
    await alice.ask("/preferences")
    reply = await alice.tap("Remote is fine: off")
    assert "remote is fine: on" in reply.plain
    prefs = await bot_world.preferences(309)
    assert prefs is not None and prefs.remote_ok is True


async def test_reset_learning_forgets_keywords_and_weights(bot_world: BotWorld) -> None:
    alice = bot_world.user(307)
    await onboard(alice)
    async with bot_world.session_factory() as session:
        repo = PreferencesRepository(session)
        prefs = await repo.get(307)
        assert prefs is not None
        learned = prefs.model_copy(
            update={
                "positive_keywords": {"django": 0.8},
                "negative_keywords": {"1с": -0.3},
                "weights": ScoreWeights(skills=0.6, location=0.2, salary=0.2),
            }
        )
        await repo.save(307, learned)
        await session.commit()
    reply = await alice.ask("/preferences")
    assert "More of: django" in reply.plain and "Less of: 1с" in reply.plain
    await alice.tap("Reset learning")
    reply = await alice.tap("Yes, reset")
    assert "More of: —" in reply.plain
    assert "Ranking: skills 40%" in reply.plain
    prefs = await bot_world.preferences(307)
    assert prefs is not None
    assert prefs.positive_keywords == {} and prefs.negative_keywords == {}
    assert prefs.skills  # the answers stay


async def test_a_stale_preferences_button_after_delete_is_refused_politely(
    bot_world: BotWorld,
) -> None:
    alice = bot_world.user(308)
    await onboard(alice)
    view = await alice.ask("/preferences")
    await alice.ask("/delete_me")
    await alice.tap("Yes, delete everything")
    await alice.press("Only my city: off", message_id=view.message_id)
    assert await bot_world.callback_answer(alice, 1) is not None
    assert await bot_world.preferences(308) is None
