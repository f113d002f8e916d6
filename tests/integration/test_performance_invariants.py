"""Performance invariants the benchmarks (bench/updates.py, bench/digest.py) depend on,
asserted on counts and orders, never on wall-clock times, so they hold on a loaded machine.

- a known user's update writes nothing to ``users`` (SQLite has one write lock);
- concurrent writers on SQLite queue instead of failing with "database is locked";
- a rescore is one statement for N rows, and writes only the rows whose score changed;
- the digest prepares the next batch while the current one is being sent.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from core.config import load_settings
from core.domain.digest import DigestContext, Subscriber
from core.domain.onboarding import OnboardingAnswers, build_preferences
from core.domain.preferences import UserPreferences
from core.domain.push import SendResult, SendStatus
from core.domain.recommendation_cards import RecommendationCard
from core.domain.scoring import ScoreExplanation
from core.domain.searches import SearchPreferences
from core.hh.client import HHClient
from core.services.digest_delivery import DigestDelivery, DigestOptions, OnReady
from core.services.feedback import FeedbackService
from core.services.learner import Learner
from core.services.recommender import Recommender
from core.services.users import LAST_SEEN_RESOLUTION, UserService
from db.models import FsmRecord, User
from db.repositories import PreferencesRepository, RecommendationRepository, UserRepository
from db.session import create_engine, create_session_factory, migrate, write_gate
from sandbox.corpus import Corpus
from sandbox.hh import HHEmulator
from tests.fixtures.db import sqlite_url
from tests.fixtures.hh import HH_APP_TOKEN, HH_USER_AGENT

Sessions = async_sessionmaker[AsyncSession]
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


@contextmanager
def statements(engine: AsyncEngine) -> Iterator[list[str]]:
    """Every SQL statement the engine runs inside the block (executemany counts once)."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(" ".join(statement.split()))

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)


def writes(seen: list[str], table: str) -> list[str]:
    verbs = ("INSERT INTO " + table, "UPDATE " + table, "DELETE FROM " + table)
    return [sql for sql in seen if sql.startswith(verbs)]


# ============================================================================ users


@SQLITE_ONLY
async def test_a_known_users_update_writes_nothing(
    engine: AsyncEngine, session_factory: Sessions
) -> None:
    clock = Clock()
    users = UserService(session_factory, load_settings(), clock)
    with statements(engine) as first:
        created = await users.ensure_user(7, first_name="Aru", username=None, language_code="ru")
    assert created.language == "ru"
    assert len(writes(first, "users")) >= 1  # the first contact registers the user

    clock.now += LAST_SEEN_RESOLUTION / 2
    with statements(engine) as later:
        for _ in range(5):
            profile = await users.ensure_user(
                7, first_name="Aru", username=None, language_code="ru"
            )
    assert profile == created
    assert writes(later, "users") == []
    assert len(later) == 5  # one primary-key read per update

    clock.now += LAST_SEEN_RESOLUTION
    with statements(engine) as stale:
        await users.ensure_user(7, first_name="Aru", username=None, language_code="ru")
    assert len(writes(stale, "users")) == 1  # last_seen_at, at most once per resolution
    async with session_factory() as session:
        row = await session.get(User, 7)
        assert row is not None and row.last_seen_at == clock.now


@SQLITE_ONLY
async def test_a_blocked_or_renamed_user_is_still_updated(session_factory: Sessions) -> None:
    users = UserService(session_factory, load_settings(), Clock())
    await users.ensure_user(8, first_name="Old", username=None, language_code="en")
    async with session_factory() as session:
        await UserRepository(session).mark_inactive(8, NOW)
        await session.commit()
    profile = await users.ensure_user(8, first_name="New", username=None, language_code="en")
    assert profile.is_active and profile.first_name == "New"
    async with session_factory() as session:
        row = await session.get(User, 8)
        assert row is not None and row.is_active and row.first_name == "New"


async def test_another_processs_write_lock_does_not_freeze_the_loop(tmp_path: Path) -> None:
    """SQLite runs on the loop's thread (db/sqlite_inline.py); a write that finds the file
    locked by another writer (here a second engine, as a second instance would be) waits
    on a worker thread while the loop goes on, and then succeeds."""
    url = sqlite_url(tmp_path / "two.sqlite")
    await migrate(url)
    first, second = create_engine(url), create_engine(url)
    try:
        async with first.connect() as holder:
            await holder.execute(
                text(
                    "INSERT INTO scheduler_leases (name, holder, expires_at) "
                    "VALUES ('a', 'one', '2030-01-01')"
                )
            )
            ticks = 0
            done = asyncio.Event()
            ticked = asyncio.Event()

            async def ticker() -> None:
                nonlocal ticks
                while not done.is_set():
                    ticks += 1
                    if ticks >= 5:
                        ticked.set()
                    await asyncio.sleep(0.01)

            async def write() -> None:
                async with second.begin() as conn:
                    await conn.execute(
                        text(
                            "INSERT INTO scheduler_leases (name, holder, "
                            "expires_at) VALUES ('b', 'two', '2030-01-01')"
                        )
                    )
                done.set()

            ticking = asyncio.create_task(ticker())
            writing = asyncio.create_task(write())
            await ticked.wait()  # the loop runs while the second writer waits for the lock
            assert not writing.done()
            await holder.commit()
            await writing
            await ticking
        async with second.connect() as conn:
            names = (await conn.execute(text("SELECT name FROM scheduler_leases"))).scalars()
            assert sorted(names) == ["a", "b"]
    finally:
        await first.dispose()
        await second.dispose()


# ============================================================================ FSM storage


@SQLITE_ONLY
async def test_the_dialog_state_is_read_once_and_an_unchanged_write_is_skipped(
    engine: AsyncEngine, session_factory: Sessions
) -> None:
    from aiogram.fsm.storage.base import StorageKey

    from db.fsm_storage import SQLAlchemyStorage

    now = [0.0]
    storage = SQLAlchemyStorage(session_factory, clock=lambda: now[0])
    key = StorageKey(bot_id=1, chat_id=9, user_id=9)
    with statements(engine) as seen:
        for _ in range(5):  # aiogram reads the state of every update
            assert await storage.get_state(key) is None
        await storage.set_state(key, None)  # /jobs leaving no state: nothing to write
    assert len(seen) == 1
    with statements(engine) as seen:
        await storage.set_state(key, "Search:query")
        await storage.set_data(key, {"page": [[1, "a"]]})
        data = await storage.get_data(key)
        data["page"][0][0] = 2  # the caller's copy, not the storage's
        assert await storage.get_data(key) == {"page": [[1, "a"]]}
        assert await storage.get_state(key) == "Search:query"
    assert len(writes(seen, "fsm_storage")) == 2 and len(seen) == 2
    async with session_factory() as session:
        row = await session.get(FsmRecord, storage._key_builder.build(key))
        assert row is not None and row.state == "Search:query" and row.data == {"page": [[1, "a"]]}
    storage.forget_user(9)  # /delete_me: read again
    now[0] += 1
    with statements(engine) as seen:
        assert await storage.get_state(key) == "Search:query"
    assert len(seen) == 1
    now[0] += 60  # beyond the copy's life: read again
    with statements(engine) as seen:
        assert await storage.get_state(key) == "Search:query"
    assert len(seen) == 1


# ============================================================================ write lock


async def _engine_with_short_busy_timeout(tmp_path: Path) -> AsyncEngine:
    url = sqlite_url(tmp_path / "contended.sqlite")
    await migrate(url)
    engine = create_engine(url)

    # 50 ms instead of 5 s: without the gate, contended writers fail at once.
    @event.listens_for(engine.sync_engine, "connect")
    def short_timeout(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout=50")
        cursor.close()

    return engine


async def test_contended_writers_queue_instead_of_failing(tmp_path: Path) -> None:
    """30 transactions that each hold SQLite's write lock across an await (as a handler
    does between its statements) would fail with "database is locked" once a writer
    waited longer than busy_timeout; the write gate queues them in order."""
    engine = await _engine_with_short_busy_timeout(tmp_path)
    factory = create_session_factory(engine)
    try:

        async def writer(index: int) -> None:
            async with factory() as session:
                await session.execute(
                    text(
                        "INSERT INTO fsm_storage (key, user_id, data, updated_at) "
                        "VALUES (:key, :uid, '{}', '2026-01-01')"
                    ),
                    {"key": f"k{index}", "uid": index},
                )
                await asyncio.sleep(0.01)  # the write lock is held across an await
                await session.execute(select(FsmRecord.key).limit(1))
                await session.commit()

        await asyncio.gather(*(writer(i) for i in range(30)))
        async with factory() as session:
            keys = (await session.scalars(select(FsmRecord.key))).all()
        assert len(keys) == 30
        gate = write_gate(engine)
        assert gate is not None and gate.waits > 0  # they did contend
    finally:
        await engine.dispose()


async def test_concurrent_feedback_and_relearn_never_hit_a_locked_database(
    tmp_path: Path,
) -> None:
    """20 users tap 👍/👎 at once and their relearns (preferences saved) run at once."""
    engine = await _engine_with_short_busy_timeout(tmp_path)
    factory = create_session_factory(engine)
    prefs = build_preferences(OnboardingAnswers(skills=["Python", "SQL"], area_ids=["160"]))
    learner = Learner(factory, Clock(), debounce=0)
    feedback = FeedbackService(factory, learner, Clock())
    users = range(1, 21)
    try:
        rec_ids: dict[int, list[int]] = {}
        async with factory() as session:
            for user_id in users:
                await UserRepository(session).get_or_create(user_id)
                await PreferencesRepository(session).save(user_id, prefs)
                rows = [
                    {"vacancy_id": f"{user_id}-{n}", "title": f"Python {n}", "raw": {}}
                    for n in range(3)
                ]
                await RecommendationRepository(session).add_many(user_id, rows)
            await session.commit()
            for user_id in users:
                stored = await RecommendationRepository(session).seen_vacancy_ids(user_id)
                assert len(stored) == 3
            result = await session.execute(text("SELECT user_id, id FROM job_recommendations"))
            for user_id, rec_id in result.all():
                rec_ids.setdefault(user_id, []).append(rec_id)

        async def taps(user_id: int) -> None:
            for n, rec_id in enumerate(rec_ids[user_id]):
                assert await feedback.rate(user_id, rec_id, n % 2 == 0) is not None
                await learner.relearn(user_id)

        await asyncio.gather(*(taps(user_id) for user_id in users))
        await learner.drain()
        async with factory() as session:
            count = await session.scalar(text("SELECT count(*) FROM job_feedback"))
            learned = await session.scalar(
                text("SELECT count(*) FROM user_job_preferences WHERE last_learned_at IS NOT NULL")
            )
        assert count == 60
        assert learned == 20
    finally:
        await engine.dispose()


# ============================================================================ rescore


def _python_vacancies(corpus: Corpus, count: int) -> list[dict[str, Any]]:
    found = [v for v in corpus.vacancies.values() if "Python" in v["name"] and not v["archived"]]
    return found[:count]


@SQLITE_ONLY
async def test_rescore_writes_changed_rows_in_one_statement(
    engine: AsyncEngine, session_factory: Sessions, hh_emulator: HHEmulator, hh_corpus: Corpus
) -> None:
    settings = load_settings(
        hh_api_base_url=hh_emulator.url,
        hh_app_token=HH_APP_TOKEN,
        hh_user_agent=HH_USER_AGENT,
        hh_requests_per_second=1000.0,
    )
    prefs = build_preferences(OnboardingAnswers(skills=["Python", "SQL"], area_ids=["160"]))
    vacancies = _python_vacancies(hh_corpus, 6)
    async with session_factory() as session:
        await UserRepository(session).get_or_create(1)
        await PreferencesRepository(session).save(1, prefs)
        rows = [
            {"vacancy_id": v["id"], "title": v["name"], "relevance_score": 0.123, "raw": v}
            for v in vacancies
        ]
        rows.append(
            {
                "vacancy_id": "broken",
                "title": "unreadable",
                "relevance_score": 0.123,
                "raw": {"id": 1},
            }
        )
        await RecommendationRepository(session).add_many(1, rows)
        await session.commit()
    async with HHClient.from_settings(settings) as hh:
        recommender = Recommender(hh, session_factory, settings, Clock())
        with statements(engine) as first:
            assert await recommender.rescore(1) == 6  # the unreadable row keeps its score
        updates = writes(first, "job_recommendations")
        assert len(updates) == 1  # one executemany for the six rows

        with statements(engine) as again:
            assert await recommender.rescore(1) == 6
        assert writes(again, "job_recommendations") == []  # nothing changed, nothing written

        async with session_factory() as session:
            await PreferencesRepository(session).save(
                1, prefs.model_copy(update={"skills": {"Django": 1.0}})
            )
            await session.commit()
        with statements(engine) as changed:
            assert await recommender.rescore(1) == 6
        assert len(writes(changed, "job_recommendations")) == 1

    async with session_factory() as session:
        scores = dict(
            (
                await session.execute(
                    text("SELECT vacancy_id, relevance_score FROM job_recommendations")
                )
            ).all()
        )
    assert scores.pop("broken") == 0.123
    assert all(score != 0.123 for score in scores.values())


# ============================================================================ digest


class _StreamingSource:
    """A recommender that hands out each user's cards one by one, logging the order."""

    def __init__(self, log: list[tuple[str, Any]], sent: asyncio.Event) -> None:
        self.log = log
        self.sent = sent
        self.second_batch = asyncio.Event()  # the next batch is being prepared

    def plan_signature(self, prefs: UserPreferences) -> str:
        return prefs.job_titles[0]  # odd users share one query, even users another

    async def fresh_for_digest(
        self,
        preferences: Mapping[int, SearchPreferences],
        *,
        limit: int = 5,
        min_relevance: float = 0.5,
        on_ready: OnReady | None = None,
    ) -> dict[int, list[RecommendationCard]]:
        self.log.append(("prepare", tuple(preferences)))
        if len([entry for entry in self.log if entry[0] == "prepare"]) > 1:
            self.second_batch.set()
        result = {}
        for uid in preferences:
            await asyncio.sleep(0)  # an HH fetch
            result[uid] = [_card(uid * 10)]
            if on_ready is not None:
                on_ready(uid, result[uid])
        if not self.log[1:]:  # the first batch: a slow HH, the sender must not wait for it
            await asyncio.wait_for(self.sent.wait(), 10)
        self.log.append(("prepared", tuple(preferences)))
        return result

    async def mark_delivered(self, user_id: int, recommendation_ids: Sequence[int]) -> int:
        return len(recommendation_ids)


_NO_EXPLANATION = ScoreExplanation((), (), "unknown", None, "anywhere", (), ())


def _card(recommendation_id: int) -> RecommendationCard:
    return RecommendationCard(
        recommendation_id=recommendation_id,
        vacancy_id=str(recommendation_id),
        title="Dev",
        employer_id=None,
        employer_name=None,
        area_name=None,
        salary_from=None,
        salary_to=None,
        salary_currency=None,
        salary_gross=None,
        url=None,
        snippet="",
        relevance=0.9,
        explanation=_NO_EXPLANATION,
        saved=False,
        feedback=None,
        published_at=None,
    )


class _SlowSender:
    """The digest's sender port: sends after the first wait until the next batch is being
    prepared: only a pipelined digest (preparing while sending) gets past that, whatever
    the machine's speed."""

    def __init__(self, log: list[tuple[str, Any]]) -> None:
        self.log = log
        self.sent = 0
        self.first = asyncio.Event()
        self.next_batch_started: asyncio.Event | None = None

    def is_paused(self, chat_id: int) -> bool:
        return False

    async def send_header(self, subscriber: Subscriber, context: DigestContext) -> SendResult:
        return await self._send(subscriber.user_id)

    async def send_card(self, subscriber: Subscriber, card: RecommendationCard) -> SendResult:
        return await self._send(subscriber.user_id)

    async def _send(self, user_id: int) -> SendResult:
        if self.sent and self.next_batch_started is not None:
            await asyncio.wait_for(self.next_batch_started.wait(), 10)
        self.sent += 1
        self.log.append(("send", user_id))
        self.first.set()
        return SendResult(SendStatus.SENT, message_id=self.sent)


async def test_digest_sends_while_preparing_and_prepares_while_sending(
    sqlite_session_factory: Sessions,
) -> None:
    clock = Clock()  # 12:00 UTC; every user's digest is at 09:00 UTC
    async with sqlite_session_factory() as session:
        for uid in range(1, 7):
            await UserRepository(session).get_or_create(uid, timezone="UTC", digest_time="09:00")
            # set up yesterday: today's 09:00 digest is owed
            await UserRepository(session).update(
                uid, onboarding_completed_at=NOW - timedelta(days=1)
            )
            title = "odd" if uid % 2 else "even"
            await PreferencesRepository(session).save(uid, UserPreferences(job_titles=[title]))
        await session.commit()
    log: list[tuple[str, Any]] = []
    sender = _SlowSender(log)
    source = _StreamingSource(log, sender.first)
    sender.next_batch_started = source.second_batch
    job = DigestDelivery(
        sqlite_session_factory,
        source,
        sender,
        clock,
        default_timezone="UTC",
        holder="test",
        options=DigestOptions(batch_size=2),
    )

    report = await job.run()

    assert report["sent"] == 6
    prepares = [users for kind, users in log if kind == "prepare"]
    assert prepares == [(1, 3), (5, 2), (4, 6)]  # users sharing a query batched together
    first_send = log.index(next(entry for entry in log if entry[0] == "send"))
    assert first_send < log.index(("prepared", (1, 3)))  # sent before the batch was done
    last_send_of_first_batch = max(
        i for i, entry in enumerate(log) if entry[0] == "send" and entry[1] in (1, 3)
    )
    assert log.index(("prepare", (5, 2))) < last_send_of_first_batch  # pipelined


def test_resolution_is_minutes() -> None:
    assert timedelta(minutes=1) <= LAST_SEEN_RESOLUTION <= timedelta(hours=1)
