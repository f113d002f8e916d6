"""Async HeadHunter API client: one session, bounded concurrency, rate cap, retries.

Talks real HTTP to ``base_url`` (api.hh.ru or the sandbox emulator). Every attempt is
logged on the ``core.hh`` logger; the token only ever travels in the Authorization header,
so it cannot leak through the logged params or URLs.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Generic, Self, TypeVar
from urllib.parse import quote

import aiohttp
from aiolimiter import AsyncLimiter
from pydantic import BaseModel, TypeAdapter, ValidationError
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception_type, stop_after_attempt

from core.config import Settings
from core.domain.hh_errors import (
    HHError,
    HHInvalidResponseError,
    HHNotFoundError,
    HHUnavailableError,
    error_from_response,
)
from core.domain.hh_schemas import (
    AreaNode,
    AreaSuggestion,
    AreaSuggestionPage,
    Dictionaries,
    QueryPairs,
    Vacancy,
    VacancySearchPage,
    VacancySearchParams,
)

logger = logging.getLogger("core.hh")

DEPTH_LIMIT = 2000  # HH never returns item number 2001+ of a search: (page+1)*per_page <= 2000
MAX_PER_PAGE = 100
DEFAULT_CACHE_TTL = 24 * 3600.0
MAX_SUGGEST_TEXT = 3000  # longer suggest text is a 400 at HH
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
TRANSPORT_ERRORS: tuple[type[BaseException], ...] = (
    asyncio.TimeoutError,  # aiohttp.ServerTimeoutError subclasses it
    aiohttp.ClientConnectionError,  # includes ServerDisconnectedError
    aiohttp.ClientPayloadError,  # connection dropped mid-body
)

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)
_AREA_LIST = TypeAdapter(list[AreaNode])


# --------------------------------------------------------------------------- area helpers


def flatten_areas(nodes: Iterable[AreaNode]) -> dict[str, AreaNode]:
    """Every node of the area forest by id (roots, regions, cities)."""
    flat: dict[str, AreaNode] = {}
    stack = list(nodes)
    while stack:  # iterative: the tree is shallow, but never trust input depth
        node = stack.pop()
        flat[node.id] = node
        stack.extend(node.areas)
    return flat


def area_descendants(nodes: Iterable[AreaNode], area_id: str) -> set[str]:
    """``area_id`` and all ids beneath it; empty when the id is unknown."""
    root = flatten_areas(nodes).get(str(area_id))
    return set(flatten_areas([root])) if root is not None else set()


# --------------------------------------------------------------------------- internals


@dataclass(frozen=True)
class _Answer:
    status: int
    text: str
    headers: Mapping[str, str]


class _Retry(Exception):
    """One attempt failed in a way worth retrying; carries what to raise if none is left."""

    def __init__(self, error: HHError, retry_after: float | None = None) -> None:
        super().__init__(str(error))
        self.error = error
        self.retry_after = retry_after


class _TTLCache(Generic[T]):
    """One value kept for ``ttl`` seconds; concurrent first callers share one load."""

    def __init__(self, ttl: float) -> None:
        self._ttl = ttl
        self._value: T | None = None
        self._expires = 0.0
        self._lock = asyncio.Lock()

    async def get(self, load: Callable[[], Awaitable[T]]) -> T:
        if self._value is not None and time.monotonic() < self._expires:
            return self._value
        async with self._lock:
            # Re-check: whoever held the lock may have loaded it meanwhile.
            if self._value is None or time.monotonic() >= self._expires:
                self._value = await load()
                self._expires = time.monotonic() + self._ttl
            return self._value

    def clear(self) -> None:
        self._value = None


def _parse_retry_after(value: str | None) -> float | None:
    """Seconds from a numeric Retry-After; HTTP-date forms are rare enough to ignore."""
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        return None
    return seconds if seconds >= 0 else None


def _mapping_to_query(params: Mapping[str, Any]) -> QueryPairs:
    """A raw HH query given as a mapping: sequences repeat, None/empty are dropped."""
    pairs: QueryPairs = []
    for key, value in params.items():
        values = value if isinstance(value, list | tuple | set | frozenset) else [value]
        for item in values:
            if item is None or item == "":
                continue
            text = ("true" if item else "false") if isinstance(item, bool) else str(item)
            pairs.append((key, text))
    return pairs


def _search_query(params: VacancySearchParams | Mapping[str, Any]) -> QueryPairs:
    if isinstance(params, VacancySearchParams):
        return params.to_query()
    return [pair for pair in _mapping_to_query(params) if pair[0] not in {"page", "per_page"}]


# --------------------------------------------------------------------------- client


class HHClient:
    """HeadHunter API client. Use as ``async with HHClient(...) as hh:`` or call close()."""

    def __init__(
        self,
        *,
        base_url: str,
        host: str = "hh.kz",
        user_agent: str,
        app_token: str | None = None,
        timeout: float = 30.0,
        max_concurrency: int = 10,
        requests_per_second: float = 8.0,
        max_attempts: int = 4,
        backoff_base: float = 0.5,
        backoff_max: float = 8.0,
        cache_ttl: float = DEFAULT_CACHE_TTL,
        session: aiohttp.ClientSession | None = None,
    ) -> None:
        if max_concurrency < 1 or max_attempts < 1 or requests_per_second <= 0:
            raise ValueError("max_concurrency, max_attempts and requests_per_second must be > 0")
        self._base_url = base_url.rstrip("/")
        self._host = host
        self._user_agent = user_agent
        self._app_token = app_token or None
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._max_attempts = max_attempts
        self._backoff_base = backoff_base
        self._backoff_max = backoff_max
        self._semaphore = asyncio.Semaphore(max_concurrency)
        self._limiter = _make_limiter(requests_per_second)
        self._session = session
        self._owns_session = session is None
        self._areas: _TTLCache[list[AreaNode]] = _TTLCache(cache_ttl)
        self._dictionaries: _TTLCache[Dictionaries] = _TTLCache(cache_ttl)

    @classmethod
    def from_settings(cls, settings: Settings, **overrides: Any) -> HHClient:
        token = settings.hh_app_token.get_secret_value() if settings.hh_app_token else None
        options: dict[str, Any] = {
            "base_url": settings.hh_api_base_url,
            "host": settings.hh_host,
            "user_agent": settings.hh_user_agent,
            "app_token": token,
            "timeout": settings.hh_api_timeout,
            "max_concurrency": settings.max_concurrent_api_calls,
            "requests_per_second": settings.hh_requests_per_second,
            "max_attempts": settings.hh_max_attempts,
        }
        return cls(**{**options, **overrides})

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def close(self) -> None:
        """Close the session if this client created it (a passed-in one is the caller's)."""
        if self._session is not None and self._owns_session and not self._session.closed:
            await self._session.close()
        if self._owns_session:
            self._session = None

    # ----------------------------------------------------------------------- vacancies

    async def search_vacancies(
        self,
        params: VacancySearchParams | Mapping[str, Any],
        *,
        page: int = 0,
        per_page: int = MAX_PER_PAGE,
    ) -> VacancySearchPage:
        """One page of ``GET /vacancies``. ``params`` is a model or a raw HH query mapping.

        Depth and per_page limits are left to HH to enforce (HHBadRequestError), so the
        client never disagrees with the server about them; iter_search stays inside them.
        """
        query = [*_search_query(params), ("page", str(page)), ("per_page", str(per_page))]
        data = await self._get_json("/vacancies", query)
        return _validate(VacancySearchPage, data, "/vacancies")

    async def search_clusters(
        self, params: VacancySearchParams | Mapping[str, Any]
    ) -> VacancySearchPage:
        """The clusters of a search without its items (``clusters=true&per_page=0``):
        counts per city, salary threshold, experience, … for the whole result set."""
        query = [*_search_query(params), ("clusters", "true"), ("per_page", "0")]
        data = await self._get_json("/vacancies", query)
        return _validate(VacancySearchPage, data, "/vacancies")

    async def similar_vacancies(
        self,
        vacancy_id: str,
        params: VacancySearchParams | Mapping[str, Any] | None = None,
        *,
        per_page: int = 20,
    ) -> VacancySearchPage:
        """``GET /vacancies/{id}/similar_vacancies``: HH's own "more like this", taking the
        search's parameters. Needs the application token (without it HH asks a captcha)."""
        path = f"/vacancies/{quote(str(vacancy_id), safe='')}/similar_vacancies"
        query = [*_search_query(params or {}), ("page", "0"), ("per_page", str(per_page))]
        return _validate(VacancySearchPage, await self._get_json(path, query), path)

    async def iter_search(
        self,
        params: VacancySearchParams | Mapping[str, Any],
        *,
        per_page: int = MAX_PER_PAGE,
        max_items: int = DEPTH_LIMIT,
    ) -> AsyncIterator[Vacancy]:
        """Yield search items page by page until exhausted, ``max_items`` or the depth limit."""
        if not 1 <= per_page <= MAX_PER_PAGE:
            raise ValueError(f"per_page must be within 1..{MAX_PER_PAGE}")
        remaining = min(max_items, DEPTH_LIMIT)
        page = 0
        while remaining > 0 and (page + 1) * per_page <= DEPTH_LIMIT:
            result = await self.search_vacancies(params, page=page, per_page=per_page)
            for item in result.items[:remaining]:
                yield item
            remaining -= min(len(result.items), remaining)
            if not result.items or page + 1 >= result.pages:
                return
            page += 1

    async def get_vacancy(self, vacancy_id: str) -> Vacancy:
        """Full vacancy, with ``description`` and ``key_skills``."""
        # Quoted: ids come from callbacks and caches; a "/" or "?" must not change the route.
        path = f"/vacancies/{quote(str(vacancy_id), safe='')}"
        return _validate(Vacancy, await self._get_json(path, []), path)

    async def get_vacancies(self, ids: Sequence[str]) -> dict[str, Vacancy]:
        """Details of many vacancies by id; missing ones (404) are logged and skipped.

        Concurrency is bounded by the client-wide semaphore. Any other error cancels the
        rest and propagates as itself (not an ExceptionGroup, so callers can catch HHError),
        since a silently partial answer would hide an outage.
        """
        unique_ids = list(dict.fromkeys(str(vacancy_id) for vacancy_id in ids))
        tasks = [asyncio.create_task(self._get_vacancy_or_none(i)) for i in unique_ids]
        try:
            results = await asyncio.gather(*tasks)
        except BaseException:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            raise
        # Keyed by the id asked for, so callers can look up exactly what they passed.
        return {i: vacancy for i, vacancy in zip(unique_ids, results, strict=True) if vacancy}

    async def _get_vacancy_or_none(self, vacancy_id: str) -> Vacancy | None:
        try:
            return await self.get_vacancy(vacancy_id)
        except HHNotFoundError:
            logger.info("HH vacancy %s not found (closed or removed); skipped", vacancy_id)
            return None

    # ----------------------------------------------------------------------- reference data

    async def get_areas(self) -> list[AreaNode]:
        """The area forest from ``GET /areas``, cached in memory for ``cache_ttl``."""
        return list(await self._areas.get(self._load_areas))

    async def get_dictionaries(self) -> Dictionaries:
        """``GET /dictionaries``, cached in memory for ``cache_ttl``."""
        return await self._dictionaries.get(self._load_dictionaries)

    async def suggest_areas(self, text: str) -> list[AreaSuggestion]:
        """Area name suggestions; under 2 characters HH would answer 400, so ask nothing."""
        text = text.strip()
        if len(text) < 2:
            return []
        query = [("text", text[:MAX_SUGGEST_TEXT])]
        data = await self._get_json("/suggests/areas", query)
        return _validate(AreaSuggestionPage, data, "/suggests/areas").items

    async def _load_areas(self) -> list[AreaNode]:
        data = await self._get_json("/areas", [])
        try:
            return _AREA_LIST.validate_python(data)
        except ValidationError as exc:
            raise _invalid("/areas", exc) from exc

    async def _load_dictionaries(self) -> Dictionaries:
        return _validate(Dictionaries, await self._get_json("/dictionaries", []), "/dictionaries")

    # ----------------------------------------------------------------------- transport

    async def _get_json(self, path: str, query: QueryPairs) -> Any:
        """GET ``path`` with retries; the parsed JSON body, or a typed HHError."""
        query = [*query, ("host", self._host)]
        retrying = AsyncRetrying(
            stop=stop_after_attempt(self._max_attempts),
            retry=retry_if_exception_type(_Retry),
            wait=self._wait_before_retry,
            reraise=True,
        )
        try:
            async for attempt in retrying:
                with attempt:
                    number = attempt.retry_state.attempt_number
                    answer = await self._attempt(path, query, number)
        except _Retry as retry:  # the last attempt failed too
            raise retry.error from retry.__cause__
        return _parse_json(answer.text, self._url(path))

    def _wait_before_retry(self, state: RetryCallState) -> float:
        failed = state.outcome.exception() if state.outcome is not None else None
        retry_after = failed.retry_after if isinstance(failed, _Retry) else None
        return self._backoff(state.attempt_number, retry_after)

    async def _attempt(self, path: str, query: QueryPairs, attempt: int) -> _Answer:
        """One request under the concurrency and rate caps; raises _Retry or HHError."""
        async with self._semaphore:
            await self._limiter.acquire()
            started = time.perf_counter()
            try:
                answer = await self._send(path, query)
            except TRANSPORT_ERRORS as exc:
                self._log(path, query, None, attempt, started, exc)
                unreachable = HHUnavailableError(
                    f"HH API unreachable ({type(exc).__name__}: {exc}) after {attempt} "
                    "attempt(s); check HH_API_BASE_URL, the network, or raise HH_API_TIMEOUT",
                    url=self._url(path),
                )
                raise _Retry(unreachable) from exc
        self._log(path, query, answer.status, attempt, started, None)
        if answer.status < 400:
            return answer
        error = error_from_response(
            answer.status, answer.text, url=self._url(path), attempts=attempt
        )
        if answer.status in RETRY_STATUSES:
            raise _Retry(error, _parse_retry_after(answer.headers.get("Retry-After")))
        raise error

    async def _send(self, path: str, query: QueryPairs) -> _Answer:
        session = self._ensure_session()
        async with session.get(
            self._url(path),
            params=query,
            headers=self._headers(),
            # aiohttp would otherwise add its own "Python/aiohttp" UA, hiding a missing one.
            skip_auto_headers=("User-Agent",),
            timeout=self._timeout,
        ) as response:
            raw = await response.read()
            text = raw.decode(response.charset or "utf-8", errors="replace")
            return _Answer(response.status, text, dict(response.headers))

    def _ensure_session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            if not self._owns_session:
                raise RuntimeError("the aiohttp session passed to HHClient is closed")
            self._session = aiohttp.ClientSession(timeout=self._timeout)
        return self._session

    def _headers(self) -> dict[str, str]:
        headers = {"Accept": "application/json"}
        if self._user_agent:
            headers["User-Agent"] = self._user_agent
        if self._app_token:
            headers["Authorization"] = f"Bearer {self._app_token}"
        return headers

    def _url(self, path: str) -> str:
        return f"{self._base_url}{path}"

    def _backoff(self, attempt: int, retry_after: float | None) -> float:
        """Exponential backoff with jitter; a server's Retry-After wins, capped."""
        if retry_after is not None:
            return min(retry_after, self._backoff_max)
        ceiling = min(self._backoff_max, self._backoff_base * 2.0 ** (attempt - 1))
        # Equal jitter: never zero (keeps pressure off HH), yet callers don't retry in step.
        return ceiling / 2 + random.uniform(0, ceiling / 2)

    def _log(
        self,
        path: str,
        query: QueryPairs,
        status: int | None,
        attempt: int,
        started: float,
        exc: BaseException | None,
    ) -> None:
        duration_ms = (time.perf_counter() - started) * 1000
        level = logging.INFO if status is not None and status < 400 else logging.WARNING
        outcome = status if exc is None else f"{type(exc).__name__}"
        logger.log(
            level,
            "HH GET %s params=%s status=%s attempt=%d/%d duration=%.0fms",
            path,
            query,
            outcome,
            attempt,
            self._max_attempts,
            duration_ms,
            extra={
                "hh_method": "GET",
                "hh_path": path,
                "hh_status": status,
                "hh_attempt": attempt,
                "hh_duration_ms": round(duration_ms, 1),
            },
        )


def _make_limiter(requests_per_second: float) -> AsyncLimiter:
    # AsyncLimiter refuses a single acquire above max_rate, so slow rates (<1/s) are
    # expressed as one request per longer period instead.
    max_rate = max(1.0, requests_per_second)
    return AsyncLimiter(max_rate, max_rate / requests_per_second)


def _parse_json(text: str, url: str) -> Any:
    try:
        return json.loads(text)
    except ValueError as exc:
        snippet = " ".join(text.split())[:200]
        raise HHInvalidResponseError(
            f"HH answered with a non-JSON body (a proxy or edge in the way? "
            f"check HH_API_BASE_URL): {snippet!r}",
            url=url,
        ) from exc


def _invalid(path: str, exc: ValidationError) -> HHInvalidResponseError:
    return HHInvalidResponseError(
        f"HH answered {path} with JSON of an unexpected shape ({exc.error_count()} "
        f"error(s), first: {exc.errors()[0]['loc']} {exc.errors()[0]['msg']}); "
        "the API may have changed — update core/hh/schemas.py",
        url=path,
    )


def _validate(model: type[M], data: Any, path: str) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise _invalid(path, exc) from exc
