"""The outgoing pacer (bot/push/delivery.py) against the Telegram emulator, real aiogram Bot.

The emulator enforces the limits the way Telegram does (a token bucket per bot and per
chat answering 429 + retry_after), so "no 429" here means the pacing really keeps under
them, measured by the server, not by the sender.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import AsyncIterator

import pytest
from aiogram import Bot

from bot.push.delivery import Delivery, Pacer
from core.domain.push import SendStatus
from sandbox.telegram import TelegramEmulator
from tests.fixtures.telegram import make_bot


@pytest.fixture
async def limited_tg() -> AsyncIterator[TelegramEmulator]:
    """Telegram's published limits: 30 messages/s per bot, 1 message/s per chat."""
    async with TelegramEmulator(global_rate=30, per_chat_rate=1) as emulator:
        yield emulator


@pytest.fixture
async def bot(limited_tg: TelegramEmulator) -> AsyncIterator[Bot]:
    bot = make_bot(limited_tg)
    try:
        yield bot
    finally:
        await bot.session.close()


def delivery(bot: Bot, *, global_rate: float = 30, chat_rate: float = 1) -> Delivery:
    return Delivery(bot, Pacer(global_rate, chat_rate))


async def test_a_burst_to_many_chats_keeps_under_the_global_limit(
    limited_tg: TelegramEmulator, bot: Bot
) -> None:
    chats = list(range(1, 61))
    for chat in chats:
        limited_tg.user(chat)
    sender = delivery(bot)
    started = time.monotonic()
    # Two messages per chat, all at once: 120 messages against 30/s and 1/s per chat.
    results = await asyncio.gather(
        *(sender.send_text(chat, f"<b>hello</b> {n}") for chat in chats for n in range(2))
    )
    elapsed = time.monotonic() - started
    assert all(result.status is SendStatus.SENT for result in results)
    assert limited_tg.stats.rate_limited == 0
    assert limited_tg.stats.sent_messages == 120
    assert limited_tg.stats.max_send_rate <= 31  # one-second window, both ends counted
    assert elapsed >= 120 / 30 - 0.5  # paced, not sent in one burst
    assert all(len(limited_tg.chat(chat)) == 2 for chat in chats)


async def test_one_chat_is_paced_at_the_chat_rate() -> None:
    # No burst allowance on the server: two sends closer than 1/5 s get a 429. The sender
    # paces at 4/s, leaving room for the jitter of the HTTP round trips.
    async with TelegramEmulator(per_chat_rate=5, per_chat_burst=1) as tg:
        tg.user(7)
        bot = make_bot(tg)
        try:
            sender = delivery(bot, chat_rate=4)
            started = time.monotonic()
            results = [await sender.send_text(7, f"m{n}") for n in range(6)]
            elapsed = time.monotonic() - started
        finally:
            await bot.session.close()
    assert [r.status for r in results] == [SendStatus.SENT] * 6
    assert tg.stats.rate_limited == 0
    assert elapsed >= 5 / 4 - 0.05
    assert [m.text for m in tg.chat(7)] == [f"m{n}" for n in range(6)]


async def test_a_429_waits_retry_after_and_the_message_arrives(
    limited_tg: TelegramEmulator, bot: Bot
) -> None:
    limited_tg.user(5)
    limited_tg.inject("sendMessage", 429, retry_after=1, chat_id=5)
    sender = delivery(bot)
    started = time.monotonic()
    result = await sender.send_text(5, "after the pause")
    assert result.status is SendStatus.SENT and result.message_id is not None
    assert time.monotonic() - started >= 1.0
    assert sender.retried_after_429 == 1
    assert [m.text for m in limited_tg.chat(5)] == ["after the pause"]


async def test_other_chats_keep_going_while_one_waits_out_a_429(
    limited_tg: TelegramEmulator, bot: Bot
) -> None:
    for chat in (1, 2, 3):
        limited_tg.user(chat)
    limited_tg.inject("sendMessage", 429, retry_after=2, chat_id=1)
    sender = delivery(bot)
    finished: dict[int, float] = {}
    started = time.monotonic()

    async def send(chat: int) -> None:
        await sender.send_text(chat, "hi")
        finished[chat] = time.monotonic() - started

    await asyncio.gather(*(send(chat) for chat in (1, 2, 3)))
    assert finished[1] >= 2.0
    assert finished[2] < 1.0 and finished[3] < 1.0


async def test_retries_are_bounded(limited_tg: TelegramEmulator, bot: Bot) -> None:
    limited_tg.user(5)
    limited_tg.inject("sendMessage", 429, retry_after=1, chat_id=5, count=10)
    sender = Delivery(bot, Pacer(30, 1), max_attempts=2)
    result = await sender.send_text(5, "never")
    assert result.status is SendStatus.FAILED
    assert limited_tg.chat(5) == []


async def test_a_very_long_retry_after_is_left_to_a_later_tick(
    limited_tg: TelegramEmulator, bot: Bot
) -> None:
    limited_tg.user(5)
    limited_tg.inject("sendMessage", 429, retry_after=3600, chat_id=5)
    calls = limited_tg.stats.calls["sendMessage"]
    # An hour's wait would outlive the test run: finishing at all shows it was not waited.
    result = await delivery(bot).send_text(5, "later")
    assert result.status is SendStatus.FAILED
    assert limited_tg.stats.calls["sendMessage"] == calls + 1  # asked once, not retried


async def test_a_blocked_user_is_reported_at_once(limited_tg: TelegramEmulator, bot: Bot) -> None:
    limited_tg.user(9)
    limited_tg.block(9)
    result = await delivery(bot).send_text(9, "hello?")
    assert result.status is SendStatus.BLOCKED
    assert limited_tg.stats.calls["sendMessage"] == 1  # not retried


async def test_a_server_error_is_a_transient_failure(
    limited_tg: TelegramEmulator, bot: Bot
) -> None:
    limited_tg.user(4)
    limited_tg.inject("sendMessage", 500, chat_id=4)
    sender = delivery(bot)
    assert (await sender.send_text(4, "x")).status is SendStatus.FAILED
    assert (await sender.send_text(4, "y")).status is SendStatus.SENT


async def test_a_bad_request_is_not_retried(limited_tg: TelegramEmulator, bot: Bot) -> None:
    limited_tg.user(4)
    limited_tg.inject("sendMessage", 400, chat_id=4, description="Bad Request: test")
    result = await delivery(bot).send_text(4, "x")
    assert result.status is SendStatus.REJECTED
    assert limited_tg.stats.calls["sendMessage"] == 1


def test_pacer_reserves_chat_slots_one_interval_apart() -> None:
    now = [100.0]
    pacer = Pacer(10, 1, time_source=lambda: now[0])
    assert [pacer._reserve_chat(1) for _ in range(3)] == [100.0, 101.0, 102.0]
    pacer.pause_chat(2, 5)
    assert pacer._reserve_chat(2) == 105.0
    now[0] = 200.0  # idle time is not saved up as a burst
    assert pacer._reserve_chat(1) == 200.0


async def test_pacer_keeps_global_spacing_after_the_loop_stalls() -> None:
    pacer = Pacer(50, 1000)
    loop = asyncio.get_running_loop()
    stamps: list[float] = []

    async def send(chat: int) -> None:
        await pacer.acquire(chat)
        stamps.append(loop.time())

    tasks = [asyncio.create_task(send(chat)) for chat in range(20)]
    await asyncio.sleep(0.05)
    time.sleep(0.2)  # noqa: ASYNC251 - a deliberate stall of the whole event loop
    await asyncio.gather(*tasks)
    gaps = [b - a for a, b in itertools.pairwise(stamps)]
    assert min(gaps) >= 1 / 50 - 0.002  # no burst of the waiters that overslept


def test_a_reply_takes_its_chats_slot_so_a_scheduled_message_waits() -> None:
    now = [100.0]
    pacer = Pacer(30, 1, time_source=lambda: now[0])
    pacer.count_reply(1)  # the person's own answer goes out now, unpaced
    assert pacer._reserve_chat(1) == 101.0  # the digest's next message waits its turn
    assert pacer._reserve_chat(2) == 100.0  # other chats are not held up


async def test_replies_count_in_the_global_budget_and_scheduled_sends_leave_headroom() -> None:
    now = [100.0]
    pacer = Pacer(10, 1000, headroom=0.5, time_source=lambda: now[0])
    await pacer.acquire(1)  # scheduled: 5/s of the 10/s, the next slot 0.2 s later
    assert pacer._next_global == 100.2
    pacer.count_reply(None)  # a reply takes one slot of the full rate (0.1 s)
    assert round(pacer._next_global, 6) == 100.3


def test_a_long_retry_after_keeps_the_chat_paused_past_the_next_tick() -> None:
    now = [100.0]
    pacer = Pacer(30, 1, time_source=lambda: now[0])
    pacer.pause_chat(5, 120)
    now[0] += 61  # a minute later, the next digest tick
    assert pacer.is_paused(5) and not pacer.is_paused(6)
    now[0] += 60
    assert not pacer.is_paused(5)


def test_one_instance_gives_scheduled_sends_the_whole_global_rate_several_leave_room() -> None:
    from bot.app import build_pacer
    from core.config import load_settings

    alone = build_pacer(load_settings(redis_url=None, telegram_global_rate=30))
    shared = build_pacer(load_settings(redis_url="redis://127.0.0.1:6379/0"))

    assert alone._global_interval == pytest.approx(1 / 30)  # its own replies are counted
    assert shared._global_interval == pytest.approx(1 / 24)  # other instances' are not
