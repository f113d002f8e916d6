"""HHClient over real HTTP against the sandbox HH emulator (no patched transport)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from aiohttp import web

from core.config import Settings
from core.hh import (
    DEPTH_LIMIT,
    HHAuthorizationError,
    HHBadRequestError,
    HHBadUserAgentError,
    HHCaptchaRequiredError,
    HHClient,
    HHForbiddenError,
    HHInvalidResponseError,
    HHNotFoundError,
    HHRateLimitedError,
    HHUnavailableError,
    VacancySearchParams,
)
from sandbox.hh import HHEmulator

TOKEN = "sandbox-app-token"
USER_AGENT = "hh-jobs-bot-tests/1.0 (tests@example.com)"
ATTEMPTS = 3


def make_client(emulator: HHEmulator, **overrides: Any) -> HHClient:
    """A client tuned for tests: fast backoff, no practical rate cap, short timeout."""
    options: dict[str, Any] = {
        "base_url": emulator.url,
        "host": "hh.kz",
        "user_agent": USER_AGENT,
        "app_token": TOKEN,
        "timeout": 2.0,
        "max_concurrency": 10,
        "requests_per_second": 1000.0,
        "max_attempts": ATTEMPTS,
        "backoff_base": 0.01,
        "backoff_max": 0.05,
    }
    return HHClient(**{**options, **overrides})


@asynccontextmanager
async def running_emulator(corpus: Any, **options: Any) -> AsyncIterator[HHEmulator]:
    emulator = HHEmulator(corpus, **options)
    await emulator.start()
    try:
        yield emulator
    finally:
        await emulator.stop()


@pytest.fixture
async def hh(hh_emulator: HHEmulator) -> AsyncIterator[HHClient]:
    async with make_client(hh_emulator) as client:
        yield client


@pytest.fixture
def vacancy_ids(hh_emulator: HHEmulator) -> Iterator[list[str]]:
    yield list(hh_emulator.corpus.vacancies)[:40]


def header(request: Any, name: str) -> str | None:
    """Case-insensitive header lookup on a recorded request."""
    lowered = {key.lower(): value for key, value in request.headers.items()}
    return lowered.get(name.lower())


def requests_to(emulator: HHEmulator, path_prefix: str) -> list[Any]:
    return [request for request in emulator.requests if request.path.startswith(path_prefix)]


# ---------------------------------------------------------------------------- headers, query


async def test_user_agent_header_sent(hh: HHClient, hh_emulator: HHEmulator) -> None:
    await hh.search_vacancies(VacancySearchParams(text="python"), per_page=5)
    assert header(hh_emulator.requests[-1], "User-Agent") == USER_AGENT


async def test_bearer_token_sent(hh: HHClient, hh_emulator: HHEmulator) -> None:
    await hh.search_vacancies(VacancySearchParams(text="python"), per_page=5)
    assert header(hh_emulator.requests[-1], "Authorization") == f"Bearer {TOKEN}"


async def test_host_param_sent(hh: HHClient, hh_emulator: HHEmulator) -> None:
    await hh.get_areas()
    assert ("host", "hh.kz") in hh_emulator.requests[-1].query


async def test_per_page_sent_explicitly(hh: HHClient, hh_emulator: HHEmulator) -> None:
    await hh.search_vacancies(VacancySearchParams())
    query = hh_emulator.requests[-1].query
    assert ("per_page", "100") in query and ("page", "0") in query


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"text": "python"}, [("text", "python")]),
        ({"search_field": ["name"]}, [("search_field", "name")]),
        ({"excluded_text": "стажёр"}, [("excluded_text", "стажёр")]),
        ({"area": ["160", "159"]}, [("area", "160"), ("area", "159")]),
        ({"salary": 300000, "currency": "KZT"}, [("salary", "300000"), ("currency", "KZT")]),
        ({"with_salary": True}, [("label", "with_salary")]),
        ({"experience": ["between1And3"]}, [("experience", "between1And3")]),
        ({"work_format": ["remote"]}, [("work_format", "REMOTE")]),
        ({"employment_form": ["FULL"]}, [("employment_form", "FULL")]),
        ({"schedule": ["remote"]}, [("schedule", "remote")]),
        ({"order_by": "publication_time"}, [("order_by", "publication_time")]),
        ({"period": 7}, [("period", "7")]),
        ({"date_from": "2026-01-01"}, [("date_from", "2026-01-01")]),
    ],
)
async def test_search_param_reaches_query(
    hh: HHClient, hh_emulator: HHEmulator, params: dict[str, Any], expected: list[tuple[str, str]]
) -> None:
    await hh.search_vacancies(VacancySearchParams(**params), per_page=1)
    query = hh_emulator.requests[-1].query
    assert [pair for pair in query if pair[0] not in {"page", "per_page", "host"}] == expected


async def test_raw_mapping_params_pass_through(hh: HHClient, hh_emulator: HHEmulator) -> None:
    await hh.search_vacancies({"professional_role": ["96", "10"], "text": None}, per_page=1)
    query = hh_emulator.requests[-1].query
    assert [pair for pair in query if pair[0] == "professional_role"] == [
        ("professional_role", "96"),
        ("professional_role", "10"),
    ]
    assert all(key != "text" for key, _ in query)


# ---------------------------------------------------------------------------- search paging


async def test_iter_search_stops_at_depth_limit(hh: HHClient, hh_emulator: HHEmulator) -> None:
    items = [item async for item in hh.iter_search(VacancySearchParams(), per_page=100)]
    assert len(items) == DEPTH_LIMIT
    assert len({item.id for item in items}) == DEPTH_LIMIT
    searches = requests_to(hh_emulator, "/vacancies")
    assert len(searches) == DEPTH_LIMIT // 100
    assert 400 not in hh_emulator.stats.statuses


async def test_iter_search_stops_when_exhausted(hh: HHClient, hh_emulator: HHEmulator) -> None:
    params = VacancySearchParams(text="python", area=["160"])
    first = await hh.search_vacancies(params, per_page=10)
    assert 0 < first.found < DEPTH_LIMIT, "the corpus should hold a few Almaty Python jobs"
    hh_emulator.reset_stats()
    items = [item async for item in hh.iter_search(params, per_page=10)]
    assert len(items) == first.found
    assert hh_emulator.stats.search_requests == first.pages


async def test_iter_search_respects_max_items(hh: HHClient, hh_emulator: HHEmulator) -> None:
    items = [item async for item in hh.iter_search(VacancySearchParams(), max_items=150)]
    assert len(items) == 150
    assert hh_emulator.stats.search_requests == 2


async def test_request_beyond_depth_is_bad_request(hh: HHClient, hh_emulator: HHEmulator) -> None:
    with pytest.raises(HHBadRequestError) as caught:
        await hh.search_vacancies(VacancySearchParams(), page=20, per_page=100)
    assert caught.value.status == 400
    assert caught.value.bad_arguments
    assert hh_emulator.stats.search_requests == 1


# ---------------------------------------------------------------------------- details


async def test_get_vacancy_has_details(hh: HHClient, vacancy_ids: list[str]) -> None:
    vacancy = await hh.get_vacancy(vacancy_ids[0])
    assert vacancy.id == vacancy_ids[0]
    assert vacancy.has_details and vacancy.description


async def test_get_vacancies_skips_missing(
    hh: HHClient, vacancy_ids: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    wanted = [vacancy_ids[0], "999999999", vacancy_ids[1]]
    with caplog.at_level(logging.INFO, logger="core.hh"):
        found = await hh.get_vacancies(wanted)
    assert list(found) == [vacancy_ids[0], vacancy_ids[1]]
    assert any("999999999" in record.getMessage() for record in caplog.records)


async def test_vacancy_id_cannot_escape_its_path(hh: HHClient, hh_emulator: HHEmulator) -> None:
    with pytest.raises(HHNotFoundError):
        await hh.get_vacancy("../areas")
    assert hh_emulator.stats.by_path["/areas"] == 0


async def test_get_vacancies_failure_is_typed_not_grouped(
    hh: HHClient, hh_emulator: HHEmulator, vacancy_ids: list[str]
) -> None:
    hh_emulator.inject("5xx", count=-1)
    with pytest.raises(HHUnavailableError):
        await hh.get_vacancies(vacancy_ids[:5])


async def test_not_found_raises_without_retry(hh: HHClient, hh_emulator: HHEmulator) -> None:
    with pytest.raises(HHNotFoundError):
        await hh.get_vacancy("999999999")
    assert hh_emulator.stats.detail_requests == 1


# ---------------------------------------------------------------------------- retries


async def test_5xx_retried_then_succeeds(
    hh: HHClient, hh_emulator: HHEmulator, vacancy_ids: list[str]
) -> None:
    hh_emulator.inject("5xx", count=2)
    vacancy = await hh.get_vacancy(vacancy_ids[0])
    assert vacancy.id == vacancy_ids[0]
    assert hh_emulator.stats.detail_requests == 3


async def test_html_500_retried_then_succeeds(
    hh: HHClient, hh_emulator: HHEmulator, vacancy_ids: list[str]
) -> None:
    hh_emulator.inject("500_html", count=1)
    assert (await hh.get_vacancy(vacancy_ids[0])).id == vacancy_ids[0]
    assert hh_emulator.stats.detail_requests == 2


async def test_5xx_gives_up_after_max_attempts(
    hh: HHClient, hh_emulator: HHEmulator, vacancy_ids: list[str]
) -> None:
    hh_emulator.inject("5xx", count=-1)
    with pytest.raises(HHUnavailableError) as caught:
        await hh.get_vacancy(vacancy_ids[0])
    assert caught.value.status is not None and caught.value.status >= 500
    assert hh_emulator.stats.detail_requests == ATTEMPTS


async def test_429_backs_off_then_succeeds(
    hh: HHClient, hh_emulator: HHEmulator, vacancy_ids: list[str]
) -> None:
    hh_emulator.inject("429", count=2)
    assert (await hh.get_vacancy(vacancy_ids[0])).id == vacancy_ids[0]
    assert hh_emulator.stats.detail_requests == 3


async def test_429_forever_raises_rate_limited(
    hh: HHClient, hh_emulator: HHEmulator, vacancy_ids: list[str]
) -> None:
    hh_emulator.inject("429", count=-1)
    with pytest.raises(HHRateLimitedError):
        await hh.get_vacancy(vacancy_ids[0])
    assert hh_emulator.stats.detail_requests == ATTEMPTS


async def test_timeout_retried_then_unavailable(
    hh_emulator: HHEmulator, vacancy_ids: list[str]
) -> None:
    hh_emulator.inject("latency", count=-1, delay=0.5)
    async with make_client(hh_emulator, timeout=0.15, max_attempts=2) as client:
        with pytest.raises(HHUnavailableError) as caught:
            await client.get_vacancy(vacancy_ids[0])
    assert isinstance(caught.value.__cause__, asyncio.TimeoutError)
    assert hh_emulator.stats.detail_requests == 2


async def test_timeout_retried_then_succeeds(
    hh_emulator: HHEmulator, vacancy_ids: list[str]
) -> None:
    hh_emulator.inject("latency", count=1, delay=0.5)
    async with make_client(hh_emulator, timeout=0.15) as client:
        assert (await client.get_vacancy(vacancy_ids[0])).id == vacancy_ids[0]
    assert hh_emulator.stats.detail_requests == 2


async def test_dropped_connection_retried(
    hh: HHClient, hh_emulator: HHEmulator, vacancy_ids: list[str]
) -> None:
    hh_emulator.inject("drop", count=1)
    assert (await hh.get_vacancy(vacancy_ids[0])).id == vacancy_ids[0]
    assert hh_emulator.stats.detail_requests == 2


@asynccontextmanager
async def retry_after_server(retry_after: str) -> AsyncIterator[tuple[str, list[float]]]:
    """A loopback server answering 429 + Retry-After once, then an empty search page.

    The emulator models HH, which documents no Retry-After; this checks we still honour
    one if an edge in front of HH sends it.
    """
    arrivals: list[float] = []

    async def handler(request: web.Request) -> web.Response:
        arrivals.append(asyncio.get_running_loop().time())
        if len(arrivals) == 1:
            return web.Response(status=429, headers={"Retry-After": retry_after})
        return web.json_response({"items": [], "found": 0, "pages": 0, "page": 0})

    app = web.Application()
    app.router.add_get("/vacancies", handler)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        yield f"http://127.0.0.1:{port}", arrivals
    finally:
        await runner.cleanup()


async def test_429_retry_after_honoured() -> None:
    async with (
        retry_after_server("0.3") as (url, arrivals),
        HHClient(base_url=url, user_agent=USER_AGENT, backoff_base=0.01) as client,
    ):
        await client.search_vacancies(VacancySearchParams())
    assert len(arrivals) == 2
    assert arrivals[1] - arrivals[0] >= 0.29  # 0.3 s less the loop's clock slack


async def test_429_retry_after_capped() -> None:
    async with (
        retry_after_server("3600") as (url, arrivals),
        HHClient(base_url=url, user_agent=USER_AGENT, backoff_base=0.01, backoff_max=0.1) as client,
    ):
        await client.search_vacancies(VacancySearchParams())
    assert len(arrivals) == 2
    assert arrivals[1] - arrivals[0] < 1.0


# ---------------------------------------------------------------------------- auth and 4xx


async def test_missing_token_needs_captcha_without_retry(hh_emulator: HHEmulator) -> None:
    async with make_client(hh_emulator, app_token=None) as client:
        with pytest.raises(HHCaptchaRequiredError) as caught:
            await client.search_vacancies(VacancySearchParams(text="python"))
    assert "HH_APP_TOKEN" in str(caught.value)
    assert caught.value.captcha_url
    assert header(hh_emulator.requests[-1], "Authorization") is None
    assert hh_emulator.stats.search_requests == 1


async def test_injected_captcha_with_token(
    hh: HHClient, hh_emulator: HHEmulator, vacancy_ids: list[str]
) -> None:
    hh_emulator.inject("captcha", count=1)
    with pytest.raises(HHCaptchaRequiredError):
        await hh.get_vacancy(vacancy_ids[0])
    assert hh_emulator.stats.detail_requests == 1


async def test_bare_forbidden_without_token(hh_corpus: Any) -> None:
    async with (
        running_emulator(hh_corpus, anonymous_mode="forbidden") as emulator,
        make_client(emulator, app_token=None) as client,
    ):
        with pytest.raises(HHForbiddenError) as caught:
            await client.search_vacancies(VacancySearchParams())
        assert emulator.stats.search_requests == 1
    assert not isinstance(caught.value, HHCaptchaRequiredError)
    assert "HH_APP_TOKEN" in str(caught.value)


async def test_html_403_is_forbidden_from_edge(
    hh: HHClient, hh_emulator: HHEmulator, vacancy_ids: list[str]
) -> None:
    hh_emulator.inject("forbidden_html", count=1)
    with pytest.raises(HHForbiddenError) as caught:
        await hh.get_vacancy(vacancy_ids[0])
    assert "anti-DDoS" in str(caught.value)
    assert hh_emulator.stats.detail_requests == 1


async def test_bad_token_is_authorization_error(hh_emulator: HHEmulator) -> None:
    async with make_client(hh_emulator, app_token="not-the-token") as client:
        with pytest.raises(HHAuthorizationError) as caught:
            await client.search_vacancies(VacancySearchParams())
    assert "HH_APP_TOKEN is invalid or revoked" in str(caught.value)
    assert hh_emulator.stats.search_requests == 1


async def test_missing_user_agent(hh_emulator: HHEmulator) -> None:
    async with make_client(hh_emulator, user_agent="") as client:
        with pytest.raises(HHBadUserAgentError) as caught:
            await client.search_vacancies(VacancySearchParams())
    assert header(hh_emulator.requests[-1], "User-Agent") is None
    assert header(hh_emulator.requests[-1], "HH-User-Agent") is None
    assert "HH_USER_AGENT" in str(caught.value)


async def test_non_json_body_is_invalid_response(
    hh: HHClient, hh_emulator: HHEmulator, vacancy_ids: list[str]
) -> None:
    hh_emulator.inject("non_json", count=1)
    with pytest.raises(HHInvalidResponseError):
        await hh.get_vacancy(vacancy_ids[0])
    assert hh_emulator.stats.detail_requests == 1


# ---------------------------------------------------------------------------- concurrency


async def test_concurrency_cap_never_exceeded(
    hh_emulator: HHEmulator, vacancy_ids: list[str]
) -> None:
    hh_emulator.set_concurrency_delay(0.05)
    async with make_client(hh_emulator, max_concurrency=3) as client:
        await asyncio.gather(*(client.get_vacancy(vacancy_id) for vacancy_id in vacancy_ids[:30]))
    assert hh_emulator.stats.max_in_flight <= 3
    assert hh_emulator.stats.max_in_flight == 3


async def test_requests_per_second_cap(hh_emulator: HHEmulator, vacancy_ids: list[str]) -> None:
    async with make_client(hh_emulator, requests_per_second=20.0) as client:
        started = asyncio.get_running_loop().time()
        await client.get_vacancies(vacancy_ids[:30])
        elapsed = asyncio.get_running_loop().time() - started
    # The bucket lets the first 20 through at once; the other 10 need ~0.5 s more.
    assert elapsed >= 0.4


# ---------------------------------------------------------------------------- reference data


async def test_areas_cached(hh: HHClient, hh_emulator: HHEmulator) -> None:
    first = await hh.get_areas()
    second = await hh.get_areas()
    assert first and [node.id for node in first] == [node.id for node in second]
    assert len(requests_to(hh_emulator, "/areas")) == 1


async def test_concurrent_first_area_calls_share_one_request(
    hh: HHClient, hh_emulator: HHEmulator
) -> None:
    await asyncio.gather(*(hh.get_areas() for _ in range(5)))
    assert len(requests_to(hh_emulator, "/areas")) == 1


async def test_area_cache_expires(hh_emulator: HHEmulator) -> None:
    async with make_client(hh_emulator, cache_ttl=0.0) as client:
        await client.get_areas()
        await client.get_areas()
    assert len(requests_to(hh_emulator, "/areas")) == 2


async def test_dictionaries_cached(hh: HHClient, hh_emulator: HHEmulator) -> None:
    dictionaries = await hh.get_dictionaries()
    await hh.get_dictionaries()
    assert "KZT" in dictionaries.rates()
    assert len(requests_to(hh_emulator, "/dictionaries")) == 1


async def test_suggest_areas(hh: HHClient) -> None:
    suggestions = await hh.suggest_areas("Алма")
    assert "160" in {item.id for item in suggestions}


async def test_suggest_areas_short_text_makes_no_request(
    hh: HHClient, hh_emulator: HHEmulator
) -> None:
    assert await hh.suggest_areas("А ") == []
    assert hh_emulator.requests == []


# ---------------------------------------------------------------------------- logging, settings


async def test_calls_logged_without_token(hh: HHClient, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="core.hh"):
        await hh.search_vacancies(VacancySearchParams(text="python"), per_page=5)
    messages = [record.getMessage() for record in caplog.records if record.name == "core.hh"]
    assert any("/vacancies" in m and "status=200" in m and "attempt=1" in m for m in messages)
    assert all(TOKEN not in message for message in messages)


async def test_from_settings(hh_emulator: HHEmulator) -> None:
    settings = Settings(
        hh_api_base_url=hh_emulator.url,
        hh_host="hh.uz",
        hh_app_token=TOKEN,
        hh_user_agent=USER_AGENT,
    )
    async with HHClient.from_settings(settings) as client:
        await client.search_vacancies(VacancySearchParams(), per_page=1)
    request = hh_emulator.requests[-1]
    assert ("host", "hh.uz") in request.query
    assert header(request, "Authorization") == f"Bearer {TOKEN}"
