"""The digest when Telegram fails part-way: long retry_after, 5xx mid-digest, crashes.

Same world as tests/e2e/test_push.py (real app, real aiogram, Telegram emulator enforcing
its limits, HH emulator, a frozen clock the tests move)."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from core.services.push_lease import LEASE_TTL
from db.repositories import LeaseRepository, UserRepository
from sandbox.hh import HHEmulator
from tests.e2e.test_push import DAY, FAST_CHAT_RATE, PushWorld, at, make_world


@pytest.fixture
async def world(
    hh_emulator: HHEmulator, sqlite_template: Path, tmp_path: Path
) -> AsyncIterator[PushWorld]:
    async with make_world(hh_emulator, sqlite_template, tmp_path, chat_rate=FAST_CHAT_RATE) as w:
        yield w


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


async def test_a_server_error_mid_digest_sends_the_rest_on_the_next_tick_once(
    world: PushWorld,
) -> None:
    await world.seed(1)
    push = world.instances[0].push
    attempts = world.settings.telegram_retry_attempts
    world.clock.set(at(4, 0))
    # Header and card 1 go out, then card 2 fails past the request retries.
    sends = world.tg.stats.calls["sendMessage"]
    original = world.tg.call

    async def fail_from_the_third(name: str, params: object) -> tuple[int, dict[str, object]]:
        if name.lower() == "sendmessage" and world.tg.stats.calls["sendMessage"] - sends == 2:
            world.tg.inject("sendMessage", 500, chat_id=1, count=attempts)
        return await original(name, params)  # type: ignore[arg-type]

    world.tg.call = fail_from_the_third  # type: ignore[method-assign]
    report = await push.run_digest_tick()
    world.tg.call = original  # type: ignore[method-assign]
    assert report["partial"] == 1
    assert len(world.bot_messages(1)) == 2  # the header and card 1 so far
    row = await world.delivery(1)
    assert row is not None and row.status == "partial" and row.vacancy_count == 1
    world.clock.set(at(4, 1))
    assert (await push.run_digest_tick())["sent"] == 1
    _header, *cards = world.bot_messages(1)
    assert len(cards) == 5  # the whole day's digest, header once
    assert len({card.plain for card in cards}) == 5
    assert sum("new match" in m.plain for m in world.bot_messages(1)) == 1
    row = await world.delivery(1, DAY)
    assert row is not None and row.status == "sent" and row.vacancy_count == 5


async def _dead_holder() -> str:
    """The holder id of a process on this host that has exited (and was reaped)."""
    process = await asyncio.create_subprocess_exec("true")
    await process.wait()
    return f"{socket.gethostname()}:{process.pid}:deadbeef"


async def test_a_restart_takes_the_lease_of_its_dead_predecessor_at_once(
    world: PushWorld,
) -> None:
    await world.seed(1)
    world.clock.set(at(4, 0))
    async with world.instances[0].sessions() as session:  # the killed process held it
        leases = LeaseRepository(session)
        assert await leases.try_acquire("push", await _dead_holder(), LEASE_TTL, at(4, 0))
        await session.commit()
    report = await world.instances[0].push.run_digest_tick()  # same moment: TTL not over
    assert report["sent"] == 1


async def test_a_digest_cut_off_with_its_leader_is_finished_by_the_next_without_a_second_header(
    world: PushWorld,
) -> None:
    a = world.instances[0]
    b = await world.start()
    await world.seed(1)
    world.clock.set(at(4, 0))
    assert await a.push.is_leader()
    # a sends the header and two cards; its third card hangs, and then a is gone.
    original = world.tg.call
    hanging = asyncio.Event()

    async def hang_the_fourth(name: str, params: object) -> tuple[int, dict[str, object]]:
        if name.lower() == "sendmessage" and world.tg.stats.calls["sendMessage"] == 3:
            world.tg.inject("sendMessage", 500, chat_id=1, delay=5)
            hanging.set()
        return await original(name, params)  # type: ignore[arg-type]

    world.tg.call = hang_the_fourth  # type: ignore[method-assign]
    tick = asyncio.create_task(a.push.run_digest_tick())
    await asyncio.wait_for(hanging.wait(), timeout=30)
    await asyncio.sleep(0.1)  # the request is on its way
    tick.cancel()  # as kill -9 would: no release, no record
    await asyncio.gather(tick, return_exceptions=True)
    world.tg.call = original  # type: ignore[method-assign]
    assert len(world.bot_messages(1)) == 3
    row = await world.delivery(1)
    assert row is not None and row.status == "pending" and row.header_sent
    # a's lease runs out (20 s); b leads and takes the claim up at once, not in 10 minutes.
    world.clock.set(at(4, 0) + LEASE_TTL + timedelta(seconds=1))
    report = await b.push.run_digest_tick()
    assert report["resumed"] == 1 and report["sent"] == 1
    messages = world.bot_messages(1)
    assert sum("new match" in m.plain for m in messages) == 1  # the header once
    assert len(messages) == 6 and len({m.plain for m in messages}) == 6
    row = await world.delivery(1)
    assert row is not None and row.status == "sent" and row.vacancy_count == 5


async def test_deleted_then_onboarded_again_the_same_day_gets_that_days_later_digest(
    world: PushWorld,
) -> None:
    await world.seed(1)
    push = world.instances[0].push
    world.clock.set(at(4, 0))
    assert (await push.run_digest_tick())["sent"] == 1
    async with world.instances[0].sessions() as session:  # /delete_me
        assert await UserRepository(session).delete(1)
        await session.commit()
    await world.seed(1)  # /start and the setup again, an hour later, digests at 11:00
    async with world.instances[0].sessions() as session:
        await UserRepository(session).update(
            1, onboarding_completed_at=at(5, 0), digest_time="11:00"
        )
        await session.commit()
    world.clock.set(at(6, 1))  # 11:01 in Almaty: the old person's digest does not count
    assert (await push.run_digest_tick())["sent"] == 1
    row = await world.delivery(1)
    assert row is not None and row.status == "sent"
