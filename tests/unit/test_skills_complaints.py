"""Two «Skills don't fit» on cards sharing a skill the person did not declare, and no liked
card holding it: that skill ranks lower at once (shown under "Less of" in /preferences)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from core.domain.features import VacancyFeatures, extract_features
from core.domain.hh_schemas import Vacancy
from core.domain.learning import FeedbackSignal, recompute_preferences
from core.domain.preferences import FeedbackReason, UserPreferences
from core.domain.scoring import ScoringContext, score_vacancy

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
ALMATY = "160"


def python_job(vacancy_id: str, *skills: str) -> VacancyFeatures:
    data: dict[str, Any] = {
        "id": vacancy_id,
        "name": "Python-разработчик",
        "area": {"id": ALMATY},
        "employer": {"id": f"e{vacancy_id}"},
        "key_skills": [{"name": name} for name in ("Python", *skills)],
    }
    return extract_features(Vacancy.model_validate(data))


DEVELOPER = UserPreferences(
    skills={"Python": 1.0, "Django": 0.8, "PostgreSQL": 0.6},
    area_ids=[ALMATY],
    job_titles=["Python-разработчик"],
)


def liked(features: VacancyFeatures) -> FeedbackSignal:
    return FeedbackSignal(features=features, is_relevant=True, at=NOW - timedelta(days=1))


def skills_do_not_fit(features: VacancyFeatures) -> FeedbackSignal:
    return FeedbackSignal(
        features=features,
        is_relevant=False,
        reason=FeedbackReason.SKILLS,
        at=NOW - timedelta(days=1),
    )


def learned(*feedback: FeedbackSignal) -> UserPreferences:
    return recompute_preferences(DEVELOPER, list(feedback), [], NOW)


def match(prefs: UserPreferences, features: VacancyFeatures) -> float:
    return score_vacancy(features, ScoringContext.build(prefs)).overall


def shown(features: VacancyFeatures) -> FeedbackSignal:
    return FeedbackSignal(features=features, is_relevant=None, at=NOW - timedelta(days=1))


def test_two_skills_complaints_on_a_shared_skill_rank_it_lower_at_once() -> None:
    prefs = learned(
        liked(python_job("a", "Django", "Git")),
        *(shown(python_job(f"s{i}", "Git", "Celery")) for i in range(3)),
        skills_do_not_fit(python_job("b", "FastAPI", "Docker", "Git")),
        skills_do_not_fit(python_job("c", "FastAPI", "Git")),
    )

    assert "FastAPI" in prefs.negative_keywords
    unseen, other = python_job("d", "FastAPI", "PostgreSQL"), python_job("e", "PostgreSQL")
    drop = match(DEVELOPER, unseen) - match(prefs, unseen)
    # Others move only as much as the weights the chips taught do.
    assert drop > 5 * abs(match(DEVELOPER, other) - match(prefs, other))


def test_what_most_cards_ask_is_not_what_did_not_fit() -> None:
    prefs = learned(
        *(shown(python_job(f"s{i}", "Git", "SQL")) for i in range(4)),
        skills_do_not_fit(python_job("b", "FastAPI", "Git", "SQL")),
        skills_do_not_fit(python_job("c", "FastAPI", "Git", "SQL")),
    )

    assert "FastAPI" in prefs.negative_keywords
    assert "Git" not in prefs.negative_keywords  # on every card they were shown
    assert "SQL" not in prefs.negative_keywords  # their PostgreSQL implies it


def test_one_complaint_a_skill_they_liked_elsewhere_or_declared_is_not_learned() -> None:
    prefs = learned(
        *(shown(python_job(f"s{i}")) for i in range(3)),
        liked(python_job("a", "Django", "Docker")),
        skills_do_not_fit(python_job("b", "FastAPI", "Docker", "Kafka")),
        skills_do_not_fit(python_job("c", "Docker", "Django")),
    )

    assert "FastAPI" not in prefs.negative_keywords and "Kafka" not in prefs.negative_keywords
    assert "Docker" not in prefs.negative_keywords  # on a card they liked
    assert "Django" not in prefs.negative_keywords  # their own
