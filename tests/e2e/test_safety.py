"""Forged callbacks are refused and change nothing; text from HH shows exactly as written."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from bot.features.feedback.callbacks import (
    REASON_CODES,
    FeedbackAction,
    FeedbackCb,
    LessOfCb,
    RatingCb,
    ReasonCb,
)
from bot.features.saved.callbacks import SavedAction, SavedCb
from bot.ui.callbacks import CardAction, CardCb
from core.domain.preferences import FeedbackReason
from db.models import (
    HiddenEmployer,
    JobFeedback,
    JobRecommendation,
    PreferenceEvent,
    SavedJob,
    SavedJobStatusChange,
)
from tests.e2e.jobs_helpers import (
    edited,
    open_feed,
    press_data,
    rec_id,
    seed_user,
    tap_card,
)
from tests.fixtures.bot import BotWorld

OWNER, INTRUDER = 800, 801
REFUSALS = (
    "This vacancy is not available.",
    "This saved vacancy is not available.",
    "That status change is not possible.",
)
TABLES = (JobFeedback, SavedJob, SavedJobStatusChange, HiddenEmployer, PreferenceEvent)


async def snapshot(world: BotWorld) -> dict[str, object]:
    """Row counts of everything a tap can write, plus the owner's saved job status."""
    async with world.session_factory() as session:
        counts: dict[str, object] = {
            table.__tablename__: await session.scalar(select(func.count()).select_from(table))
            for table in TABLES
        }
        counts["status"] = (await session.scalars(select(SavedJob.status))).all()
        counts["opened"] = (
            await session.scalars(select(JobRecommendation.details_opened_at))
        ).all()
    return counts


ForgedData = Callable[[int, int], str]  # (owner's recommendation id, saved id) -> data
FORGERIES: dict[str, ForgedData] = {
    "like": lambda rec, saved: CardCb(action=CardAction.LIKE, rec=rec).pack(),
    "dislike": lambda rec, saved: CardCb(action=CardAction.DISLIKE, rec=rec).pack(),
    "save": lambda rec, saved: CardCb(action=CardAction.SAVE, rec=rec).pack(),
    "details": lambda rec, saved: CardCb(action=CardAction.DETAILS, rec=rec).pack(),
    "hide employer": lambda rec, saved: CardCb(action=CardAction.HIDE, rec=rec).pack(),
    "reason": lambda rec, saved: ReasonCb(
        rec=rec, reason=REASON_CODES[FeedbackReason.COMPANY]
    ).pack(),
    "less of": lambda rec, saved: LessOfCb(rec=rec, idx=0).pack(),
    "rating": lambda rec, saved: RatingCb(rec=rec, score=5).pack(),
    "note": lambda rec, saved: FeedbackCb(action=FeedbackAction.NOTE, rec=rec).pack(),
    "open saved": lambda rec, saved: SavedCb(action=SavedAction.OPEN, saved=saved).pack(),
    "status": lambda rec, saved: SavedCb(action=SavedAction.STATUS, saved=saved, code="h").pack(),
    "reminder": lambda rec, saved: SavedCb(action=SavedAction.REMIND, saved=saved, code="1").pack(),
    "notes": lambda rec, saved: SavedCb(action=SavedAction.NOTE, saved=saved).pack(),
}


@pytest.mark.parametrize("forgery", list(FORGERIES))
async def test_a_forged_callback_naming_another_users_record_is_refused(
    bot_world: BotWorld, forgery: str
) -> None:
    owner = await seed_user(bot_world, OWNER)
    page = await open_feed(owner)
    await tap_card(owner, page.cards[0], CardAction.SAVE)
    await edited(owner, page.cards[0])
    async with bot_world.session_factory() as session:
        saved_id = (await session.scalars(select(SavedJob.id))).one()
    intruder = await seed_user(bot_world, INTRUDER)
    before = await snapshot(bot_world)
    own_message = await intruder.ask("/saved")  # any message in the intruder's own chat

    answer = await press_data(
        intruder, own_message, FORGERIES[forgery](rec_id(page.cards[0]), saved_id)
    )

    assert answer in REFUSALS
    assert await snapshot(bot_world) == before
    assert await bot_world.fsm_state(INTRUDER) is None


EMPLOYERS: dict[str, str] = {
    "<Code> Lab": "company_name:code",
    'ТОО "Альфа & Омега"': "company_name:Омега",
    "O'Reilly & Sons": "company_name:Reilly",
}


@pytest.mark.parametrize("employer", list(EMPLOYERS))
async def test_an_employer_name_with_markup_characters_shows_exactly(
    bot_world: BotWorld, employer: str
) -> None:
    command = EMPLOYERS[employer]
    alice = await seed_user(bot_world, 810)
    page = await open_feed(alice, f"/search {command}")
    cards = [card for card in page.cards if employer in card.plain]
    assert cards, alice.transcript()
    assert f"\n🏢 {employer}\n" in cards[0].plain or f"\n🏢 {employer} · " in cards[0].plain
    await tap_card(alice, cards[0], CardAction.DETAILS)
    details = await alice.wait_for(lambda m: "Key skills:" in m.plain or "description" in m.plain)
    assert f"🏢 {employer}" in details.plain
