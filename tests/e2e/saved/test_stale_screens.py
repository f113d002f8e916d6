"""/saved: after typed text, only the newest copy of a screen keeps its buttons."""

from __future__ import annotations

import asyncio

from bot.ui.callbacks import CardAction
from sandbox.telegram import ChatMessage, ChatUser
from tests.e2e.jobs_helpers import (
    current,
    edited,
    open_feed,
    press_on,
    seed_user,
    tap_card,
)
from tests.fixtures.bot import BotWorld


async def _loses_its_buttons(user: ChatUser, message: ChatMessage) -> bool:
    """Whether ``message`` shows no buttons within a few seconds (edits come async)."""
    for _ in range(50):
        if not current(user, message).buttons:
            return True
        await asyncio.sleep(0.1)
    return False


async def test_after_typed_notes_only_the_new_saved_screen_has_buttons(
    bot_world: BotWorld,
) -> None:
    # Typing notes sent a new copy of the saved vacancy; the old copy kept live buttons.
    alice = await seed_user(bot_world, 9203)
    page = await open_feed(alice)
    await tap_card(alice, page.cards[0], CardAction.SAVE)
    await edited(alice, page.cards[0])
    listing = await alice.ask("/saved")
    await press_on(alice, listing, "1. ")
    screen = await edited(alice, listing)
    await press_on(alice, screen, "📝 Notes")
    await alice.wait_for(lambda m: m.from_bot and not m.edited)  # "Type your notes…"
    await alice.send("Call them on Monday")
    fresh = await alice.wait_for(lambda m: m.from_bot and "Status:" in m.plain)
    assert await _loses_its_buttons(alice, screen), alice.transcript()
    assert "📝 Notes" in fresh.button_labels()
