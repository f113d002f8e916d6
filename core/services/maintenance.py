"""The daily push jobs that send nothing: relearning stale preferences and cleanup."""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.config import Settings
from core.domain.clock import Clock
from core.domain.push import TickReport
from core.services.learner import Learner
from db.repositories import HHCacheRepository, PreferencesRepository, RecommendationRepository

logger = logging.getLogger(__name__)


class Maintenance:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        learner: Learner,
        settings: Settings,
        clock: Clock,
    ) -> None:
        self._sessions = sessions
        self._learner = learner
        self._settings = settings
        self._clock = clock

    async def refresh_preferences(self) -> TickReport:
        """Relearn preferences last learned more than PREFERENCE_UPDATE_INTERVAL_DAYS ago."""
        report = TickReport()
        interval = timedelta(days=self._settings.preference_update_interval_days)
        async with self._sessions() as session:
            stale = await PreferencesRepository(session).list_stale(self._clock() - interval)
        for user_id in stale:
            try:
                await self._learner.relearn(user_id)
                report.add("relearned")
            except Exception:  # one user's bad history must not stop the others
                logger.exception("preference refresh failed for user %s", user_id)
                report.add("failed")
        return report

    async def cleanup(self) -> TickReport:
        """Drop unsaved, unrated recommendations past retention or beyond the per-user cap,
        and expired HH cache entries."""
        report = TickReport()
        now, settings = self._clock(), self._settings
        retention = timedelta(days=settings.recommendation_retention_days)
        async with self._sessions() as session:
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
