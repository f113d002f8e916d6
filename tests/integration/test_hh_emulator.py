"""The HeadHunter emulator over real HTTP: corpus, search semantics, errors, faults, stats."""

from __future__ import annotations

import asyncio
import json
import math
import re
import time
from collections import Counter
from collections.abc import AsyncIterator, Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

import aiohttp
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sandbox.corpus import Corpus
from sandbox.corpus_generator import generate_corpus
from sandbox.hh import HHEmulator
from sandbox.hh_reference import (
    ALMATY,
    ASTANA,
    CURRENCY_RATES,
    KARAGANDA,
    KZ,
    MOSCOW,
    SALARY_MODES,
    SHYMKENT,
    build_areas,
    iter_areas,
)
from sandbox.text_query import tokenize
from tests.fixtures.hh import HH_APP_TOKEN, HH_USER_AGENT

Params = dict[str, Any] | list[tuple[str, str]]
FIXED_NOW = datetime(2026, 2, 20, 9, 0, tzinfo=UTC)


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    # skip_auto_headers: aiohttp would otherwise add its own User-Agent to every request.
    async with aiohttp.ClientSession(skip_auto_headers=["User-Agent"]) as session:
        yield session


async def call(
    http: aiohttp.ClientSession,
    emulator: HHEmulator,
    path: str,
    params: Params | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, Any]:
    """GET and decode; the body is JSON when it parses, else the raw text."""
    async with http.get(emulator.url + path, params=params or {}, headers=headers) as response:
        text = await response.text()
    try:
        return response.status, json.loads(text)
    except ValueError:
        return response.status, text


async def search(
    http: aiohttp.ClientSession, emulator: HHEmulator, headers: dict[str, str], params: Params
) -> dict:
    status, body = await call(http, emulator, "/vacancies", params, headers)
    assert status == 200, body
    return body


async def search_ids(
    http: aiohttp.ClientSession, emulator: HHEmulator, headers: dict[str, str], params: Params
) -> list[str]:
    """Ids of every match (walks the pages; the query must match at most 2000)."""
    base = list(params.items()) if isinstance(params, dict) else list(params)
    ids: list[str] = []
    page = 0
    while True:
        body = await search(
            http, emulator, headers, [*base, ("per_page", "100"), ("page", str(page))]
        )
        assert body["found"] <= 2000, "narrow the query: HH pages stop at 2000"
        ids += [item["id"] for item in body["items"]]
        page += 1
        if page >= body["pages"]:
            return ids


def stems(
    vacancy: dict, fields: Iterable[str] = ("name", "company_name", "description")
) -> set[str]:
    texts = {
        "name": vacancy["name"],
        "company_name": vacancy["employer"]["name"],
        "description": vacancy["description"]
        + " "
        + " ".join(s["name"] for s in vacancy["key_skills"]),
    }
    return {s for f in fields for s in tokenize(texts[f])}


def open_vacancies(corpus: Corpus) -> list[dict]:
    return [v for v in corpus.vacancies.values() if not v["archived"]]


def rur(amount: float, currency: str) -> float:
    return amount / CURRENCY_RATES[currency]


# ---------------------------------------------------------------------------- corpus


def test_corpus_is_deterministic_for_same_seed_size_and_now() -> None:
    first = generate_corpus(seed=7, size=400, now=FIXED_NOW)
    again = generate_corpus(seed=7, size=400, now=FIXED_NOW)
    other = generate_corpus(seed=8, size=400, now=FIXED_NOW)
    assert json.dumps(first) == json.dumps(again)
    assert json.dumps(first) != json.dumps(other)


def test_corpus_generation_gives_the_size_asked_for() -> None:
    # How fast it is belongs to the benchmarks (bench/), not to a wall-clock assertion.
    vacancies = generate_corpus(seed=1, size=3200, now=FIXED_NOW)
    assert len(vacancies) == 3200
    assert len({v["id"] for v in vacancies}) == 3200


def test_corpus_vacancies_are_complete(hh_corpus: Corpus) -> None:
    vacancies = list(hh_corpus.vacancies.values())
    assert len(vacancies) >= 3000
    for vacancy in vacancies:
        assert len(vacancy["description"]) >= 200
        assert 3 <= len(vacancy["key_skills"]) <= 10
        assert vacancy["alternate_url"] == f"https://hh.kz/vacancy/{vacancy['id']}"
        assert (vacancy["salary"] is None) == (vacancy["salary_range"] is None)
        if vacancy["salary_range"]:
            mode = vacancy["salary_range"]["mode"]
            assert mode == {"id": mode["id"], "name": SALARY_MODES[mode["id"]]}
            for key in ("from", "to", "currency", "gross"):
                assert vacancy["salary"][key] == vacancy["salary_range"][key]
        remote = any(f["id"] == "REMOTE" for f in vacancy["work_format"])
        assert remote == (vacancy["schedule"]["id"] == "remote")


def test_corpus_dates_are_within_thirty_days_in_moscow_time() -> None:
    vacancies = generate_corpus(seed=3, size=500, now=FIXED_NOW)
    for vacancy in vacancies:
        published = datetime.strptime(vacancy["published_at"], "%Y-%m-%dT%H:%M:%S%z")
        assert vacancy["published_at"].endswith("+0300")
        assert FIXED_NOW - timedelta(days=30) <= published <= FIXED_NOW


def test_corpus_mix_is_realistic(hh_corpus: Corpus) -> None:
    vacancies = list(hh_corpus.vacancies.values())
    share = len([v for v in vacancies if v["salary"] is None]) / len(vacancies)
    archived = len([v for v in vacancies if v["archived"]]) / len(vacancies)
    cities = [v["area"]["id"] for v in vacancies]
    currencies = {v["salary"]["currency"] for v in vacancies if v["salary"]}
    assert 0.3 < share < 0.5
    assert 0.01 < archived < 0.06
    assert cities.count(ALMATY) + cities.count(ASTANA) > len(vacancies) * 0.3
    assert {"KZT", "RUR", "USD"} <= currencies
    assert len({v["employer"]["id"] for v in vacancies}) >= 120
    assert any(v["employer"]["name"] == 'ТОО "Альфа & Омега"' for v in vacancies)


# Benchmark archetypes: HH professional roles plus, where a role is shared, the title words.
ARCHETYPES: dict[str, tuple[set[str], str]] = {
    "python": ({"96"}, r"python"),
    "java": ({"96"}, r"\bjava\b"),
    "frontend": ({"96"}, r"frontend|react|верстальщик"),
    "1c": ({"96"}, r"1с"),
    "qa": ({"124"}, r""),
    "devops": ({"160"}, r""),
    "data analyst": ({"156"}, r""),
    "accountant": ({"18"}, r"^(?!.*главн)(?!.*заместитель).*бухгалтер"),
    "chief accountant": ({"18"}, r"главн\w* бухгалтер|заместитель главного"),
    "financial analyst": ({"134"}, r""),
    "hr": ({"69", "117", "118"}, r""),
    "sales manager": ({"70"}, r""),
    "marketer/smm": ({"68", "3"}, r""),
    "designer": ({"34"}, r""),
    "driver": ({"21"}, r""),
    "warehouse/logistics": ({"52", "67"}, r""),
    "nurse": ({"64"}, r""),
    "doctor": ({"24"}, r""),
    "teacher": ({"132"}, r""),
    "lawyer": ({"146", "145"}, r""),
    "construction engineer": ({"48", "47"}, r""),
}


def archetype_counts(corpus: Corpus, area_id: str) -> dict[str, int]:
    counts = dict.fromkeys(ARCHETYPES, 0)
    for vacancy in open_vacancies(corpus):
        if vacancy["area"]["id"] != area_id:
            continue
        role = vacancy["professional_roles"][0]["id"]
        for name, (roles, title) in ARCHETYPES.items():
            if role in roles and re.search(title, vacancy["name"].lower()):
                counts[name] += 1
    return counts


@pytest.mark.parametrize(
    ("area_id", "at_least"), [(ALMATY, 15), (ASTANA, 8), (SHYMKENT, 1), (KARAGANDA, 1), (MOSCOW, 1)]
)
def test_every_common_role_has_open_vacancies_in_the_big_cities(
    hh_corpus: Corpus, area_id: str, at_least: int
) -> None:
    counts = archetype_counts(hh_corpus, area_id)
    assert {name: n for name, n in counts.items() if n < at_least} == {}


def test_role_mix_is_kazakhstans_with_it_a_minority(hh_corpus: Corpus) -> None:
    roles = Counter(v["professional_roles"][0]["id"] for v in hh_corpus.vacancies.values())
    total = sum(roles.values())
    it = sum(roles[r] for r in ("96", "113", "121", "124", "148", "156", "160", "164", "165"))
    # sales, retail, drivers and logistics, accounting, hospitality
    mass = sum(
        roles[r]
        for r in ("70", "83", "129", "97", "9", "21", "58", "52", "67", "31", "18", "94", "89", "8")
    )
    assert it / total < 0.15
    assert mass / total > 0.45


def test_every_vacancy_carries_an_hh_professional_role_by_its_hh_name(hh_corpus: Corpus) -> None:
    catalogue = {
        r["id"]: r["name"] for c in hh_corpus.professional_roles["categories"] for r in c["roles"]
    }
    for vacancy in hh_corpus.vacancies.values():
        [role] = vacancy["professional_roles"]
        assert catalogue[role["id"]] == role["name"]
    assert catalogue["96"] == "Программист, разработчик"
    assert catalogue["64"] == "Медицинская сестра, медицинский брат"


@pytest.mark.parametrize(
    ("title", "must", "never"),
    [
        (
            r"программист 1с|1с-разработчик|разработчик 1с",
            {"1С программирование"},
            {"Docker", "Python", "Kubernetes", "Git"},
        ),
        (
            r"^(?!.*главн).*бухгалтер",
            {"Бухгалтерский учет"},
            {"Docker", "Python", "SQL", "Git", "Figma"},
        ),
        (r"водитель", set(), {"Python", "Excel", "SQL", "1С:Бухгалтерия"}),
        (
            r"медсестра|медицинская сестра",
            {"Медицинская документация"},
            {"Python", "CRM", "Продажи"},
        ),
    ],
)
def test_key_skills_come_from_the_titles_own_field(
    hh_corpus: Corpus, title: str, must: set[str], never: set[str]
) -> None:
    matching = [v for v in hh_corpus.vacancies.values() if re.search(title, v["name"].lower())]
    assert len(matching) >= 20
    for vacancy in matching:
        skills = {s["name"] for s in vacancy["key_skills"]}
        assert not skills & never, vacancy["name"]
    core_share = sum(1 for v in matching if must <= {s["name"] for s in v["key_skills"]})
    assert core_share >= 0.6 * len(matching)


def test_accountants_list_accounting_skills(hh_corpus: Corpus) -> None:
    accountants = [
        v for v in hh_corpus.vacancies.values() if v["professional_roles"][0]["id"] == "18"
    ]
    skills = Counter(s["name"] for v in accountants for s in v["key_skills"])
    assert {"Бухгалтерский учет", "1С:Бухгалтерия", "Налоговая отчетность", "МСФО"} <= set(skills)


def test_titles_have_several_spellings_and_seniority_prefixes(hh_corpus: Corpus) -> None:
    names = {v["name"] for v in hh_corpus.vacancies.values()}
    assert {
        "Бухгалтер",
        "Бухгалтер (первичная документация)",
        "Главный бухгалтер",
        "Python-разработчик (Django)",
    } <= names
    assert any(n.startswith("Ведущий бухгалтер") for n in names)
    assert any(n.startswith("Senior Python") for n in names)
    assert any(n.startswith("Junior ") for n in names)


def test_experience_follows_the_seniority_in_the_title(hh_corpus: Corpus) -> None:
    for vacancy in hh_corpus.vacancies.values():
        name, experience = vacancy["name"], vacancy["experience"]["id"]
        if re.match(r"(Senior|Lead|Ведущ|Старш)", name):
            assert experience != "noExperience", name
        if re.match(r"(Junior|Младш)", name):
            assert experience != "moreThan6", name


def test_hourly_work_is_paid_per_hour_or_shift(hh_corpus: Corpus) -> None:
    paid = [v for v in hh_corpus.vacancies.values() if v["salary_range"]]
    by_mode: dict[str, list[dict]] = {}
    for vacancy in paid:
        by_mode.setdefault(vacancy["salary_range"]["mode"]["id"], []).append(vacancy)
    assert {"MONTH", "HOUR", "SHIFT", "FLY_IN_FLY_OUT"} <= set(by_mode)
    assert 0.03 < (len(by_mode["HOUR"]) + len(by_mode["SHIFT"])) / len(paid) < 0.25
    office = {"96", "18", "134", "146", "160"}
    for vacancy in by_mode["HOUR"] + by_mode["SHIFT"]:
        assert vacancy["professional_roles"][0]["id"] not in office
        pay = vacancy["salary_range"]
        amount = pay["from"] or pay["to"]
        assert rur(amount, pay["currency"]) < 15_000  # an hour or a shift, not a month
    for vacancy in by_mode["FLY_IN_FLY_OUT"]:
        assert vacancy["employment_form"]["id"] == "FLY_IN_FLY_OUT"


def test_remote_vacancies_are_posted_from_the_employers_city(hh_corpus: Corpus) -> None:
    remote = [
        v
        for v in hh_corpus.vacancies.values()
        if any(f["id"] == "REMOTE" for f in v["work_format"])
    ]
    assert {ALMATY, ASTANA, MOSCOW} <= {v["area"]["id"] for v in remote}
    assert all(v["address"] is None for v in remote)
    on_site_roles = {"21", "58", "52", "94", "89", "97", "64", "24"}
    assert not {v["professional_roles"][0]["id"] for v in remote} & on_site_roles


def test_corpus_contains_republished_and_cloned_duplicates(hh_corpus: Corpus) -> None:
    groups: dict[tuple[str, str], list[dict]] = {}
    for vacancy in hh_corpus.vacancies.values():
        key = (vacancy["employer"]["id"], vacancy["description"])
        groups.setdefault(key, []).append(vacancy)
    twins = [g for g in groups.values() if len(g) > 1]
    same_city = [g for g in twins if len({v["area"]["id"] for v in g}) == 1]
    other_city = [g for g in twins if len({v["area"]["id"] for v in g}) > 1]
    assert len(twins) >= 0.02 * len(hh_corpus.vacancies)
    assert same_city and other_city


# ---------------------------------------------------------------------------- text query


_QUERY_PIECES = [*'ab яё"()*!:-,', " OR ", " NOT ", " AND ", "name:", "python", "1С"]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.lists(st.sampled_from(_QUERY_PIECES), max_size=15).map("".join))
def test_any_query_text_searches_without_error(hh_corpus: Corpus, text: str) -> None:
    result = hh_corpus.run({"text": text, "excluded_text": text})
    assert len(result.indices) == len(set(result.indices))


def test_or_is_union_and_and_is_intersection(hh_corpus: Corpus) -> None:
    def ids(text: str) -> set[int]:
        return set(hh_corpus.run({"text": text}).indices)

    assert ids("figma OR excel") == ids("figma") | ids("excel")
    assert ids("figma excel") == ids("figma") & ids("excel")
    assert ids("NOT figma") == ids("") - ids("figma")


async def test_text_words_are_anded(http, hh_emulator, hh_headers) -> None:
    ids = await search_ids(http, hh_emulator, hh_headers, {"text": "python django"})
    assert ids
    for vacancy_id in ids:
        assert {"python", "django"} <= stems(hh_emulator.corpus.vacancies[vacancy_id])


async def test_text_or_matches_either_word(http, hh_emulator, hh_headers) -> None:
    either = set(await search_ids(http, hh_emulator, hh_headers, {"text": "figma OR kotlin"}))
    figma = set(await search_ids(http, hh_emulator, hh_headers, {"text": "figma"}))
    kotlin = set(await search_ids(http, hh_emulator, hh_headers, {"text": "kotlin"}))
    assert figma and kotlin
    assert either == figma | kotlin


async def test_text_not_excludes_word(http, hh_emulator, hh_headers) -> None:
    ids = await search_ids(http, hh_emulator, hh_headers, {"text": "python NOT django"})
    assert ids
    for vacancy_id in ids:
        found = stems(hh_emulator.corpus.vacancies[vacancy_id])
        assert "python" in found and "django" not in found


async def test_text_parentheses_group_or_inside_and(http, hh_emulator, hh_headers) -> None:
    ids = await search_ids(
        http, hh_emulator, hh_headers, {"text": "(figma OR photoshop) AND NOT illustrator"}
    )
    assert ids
    for vacancy_id in ids:
        found = stems(hh_emulator.corpus.vacancies[vacancy_id])
        assert found & {"figma", "photoshop"} and "illustrator" not in found


async def test_quoted_phrase_needs_adjacent_words_in_order(http, hh_emulator, hh_headers) -> None:
    phrase = await search_ids(http, hh_emulator, hh_headers, {"text": '"холодных звонков"'})
    reversed_phrase = await search_ids(
        http, hh_emulator, hh_headers, {"text": '"звонков холодных"'}
    )
    words = await search_ids(http, hh_emulator, hh_headers, {"text": "звонков холодных"})
    assert phrase and set(phrase) <= set(words)
    assert reversed_phrase == []


async def test_text_matches_hyphenated_titles_and_case(http, hh_emulator, hh_headers) -> None:
    ids = await search_ids(
        http, hh_emulator, hh_headers, {"text": "PYTHON", "search_field": "name"}
    )
    names = {hh_emulator.corpus.vacancies[i]["name"] for i in ids}
    assert any("Python-разработчик" in name for name in names)


async def test_text_matches_inflected_russian_words(http, hh_emulator, hh_headers) -> None:
    ids = await search_ids(http, hh_emulator, hh_headers, {"text": "продажи"})
    descriptions = [hh_emulator.corpus.vacancies[i]["description"] for i in ids]
    assert any("продажах" in d for d in descriptions)


async def test_search_field_name_ignores_descriptions(http, hh_emulator, hh_headers) -> None:
    by_name = await search_ids(
        http, hh_emulator, hh_headers, {"text": "postgresql", "search_field": "name"}
    )
    anywhere = await search_ids(http, hh_emulator, hh_headers, {"text": "postgresql"})
    assert by_name == []  # no title mentions PostgreSQL
    assert anywhere


async def test_search_field_company_name(http, hh_emulator, hh_headers) -> None:
    ids = await search_ids(
        http, hh_emulator, hh_headers, {"text": "Омега", "search_field": "company_name"}
    )
    assert ids
    for vacancy_id in ids:
        assert "Омега" in hh_emulator.corpus.vacancies[vacancy_id]["employer"]["name"]


async def test_excluded_text_removes_any_listed_word(http, hh_emulator, hh_headers) -> None:
    ids = await search_ids(
        http, hh_emulator, hh_headers, {"text": "разработчик", "excluded_text": "java, php"}
    )
    assert ids
    for vacancy_id in ids:
        assert not stems(hh_emulator.corpus.vacancies[vacancy_id]) & {"java", "php"}


# ---------------------------------------------------------------------------- filters


async def test_area_country_includes_its_cities(http, hh_emulator, hh_headers) -> None:
    body = await search(http, hh_emulator, hh_headers, {"area": KZ, "per_page": 100})
    kz_cities = {n["id"] for n in build_areas()[1]["areas"]}
    expected = [v for v in open_vacancies(hh_emulator.corpus) if v["area"]["id"] in kz_cities]
    assert body["found"] == len(expected)
    assert {item["area"]["id"] for item in body["items"]} <= kz_cities


async def test_area_region_includes_its_towns(http, hh_emulator, hh_headers) -> None:
    towns = {n["id"] for n in iter_areas([hh_emulator.corpus.area_nodes["2019"]])}
    body = await search(http, hh_emulator, hh_headers, {"area": "2019", "per_page": 100})
    assert body["found"] > 0
    assert {item["area"]["id"] for item in body["items"]} <= towns - {"2019"}


async def test_area_repeated_is_union(http, hh_emulator, hh_headers) -> None:
    both = await search(http, hh_emulator, hh_headers, [("area", ALMATY), ("area", MOSCOW)])
    almaty = await search(http, hh_emulator, hh_headers, {"area": ALMATY})
    moscow = await search(http, hh_emulator, hh_headers, {"area": MOSCOW})
    assert both["found"] == almaty["found"] + moscow["found"]


async def test_unknown_area_is_bad_argument(http, hh_emulator, hh_headers) -> None:
    status, body = await call(http, hh_emulator, "/vacancies", {"area": "999999"}, hh_headers)
    assert status == 400
    assert body["errors"] == [{"type": "bad_argument", "value": "area"}]


async def test_salary_filter_converts_currency(http, hh_emulator, hh_headers) -> None:
    ids = await search_ids(
        http, hh_emulator, hh_headers, {"salary": "1000", "currency": "USD", "label": "with_salary"}
    )
    wanted = rur(1000, "USD")
    assert ids
    currencies = set()
    for vacancy_id in ids:
        salary = hh_emulator.corpus.vacancies[vacancy_id]["salary_range"]
        currencies.add(salary["currency"])
        if salary["from"] is not None:
            assert rur(salary["from"], salary["currency"]) <= wanted + 1e-6
        if salary["to"] is not None:
            assert rur(salary["to"], salary["currency"]) >= wanted - 1e-6
    assert {"KZT", "RUR"} <= currencies  # matched through conversion, not by currency


async def test_salary_filter_keeps_vacancies_without_salary(http, hh_emulator, hh_headers) -> None:
    ids = await search_ids(
        http, hh_emulator, hh_headers, {"salary": "500000", "currency": "KZT", "area": ASTANA}
    )
    assert any(hh_emulator.corpus.vacancies[i]["salary"] is None for i in ids)


async def test_label_with_salary_drops_unpaid(http, hh_emulator, hh_headers) -> None:
    body = await search(http, hh_emulator, hh_headers, {"label": "with_salary", "per_page": 100})
    assert body["found"] == len([v for v in open_vacancies(hh_emulator.corpus) if v["salary"]])
    assert all(item["salary_range"] for item in body["items"])


async def test_deprecated_only_with_salary_still_filters(http, hh_emulator, hh_headers) -> None:
    old = await search(http, hh_emulator, hh_headers, {"only_with_salary": "true"})
    new = await search(http, hh_emulator, hh_headers, {"label": "with_salary"})
    assert old["found"] == new["found"] < len(open_vacancies(hh_emulator.corpus))


async def test_experience_filter(http, hh_emulator, hh_headers) -> None:
    body = await search(
        http,
        hh_emulator,
        hh_headers,
        [("experience", "noExperience"), ("experience", "moreThan6"), ("per_page", "100")],
    )
    assert body["found"] > 0
    assert {i["experience"]["id"] for i in body["items"]} <= {"noExperience", "moreThan6"}


async def test_work_format_filter(http, hh_emulator, hh_headers) -> None:
    body = await search(http, hh_emulator, hh_headers, {"work_format": "REMOTE", "per_page": 100})
    assert 0 < body["found"] < len(open_vacancies(hh_emulator.corpus))
    for item in body["items"]:
        assert "REMOTE" in {f["id"] for f in item["work_format"]}


async def test_lowercase_work_format_is_silently_ignored(http, hh_emulator, hh_headers) -> None:
    body = await search(http, hh_emulator, hh_headers, {"work_format": "remote"})
    assert body["found"] == len(open_vacancies(hh_emulator.corpus))


async def test_employment_form_filter(http, hh_emulator, hh_headers) -> None:
    body = await search(http, hh_emulator, hh_headers, {"employment_form": "PART", "per_page": 100})
    assert body["found"] > 0
    assert {item["employment_form"]["id"] for item in body["items"]} == {"PART"}


async def test_professional_role_filter_keeps_only_those_roles(
    http, hh_emulator, hh_headers
) -> None:
    drivers = await search_ids(http, hh_emulator, hh_headers, {"professional_role": "21"})
    nurses = await search_ids(http, hh_emulator, hh_headers, {"professional_role": "64"})
    both = await search_ids(
        http, hh_emulator, hh_headers, [("professional_role", "21"), ("professional_role", "64")]
    )
    vacancies = hh_emulator.corpus.vacancies
    assert drivers and nurses
    assert {vacancies[i]["professional_roles"][0]["id"] for i in drivers} == {"21"}
    assert set(both) == set(drivers) | set(nurses)


async def test_deprecated_schedule_remote_matches_remote_format(
    http, hh_emulator, hh_headers
) -> None:
    old = await search_ids(http, hh_emulator, hh_headers, {"schedule": "remote"})
    new = await search_ids(http, hh_emulator, hh_headers, {"work_format": "REMOTE"})
    assert old and set(old) == set(new)


async def test_order_by_salary_desc(http, hh_emulator, hh_headers) -> None:
    body = await search(
        http,
        hh_emulator,
        hh_headers,
        {"order_by": "salary_desc", "label": "with_salary", "per_page": 100},
    )

    def key(item: dict) -> float:
        salary = item["salary_range"]
        amount = salary["from"] if salary["from"] is not None else salary["to"]
        return rur(amount, salary["currency"])

    values = [key(item) for item in body["items"]]
    assert values == sorted(values, reverse=True)


async def test_order_by_publication_time_is_newest_first(http, hh_emulator, hh_headers) -> None:
    body = await search(
        http, hh_emulator, hh_headers, {"order_by": "publication_time", "per_page": 100}
    )
    dates = [datetime.strptime(i["published_at"], "%Y-%m-%dT%H:%M:%S%z") for i in body["items"]]
    assert dates == sorted(dates, reverse=True)


async def test_relevance_ranks_title_hits_first(http, hh_emulator, hh_headers) -> None:
    body = await search(http, hh_emulator, hh_headers, {"text": "python", "per_page": 10})
    assert all("python" in tokenize(item["name"]) for item in body["items"])


async def test_period_keeps_recent_vacancies(http, hh_emulator, hh_headers) -> None:
    body = await search(http, hh_emulator, hh_headers, {"period": "3", "per_page": 100})
    everything = await search(http, hh_emulator, hh_headers, {})
    oldest_allowed = datetime.fromtimestamp(hh_emulator.corpus.now, UTC) - timedelta(days=3)
    assert 0 < body["found"] < everything["found"]
    for item in body["items"]:
        published = datetime.strptime(item["published_at"], "%Y-%m-%dT%H:%M:%S%z")
        assert published >= oldest_allowed


async def test_unknown_params_are_ignored(http, hh_emulator, hh_headers) -> None:
    plain = await search(http, hh_emulator, hh_headers, {"text": "python"})
    noisy = await search(http, hh_emulator, hh_headers, {"text": "python", "no_such": "1"})
    assert plain["found"] == noisy["found"]


# ---------------------------------------------------------------------------- paging


async def test_per_page_over_100_is_bad_argument(http, hh_emulator, hh_headers) -> None:
    status, body = await call(http, hh_emulator, "/vacancies", {"per_page": "101"}, hh_headers)
    assert status == 400
    assert body["errors"] == [{"type": "bad_argument", "value": "per_page"}]
    assert body["request_id"]


async def test_depth_limit_error_body_is_exact(http, hh_emulator, hh_headers) -> None:
    status, body = await call(
        http, hh_emulator, "/vacancies", {"per_page": "10", "page": "200"}, hh_headers
    )
    message = "you can't look up more than 2000 items in the list"
    assert status == 400
    assert body.pop("request_id")
    assert body == {
        "errors": [
            {"type": "bad_argument", "value": "page"},
            {"type": "bad_argument", "value": "per_page"},
        ],
        "bad_arguments": [{"name": "page, per_page", "description": message}],
        "description": message,
        "bad_argument": "page, per_page",
    }


async def test_last_page_within_depth_is_allowed(http, hh_emulator, hh_headers) -> None:
    body = await search(http, hh_emulator, hh_headers, {"per_page": "10", "page": "199"})
    assert len(body["items"]) == 10


async def test_pages_capped_by_depth_limit(http, hh_emulator, hh_headers) -> None:
    body = await search(http, hh_emulator, hh_headers, {"per_page": "30"})
    assert body["found"] > 2000
    assert body["pages"] == math.ceil(2000 / 30)


async def test_pages_is_ceil_of_found(http, hh_emulator, hh_headers) -> None:
    body = await search(http, hh_emulator, hh_headers, {"text": "python", "per_page": "7"})
    assert body["pages"] == math.ceil(body["found"] / 7)
    assert body["page"] == 0 and body["per_page"] == 7 and len(body["items"]) == 7


async def test_envelope_has_hh_keys(http, hh_emulator, hh_headers) -> None:
    body = await search(http, hh_emulator, hh_headers, {"text": "python"})
    assert set(body) == {
        "items",
        "found",
        "pages",
        "page",
        "per_page",
        "clusters",
        "arguments",
        "alternate_url",
        "fixes",
        "suggests",
    }
    assert body["clusters"] is None and body["alternate_url"].startswith("https://hh.kz/")


# ---------------------------------------------------------------------------- vacancies


async def test_archived_vacancy_not_in_search_but_fetchable(http, hh_emulator, hh_headers) -> None:
    archived = next(v for v in hh_emulator.corpus.vacancies.values() if v["archived"])
    found = await search_ids(
        http, hh_emulator, hh_headers, {"employer_id": archived["employer"]["id"]}
    )
    status, body = await call(http, hh_emulator, f"/vacancies/{archived['id']}", None, hh_headers)
    assert archived["id"] not in found
    assert status == 200 and body["archived"] is True


async def test_missing_vacancy_is_404(http, hh_emulator, hh_headers) -> None:
    status, body = await call(http, hh_emulator, "/vacancies/1", None, hh_headers)
    assert status == 404
    assert body["errors"] == [{"type": "not_found"}] and body["request_id"]


async def test_unknown_route_is_404_json(http, hh_emulator, hh_headers) -> None:
    status, body = await call(http, hh_emulator, "/resumes/mine", None, hh_headers)
    assert status == 404
    assert body["errors"] == [{"type": "not_found"}]


async def test_search_items_lack_description_and_key_skills(http, hh_emulator, hh_headers) -> None:
    body = await search(http, hh_emulator, hh_headers, {"per_page": 50})
    for item in body["items"]:
        assert "description" not in item and "key_skills" not in item
        assert "branded_description" not in item
        assert {
            "salary",
            "salary_range",
            "schedule",
            "employment",
            "work_format",
            "employment_form",
            "snippet",
        } <= set(item)


async def test_detail_has_description_and_key_skills(http, hh_emulator, hh_headers) -> None:
    vacancy_id = next(iter(hh_emulator.corpus.vacancies))
    status, body = await call(http, hh_emulator, f"/vacancies/{vacancy_id}", None, hh_headers)
    assert status == 200
    assert body["description"].startswith("<p>") and body["key_skills"]


async def test_snippet_highlights_query_words(http, hh_emulator, hh_headers) -> None:
    body = await search(http, hh_emulator, hh_headers, {"text": "python", "per_page": 50})
    snippets = " ".join(str(item["snippet"]) for item in body["items"])
    assert "<highlighttext>Python</highlighttext>" in snippets
    assert (
        hh_emulator.corpus.items[0]["snippet"]
        == next(iter(hh_emulator.corpus.vacancies.values()))["snippet"]
    )  # the corpus stays clean


async def test_api_links_point_back_at_emulator(http, hh_emulator, hh_headers) -> None:
    body = await search(http, hh_emulator, hh_headers, {"per_page": 1})
    item = body["items"][0]
    assert item["url"].startswith(f"{hh_emulator.url}/vacancies/{item['id']}")
    assert item["area"]["url"] == f"{hh_emulator.url}/areas/{item['area']['id']}"


async def test_host_only_changes_site_domain(http, hh_emulator, hh_headers) -> None:
    kz = await search(http, hh_emulator, hh_headers, {"per_page": 5})
    ru = await search(http, hh_emulator, hh_headers, {"per_page": 5, "host": "hh.ru"})
    assert kz["found"] == ru["found"]
    assert ru["items"][0]["alternate_url"] == f"https://hh.ru/vacancy/{ru['items'][0]['id']}"


# ---------------------------------------------------------------------------- headers, auth


async def test_missing_user_agent_is_400(http, hh_emulator) -> None:
    headers = {"Authorization": f"Bearer {HH_APP_TOKEN}"}
    status, body = await call(http, hh_emulator, "/vacancies", None, headers)
    assert status == 400
    assert body["errors"] == [{"type": "bad_user_agent", "value": "unset"}]
    assert body["request_id"]


async def test_hh_user_agent_header_is_enough(http, hh_emulator) -> None:
    headers = {"HH-User-Agent": HH_USER_AGENT, "Authorization": f"Bearer {HH_APP_TOKEN}"}
    status, _ = await call(http, hh_emulator, "/vacancies", None, headers)
    assert status == 200


async def test_anonymous_search_gets_captcha(http, hh_emulator) -> None:
    status, body = await call(http, hh_emulator, "/vacancies", None, {"User-Agent": HH_USER_AGENT})
    assert status == 403
    assert body["errors"][0]["type"] == "captcha_required"
    assert body["errors"][0]["captcha_url"].startswith("https://")


async def test_anonymous_forbidden_mode_gives_bare_403(http, hh_corpus) -> None:
    async with HHEmulator(hh_corpus, anonymous_mode="forbidden") as emulator:
        status, body = await call(
            http, emulator, "/vacancies/1", None, {"User-Agent": HH_USER_AGENT}
        )
    assert status == 403
    assert body["errors"] == [{"type": "forbidden"}]


async def test_open_mode_needs_no_token(http, hh_corpus) -> None:
    async with HHEmulator(hh_corpus, anonymous_mode="open") as emulator:
        status, body = await call(http, emulator, "/vacancies", None, {"User-Agent": HH_USER_AGENT})
    assert status == 200 and body["found"] > 0


async def test_bad_token_is_oauth_error(http, hh_emulator) -> None:
    headers = {"User-Agent": HH_USER_AGENT, "Authorization": "Bearer wrong"}
    status, body = await call(http, hh_emulator, "/vacancies", None, headers)
    assert status == 403
    assert body["errors"] == [{"type": "oauth", "value": "bad_authorization"}]
    assert body["oauth_error"] == "bad_authorization"


async def test_areas_and_dictionaries_are_anonymous(http, hh_emulator) -> None:
    headers = {"User-Agent": HH_USER_AGENT}
    areas_status, areas = await call(http, hh_emulator, "/areas", None, headers)
    dict_status, dictionaries = await call(http, hh_emulator, "/dictionaries", None, headers)
    assert areas_status == dict_status == 200
    kz = next(a for a in areas if a["id"] == KZ)
    assert {"159", "160", "205", "177"} <= {c["id"] for c in kz["areas"]}
    assert next(c for c in kz["areas"] if c["id"] == "159")["name"] == "Астана"
    assert {c["code"]: c["rate"] for c in dictionaries["currency"]}["RUR"] == 1


async def test_professional_roles_has_hhs_shape(http, hh_emulator) -> None:
    status, body = await call(
        http, hh_emulator, "/professional_roles", None, {"User-Agent": HH_USER_AGENT}
    )
    assert status == 200 and set(body) == {"categories"}
    for category in body["categories"]:
        assert set(category) == {"id", "name", "roles"} and category["roles"]
        for role in category["roles"]:
            assert set(role) == {
                "id",
                "name",
                "accept_incomplete_resumes",
                "is_default",
                "search_deprecated",
                "select_deprecated",
            }
    it = next(c for c in body["categories"] if c["name"] == "Информационные технологии")
    assert {"id": "160", "name": "DevOps-инженер"}.items() <= next(
        r for r in it["roles"] if r["id"] == "160"
    ).items()


async def test_area_node_and_countries(http, hh_emulator) -> None:
    headers = {"User-Agent": HH_USER_AGENT}
    _, moscow = await call(http, hh_emulator, "/areas/1", None, headers)
    _, countries = await call(http, hh_emulator, "/areas/countries", None, headers)
    assert moscow["parent_id"] == "113" and moscow["areas"] == []
    assert {"id": "40", "name": "Казахстан", "url": f"{hh_emulator.url}/areas/40"} in countries


async def test_areas_etag_gives_304(http, hh_emulator) -> None:
    async with http.get(hh_emulator.url + "/areas", headers={"User-Agent": HH_USER_AGENT}) as first:
        etag = first.headers["ETag"]
    async with http.get(
        hh_emulator.url + "/areas", headers={"User-Agent": HH_USER_AGENT, "If-None-Match": etag}
    ) as again:
        assert again.status == 304


async def test_suggests_areas_match_prefix_and_yo(http, hh_emulator) -> None:
    headers = {"User-Agent": HH_USER_AGENT}
    _, almaty = await call(http, hh_emulator, "/suggests/areas", {"text": "алм"}, headers)
    _, limited = await call(
        http, hh_emulator, "/suggests/areas", {"text": "ка", "area_id": KZ}, headers
    )
    assert almaty["items"][0] == {
        "id": "160",
        "text": "Алматы",
        "url": f"{hh_emulator.url}/areas/160",
    }
    assert "177" in {i["id"] for i in limited["items"]}  # Караганда, within Kazakhstan only
    assert "1" not in {i["id"] for i in limited["items"]}


async def test_suggests_areas_needs_two_characters(http, hh_emulator) -> None:
    status, body = await call(
        http, hh_emulator, "/suggests/areas", {"text": "а"}, {"User-Agent": HH_USER_AGENT}
    )
    assert status == 400
    assert body["errors"] == [{"type": "bad_argument", "value": "text"}]


async def test_me_describes_application_token(http, hh_emulator, hh_headers) -> None:
    status, body = await call(http, hh_emulator, "/me", None, hh_headers)
    assert status == 200
    assert body["auth_type"] == "application" and body["is_application"] is True


# ---------------------------------------------------------------------------- faults


async def test_fault_latency_delays_response(http, hh_emulator, hh_headers) -> None:
    hh_emulator.inject("latency", delay=0.2)
    started = time.perf_counter()
    status, _ = await call(http, hh_emulator, "/vacancies", {"per_page": 1}, hh_headers)
    assert status == 200
    assert time.perf_counter() - started >= 0.2


async def test_fault_5xx_is_json_503(http, hh_emulator, hh_headers) -> None:
    hh_emulator.inject("5xx")
    status, body = await call(http, hh_emulator, "/vacancies", None, hh_headers)
    assert status == 503
    assert body["errors"] == [{"type": "service_unavailable"}]


async def test_fault_500_html_is_not_json(http, hh_emulator, hh_headers) -> None:
    hh_emulator.inject("500_html")
    status, body = await call(http, hh_emulator, "/vacancies", None, hh_headers)
    assert status == 500 and isinstance(body, str) and "<html>" in body


async def test_fault_429_has_empty_body(http, hh_emulator, hh_headers) -> None:
    hh_emulator.inject("429")
    status, body = await call(http, hh_emulator, "/vacancies", None, hh_headers)
    assert status == 429 and body == ""


async def test_fault_captcha_even_with_token(http, hh_emulator, hh_headers) -> None:
    hh_emulator.inject("captcha")
    status, body = await call(http, hh_emulator, "/vacancies", None, hh_headers)
    assert status == 403 and body["errors"][0]["type"] == "captcha_required"


async def test_fault_forbidden_html_comes_from_ddos_guard(http, hh_emulator, hh_headers) -> None:
    hh_emulator.inject("forbidden_html")
    async with http.get(hh_emulator.url + "/vacancies", headers=hh_headers) as response:
        assert response.status == 403
        assert response.headers["Server"] == "ddos-guard"
        assert response.content_type == "text/html"


async def test_fault_non_json_is_200_html(http, hh_emulator, hh_headers) -> None:
    hh_emulator.inject("non_json")
    async with http.get(hh_emulator.url + "/vacancies", headers=hh_headers) as response:
        assert response.status == 200 and response.content_type == "text/html"


async def test_fault_drop_closes_connection(http, hh_emulator, hh_headers) -> None:
    # aiohttp retries an idempotent request once on a dropped connection: drop both.
    hh_emulator.inject("drop", count=2)
    with pytest.raises(aiohttp.ServerDisconnectedError):
        await call(http, hh_emulator, "/vacancies", None, hh_headers)


async def test_faults_are_consumed_in_order_and_counted(http, hh_emulator, hh_headers) -> None:
    hh_emulator.inject("429")
    hh_emulator.inject("5xx")
    statuses = [
        (await call(http, hh_emulator, "/vacancies", None, hh_headers))[0] for _ in range(3)
    ]
    assert statuses == [429, 503, 200]


async def test_fault_only_hits_its_path_prefix(http, hh_emulator, hh_headers) -> None:
    hh_emulator.inject("5xx", path_prefix="/vacancies/")
    search_status, _ = await call(http, hh_emulator, "/vacancies", None, hh_headers)
    vacancy_id = next(iter(hh_emulator.corpus.vacancies))
    detail_status, _ = await call(http, hh_emulator, f"/vacancies/{vacancy_id}", None, hh_headers)
    assert (search_status, detail_status) == (200, 503)


async def test_fault_forever_until_cleared(http, hh_emulator, hh_headers) -> None:
    hh_emulator.inject("5xx", count=-1)
    first = [(await call(http, hh_emulator, "/vacancies", None, hh_headers))[0] for _ in range(3)]
    hh_emulator.clear_faults()
    after, _ = await call(http, hh_emulator, "/vacancies", None, hh_headers)
    assert first == [503, 503, 503] and after == 200


# ---------------------------------------------------------------------------- stats


async def test_stats_count_searches_details_and_statuses(http, hh_emulator, hh_headers) -> None:
    vacancy_id = next(iter(hh_emulator.corpus.vacancies))
    await call(http, hh_emulator, "/vacancies", None, hh_headers)
    await call(http, hh_emulator, f"/vacancies/{vacancy_id}", None, hh_headers)
    await call(http, hh_emulator, "/vacancies/1", None, hh_headers)
    stats = hh_emulator.stats
    assert (stats.total_requests, stats.search_requests, stats.detail_requests) == (3, 1, 2)
    assert stats.statuses == {200: 2, 404: 1}
    assert stats.by_path["/vacancies"] == 1


async def test_requests_record_headers_and_query(http, hh_emulator, hh_headers) -> None:
    await call(http, hh_emulator, "/vacancies", [("area", "160"), ("area", "159")], hh_headers)
    recorded = hh_emulator.requests[-1]
    assert recorded.query == [("area", "160"), ("area", "159")]
    assert recorded.headers == {
        "user-agent": HH_USER_AGENT,
        "authorization": f"Bearer {HH_APP_TOKEN}",
    }


async def test_max_in_flight_counts_concurrent_requests(http, hh_emulator, hh_headers) -> None:
    hh_emulator.set_concurrency_delay(0.1)
    await asyncio.gather(
        *(call(http, hh_emulator, "/vacancies", {"per_page": 1}, hh_headers) for _ in range(5))
    )
    assert hh_emulator.stats.max_in_flight == 5
    assert hh_emulator.stats.in_flight == 0


async def test_reset_stats_starts_over(http, hh_emulator, hh_headers) -> None:
    await call(http, hh_emulator, "/vacancies", None, hh_headers)
    hh_emulator.reset_stats()
    assert hh_emulator.stats.total_requests == 0 and hh_emulator.requests == []
