"""/stats after /delete_me points to /start."""

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


async def test_stats_after_delete_me_point_to_start_not_jobs(bot_world: BotWorld) -> None:
    alice = await _deleted(bot_world, 9212)
    reply = await alice.ask("/stats")
    assert "set up your profile first: /start" in reply.plain
    assert "/jobs" not in reply.plain
