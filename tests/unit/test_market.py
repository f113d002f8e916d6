"""Where a person's salary stands among the vacancies of their role in their city, and
which skills those vacancies ask for (pure: core.domain.market)."""

from __future__ import annotations

from typing import Any

from core.domain.features import VacancyFeatures, extract_features
from core.domain.hh_schemas import Vacancy
from core.domain.market import MIN_SAMPLE, market_snapshot, salary_standing
from core.domain.preferences import SalaryExpectation, UserPreferences
from core.domain.scoring import ScoringContext

ALMATY, ASTANA = "160", "159"


def vacancy(
    n: int,
    *,
    title: str = "Python developer",
    area: str = ALMATY,
    pay: int | None = 300_000,
    skills: tuple[str, ...] = ("Python", "Django"),
    **extra: Any,
) -> VacancyFeatures:
    salary = {"from": pay, "to": None, "currency": "KZT", "gross": False} if pay else None
    return extract_features(
        Vacancy.model_validate(
            {
                "id": str(n),
                "name": title,
                "area": {"id": area, "name": "Алматы"},
                "salary_range": salary,
                "key_skills": [{"name": s} for s in skills],
                "professional_roles": [{"id": "96", "name": "Программист, разработчик"}],
                **extra,
            }
        )
    )


def python_developer(expected: int | None = 400_000) -> ScoringContext:
    prefs = UserPreferences(
        skills={"Python": 1.0, "Django": 0.8},
        area_ids=[ALMATY],
        job_titles=["Python developer"],
        salary=SalaryExpectation(minimum=expected, currency="KZT"),
    )
    return ScoringContext.build(prefs)


def test_standing_is_the_share_of_vacancies_paying_less() -> None:
    salaries = [float(100_000 + 10_000 * i) for i in range(40)]  # 100k … 490k
    standing = salary_standing(400_000, salaries)
    assert standing is not None
    assert standing.sample == 40 and standing.above_share == 30 / 40


def test_no_standing_under_thirty_paid_vacancies_or_without_an_expectation() -> None:
    assert salary_standing(400_000, [300_000.0] * (MIN_SAMPLE - 1)) is None
    assert salary_standing(None, [300_000.0] * 50) is None


def test_the_sample_is_the_persons_role_in_their_city() -> None:
    pool = [vacancy(i, pay=200_000 + 10_000 * i) for i in range(35)]
    pool += [vacancy(100 + i, area=ASTANA, pay=900_000) for i in range(20)]  # another city
    pool += [
        vacancy(200 + i, title="Senior Java Developer", pay=900_000, skills=("Java",))
        for i in range(20)
    ]  # another role
    snapshot = market_snapshot(pool, python_developer())
    assert snapshot.vacancies == 35 and len(snapshot.salaries) == 35
    assert max(snapshot.salaries) < 900_000
    assert snapshot.standing is not None and snapshot.standing.sample == 35


def test_unpaid_vacancies_count_for_skills_but_not_for_salaries() -> None:
    pool = [vacancy(i, pay=None, skills=("Python", "Kubernetes")) for i in range(5)]
    snapshot = market_snapshot(pool, python_developer())
    assert snapshot.vacancies == 5 and snapshot.salaries == () and snapshot.standing is None
    asked = {demand.skill_key: demand for demand in snapshot.skills}
    assert len(asked) == 2 and all(d.vacancies == 5 for d in asked.values())
    assert sorted(d.has for d in asked.values()) == [False, True]  # Kubernetes not theirs


def test_a_skill_outside_the_catalogue_is_named_as_vacancies_name_it_not_by_its_stem() -> None:
    pool = [vacancy(i, skills=("Python", "Celery")) for i in range(3)]
    snapshot = market_snapshot(pool, python_developer())
    names = {demand.name for demand in snapshot.skills}
    assert "Celery" in names and "Python" in names
    assert all(demand.name for demand in snapshot.skills)
