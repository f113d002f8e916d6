"""A person's named searches, pure: the limits, the name rule, the digest schedule types.

Each search has its own preferences and learning (stored like the one profile was) and
its own digest schedule: daily at a time, weekly on a day and time, or off; paused or
not; quiet hours in which a digest goes out silently or waits for their end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from core.domain.preferences import UserPreferences

MAX_SEARCHES = 10
NAME_CAP = 64  # characters, as stored (searches.name)
_SPACES = re.compile(r"\s+")


class DigestMode(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"
    OFF = "off"


class QuietPolicy(StrEnum):
    SILENT = "silent"  # sent, without a notification sound (disable_notification)
    HOLD = "hold"  # held until the quiet hours end


@dataclass(frozen=True, slots=True)
class SearchSchedule:
    """When a search's digest goes out. ``time`` None: the person's digest time."""

    mode: DigestMode = DigestMode.DAILY
    time: str | None = None
    weekday: int = 0  # Monday = 0 … Sunday = 6 (weekly only)
    quiet_start: str | None = None  # local "HH:MM"; both set: quiet hours are on
    quiet_end: str | None = None
    quiet_policy: QuietPolicy = QuietPolicy.SILENT

    @property
    def quiet(self) -> bool:
        return bool(self.quiet_start and self.quiet_end and self.quiet_start != self.quiet_end)


@dataclass(frozen=True, slots=True)
class SearchInfo:
    """One search as the bot lists it."""

    id: int
    user_id: int
    name: str  # may be empty: shown as "Search N"
    position: int
    paused: bool
    schedule: SearchSchedule
    active: bool = False  # the one /jobs and /preferences work on


@dataclass(frozen=True, slots=True)
class SearchPreferences:
    """One search's preferences, with whose search it is (the digest's unit)."""

    user_id: int
    search_id: int
    preferences: UserPreferences


def clean_name(text: str | None) -> str | None:
    """A name as typed, made storable: spaces collapsed, control characters dropped,
    cut to NAME_CAP characters (emoji and HTML are fine: they are escaped when shown).
    None when nothing is left."""
    if text is None:
        return None
    printable = "".join(ch for ch in text if ch.isprintable() or ch == " ")
    name = _SPACES.sub(" ", printable).strip()
    if not name:
        return None
    return name[:NAME_CAP].rstrip()


def name_from_titles(titles: list[str]) -> str:
    """The name a new search gets from its preferences: the first job title, or ''."""
    for title in titles:
        name = clean_name(title)
        if name:
            return name
    return ""
