"""Pure rules of core.services.profile and core.services.users: answers ↔ preferences,
time and zone input."""

from __future__ import annotations

import pytest

from core.domain.locale import language_for
from core.domain.onboarding import OnboardingAnswers
from core.domain.preferences import SalaryExpectation, ScoreWeights, UserPreferences
from core.services.profile import (
    answers_from_preferences,
    dump_answers,
    formats_with_remote,
    load_answers,
    merge_answers,
    settle_remote,
    top_skills,
)
from core.services.users import canonical_timezone, parse_digest_time, valid_timezone


@pytest.mark.parametrize(
    ("area_ids", "formats", "remote_ok"),
    [
        ([], [], True),
        ([], ["ON_SITE"], True),
        (["160"], [], True),
        (["160"], ["ON_SITE"], False),
        (["160"], ["ON_SITE", "REMOTE"], True),
    ],
)
def test_remote_is_fine_unless_a_city_and_only_other_formats_were_chosen(
    area_ids: list[str], formats: list[str], remote_ok: bool
) -> None:
    answers = OnboardingAnswers(area_ids=area_ids, work_formats=formats)
    assert settle_remote(answers).remote_ok is remote_ok


@pytest.mark.parametrize(
    ("area_ids", "formats", "remote_ok"),
    [
        ([], [], False),
        ([], ["ON_SITE"], False),
        (["160"], [], False),
        (["160"], ["ON_SITE"], False),
        (["160"], ["ON_SITE", "REMOTE"], True),
    ],
)
def test_remote_switched_off_stays_off_unless_the_remote_format_was_chosen(
    area_ids: list[str], formats: list[str], remote_ok: bool
) -> None:
    answers = OnboardingAnswers(area_ids=area_ids, work_formats=formats, remote_ok=False)
    assert settle_remote(answers).remote_ok is remote_ok


@pytest.mark.parametrize(
    ("area_ids", "formats", "remote_ok"),
    [
        ([], [], False),  # any format, no city: remote is fine by default
        (["160"], [], False),  # the QA case: a city, any format, switched off
        ([], ["HYBRID", "REMOTE"], False),  # saved before the switch moved the formats
        (["160"], ["ON_SITE"], True),  # a city and on site only, switched on
    ],
)
def test_editing_another_field_keeps_the_remote_switch_and_the_formats(
    area_ids: list[str], formats: list[str], remote_ok: bool
) -> None:
    current = UserPreferences(
        skills={"Python": 1.0}, area_ids=area_ids, work_formats=formats, remote_ok=remote_ok
    )
    answers = answers_from_preferences(current)
    answers.skills = ["Python", "SQL"]
    merged = merge_answers(current, answers)
    assert set(merged.skills) == {"Python", "SQL"}
    assert (merged.remote_ok, merged.work_formats) == (remote_ok, formats)


def test_editing_the_city_keeps_remote_switched_off_when_any_format_is_fine() -> None:
    current = UserPreferences(skills={"Python": 1.0}, area_ids=["160"], remote_ok=False)
    answers = answers_from_preferences(current)
    answers.area_ids = ["159"]
    merged = merge_answers(current, answers)
    assert (merged.area_ids, merged.remote_ok) == (["159"], False)


def test_choosing_the_remote_format_switches_remote_on() -> None:
    current = UserPreferences(skills={"Python": 1.0}, area_ids=["160"], remote_ok=False)
    answers = answers_from_preferences(current)
    answers.work_formats = ["HYBRID", "REMOTE"]
    merged = merge_answers(current, answers)
    assert (merged.remote_ok, merged.work_formats) == (True, ["REMOTE", "HYBRID"])


@pytest.mark.parametrize(
    ("formats", "remote_ok", "expected"),
    [
        (["ON_SITE"], True, ["ON_SITE", "REMOTE"]),
        (["ON_SITE", "REMOTE"], False, ["ON_SITE"]),
        (["ON_SITE", "REMOTE"], True, ["ON_SITE", "REMOTE"]),
        ([], True, []),
        ([], False, []),
    ],
)
def test_switching_remote_moves_it_in_or_out_of_the_chosen_formats(
    formats: list[str], remote_ok: bool, expected: list[str]
) -> None:
    assert formats_with_remote(formats, remote_ok) == expected


def test_answers_survive_the_trip_through_fsm_json() -> None:
    answers = OnboardingAnswers(
        categories=["programming"],
        skills=["Python"],
        experience="between1And3",
        area_ids=["160"],
        work_formats=["REMOTE"],
        employment_forms=["FULL"],
        salary=SalaryExpectation(minimum=300_000, currency="KZT"),
    )
    assert load_answers(dump_answers(answers)) == answers


def test_editing_answers_keeps_what_was_learned() -> None:
    current = UserPreferences(
        skills={"Python": 0.3},
        positive_keywords={"django": 0.5},
        weights=ScoreWeights(skills=0.6, location=0.2, salary=0.2),
        only_my_city=True,
    )
    answers = answers_from_preferences(current)
    answers.area_ids = ["159"]
    merged = merge_answers(current, answers)
    assert merged.area_ids == ["159"]
    assert merged.skills == {"Python": 0.3}  # the assessed weight stays
    assert merged.positive_keywords == {"django": 0.5}
    assert merged.weights.skills == 0.6
    assert merged.only_my_city is True


def test_the_salary_floor_switch_follows_only_a_changed_salary() -> None:
    current = UserPreferences(
        skills={"Python": 1.0}, salary=SalaryExpectation(minimum=100), salary_is_floor=False
    )
    unchanged = merge_answers(current, answers_from_preferences(current))
    assert unchanged.salary_is_floor is False
    answers = answers_from_preferences(current)
    answers.salary = SalaryExpectation(minimum=200)
    assert merge_answers(current, answers).salary_is_floor is True


def test_the_heaviest_skills_are_assessed_first() -> None:
    prefs = UserPreferences(skills={"SQL": 0.6, "Python": 1.0, "Excel": 0.3})
    assert top_skills(prefs, limit=2) == ["Python", "SQL"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("9:05", "09:05"),
        ("21.30", "21:30"),
        ("07 45", "07:45"),
        ("24:00", None),
        ("9:60", None),
        ("soon", None),
        ("", None),
        ("<b>9:00</b>", None),
    ],
)
def test_digest_times_are_read_as_hh_mm(typed: str, expected: str | None) -> None:
    assert parse_digest_time(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Asia/Almaty", "Asia/Almaty"),
        (" Europe/Moscow ", "Europe/Moscow"),
        ("UTC", "UTC"),
        ("Mars/Base", None),
        ("../../etc/passwd", None),
        ("", None),
        ("x" * 500, None),
    ],
)
def test_only_real_iana_zones_are_accepted(typed: str, expected: str | None) -> None:
    assert valid_timezone(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("europe/moscow", "Europe/Moscow"),
        ("Moscow", "Europe/Moscow"),
        ("new york", "America/New_York"),
        ("Mars/Base", "Mars/Base"),
    ],
)
def test_a_typed_zone_or_city_becomes_its_iana_name(typed: str, expected: str) -> None:
    assert canonical_timezone(typed) == expected


@pytest.mark.parametrize(
    ("code", "language"),
    [("ru", "ru"), ("kk", "kk"), ("kk-KZ", "kk"), ("en", "en"), ("de", "en"), (None, "en")],
)
def test_telegram_language_codes_map_to_the_bots_languages(code: str | None, language: str) -> None:
    assert language_for(code) == language
