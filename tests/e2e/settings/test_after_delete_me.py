"""After /delete_me the bot points to /start."""

from __future__ import annotations

from sandbox.telegram import ChatUser
from tests.e2e.jobs_helpers import (
    open_feed,
    seed_user,
)
from tests.fixtures.bot import BotWorld


async def _deleted(world: BotWorld, user_id: int) -> ChatUser:
    """A user who had a profile and some history, then deleted everything."""
    alice = await seed_user(world, user_id)
    await open_feed(alice)
    await alice.ask("/delete_me")
    await alice.tap("Yes, delete everything")
    return alice


async def test_settings_after_delete_me_point_to_start(bot_world: BotWorld) -> None:
    alice = await _deleted(bot_world, 9211)
    reply = await alice.ask("/settings")
    assert "You have no profile yet" in reply.plain and "/start" in reply.plain
