"""The shortlist: saved vacancies, application status (saved → applied → interview →
hired / rejected), notes and follow-up reminders; see docs/SERVICES.md.

The typed reminder dates are read by :func:`core.domain.reminder_dates.parse_reminder`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.domain.clock import Clock, as_utc, utc_now
from core.domain.preferences import SavedJobStatus
from core.domain.recommendation_cards import RecommendationCard, card_from_row
from core.services.feedback import MAX_NOTES_LENGTH, clean_text
from db.models import SavedJob
from db.repositories import FeedbackRepository, SavedJobRepository

logger = logging.getLogger(__name__)

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
        self, user_id: int, saved_id: int, status: SavedJobStatus, *, at: datetime | None = None
    ) -> SavedJobView | None:
        """Move along the funnel. The same status again changes nothing; a move the
        funnel does not allow (hired → saved) gives None, like someone else's record.
        ``at``: when it happened (the Mini App's application date), else now."""
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
                when = self._clock() if at is None else as_utc(at)
                for step in steps:
                    job = await repo.set_status(user_id, saved_id, step.value, when)
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
