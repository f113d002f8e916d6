"""/settings: after typed text, only the newest copy of a menu keeps its buttons."""

from __future__ import annotations

import asyncio

from sandbox.telegram import ChatMessage, ChatUser
from tests.e2e.jobs_helpers import (
    current,
)
from tests.fixtures.bot import BotWorld


async def _typed(user: ChatUser, text: str) -> ChatMessage:
    """Type ``text``; the bot's next new message (not an edit of an older one)."""
    await user.send(text)
    return await user.wait_for(lambda m: m.from_bot and not m.edited)


async def _loses_its_buttons(user: ChatUser, message: ChatMessage) -> bool:
    """Whether ``message`` shows no buttons within a few seconds (edits come async)."""
    for _ in range(50):
        if not current(user, message).buttons:
            return True
        await asyncio.sleep(0.1)
    return False


async def test_after_an_invalid_typed_time_zone_only_the_newest_menu_has_buttons(
    bot_world: BotWorld,
) -> None:
    # Each refused time zone sent a new menu; every older menu stayed pressable.
    alice = bot_world.user(9204)
    view = await alice.ask("/settings")
    await alice.tap("Time zone")
    first = await _typed(alice, "Mars/Olympus")
    second = await _typed(alice, "Venus/Maxwell")
    assert await _loses_its_buttons(alice, view), alice.transcript()
    assert await _loses_its_buttons(alice, first), alice.transcript()
    assert "I do not know the time zone" in second.plain and second.buttons
    reply = await _typed(alice, "Asia/Almaty")
    assert "Digest time: 09:00 (Asia/Almaty)" in reply.plain
    assert await _loses_its_buttons(alice, second), alice.transcript()
    live = [m.message_id for m in alice.messages() if m.from_bot and m.buttons]
    assert live == [reply.message_id]
