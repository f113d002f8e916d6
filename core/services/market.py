"""The market around a person: their salary's standing among the vacancies of their role
in their city, and the skills those vacancies ask for (the card's salary line, /market)."""

from __future__ import annotations

from dataclasses import dataclass

from core.domain.market import MarketSnapshot, market_snapshot
from core.services.recommender import Recommender


@dataclass(frozen=True, slots=True)
class MarketReport:
    snapshot: MarketSnapshot
    job_title: str | None  # the person's first job title: what the sample is of
    area_ids: tuple[str, ...]  # their cities
    currency: str  # of the salaries: the person's


class MarketService:
    """Built on the recommender's cached searches: asks HH nothing the feed did not."""

    def __init__(self, recommender: Recommender) -> None:
        self._recommender = recommender

    async def report(self, user_id: int) -> MarketReport:
        """Raises RecommendationsUnavailable (not onboarded, HH down with nothing cached)."""
        prefs, ctx, pool = await self._recommender.market_pool(user_id)
        return MarketReport(
            snapshot=market_snapshot(pool, ctx),
            job_title=prefs.job_titles[0] if prefs.job_titles else None,
            area_ids=tuple(prefs.area_ids),
            currency=prefs.salary.currency,
        )
