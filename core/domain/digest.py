"""Daily digest rules, pure: who is due, what to do with an existing claim, the context line.

Nothing here touches the database, Telegram or the system clock; the push service
(core/services/digest_delivery.py) feeds these functions what it read and acts on the answer.

Who is due: an active, onboarded user with digests on whose local digest time has passed
today *in their time zone*, and who has no delivery row for that local date. "Has passed"
rather than "is now" is what makes a digest missed while the bot was down go out on the
next tick of the same local day, and never twice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from core.domain.preferences import UserPreferences
from core.domain.searches import DigestMode, QuietPolicy, SearchSchedule

DEFAULT_DIGEST_SIZE = 5
DEFAULT_MIN_RELEVANCE = 0.5
# A pending claim older than this was left by a process that died mid-send (one user's
# digest takes seconds, and claims are taken just before sending, not for a whole batch).
STALE_CLAIM_AFTER = timedelta(minutes=10)


DAILY = SearchSchedule()  # daily at the person's digest time, no quiet hours


class DeliveryStatus(StrEnum):
    """DigestDelivery.status values."""

    PENDING = "pending"
    PARTIAL = "partial"  # part went out, the rest failed for now: the next tick sends it
    SENT = "sent"
    EMPTY = "empty"


@dataclass(frozen=True, slots=True)
class Subscriber:
    """What the due rule needs to know about one search of one user (the digest's unit:
    user × search × period)."""

    user_id: int
    timezone: str
    digest_time: str  # local "HH:MM": the search's own, else the person's
    language: str = "en"
    search_id: int = 0
    search_name: str = ""  # shown in the context line when the person has several
    searches: int = 1  # how many searches the person has
    position: int = 0
    schedule: SearchSchedule = DAILY
    silent: bool = False  # this digest falls in quiet hours: sent without a sound
    # When the search began (UTC): a slot that passed before it is not owed, so a person
    # who signs up at 15:00 gets the first digest at the next slot, not seconds later
    # with the vacancies the feed is showing them.
    since: datetime | None = None


@dataclass(frozen=True, slots=True)
class DueDigest:
    subscriber: Subscriber
    local_date: date  # the period: the local day of the digest's slot

    @property
    def key(self) -> int:
        """The search this digest is for (what claims and in-flight sets are keyed by)."""
        return self.subscriber.search_id


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    """The part of an existing DigestDelivery row the rules look at."""

    status: str
    created_at: datetime
    holder: str | None = None  # the push scheduler that claimed it (None: not recorded)


class ClaimAction(StrEnum):
    CLAIM = "claim"  # no row yet: claim the day and send
    DONE = "done"  # sent or recorded empty: nothing more today
    IN_FLIGHT = "in_flight"  # another run is sending right now: leave it
    RESUME = "resume"  # a run died mid-send: release and send what never went out


def zone(name: str | None, fallback: str) -> ZoneInfo:
    """The user's zone; an unknown or empty name falls back rather than stopping digests."""
    for candidate in (name, fallback):
        if not candidate:
            continue
        try:
            return ZoneInfo(candidate)
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return ZoneInfo("UTC")


def parse_local_time(text: str, default: time = time(9, 0)) -> time:
    """Parse "HH:MM"; anything malformed gives ``default`` (the row is validated on write,
    but a digest must not die on one bad row)."""
    hours, _, minutes = (text or "").partition(":")
    if hours.isdigit() and minutes.isdigit() and int(hours) < 24 and int(minutes) < 60:
        return time(int(hours), int(minutes))
    return default


def local_now(now: datetime, tz: ZoneInfo) -> datetime:
    return now.astimezone(tz)


def _local_naive(moment: datetime, tz: ZoneInfo) -> datetime:
    """``moment`` on the local wall clock; a naive one is read as UTC (as stored)."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(tz).replace(tzinfo=None)


def in_quiet_hours(moment: time, schedule: SearchSchedule) -> bool:
    """``moment`` (local) falls in the quiet hours; a window may cross midnight."""
    if not schedule.quiet:
        return False
    start = parse_local_time(schedule.quiet_start or "")
    end = parse_local_time(schedule.quiet_end or "")
    if start <= end:
        return start <= moment < end
    return moment >= start or moment < end


def _effective_slot(slot: datetime, schedule: SearchSchedule) -> datetime:
    """When a slot's digest really goes out: held to the end of the quiet hours under
    the "hold" policy, else at the slot."""
    if schedule.quiet_policy is not QuietPolicy.HOLD or not in_quiet_hours(slot.time(), schedule):
        return slot
    end = parse_local_time(schedule.quiet_end or "")
    held = slot.replace(hour=end.hour, minute=end.minute)
    return held if held > slot else held + timedelta(days=1)


def due_period(subscriber: Subscriber, now: datetime, fallback_tz: str) -> DueDigest | None:
    """The digest due at ``now``, or None. Its period is the local day of its slot (the
    digest time on that day; weekly: only the chosen weekday), so one row per period
    makes it exactly once. Due once the slot (or, held for quiet hours, their end) has
    passed *on that local day*: a digest missed while the bot was down goes out on the
    next tick of the same day, a whole missed day is not sent the next day. Under the
    "hold" policy nothing is due inside the quiet hours.

    Compared on the local wall clock: 09:00 in Almaty is 04:00 UTC, in Moscow 06:00 UTC.
    """
    schedule = subscriber.schedule
    if schedule.mode is DigestMode.OFF:
        return None
    tz = zone(subscriber.timezone, fallback_tz)
    local = local_now(now, tz).replace(tzinfo=None)
    if schedule.quiet_policy is QuietPolicy.HOLD and in_quiet_hours(local.time(), schedule):
        return None  # held: nothing goes out in the quiet hours, whatever is due
    at = parse_local_time(subscriber.digest_time)
    began = _local_naive(subscriber.since, tz) if subscriber.since else None
    for back in (0, 1):  # a slot held past midnight is due the next day
        day = local.date() - timedelta(days=back)
        if schedule.mode is DigestMode.WEEKLY and day.weekday() != schedule.weekday % 7:
            continue
        slot = datetime.combine(day, at)
        if began is not None and slot < began:
            continue  # the slot passed before the search began: nothing is owed for it
        effective = _effective_slot(slot, schedule)
        if effective.date() == local.date() and effective <= local:
            silent = schedule.quiet_policy is QuietPolicy.SILENT and in_quiet_hours(
                local.time(), schedule
            )
            return DueDigest(replace(subscriber, silent=silent) if silent else subscriber, day)
    return None


def due_date(subscriber: Subscriber, now: datetime, fallback_tz: str) -> date | None:
    """The period (local date) whose digest is due at ``now``, or None."""
    due = due_period(subscriber, now, fallback_tz)
    return due.local_date if due is not None else None


def due_digests(
    subscribers: Iterable[Subscriber], now: datetime, fallback_tz: str
) -> list[DueDigest]:
    """Subscribers whose digest time has come (delivery rows are checked after)."""
    due: list[DueDigest] = []
    for subscriber in subscribers:
        item = due_period(subscriber, now, fallback_tz)
        if item is not None:
            due.append(item)
    return due


def claim_action(
    existing: ClaimRecord | None,
    now: datetime,
    stale_after: timedelta = STALE_CLAIM_AFTER,
    *,
    leader: str | None = None,
    holder_dead: Callable[[str], bool] | None = None,
) -> ClaimAction:
    """What to do about today's row.

    A pending row whose sender is gone is taken up at once: its sender is known dead
    (``holder_dead``: e.g. a process on this host that no longer runs), or it is not the
    ``leader`` this tick runs under (only the lease holder sends, and the lease passed on
    only because its holder stopped renewing it). A partial row was put down by its
    sender after a transient failure. A pending row with no recorded sender is resumed
    only once it is old (``stale_after``). The cards that did go out were marked shown one
    by one and the context line is recorded before it is sent, so resuming sends only
    what never went out; leaving the row would silently lose the rest of the digest.
    """
    if existing is None:
        return ClaimAction.CLAIM
    if existing.status == DeliveryStatus.PARTIAL:
        return ClaimAction.RESUME
    if existing.status != DeliveryStatus.PENDING:
        return ClaimAction.DONE
    holder = existing.holder
    if holder is not None and leader is not None and holder != leader:
        return ClaimAction.RESUME
    if holder is not None and holder_dead is not None and holder_dead(holder):
        return ClaimAction.RESUME
    if now - existing.created_at >= stale_after:
        return ClaimAction.RESUME
    return ClaimAction.IN_FLIGHT


# ----------------------------------------------------------------------------- context line


@dataclass(frozen=True, slots=True)
class DigestContext:
    """The data of "5 new matches for Python in Almaty"; topic and place may be None."""

    count: int
    topic: str | None
    place: str | None
    search: str | None = None  # the search's name, when the person has several


def digest_topic(prefs: UserPreferences | None) -> str | None:
    """What the user is looking for, in one phrase: the first job title, else the skill
    they weigh most."""
    if prefs is None:
        return None
    titles = [title.strip() for title in prefs.job_titles if title.strip()]
    if titles:
        return titles[0]
    if prefs.skills:
        return max(prefs.skills.items(), key=lambda item: (item[1], item[0]))[0]
    return None


def digest_place(prefs: UserPreferences | None, area_names: Sequence[str | None]) -> str | None:
    """Where: the city most of today's cards are in, when the user chose a city at all
    ("anywhere" users get no place, which would only mislead)."""
    if prefs is None or not prefs.area_ids:
        return None
    names = Counter(name for name in area_names if name)
    if not names:
        return None
    return names.most_common(1)[0][0]


def digest_context(
    prefs: UserPreferences | None,
    area_names: Sequence[str | None],
    subscriber: Subscriber | None = None,
) -> DigestContext:
    """The context line's data; it names the search when the person has several (its
    name, else "search N")."""
    search = None
    if subscriber is not None and subscriber.searches > 1:
        search = subscriber.search_name or f"#{subscriber.position + 1}"
    return DigestContext(
        count=len(area_names),
        topic=digest_topic(prefs),
        place=digest_place(prefs, area_names),
        search=search,
    )
