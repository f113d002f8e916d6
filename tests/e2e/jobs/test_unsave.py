"""The ★ Saved button on a card: tapped again it takes the vacancy off the shortlist,
unless /saved holds progress on it."""

from __future__ import annotations

from sqlalchemy import select

from bot.ui.callbacks import CardAction, CardCb
from core.domain.preferences import SavedJobStatus
from core.services.saved import UnsaveResult
from db.models import SavedJob
from tests.e2e.jobs_helpers import (
    edited,
    open_feed,
    press_data,
    rec_id,
    seed_user,
    tap_card,
)
from tests.fixtures.bot import BotWorld


async def test_tapping_saved_again_takes_the_vacancy_off_the_shortlist(
    bot_world: BotWorld,
) -> None:
    # A second tap on "★ Saved" only repeated "Saved ⭐".
    alice = await seed_user(bot_world, 9205)
    page = await open_feed(alice)
    card = page.cards[0]
    await tap_card(alice, card, CardAction.SAVE)
    saved_card = await edited(alice, card)
    toast = await tap_card(alice, saved_card, CardAction.SAVED)
    assert toast == "Removed from /saved"
    again = await edited(alice, card)
    assert "⭐ Save" in again.button_labels()
    assert await _saved_rows(bot_world, 9205) == []
    assert "Nothing saved yet" in (await alice.ask("/saved")).plain


async def test_unsave_refuses_another_users_saved_vacancy(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 9206)
    page = await open_feed(alice)
    rec = rec_id(page.cards[0])
    assert await bot_world.app.services.saved.save(9206, rec) is not None
    mallory = await seed_user(bot_world, 9207)
    toast = await press_data(
        mallory, await mallory.ask("/help"), CardCb(action=CardAction.SAVED, rec=rec).pack()
    )
    assert toast == "This vacancy is not available."
    assert await bot_world.app.services.saved.unsave(9207, rec) is UnsaveResult.NOT_SAVED
    assert [row.recommendation_id for row in await _saved_rows(bot_world, 9206)] == [rec]


async def test_a_saved_vacancy_with_progress_is_not_unsaved_from_the_card(
    bot_world: BotWorld,
) -> None:
    alice = await seed_user(bot_world, 9208)
    page = await open_feed(alice)
    services = bot_world.app.services
    saved = await services.saved.save(9208, rec_id(page.cards[0]))
    assert saved is not None
    await services.saved.set_status(9208, saved.saved_id, SavedJobStatus.APPLIED)
    assert await services.saved.unsave(9208, rec_id(page.cards[0])) is UnsaveResult.IN_PROGRESS
    assert len(await _saved_rows(bot_world, 9208)) == 1


async def _saved_rows(world: BotWorld, user_id: int) -> list[SavedJob]:
    async with world.session_factory() as session:
        rows = await session.scalars(select(SavedJob).where(SavedJob.user_id == user_id))
        return list(rows)
