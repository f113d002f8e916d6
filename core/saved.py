"""Dates a job seeker types for a follow-up reminder: «25.12», «2026-12-25 10:00», «завтра».

Pure and total: any input (emoji, HTML, SQL, 4096 characters) gives a datetime or None,
never an exception, because it comes straight from a chat message.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

# A date without a time reminds in the morning of that day, local time.
DEFAULT_REMINDER_TIME = time(10, 0)
MAX_INPUT_LENGTH = 64  # longer text is not a date someone typed
MAX_DAYS_AHEAD = 366 * 2  # a reminder further away is a typo, not a plan

_TIME = r"(?:[ ,t]+(?P<hour>\d{1,2})[:.](?P<minute>\d{2}))?"
_DAY_MONTH = re.compile(
    r"(?P<day>\d{1,2})[./](?P<month>\d{1,2})(?:[./](?P<year>\d{2}|\d{4}))?" + _TIME
)
_ISO = re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})" + _TIME)
_RELATIVE_WORD = re.compile(
    r"(?P<word>сегодня|today|бүгін|завтра|tomorrow|ертең|послезавтра)" + _TIME
)
_IN_DAYS = re.compile(r"(?:через|in)\s+(?P<count>\d{1,3})\s*(?:дн(?:я|ей)|день|days?|d)" + _TIME)
_IN_A_WEEK = re.compile(r"(?:через неделю|in a week)" + _TIME)
_DAY_OFFSETS = {
    "сегодня": 0,
    "today": 0,
    "бүгін": 0,
    "завтра": 1,
    "tomorrow": 1,
    "ертең": 1,
    "послезавтра": 2,
}


def parse_reminder(text: str, tz: str | tzinfo, now: datetime) -> datetime | None:
    """The moment ``text`` names in the user's zone ``tz``, or None.

    None for anything unparseable, an unknown zone, a moment not after ``now``, or one
    more than two years ahead. A date without a time means 10:00 local; «25.12» without
    a year means its next occurrence. The result is timezone-aware, in ``tz``.
    """
    if not isinstance(text, str) or len(text) > MAX_INPUT_LENGTH:
        return None
    zone = _zone(tz)
    if zone is None:
        return None
    try:
        local_now = _aware(now).astimezone(zone)
        moment = _match(" ".join(text.lower().split()), local_now)
    except (ValueError, OverflowError):  # 31.02, 25:99 and the like
        return None
    if moment is None or moment <= local_now:
        return None
    if moment - local_now > timedelta(days=MAX_DAYS_AHEAD):
        return None
    return moment


def _zone(tz: str | tzinfo) -> tzinfo | None:
    if isinstance(tz, tzinfo):
        return tz
    try:
        return ZoneInfo(tz)
    except (ValueError, KeyError, OSError, TypeError):  # ZoneInfoNotFoundError is a KeyError
        return None


def _aware(now: datetime) -> datetime:
    # A naive "now" is taken as UTC, the convention of the data model.
    return now if now.tzinfo is not None else now.replace(tzinfo=UTC)


def _match(text: str, local_now: datetime) -> datetime | None:
    for parser in (_parse_iso, _parse_day_month, _parse_relative_word, _parse_in_days):
        moment = parser(text, local_now)
        if moment is not None:
            return moment
    return None


def _at(day: date, match: re.Match[str], local_now: datetime) -> datetime:
    """``day`` at the typed time (or the default one), in the zone of ``local_now``."""
    if match.group("hour") is None:
        clock = DEFAULT_REMINDER_TIME
    else:
        clock = time(int(match.group("hour")), int(match.group("minute")))
    return datetime.combine(day, clock, tzinfo=local_now.tzinfo)


def _parse_iso(text: str, local_now: datetime) -> datetime | None:
    match = _ISO.fullmatch(text)
    if match is None:
        return None
    day = date(int(match["year"]), int(match["month"]), int(match["day"]))
    return _at(day, match, local_now)


def _parse_day_month(text: str, local_now: datetime) -> datetime | None:
    match = _DAY_MONTH.fullmatch(text)
    if match is None:
        return None
    day, month, year = int(match["day"]), int(match["month"]), match["year"]
    if year is not None:
        full_year = int(year) + (2000 if len(year) == 2 else 0)
        return _at(date(full_year, month, day), match, local_now)
    this_year = _at(date(local_now.year, month, day), match, local_now)
    if this_year.date() >= local_now.date():
        return this_year  # today with a time already gone stays past: None upstream
    return _at(date(local_now.year + 1, month, day), match, local_now)


def _parse_relative_word(text: str, local_now: datetime) -> datetime | None:
    match = _RELATIVE_WORD.fullmatch(text)
    if match is None:
        return None
    day = local_now.date() + timedelta(days=_DAY_OFFSETS[match["word"]])
    return _at(day, match, local_now)


def _parse_in_days(text: str, local_now: datetime) -> datetime | None:
    match = _IN_DAYS.fullmatch(text)
    count = int(match["count"]) if match is not None else None
    if match is None:
        match = _IN_A_WEEK.fullmatch(text)
        count = 7
    if match is None or count is None or count < 1:
        return None
    return _at(local_now.date() + timedelta(days=count), match, local_now)
