"""The push jobs: daily digests, saved-job reminders, preference refresh and cleanup.

Each ``run_*`` method is one tick: it reads due work from the database (the only source of
truth), does it, and returns a :class:`TickReport`. bot/scheduler.py calls them on a timer
under the leader lease; tests call them directly with a controlled clock.

- digests: bot/push_digest.py (exactly-once claims, crash resume);
- reminders: bot/push_reminders.py;
- refresh and cleanup: here (a few repository calls each).
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any, Protocol

from bot.delivery import Delivery
from bot.push_common import PushContext, TickReport
from bot.push_digest import CardRenderer, DigestJob, DigestSource, KeepLeading
from bot.push_reminders import ReminderJob
from db.repositories import (
    HHCacheRepository,
    PreferencesRepository,
    RecommendationRepository,
)

__all__ = ["CardRenderer", "DigestSource", "PushService", "Relearner", "TickReport"]

logger = logging.getLogger(__name__)


class Relearner(Protocol):
    """What the refresh needs from core.services.learner.Learner."""

    async def relearn(self, user_id: int) -> Any: ...


class PushService:
    """The four jobs behind one face. ``digest_options`` go to DigestJob (digest_size,
    min_relevance, batch_size, stale_after, holder)."""

    def __init__(
        self,
        ctx: PushContext,
        *,
        recommender: DigestSource,
        render_card: CardRenderer,
        learner: Relearner | None = None,
        **digest_options: Any,
    ) -> None:
        self._ctx = ctx
        self._learner = learner
        self._digests = DigestJob(ctx, recommender, render_card, **digest_options)
        self._reminders = ReminderJob(ctx)

    @property
    def delivery(self) -> Delivery:
        return self._ctx.delivery

    async def run_digest_tick(
        self, keep_leading: KeepLeading | None = None, *, leader: str | None = None
    ) -> TickReport:
        return await self._digests.run(keep_leading, leader=leader)

    async def run_reminder_tick(self) -> TickReport:
        return await self._reminders.run()

    async def run_refresh(self) -> TickReport:
        """Relearn preferences last learned more than PREFERENCE_UPDATE_INTERVAL_DAYS ago."""
        report = TickReport()
        if self._learner is None:
            logger.warning("preference refresh skipped: no learner wired in")
            return report
        interval = timedelta(days=self._ctx.settings.preference_update_interval_days)
        async with self._ctx.sessions() as session:
            stale = await PreferencesRepository(session).list_stale(self._ctx.clock() - interval)
        for user_id in stale:
            try:
                await self._learner.relearn(user_id)
                report.add("relearned")
            except Exception:  # one user's bad history must not stop the others
                logger.exception("preference refresh failed for user %s", user_id)
                report.add("failed")
        return report

    async def run_cleanup(self) -> TickReport:
        """Drop unsaved, unrated recommendations past retention or beyond the per-user cap,
        and expired HH cache entries."""
        report = TickReport()
        now, settings = self._ctx.clock(), self._ctx.settings
        retention = timedelta(days=settings.recommendation_retention_days)
        async with self._ctx.sessions() as session:
            recs = RecommendationRepository(session)
            report.add("recommendations_expired", await recs.delete_older_than(now - retention))
            # The recommender prunes on every store; this re-applies the cap to every user
            # above it (e.g. after MAX_RECOMMENDATIONS_PER_USER was lowered).
            cap = settings.max_recommendations_per_user
            for user_id in await recs.users_over_cap(cap):
                report.add("recommendations_over_cap", await recs.prune(user_id, cap))
            report.add("hh_cache_expired", await HHCacheRepository(session).delete_expired(now))
            await session.commit()
        logger.info("cleanup: %s", report.counts)
        return report
