"""Telegram pushes back (429, 5xx) and the bot still answers: nothing a person asked for
is lost. The real bot (bot_world: real aiogram polling) against the Telegram emulator,
which answers 429 from its own rate limits or from an injected fault.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from db.repositories import UserRepository
from sandbox.hh import HHEmulator
from sandbox.telegram import TelegramEmulator
from tests.e2e.jobs_helpers import open_feed, seed_user
from tests.fixtures.bot import BotWorld, bot_settings, onboard

WHAT_I_CAN_DO = "What I can do"


@pytest.fixture
async def limited_tg() -> AsyncIterator[TelegramEmulator]:
    """Telegram's published limits: 30 messages/s per bot, 1 message/s per chat."""
    async with TelegramEmulator(global_rate=30, per_chat_rate=1) as emulator:
        yield emulator


async def test_a_reply_hit_by_429_arrives_after_retry_after(bot_world: BotWorld) -> None:
    alice = bot_world.user(601)
    bot_world.tg.inject("sendMessage", 429, retry_after=1, chat_id=601, count=2)
    reply = await alice.ask("/help", timeout=10)
    assert WHAT_I_CAN_DO in reply.plain
    assert [m.plain for m in alice.messages() if m.from_bot] == [reply.plain]


async def test_a_reply_hit_by_a_server_error_is_sent_again(bot_world: BotWorld) -> None:
    alice = bot_world.user(602)
    bot_world.tg.inject("sendMessage", 502, chat_id=602)
    reply = await alice.ask("/help", timeout=10)
    assert WHAT_I_CAN_DO in reply.plain


async def test_onboarding_survives_429_on_button_answers_and_5xx_on_edits(
    bot_world: BotWorld,
) -> None:
    alice = bot_world.user(603)
    bot_world.tg.inject("answerCallbackQuery", 429, retry_after=1, count=2)
    bot_world.tg.inject("editMessageText", 500, count=2)
    bot_world.tg.inject("editMessageReplyMarkup", 500, count=2)
    await onboard(alice)  # every step's reply came, or this raises a TimeoutError
    injected = [status for _, status, _ in bot_world.tg.stats.errors]
    assert 429 in injected and 500 in injected  # the faults did hit the bot


@pytest.fixture
async def limited_world(
    limited_tg: TelegramEmulator, hh_emulator: HHEmulator, sqlite_template: Path, tmp_path: Path
) -> AsyncIterator[BotWorld]:
    db_path = tmp_path / "bot.sqlite"
    shutil.copyfile(sqlite_template, db_path)
    world = BotWorld(limited_tg, hh_emulator, bot_settings(limited_tg, hh_emulator, db_path))
    await world.start()
    try:
        yield world
    finally:
        await world.stop()
    assert world.problems() == []


async def test_a_storm_of_commands_past_the_global_limit_loses_no_reply(
    limited_tg: TelegramEmulator, limited_world: BotWorld
) -> None:
    # 75 people at once against 30 messages/s: Telegram answers 429 to about half.
    users = [limited_world.user(700 + n) for n in range(75)]
    replies = await asyncio.gather(*(user.ask("/help", timeout=30) for user in users))
    assert limited_tg.stats.rate_limited > 0  # the storm really was rate-limited
    assert all(WHAT_I_CAN_DO in reply.plain for reply in replies)
    assert all(len([m for m in u.messages() if m.from_bot]) == 1 for u in users)


async def test_typing_shows_while_a_slow_hh_keeps_the_cards_waiting(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 604)
    bot_world.hh.inject("latency", count=3, delay=2.0)  # HH answers in seconds, not ms
    page = await open_feed(alice)
    state = bot_world.tg.chat_state(604)
    assert page.cards  # the cards did come
    assert ("typing", 0) in state.actions  # and "typing…" showed before any of them


async def test_a_quick_reply_sends_no_typing(bot_world: BotWorld) -> None:
    alice = bot_world.user(605)
    await alice.ask("/help")
    assert bot_world.tg.chat_state(605).actions == []


async def test_replies_during_a_digest_past_the_global_limit_are_all_answered(
    limited_tg: TelegramEmulator, limited_world: BotWorld
) -> None:
    # 40 digests (240 messages) go out through the pacer while 40 other people ask for
    # /help at once: Telegram's 30/s is exceeded, the replies still all arrive.
    world = limited_world
    subscribers = [world.user(800 + n) for n in range(40)]
    for user in subscribers:
        await seed_user(world, user.user_id)
    async with world.session_factory() as session:
        for user in subscribers:
            await UserRepository(session).update(  # set up yesterday: today's digest is owed
                user.user_id,
                timezone="UTC",
                digest_time="00:00",
                onboarding_completed_at=datetime.now(UTC) - timedelta(days=1),
            )
        await session.commit()
    push = world.app.scheduler
    digest = asyncio.create_task(push.run_digest_tick())
    first_digest_message = subscribers[0].wait_for(timeout=60)
    await first_digest_message  # the digest is under way
    askers = [world.user(900 + n) for n in range(40)]
    replies = await asyncio.gather(*(user.ask("/help", timeout=60) for user in askers))
    report = await asyncio.wait_for(digest, timeout=120)
    assert all(WHAT_I_CAN_DO in reply.plain for reply in replies)  # 0 replies lost
    assert report["sent"] == len(subscribers)
