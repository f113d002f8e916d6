"""Personalised vacancies: preferences → HH query → cached fetch → details → scoring →
dedup → stored recommendations → pages the bot renders (DESIGN.md "Data flows" 2).

The recommender never ranks what HH ranked: HH is asked for recall (an OR of the user's
top skills and titles in their areas), and :mod:`core.domain.scoring` orders the result. Each
user sees a vacancy at most once: stored rows are unique per (user, vacancy), and clones
or re-publications collapse on the content hash of the full vacancy.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.config import Settings
from core.domain.clock import Clock, utc_now
from core.domain.dedup import Candidate, Exclusions, collapse_clones
from core.domain.feature_cache import FeatureCache
from core.domain.features import VacancyFeatures
from core.domain.feed import FeedEntry, FeedSessions
from core.domain.hh_errors import (
    HHAuthorizationError,
    HHCaptchaRequiredError,
    HHError,
    HHForbiddenError,
    HHInvalidResponseError,
    HHRateLimitedError,
)
from core.domain.hh_query import (
    KAZAKHSTAN_AREA_ID,
    SearchOverrides,
    apply_overrides,
    build_search_params,
    build_search_plan,
    search_text,
)
from core.domain.hh_schemas import Vacancy, VacancySearchParams
from core.domain.preferences import RecommendationSource, UserPreferences
from core.domain.recommendation_cards import (
    RecommendationCard,
    RecommendationPage,
    VacancyDetails,
    card_from_row,
    details_from_row,
    details_from_vacancy,
    recommendation_row,
    score_columns,
    total_pages,
)
from core.domain.roles import role_of_text
from core.domain.scoring import ScoringContext, relevance_floor, score_vacancy
from core.domain.searches import SearchPreferences
from core.hh.client import HHClient
from core.services.hh_cache import CachedHH
from core.services.hh_reference import ScoringReferenceLoader
from db import queries_recommender as queries
from db.repositories import (
    HiddenEmployerRepository,
    PreferencesRepository,
    RecommendationRepository,
)

# The digest service, bot/push and the handlers take RecommendationCard from here.
__all__ = [
    "LearningEvents",
    "RecommendationCard",
    "RecommendationsUnavailable",
    "Recommender",
]

logger = logging.getLogger(__name__)

DIGEST_DETAILS = 50  # vacancies whose details a digest fetches per user, at most
# Where a feed is browsed: each keeps its own paging (what "seen before" leaves out).
CHAT_BROWSE, APP_BROWSE = 0, 1

FEED_SOURCES: tuple[str, ...] = (
    RecommendationSource.RECOMMENDATION.value,
    RecommendationSource.DIGEST.value,
)


class RecommendationsUnavailable(Exception):
    """HH failed and nothing is cached for this user; ``reason`` is a stable code the
    bot turns into a friendly message (hh_unavailable, hh_rate_limited, hh_captcha,
    hh_forbidden, hh_invalid_response, not_onboarded)."""

    def __init__(self, reason: str, message: str = "") -> None:
        super().__init__(message or reason)
        self.reason = reason


_REASONS: tuple[tuple[type[HHError], str], ...] = (
    (HHRateLimitedError, "hh_rate_limited"),
    (HHCaptchaRequiredError, "hh_captcha"),
    (HHForbiddenError, "hh_forbidden"),
    (HHAuthorizationError, "hh_forbidden"),
    (HHInvalidResponseError, "hh_invalid_response"),
)


def _unavailable(error: HHError) -> RecommendationsUnavailable:
    reason = next((code for kind, code in _REASONS if isinstance(error, kind)), "hh_unavailable")
    return RecommendationsUnavailable(reason, str(error))


@dataclass(slots=True)
class FetchResult:
    items: list[Vacancy]
    stale: bool


@dataclass(frozen=True, slots=True)
class SharedVacancy:
    """A shared vacancy: as HH gives it, and as the opener's own card (None without a
    profile)."""

    details: VacancyDetails
    card: RecommendationCard | None


_VACANCY_ID = re.compile(r"[0-9]{1,12}")


class LearningEvents(Protocol):
    """What the recommender needs from core.services.learner.Learner: a call after each update."""

    def on_learned(self, listener: Callable[[int], Awaitable[object]]) -> None: ...


class Recommender:
    """get_personalized_recommendations, search, details and the digest's helpers."""

    def __init__(
        self,
        hh: HHClient,
        session_factory: async_sessionmaker[AsyncSession],
        settings: Settings,
        clock: Clock = utc_now,
        *,
        learner: LearningEvents | None = None,
        features: FeatureCache | None = None,
        default_area_id: str = KAZAKHSTAN_AREA_ID,
        max_pages: int = 3,
        hh_per_page: int = 100,
        details_limit: int = 100,
    ) -> None:
        self._sessions = session_factory
        self._settings = settings
        self._hh = hh
        self._clock = clock
        self._default_area_id = default_area_id
        self._max_pages = max_pages
        self._hh_per_page = hh_per_page
        self._details_limit = details_limit
        self._cache = CachedHH(
            hh,
            session_factory,
            ttl=timedelta(hours=settings.recommendation_cache_hours),
            clock=clock,
        )
        self._features = features or FeatureCache()
        # The HH area tree once loaded (countries for the remote query); until then the
        # built-in fallback of core.domain.scoring.
        self._area_parent: Mapping[str, str | None] | None = None
        self._feeds = FeedSessions()
        self._reference = ScoringReferenceLoader(hh, clock)
        if learner is not None:
            learner.on_learned(self.rescore)

    # ------------------------------------------------------------------ feed

    async def get_personalized_recommendations(
        self,
        user_id: int,
        *,
        page: int = 0,
        per_page: int = 5,
        refresh: bool = False,
        search_id: int | None = None,
        browse: int = CHAT_BROWSE,
        unless_all_seen: bool = False,
    ) -> RecommendationPage:
        """A page of the user's feed, fetching new vacancies from HH when needed.

        HH is asked when ``refresh`` is set, when the user has nothing stored yet, or
        when the feed is opened (page 0) and the cached search for their query has
        expired; otherwise the page comes from the database alone (paging never inserts
        vacancies mid-browse). When HH fails, stored recommendations are served with
        ``stale=True``; with nothing stored, RecommendationsUnavailable is raised.

        The feed is one search's: ``search_id`` (one of the user's; not theirs: not
        onboarded), by default the active one. ``browse`` keeps the chat's and the Mini
        App's browses apart: opening the app does not restart the chat's paging.
        ``unless_all_seen``: when every vacancy of the feed was shown already, nothing is
        fetched or marked and the page comes back empty with ``all_seen`` set.

        A page that needs no HH request is one unit of work (the preferences, the
        feed's index, the cache's expiry, the cards and marking them shown): each
        session cost ~200 µs of checkout, begin and reset (bench.updates)."""
        async with self._sessions() as session:
            sid, prefs = await self._search_preferences_in(session, user_id, search_id)
            plan = self.search_plan(prefs)
            if not refresh:
                index = await self._index(session, user_id, prefs, sid)
                if unless_all_seen and index and all(entry.shown for entry in index):
                    return RecommendationPage(
                        [], 0, 0, per_page, 0, fitting=len(index), all_seen=True, preferences=prefs
                    )
                # Something in the index is something stored: no need to ask.
                stored = bool(index) or await queries.has_recommendations(
                    session, user_id, FEED_SOURCES, sid
                )
                if stored and not (
                    page == 0
                    and not await self._cache.is_fresh(plan[0], 0, self._hh_per_page, session)
                ):
                    return await self._page_of(
                        session, user_id, prefs, index, page, per_page, False, False, sid, browse
                    )
        stale = await self._refresh_feed(user_id, prefs, plan, refresh, sid)
        return await self._feed_page(user_id, prefs, page, per_page, refresh, stale, sid, browse)

    def search_params(self, prefs: UserPreferences) -> VacancySearchParams:
        """The main HH query (the user's cities); :meth:`search_plan` has all of them."""
        return build_search_params(prefs, default_area_id=self._default_area_id)

    def search_plan(self, prefs: UserPreferences) -> list[VacancySearchParams]:
        return build_search_plan(
            prefs, default_area_id=self._default_area_id, area_parent=self._area_parent
        )

    def plan_signature(self, prefs: UserPreferences) -> str:
        return "|".join(params.signature() for params in self.search_plan(prefs))

    async def _refresh_feed(
        self,
        user_id: int,
        prefs: UserPreferences,
        plan: Sequence[VacancySearchParams],
        refresh: bool,
        sid: int | None = None,
    ) -> bool:
        """Fetch and store new recommendations; True when what we have is stale."""
        try:
            fetched = await self._fetch_plan(plan, refresh=refresh)
            candidates = await self._new_candidates(user_id, prefs, fetched.items)
        except HHError as error:
            async with self._sessions() as session:
                if await queries.has_recommendations(session, user_id, FEED_SOURCES, sid):
                    logger.warning("HH failed for user %s (%s); serving stored", user_id, error)
                    return True
            raise _unavailable(error) from error
        await self._store(
            user_id, candidates, fetched.items, RecommendationSource.RECOMMENDATION, sid
        )
        return fetched.stale

    async def _feed_page(
        self,
        user_id: int,
        prefs: UserPreferences,
        page: int,
        per_page: int,
        refresh: bool,
        stale: bool,
        sid: int | None = None,
        browse: int = CHAT_BROWSE,
    ) -> RecommendationPage:
        async with self._sessions() as session:
            index = await self._index(session, user_id, prefs, sid)
            return await self._page_of(
                session, user_id, prefs, index, page, per_page, refresh, stale, sid, browse
            )

    async def _index(
        self, session: AsyncSession, user_id: int, prefs: UserPreferences, sid: int | None
    ) -> list[FeedEntry]:
        return await queries.feed_index(
            session,
            user_id,
            FEED_SOURCES,
            exclude_applied=prefs.exclude_applied,
            min_relevance=relevance_floor(prefs),
            search_id=sid,
        )

    async def _page_of(
        self,
        session: AsyncSession,
        user_id: int,
        prefs: UserPreferences,
        index: list[FeedEntry],
        page: int,
        per_page: int,
        refresh: bool,
        stale: bool,
        sid: int | None,
        browse: int,
    ) -> RecommendationPage:
        """The page of ``index`` in this browse: its cards, marked shown (committed)."""
        page, per_page = max(page, 0), max(per_page, 1)
        visible = self._feeds.visible(
            (user_id, sid or 0, browse),
            index,
            new_browse=page == 0 or refresh,
            refresh=refresh,
        )
        chosen = [entry.recommendation_id for entry in visible[page * per_page :][:per_page]]
        items = await self._cards(session, user_id, chosen)
        await RecommendationRepository(session).mark_shown(user_id, chosen, self._clock())
        await session.commit()
        total = len(visible)
        return RecommendationPage(
            items,
            total,
            page,
            per_page,
            total_pages(total, per_page),
            stale,
            len(index),
            preferences=prefs,
        )

    async def _cards(
        self, session: AsyncSession, user_id: int, rec_ids: Sequence[int]
    ) -> list[RecommendationCard]:
        """Cards of the user's recommendations, in the order of ``rec_ids`` (one statement
        for the rows, their saved flags and votes)."""
        rows = await queries.card_rows_by_ids(session, user_id, rec_ids)
        return [
            card_from_row(rows[i].row, saved=rows[i].saved, feedback=rows[i].vote)
            for i in rec_ids
            if i in rows
        ]

    # ------------------------------------------------------------------ fetching

    async def _preferences(self, user_id: int) -> UserPreferences:
        return (await self._search_preferences(user_id, None))[1]

    async def _search_preferences(
        self, user_id: int, search_id: int | None
    ) -> tuple[int, UserPreferences]:
        """(search id, preferences) of the user's search (default: the active one)."""
        async with self._sessions() as session:
            return await self._search_preferences_in(session, user_id, search_id)

    @staticmethod
    async def _search_preferences_in(
        session: AsyncSession, user_id: int, search_id: int | None
    ) -> tuple[int, UserPreferences]:
        found = await PreferencesRepository(session).get_with_search(user_id, search_id)
        if found is None:
            raise RecommendationsUnavailable("not_onboarded", f"user {user_id} has no preferences")
        return found

    async def _fetch_plan(
        self, plan: Sequence[VacancySearchParams], *, refresh: bool
    ) -> FetchResult:
        """Every query of the plan, merged by id in the plan's order. The first (the
        user's cities) must answer; a later one failing only makes the result stale."""
        items: dict[str, Vacancy] = {}
        stale = False
        for index, params in enumerate(plan):
            try:
                result = await self._fetch(params, refresh=refresh)
            except HHError:
                if index == 0:
                    raise
                stale = True
                continue
            stale = stale or result.stale
            for item in result.items:
                items.setdefault(item.id, item)
        return FetchResult(list(items.values()), stale)

    async def _fetch(self, params: VacancySearchParams, *, refresh: bool) -> FetchResult:
        """Up to ``max_pages`` search pages through the cache, de-duplicated by id."""
        items: dict[str, Vacancy] = {}
        stale = False
        for page in range(self._max_pages):
            try:
                result = await self._cache.search_page(
                    params, page, self._hh_per_page, refresh=refresh
                )
            except HHError:
                if page == 0:
                    raise
                stale = True  # the first pages hold the most relevant: rank those
                break
            stale = stale or result.stale
            for item in result.page.items:
                items.setdefault(item.id, item)
            if page + 1 >= result.page.pages or not result.page.items:
                break
        return FetchResult(list(items.values()), stale)

    async def market_pool(
        self, user_id: int
    ) -> tuple[UserPreferences, ScoringContext, list[VacancyFeatures]]:
        """The vacancies HH has for the person's main query (their cities), through the
        cache the feed fills: search items, with full details for the best
        ``details_limit`` where HH gave them (their key skills say what is asked)."""
        prefs = await self._preferences(user_id)
        result = await self._fetch(self.search_plan(prefs)[0], refresh=False)
        ctx = await self._context(prefs)
        ranked = self._prerank(ctx, result.items, Exclusions())[: self._details_limit]
        details = await self._cache.vacancies([c.vacancy.id for c in ranked])
        pool = [self._features.get(details.by_id.get(item.id, item)) for item in result.items]
        return prefs, ctx, pool

    async def _context(self, prefs: UserPreferences) -> ScoringContext:
        reference = await self._reference.get()
        self._area_parent = reference.area_parent
        return ScoringContext.build(prefs, reference.area_parent, reference.rates)

    async def _exclusions(
        self, session: AsyncSession, user_id: int, *, include_seen: bool, exclude_applied: bool
    ) -> Exclusions:
        hidden = await HiddenEmployerRepository(session).list_ids(user_id)
        # Hidden one by one: left out even when seen vacancies are shown again.
        dismissed = await queries.not_interested_vacancy_ids(session, user_id)
        if not include_seen:
            applied = (
                await queries.applied_vacancy_ids(session, user_id) if exclude_applied else set()
            )
            return Exclusions(frozenset(applied | dismissed), frozenset(), frozenset(hidden))
        recommendations = RecommendationRepository(session)
        return Exclusions(
            frozenset(await recommendations.seen_vacancy_ids(user_id) | dismissed),
            frozenset(await recommendations.seen_content_hashes(user_id)),
            frozenset(hidden),
        )

    async def _new_candidates(
        self,
        user_id: int,
        prefs: UserPreferences,
        items: Sequence[Vacancy],
        *,
        details_limit: int | None = None,
    ) -> list[Candidate]:
        """Scored vacancies this user has never been offered, best first; the details of
        at most ``details_limit`` (the recommender's own by default) are fetched."""
        async with self._sessions() as session:
            exclusions = await self._exclusions(
                session, user_id, include_seen=True, exclude_applied=prefs.exclude_applied
            )
        ctx = await self._context(prefs)
        return await self._rank(ctx, items, exclusions, details_limit=details_limit)

    async def _rank(
        self,
        ctx: ScoringContext,
        items: Sequence[Vacancy],
        exclusions: Exclusions,
        *,
        details_limit: int | None = None,
    ) -> list[Candidate]:
        """Pre-rank search items cheaply, fetch details of the best, score those fully."""
        limit = self._details_limit if details_limit is None else details_limit
        shortlist = self._prerank(ctx, items, exclusions)[:limit]
        # Details stay cached even on refresh: a refresh looks for new vacancies, and a
        # known vacancy's text rarely changes within the cache window.
        details = await self._cache.vacancies([c.vacancy.id for c in shortlist])
        scored = []
        for candidate in shortlist:
            vacancy = details.by_id.get(candidate.vacancy.id)
            if vacancy is None:
                continue  # closed since the search (404), or HH failing with nothing cached
            full = self._score(ctx, vacancy)
            if full.score.dealbreaker is None and exclusions.allows(full.features):
                scored.append(full)
        return collapse_clones(scored)

    def _prerank(
        self, ctx: ScoringContext, items: Sequence[Vacancy], exclusions: Exclusions
    ) -> list[Candidate]:
        # Search items have no key skills or description, so the content hash (and
        # clone detection) waits for the details; ids, archive and employers work now.
        candidates = []
        for item in items:
            candidate = self._score(ctx, item)
            if candidate.score.dealbreaker is None and exclusions.allows_item(candidate.features):
                candidates.append(candidate)
        candidates.sort(key=lambda c: (-c.score.overall, c.vacancy.id))
        return candidates

    def _score(self, ctx: ScoringContext, vacancy: Vacancy) -> Candidate:
        features = self._features.get(vacancy)
        return Candidate(vacancy, features, score_vacancy(features, ctx))

    async def _store(
        self,
        user_id: int,
        candidates: Sequence[Candidate],
        search_items: Sequence[Vacancy],
        source: RecommendationSource,
        search_id: int | None = None,
    ) -> None:
        """Insert new recommendations (found by ``search_id``) and prune the oldest
        unsaved beyond the cap."""
        if not candidates:
            return
        now = self._clock()
        by_id = {item.id: item for item in search_items}
        rows = [
            {
                **recommendation_row(c, by_id.get(c.vacancy.id), source.value, now),
                "search_id": search_id,
            }
            for c in candidates
        ]
        async with self._sessions() as session:
            repo = RecommendationRepository(session)
            await repo.add_many(user_id, rows)
            await repo.prune(user_id, self._settings.max_recommendations_per_user)
            await session.commit()

    # ------------------------------------------------------------------ search

    async def search(
        self,
        user_id: int,
        overrides: SearchOverrides,
        *,
        page: int = 0,
        per_page: int = 5,
        search_id: int | None = None,
    ) -> RecommendationPage:
        """A one-off search scored for the user. Results are stored (source "search");
        a vacancy the user already has comes back under its existing recommendation.
        ``search_id``: on top of that search's preferences (default: the active one's)."""
        sid, active = await self._search_preferences(user_id, search_id)
        prefs = apply_overrides(active, overrides)
        plan = self.search_plan(prefs)
        if text := search_text(overrides):
            plan = [params.model_copy(update={"text": text}) for params in plan]
        try:
            fetched = await self._fetch_plan(plan, refresh=False)
            async with self._sessions() as session:
                exclusions = await self._exclusions(
                    session, user_id, include_seen=False, exclude_applied=prefs.exclude_applied
                )
            ranked = await self._rank(await self._context(prefs), fetched.items, exclusions)
            # Typed words that name no role («company_name:Омега») are not a job title to
            # fit: HH's answer is ranked and shown as it is.
            if not text or role_of_text(text) is not None:
                floor = relevance_floor(prefs)
                ranked = [c for c in ranked if c.score.overall >= floor]
        except HHError as error:
            raise _unavailable(error) from error
        rec_ids = await self._store_search(user_id, ranked, fetched.items, sid)
        return await self._search_page(user_id, rec_ids, page, per_page, fetched.stale)

    async def card(self, user_id: int, recommendation_id: int) -> RecommendationCard | None:
        """One of the user's cards as it stands (None: not theirs)."""
        async with self._sessions() as session:
            cards = await self._cards(session, user_id, [recommendation_id])
        return cards[0] if cards else None

    async def shared(self, user_id: int, vacancy_id: str) -> SharedVacancy | None:
        """A vacancy someone shared (``/start v_<id>``), through the HH cache. For a person
        with a profile it is scored and stored as theirs (a card they can save and rate);
        for anyone else it is the vacancy as HH gives it. None: not a vacancy id, or no
        such open vacancy. Raises RecommendationsUnavailable when HH fails."""
        if not _VACANCY_ID.fullmatch(vacancy_id):
            return None
        try:
            fetched = await self._cache.vacancies([vacancy_id])
        except HHError as error:
            raise _unavailable(error) from error
        vacancy = fetched.by_id.get(vacancy_id)
        if vacancy is None:
            return None
        features = self._features.get(vacancy)
        async with self._sessions() as session:
            prefs = await PreferencesRepository(session).get(user_id)
        if prefs is None:
            return SharedVacancy(details_from_vacancy(vacancy, features), None)
        candidate = self._score(await self._context(prefs), vacancy)
        rec_ids = await self._store_search(user_id, [candidate], [vacancy])
        card = await self.card(user_id, rec_ids[0]) if rec_ids else None
        return SharedVacancy(details_from_vacancy(vacancy, features), card)

    async def similar(
        self, user_id: int, recommendation_id: int, *, limit: int = 3
    ) -> RecommendationPage | None:
        """ "More like this" under a card: HH's similar vacancies
        (``/vacancies/{id}/similar_vacancies``, which needs the application token), or
        without a token (or HH refusing) the bot's own: vacancies of the person's search
        sharing the card's professional role, most required skills in common first. What
        the person has seen, hidden or applied to is left out; the rest are stored (source
        "search") and the first ``limit`` returned as a page. None: not this user's card."""
        async with self._sessions() as session:
            row = await RecommendationRepository(session).get(user_id, recommendation_id)
            if row is None:
                return None
            # Left out: what they were shown, hid or applied to (a vacancy stored for the
            # feed but not shown yet is new to them).
            left_out = (
                await RecommendationRepository(session).shown_vacancy_ids(user_id)
                | await queries.not_interested_vacancy_ids(session, user_id)
                | await queries.applied_vacancy_ids(session, user_id)
            )
            hidden = await HiddenEmployerRepository(session).list_ids(user_id)
            exclusions = Exclusions(frozenset(left_out), frozenset(), frozenset(hidden))
            source_id = row.vacancy_id
            source = self._features.get(Vacancy.model_validate(row.raw or {"id": source_id}))
        prefs = await self._preferences(user_id)
        items: list[Vacancy] | None = None
        if self._settings.hh_app_token is not None:
            try:
                found = await self._hh.similar_vacancies(source_id, {"area": prefs.area_ids})
                items = list(found.items)
            except HHError as error:
                logger.info("similar_vacancies of %s refused: %s", source_id, error)
        try:
            if items is None:
                pool = (await self._fetch(self.search_plan(prefs)[0], refresh=False)).items
                items = self._own_similar(source, pool)
            ctx = await self._context(prefs)
            ranked = await self._rank(ctx, items, exclusions, details_limit=limit * 4)
        except HHError as error:
            raise _unavailable(error) from error
        order = {item.id: index for index, item in enumerate(items)}
        ranked = sorted(
            (c for c in ranked if c.vacancy.id != source_id),
            key=lambda c: order.get(c.vacancy.id, len(order)),
        )[:limit]
        rec_ids = await self._store_search(user_id, ranked, items)
        return await self._search_page(user_id, rec_ids, 0, limit, False)

    def _own_similar(self, source: VacancyFeatures, pool: Sequence[Vacancy]) -> list[Vacancy]:
        """The bot's "more like this": the same professional role, then the most skills in
        common with the card (HH's order kept among equals)."""
        skills = source.key_skill_keys | source.text_skills
        scored: list[tuple[int, int, Vacancy]] = []
        for rank, vacancy in enumerate(pool):
            if vacancy.id == source.vacancy_id:
                continue
            features = self._features.get(vacancy)
            if not source.professional_roles & features.professional_roles:
                continue
            shared = len(skills & (features.key_skill_keys | features.text_skills))
            scored.append((-shared, rank, vacancy))
        return [vacancy for _, _, vacancy in sorted(scored, key=lambda s: (s[0], s[1]))]

    async def _store_search(
        self,
        user_id: int,
        ranked: Sequence[Candidate],
        search_items: Sequence[Vacancy],
        search_id: int | None = None,
    ) -> list[int]:
        """Recommendation ids in ranked order: a vacancy the user already has (or a clone
        of one) comes back as that recommendation, the rest are stored."""
        async with self._sessions() as session:
            by_vacancy = await queries.recommendations_by_vacancy(
                session, user_id, [c.vacancy.id for c in ranked]
            )
            by_hash = await queries.recommendations_by_hash(
                session, user_id, [c.features.content_hash for c in ranked]
            )
        fresh = [c for c in ranked if c.vacancy.id not in by_vacancy]
        fresh = [c for c in fresh if c.features.content_hash not in by_hash]
        await self._store(user_id, fresh, search_items, RecommendationSource.SEARCH, search_id)
        async with self._sessions() as session:
            by_vacancy.update(
                await queries.recommendations_by_vacancy(
                    session, user_id, [c.vacancy.id for c in fresh]
                )
            )
        ordered = [
            by_vacancy.get(c.vacancy.id) or by_hash.get(c.features.content_hash) for c in ranked
        ]
        return list(dict.fromkeys(row.id for row in ordered if row is not None))

    async def _search_page(
        self, user_id: int, rec_ids: Sequence[int], page: int, per_page: int, stale: bool
    ) -> RecommendationPage:
        page, per_page = max(page, 0), max(per_page, 1)
        chosen = list(rec_ids[page * per_page :][:per_page])
        async with self._sessions() as session:
            items = await self._cards(session, user_id, chosen)
            await RecommendationRepository(session).mark_shown(user_id, chosen, self._clock())
            await session.commit()
        total = len(rec_ids)
        return RecommendationPage(items, total, page, per_page, total_pages(total, per_page), stale)

    # ------------------------------------------------------------------ details

    async def details(self, user_id: int, recommendation_id: int) -> VacancyDetails | None:
        """The full vacancy of one of the user's recommendations; None if not theirs."""
        async with self._sessions() as session:
            recommendations = RecommendationRepository(session)
            found = (await queries.card_rows_by_ids(session, user_id, [recommendation_id])).get(
                recommendation_id
            )
            if found is None:
                return None
            row = found.row
            card = card_from_row(row, saved=found.saved, feedback=found.vote)
            await recommendations.mark_details_opened(user_id, recommendation_id, self._clock())
            await session.commit()
        return details_from_row(row, card)

    # ------------------------------------------------------------------ learning

    async def rescore(self, user_id: int) -> int:
        """Re-score every stored recommendation of the user with their current
        preferences (after learning), so the next page reflects 👍/👎. Returns how many.

        Only rows whose scores changed are written, in one statement: a tap moves a few
        rows, and every write queues on SQLite's single write lock.

        Each search's recommendations are scored with that search's preferences."""
        async with self._sessions() as session:
            repo = PreferencesRepository(session)
            searches = {s.search_id: s.preferences for s in await repo.all_of_user(user_id)}
            stored = {sid: await queries.scoring_inputs(session, user_id, sid) for sid in searches}
        scored = 0
        changed: list[dict[str, Any]] = []
        for sid, prefs in searches.items():
            if stored[sid]:
                scored += await self._rescore_rows(prefs, stored[sid], changed)
        if changed:
            async with self._sessions() as session:
                await queries.update_scores(session, user_id, changed)
                await session.commit()
        return scored

    async def _rescore_rows(
        self,
        prefs: UserPreferences,
        stored: Sequence[queries.StoredScore],
        changed: list[dict[str, Any]],
    ) -> int:
        ctx = await self._context(prefs)
        scored = 0
        for row in stored:
            features = self._features.from_stored(row.raw_json)
            if features is None:
                continue  # an unreadable old row keeps its score
            scored += 1
            columns = score_columns(score_vacancy(features, ctx))
            if not queries.same_scores(row.columns, columns):
                changed.append({"id": row.id, **columns})
        return scored

    # ------------------------------------------------------------------ digest

    async def fresh_for_digest(
        self,
        preferences: Mapping[int, SearchPreferences],
        *,
        limit: int = 5,
        min_relevance: float = 0.5,
        on_ready: Callable[[int, list[RecommendationCard]], object] | None = None,
    ) -> dict[int, list[RecommendationCard]]:
        """Never-shown recommendations above ``min_relevance`` for each search of
        ``preferences`` ({search id: its user and preferences}, read once by the caller;
        at most ``limit``), fetching HH once per distinct query among them, however many
        searches (of however many people) share it. Stored with source "digest" under
        their search and not marked shown: the digest calls mark_delivered after sending.

        A search is left out of the result when the answer is unknown: HH failed and
        nothing stored is left to send. An empty list means "nothing new" (the push
        records the period); a missing search is retried on the next tick.

        ``on_ready(search_id, cards)`` is called as soon as a search's cards are known
        (not for one left out), so the push can send the first digests while the
        others' queries are still being fetched."""
        result: dict[int, list[RecommendationCard]] = {}
        for plan, members in self._group_by_query(preferences).values():
            items = await self._fetch_for_digest(plan)
            for search in members:
                cards = await self._digest_for(search, items, limit, min_relevance)
                if cards is None:
                    continue
                result[search.search_id] = cards
                if on_ready is not None:
                    on_ready(search.search_id, cards)
        return result

    def _group_by_query(
        self, preferences: Mapping[int, SearchPreferences]
    ) -> dict[str, tuple[list[VacancySearchParams], list[SearchPreferences]]]:
        groups: dict[str, tuple[list[VacancySearchParams], list[SearchPreferences]]] = {}
        for search in preferences.values():
            plan = self.search_plan(search.preferences)
            signature = "|".join(params.signature() for params in plan)
            groups.setdefault(signature, (plan, []))[1].append(search)
        return groups

    async def _fetch_for_digest(self, plan: Sequence[VacancySearchParams]) -> list[Vacancy] | None:
        try:
            return (await self._fetch_plan(plan, refresh=False)).items
        except HHError as error:
            logger.warning("Digest fetch failed (%s); using stored recommendations", error)
            return None

    async def _digest_for(
        self,
        search: SearchPreferences,
        items: Sequence[Vacancy] | None,
        limit: int,
        min_relevance: float,
    ) -> list[RecommendationCard] | None:
        """The search's digest cards; None when HH failed and nothing stored is left."""
        user_id, sid, prefs = search.user_id, search.search_id, search.preferences
        answered = items is not None  # None: the search failed (HH down, nothing cached)
        min_relevance = max(min_relevance, relevance_floor(prefs))
        if items:
            try:
                # A digest sends a few cards: the best DIGEST_DETAILS are enough to find
                # them, and a tick's users must not each wait for a feed's worth of details.
                candidates = await self._new_candidates(
                    user_id,
                    prefs,
                    items,
                    details_limit=min(self._details_limit, DIGEST_DETAILS),
                )
            except HHError as error:
                logger.warning("Digest details failed for user %s (%s)", user_id, error)
                candidates, answered = [], False
            good = [c for c in candidates if c.score.overall >= min_relevance][:limit]
            await self._store(user_id, good, items, RecommendationSource.DIGEST, sid)
        async with self._sessions() as session:
            rows = await queries.unshown_candidates(
                session, user_id, FEED_SOURCES, min_relevance, limit, sid
            )
            cards = await self._cards(session, user_id, [row.id for row in rows])
        return cards if cards or answered else None

    async def mark_delivered(self, user_id: int, recommendation_ids: Sequence[int]) -> int:
        """The digest with these recommendations reached the user: they count as shown."""
        async with self._sessions() as session:
            count = await RecommendationRepository(session).mark_shown(
                user_id, recommendation_ids, self._clock()
            )
            await session.commit()
        return count
