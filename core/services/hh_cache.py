"""HH responses behind the shared database cache (``hh_cache``), with a stale fallback.

Search pages are keyed by ``VacancySearchParams.signature()`` + page, so every user with
the same query shares one HH request per cache window; vacancy details are keyed by id.
When HH fails (outage, 429, captcha, edge 403, garbage body) an expired entry is still
better than nothing: it is served and flagged ``stale`` so the card can say so.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.domain.clock import Clock
from core.domain.hh_errors import HHBadRequestError, HHError, HHNotFoundError
from core.domain.hh_schemas import Vacancy, VacancySearchPage, VacancySearchParams
from core.hh.client import HHClient
from db.queries_recommender import cached_payloads
from db.repositories import HHCacheRepository

logger = logging.getLogger(__name__)

SEARCH_KIND = "search"
EXPIRY_MEMO_KEYS = 10_000  # search pages whose expiry is remembered (then forgotten at once)
VACANCY_KIND = "vacancy"


def search_key(params: VacancySearchParams, page: int, per_page: int) -> str:
    return f"{SEARCH_KIND}:{params.signature()}:{page}:{per_page}"


def vacancy_key(vacancy_id: str) -> str:
    return f"{VACANCY_KIND}:{vacancy_id}"


def is_outage(error: HHError) -> bool:
    """HH failing us (as opposed to a request HH rightly rejects): worth a stale answer.

    A 400 is our own bug and a 404 a closed vacancy; old data would only hide them."""
    return not isinstance(error, HHBadRequestError | HHNotFoundError)


def _dump(model: Vacancy | VacancySearchPage) -> dict[str, Any]:
    # by_alias keeps HH's own field names ("from"), so the payload reads like HH's JSON.
    return model.model_dump(mode="json", by_alias=True)


@dataclass(frozen=True, slots=True)
class CachedSearchPage:
    page: VacancySearchPage
    stale: bool  # served from an expired entry because HH failed


@dataclass(frozen=True, slots=True)
class CachedVacancies:
    by_id: dict[str, Vacancy]
    stale: bool  # some details came from expired entries because HH failed


class CachedHH:
    """Read-through cache over :class:`HHClient` for searches and vacancy details."""

    def __init__(
        self,
        hh: HHClient,
        session_factory: async_sessionmaker[AsyncSession],
        *,
        ttl: timedelta,
        clock: Clock,
    ) -> None:
        self.hh = hh
        self._sessions = session_factory
        self._ttl = ttl
        self._clock = clock
        # Concurrent callers asking for the same page share one HH request.
        self._inflight: dict[str, asyncio.Task[CachedSearchPage]] = {}
        self._expiry: dict[str, datetime] = {}  # search key -> when its entry expires

    # ------------------------------------------------------------------ search pages

    async def is_fresh(
        self,
        params: VacancySearchParams,
        page: int,
        per_page: int,
        session: AsyncSession | None = None,
    ) -> bool:
        """Whether this search page is cached and not expired (no HH request made).

        Asked on every opening of the feed: the expiry alone is read (not the page's
        JSON), and remembered, since an entry's expiry only moves later (a refresh
        rewrites it; only expired entries are deleted). ``session``: read in the caller's
        unit of work (the feed's opening), not one of its own."""
        key = search_key(params, page, per_page)
        now = self._clock()
        known = self._expiry.get(key)
        if known is not None and known > now:
            return True
        if session is not None:
            expires = await HHCacheRepository(session).expires_at(key)
        else:
            async with self._sessions() as own:
                expires = await HHCacheRepository(own).expires_at(key)
        if expires is None:
            self._expiry.pop(key, None)
            return False
        if len(self._expiry) >= EXPIRY_MEMO_KEYS:
            self._expiry.clear()
        self._expiry[key] = expires
        return expires > now

    async def search_page(
        self,
        params: VacancySearchParams,
        page: int = 0,
        per_page: int = 100,
        *,
        refresh: bool = False,
    ) -> CachedSearchPage:
        """One search page: fresh cache, else HH, else (HH failing) the stale entry.

        Raises the HH error when HH fails and nothing was ever cached for the page."""
        key = search_key(params, page, per_page)
        if not refresh:
            cached = await self._fresh_search(key)
            if cached is not None:
                return cached
        task = self._inflight.get(key)
        if task is None:
            task = asyncio.create_task(self._fetch_search(key, params, page, per_page))
            self._inflight[key] = task
            task.add_done_callback(lambda done: self._forget(key, done))
        # Shielded: one caller giving up (a cancelled update) must not cancel the others.
        return await asyncio.shield(task)

    def _forget(self, key: str, task: asyncio.Task[CachedSearchPage]) -> None:
        self._inflight.pop(key, None)
        if not task.cancelled():
            task.exception()  # retrieved, so a failure nobody awaited logs no warning

    async def _fresh_search(self, key: str) -> CachedSearchPage | None:
        async with self._sessions() as session:
            payload = await HHCacheRepository(session).get(key, self._clock())
        if payload is None:
            return None
        return CachedSearchPage(VacancySearchPage.model_validate(payload), stale=False)

    async def _fetch_search(
        self, key: str, params: VacancySearchParams, page: int, per_page: int
    ) -> CachedSearchPage:
        try:
            result = await self.hh.search_vacancies(params, page=page, per_page=per_page)
        except HHError as error:
            if not is_outage(error):
                raise
            stale = await self._stale_search(key, error)
            if stale is None:
                raise
            return stale
        await self._put(key, SEARCH_KIND, _dump(result), self._clock())
        return CachedSearchPage(result, stale=False)

    async def _stale_search(self, key: str, error: HHError) -> CachedSearchPage | None:
        async with self._sessions() as session:
            found = await HHCacheRepository(session).get_stale(key)
        if found is None:
            return None
        payload, fetched_at = found
        logger.warning(
            "HH search failed (%s); serving the page cached at %s", type(error).__name__, fetched_at
        )
        return CachedSearchPage(VacancySearchPage.model_validate(payload), stale=True)

    # ------------------------------------------------------------------ vacancy details

    async def vacancies(self, ids: Sequence[str], *, refresh: bool = False) -> CachedVacancies:
        """Full vacancies (description, key skills) by id; closed ones (404) are absent.

        Cached ids cost nothing; the rest go to HH with the client's bounded concurrency.
        If HH fails, expired entries stand in and the answer is marked stale."""
        wanted = list(dict.fromkeys(str(vacancy_id) for vacancy_id in ids))
        found = {} if refresh else await self._cached_vacancies(wanted)
        missing = [vacancy_id for vacancy_id in wanted if vacancy_id not in found]
        if not missing:
            return CachedVacancies(found, stale=False)
        try:
            fetched = await self.hh.get_vacancies(missing)
        except HHError as error:
            if not is_outage(error):
                raise
            logger.warning(
                "HH details failed (%s); using expired cache entries", type(error).__name__
            )
            found.update(await self._stale_vacancies(missing))
            return CachedVacancies(found, stale=True)
        await self._put_vacancies(fetched.values())
        found.update(fetched)
        return CachedVacancies(found, stale=False)

    async def _cached_vacancies(self, ids: Sequence[str]) -> dict[str, Vacancy]:
        keys = {vacancy_key(vacancy_id): vacancy_id for vacancy_id in ids}
        async with self._sessions() as session:
            payloads = await cached_payloads(session, list(keys), self._clock())
        return {keys[key]: Vacancy.model_validate(payload) for key, payload in payloads.items()}

    async def _stale_vacancies(self, ids: Sequence[str]) -> dict[str, Vacancy]:
        keys = {vacancy_key(vacancy_id): vacancy_id for vacancy_id in ids}
        async with self._sessions() as session:
            payloads = await cached_payloads(session, list(keys), None)
        return {keys[key]: Vacancy.model_validate(payload) for key, payload in payloads.items()}

    async def _put_vacancies(self, vacancies: Iterable[Vacancy]) -> None:
        now = self._clock()
        async with self._sessions() as session:
            repo = HHCacheRepository(session)
            for vacancy in vacancies:
                await repo.put(
                    vacancy_key(vacancy.id), VACANCY_KIND, _dump(vacancy), self._ttl, now
                )
            await session.commit()

    async def _put(self, key: str, kind: str, payload: Any, now: datetime) -> None:
        async with self._sessions() as session:
            await HHCacheRepository(session).put(key, kind, payload, self._ttl, now)
            await session.commit()
