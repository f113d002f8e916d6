"""A person with experience reads a vacancy asking less as a step down: their own band
first, one band below close behind, «без опыта» or a «Младший» title for 3–6 years well
below — still a vacancy of their role, above the relevance floor."""

from __future__ import annotations

from typing import Any

from core.domain.features import VacancyFeatures, extract_features
from core.domain.hh_schemas import Vacancy
from core.domain.preferences import UserPreferences
from core.domain.scoring import ScoringContext, relevance_floor, score_vacancy

ALMATY = "160"


def python_job(
    vacancy_id: str, experience: str, title: str = "Python-разработчик"
) -> VacancyFeatures:
    data: dict[str, Any] = {
        "id": vacancy_id,
        "name": title,
        "area": {"id": ALMATY},
        "employer": {"id": f"e{vacancy_id}"},
        "key_skills": [{"name": "Python"}, {"name": "Django"}, {"name": "PostgreSQL"}],
        "experience": {"id": experience},
    }
    return extract_features(Vacancy.model_validate(data))


def developer(experience: str | None) -> UserPreferences:
    return UserPreferences(
        skills={"Python": 1.0, "Django": 0.8, "PostgreSQL": 0.6},
        area_ids=[ALMATY],
        experience=experience,
        job_titles=["Python-разработчик"],
    )


def match(prefs: UserPreferences, features: VacancyFeatures) -> float:
    return score_vacancy(features, ScoringContext.build(prefs)).overall


def test_with_three_to_six_years_their_band_comes_first_then_one_below_then_no_experience() -> None:
    senior = developer("between3And6")
    own, below, none = (
        match(senior, python_job(v, e))
        for v, e in (("a", "between3And6"), ("b", "between1And3"), ("c", "noExperience"))
    )

    assert own > below > none >= relevance_floor(senior)


def test_a_junior_title_is_a_step_down_whatever_experience_it_asks() -> None:
    senior = developer("between3And6")
    junior = python_job("a", "between1And3", title="Младший Python-разработчик")

    assert match(senior, junior) == match(senior, python_job("b", "noExperience"))
    assert match(senior, junior) < match(senior, python_job("c", "between1And3"))


def test_without_experience_said_or_asking_more_nothing_is_a_step_down() -> None:
    unsaid, newcomer = developer(None), developer("noExperience")

    for prefs in (unsaid, newcomer):
        junior = python_job("a", "noExperience", title="Junior Python developer")
        assert match(prefs, junior) == match(prefs, python_job("b", "noExperience"))
    assert match(unsaid, python_job("c", "between3And6")) == match(
        unsaid, python_job("d", "noExperience")
    )
