"""Relevance: a good city and salary cannot make an unrelated vacancy a good match; the
fields picked at onboarding weigh skill matches; /search salaries in another currency;
details text keeps its structure; the HH query asks for the person's field."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.domain.features import extract_features, html_to_text, strip_html
from core.domain.hh_query import SearchOverrides, apply_overrides, build_search_params
from core.domain.hh_schemas import Vacancy
from core.domain.onboarding import OnboardingAnswers, build_preferences
from core.domain.preferences import SalaryExpectation, UserPreferences
from core.domain.salary import parse_salary
from core.domain.scoring import (
    DEFAULT_RATES,
    GATE_FLOOR,
    LACKING_CAP,
    RELEVANT_AT,
    ScoringContext,
    relevance_gate,
    score_vacancy,
)
from core.domain.search_query import parse_search

ALMATY, KAZAKHSTAN = "160", "40"
AREAS: dict[str, str | None] = {KAZAKHSTAN: None, ALMATY: KAZAKHSTAN}
HH_RATES = {"RUR": 1.0, "KZT": 5.4, "USD": 0.0125}  # the emulator's /dictionaries


def vacancy(name: str, key_skills: list[str], **fields: Any) -> Vacancy:
    data: dict[str, Any] = {
        "id": str(abs(hash((name, *key_skills))) % 10**9),
        "name": name,
        "area": {"id": ALMATY, "name": "Алматы"},
        "salary_range": {"from": 900_000, "to": 1_200_000, "currency": "KZT", "gross": False},
        "description": "<p>Работа в дружной команде.</p>",
        "key_skills": [{"name": skill} for skill in key_skills],
        "work_format": [{"id": "ON_SITE"}],
        "published_at": "2026-02-10T12:00:00+0300",
    }
    data.update(fields)
    return Vacancy.model_validate(data)


def python_developer(**fields: Any) -> UserPreferences:
    data: dict[str, Any] = {
        "categories": ["programming"],
        "skills": {"Python": 1.0},
        "area_ids": [ALMATY],
        "salary": SalaryExpectation(minimum=500_000),
        "job_titles": ["Python developer"],
    }
    data.update(fields)
    return UserPreferences(**data)


def score(v: Vacancy, prefs: UserPreferences) -> Any:
    return score_vacancy(extract_features(v), ScoringContext.build(prefs, AREAS, HH_RATES))


PYTHON_JOB_NO_SALARY = vacancy(
    "Backend-разработчик", ["Python", "Django", "PostgreSQL"], salary_range=None
)
PHARMACIST_LISTING_PYTHON = vacancy("Фармацевт", ["Фармация", "Работа с кассой", "Python"])
ACCOUNTANT_LISTING_PYTHON = vacancy(
    "Бухгалтер", ["Бухгалтерский учет", "Налоговая отчетность", "Python"]
)
SALES_MANAGER = vacancy("Sales Manager", ["Активные продажи", "CRM", "Холодные звонки"])


# ============================================================================ the gate


def test_a_vacancy_matching_nothing_is_not_a_good_match_on_city_and_pay() -> None:
    # Same city (1.0) and well paid (1.0): the weighted sum alone would be 0.6.
    result = score(SALES_MANAGER, python_developer())

    assert result.location == 1.0
    assert result.salary == 1.0
    assert result.skills == 0.0
    assert result.overall <= GATE_FLOOR * (0.3 + 0.3) + 1e-9


def test_a_real_python_job_without_salary_outranks_an_unrelated_well_paid_one() -> None:
    prefs = python_developer(skills={"Python": 1.0, "Django": 1.0, "SQL": 1.0, "Docker": 1.0})

    assert score(PYTHON_JOB_NO_SALARY, prefs).overall > 0.5
    assert score(PYTHON_JOB_NO_SALARY, prefs).overall > 2 * score(SALES_MANAGER, prefs).overall


def test_another_fields_job_listing_a_users_skill_is_a_weak_match() -> None:
    prefs = python_developer()
    python_job = score(PYTHON_JOB_NO_SALARY, prefs)

    for stray in (PHARMACIST_LISTING_PYTHON, ACCOUNTANT_LISTING_PYTHON):
        result = score(stray, prefs)
        # Python is still shown as matched, but it is a pharmacy's / an accountant's job.
        assert result.explanation.matched_skills == ("Python",)
        assert result.skills < 0.3
        assert result.overall < python_job.overall - 0.15


def test_the_chosen_field_is_a_weak_prior() -> None:
    """A Java job is closer to a Python developer than a sales job, with no shared skill."""
    prefs = python_developer(job_titles=[])
    java = score(vacancy("Java-разработчик", ["Java", "Spring", "Kotlin"]), prefs)
    sales = score(SALES_MANAGER, prefs)

    assert java.explanation.matched_skills == ()
    assert 0 < java.skills < RELEVANT_AT
    assert java.overall > sales.overall


def test_a_skill_from_another_field_on_a_job_of_mine_is_not_penalised() -> None:
    """A designer's key skills on a developer vacancy, or 1С (every office's tool)."""
    prefs = python_developer(skills={"Python": 1.0, "Django": 1.0})
    plain = score(vacancy("Python-разработчик", ["Python", "Django"]), prefs)
    with_figma = score(vacancy("Python-разработчик", ["Python", "Django", "Figma"]), prefs)
    programmer_1c = score(vacancy("Программист 1С", ["1С:Предприятие", "Python", "SQL"]), prefs)

    assert plain.skills == 1.0
    assert with_figma.skills == LACKING_CAP  # Figma lacking (the card's «✗»), no field cost
    assert programmer_1c.skills == pytest.approx(0.5)  # Python of Python + Django


def test_no_declared_skills_means_no_gating() -> None:
    prefs = UserPreferences(area_ids=[ALMATY], salary=SalaryExpectation(minimum=500_000))
    result = score(SALES_MANAGER, prefs)

    assert result.skills == 0.5
    assert result.overall == pytest.approx(0.4 * 0.5 + 0.3 + 0.3)


def test_a_good_match_keeps_the_plain_weighted_sum() -> None:
    prefs = python_developer(skills={"Python": 1.0, "Django": 1.0})
    result = score(vacancy("Python-разработчик", ["Python", "Django"]), prefs)

    assert result.overall == pytest.approx(0.4 * result.skills + 0.3 + 0.3)


@settings(max_examples=200, deadline=None)
@given(low=st.floats(-1, 2), high=st.floats(-1, 2))
def test_the_gate_is_monotone_and_bounded(low: float, high: float) -> None:
    low, high = min(low, high), max(low, high)

    assert GATE_FLOOR <= relevance_gate(low) <= relevance_gate(high) <= 1.0
    assert relevance_gate(RELEVANT_AT) == 1.0


@settings(max_examples=100, deadline=None)
@given(
    skills=st.lists(
        st.sampled_from(["Python", "Django", "Figma", "Фармация", "CRM", "Excel", "1С"]),
        max_size=5,
    ),
    salary=st.integers(1, 3_000_000),  # 0 is HH's "not stated"
    raise_by=st.integers(0, 3_000_000),
)
def test_overall_stays_in_unit_interval_and_monotone_in_salary(
    skills: list[str], salary: int, raise_by: int
) -> None:
    prefs = python_developer()

    def at(pay: int) -> float:
        pay_range = {"from": pay, "to": pay, "currency": "KZT", "gross": False}
        return score(vacancy("Специалист", skills, salary_range=pay_range), prefs).overall

    assert 0.0 <= at(salary) <= at(salary + raise_by) <= 1.0


# ============================================================================ /search salary


@pytest.mark.parametrize(
    "typed",
    ["python salary:$1500", "python salary:1500 $", "python зп:1500 usd", "python salary:$ 1500"],
)
def test_a_dollar_floor_typed_in_search_is_dollars(typed: str) -> None:
    request = parse_search(typed)
    expectation = parse_salary(request.salary or "").expectation

    assert request.keywords == "python"
    assert expectation == SalaryExpectation(minimum=1500, currency="USD")


@pytest.mark.parametrize("rates", [None, HH_RATES], ids=["default rates", "HH rates"])
def test_a_1500_dollar_search_floor_drops_a_job_paying_up_to_240000_tenge(
    rates: dict[str, float] | None,
) -> None:
    profile = python_developer(salary=SalaryExpectation(minimum=300_000, currency="KZT"))
    prefs = apply_overrides(profile, SearchOverrides(salary_min=1500, salary_currency="USD"))
    up_to_240k = vacancy(
        "Python developer",
        ["Python"],
        salary_range={"from": None, "to": 240_000, "currency": "KZT", "gross": False},
    )
    pays_2000 = vacancy(
        "Python developer",
        ["Python"],
        salary_range={"from": 2000, "to": None, "currency": "USD", "gross": False},
    )
    ctx = ScoringContext.build(prefs, AREAS, rates)

    # 240 000 ₸ is about $480-560: far below the $1 500 floor.
    assert score_vacancy(extract_features(up_to_240k), ctx).dealbreaker == "salary_below_floor"
    assert score_vacancy(extract_features(pays_2000), ctx).dealbreaker is None
    assert DEFAULT_RATES["USD"] > 0


def test_the_floor_reads_a_gross_figure_as_posted_and_ranks_it_by_its_net_pay() -> None:
    prefs = python_developer(
        salary=SalaryExpectation(minimum=600_000, currency="KZT"), salary_is_floor=True
    )
    gross_580k = vacancy(
        "Python developer",
        ["Python"],
        salary_range={"from": 580_000, "to": None, "currency": "KZT", "gross": True},
    )
    net_580k = vacancy(
        "Python developer",
        ["Python"],
        salary_range={"from": 580_000, "to": None, "currency": "KZT", "gross": False},
    )
    ctx = ScoringContext.build(prefs, AREAS)

    # «от 580 000 до вычета» is what the person reads against a 600 k floor: near it, kept;
    # its net pay (about 470 k) still ranks it below the same figure paid net.
    gross, net = (score_vacancy(extract_features(v), ctx) for v in (gross_580k, net_580k))
    assert gross.dealbreaker is None
    assert gross.overall < net.overall


# ============================================================================ details text


def test_details_text_keeps_paragraphs_and_bullets() -> None:
    description = (
        "<p>Компания <strong>Альфа</strong> — лидер&nbsp;рынка.</p>"
        "<p><strong>Обязанности:</strong></p><ul><li>Писать код</li><li>Ревью</li></ul>"
        "<p>Строка<br/>вторая</p>"
    )

    assert html_to_text(description) == (
        "Компания Альфа — лидер рынка.\n\nОбязанности:\n• Писать код\n• Ревью\n\nСтрока\nвторая"
    )
    # The feature path keeps its one-line text.
    assert "\n" not in strip_html(description)


def test_details_view_gets_the_structured_text() -> None:
    from core.domain.recommendation_cards import RecommendationCard, details_from_row
    from core.domain.scoring import ScoreExplanation

    class Row:
        raw = {"description": "<p>Раз</p><ul><li>два</li></ul>", "key_skills": []}

    card = RecommendationCard(
        recommendation_id=1,
        vacancy_id="1",
        title="t",
        employer_id=None,
        employer_name=None,
        area_name=None,
        salary_from=None,
        salary_to=None,
        salary_currency=None,
        salary_gross=None,
        url=None,
        snippet="",
        relevance=0.5,
        explanation=ScoreExplanation((), (), "unknown", None, "anywhere", (), ()),
        saved=False,
        feedback=None,
        published_at=None,
    )

    assert details_from_row(Row(), card).description == "Раз\n• два"  # type: ignore[arg-type]


# ============================================================================ HH query


def test_a_field_without_skills_asks_hh_for_its_defining_skills() -> None:
    prefs = build_preferences(OnboardingAnswers(categories=["programming"], area_ids=[ALMATY]))
    text = build_search_params(prefs).text or ""

    assert "Python" in text and "Java" in text
    assert "Angular" not in text and ".NET" not in text


def test_office_tools_are_not_search_terms_next_to_specific_ones() -> None:
    answers = OnboardingAnswers(
        categories=["finance"], skills=["Excel", "1С:Бухгалтерия"], job_titles=[]
    )
    text = build_search_params(build_preferences(answers)).text or ""

    assert "Excel" not in text
    assert "1С:Бухгалтерия" in text
    only_excel = UserPreferences(skills={"Excel": 1.0})
    assert build_search_params(only_excel).text == "Excel"


def test_an_accountants_query_is_the_word_a_person_types_not_her_skills() -> None:
    answers = OnboardingAnswers(
        categories=["finance"],
        skills=["1С:Бухгалтерия", "Excel", "МСФО", "налоги"],
        experience="moreThan6",
        area_ids=["159"],
    )
    params = build_search_params(build_preferences(answers))

    assert params.text is not None and params.text.startswith("Бухгалтер OR")
    assert "Excel" not in params.text and "МСФО" not in params.text
    assert "1С" not in params.text  # her 1С is the accounting program: no «Программист 1С»
    assert params.experience == ["moreThan6", "between3And6"]  # a senior takes 3–6 years too
