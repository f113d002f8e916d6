"""Scoring: components, explanation, dealbreakers and ranking (core/scoring.py, features.py)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.domain.features import VacancyFeatures, extract_features, strip_html
from core.domain.hh_schemas import Vacancy
from core.domain.preferences import SalaryExpectation, ScoreWeights, UserPreferences
from core.domain.scoring import (
    ScoringContext,
    calculate_recommendation_scores,
    dealbreaker,
    rank,
    score_location,
    score_salary,
    score_skills,
    score_vacancy,
)

ALMATY, ASTANA, KAZAKHSTAN, MOSCOW, RUSSIA = "160", "159", "40", "1", "113"
ALMATY_DISTRICT = "7001"  # a made-up child area of Almaty
AREAS: dict[str, str | None] = {
    KAZAKHSTAN: None,
    ALMATY: KAZAKHSTAN,
    ASTANA: KAZAKHSTAN,
    ALMATY_DISTRICT: ALMATY,
    RUSSIA: None,
    MOSCOW: RUSSIA,
}
RATES = {"RUR": 1.0, "KZT": 6.0, "USD": 0.0125}  # 1 USD = 480 KZT


def vacancy(**fields: Any) -> Vacancy:
    """A realistic hh.kz vacancy as HH sends it; keyword arguments override fields."""
    data: dict[str, Any] = {
        "id": "1001",
        "name": "Python-разработчик",
        "area": {"id": ALMATY, "name": "Алматы"},
        "salary_range": {"from": 600_000, "to": 900_000, "currency": "KZT", "gross": False},
        "employer": {"id": "77", "name": "Kaspi.kz"},
        "description": (
            "<p>Разрабатываем backend на <strong>Python</strong> и Django.</p>"
            "<ul><li>Пишем SQL-запросы</li><li>Docker &amp; CI/CD</li></ul>"
        ),
        "key_skills": [{"name": "Python"}, {"name": "Django Framework"}, {"name": "Git"}],
        "work_format": [{"id": "ON_SITE", "name": "На месте работодателя"}],
        "published_at": "2026-02-10T12:00:00+0300",
    }
    data.update(fields)
    return Vacancy.model_validate(data)


def features(**fields: Any) -> VacancyFeatures:
    return extract_features(vacancy(**fields))


def python_dev(**fields: Any) -> UserPreferences:
    data: dict[str, Any] = {
        "skills": {"Python": 1.0, "Django": 0.9, "SQL": 0.8, "Kubernetes": 0.5},
        "area_ids": [ALMATY],
        "remote_ok": True,
        "salary": SalaryExpectation(minimum=700_000, currency="KZT"),
    }
    data.update(fields)
    return UserPreferences(**data)


def context(prefs: UserPreferences | None = None) -> ScoringContext:
    return ScoringContext.build(prefs or python_dev(), AREAS, RATES)


# ============================================================================ seed test


def test_calculate_recommendation_scores() -> None:
    score = calculate_recommendation_scores(vacancy(), python_dev(), AREAS, RATES)

    # Python 1.0 and Django 0.9 are key skills; SQL 0.8 only in the text (x0.6);
    # the denominator is the user's skill weight, 1.0 + 0.9 + 0.8 + 0.5 = 3.2.
    assert score.skills == pytest.approx((1.0 + 0.9 + 0.6 * 0.8) / 3.2)
    assert score.location == 1.0
    assert score.salary == 1.0  # midpoint 750k net >= 700k expected
    assert score.overall == pytest.approx(0.4 * score.skills + 0.3 * 1.0 + 0.3 * 1.0)
    assert score.dealbreaker is None
    assert score.explanation.matched_skills == ("Python", "Django", "SQL")
    assert score.explanation.missing_skills == ("Kubernetes",)
    assert score.explanation.salary_note == "meets"
    assert score.explanation.salary_ratio == pytest.approx(750_000 / 700_000)
    assert score.explanation.location_reason == "same_area"


# ============================================================================ skills


def test_key_skill_match_beats_text_only_match() -> None:
    ctx = context(python_dev(skills={"Django": 1.0}))
    in_key_skills = features(key_skills=[{"name": "Django"}], description="Backend.")
    in_text_only = features(key_skills=[], description="Backend на Django.")

    assert score_skills(in_key_skills, ctx).score == pytest.approx(1.0)
    assert score_skills(in_text_only, ctx).score == pytest.approx(0.6)


def test_inflected_and_aliased_mentions_count_as_text_matches() -> None:
    ctx = context(python_dev(skills={"PostgreSQL": 1.0}))
    match = score_skills(features(key_skills=[], description="Работа с постгресом"), ctx)

    assert match.matched == ("PostgreSQL",)


def test_avoided_skill_lowers_skill_score() -> None:
    plain, avoiding = context(), context(python_dev(avoided_skills=["Git"]))
    vacancy_features = features()

    drop = (
        score_skills(vacancy_features, plain).score - score_skills(vacancy_features, avoiding).score
    )
    assert drop == pytest.approx(0.3)


def test_preferred_skill_weighs_more() -> None:
    prefs = python_dev(skills={"Python": 1.0, "Go": 1.0}, preferred_skills=["Go"])
    ctx = context(prefs)
    python_only = features(name="Developer", key_skills=[{"name": "Python"}], description="")
    go_only = features(name="Developer", key_skills=[{"name": "Go"}], description="")

    assert score_skills(go_only, ctx).score > score_skills(python_only, ctx).score


def test_empty_profile_is_neutral() -> None:
    ctx = context(UserPreferences())

    assert score_skills(features(), ctx).score == 0.5


def test_desired_job_title_in_vacancy_title_adds_bonus() -> None:
    without = score_skills(features(), context()).score
    with_title = score_skills(features(), context(python_dev(job_titles=["Python разработчик"])))

    assert with_title.title_match
    assert with_title.score == pytest.approx(without + 0.2)


def test_positive_keywords_add_but_are_capped() -> None:
    skills = {"Python": 1.0, "Go": 1.0, "Rust": 1.0}  # the vacancy has 1 of 3: base 1/3
    prefs = python_dev(skills=skills, positive_keywords={"backend": 0.3, "docker": 0.3})
    match = score_skills(features(), context(prefs))

    assert match.positive_hits == ("backend", "docker")
    assert match.score == pytest.approx(1 / 3 + 0.3)


def test_negative_keyword_subtracts_and_is_explained() -> None:
    prefs = python_dev(negative_keywords={"docker": 0.2})
    match = score_skills(features(), context(prefs))
    base = score_skills(features(), context()).score

    assert match.negative_hits == ("docker",)
    assert match.score == pytest.approx(base - 0.2)


# ============================================================================ location


@pytest.mark.parametrize(
    ("area", "work_format", "prefs", "expected"),
    [
        (ALMATY, "ON_SITE", {}, (1.0, "same_area")),
        (ALMATY_DISTRICT, "ON_SITE", {}, (1.0, "same_area")),
        (MOSCOW, "REMOTE", {}, (1.0, "remote")),
        (ASTANA, "ON_SITE", {}, (0.5, "same_country")),
        (MOSCOW, "ON_SITE", {}, (0.1, "elsewhere")),
        (MOSCOW, "ON_SITE", {"area_ids": []}, (0.5, "anywhere")),
        (MOSCOW, "REMOTE", {"remote_ok": False}, (0.1, "elsewhere")),
    ],
    ids=["same", "child", "remote", "country", "elsewhere", "anywhere", "remote-not-ok"],
)
def test_score_location(
    area: str, work_format: str, prefs: dict[str, Any], expected: tuple[float, str]
) -> None:
    vacancy_features = features(area={"id": area}, work_format=[{"id": work_format}])

    assert score_location(vacancy_features, context(python_dev(**prefs))) == expected


def test_location_uses_default_area_tree_without_areas_loaded() -> None:
    ctx = ScoringContext.build(python_dev(), area_parent=None)

    assert score_location(features(area={"id": ASTANA}), ctx) == (0.5, "same_country")


# ============================================================================ salary


def salary_features(
    low: int | None, high: int | None, currency: str = "KZT", gross: bool | None = False
) -> VacancyFeatures:
    pay = {"from": low, "to": high, "currency": currency, "gross": gross}
    return features(salary_range=pay, salary=None)


def test_salary_in_usd_is_converted_to_the_users_kzt() -> None:
    ctx = context(python_dev(salary=SalaryExpectation(minimum=600_000, currency="KZT")))

    # 1000 USD = 1000 / 0.0125 RUR = 80 000 RUR = 480 000 KZT: 80 % of the expectation,
    # and the score falls linearly from 1 at 100 % to 0 at 50 %.
    score, note = score_salary(salary_features(1000, 1000, "USD"), ctx)
    assert (score, note) == (pytest.approx(0.6), "below")


def test_gross_salary_is_compared_net() -> None:
    ctx = context(python_dev(salary=SalaryExpectation(minimum=900_000)))

    # Kazakhstan: 10 % pension then 10 % income tax -> 0.81 of gross reaches the person.
    assert score_salary(salary_features(1_000_000, 1_000_000, gross=True), ctx) == (
        pytest.approx(0.8),
        "below",
    )
    assert score_salary(salary_features(1_000_000, 1_000_000, gross=False), ctx) == (1.0, "meets")


def test_salary_range_is_scored_at_its_midpoint() -> None:
    ctx = context(python_dev(salary=SalaryExpectation(minimum=500_000)))

    assert score_salary(salary_features(300_000, 500_000), ctx) == (pytest.approx(0.6), "below")


def test_missing_salary_is_neutral() -> None:
    ctx = context()

    assert score_salary(salary_features(None, None), ctx) == (0.5, "unknown")


def test_no_expectation_is_neutral() -> None:
    ctx = context(python_dev(salary=SalaryExpectation()))

    assert score_salary(salary_features(100_000, None), ctx) == (0.5, "no_expectation")


@settings(max_examples=60, deadline=None)
@given(
    low=st.integers(1, 5_000_000),
    raise_by=st.integers(0, 5_000_000),
    spread=st.one_of(st.none(), st.integers(0, 2_000_000)),
    currency=st.sampled_from(["KZT", "RUR", "USD"]),
    gross=st.one_of(st.none(), st.booleans()),
)
def test_salary_score_is_monotone_in_salary(
    low: int, raise_by: int, spread: int | None, currency: str, gross: bool | None
) -> None:
    ctx = context()
    lower = salary_features(low, None if spread is None else low + spread, currency, gross)
    higher_low = low + raise_by
    higher = salary_features(
        higher_low, None if spread is None else higher_low + spread, currency, gross
    )

    assert score_salary(higher, ctx)[0] >= score_salary(lower, ctx)[0]


# ============================================================================ dealbreakers


def test_salary_clearly_below_floor_is_dropped() -> None:
    ctx = context(python_dev(salary_is_floor=True))  # 700k expected; floor drops < 630k

    assert dealbreaker(salary_features(300_000, 500_000), ctx) == "salary_below_floor"
    assert dealbreaker(salary_features(400_000, 600_000), ctx) == "salary_below_floor"  # 86 %
    assert dealbreaker(salary_features(400_000, 640_000), ctx) is None  # top of range is ok
    assert dealbreaker(salary_features(None, None), ctx) is None  # unknown is not below


def test_below_expectation_is_not_dropped_without_a_floor() -> None:
    assert dealbreaker(salary_features(100_000, 200_000), context()) is None


def test_on_site_in_another_city_is_dropped_when_only_my_city() -> None:
    ctx = context(python_dev(only_my_city=True))

    assert dealbreaker(features(area={"id": ASTANA}), ctx) == "other_city"
    remote_astana = features(area={"id": ASTANA}, work_format=[{"id": "REMOTE"}])
    assert dealbreaker(remote_astana, ctx) is None
    assert dealbreaker(features(area={"id": ALMATY_DISTRICT}), ctx) is None


def test_archived_vacancy_is_dropped() -> None:
    assert dealbreaker(features(archived=True), context()) == "archived"


def test_explicitly_excluded_keyword_in_title_is_dropped() -> None:
    ctx = context(python_dev(negative_keywords={"1С": 1.0}))

    assert dealbreaker(features(name="Программист 1C"), ctx) == "excluded_keyword"
    assert dealbreaker(features(), ctx) is None


def test_learned_negative_keyword_in_title_is_not_a_dealbreaker() -> None:
    ctx = context(python_dev(negative_keywords={"разработчик": 0.3}))

    assert dealbreaker(features(), ctx) is None


# ============================================================================ ranking


def test_rank_sorts_by_overall_and_drops_dealbreakers() -> None:
    ctx = context(python_dev(only_my_city=True))
    best = features(id="1")
    weaker = features(id="2", key_skills=[{"name": "Python"}], description="")
    other_city = features(id="3", area={"id": ASTANA})
    archived = features(id="4", archived=True)

    ranked = rank([weaker, other_city, best, archived], ctx)

    assert [f.vacancy_id for f, _ in ranked] == ["1", "2"]
    assert ranked[0][1].overall > ranked[1][1].overall


def test_user_weights_decide_the_overall_mix() -> None:
    salary_only = context(python_dev(weights=ScoreWeights(skills=0, location=0, salary=2)))
    score = score_vacancy(salary_features(350_000, 350_000), salary_only)

    assert score.overall == pytest.approx(0.0)  # 50 % of the expectation


# ============================================================================ features


def test_strip_html_removes_tags_and_highlight_and_unescapes() -> None:
    snippet = "Опыт с <highlighttext>Python</highlighttext> &amp; SQL<br/>от&nbsp;3 лет"

    assert strip_html(snippet) == "Опыт с Python & SQL от 3 лет"


def test_search_item_snippet_feeds_text_skills() -> None:
    item = features(
        description=None,
        key_skills=None,
        snippet={"requirement": "Знание <highlighttext>Django</highlighttext>"},
    )

    assert "Django" in item.text_skills


def test_content_hash_collapses_clones_across_cities() -> None:
    almaty = features(id="1", area={"id": ALMATY})
    astana = features(id="2", area={"id": ASTANA})
    other_employer = features(id="3", employer={"id": "78"})

    assert almaty.content_hash == astana.content_hash
    assert almaty.content_hash != other_employer.content_hash


# ============================================================================ properties

SKILL_POOL = ["Python", "Django", "SQL", "1С", "Excel", "Docker", "Продажи", "Bitrix24"]


@st.composite
def any_prefs(draw: st.DrawFn) -> UserPreferences:
    pool = st.sampled_from(SKILL_POOL)
    return UserPreferences(
        skills=draw(st.dictionaries(pool, st.floats(0, 1), max_size=6)),
        preferred_skills=draw(st.lists(pool, max_size=2)),
        avoided_skills=draw(st.lists(pool, max_size=2)),
        area_ids=draw(st.lists(st.sampled_from(list(AREAS)), max_size=2)),
        remote_ok=draw(st.booleans()),
        salary=SalaryExpectation(
            minimum=draw(st.one_of(st.none(), st.integers(-10, 3_000_000))),
            currency=draw(st.sampled_from(["KZT", "RUR", "USD", "XXX"])),
        ),
        job_titles=draw(st.lists(st.sampled_from(["Python разработчик", "бухгалтер"]), max_size=1)),
        positive_keywords=draw(st.dictionaries(pool, st.floats(-1, 1), max_size=3)),
        negative_keywords=draw(st.dictionaries(pool, st.floats(-2, 2), max_size=3)),
        weights=ScoreWeights(
            skills=draw(st.floats(0, 5)),
            location=draw(st.floats(0, 5)),
            salary=draw(st.floats(0, 5)),
        ),
        salary_is_floor=draw(st.booleans()),
        only_my_city=draw(st.booleans()),
    )


@st.composite
def any_features(draw: st.DrawFn) -> VacancyFeatures:
    money = st.one_of(st.none(), st.integers(-10, 10_000_000))
    names = draw(st.lists(st.sampled_from(SKILL_POOL), max_size=5))
    return features(
        name=draw(st.sampled_from(["Программист 1С", "Python developer", "Бухгалтер", ""])),
        area=draw(st.one_of(st.none(), st.sampled_from([{"id": a} for a in [*AREAS, "999"]]))),
        salary_range={
            "from": draw(money),
            "to": draw(money),
            "currency": draw(st.sampled_from(["KZT", "RUR", "USD", "EUR", "XXX", None])),
            "gross": draw(st.one_of(st.none(), st.booleans())),
        },
        key_skills=[{"name": name} for name in names],
        description=draw(st.sampled_from(["", "Excel, 1С и продажи", "<b>Django</b> &amp; SQL"])),
        work_format=[{"id": draw(st.sampled_from(["ON_SITE", "REMOTE", "HYBRID"]))}],
        archived=draw(st.booleans()),
    )


@settings(max_examples=150, deadline=None)
@given(prefs=any_prefs(), vacancy_features=any_features())
def test_every_score_is_in_unit_interval(
    prefs: UserPreferences, vacancy_features: VacancyFeatures
) -> None:
    score = score_vacancy(vacancy_features, ScoringContext.build(prefs, AREAS, RATES))

    for value in (score.skills, score.location, score.salary, score.overall):
        assert 0.0 <= value <= 1.0
