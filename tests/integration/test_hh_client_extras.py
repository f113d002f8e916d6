"""The HH client's "more like this", clusters and employer ratings, over real HTTP to the
emulator (typed as the bot uses them)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from core.domain.hh_schemas import VacancySearchParams
from core.hh import HHClient
from sandbox.hh import HHEmulator
from tests.integration.test_hh_client import make_client


@pytest.fixture
async def hh(hh_emulator: HHEmulator) -> AsyncIterator[HHClient]:
    async with make_client(hh_emulator) as client:
        yield client


async def test_similar_vacancies_are_typed_search_items_of_the_same_role(
    hh: HHClient, hh_emulator: HHEmulator
) -> None:
    source = next(
        v
        for v in hh_emulator.corpus.vacancies.values()
        if not v["archived"] and v["key_skills"] and "Python" in v["name"]
    )
    page = await hh.similar_vacancies(source["id"], VacancySearchParams(area=["40"]))
    assert page.items and source["id"] not in {item.id for item in page.items}
    role = source["professional_roles"][0]["id"]
    assert all(
        role in {r["id"] for r in hh_emulator.corpus.vacancies[item.id]["professional_roles"]}
        for item in page.items
    )


async def test_search_clusters_come_without_items_and_parse_salary_thresholds(hh: HHClient) -> None:
    page = await hh.search_clusters(VacancySearchParams(text="бухгалтер", area=["40"]))
    salary = page.cluster("salary")
    assert page.items == [] and page.found > 0
    assert salary is not None and salary.items
    assert all(item.count > 0 and item.url for item in salary.items)
    assert page.cluster("no such cluster") is None


async def test_employer_rating_is_parsed_as_a_number(hh: HHClient) -> None:
    page = await hh.search_vacancies(VacancySearchParams(area=["40"]))
    rated = [
        i.employer.employer_rating for i in page.items if i.employer and i.employer.employer_rating
    ]
    assert rated
    assert all(r.total_rating is not None and 1.0 <= r.total_rating <= 5.0 for r in rated)
