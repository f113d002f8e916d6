"""The market around a person: their salary's standing among the vacancies of their role
in their city, and the skills those vacancies ask for (the card's salary line, /market)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from core.domain.mapping import UserMappingService
from core.domain.market import MarketSnapshot, PayContext, market_snapshot
from core.domain.preferences import UserPreferences
from core.domain.scoring import expected_salary
from core.services.profile import PreferencesService
from core.services.recommender import RecommendationsUnavailable, Recommender

# The card's salary line reuses one sample per role × cities × currency this long: a page
# of cards costs one dictionary look-up, not a market computation per card.
PAY_CONTEXT_TTL = 30 * 60.0  # seconds
PAY_CONTEXT_KEYS = 1024  # role × city samples kept; the oldest go first

_PayKey = tuple[str | None, tuple[str, ...], str]


@dataclass(frozen=True, slots=True)
class MarketReport:
    snapshot: MarketSnapshot
    job_title: str | None  # the person's first job title: what the sample is of
    area_ids: tuple[str, ...]  # their cities
    currency: str  # of the salaries: the person's


class MarketService:
    """Built on the recommender's cached searches: asks HH nothing the feed did not."""

    def __init__(
        self,
        recommender: Recommender,
        preferences: PreferencesService | None = None,
        mapping: UserMappingService | None = None,
        *,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._recommender = recommender
        self._preferences = preferences
        self._mapping = mapping
        self._monotonic = monotonic
        self._pay: dict[_PayKey, tuple[float, PayContext]] = {}

    async def report(self, user_id: int) -> MarketReport:
        """Raises RecommendationsUnavailable (not onboarded, HH down with nothing cached)."""
        prefs, ctx, pool = await self._recommender.market_pool(user_id)
        return MarketReport(
            snapshot=market_snapshot(pool, ctx),
            job_title=prefs.job_titles[0] if prefs.job_titles else None,
            area_ids=tuple(prefs.area_ids),
            currency=prefs.salary.currency,
        )

    async def pay_context(
        self, user_id: int, prefs: UserPreferences | None = None
    ) -> PayContext | None:
        """The sample a card's salary line places pay in: the paid vacancies of the
        person's role in their city, cached per role × cities × currency. None when the
        person has no profile yet or HH gave nothing (the line is left out). ``prefs``:
        their active search's preferences when the caller read them already (the feed's
        page does), not read again."""
        if self._preferences is None:
            return None
        if prefs is None:
            prefs = await self._preferences.get(user_id)
        if prefs is None:
            return None
        key: _PayKey = (
            prefs.job_titles[0] if prefs.job_titles else None,
            tuple(prefs.area_ids),
            prefs.salary.currency,
        )
        now = self._monotonic()
        cached = self._pay.get(key)
        if cached is None or cached[0] <= now:
            try:
                _, ctx, pool = await self._recommender.market_pool(user_id)
            except RecommendationsUnavailable:
                return None
            snapshot = market_snapshot(pool, ctx)
            area = prefs.area_ids[0] if prefs.area_ids else None
            resolver = await self._mapping.area_resolver() if self._mapping and area else None
            context = PayContext(
                salaries=snapshot.salaries,
                currency=prefs.salary.currency,
                job_title=key[0],
                area_name=resolver.name_of(area) if resolver and area else None,
                to_user_currency=dict(ctx.to_user_currency),
            )
            if len(self._pay) >= PAY_CONTEXT_KEYS:
                self._pay.pop(next(iter(self._pay)))
            self._pay[key] = cached = (now + PAY_CONTEXT_TTL, context)
        return replace(cached[1], expected=expected_salary(prefs))
