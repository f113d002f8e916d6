"""Undo (issue 14, item 7): tapping 👍✓ or 👎✓ again takes the rating back — the card shows
👍 👎 again and the stored feedback is no vote."""

from __future__ import annotations

from sqlalchemy import select

from bot.ui.callbacks import CardAction
from db.models import JobFeedback
from tests.e2e.jobs_helpers import current, edited, open_feed, rec_id, seed_user, tap_card
from tests.fixtures.bot import BotWorld


async def _vote(world: BotWorld, user_id: int, rec: int) -> tuple[bool | None, str | None]:
    async with world.session_factory() as session:
        row = await session.scalar(
            select(JobFeedback).where(
                JobFeedback.user_id == user_id, JobFeedback.recommendation_id == rec
            )
        )
    assert row is not None
    return row.is_relevant, row.reason


async def test_tapping_liked_again_removes_the_like(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 14701)
    card = (await open_feed(alice)).cards[0]
    await tap_card(alice, card, CardAction.LIKE)
    await edited(alice, card)
    toast = await tap_card(alice, current(alice, card), CardAction.LIKED)
    await alice.wait_for(
        lambda m: (
            m.message_id == card.message_id
            and "👍" in m.button_labels()
            and "👍✓" not in m.button_labels()
        )
    )
    assert toast == "Rating removed"
    assert await _vote(bot_world, 14701, rec_id(card)) == (None, None)


async def test_tapping_disliked_again_removes_the_dislike_and_its_reason(
    bot_world: BotWorld,
) -> None:
    bob = await seed_user(bot_world, 14702)
    card = (await open_feed(bob)).cards[0]
    await tap_card(bob, card, CardAction.DISLIKE)
    await bob.wait_for(lambda m: "What was wrong" in m.plain)
    await tap_card(bob, current(bob, card), CardAction.DISLIKED)
    shown = await bob.wait_for(
        lambda m: m.message_id == card.message_id and "👎" in m.button_labels()
    )
    assert "👎✓" not in shown.button_labels() and "👍✓" not in shown.button_labels()
    assert await _vote(bot_world, 14702, rec_id(card)) == (None, None)
