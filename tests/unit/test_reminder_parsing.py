"""parse_reminder: the dates a job seeker types for a follow-up reminder (en, ru, kk)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.domain.reminder_dates import parse_reminder

ALMATY = ZoneInfo("Asia/Almaty")
# 17:00 in Almaty (UTC+5) on Friday 27 November 2026.
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


def _local(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=ALMATY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("25.12", _local(2026, 12, 25, 10, 0)),
        ("25.12.2026", _local(2026, 12, 25, 10, 0)),
        ("25/12/26", _local(2026, 12, 25, 10, 0)),
        ("2026-12-25", _local(2026, 12, 25, 10, 0)),
        ("2026-12-25 10:00", _local(2026, 12, 25, 10, 0)),
        ("2026-12-25 18:45", _local(2026, 12, 25, 18, 45)),
        ("25.12 9:30", _local(2026, 12, 25, 9, 30)),
        ("  25.12  ", _local(2026, 12, 25, 10, 0)),
        ("01.01", _local(2027, 1, 1, 10, 0)),  # no year: the next 1 January
        ("завтра", _local(2026, 11, 28, 10, 0)),
        ("Завтра 18:30", _local(2026, 11, 28, 18, 30)),
        ("tomorrow", _local(2026, 11, 28, 10, 0)),
        ("ертең", _local(2026, 11, 28, 10, 0)),
        ("послезавтра", _local(2026, 11, 29, 10, 0)),
        ("через 3 дня", _local(2026, 11, 30, 10, 0)),
        ("через 5 дней", _local(2026, 12, 2, 10, 0)),
        ("через 1 день", _local(2026, 11, 28, 10, 0)),
        ("in 3 days", _local(2026, 11, 30, 10, 0)),
        ("in 1 day", _local(2026, 11, 28, 10, 0)),
        ("через неделю", _local(2026, 12, 4, 10, 0)),
        ("сегодня 20:00", _local(2026, 11, 27, 20, 0)),
    ],
)
def test_typed_date_is_parsed_in_the_users_zone(text: str, expected: datetime) -> None:
    assert parse_reminder(text, "Asia/Almaty", NOW) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A bare weekday is its next occurrence; today is Friday, so Friday is a week on.
        ("monday", _local(2026, 11, 30, 10, 0)),
        ("on Monday", _local(2026, 11, 30, 10, 0)),
        ("в понедельник", _local(2026, 11, 30, 10, 0)),
        ("в пн", _local(2026, 11, 30, 10, 0)),
        ("дүйсенбіде", _local(2026, 11, 30, 10, 0)),
        ("дүйсенбі", _local(2026, 11, 30, 10, 0)),
        ("saturday", _local(2026, 11, 28, 10, 0)),
        ("в субботу", _local(2026, 11, 28, 10, 0)),
        ("сенбіде", _local(2026, 11, 28, 10, 0)),
        ("friday", _local(2026, 12, 4, 10, 0)),
        ("в пятницу", _local(2026, 12, 4, 10, 0)),
        ("жұмада", _local(2026, 12, 4, 10, 0)),
        ("во вторник", _local(2026, 12, 1, 10, 0)),
        ("сейсенбіде", _local(2026, 12, 1, 10, 0)),
        ("в воскресенье", _local(2026, 11, 29, 10, 0)),
        ("жексенбіде", _local(2026, 11, 29, 10, 0)),
        # «next …» is that weekday in the next calendar week.
        ("next monday", _local(2026, 11, 30, 10, 0)),
        ("next saturday", _local(2026, 12, 5, 10, 0)),
        ("в следующую субботу", _local(2026, 12, 5, 10, 0)),
        ("следующий понедельник", _local(2026, 11, 30, 10, 0)),
        ("келесі сенбіде", _local(2026, 12, 5, 10, 0)),
        # With a time of day.
        ("в среду в 9:00", _local(2026, 12, 2, 9, 0)),
        ("wednesday at 14:30", _local(2026, 12, 2, 14, 30)),
        ("сәрсенбіде сағат 9:00", _local(2026, 12, 2, 9, 0)),
        ("tomorrow at 9:00", _local(2026, 11, 28, 9, 0)),
        ("завтра в 18:30", _local(2026, 11, 28, 18, 30)),
        ("ертең 9:00", _local(2026, 11, 28, 9, 0)),
        # Counted days and weeks.
        ("через 2 дня", _local(2026, 11, 29, 10, 0)),
        ("2 күннен кейін", _local(2026, 11, 29, 10, 0)),
        ("3 күннен соң", _local(2026, 11, 30, 10, 0)),
        ("через 2 недели", _local(2026, 12, 11, 10, 0)),
        ("in 2 weeks", _local(2026, 12, 11, 10, 0)),
        ("2 аптадан кейін", _local(2026, 12, 11, 10, 0)),
        ("бір аптадан кейін", _local(2026, 12, 4, 10, 0)),
        ("day after tomorrow", _local(2026, 11, 29, 10, 0)),
        ("бүрсігүні", _local(2026, 11, 29, 10, 0)),
    ],
)
def test_weekdays_and_counted_days_are_parsed_in_three_languages(
    text: str, expected: datetime
) -> None:
    assert parse_reminder(text, "Asia/Almaty", NOW) == expected


def test_zone_decides_which_day_monday_is() -> None:
    # 20:00 UTC on Sunday is already Monday 01:00 in Almaty: "monday" there is a week on.
    sunday_night = datetime(2026, 11, 29, 20, 0, tzinfo=UTC)
    assert parse_reminder("monday", "Asia/Almaty", sunday_night) == _local(2026, 12, 7, 10, 0)
    assert parse_reminder("monday", "UTC", sunday_night) == datetime(
        2026, 11, 30, 10, 0, tzinfo=UTC
    )


@pytest.mark.parametrize(
    "text",
    [
        "2020-01-01",  # past
        "27.11",  # today, but 10:00 has already gone
        "сегодня",  # same
        "сегодня 09:00",
        "31.02",  # no such day
        "25.13",
        "25.12 25:00",
        "2026-12-25 10:99",
        "через 0 дней",
        "через 999 дней",  # further than two years ahead
        "2099-01-01",
        "",
        "   ",
        "завтра или послезавтра",
        "💥📅",
        "<b>25.12</b>",
        "25.12'; DROP TABLE saved_jobs; --",
        "x" * 4096,
        "25.12" + " " * 4091,
        "12:00",
        "0000-00-00",
        "next",
        "в понедельникк",
        "next next monday",
        "monday 25:00",
        "0 күннен кейін",
        "через 0 недель",
        "понедельник или вторник",
    ],
)
def test_unusable_text_gives_none(text: str) -> None:
    assert parse_reminder(text, "Asia/Almaty", NOW) is None


def test_unknown_time_zone_gives_none() -> None:
    assert parse_reminder("25.12", "Mars/Olympus_Mons", NOW) is None


def test_zone_decides_what_tomorrow_is() -> None:
    # 22:00 UTC is already Saturday in Almaty, so "tomorrow" there is Sunday.
    late = datetime(2026, 11, 27, 22, 0, tzinfo=UTC)
    assert parse_reminder("завтра", "Asia/Almaty", late) == _local(2026, 11, 29, 10, 0)
    assert parse_reminder("завтра", "UTC", late) == datetime(2026, 11, 28, 10, 0, tzinfo=UTC)


def test_naive_now_is_taken_as_utc() -> None:
    naive = NOW.replace(tzinfo=None)
    assert parse_reminder("25.12", "Asia/Almaty", naive) == _local(2026, 12, 25, 10, 0)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=200), minutes=st.integers(min_value=0, max_value=10**6))
def test_parse_reminder_never_raises(text: str, minutes: int) -> None:
    now = NOW + timedelta(minutes=minutes)
    result = parse_reminder(text, "Asia/Almaty", now)
    assert result is None or result > now


@settings(max_examples=200, deadline=None)
@given(text=st.from_regex(r"\d{1,4}[./-]\d{1,4}([./-]\d{1,4})?( \d{1,2}:\d{1,2})?", fullmatch=True))
def test_date_shaped_text_never_raises(text: str) -> None:
    result = parse_reminder(text, "Asia/Almaty", NOW)
    assert result is None or NOW < result <= NOW + timedelta(days=366 * 2)
