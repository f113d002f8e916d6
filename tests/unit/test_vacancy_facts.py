"""Card facts read from stored HH JSON, and pay per hour / shift compared by the month."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from core.domain.features import extract_features
from core.domain.hh_schemas import Vacancy
from core.domain.pay import monthly_factor
from core.domain.preferences import SalaryExpectation, UserPreferences
from core.domain.scoring import ScoringContext, salary_offer
from core.domain.vacancy_facts import facts_from_raw

POSTED = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)


def stored(**fields: Any) -> dict[str, Any]:
    return {
        "id": "1",
        "name": "Кассир",
        "work_format": [{"id": "ON_SITE"}],
        "experience": {"id": "between1And3"},
        "employment_form": {"id": "FULL"},
        "salary_range": {
            "from": 2500,
            "to": None,
            "currency": "KZT",
            "mode": {"id": "HOUR", "name": "За час"},
        },
        "employer": {
            "id": "7",
            "name": "ТОО Ромашка",
            "trusted": True,
            "accredited_it_employer": False,
            "employer_rating": {"total_rating": "4.3", "reviews_count": 700},
        },
        "apply_alternate_url": "https://hh.kz/applicant/vacancy_response?vacancyId=1",
        **fields,
    }


def test_facts_carry_format_experience_employment_pay_mode_and_trust() -> None:
    facts = facts_from_raw(stored(), POSTED)
    assert facts.work_formats == ("ON_SITE",)
    assert (facts.experience, facts.employment, facts.salary_mode) == (
        "between1And3",
        "FULL",
        "HOUR",
    )
    assert (facts.employer.rating, facts.employer.reviews) == (4.3, 700)
    assert facts.employer.trusted and not facts.employer.accredited_it
    assert facts.apply_url == "https://hh.kz/applicant/vacancy_response?vacancyId=1"
    assert facts.published_at == POSTED


@pytest.mark.parametrize(
    "garbage",
    [
        None,
        {},
        {"employer": "ТОО", "work_format": "REMOTE", "experience": 5},
        {"employer": {"employer_rating": {"total_rating": "high", "reviews_count": "-1"}}},
        {"salary_range": {"from": 100, "mode": {"id": "PER_MOON"}}},
        {"apply_alternate_url": "javascript:alert(1)"},
    ],
)
def test_odd_stored_json_reads_as_unknown_facts(garbage: Any) -> None:
    facts = facts_from_raw(garbage, None)
    assert facts.employer.rating is None and facts.employer.reviews == 0
    assert facts.salary_mode == "MONTH" and facts.apply_url is None
    assert facts.work_formats == () and facts.experience is None


def test_the_deprecated_remote_schedule_still_reads_as_remote() -> None:
    facts = facts_from_raw(stored(work_format=None, schedule={"id": "remote"}), None)
    assert facts.work_formats == ("REMOTE",)


def offer_for(salary_range: dict[str, Any], expected: int = 400_000) -> float | None:
    vacancy = Vacancy.model_validate(stored(salary_range=salary_range))
    prefs = UserPreferences(salary=SalaryExpectation(minimum=expected, currency="KZT"))
    offer = salary_offer(extract_features(vacancy), ScoringContext.build(prefs))
    return None if offer is None else offer.typical


def test_pay_per_hour_is_compared_as_a_month_of_hours() -> None:
    hourly = offer_for({"from": 3000, "currency": "KZT", "mode": {"id": "HOUR"}})
    assert hourly == pytest.approx(3000 * monthly_factor("HOUR"))
    assert hourly > 400_000  # 3 000 ₸ an hour meets a 400k expectation


def test_pay_per_shift_is_compared_as_a_month_of_shifts() -> None:
    per_shift = offer_for({"from": 20000, "currency": "KZT", "mode": {"id": "SHIFT"}})
    assert per_shift == pytest.approx(20000 * 15)


def test_monthly_pay_is_unchanged_and_per_service_is_not_compared() -> None:
    assert offer_for({"from": 500000, "currency": "KZT", "mode": {"id": "MONTH"}}) == 500000
    assert offer_for({"from": 500000, "currency": "KZT"}) == 500000
    assert offer_for({"from": 5000, "currency": "KZT", "mode": {"id": "SERVICE"}}) is None
