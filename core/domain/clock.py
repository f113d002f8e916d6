"""Time as a dependency: services and the scheduler ask a clock instead of the system.

Every service already takes ``clock: Callable[[], datetime]`` (an aware UTC datetime), so a
clock here is simply a callable. :class:`FrozenClock` is the test double: it stands still
until a test moves it, so "09:00 in Almaty" is a line of test code, not a wait.

Only *business* time goes through a clock (is a digest due, is a reminder due, when was a
claim made). Pacing messages against Telegram's rate limits is about real elapsed time
and uses the event loop's monotonic clock.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

__all__ = ["Clock", "FrozenClock", "SystemClock", "as_utc", "utc_now"]

# The type every service accepts.
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The system clock, in UTC: the default of every service's ``clock``."""
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """An aware UTC datetime; a naive one is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


class SystemClock:
    """The real time, in UTC."""

    def __call__(self) -> datetime:
        return datetime.now(UTC)


class FrozenClock:
    """A clock that only moves when told to: ``advance(timedelta)`` or ``set(datetime)``."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = as_utc(start) if start is not None else datetime.now(UTC)

    def __call__(self) -> datetime:
        return self._now

    def now(self) -> datetime:
        return self._now

    def advance(self, delta: timedelta) -> datetime:
        if delta < timedelta(0):
            raise ValueError("a clock does not go backwards; use set() to jump")
        self._now += delta
        return self._now

    def set(self, moment: datetime) -> datetime:
        self._now = as_utc(moment)
        return self._now
