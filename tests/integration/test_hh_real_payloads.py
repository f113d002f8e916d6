"""HH's own documented answers (tests/fixtures/hh_payloads/SOURCES.md) against the client
models and the emulator: the client reads real HH, and the emulator looks like it."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from core.domain.hh_errors import (
    HHBadRequestError,
    HHCaptchaRequiredError,
    HHNotFoundError,
    error_from_response,
)
from core.domain.hh_schemas import Vacancy, VacancySearchPage
from sandbox.hh import HHEmulator
from sandbox.hh_reference import ALMATY

PAYLOADS = Path(__file__).parent.parent / "fixtures" / "hh_payloads"
# Keys HH sends only in some cases: `counters` needs responses_count_enabled (HH_API.md §3).
ITEM_KEYS_SOMETIMES = {"counters"}
# The documented vacancy shows its owner's view: these keys are for the employer's managers
# (publication expiry, billing upgrades, the manager, the deleted flag, response settings).
VACANCY_KEYS_OWNER_ONLY = {
    "expires_at",
    "can_upgrade_billing_type",
    "manager",
    "hidden",
    "branded_template",
    "video_vacancy",
    "response_notifications",
}


def load(name: str) -> Any:
    return json.loads((PAYLOADS / name).read_text(encoding="utf-8"))


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


async def get(
    http: aiohttp.ClientSession,
    emulator: HHEmulator,
    path: str,
    headers: dict[str, str],
    params: dict[str, str] | None = None,
) -> Any:
    async with http.get(emulator.url + path, params=params or {}, headers=headers) as response:
        assert response.status == 200
        return await response.json()


def missing_keys(real: dict, ours: dict, nested: tuple[str, ...]) -> dict[str, set[str]]:
    """Keys of ``real`` (and of its ``nested`` objects) that ``ours`` lacks."""
    gaps = {"": set(real) - set(ours)}
    for key in nested:
        if isinstance(real.get(key), dict) and isinstance(ours.get(key), dict):
            gaps[key] = set(real[key]) - set(ours[key])
        for list_key in ("professional_roles", "work_format", "key_skills"):
            if key == list_key and real.get(key) and ours.get(key):
                gaps[key] = set(real[key][0]) - set(ours[key][0])
    return {k: v for k, v in gaps.items() if v}


# ---------------------------------------------------------------- the client reads real HH


def test_documented_search_page_parses_with_the_client_models() -> None:
    page = VacancySearchPage.model_validate(load("openapi_search_page.json"))
    item = page.items[0]
    assert (page.found, len(page.items)) == (13, 1)
    assert (item.id, item.name, item.area.id) == ("8331228", "Секретарь", "1")
    assert item.pay is not None and (item.pay.from_, item.pay.currency) == (30000, "RUR")
    assert item.pay.mode is not None and item.pay.mode.id == "MONTH"
    assert [r.id for r in item.professional_roles] == ["90"]
    assert item.snippet is not None and "<highlighttext>" not in item.snippet.plain_requirement


@pytest.mark.parametrize("name", ["openapi_vacancy.json", "docs_vacancy_7760476.json"])
def test_documented_vacancy_parses_with_the_client_models(name: str) -> None:
    raw = load(name)
    vacancy = Vacancy.model_validate(raw)
    assert vacancy.id == raw["id"] and vacancy.name == raw["name"]
    assert vacancy.archived is False  # the 2013 example sends the string "false"
    assert vacancy.pay is not None and vacancy.pay.from_ == raw["salary"]["from"]
    assert [s.name for s in vacancy.key_skills] == [s["name"] for s in raw.get("key_skills", [])]


def test_documented_error_bodies_map_to_the_client_errors() -> None:
    not_found, bad_argument, captcha = load("docs_error_bodies.json")
    assert isinstance(error_from_response(404, json.dumps(not_found)), HHNotFoundError)
    assert isinstance(error_from_response(400, json.dumps(bad_argument)), HHBadRequestError)
    error = error_from_response(403, json.dumps(captcha))
    assert isinstance(error, HHCaptchaRequiredError)
    assert error.captcha_url == captcha["errors"][0]["captcha_url"]


# ---------------------------------------------------------------- the emulator looks like HH


async def test_emulator_search_page_has_every_key_of_hhs_documented_page(
    http, hh_emulator, hh_headers
) -> None:
    real = load("openapi_search_page.json")
    ours = await get(http, hh_emulator, "/vacancies", hh_headers, {"area": ALMATY})
    assert set(real) - set(ours) == set()
    nested = (
        "area",
        "employer",
        "salary_range",
        "snippet",
        "type",
        "schedule",
        "address",
        "professional_roles",
    )
    real_item = real["items"][0]
    with_address = next(i for i in ours["items"] if i["address"] and i["salary_range"])
    assert missing_keys(real_item, with_address, nested) == {"": ITEM_KEYS_SOMETIMES}


async def test_emulator_vacancy_has_every_key_of_hhs_documented_vacancies(
    http, hh_emulator, hh_headers
) -> None:
    page = await get(
        http,
        hh_emulator,
        "/vacancies",
        hh_headers,
        {"area": ALMATY, "label": "with_salary", "per_page": "100"},
    )
    item = next(i for i in page["items"] if i["address"])
    ours = await get(http, hh_emulator, f"/vacancies/{item['id']}", hh_headers)
    nested = (
        "area",
        "employer",
        "salary_range",
        "type",
        "schedule",
        "experience",
        "employment",
        "address",
        "professional_roles",
        "work_format",
        "key_skills",
    )
    assert missing_keys(load("openapi_vacancy.json"), ours, nested) == {
        "": VACANCY_KEYS_OWNER_ONLY,
        "employer": {"badges", "blacklisted"},
    }
    assert missing_keys(load("docs_vacancy_7760476.json"), ours, nested) == {}


async def test_emulator_vacancy_parses_like_hhs_documented_vacancy(
    http, hh_emulator, hh_headers
) -> None:
    page = await get(http, hh_emulator, "/vacancies", hh_headers, {"area": ALMATY})
    raw = await get(http, hh_emulator, f"/vacancies/{page['items'][0]['id']}", hh_headers)
    ours = Vacancy.model_validate(raw)
    real = Vacancy.model_validate(load("openapi_vacancy.json"))
    filled = {name for name, value in real if value not in (None, [], "")}
    assert {name for name, value in ours if value not in (None, [], "")} >= filled - {
        "department",
        "address",
    }  # the documented one has a department and an address
