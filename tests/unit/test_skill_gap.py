"""The skill-gap line's domain: required skills had and lacking, without contradictions."""

from __future__ import annotations

from core.domain.features import extract_features
from core.domain.hh_query import SearchOverrides, apply_overrides
from core.domain.hh_schemas import Vacancy
from core.domain.preferences import SalaryExpectation, UserPreferences
from core.domain.scoring import ScoringContext, VacancyScore, score_vacancy
from core.domain.skill_gap import SkillGap, skill_gap


def test_required_skills_not_matched_are_lacking_in_hh_order() -> None:
    gap = skill_gap(["Python", "SQL"], ["Python", "Kubernetes", "SQL", "Docker"])
    assert gap.have == ("Python", "SQL") and gap.lack == ("Kubernetes", "Docker")


def test_a_part_of_a_known_skill_is_not_lacking() -> None:
    # «1С» (Cyrillic С, as HH lists it) beside a known «1С:Бухгалтерия».
    assert skill_gap(["1С:Бухгалтерия"], ["1С", "Excel"]).lack == ("Excel",)


def test_a_skill_listed_twice_is_lacking_once() -> None:
    assert skill_gap([], ["Docker", "docker", " Docker "]).lack == ("Docker",)


# ------------------------------------------------ the gap a card shows, from the scoring

ALMATY = "160"


def _vacancy(title: str, key_skills: list[str]) -> Vacancy:
    return Vacancy.model_validate(
        {
            "id": "1",
            "name": title,
            "area": {"id": ALMATY, "name": "Алматы"},
            "salary_range": {"from": 900_000, "to": 1_200_000, "currency": "KZT"},
            "description": "<p>Работа в дружной команде.</p>",
            "key_skills": [{"name": skill} for skill in key_skills],
            "published_at": "2026-02-10T12:00:00+0300",
        }
    )


def _person(skills: list[str], categories: list[str], titles: list[str]) -> UserPreferences:
    return UserPreferences(
        categories=categories,
        skills=dict.fromkeys(skills, 1.0),
        area_ids=[ALMATY],
        salary=SalaryExpectation(minimum=500_000),
        job_titles=titles,
    )


def _scored(prefs: UserPreferences, title: str, key_skills: list[str]) -> VacancyScore:
    return score_vacancy(extract_features(_vacancy(title, key_skills)), ScoringContext.build(prefs))


def _card_gap(prefs: UserPreferences, title: str, key_skills: list[str]) -> SkillGap:
    """The line as the card draws it: the explanation's matched skills vs HH's list."""
    return skill_gap(_scored(prefs, title, key_skills).explanation.matched_skills, key_skills)


PYTHON_DEV = _person(["Python", "Django", "PostgreSQL"], ["programming"], ["Python developer"])


def test_a_person_with_postgresql_has_sql() -> None:
    gap = _card_gap(PYTHON_DEV, "Python developer", ["Python", "SQL"])
    assert "SQL" not in gap.lack and "PostgreSQL" in gap.have


def test_a_person_with_mysql_has_sql() -> None:
    assert skill_gap(["MySQL"], ["SQL", "Docker"]).lack == ("Docker",)


def test_a_django_developer_has_python() -> None:
    assert skill_gap(["Django"], ["Python", "Django"]).lack == ()


def test_sql_does_not_make_postgresql_had() -> None:
    assert skill_gap(["SQL"], ["PostgreSQL"]).lack == ("PostgreSQL",)


def test_a_typed_search_still_knows_the_persons_own_skills() -> None:
    # «Django» typed outside a dialog: the card must not call Python or SQL lacking.
    searched = apply_overrides(PYTHON_DEV, SearchOverrides(text="Django", skills=["Django"]))
    gap = _card_gap(searched, "Django developer", ["Django", "Python", "SQL"])
    assert gap.lack == ()


def test_an_accountants_1c_is_1c_accounting() -> None:
    accountant = _person(["1С", "Excel"], ["accounting"], ["Бухгалтер"])
    gap = _card_gap(accountant, "Бухгалтер", ["1С:Бухгалтерия", "Excel"])
    assert gap.lack == ()


def test_a_programmers_1c_is_not_1c_accounting() -> None:
    programmer = _person(["1С", "SQL"], ["programming"], ["Программист 1С"])
    gap = _card_gap(programmer, "Программист 1С", ["1С:Бухгалтерия", "SQL"])
    assert gap.lack == ("1С:Бухгалтерия",)


def test_a_vacancy_listing_skills_the_person_lacks_is_not_a_100_percent_match() -> None:
    scored = _scored(PYTHON_DEV, "Python developer", ["Python", "Django", "Git", "Celery"])
    assert round(scored.overall * 100) < 100


def test_a_vacancy_asking_only_for_the_persons_skills_can_be_a_100_percent_match() -> None:
    scored = _scored(PYTHON_DEV, "Python developer", ["Python", "Django", "SQL"])
    assert round(scored.overall * 100) == 100
