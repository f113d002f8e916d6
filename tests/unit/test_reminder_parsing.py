"""parse_reminder: the dates a job seeker types for a follow-up reminder."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.services.saved import parse_reminder

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
