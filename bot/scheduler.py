"""APScheduler wiring for the push jobs, with a leader lease so one process runs them.

A few fixed "tick" jobs in an ``AsyncIOScheduler`` with a ``MemoryJobStore``: the job store
holds nothing that would be lost, because every tick reads its due work from the database
(bot/push.py). Started inside the bot's event loop (dispatcher startup), stopped on shutdown.

- digest tick and reminder tick: every minute, and once right at start, so a digest
  missed while the bot was down goes out at once if it is still the same local day;
- preference refresh and cleanup: daily.

Several instances: a heartbeat every few seconds takes or renews a short lease row
(LeaseRepository, TTL 20 s), and each tick checks it too. Only the holder works; the others
skip the tick and keep answering users. If the holder dies its lease expires and another
instance's heartbeat takes over within the TTL and runs a digest tick at once; a lease
held by a process on this host that no longer runs (a restart after ``kill -9``) is taken
at once. The claims in bot/push.py make each digest and reminder exactly-once even if two
processes ever overlap, so the lease is about not doing the work twice.

Tests drive the ticks directly (``await scheduler.run_digest_tick()``) with a controlled
clock instead of waiting for real minutes.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.delivery import Delivery
from bot.i18n import Translator
from bot.push import CardRenderer, DigestSource, PushService, Relearner, TickReport
from bot.push_common import PushContext, default_holder, holder_is_dead
from core.domain.clock import Clock
from core.domain.recommendation_cards import RecommendationCard
from db.repositories import LeaseRepository
from db.session import database_unavailable

if TYPE_CHECKING:
    from aiogram.types import InlineKeyboardMarkup

    from bot.app import BotApp

logger = logging.getLogger(__name__)

LEASE_NAME = "push"
# A dead leader is replaced within LEASE_TTL + HEARTBEAT_EVERY; a live one renews its
# lease four times per TTL, so a slow renewal or two never loses it.
LEASE_TTL = timedelta(seconds=20)
HEARTBEAT_EVERY = timedelta(seconds=5)
TICK_EVERY = timedelta(minutes=1)
DRAIN_TIMEOUT = 10.0  # seconds a running tick may take to finish at shutdown
DAILY_REFRESH_AT = time(2, 30)  # UTC: night in Kazakhstan and Russia
DAILY_CLEANUP_AT = time(3, 0)
JOB_DEFAULTS: dict[str, Any] = {
    "coalesce": True,  # minutes missed while busy collapse into one run
    "max_instances": 1,  # a long digest run is never overlapped by the next tick
    "misfire_grace_time": 3600,  # a late daily job still runs rather than being dropped
}

Tick = Callable[[], Awaitable[TickReport]]


class PushScheduler:
    """The push jobs on a timer, run only while this process holds the lease."""

    def __init__(
        self,
        push: PushService,
        session_factory: async_sessionmaker[AsyncSession],
        clock: Clock,
        *,
        holder: str | None = None,
        lease_ttl: timedelta = LEASE_TTL,
        drain_timeout: float = DRAIN_TIMEOUT,
    ) -> None:
        self.push = push
        self._sessions = session_factory
        self._clock = clock
        self.holder = holder or default_holder()
        self._lease_ttl = lease_ttl
        self._drain_timeout = drain_timeout
        self._scheduler: AsyncIOScheduler | None = None
        self._running: set[asyncio.Task[Any]] = set()  # job runs in progress, for stop()
        self._tick_locks: dict[str, asyncio.Lock] = {}
        self._leading = False  # as of the last heartbeat

    # ========================================================================= ticks

    async def run_digest_tick(self) -> TickReport:
        return await self._guarded(
            "digest", lambda: self.push.run_digest_tick(self.is_leader, leader=self.holder)
        )

    async def run_reminder_tick(self) -> TickReport:
        return await self._guarded("reminders", self.push.run_reminder_tick)

    async def run_refresh(self) -> TickReport:
        return await self._guarded("refresh", self.push.run_refresh)

    async def run_cleanup(self) -> TickReport:
        return await self._guarded("cleanup", self.push.run_cleanup)

    async def _guarded(self, kind: str, tick: Tick) -> TickReport:
        # One tick of a kind at a time in this process (the timer's and a direct call,
        # e.g. the demo's "send my digest now"); the lease does the same across processes.
        async with self._tick_locks.setdefault(kind, asyncio.Lock()):
            if not await self.is_leader():
                return TickReport({"not_leader": 1})
            return await tick()

    async def is_leader(self) -> bool:
        """Take or renew the lease; False while another live instance holds it. A lease
        whose holder is known dead (a process on this host that no longer runs) is taken
        at once rather than waited out."""
        try:
            async with self._sessions() as session:
                leases = LeaseRepository(session)
                current = await leases.holder(LEASE_NAME)
                if current is not None and current != self.holder and holder_is_dead(current):
                    logger.warning("taking over the push lease of dead %s", current)
                    await leases.release(LEASE_NAME, current)
                ours = await leases.try_acquire(
                    LEASE_NAME, self.holder, self._lease_ttl, self._clock()
                )
                await session.commit()
        except Exception as exc:  # the database is down: no tick can work anyway
            _log_failure("could not check the push lease", exc)
            ours = False
        self._leading = ours
        return ours

    async def heartbeat(self) -> bool:
        """Renew the lease between ticks (or take it over from a dead leader); on
        becoming the leader, run the digest and reminder ticks now rather than at the
        next minute. Returns whether this instance leads."""
        was_leading = self._leading
        if await self.is_leader() and not was_leading and self._scheduler is not None:
            logger.info("push lease taken by %s: running the ticks now", self.holder)
            moment = datetime.now(UTC)
            for job_id in ("digest", "reminders"):
                job = self._scheduler.get_job(job_id)
                if job is not None:
                    job.modify(next_run_time=moment)
        return self._leading

    async def release_lease(self) -> None:
        """Hand the lease over at once instead of letting it expire."""
        try:
            async with self._sessions() as session:
                await LeaseRepository(session).release(LEASE_NAME, self.holder)
                await session.commit()
        except Exception as exc:
            _log_failure("could not release the push lease", exc)

    # ===================================================================== lifecycle

    @property
    def running(self) -> bool:
        return self._scheduler is not None and self._scheduler.running

    @property
    def job_ids(self) -> list[str]:
        """The scheduled jobs (empty while stopped)."""
        if self._scheduler is None:
            return []
        return sorted(job.id for job in self._scheduler.get_jobs())

    async def start(self) -> None:
        """Start the timer in the running event loop (call from dispatcher startup)."""
        if self.running:
            return
        scheduler = AsyncIOScheduler(
            jobstores={"default": MemoryJobStore()}, job_defaults=JOB_DEFAULTS, timezone=UTC
        )
        now = datetime.now(UTC)  # APScheduler's own timer runs on real time
        every = IntervalTrigger(seconds=int(TICK_EVERY.total_seconds()), timezone=UTC)
        # next_run_time=now: the first digest and reminder ticks run right at start.
        scheduler.add_job(self._job(self.run_digest_tick, "digest"), every, id="digest",
                          next_run_time=now)  # fmt: skip
        scheduler.add_job(self._job(self.run_reminder_tick, "reminders"), every,
                          id="reminders", next_run_time=now)  # fmt: skip
        beat = IntervalTrigger(seconds=int(HEARTBEAT_EVERY.total_seconds()), timezone=UTC)
        scheduler.add_job(self._beat, beat, id="lease", next_run_time=now)
        scheduler.add_job(self._job(self.run_refresh, "refresh"), _daily(DAILY_REFRESH_AT),
                          id="refresh")  # fmt: skip
        scheduler.add_job(self._job(self.run_cleanup, "cleanup"), _daily(DAILY_CLEANUP_AT),
                          id="cleanup")  # fmt: skip
        scheduler.start()
        self._scheduler = scheduler
        logger.info("push scheduler started as %s", self.holder)

    async def stop(self) -> None:
        """Stop the timer, let a running tick finish (bounded), then hand the lease over."""
        scheduler, self._scheduler = self._scheduler, None
        if scheduler is not None and scheduler.running:
            scheduler.pause()  # no new runs; the running ones go on
        await self._drain()
        if scheduler is not None and scheduler.running:
            # Only now: APScheduler's asyncio executor cancels the jobs still running.
            scheduler.shutdown(wait=False)
        await self.release_lease()

    async def _drain(self) -> None:
        # A tick cut short leaves the claims of the digests it was sending pending; they
        # are resumed later (core.domain.digest.claim_action). Waiting a little avoids that.
        running = {task for task in self._running if not task.done()}
        if not running:
            return
        _, late = await asyncio.wait(running, timeout=self._drain_timeout)
        for task in late:
            task.cancel()
        if late:
            await asyncio.gather(*late, return_exceptions=True)
            logger.warning("stopped %d push job(s) still running at shutdown", len(late))

    async def _beat(self) -> None:
        try:
            await self.heartbeat()
        except Exception:  # logged; the next beat tries again
            logger.exception("push lease heartbeat failed")

    def _job(self, tick: Tick, name: str) -> Callable[[], Awaitable[None]]:
        async def job() -> None:
            task = asyncio.current_task()
            if task is not None:
                self._running.add(task)
            try:
                await tick()
            except Exception:  # logged here with the job's name; the next tick retries
                logger.exception("push job %s failed", name)
            finally:
                if task is not None:
                    self._running.discard(task)

        job.__name__ = f"push_{name}"
        return job


def _log_failure(what: str, error: Exception) -> None:
    """One line when the database is unavailable (it says why), a traceback otherwise."""
    reason = database_unavailable(error)
    if reason is not None:
        logger.error("%s: the database is unavailable: %s", what, reason)
    else:
        logger.exception(what)


def _daily(at: time) -> CronTrigger:
    return CronTrigger(hour=at.hour, minute=at.minute, timezone=UTC)


# ========================================================================= wiring


def card_renderer() -> CardRenderer:
    """The /jobs card (bot/ui/cards.py): a digest shows exactly what /jobs shows."""
    from bot.ui.cards import card_keyboard, render_card

    def render(t: Translator, card: RecommendationCard) -> tuple[str, InlineKeyboardMarkup]:
        return render_card(card, t), card_keyboard(card, t)

    return render


def build_push(
    app: BotApp,
    *,
    recommender: DigestSource | None = None,
    learner: Relearner | None = None,
    clock: Clock | None = None,
    holder: str | None = None,
    **push_options: Any,
) -> PushScheduler:
    """A PushScheduler over the app's bot, database and services (not started)."""
    services = app.services
    clock = clock or services.clock
    recommender = recommender or services.recommender
    if recommender is None:
        raise ValueError("the push jobs need the recommender (services.recommender)")
    settings = app.settings
    ctx = PushContext(
        sessions=app.session_factory,
        delivery=Delivery(app.bot, app.pacer),
        locales=services.locales,
        settings=settings,
        clock=clock,
    )
    holder = holder or default_holder()
    push = PushService(
        ctx,
        recommender=recommender,
        render_card=card_renderer(),
        learner=learner or getattr(services, "learner", None),
        holder=holder,
        **push_options,
    )
    return PushScheduler(push, app.session_factory, clock, holder=holder)


def install_push(app: BotApp, **options: Any) -> PushScheduler:
    """Build the push scheduler and hook it into the app's lifecycle: it starts when the
    dispatcher starts (polling or webhook) and stops, releasing the lease, on shutdown.
    An app that already has one keeps it (one scheduler per app, started once)."""
    if isinstance(app.scheduler, PushScheduler):
        return app.scheduler
    scheduler = build_push(app, **options)
    app.scheduler = scheduler
    app.on_startup.append(scheduler.start)
    app.on_shutdown.append(scheduler.stop)
    return scheduler
