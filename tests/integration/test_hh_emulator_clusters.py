"""The HeadHunter emulator's extras over real HTTP: clusters, similar vacancies, employer
ratings — shaped as hh-openapi.yaml says (VacanciesClusterItem, VacanciesEmployerRating)."""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator

import aiohttp
import pytest
from yarl import URL

from sandbox.hh import HHEmulator
from sandbox.hh_reference import ALMATY
from tests.integration.test_hh_emulator import call, search, search_ids


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession(skip_auto_headers=["User-Agent"]) as session:
        yield session


def cluster(body: dict, cluster_id: str) -> dict:
    return next(group for group in body["clusters"] if group["id"] == cluster_id)


async def test_clusters_are_null_unless_asked(
    http: aiohttp.ClientSession, hh_emulator: HHEmulator, hh_headers
) -> None:
    body = await search(http, hh_emulator, hh_headers, {"text": "бухгалтер"})
    assert body["clusters"] is None


async def test_area_cluster_counts_the_vacancies_found_per_city(
    http: aiohttp.ClientSession, hh_emulator: HHEmulator, hh_headers
) -> None:
    ids = await search_ids(http, hh_emulator, hh_headers, {"text": "бухгалтер", "area": "40"})
    body = await search(
        http, hh_emulator, hh_headers, {"text": "бухгалтер", "area": "40", "clusters": "true"}
    )
    vacancies = hh_emulator.corpus.vacancies
    by_city = Counter(vacancies[i]["area"]["name"] for i in ids)
    items = cluster(body, "area")["items"]
    assert cluster(body, "area")["name"] == "Регион"
    assert {item["name"]: item["count"] for item in items} == dict(by_city)
    assert [item["count"] for item in items] == sorted(by_city.values(), reverse=True)


async def test_a_cluster_url_is_the_search_narrowed_to_that_item(
    http: aiohttp.ClientSession, hh_emulator: HHEmulator, hh_headers
) -> None:
    body = await search(
        http, hh_emulator, hh_headers, {"text": "бухгалтер", "area": "40", "clusters": "true"}
    )
    almaty = next(i for i in cluster(body, "area")["items"] if i["name"] == "Алматы")
    query = URL(almaty["url"]).query
    # The city replaces the country (area=40&area=160 would be their union: the country).
    assert query.getall("area") == [ALMATY] and query["text"] == "бухгалтер"
    narrowed = await search(http, hh_emulator, hh_headers, list(query.items()))
    assert narrowed["found"] == almaty["count"]


async def test_salary_cluster_thresholds_count_fewer_as_they_rise(
    http: aiohttp.ClientSession, hh_emulator: HHEmulator, hh_headers
) -> None:
    body = await search(
        http,
        hh_emulator,
        hh_headers,
        {"text": "python", "area": ALMATY, "clusters": "true", "host": "hh.kz"},
    )
    salary = cluster(body, "salary")
    counts = [item["count"] for item in salary["items"]]
    assert salary["name"] == "Уровень дохода" and len(counts) >= 3
    assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1] > 0
    assert all(
        item["name"].startswith("от ") and item["name"].endswith("₸") for item in salary["items"]
    )
    assert all(URL(item["url"]).query["currency"] == "KZT" for item in salary["items"])


async def test_per_page_zero_gives_clusters_without_items(
    http: aiohttp.ClientSession, hh_emulator: HHEmulator, hh_headers
) -> None:
    body = await search(
        http, hh_emulator, hh_headers, {"text": "python", "clusters": "true", "per_page": "0"}
    )
    assert body["items"] == [] and body["found"] > 0
    assert {group["id"] for group in body["clusters"]} >= {
        "area",
        "salary",
        "experience",
        "employment",
        "professional_role",
    }


async def test_similar_vacancies_share_the_role_and_lead_with_shared_skills(
    http: aiohttp.ClientSession, hh_emulator: HHEmulator, hh_headers
) -> None:
    vacancies = hh_emulator.corpus.vacancies
    source = next(
        v
        for v in vacancies.values()
        if not v["archived"] and "Python" in v["name"] and v["key_skills"]
    )
    status, body = await call(
        http,
        hh_emulator,
        f"/vacancies/{source['id']}/similar_vacancies",
        {"per_page": "20"},
        hh_headers,
    )
    assert status == 200 and body["items"]
    role = source["professional_roles"][0]["id"]
    skills = {s["name"] for s in source["key_skills"]}
    similar = [vacancies[item["id"]] for item in body["items"]]
    assert source["id"] not in {v["id"] for v in similar}
    assert all(role in {r["id"] for r in v["professional_roles"]} for v in similar)
    shared = [len(skills & {s["name"] for s in v["key_skills"]}) for v in similar]
    assert shared == sorted(shared, reverse=True) and shared[0] > 0


async def test_similar_vacancies_of_an_unknown_vacancy_are_not_found(
    http: aiohttp.ClientSession, hh_emulator: HHEmulator, hh_headers
) -> None:
    status, body = await call(
        http, hh_emulator, "/vacancies/999999999999/similar_vacancies", None, hh_headers
    )
    assert status == 404 and body["errors"][0]["type"] == "not_found"


async def test_similar_vacancies_need_a_token_like_the_search(
    http: aiohttp.ClientSession, hh_emulator: HHEmulator
) -> None:
    vacancy_id = next(iter(hh_emulator.corpus.vacancies))
    status, body = await call(
        http,
        hh_emulator,
        f"/vacancies/{vacancy_id}/similar_vacancies",
        None,
        {"HH-User-Agent": "test/1.0 (t@example.com)"},
    )
    assert status == 403 and body["errors"][0]["value"] == "captcha_required"


async def test_about_half_of_employers_carry_an_hh_rating(
    http: aiohttp.ClientSession, hh_emulator: HHEmulator, hh_headers
) -> None:
    body = await search(http, hh_emulator, hh_headers, {"per_page": "100", "area": "40"})
    employers = {item["employer"]["id"]: item["employer"] for item in body["items"]}
    rated = [e["employer_rating"] for e in employers.values() if "employer_rating" in e]
    assert 0.25 < len(rated) / len(employers) < 0.9
    for rating in rated:
        assert set(rating) == {"total_rating", "reviews_count"}
        assert isinstance(rating["total_rating"], str)
        assert 1.0 <= float(rating["total_rating"]) <= 5.0
        assert isinstance(rating["reviews_count"], int) and rating["reviews_count"] >= 0
