"""Personalised vacancies: preferences → HH query → cached fetch → details → scoring →
dedup → stored recommendations → pages the bot renders (DESIGN.md "Data flows" 2).

The recommender never ranks what HH ranked: HH is asked for recall (an OR of the user's
top skills and titles in their areas), and :mod:`core.scoring` orders the result. Each
user sees a vacancy at most once: stored rows are unique per (user, vacancy), and clones
or re-publications collapse on the content hash of the full vacancy.
"""

from __future__ import annotations

import asyncio
import logging
import math
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.config import Settings
from core.features import VacancyFeatures, extract_features, strip_html
from core.hh import flatten_areas
from core.hh.client import HHClient
from core.hh.errors import (
    HHAuthorizationError,
    HHCaptchaRequiredError,
    HHError,
    HHForbiddenError,
    HHInvalidResponseError,
    HHRateLimitedError,
)
from core.hh.schemas import Vacancy, VacancySearchParams
from core.hh_cache import CachedHH
from core.preferences import RecommendationSource, UserPreferences
from core.scoring import (
    EXPLICIT_EXCLUSION_WEIGHT,
    ScoreExplanation,
    ScoringContext,
    VacancyScore,
    score_vacancy,
)
from core.users import Clock, utc_now
from db import queries_recommender as queries
from db.models import JobRecommendation
from db.repositories import (
    FeedbackRepository,
    HiddenEmployerRepository,
    PreferencesRepository,
    RecommendationRepository,
    SavedJobRepository,
)

logger = logging.getLogger(__name__)

KAZAKHSTAN_AREA_ID = "40"
FEED_SOURCES: tuple[str, ...] = (
    RecommendationSource.RECOMMENDATION.value,
    RecommendationSource.DIGEST.value,
)
MAX_QUERY_TITLES = 3
MAX_QUERY_SKILLS = 5
SNIPPET_CHARS = 300
FEATURE_CACHE_SIZE = 4096
FEED_SESSIONS = 10_000  # users whose current browse is remembered (oldest forgotten)
REFERENCE_TTL = timedelta(hours=24)  # areas and currency rates barely move


# ============================================================================ public types


class RecommendationsUnavailable(Exception):
    """HH failed and nothing is cached for this user; ``reason`` is a stable code the
    bot turns into a friendly message (hh_unavailable, hh_rate_limited, hh_captcha,
    hh_forbidden, hh_invalid_response, not_onboarded)."""

    def __init__(self, reason: str, message: str = "") -> None:
        super().__init__(message or reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class SearchOverrides:
    """What /search changes relative to the user's preferences (None = keep)."""

    text: str | None = None
    skills: Sequence[str] | None = None
    area_id: str | None = None
    salary_min: int | None = None
    salary_currency: str | None = None  # of salary_min; None: the profile's currency
    include_remote: bool | None = None
    exclude_applied: bool | None = None


@dataclass(frozen=True, slots=True)
class RecommendationCard:
    recommendation_id: int
    vacancy_id: str
    title: str
    employer_id: str | None
    employer_name: str | None
    area_name: str | None
    salary_from: int | None
    salary_to: int | None
    salary_currency: str | None
    salary_gross: bool | None
    url: str | None
    snippet: str  # plain text
    relevance: float  # 0..1
    explanation: ScoreExplanation
    saved: bool
    feedback: bool | None  # True 👍, False 👎, None no vote
    published_at: datetime | None


@dataclass(frozen=True, slots=True)
class VacancyDetails(RecommendationCard):
    description: str = ""  # plain text
    key_skills: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RecommendationPage:
    items: list[RecommendationCard]
    total: int
    page: int
    per_page: int
    total_pages: int
    stale: bool = False


# ============================================================================ HH query


def _query_term(term: str) -> str:
    """One term of HH's query language: quoted unless a plain word (C++, «1С», two words)."""
    cleaned = " ".join(term.replace('"', " ").split())
    if cleaned.replace("-", "").isalnum():
        return cleaned
    return f'"{cleaned}"'


def _unique(terms: Iterable[str]) -> list[str]:
    """Non-blank terms, first spelling kept, case-insensitive duplicates dropped."""
    seen: dict[str, str] = {}
    for term in terms:
        seen.setdefault(term.strip().lower(), term.strip())
    seen.pop("", None)
    return list(seen.values())


def query_terms(prefs: UserPreferences) -> list[str]:
    """Desired titles first (most specific), then the most important skills."""
    titles = _unique(prefs.job_titles)[:MAX_QUERY_TITLES]
    ranked = sorted(prefs.skills, key=lambda name: (-prefs.skills[name], name))
    taken = {title.lower() for title in titles}
    skills = [s for s in _unique([*prefs.preferred_skills, *ranked]) if s.lower() not in taken]
    return [*titles, *skills[:MAX_QUERY_SKILLS]]


def explicit_exclusions(prefs: UserPreferences) -> list[str]:
    """Keywords the user asked to see less of (not learned guesses): HH may drop them."""
    return sorted(
        keyword
        for keyword, weight in prefs.negative_keywords.items()
        if abs(weight) >= EXPLICIT_EXCLUSION_WEIGHT and keyword.strip()
    )


def build_search_params(
    prefs: UserPreferences, *, default_area_id: str = KAZAKHSTAN_AREA_ID
) -> VacancySearchParams:
    """The HH query for a user's recommendations. Recall first; the scorer ranks.

    Salary goes to HH only as a dealbreaker floor: HH's salary filter also drops every
    vacancy without a salary, which is most of them.
    """
    terms = query_terms(prefs)
    excluded = explicit_exclusions(prefs)
    floor = prefs.salary.minimum if prefs.salary_is_floor and prefs.salary.minimum else None
    return VacancySearchParams(
        text=" OR ".join(_query_term(term) for term in terms) or None,
        excluded_text=", ".join(excluded) or None,
        area=sorted(prefs.area_ids) or [default_area_id],
        salary=floor,
        currency=prefs.salary.currency if floor else None,
        work_format=sorted(prefs.work_formats),
        employment_form=sorted(prefs.employment_forms),
        experience=[prefs.experience] if prefs.experience else [],
        order_by="relevance",
    )


def apply_overrides(prefs: UserPreferences, overrides: SearchOverrides) -> UserPreferences:
    """The preferences a /search runs with: the user's, changed where the search says."""
    changes: dict[str, Any] = {}
    if overrides.skills:
        changes["skills"] = {name: 1.0 for name in overrides.skills if name.strip()}
        changes["preferred_skills"] = []
    if overrides.text and overrides.text.strip():
        changes["job_titles"] = [overrides.text.strip()]
        if not overrides.skills:
            changes["skills"], changes["preferred_skills"] = {}, []
    if overrides.area_id:
        changes["area_ids"] = [str(overrides.area_id)]
    if overrides.salary_min is not None:
        # A salary typed into a search is a filter the person asked for, not a hint, in
        # the currency it was typed in ("$2000" is dollars whatever the profile says):
        # HH filters in that currency and the scorer converts vacancies into it.
        currency = overrides.salary_currency or prefs.salary.currency
        same_currency = currency == prefs.salary.currency
        changes["salary"] = prefs.salary.model_copy(
            update={
                "minimum": overrides.salary_min,
                "maximum": prefs.salary.maximum if same_currency else None,
                "currency": currency,
            }
        )
        changes["salary_is_floor"] = True
    if overrides.include_remote is not None:
        changes["remote_ok"] = overrides.include_remote
        others = [f for f in prefs.work_formats if f != "REMOTE"]
        # An empty list means "any format"; with a list, remote joins or leaves it.
        wants_remote = overrides.include_remote and bool(prefs.work_formats)
        changes["work_formats"] = [*others, "REMOTE"] if wants_remote else others
    if overrides.exclude_applied is not None:
        changes["exclude_applied"] = overrides.exclude_applied
    return prefs.model_copy(update=changes)


def _search_text(overrides: SearchOverrides) -> str | None:
    """Free text typed into /search goes to HH as typed (it is already HH's language)."""
    return overrides.text.strip() if overrides.text and overrides.text.strip() else None


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


# ============================================================================ candidates


@dataclass(frozen=True, slots=True)
class Candidate:
    vacancy: Vacancy
    features: VacancyFeatures
    score: VacancyScore


@dataclass(frozen=True, slots=True)
class Exclusions:
    """What a user must not be offered again."""

    vacancy_ids: frozenset[str] = frozenset()
    content_hashes: frozenset[str] = frozenset()
    employer_ids: frozenset[str] = frozenset()

    def allows_item(self, features: VacancyFeatures) -> bool:
        """Checks a search item can pass (it has no description, so no content hash)."""
        return not (
            features.archived
            or features.vacancy_id in self.vacancy_ids
            or (features.employer_id is not None and features.employer_id in self.employer_ids)
        )

    def allows(self, features: VacancyFeatures) -> bool:
        return self.allows_item(features) and features.content_hash not in self.content_hashes


@dataclass(slots=True)
class FetchResult:
    items: list[Vacancy]
    stale: bool


class FeatureCache:
    """A small LRU of extracted features: extraction (HTML, stemming) dominates scoring."""

    def __init__(self, size: int = FEATURE_CACHE_SIZE) -> None:
        self._size = size
        self._items: OrderedDict[tuple[str, str, bool], VacancyFeatures] = OrderedDict()

    def get(self, vacancy: Vacancy) -> VacancyFeatures:
        published = vacancy.published_at.isoformat() if vacancy.published_at else ""
        key = (vacancy.id, published, vacancy.has_details)
        found = self._items.get(key)
        if found is not None:
            self._items.move_to_end(key)
            return found
        features = extract_features(vacancy)
        self._items[key] = features
        if len(self._items) > self._size:
            self._items.popitem(last=False)
        return features


def collapse_clones(candidates: Iterable[Candidate]) -> list[Candidate]:
    """One candidate per content hash (the best scored), best first."""
    best: dict[str, Candidate] = {}
    for candidate in candidates:
        current = best.get(candidate.features.content_hash)
        if current is None or candidate.score.overall > current.score.overall:
            best[candidate.features.content_hash] = candidate
    return sorted(best.values(), key=lambda c: (-c.score.overall, c.vacancy.id))


# ============================================================================ row <-> card


def _explanation_json(explanation: ScoreExplanation) -> dict[str, Any]:
    return {key: list(value) if isinstance(value, tuple) else value
            for key, value in asdict(explanation).items()}  # fmt: skip


def _explanation_from_json(data: Mapping[str, Any] | None) -> ScoreExplanation:
    known = {f.name for f in fields(ScoreExplanation)}
    values: dict[str, Any] = {
        "matched_skills": (),
        "missing_skills": (),
        "salary_note": "unknown",
        "salary_ratio": None,
        "location_reason": "anywhere",
        "positive_hits": (),
        "negative_hits": (),
    }
    for key, value in (data or {}).items():
        if key in known:
            values[key] = tuple(value) if isinstance(value, list) else value
    return ScoreExplanation(**values)


def _raw_payload(detailed: Vacancy, search_item: Vacancy | None) -> dict[str, Any]:
    """HH JSON kept with the recommendation: the full vacancy plus the search snippet."""
    raw = detailed.model_dump(mode="json", by_alias=True)
    if raw.get("snippet") is None and search_item is not None and search_item.snippet:
        raw["snippet"] = search_item.snippet.model_dump(mode="json")
    return raw


def _snippet_of(raw: Mapping[str, Any]) -> str:
    snippet = raw.get("snippet") or {}
    parts = [strip_html(snippet.get(name)) for name in ("requirement", "responsibility")]
    text = " ".join(part for part in parts if part)
    if not text:
        text = strip_html(raw.get("description"))
    return text if len(text) <= SNIPPET_CHARS else text[: SNIPPET_CHARS - 1].rstrip() + "…"


def score_columns(score: VacancyScore) -> dict[str, Any]:
    relevance = queries.RULED_OUT if score.dealbreaker else score.overall
    return {
        "skills_score": score.skills,
        "location_score": score.location,
        "salary_score": score.salary,
        "relevance_score": relevance,
        "explanation": _explanation_json(score.explanation),
    }


def recommendation_row(
    candidate: Candidate, search_item: Vacancy | None, source: str, now: datetime
) -> dict[str, Any]:
    vacancy, features = candidate.vacancy, candidate.features
    employer = vacancy.employer
    return {
        "vacancy_id": vacancy.id,
        "title": vacancy.name[:512],
        "employer_id": employer.id if employer else None,
        "employer_name": employer.name[:512] if employer else None,
        "area_id": vacancy.area.id if vacancy.area else None,
        "area_name": vacancy.area.name if vacancy.area else None,
        "salary_from": features.salary_from,
        "salary_to": features.salary_to,
        "salary_currency": features.salary_currency,
        "salary_gross": features.salary_gross,
        "url": (vacancy.alternate_url or "")[:512] or None,
        "published_at": vacancy.published_at,
        "content_hash": features.content_hash,
        "raw": _raw_payload(vacancy, search_item),
        "source": source,
        "created_at": now,
        **score_columns(candidate.score),
    }


def card_from_row(
    row: JobRecommendation, *, saved: bool, feedback: bool | None
) -> RecommendationCard:
    return RecommendationCard(
        recommendation_id=row.id,
        vacancy_id=row.vacancy_id,
        title=row.title,
        employer_id=row.employer_id,
        employer_name=row.employer_name,
        area_name=row.area_name,
        salary_from=row.salary_from,
        salary_to=row.salary_to,
        salary_currency=row.salary_currency,
        salary_gross=row.salary_gross,
        url=row.url,
        snippet=_snippet_of(row.raw or {}),
        relevance=min(max(row.relevance_score, 0.0), 1.0),
        explanation=_explanation_from_json(row.explanation),
        saved=saved,
        feedback=feedback,
        published_at=row.published_at,
    )


def details_from_row(row: JobRecommendation, card: RecommendationCard) -> VacancyDetails:
    raw = row.raw or {}
    skills = tuple(
        str(item.get("name")) for item in raw.get("key_skills") or [] if isinstance(item, dict)
    )
    base = {f.name: getattr(card, f.name) for f in fields(RecommendationCard)}
    return VacancyDetails(**base, description=strip_html(raw.get("description")), key_skills=skills)


def _total_pages(total: int, per_page: int) -> int:
    return math.ceil(total / per_page) if total else 0


# ============================================================================ service


@dataclass(slots=True)
class _FeedSession:
    """Recommendations already shown when the user opened the feed: hidden from this
    browse, so a refreshed feed starts with what is new and page offsets stay stable."""

    seen_before: frozenset[int] = frozenset()


class LearningEvents(Protocol):
    """What the recommender needs from core.learner.Learner: a call after each update."""

    def on_learned(self, listener: Callable[[int], Awaitable[object]]) -> None: ...


@dataclass(slots=True)
class _Reference:
    area_parent: dict[str, str | None] = field(default_factory=dict)
    rates: dict[str, float] = field(default_factory=dict)
    loaded_at: datetime | None = None

    def fresh(self, now: datetime) -> bool:
        return self.loaded_at is not None and now - self.loaded_at < REFERENCE_TTL


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
        default_area_id: str = KAZAKHSTAN_AREA_ID,
        max_pages: int = 3,
        hh_per_page: int = 100,
        details_limit: int = 30,
    ) -> None:
        self._sessions = session_factory
        self._settings = settings
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
        self._features = FeatureCache()
        self._feeds: OrderedDict[int, _FeedSession] = OrderedDict()
        self._reference = _Reference()
        self._reference_lock = asyncio.Lock()
        if learner is not None:
            learner.on_learned(self.rescore)

    # ------------------------------------------------------------------ feed

    async def get_personalized_recommendations(
        self, user_id: int, *, page: int = 0, per_page: int = 5, refresh: bool = False
    ) -> RecommendationPage:
        """A page of the user's feed, fetching new vacancies from HH when needed.

        HH is asked when ``refresh`` is set, when the user has nothing stored yet, or
        when the feed is opened (page 0) and the cached search for their query has
        expired; otherwise the page comes from the database alone (paging never inserts
        vacancies mid-browse). When HH fails, stored recommendations are served with
        ``stale=True``; with nothing stored, RecommendationsUnavailable is raised."""
        prefs = await self._preferences(user_id)
        params = self.search_params(prefs)
        stale = False
        if await self._needs_fetch(user_id, params, refresh=refresh, opening=page == 0):
            stale = await self._refresh_feed(user_id, prefs, params, refresh)
        return await self._feed_page(user_id, prefs, page, per_page, refresh, stale)

    def search_params(self, prefs: UserPreferences) -> VacancySearchParams:
        return build_search_params(prefs, default_area_id=self._default_area_id)

    async def _needs_fetch(
        self, user_id: int, params: VacancySearchParams, *, refresh: bool, opening: bool
    ) -> bool:
        if refresh:
            return True
        async with self._sessions() as session:
            if not await queries.has_recommendations(session, user_id, FEED_SOURCES):
                return True
        return opening and not await self._cache.is_fresh(params, 0, self._hh_per_page)

    async def _refresh_feed(
        self, user_id: int, prefs: UserPreferences, params: VacancySearchParams, refresh: bool
    ) -> bool:
        """Fetch and store new recommendations; True when what we have is stale."""
        try:
            fetched = await self._fetch(params, refresh=refresh)
            candidates = await self._new_candidates(user_id, prefs, fetched.items)
        except HHError as error:
            async with self._sessions() as session:
                if await queries.has_recommendations(session, user_id, FEED_SOURCES):
                    logger.warning("HH failed for user %s (%s); serving stored", user_id, error)
                    return True
            raise _unavailable(error) from error
        await self._store(user_id, candidates, fetched.items, RecommendationSource.RECOMMENDATION)
        return fetched.stale

    async def _feed_page(
        self,
        user_id: int,
        prefs: UserPreferences,
        page: int,
        per_page: int,
        refresh: bool,
        stale: bool,
    ) -> RecommendationPage:
        page, per_page = max(page, 0), max(per_page, 1)
        async with self._sessions() as session:
            index = await queries.feed_index(
                session, user_id, FEED_SOURCES, exclude_applied=prefs.exclude_applied
            )
            visible = self._visible(user_id, index, new_browse=page == 0 or refresh)
            chosen = [entry.recommendation_id for entry in visible[page * per_page :][:per_page]]
            items = await self._cards(session, user_id, chosen)
            await RecommendationRepository(session).mark_shown(user_id, chosen, self._clock())
            await session.commit()
        total = len(visible)
        return RecommendationPage(
            items, total, page, per_page, _total_pages(total, per_page), stale
        )

    def _visible(
        self, user_id: int, index: list[queries.FeedEntry], *, new_browse: bool
    ) -> list[queries.FeedEntry]:
        feed = self._feeds.get(user_id)
        if new_browse or feed is None:
            shown = frozenset(entry.recommendation_id for entry in index if entry.shown)
            # Everything seen already: browse it all again rather than show nothing.
            everything_seen = len(shown) == len(index)
            feed = _FeedSession(frozenset() if everything_seen else shown)
            self._feeds[user_id] = feed
        self._feeds.move_to_end(user_id)
        if len(self._feeds) > FEED_SESSIONS:
            self._feeds.popitem(last=False)
        return [entry for entry in index if entry.recommendation_id not in feed.seen_before]

    async def _cards(
        self, session: AsyncSession, user_id: int, rec_ids: Sequence[int]
    ) -> list[RecommendationCard]:
        """Cards of the user's recommendations, in the order of ``rec_ids``."""
        rows = await queries.recommendations_by_ids(session, user_id, rec_ids)
        return await self._cards_of(session, user_id, [rows[i] for i in rec_ids if i in rows])

    @staticmethod
    async def _cards_of(
        session: AsyncSession, user_id: int, rows: Sequence[JobRecommendation]
    ) -> list[RecommendationCard]:
        ids = [row.id for row in rows]
        saved = await SavedJobRepository(session).saved_flags_for(user_id, ids)
        votes = await FeedbackRepository(session).flags_for(user_id, ids)
        return [
            card_from_row(row, saved=row.id in saved, feedback=votes.get(row.id)) for row in rows
        ]

    # ------------------------------------------------------------------ fetching

    async def _preferences(self, user_id: int) -> UserPreferences:
        async with self._sessions() as session:
            prefs = await PreferencesRepository(session).get(user_id)
        if prefs is None:
            raise RecommendationsUnavailable("not_onboarded", f"user {user_id} has no preferences")
        return prefs

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

    async def _context(self, prefs: UserPreferences) -> ScoringContext:
        reference = await self._reference_data()
        return ScoringContext.build(prefs, reference.area_parent, reference.rates)

    async def _reference_data(self) -> _Reference:
        """Area tree and currency rates (the client caches them in memory too); scoring
        falls back to its built-in defaults while HH cannot be reached."""
        now = self._clock()
        if self._reference.fresh(now):
            return self._reference
        async with self._reference_lock:
            if self._reference.fresh(now):  # loaded by whoever held the lock
                return self._reference
            try:
                areas, dictionaries = await asyncio.gather(
                    self._cache.hh.get_areas(), self._cache.hh.get_dictionaries()
                )
            except HHError as error:
                logger.warning("HH areas/dictionaries unavailable (%s); using defaults", error)
                return self._reference
            parents = {node.id: node.parent_id for node in flatten_areas(areas).values()}
            self._reference = _Reference(parents, dictionaries.rates(), now)
            return self._reference

    async def _exclusions(
        self, session: AsyncSession, user_id: int, *, include_seen: bool, exclude_applied: bool
    ) -> Exclusions:
        hidden = await HiddenEmployerRepository(session).list_ids(user_id)
        if not include_seen:
            applied = (
                await queries.applied_vacancy_ids(session, user_id) if exclude_applied else set()
            )
            return Exclusions(frozenset(applied), frozenset(), frozenset(hidden))
        recommendations = RecommendationRepository(session)
        return Exclusions(
            frozenset(await recommendations.seen_vacancy_ids(user_id)),
            frozenset(await recommendations.seen_content_hashes(user_id)),
            frozenset(hidden),
        )

    async def _new_candidates(
        self, user_id: int, prefs: UserPreferences, items: Sequence[Vacancy]
    ) -> list[Candidate]:
        """Scored vacancies this user has never been offered, best first."""
        async with self._sessions() as session:
            exclusions = await self._exclusions(
                session, user_id, include_seen=True, exclude_applied=prefs.exclude_applied
            )
        ctx = await self._context(prefs)
        return await self._rank(ctx, items, exclusions)

    async def _rank(
        self,
        ctx: ScoringContext,
        items: Sequence[Vacancy],
        exclusions: Exclusions,
    ) -> list[Candidate]:
        """Pre-rank search items cheaply, fetch details of the best, score those fully."""
        shortlist = self._prerank(ctx, items, exclusions)[: self._details_limit]
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
    ) -> None:
        """Insert new recommendations and prune the oldest unsaved beyond the cap."""
        if not candidates:
            return
        now = self._clock()
        by_id = {item.id: item for item in search_items}
        rows = [
            recommendation_row(c, by_id.get(c.vacancy.id), source.value, now) for c in candidates
        ]
        async with self._sessions() as session:
            repo = RecommendationRepository(session)
            await repo.add_many(user_id, rows)
            await repo.prune(user_id, self._settings.max_recommendations_per_user)
            await session.commit()

    # ------------------------------------------------------------------ search

    async def search(
        self, user_id: int, overrides: SearchOverrides, *, page: int = 0, per_page: int = 5
    ) -> RecommendationPage:
        """A one-off search scored for the user. Results are stored (source "search");
        a vacancy the user already has comes back under its existing recommendation."""
        prefs = apply_overrides(await self._preferences(user_id), overrides)
        params = self.search_params(prefs)
        if text := _search_text(overrides):
            params = params.model_copy(update={"text": text})
        try:
            fetched = await self._fetch(params, refresh=False)
            async with self._sessions() as session:
                exclusions = await self._exclusions(
                    session, user_id, include_seen=False, exclude_applied=prefs.exclude_applied
                )
            ranked = await self._rank(await self._context(prefs), fetched.items, exclusions)
        except HHError as error:
            raise _unavailable(error) from error
        rec_ids = await self._store_search(user_id, ranked, fetched.items)
        return await self._search_page(user_id, rec_ids, page, per_page, fetched.stale)

    async def _store_search(
        self, user_id: int, ranked: Sequence[Candidate], search_items: Sequence[Vacancy]
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
        await self._store(user_id, fresh, search_items, RecommendationSource.SEARCH)
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
        return RecommendationPage(
            items, total, page, per_page, _total_pages(total, per_page), stale
        )

    # ------------------------------------------------------------------ details

    async def details(self, user_id: int, recommendation_id: int) -> VacancyDetails | None:
        """The full vacancy of one of the user's recommendations; None if not theirs."""
        async with self._sessions() as session:
            recommendations = RecommendationRepository(session)
            row = await recommendations.get(user_id, recommendation_id)
            if row is None:
                return None
            card = (await self._cards_of(session, user_id, [row]))[0]
            await recommendations.mark_details_opened(user_id, recommendation_id, self._clock())
            await session.commit()
        return details_from_row(row, card)

    # ------------------------------------------------------------------ learning

    async def rescore(self, user_id: int) -> int:
        """Re-score every stored recommendation of the user with their current
        preferences (after learning), so the next page reflects 👍/👎. Returns how many."""
        async with self._sessions() as session:
            prefs = await PreferencesRepository(session).get(user_id)
            stored = await queries.scoring_inputs(session, user_id)
        if prefs is None or not stored:
            return 0
        ctx = await self._context(prefs)
        updates = []
        for rec_id, raw in stored:
            try:
                vacancy = Vacancy.model_validate(raw)
            except ValueError:
                continue  # an unreadable old row keeps its score
            updates.append({"id": rec_id, **score_columns(self._score(ctx, vacancy).score)})
        async with self._sessions() as session:
            await queries.update_scores(session, user_id, updates)
            await session.commit()
        return len(updates)

    # ------------------------------------------------------------------ digest

    async def fresh_for_digest(
        self, user_ids: Sequence[int], *, limit: int = 5, min_relevance: float = 0.5
    ) -> dict[int, list[RecommendationCard]]:
        """Never-shown recommendations above ``min_relevance`` for each user (at most
        ``limit``), fetching HH once per distinct query among them. Stored with source
        "digest" and not marked shown: the scheduler calls mark_delivered after sending.

        A user is left out of the result when the answer is unknown: HH failed and
        nothing stored is left to send. An empty list means "nothing new" (the push
        records the day); a missing user is retried on the next tick."""
        groups = await self._group_by_query(user_ids)
        result: dict[int, list[RecommendationCard]] = {user_id: [] for user_id in user_ids}
        for params, members in groups.values():
            items = await self._fetch_for_digest(params)
            for user_id, prefs in members:
                cards = await self._digest_for(user_id, prefs, items, limit, min_relevance)
                if cards is None:
                    del result[user_id]
                else:
                    result[user_id] = cards
        return result

    async def _group_by_query(
        self, user_ids: Sequence[int]
    ) -> dict[str, tuple[VacancySearchParams, list[tuple[int, UserPreferences]]]]:
        groups: dict[str, tuple[VacancySearchParams, list[tuple[int, UserPreferences]]]] = {}
        async with self._sessions() as session:
            repo = PreferencesRepository(session)
            for user_id in dict.fromkeys(user_ids):
                prefs = await repo.get(user_id)
                if prefs is None:
                    continue
                params = self.search_params(prefs)
                groups.setdefault(params.signature(), (params, []))[1].append((user_id, prefs))
        return groups

    async def _fetch_for_digest(self, params: VacancySearchParams) -> list[Vacancy] | None:
        try:
            return (await self._fetch(params, refresh=False)).items
        except HHError as error:
            logger.warning("Digest fetch failed (%s); using stored recommendations", error)
            return None

    async def _digest_for(
        self,
        user_id: int,
        prefs: UserPreferences,
        items: Sequence[Vacancy] | None,
        limit: int,
        min_relevance: float,
    ) -> list[RecommendationCard] | None:
        """The user's digest cards; None when HH failed and nothing stored is left."""
        answered = items is not None  # None: the search failed (HH down, nothing cached)
        if items:
            try:
                candidates = await self._new_candidates(user_id, prefs, items)
            except HHError as error:
                logger.warning("Digest details failed for user %s (%s)", user_id, error)
                candidates, answered = [], False
            good = [c for c in candidates if c.score.overall >= min_relevance][:limit]
            await self._store(user_id, good, items, RecommendationSource.DIGEST)
        async with self._sessions() as session:
            rows = await queries.unshown_candidates(
                session, user_id, FEED_SOURCES, min_relevance, limit
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
