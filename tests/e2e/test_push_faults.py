"""The digest when Telegram fails part-way: long retry_after, 5xx mid-digest, crashes.

Same world as tests/e2e/test_push.py (real app, real aiogram, Telegram emulator enforcing
its limits, HH emulator, a frozen clock the tests move)."""

from __future__ import annotations

from tests.e2e.test_push import PushWorld, at, world  # noqa: F401 - the fixture


async def test_a_retry_after_of_two_minutes_is_honoured_across_ticks(world: PushWorld) -> None:
    await world.seed(1)
    world.tg.inject("sendMessage", 429, retry_after=120, chat_id=1)
    push = world.instances[0].push
    world.clock.set(at(4, 0))
    assert (await push.run_digest_tick())["failed"] == 1
    calls = world.tg.stats.calls["sendMessage"]
    world.clock.set(at(4, 1))  # the next tick, long before the 120 s are over
    report = await push.run_digest_tick()
    assert report["paused"] == 1 and report["sent"] == 0
    assert world.tg.stats.calls["sendMessage"] == calls  # nothing was sent into the chat
    assert world.bot_messages(1) == []
