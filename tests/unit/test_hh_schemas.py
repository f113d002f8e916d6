"""Parsing of realistic HH JSON (samples written by us after reference/HH_API.md §2-6)."""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from core.domain.hh_schemas import (
    AreaNode,
    AreaSuggestionPage,
    Dictionaries,
    Employer,
    Vacancy,
    VacancySearchPage,
    VacancySearchParams,
    strip_highlight,
)
from core.hh import area_descendants, flatten_areas

SEARCH_ITEM: dict[str, Any] = {
    "id": "123880305",
    "name": "Python developer",
    "premium": False,
    "area": {"id": "160", "name": "Алматы", "url": "https://api.hh.ru/areas/160"},
    "salary": {"from": 500000, "to": 800000, "currency": "KZT", "gross": False},
    "salary_range": {
        "from": 500000,
        "to": 800000,
        "currency": "KZT",
        "gross": False,
        "mode": {"id": "MONTH", "name": "За\u00a0месяц"},
        "frequency": {"id": "MONTHLY", "name": "Раз в месяц"},
    },
    "type": {"id": "open", "name": "Открытая"},
    "address": {"city": "Алматы", "lat": 43.23, "lng": 76.9, "metro": None},
    "published_at": "2025-08-11T09:55:46+0300",
    "created_at": "2025-08-11T09:55:46+0300",
    "archived": False,
    "url": "https://api.hh.ru/vacancies/123880305?host=hh.kz",
    "alternate_url": "https://hh.kz/vacancy/123880305",
    "employer": {
        "id": "1455",
        "name": "HeadHunter",
        "trusted": True,
        "logo_urls": {"90": "https://img/90.png"},
        "employer_rating": {"total_rating": "4.3", "reviews_count": 700},
        "country_id": 40,
    },
    "snippet": {
        "requirement": "Опыт с <highlighttext>Python</highlighttext> от 2 лет.",
        "responsibility": "Разработка сервисов на <highlighttext>Python</highlighttext>.",
    },
    "schedule": {"id": "remote", "name": "Удаленная работа"},
    "work_format": [{"id": "REMOTE", "name": "Из дома"}],
    "work_schedule_by_days": [{"id": "FIVE_ON_TWO_OFF", "name": "5/2"}],
    "working_hours": [{"id": "HOURS_8", "name": "8 часов"}],
    "employment": {"id": "full", "name": "Полная занятость"},
    "employment_form": {"id": "FULL", "name": "Полная занятость"},
    "experience": {"id": "between1And3", "name": "От 1 года до 3 лет"},
    "professional_roles": [{"id": "96", "name": "Программист, разработчик"}],
    "counters": {"responses": 3},
    "fly_in_fly_out_duration": [],
}

FULL_VACANCY: dict[str, Any] = {
    **SEARCH_ITEM,
    "description": "<p><strong>Обязанности:</strong></p><ul><li>писать код</li></ul>",
    "branded_description": "<style>.x{}</style>",
    "key_skills": [{"name": "Python"}, {"name": "Django"}, {"name": "SQL"}],
    "languages": [{"id": "eng", "name": "Английский", "level": {"id": "b2", "name": "B2"}}],
    "snippet": None,
}

# An item as old docs/legacy answers show it: deprecated fields only, nulls everywhere.
LEGACY_ITEM: dict[str, Any] = {
    "id": "9001",
    "name": "Бухгалтер",
    "area": {"id": "159", "name": "Астана", "url": None},
    "salary": {"from": 250000.0, "to": None, "currency": "KZT", "gross": True},
    "salary_range": None,
    "employer": {"id": None, "name": "Аноним", "url": None, "trusted": None},
    "snippet": {"requirement": None, "responsibility": None},
    "schedule": {"id": "remote", "name": "Удаленная работа"},
    "work_format": None,
    "work_schedule_by_days": None,
    "working_hours": None,
    "employment": None,
    "employment_form": None,
    "experience": None,
    "professional_roles": None,
    "key_skills": None,
    "address": None,
    "type": None,
    "published_at": "2026-02-10T12:00:00+0300",
    "created_at": None,
    "archived": "false",
    "url": None,
    "alternate_url": None,
    "apply_alternate_url": None,
}


def test_search_item_parses_new_fields() -> None:
    vacancy = Vacancy.model_validate(SEARCH_ITEM)
    assert vacancy.id == "123880305"
    assert vacancy.area is not None and vacancy.area.id == "160"
    assert vacancy.work_format_ids == {"REMOTE"}
    assert vacancy.employment_form is not None and vacancy.employment_form.id == "FULL"
    assert [item.id for item in vacancy.work_schedule_by_days] == ["FIVE_ON_TWO_OFF"]
    assert [item.id for item in vacancy.working_hours] == ["HOURS_8"]


def test_search_item_has_no_details() -> None:
    vacancy = Vacancy.model_validate(SEARCH_ITEM)
    assert not vacancy.has_details
    assert vacancy.key_skills == []


def test_pay_prefers_salary_range() -> None:
    item = copy.deepcopy(SEARCH_ITEM)
    item["salary"]["from"] = 1
    pay = Vacancy.model_validate(item).pay
    assert pay is not None and pay.from_ == 500000 and pay.to == 800000
    assert pay.mode is not None and pay.mode.name == "За\u00a0месяц"


def test_pay_falls_back_to_deprecated_salary_with_float_amount() -> None:
    pay = Vacancy.model_validate(LEGACY_ITEM).pay
    assert pay is not None
    assert pay.from_ == 250000 and isinstance(pay.from_, int)
    assert pay.to is None and pay.gross is True


def test_pay_is_none_when_both_salaries_absent_or_empty() -> None:
    item = {**SEARCH_ITEM, "salary": None, "salary_range": {"from": None, "to": None}}
    assert Vacancy.model_validate(item).pay is None


def test_frequency_null_is_allowed() -> None:
    item = copy.deepcopy(SEARCH_ITEM)
    item["salary_range"]["frequency"] = None
    pay = Vacancy.model_validate(item).pay
    assert pay is not None and pay.frequency is None


def test_dates_with_colonless_moscow_offset() -> None:
    vacancy = Vacancy.model_validate(SEARCH_ITEM)
    assert vacancy.published_at == datetime(
        2025, 8, 11, 9, 55, 46, tzinfo=timezone(timedelta(hours=3))
    )
    assert vacancy.published_at.astimezone(UTC).hour == 6


def test_legacy_item_with_nulls_everywhere() -> None:
    vacancy = Vacancy.model_validate(LEGACY_ITEM)
    assert vacancy.work_format == [] and vacancy.professional_roles == []
    assert vacancy.key_skills == [] and vacancy.working_hours == []
    assert vacancy.employer is not None and vacancy.employer.id is None
    assert vacancy.created_at is None and vacancy.url is None


def test_archived_string_false_is_false() -> None:
    assert Vacancy.model_validate(LEGACY_ITEM).archived is False


def test_archived_null_is_false() -> None:
    assert Vacancy.model_validate({**SEARCH_ITEM, "archived": None}).archived is False


def test_remote_from_deprecated_schedule_when_work_format_missing() -> None:
    assert Vacancy.model_validate(LEGACY_ITEM).is_remote


def test_full_vacancy_has_description_and_skills() -> None:
    vacancy = Vacancy.model_validate(FULL_VACANCY)
    assert vacancy.has_details
    assert vacancy.skill_names == ["Python", "Django", "SQL"]
    assert vacancy.snippet is None


def test_snippet_highlight_stripped() -> None:
    snippet = Vacancy.model_validate(SEARCH_ITEM).snippet
    assert snippet is not None
    assert snippet.plain_requirement == "Опыт с Python от 2 лет."
    assert snippet.requirement is not None and "<highlighttext>" in snippet.requirement


def test_snippet_null_parts_stay_none() -> None:
    snippet = Vacancy.model_validate(LEGACY_ITEM).snippet
    assert snippet is not None and snippet.plain_requirement is None


@given(st.text().filter(lambda text: "<" not in text))
def test_strip_highlight_keeps_only_the_text(text: str) -> None:
    assert strip_highlight(f"{text}<highlighttext>{text}</HIGHLIGHTTEXT>") == text + text


def test_vacancy_without_id_is_invalid() -> None:
    with pytest.raises(ValidationError):
        Vacancy.model_validate({"name": "no id"})


def test_search_page_envelope() -> None:
    page = VacancySearchPage.model_validate(
        {
            "items": [SEARCH_ITEM, LEGACY_ITEM],
            "found": 13,
            "pages": 7,
            "page": 0,
            "per_page": 2,
            "clusters": None,
            "arguments": None,
            "fixes": None,
            "suggests": None,
            "alternate_url": "https://hh.kz/search/vacancy?text=python",
        }
    )
    assert [item.id for item in page.items] == ["123880305", "9001"]
    assert (page.found, page.pages, page.per_page) == (13, 7, 2)


def test_search_page_null_items() -> None:
    assert VacancySearchPage.model_validate({"items": None, "found": 0}).items == []


AREAS: list[dict[str, Any]] = [
    {
        "id": "40",
        "parent_id": None,
        "name": "Казахстан",
        "utc_offset": "+05:00",
        "lat": None,
        "lng": None,
        "areas": [
            {"id": "160", "parent_id": "40", "name": "Алматы", "areas": [], "lat": 43.2},
            {"id": "159", "parent_id": "40", "name": "Астана", "areas": None},
        ],
    },
    {
        "id": "113",
        "parent_id": None,
        "name": "Россия",
        "areas": [
            {
                "id": "2019",
                "parent_id": "113",
                "name": "Московская область",
                "areas": [{"id": "2020", "parent_id": "2019", "name": "Балашиха", "areas": []}],
            },
            {"id": "1", "parent_id": "113", "name": "Москва", "areas": []},
        ],
    },
]


def _area_nodes() -> list[AreaNode]:
    return [AreaNode.model_validate(node) for node in AREAS]


def test_area_tree_parses_recursively() -> None:
    kazakhstan = _area_nodes()[0]
    assert [city.id for city in kazakhstan.areas] == ["160", "159"]
    assert kazakhstan.areas[1].areas == []
    assert kazakhstan.areas[0].lat == 43.2


def test_flatten_areas_indexes_every_node() -> None:
    flat = flatten_areas(_area_nodes())
    assert set(flat) == {"40", "160", "159", "113", "2019", "2020", "1"}
    assert flat["2020"].name == "Балашиха"


def test_area_descendants_include_self_and_subtree() -> None:
    assert area_descendants(_area_nodes(), "113") == {"113", "2019", "2020", "1"}
    assert area_descendants(_area_nodes(), "160") == {"160"}


def test_area_descendants_of_unknown_id_is_empty() -> None:
    assert area_descendants(_area_nodes(), "999999") == set()


def test_dictionaries_currency_rates_and_extra_keys() -> None:
    dictionaries = Dictionaries.model_validate(
        {
            "currency": [
                {"code": "RUR", "abbr": "₽", "name": "Рубли", "rate": 1, "default": True},
                {"code": "KZT", "abbr": "₸", "name": "Тенге", "rate": 7.809145, "in_use": True},
                {"code": "USD", "abbr": None, "name": "Доллары", "rate": 0.016311},
            ],
            "experience": [{"id": "noExperience", "name": "Нет опыта"}],
            "work_format": [{"id": "REMOTE", "name": "Удалённо"}],
            "vacancy_search_order": [{"id": "relevance", "name": "по соответствию"}],
        }
    )
    assert dictionaries.rates() == {"RUR": 1.0, "KZT": 7.809145, "USD": 0.016311}
    assert dictionaries.experience[0].id == "noExperience"
    assert dictionaries.model_extra is not None
    assert "vacancy_search_order" in dictionaries.model_extra


def test_area_suggestions_envelope() -> None:
    page = AreaSuggestionPage.model_validate(
        {"items": [{"id": "160", "text": "Алматы", "url": "https://api.hh.ru/areas/160"}]}
    )
    assert [(item.id, item.text) for item in page.items] == [("160", "Алматы")]


# --------------------------------------------------------------------- VacancySearchParams


def test_empty_params_give_empty_query() -> None:
    assert VacancySearchParams().to_query() == []


def test_every_param_maps_to_query() -> None:
    params = VacancySearchParams(
        text="python OR django",
        search_field=["name", "description"],
        excluded_text="1С, стажёр",
        area=["160", "159"],
        salary=400000,
        currency="kzt",
        with_salary=True,
        experience=["between1And3"],
        work_format=["remote", "HYBRID"],
        employment_form=["full"],
        schedule=["remote"],
        order_by="publication_time",
        date_from=date(2026, 2, 1),
    )
    assert params.to_query() == [
        ("text", "python OR django"),
        ("excluded_text", "1С, стажёр"),
        ("search_field", "name"),
        ("search_field", "description"),
        ("area", "160"),
        ("area", "159"),
        ("experience", "between1And3"),
        ("work_format", "REMOTE"),
        ("work_format", "HYBRID"),
        ("employment_form", "FULL"),
        ("schedule", "remote"),
        ("salary", "400000"),
        ("currency", "KZT"),
        ("label", "with_salary"),
        ("order_by", "publication_time"),
        ("date_from", "2026-02-01"),
    ]


def test_period_param() -> None:
    assert VacancySearchParams(period=7).to_query() == [("period", "7")]


def test_period_and_date_from_are_exclusive() -> None:
    with pytest.raises(ValidationError):
        VacancySearchParams(period=3, date_from="2026-01-01")


def test_datetime_date_from_uses_colonless_offset() -> None:
    moment = datetime(2026, 2, 1, 8, 30, tzinfo=timezone(timedelta(hours=5)))
    assert VacancySearchParams(date_from=moment).to_query() == [
        ("date_from", "2026-02-01T08:30:00+0500")
    ]


def test_currency_without_salary_is_not_sent() -> None:
    assert VacancySearchParams(currency="KZT").to_query() == []


def test_blank_values_and_duplicates_omitted() -> None:
    params = VacancySearchParams(text="  ", area=["160", "160", ""], experience=[])
    assert params.to_query() == [("area", "160")]


def test_scalar_values_become_lists() -> None:
    params = VacancySearchParams(area=160, work_format="remote", experience="moreThan6")
    assert params.area == ["160"]
    assert params.work_format == ["REMOTE"]
    assert params.experience == ["moreThan6"]


def test_unknown_param_rejected() -> None:
    with pytest.raises(ValidationError):
        VacancySearchParams(only_with_salary=True)  # type: ignore[call-arg]


def test_signature_ignores_value_order() -> None:
    first = VacancySearchParams(text="python", area=["160", "159"], work_format=["REMOTE"])
    second = VacancySearchParams(work_format=["remote"], area=["159", "160"], text="python")
    assert first.signature() == second.signature()


def test_signature_differs_for_different_queries() -> None:
    assert (
        VacancySearchParams(text="python").signature()
        != VacancySearchParams(text="java").signature()
    )


def test_signature_is_stable_sha256() -> None:
    signature = VacancySearchParams(text="python", area=["160"]).signature()
    assert len(signature) == 64
    assert signature == VacancySearchParams(text="python", area=["160"]).signature()


@given(
    areas=st.lists(st.sampled_from(["1", "2", "40", "159", "160"]), max_size=5),
    experience=st.lists(st.sampled_from(["noExperience", "between1And3", "moreThan6"])),
)
def test_signature_is_permutation_invariant(areas: list[str], experience: list[str]) -> None:
    forward = VacancySearchParams(area=areas, experience=experience)
    backward = VacancySearchParams(area=areas[::-1], experience=experience[::-1])
    assert forward.signature() == backward.signature()


@pytest.mark.parametrize(
    ("raw", "rating", "reviews"),
    [
        ({"total_rating": "4.3", "reviews_count": 700}, 4.3, 700),
        ({"total_rating": "n/a", "reviews_count": "many"}, None, 0),
        ({"total_rating": "7.5", "reviews_count": -3}, None, 0),
        ({"total_rating": None, "reviews_count": None}, None, 0),
    ],
)
def test_employer_rating_garbage_reads_as_unknown(
    raw: dict, rating: float | None, reviews: int
) -> None:
    employer = Employer.model_validate({"name": "ТОО Ромашка", "employer_rating": raw})
    assert employer.employer_rating is not None
    assert employer.employer_rating.total_rating == rating
    assert employer.employer_rating.reviews_count == reviews
