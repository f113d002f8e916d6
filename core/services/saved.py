"""The shortlist: saved vacancies, application status (saved → applied → interview →
hired / rejected), notes and follow-up reminders; see docs/SERVICES.md.

:func:`parse_reminder` reads the dates a job seeker types («25.12», «2026-12-25 10:00»,
«завтра»). It is pure and total: any input (emoji, HTML, SQL, 4096 characters) gives a
datetime or None, never an exception, because it comes straight from a chat message.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.domain.clock import Clock, utc_now
from core.domain.preferences import SavedJobStatus
from core.domain.recommendation_cards import RecommendationCard, card_from_row
from core.services.feedback import MAX_NOTES_LENGTH, clean_text
from db.models import SavedJob
from db.repositories import FeedbackRepository, SavedJobRepository

logger = logging.getLogger(__name__)

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


# ============================================================================ statuses

_S = SavedJobStatus
# Where each status may go. Skipping "applied" (saved → interview / hired / rejected) is
# allowed: the application step is recorded on the way, so the funnel stays truthful.
ALLOWED_TRANSITIONS: dict[SavedJobStatus, frozenset[SavedJobStatus]] = {
    _S.SAVED: frozenset({_S.APPLIED, _S.INTERVIEW, _S.HIRED, _S.REJECTED}),
    _S.APPLIED: frozenset({_S.INTERVIEW, _S.HIRED, _S.REJECTED}),
    _S.INTERVIEW: frozenset({_S.HIRED, _S.REJECTED}),
    _S.HIRED: frozenset(),
    _S.REJECTED: frozenset(),
}
_STATUS_ORDER = (_S.SAVED, _S.APPLIED, _S.INTERVIEW, _S.HIRED, _S.REJECTED)


def next_statuses(status: SavedJobStatus | str) -> tuple[SavedJobStatus, ...]:
    """The statuses a saved job may move to next, in funnel order (for the buttons)."""
    allowed = ALLOWED_TRANSITIONS[SavedJobStatus(status)]
    return tuple(s for s in _STATUS_ORDER if s in allowed)


def _path(current: SavedJobStatus, target: SavedJobStatus) -> list[SavedJobStatus] | None:
    """The steps from ``current`` to ``target``; None if the move is not allowed."""
    if target not in ALLOWED_TRANSITIONS[current]:
        return None
    if current is _S.SAVED and target is not _S.APPLIED:
        return [_S.APPLIED, target]  # one cannot be invited or hired without applying
    return [target]


class UnsaveResult(StrEnum):
    REMOVED = "removed"
    # Kept: the job seeker has moved it on (applied or further, notes, a pending reminder),
    # and one tap on a card must not throw that away; /saved is where it is changed.
    IN_PROGRESS = "in_progress"
    NOT_SAVED = "not_saved"  # not on this user's shortlist (or not this user's at all)


@dataclass(frozen=True, slots=True)
class SavedJobView:
    saved_id: int
    card: RecommendationCard
    status: SavedJobStatus
    next_statuses: tuple[SavedJobStatus, ...]
    notes: str | None
    reminder_at: datetime | None
    reminder_sent_at: datetime | None
    applied_at: datetime | None
    created_at: datetime
    updated_at: datetime


def _view(job: SavedJob, feedback: bool | None) -> SavedJobView:
    status = SavedJobStatus(job.status)
    return SavedJobView(
        saved_id=job.id,
        card=card_from_row(job.recommendation, saved=True, feedback=feedback),
        status=status,
        next_statuses=next_statuses(status),
        notes=job.notes,
        reminder_at=job.reminder_at,
        reminder_sent_at=job.reminder_sent_at,
        applied_at=job.applied_at,
        created_at=job.created_at,
        updated_at=job.updated_at,
    )


async def _views(
    session: AsyncSession, user_id: int, jobs: Sequence[SavedJob]
) -> list[SavedJobView]:
    # job.recommendation is loaded with the job (a joined relationship).
    votes = await FeedbackRepository(session).flags_for(
        user_id, [job.recommendation_id for job in jobs]
    )
    return [_view(job, votes.get(job.recommendation_id)) for job in jobs]


class SavedJobsService:
    """Every method takes the acting user; another user's record gives None."""

    def __init__(
        self, session_factory: async_sessionmaker[AsyncSession], clock: Clock = utc_now
    ) -> None:
        self._sessions = session_factory
        self._clock = clock

    async def save(self, user_id: int, recommendation_id: int) -> SavedJobView | None:
        """Put a recommendation on the shortlist (saving twice keeps the first)."""
        async with self._sessions() as session:
            job = await SavedJobRepository(session).save(user_id, recommendation_id, self._clock())
            if job is None:
                return None
            await session.commit()
            return await self._one(session, user_id, job)

    async def unsave(self, user_id: int, recommendation_id: int) -> UnsaveResult:
        """Undo :meth:`save` from the card. Only a job still just "saved", with no notes
        and no pending reminder, is removed; another user's record is never touched."""
        async with self._sessions() as session:
            repo = SavedJobRepository(session)
            job = await repo.get_for_recommendation(user_id, recommendation_id)
            if job is None:
                return UnsaveResult.NOT_SAVED
            pending_reminder = job.reminder_at is not None and job.reminder_sent_at is None
            if job.status != SavedJobStatus.SAVED.value or job.notes or pending_reminder:
                return UnsaveResult.IN_PROGRESS
            await repo.delete(user_id, job.id)
            await session.commit()
            return UnsaveResult.REMOVED

    async def list(self, user_id: int, status: SavedJobStatus | None = None) -> list[SavedJobView]:
        async with self._sessions() as session:
            jobs = await SavedJobRepository(session).list(user_id, status)
            return await _views(session, user_id, jobs)

    async def get(self, user_id: int, saved_id: int) -> SavedJobView | None:
        async with self._sessions() as session:
            job = await SavedJobRepository(session).get(user_id, saved_id)
            return None if job is None else await self._one(session, user_id, job)

    async def set_status(
        self, user_id: int, saved_id: int, status: SavedJobStatus
    ) -> SavedJobView | None:
        """Move along the funnel. The same status again changes nothing; a move the
        funnel does not allow (hired → saved) gives None, like someone else's record."""
        target = SavedJobStatus(status)
        async with self._sessions() as session:
            repo = SavedJobRepository(session)
            job = await repo.get(user_id, saved_id)
            if job is None:
                return None
            if job.status != target.value:
                steps = _path(SavedJobStatus(job.status), target)
                if steps is None:
                    logger.info(
                        "Refused status %s -> %s for saved job %s", job.status, target, saved_id
                    )
                    return None
                for step in steps:
                    job = await repo.set_status(user_id, saved_id, step.value, self._clock())
                    assert job is not None  # found above, in this session
                await session.commit()
            return await self._one(session, user_id, job)

    async def set_notes(
        self, user_id: int, saved_id: int, notes: str | None
    ) -> SavedJobView | None:
        """Replace the notes (plain text, at most 2000 characters; blank clears them)."""
        async with self._sessions() as session:
            job = await SavedJobRepository(session).set_notes(
                user_id, saved_id, clean_text(notes, MAX_NOTES_LENGTH)
            )
            if job is None:
                return None
            await session.commit()
            return await self._one(session, user_id, job)

    async def set_reminder(
        self, user_id: int, saved_id: int, at: datetime | None
    ) -> SavedJobView | None:
        """Remind at ``at`` (aware; naive means UTC), or cancel with None. A moment in the
        past is refused with None: the reminder would fire at once."""
        if at is not None:
            at = at if at.tzinfo is not None else at.replace(tzinfo=UTC)
            if at <= self._clock():
                return None
        async with self._sessions() as session:
            job = await SavedJobRepository(session).set_reminder(user_id, saved_id, at)
            if job is None:
                return None
            await session.commit()
            return await self._one(session, user_id, job)

    async def _one(self, session: AsyncSession, user_id: int, job: SavedJob) -> SavedJobView:
        return (await _views(session, user_id, [job]))[0]
