"""Push end to end: digests, reminders, refresh and cleanup against both emulators.

The real composition root (bot.app.build_app) with the push scheduler installed, a
Telegram emulator enforcing Telegram's limits (30 messages/s, 1/s per chat) and the HH
emulator, over HTTP, with a frozen clock the tests move. Ticks are called directly (as
APScheduler would every minute); one test starts the real scheduler to prove the startup
tick. Users are seeded through the repositories: these tests are not about onboarding.
"""

from __future__ import annotations

import asyncio
import shutil
import time
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.app import BotApp, build_app, build_push
from bot.push.scheduler import PushScheduler
from core.config import Settings
from core.domain.clock import FrozenClock
from core.domain.preferences import UserPreferences
from core.domain.recommendation_cards import RecommendationCard
from core.domain.searches import SearchPreferences
from core.services.digest_delivery import DigestOptions, OnReady
from core.services.learner import Learner
from core.services.recommender import Recommender
from db.models import DigestDelivery, HHCacheEntry, JobRecommendation, SavedJob
from db.repositories import (
    DigestRepository,
    FeedbackRepository,
    HHCacheRepository,
    PreferencesRepository,
    RecommendationRepository,
    SavedJobRepository,
    UserRepository,
)
from sandbox.hh import HHEmulator
from sandbox.telegram import ChatMessage, TelegramEmulator
from tests.fixtures.bot import bot_settings
from tests.fixtures.db import create_recommendations
from tests.fixtures.hh import HH_CORPUS_NOW

# A day after the corpus was generated, so every vacancy is already published.
DAY = (HH_CORPUS_NOW + timedelta(days=1)).date()
PYTHON = UserPreferences(
    skills={"Python": 1.0, "Django": 0.8, "PostgreSQL": 0.6},
    area_ids=["160"],
    job_titles=["Python developer"],
)
# Nothing in the corpus scores above the digest threshold for this person.
NOTHING_MATCHES = UserPreferences(
    skills={"COBOL": 1.0}, area_ids=["205"], job_titles=["Глубоководный водолаз"]
)


def at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    """A moment on the test day, UTC (Almaty is UTC+5, Moscow UTC+3)."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


@dataclass
class Instance:
    """One bot process: its app and its push scheduler."""

    app: BotApp
    push: PushScheduler

    @property
    def sessions(self) -> async_sessionmaker[AsyncSession]:
        return self.app.session_factory


@dataclass
class PushWorld:
    tg: TelegramEmulator
    hh: HHEmulator
    settings: Settings
    clock: FrozenClock
    instances: list[Instance] = field(default_factory=list)

    async def start(self, options: DigestOptions = DigestOptions()) -> Instance:
        """A new bot process on the shared database (a restart or a second instance)."""
        app = await build_app(self.settings, clock=self.clock, throttle=None)
        # Small HH pages keep each test fast; the digest path is the same at any size.
        recommender = Recommender(
            app.services.hh,
            app.session_factory,
            self.settings,
            self.clock,
            max_pages=1,
            hh_per_page=10,
            details_limit=6,
        )
        learner = Learner(app.session_factory, self.clock)
        push = build_push(app, recommender=recommender, learner=learner, options=options)
        instance = Instance(app, push)
        self.instances.append(instance)
        return instance

    async def stop(self, instance: Instance) -> None:
        await instance.push.stop()
        await instance.app.stop()
        self.instances.remove(instance)

    async def seed(
        self,
        user_id: int,
        *,
        timezone: str = "Asia/Almaty",
        digest_time: str = "09:00",
        language: str = "en",
        prefs: UserPreferences = PYTHON,
    ) -> None:
        """An onboarded user with a Telegram chat, straight into the database."""
        self.tg.user(user_id, language_code=language)
        async with self.instances[0].sessions() as session:
            users = UserRepository(session)
            await users.get_or_create(
                user_id,
                first_name=f"U{user_id}",
                language=language,
                timezone=timezone,
                digest_time=digest_time,
            )
            await users.update(user_id, onboarding_completed_at=at(0))
            await PreferencesRepository(session).save(user_id, prefs)
            await session.commit()

    def bot_messages(self, user_id: int) -> list[ChatMessage]:
        return [m for m in self.tg.chat(user_id) if m.from_bot]

    async def delivery(self, user_id: int, day: date = DAY) -> DigestDelivery | None:
        async with self.instances[0].sessions() as session:
            return await DigestRepository(session).get(user_id, day)


# Telegram's real limits. Most tests raise the per-chat rate so a six-message digest
# does not take five seconds; the rate-limit tests use these exact values.
GLOBAL_RATE, CHAT_RATE, FAST_CHAT_RATE = 30, 1, 50


@asynccontextmanager
async def make_world(
    hh: HHEmulator, sqlite_template: Path, tmp_path: Path, *, chat_rate: float
) -> AsyncIterator[PushWorld]:
    db_path = tmp_path / "push.sqlite"
    shutil.copyfile(sqlite_template, db_path)
    async with TelegramEmulator(global_rate=GLOBAL_RATE, per_chat_rate=chat_rate) as tg:
        settings = bot_settings(
            tg, hh, db_path, telegram_global_rate=GLOBAL_RATE, telegram_chat_rate=chat_rate
        )
        world = PushWorld(tg, hh, settings, FrozenClock(at(3, 59)))
        await world.start()
        try:
            yield world
        finally:
            for instance in list(world.instances):
                await world.stop(instance)
        # Every card and header the push sent was valid for Telegram.
        assert tg.errors_4xx == []


@pytest.fixture
async def world(
    hh_emulator: HHEmulator, sqlite_template: Path, tmp_path: Path
) -> AsyncIterator[PushWorld]:
    async with make_world(hh_emulator, sqlite_template, tmp_path, chat_rate=FAST_CHAT_RATE) as w:
        yield w


@pytest.fixture
async def limited_world(
    hh_emulator: HHEmulator, sqlite_template: Path, tmp_path: Path
) -> AsyncIterator[PushWorld]:
    """Telegram's limits on both sides: 30 messages/s per bot, 1 message/s per chat."""
    async with make_world(hh_emulator, sqlite_template, tmp_path, chat_rate=CHAT_RATE) as w:
        yield w


def digest_of(world: PushWorld, user_id: int) -> tuple[ChatMessage, list[ChatMessage]]:
    header, *cards = world.bot_messages(user_id)
    return header, cards


# =============================================================================== digests


async def test_digest_arrives_at_local_time_once_in_each_time_zone(world: PushWorld) -> None:
    await world.seed(1, timezone="Asia/Almaty")  # 09:00 local = 04:00 UTC
    await world.seed(2, timezone="Europe/Moscow", language="ru")  # 09:00 local = 06:00 UTC
    push = world.instances[0].push

    await push.run_digest_tick()  # 03:59 UTC: 08:59 in Almaty, 06:59 in Moscow
    assert world.bot_messages(1) == [] and world.bot_messages(2) == []

    world.clock.set(at(4, 0))
    await push.run_digest_tick()
    header, cards = digest_of(world, 1)
    assert header.plain.startswith("🔔 5 new matches for Python developer in Almaty")
    assert len(cards) == 5
    # The same card and buttons as /jobs (👍 / 👎 / save … callback data of the card).
    assert all(
        any(
            b.callback_data and b.callback_data.startswith("jc:")
            for row in card.buttons
            for b in row
        )
        for card in cards
    )
    assert world.bot_messages(2) == []

    world.clock.set(at(5, 59))
    await push.run_digest_tick()
    assert world.bot_messages(2) == []
    world.clock.set(at(6, 0))
    await push.run_digest_tick()
    header_ru, cards_ru = digest_of(world, 2)
    assert header_ru.plain.startswith("🔔 5 новых вакансий: Python-разработчик · Алматы")
    assert len(cards_ru) == 5

    for later in (at(6, 1), at(12, 0), at(18, 59)):  # 23:59 in Almaty
        world.clock.set(later)
        await push.run_digest_tick()
    assert len(world.bot_messages(1)) == 6 and len(world.bot_messages(2)) == 6
    row = await world.delivery(1)
    assert row is not None and row.status == "sent" and row.vacancy_count == 5
    assert row.message_ids == [m.message_id for m in world.bot_messages(1)]

    world.clock.set(at(4, 0, DAY + timedelta(days=1)))  # the next morning in Almaty
    await push.run_digest_tick()
    assert len(world.bot_messages(1)) > 6


async def test_a_kazakh_reader_gets_the_digest_in_kazakh(world: PushWorld) -> None:
    await world.seed(3, timezone="Asia/Almaty", language="kk")
    world.clock.set(at(4, 0))  # 09:00 in Almaty
    await world.instances[0].push.run_digest_tick()
    header, cards = digest_of(world, 3)
    assert header.plain.startswith("🔔 5 жаңа вакансия: Python-разработчик · Алматы")
    assert len(cards) == 5
    assert "⭐ Сақтау" in cards[0].button_labels()
    assert any("🎯 Сәйкестік:" in card.plain for card in cards)


async def test_cards_sent_in_a_digest_are_never_sent_again(world: PushWorld) -> None:
    await world.seed(1)
    push = world.instances[0].push
    world.clock.set(at(4, 0))
    await push.run_digest_tick()
    world.clock.set(at(4, 0, DAY + timedelta(days=1)))
    await push.run_digest_tick()
    cards = [m for m in world.bot_messages(1) if m.buttons]
    ids = [
        b.callback_data
        for m in cards
        for row in m.buttons
        for b in row
        if b.callback_data and b.callback_data.startswith("jc:up:")
    ]
    assert len(ids) == len(set(ids)) > 5


async def test_not_resent_after_restart_and_a_missed_digest_goes_out_on_start(
    world: PushWorld,
) -> None:
    first = world.instances[0]
    await world.seed(1, digest_time="09:00")
    await world.seed(2, digest_time="10:00")
    world.clock.set(at(4, 0))
    await first.push.run_digest_tick()
    assert len(world.bot_messages(1)) == 6
    await world.stop(first)  # down from 09:00 to 11:00 in Almaty: user 2's time passes

    world.clock.set(at(6, 0))
    second = await world.start()
    await second.push.start()  # the real APScheduler: one digest tick right at start
    user2 = world.tg.user(2)
    await user2.wait_for(lambda m: m.plain.startswith("🔔"), timeout=10)
    await _until(lambda: len(world.bot_messages(2)) == 6)
    assert len(world.bot_messages(1)) == 6  # not resent
    await second.push.run_digest_tick()
    assert len(world.bot_messages(1)) == 6 and len(world.bot_messages(2)) == 6


async def test_stopping_lets_a_running_digest_tick_finish(world: PushWorld) -> None:
    await world.seed(1)
    world.clock.set(at(4, 0))
    push = world.instances[0].push
    world.hh.inject("latency", 1, delay=1.0)  # the digest's HH search takes a second
    await push.start()  # the real APScheduler: one digest tick right at start
    await _until(lambda: world.hh.stats.search_requests >= 1)
    await push.stop()  # while that tick waits for HH
    assert len(world.bot_messages(1)) == 6
    row = await world.delivery(1)
    assert row is not None and row.status == "sent"


async def test_a_missed_day_is_not_sent_the_next_day(world: PushWorld) -> None:
    await world.seed(1)
    world.clock.set(at(4, 0, DAY + timedelta(days=1)))  # the bot was down all of DAY
    await world.instances[0].push.run_digest_tick()
    assert len([m for m in world.bot_messages(1) if m.plain.startswith("🔔")]) == 1
    assert await world.delivery(1) is None
    assert await world.delivery(1, DAY + timedelta(days=1)) is not None


async def test_a_person_who_signs_up_after_the_digest_time_gets_the_first_digest_next_day(
    world: PushWorld,
) -> None:
    await world.seed(1)
    async with world.instances[0].sessions() as session:  # set up at 15:00 in Almaty
        await UserRepository(session).update(1, onboarding_completed_at=at(10, 0))
        await session.commit()
    push = world.instances[0].push
    world.clock.set(at(10, 1))
    assert (await push.run_digest_tick())["sent"] == 0
    assert world.bot_messages(1) == []  # not the cards the feed is showing them right now
    world.clock.set(at(4, 0, DAY + timedelta(days=1)))
    assert (await push.run_digest_tick())["sent"] == 1
    assert sum(m.plain.startswith("🔔") for m in world.bot_messages(1)) == 1


async def test_nothing_new_sends_nothing_and_records_an_empty_day(world: PushWorld) -> None:
    await world.seed(1, prefs=NOTHING_MATCHES)
    world.clock.set(at(4, 0))
    push = world.instances[0].push
    report = await push.run_digest_tick()
    assert report["empty"] == 1
    row = await world.delivery(1)
    assert row is not None and row.status == "empty"
    searches = world.hh.stats.search_requests
    world.clock.set(at(4, 1))
    await push.run_digest_tick()
    assert world.bot_messages(1) == []
    assert world.hh.stats.search_requests == searches  # the day is done, not retried


class _CannotTell:
    """A recommender that could not answer (HH down and nothing stored)."""

    def plan_signature(self, prefs: UserPreferences) -> str:
        return ""

    async def fresh_for_digest(
        self,
        preferences: Mapping[int, SearchPreferences],
        *,
        limit: int = 5,
        min_relevance: float = 0.5,
        on_ready: OnReady | None = None,
    ) -> dict[int, list[RecommendationCard]]:
        return {}

    async def mark_delivered(self, user_id: int, recommendation_ids: Sequence[int]) -> int:
        return 0


async def test_unknown_is_not_recorded_as_nothing_new(world: PushWorld) -> None:
    await world.seed(1)
    push = build_push(world.instances[0].app, recommender=_CannotTell())
    world.clock.set(at(4, 0))
    assert (await push.run_digest_tick())["unavailable"] == 1
    assert await world.delivery(1) is None  # not "empty": a later tick tries again
    assert world.bot_messages(1) == []
    await push.stop()


async def test_hh_down_with_nothing_stored_sends_no_digest_and_the_next_tick_does(
    world: PushWorld,
) -> None:
    await world.seed(1)
    push = world.instances[0].push
    world.clock.set(at(4, 0))
    world.hh.inject("5xx", -1)  # every search and details request fails
    try:
        await push.run_digest_tick()
    finally:
        world.hh.clear_faults()
    assert world.bot_messages(1) == []
    assert await world.delivery(1) is None  # the day is not recorded as "nothing new"

    world.clock.set(at(4, 1))
    await push.run_digest_tick()
    header, cards = digest_of(world, 1)
    assert header.plain.startswith("🔔 5 new matches for Python developer")
    assert len(cards) == 5


async def test_digests_off_inactive_or_not_onboarded_get_nothing(world: PushWorld) -> None:
    for user_id in (1, 2, 3):
        await world.seed(user_id)
    async with world.instances[0].sessions() as session:
        users = UserRepository(session)
        await users.update(1, digest_enabled=False)
        await users.update(2, is_active=False)
        await users.update(3, onboarding_completed_at=None)
        await session.commit()
    world.clock.set(at(4, 0))
    report = await world.instances[0].push.run_digest_tick()
    assert report["due"] == 0
    assert all(world.bot_messages(uid) == [] for uid in (1, 2, 3))


async def test_fifty_users_due_at_once_all_delivered_under_the_rate_limit(
    hh_emulator: HHEmulator, limited_world: PushWorld
) -> None:
    world = limited_world
    await world.stop(world.instances[0])
    instance = await world.start(DigestOptions(digest_size=1))  # 2 messages each: 100 against 30/s
    for user_id in range(1, 51):
        await world.seed(user_id)
    world.clock.set(at(4, 0))
    started = time.monotonic()
    report = await instance.push.run_digest_tick()
    elapsed = time.monotonic() - started
    assert report["sent"] == 50
    assert all(len(world.bot_messages(uid)) == 2 for uid in range(1, 51))
    assert world.tg.stats.rate_limited == 0
    assert world.tg.stats.max_send_rate <= 31  # a one-second window counts both ends
    assert elapsed >= 100 / 30 - 1  # paced, not a burst
    # One plan for all: the city's search and the country-wide remote one.
    assert hh_emulator.stats.search_requests == 2


async def test_users_sharing_a_query_cost_one_hh_search(world: PushWorld) -> None:
    for user_id in (1, 2, 3):
        await world.seed(user_id)
    other = UserPreferences(skills={"Java": 1.0}, area_ids=["159"], job_titles=["Java developer"])
    await world.seed(4, prefs=other)
    world.clock.set(at(4, 0))
    await world.instances[0].push.run_digest_tick()
    # Python/Almaty once, Java/Astana once: each its city search and its remote search.
    assert world.hh.stats.search_requests == 4
    assert all(world.bot_messages(uid) for uid in (1, 2, 3))


async def test_a_429_makes_that_message_wait_and_arrive(world: PushWorld) -> None:
    await world.seed(1)
    world.tg.inject("sendMessage", 429, retry_after=1, chat_id=1)
    world.clock.set(at(4, 0))
    started = time.monotonic()
    report = await world.instances[0].push.run_digest_tick()
    assert time.monotonic() - started >= 1.0
    assert report["sent"] == 1
    assert len(world.bot_messages(1)) == 6
    assert world.instances[0].app.delivery.retried_after_429 == 1


async def test_a_blocked_user_becomes_inactive_and_gets_no_more_digests(
    world: PushWorld,
) -> None:
    await world.seed(1)
    await world.seed(2)
    world.tg.block(1)
    world.clock.set(at(4, 0))
    push = world.instances[0].push
    report = await push.run_digest_tick()
    assert report["blocked"] == 1 and report["sent"] == 1
    async with world.instances[0].sessions() as session:
        user = await UserRepository(session).get(1)
        assert user is not None and not user.is_active and user.blocked_at == at(4, 0)
    assert await world.delivery(1) is None  # released: back on /start, today still counts
    calls = world.tg.stats.calls["sendMessage"]
    world.clock.set(at(4, 0, DAY + timedelta(days=1)))
    await push.run_digest_tick()
    assert world.tg.stats.calls["sendMessage"] - calls == 6  # user 2 only


async def test_a_transient_failure_is_retried_on_the_next_tick(world: PushWorld) -> None:
    await world.seed(1)
    # Past the request retries (bot.telegram_retry): the header never got through.
    world.tg.inject("sendMessage", 502, chat_id=1, count=world.settings.telegram_retry_attempts)
    world.clock.set(at(4, 0))
    push = world.instances[0].push
    assert (await push.run_digest_tick())["failed"] == 1
    assert await world.delivery(1) is None  # claim released
    world.clock.set(at(4, 1))
    assert (await push.run_digest_tick())["sent"] == 1
    assert len(world.bot_messages(1)) == 6


async def test_a_tick_reads_the_days_of_all_due_users_in_one_query(world: PushWorld) -> None:
    users = range(1, 21)
    for user_id in users:
        await world.seed(user_id)
    async with world.instances[0].sessions() as session:  # another process sent them all
        repo = DigestRepository(session)
        for user_id in users:
            assert await repo.claim(user_id, DAY, at=at(4, 0))
            await repo.mark_sent(user_id, DAY, [1], 1, at(4, 0))
        await session.commit()
    lookups: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "digest_deliveries" in statement:
            lookups.append(statement)

    engine = world.instances[0].app.engine.sync_engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        world.clock.set(at(4, 1))
        report = await world.instances[0].push.run_digest_tick()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert report["due"] == 0 and all(world.bot_messages(u) == [] for u in users)
    assert len(lookups) == 1


async def test_a_tick_reads_the_preferences_of_all_due_users_in_one_query(
    world: PushWorld,
) -> None:
    users = range(1, 21)
    for user_id in users:
        await world.seed(user_id)
    reads: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT") and (
            "FROM user_job_preferences" in statement
        ):
            reads.append(statement)

    engine = world.instances[0].app.engine.sync_engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        world.clock.set(at(4, 0))
        report = await world.instances[0].push.run_digest_tick()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert report["sent"] == len(users)
    assert len(reads) == 1  # for the query order, the search and the context line


async def test_a_claim_left_by_a_crash_is_resumed_without_repeating_cards(
    world: PushWorld,
) -> None:
    await world.seed(1)
    sessions = world.instances[0].sessions
    world.clock.set(at(4, 0))
    async with sessions() as session:  # a process claimed the day and died mid-send
        assert await DigestRepository(session).claim(1, DAY, at=at(4, 0))
        await session.commit()
    push = world.instances[0].push
    world.clock.set(at(4, 5))
    assert (await push.run_digest_tick())["due"] == 0  # could still be in flight
    assert world.bot_messages(1) == []
    world.clock.set(at(4, 10))
    report = await push.run_digest_tick()
    assert report["resumed"] == 1 and report["sent"] == 1
    row = await world.delivery(1)
    assert row is not None and row.status == "sent"


# =========================================================================== instances


async def test_two_processes_on_one_database_send_each_digest_once(world: PushWorld) -> None:
    a = world.instances[0]
    b = await world.start()
    for user_id in range(1, 7):
        await world.seed(user_id, timezone="Europe/Moscow" if user_id % 2 else "Asia/Almaty")
    for moment in (at(3, 59), at(4, 0), at(4, 1), at(6, 0), at(6, 1)):
        world.clock.set(moment)
        reports = await asyncio.gather(a.push.run_digest_tick(), b.push.run_digest_tick())
        assert sum(r["not_leader"] for r in reports) == 1  # one leader per tick
    assert all(len(world.bot_messages(uid)) == 6 for uid in range(1, 7))


async def test_without_the_lease_the_claims_alone_keep_digests_exactly_once(
    world: PushWorld,
) -> None:
    a = world.instances[0]
    b = await world.start()
    for user_id in range(1, 7):
        await world.seed(user_id)
    world.clock.set(at(4, 0))
    # Both processes run the tick body at the same moment, as if the lease had failed.
    await asyncio.gather(a.push.digests.run(), b.push.digests.run())
    assert all(len(world.bot_messages(uid)) == 6 for uid in range(1, 7))


async def test_another_instance_takes_over_when_the_leader_dies(world: PushWorld) -> None:
    a = world.instances[0]
    b = await world.start()
    await world.seed(1)
    world.clock.set(at(4, 0))
    assert await a.push.is_leader()
    assert (await b.push.run_digest_tick())["not_leader"] == 1
    # a dies without releasing; its lease runs out
    world.clock.set(at(4, 4))
    assert (await b.push.run_digest_tick())["sent"] == 1
    assert not await a.push.is_leader()


# =========================================================================== reminders


async def _saved_job_with_reminder(world: PushWorld, user_id: int, remind_at: datetime) -> int:
    async with world.instances[0].sessions() as session:
        [rec_id] = await create_recommendations(
            session,
            user_id,
            ["r1"],
            title="Backend <Python> developer",
            url="https://hh.kz/vacancy/r1",
        )
        repo = SavedJobRepository(session)
        saved = await repo.save(user_id, rec_id, at(0))
        assert saved is not None
        await repo.set_reminder(user_id, saved.id, remind_at)
        await session.commit()
        return saved.id


async def test_a_reminder_fires_once_at_its_time(world: PushWorld) -> None:
    await world.seed(1)
    saved_id = await _saved_job_with_reminder(world, 1, at(5, 30))
    push = world.instances[0].push
    world.clock.set(at(5, 29))
    await push.run_reminder_tick()
    assert world.bot_messages(1) == []
    world.clock.set(at(5, 30))
    assert (await push.run_reminder_tick())["sent"] == 1
    [message] = world.bot_messages(1)
    assert "Reminder: Backend <Python> developer" in message.plain
    assert message.buttons[-1][0].url == "https://hh.kz/vacancy/r1"  # under the status moves
    for later in (at(5, 31), at(9, 0)):
        world.clock.set(later)
        await asyncio.gather(push.run_reminder_tick(), push.reminders.run())
    assert len(world.bot_messages(1)) == 1
    async with world.instances[0].sessions() as session:
        job = await session.get(SavedJob, saved_id)
        assert job is not None and job.reminder_message_id == message.message_id


async def test_a_reminder_that_failed_is_sent_on_the_next_tick(world: PushWorld) -> None:
    await world.seed(1)
    await _saved_job_with_reminder(world, 1, at(5, 30))
    # Past the request retries (bot.telegram_retry).
    world.tg.inject("sendMessage", 500, chat_id=1, count=world.settings.telegram_retry_attempts)
    world.clock.set(at(5, 30))
    push = world.instances[0].push
    assert (await push.run_reminder_tick())["failed"] == 1
    world.clock.set(at(5, 31))
    assert (await push.run_reminder_tick())["sent"] == 1
    assert len(world.bot_messages(1)) == 1


# ===================================================================== refresh, cleanup


async def test_refresh_relearns_only_stale_preferences(world: PushWorld) -> None:
    await world.seed(1)
    await world.seed(2)
    sessions = world.instances[0].sessions
    async with sessions() as session:
        repo = PreferencesRepository(session)
        for user_id, age in ((1, timedelta(days=40)), (2, timedelta(days=2))):
            await repo.save(user_id, PYTHON.model_copy(update={"last_learned_at": at(0) - age}))
        await session.commit()
    world.clock.set(at(2, 30))
    report = await world.instances[0].push.run_refresh()
    assert report["relearned"] == 1
    async with sessions() as session:
        repo = PreferencesRepository(session)
        first, second = await repo.get(1), await repo.get(2)
    assert first is not None and first.last_learned_at == at(2, 30)
    assert second is not None and second.last_learned_at == at(0) - timedelta(days=2)


async def test_cleanup_drops_old_unsaved_recommendations_and_expired_cache(
    world: PushWorld,
) -> None:
    await world.seed(1)
    old = at(0) - timedelta(days=world.settings.recommendation_retention_days + 1)
    sessions = world.instances[0].sessions
    async with sessions() as session:
        old_ids = await create_recommendations(session, 1, ["o1", "o2"], created_at=old)
        [fresh_id] = await create_recommendations(session, 1, ["f1"], created_at=at(0))
        assert await SavedJobRepository(session).save(1, old_ids[1], at(0)) is not None
        cache = HHCacheRepository(session)
        await cache.put("search:old", "search", {}, timedelta(hours=1), at(0) - timedelta(days=2))
        await cache.put("search:new", "search", {}, timedelta(hours=24), at(0))
        await session.commit()
    world.clock.set(at(3, 0))
    report = await world.instances[0].push.run_cleanup()
    assert report["recommendations_expired"] == 1 and report["hh_cache_expired"] == 1
    async with sessions() as session:
        assert await session.get(JobRecommendation, old_ids[0]) is None
        assert await session.get(JobRecommendation, old_ids[1]) is not None  # saved
        assert await session.get(JobRecommendation, fresh_id) is not None
        assert await session.get(HHCacheEntry, "search:new") is not None


async def test_cleanup_caps_every_user_keeping_saved_and_rated_rows(world: PushWorld) -> None:
    await world.seed(1)  # no digests: only /jobs and /search fill their list
    async with world.instances[0].sessions() as session:
        await UserRepository(session).update(1, digest_enabled=False)
        cap = world.settings.max_recommendations_per_user
        old = await create_recommendations(
            session, 1, ["saved", "rated", "plain"], created_at=at(0) - timedelta(days=1)
        )
        await create_recommendations(session, 1, [f"n{i}" for i in range(cap)], created_at=at(0))
        assert await SavedJobRepository(session).save(1, old[0], at(0)) is not None
        await FeedbackRepository(session).upsert(1, old[1], is_relevant=False)
        await session.commit()
    world.clock.set(at(3, 0))
    report = await world.instances[0].push.run_cleanup()
    assert report["recommendations_over_cap"] == 1
    async with world.instances[0].sessions() as session:
        assert await session.get(JobRecommendation, old[2]) is None
        assert await session.get(JobRecommendation, old[0]) is not None  # saved
        assert await session.get(JobRecommendation, old[1]) is not None  # rated
        assert await RecommendationRepository(session).count(1) == cap + 2


async def _until(condition: Any, timeout: float = 10.0) -> None:  # noqa: ASYNC109
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met")
        await asyncio.sleep(0.05)
