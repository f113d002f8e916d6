"""APScheduler wiring for the push jobs, with a leader lease so one process runs them.

A few fixed "tick" jobs in an ``AsyncIOScheduler`` with a ``MemoryJobStore``: the job store
holds nothing that would be lost, because every tick reads its due work from the database
(the core services behind each tick). Started inside the bot's event loop (dispatcher
startup), stopped on shutdown.

- digest tick and reminder tick: every minute, and once right at start, so a digest
  missed while the bot was down goes out at once if it is still the same local day;
- preference refresh and cleanup: daily.

Several instances: a heartbeat every few seconds takes or renews a short lease row
(core.services.push_lease.PushLease, TTL 20 s), and each tick checks it too. Only the
holder works; the others skip the tick and keep answering users. If the holder dies its
lease expires and another instance's heartbeat takes over within the TTL and runs a
digest tick at once; a lease held by a process on this host that no longer runs (a
restart after ``kill -9``) is taken at once. The claims of the digest and reminder
services make each digest and reminder exactly-once even if two processes ever overlap,
so the lease is about not doing the work twice.

Tests drive the ticks directly (``await scheduler.run_digest_tick()``) with a controlled
clock instead of waiting for real minutes. Built by the composition root (bot/app.py).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, time, timedelta
from typing import Any, Protocol

from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from core.domain.push import TickReport
from core.services.digest_delivery import KeepLeading, TrialDigest
from core.services.health import database_unavailable
from core.services.maintenance import Maintenance
from core.services.push_lease import PushLease
from core.services.reminder_delivery import ReminderDelivery

logger = logging.getLogger(__name__)

HEARTBEAT_EVERY = timedelta(seconds=5)  # four renewals per lease TTL
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


class DigestTicks(Protocol):
    """core.services.digest_delivery.DigestDelivery, as the scheduler runs it."""

    async def run(
        self, keep_leading: KeepLeading | None = None, *, leader: str | None = None
    ) -> TickReport: ...


class TrialDigests(Protocol):
    """core.services.digest_delivery.DigestDelivery's "send me a test digest now"."""

    async def send_test(self, user_id: int, search_id: int | None = None) -> TrialDigest: ...


class PushScheduler:
    """The push jobs on a timer, run only while this process holds the lease."""

    def __init__(
        self,
        lease: PushLease,
        *,
        digests: DigestTicks,
        reminders: ReminderDelivery,
        maintenance: Maintenance,
        drain_timeout: float = DRAIN_TIMEOUT,
        test_digests: TrialDigests | None = None,
    ) -> None:
        self.lease = lease
        self.digests = digests
        self.test_digests = test_digests  # /settings: "send me a test digest now"
        self.reminders = reminders
        self.maintenance = maintenance
        self._drain_timeout = drain_timeout
        self._scheduler: AsyncIOScheduler | None = None
        self._running: set[asyncio.Task[Any]] = set()  # job runs in progress, for stop()
        self._tick_locks: dict[str, asyncio.Lock] = {}
        self._leading = False  # as of the last heartbeat

    @property
    def holder(self) -> str:
        return self.lease.holder

    # ========================================================================= ticks

    async def run_digest_tick(self) -> TickReport:
        return await self._guarded(
            "digest", lambda: self.digests.run(self.is_leader, leader=self.holder)
        )

    async def run_reminder_tick(self) -> TickReport:
        return await self._guarded("reminders", self.reminders.run)

    async def run_refresh(self) -> TickReport:
        return await self._guarded("refresh", self.maintenance.refresh_preferences)

    async def run_cleanup(self) -> TickReport:
        return await self._guarded("cleanup", self.maintenance.cleanup)

    async def _guarded(self, kind: str, tick: Tick) -> TickReport:
        # One tick of a kind at a time in this process (the timer's and a direct call,
        # e.g. the demo's "send my digest now"); the lease does the same across processes.
        async with self._tick_locks.setdefault(kind, asyncio.Lock()):
            if not await self.is_leader():
                return TickReport({"not_leader": 1})
            return await tick()

    async def is_leader(self) -> bool:
        """Take or renew the lease; False while another live instance holds it (or the
        database cannot be reached: no tick could work anyway)."""
        try:
            ours = await self.lease.acquire()
        except Exception as exc:
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
            await self.lease.release()
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
        ticks = (("digest", self.run_digest_tick), ("reminders", self.run_reminder_tick))
        for job_id, tick in ticks:
            scheduler.add_job(self._job(tick, job_id), every, id=job_id, next_run_time=now)
        beat = IntervalTrigger(seconds=int(HEARTBEAT_EVERY.total_seconds()), timezone=UTC)
        scheduler.add_job(self._beat, beat, id="lease", next_run_time=now)
        daily = (
            ("refresh", self.run_refresh, DAILY_REFRESH_AT),
            ("cleanup", self.run_cleanup, DAILY_CLEANUP_AT),
        )
        for job_id, tick, at in daily:
            scheduler.add_job(self._job(tick, job_id), _daily(at), id=job_id)
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
        # Tracked like a tick: stop() waits for a renewal in flight instead of letting
        # APScheduler cancel it mid-commit.
        task = asyncio.current_task()
        if task is not None:
            self._running.add(task)
        try:
            await self.heartbeat()
        except Exception:  # logged; the next beat tries again
            logger.exception("push lease heartbeat failed")
        finally:
            if task is not None:
                self._running.discard(task)

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
