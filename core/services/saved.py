"""The shortlist: saved vacancies, application status (saved → applied → no answer /
interview → offer → hired / rejected, any step taken back), notes, follow-up reminders,
an interview's date and time, and the apply funnel's "Did you apply?"; see
docs/SERVICES.md.

The typed reminder dates are read by :func:`core.domain.reminder_dates.parse_reminder`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.domain.clock import Clock, as_utc, utc_now
from core.domain.preferences import SavedJobStatus
from core.domain.push import ApplyQuestion
from core.domain.recommendation_cards import RecommendationCard, card_from_row
from core.services.feedback import clean_text
from db.models import SavedJob
from db.repositories import FeedbackRepository, RecommendationRepository, SavedJobRepository

# A saved vacancy's notes: the chat refuses longer ones with this number (so nothing is
# cut unsaid), the API with a 422 naming `notes`; the card shows them whole.
NOTES_LIMIT = 1000

logger = logging.getLogger(__name__)

# ============================================================================ statuses

_S = SavedJobStatus
# Where each status may go. Skipping "applied" (saved → interview / hired / rejected) is
# allowed: the application step is recorded on the way, so the funnel stays truthful.
# "No answer" is a pause, not an end: the employer may still call.
ALLOWED_TRANSITIONS: dict[SavedJobStatus, frozenset[SavedJobStatus]] = {
    _S.SAVED: frozenset({_S.APPLIED, _S.INTERVIEW, _S.OFFER, _S.HIRED, _S.REJECTED}),
    _S.APPLIED: frozenset({_S.NO_ANSWER, _S.INTERVIEW, _S.OFFER, _S.HIRED, _S.REJECTED}),
    _S.NO_ANSWER: frozenset({_S.INTERVIEW, _S.OFFER, _S.HIRED, _S.REJECTED}),
    _S.INTERVIEW: frozenset({_S.NO_ANSWER, _S.OFFER, _S.HIRED, _S.REJECTED}),
    _S.OFFER: frozenset({_S.HIRED, _S.REJECTED}),
    _S.HIRED: frozenset(),
    _S.REJECTED: frozenset(),
}
_STATUS_ORDER = (_S.SAVED, _S.APPLIED, _S.NO_ANSWER, _S.INTERVIEW, _S.OFFER, _S.HIRED, _S.REJECTED)
# "Any reply from <employer>?" this long after applying, unless a reminder is already set.
FOLLOW_UP_AFTER = timedelta(days=7)
# "Did you apply?": asked on the person's next message once this long has passed since
# they opened the vacancy's details (time to apply on hh), or by the reminder tick after
# ASK_APPLIED_BY_TICK; details opened longer ago than ASK_APPLIED_WINDOW are not asked.
ASK_APPLIED_ON_MESSAGE = timedelta(minutes=20)
ASK_APPLIED_BY_TICK = timedelta(hours=3)
ASK_APPLIED_WINDOW = timedelta(days=3)


class ApplyAnswer(StrEnum):
    YES = "yes"  # applied: saved and marked applied today
    NOT_YET = "later"  # kept on the shortlist, to apply later
    NO = "no"  # not applying: never asked again


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


@dataclass(frozen=True, slots=True)
class ApplyResult:
    """What an answer to "Did you apply?" did: the vacancy's title, and its saved job
    (None after "No")."""

    title: str
    job: SavedJobView | None


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
    interview_at: datetime | None = None
    can_step_back: bool = False


def _view(job: SavedJob, feedback: bool | None) -> SavedJobView:
    """One saved job; "step back" is offered once it has moved past "saved" (the first
    status move is the one the history starts with)."""
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
        interview_at=job.interview_at,
        can_step_back=status is not SavedJobStatus.SAVED,
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
                if _S.APPLIED in steps and target is _S.APPLIED:
                    await self._arm_follow_up(repo, job)
                await session.commit()
            return await self._one(session, user_id, job)

    async def _arm_follow_up(self, repo: SavedJobRepository, job: SavedJob) -> None:
        """ "Any reply?" FOLLOW_UP_AFTER after applying, unless a reminder is pending."""
        pending = job.reminder_at is not None and job.reminder_sent_at is None
        applied = job.applied_at or self._clock()
        if not pending and applied + FOLLOW_UP_AFTER > self._clock():
            await repo.set_reminder(job.user_id, job.id, applied + FOLLOW_UP_AFTER)

    async def step_back(self, user_id: int, saved_id: int) -> SavedJobView | None:
        """Take back the last status move (a tap by mistake): the status before it, its
        history row gone (the funnel counts stay true), the application date cleared
        when back at "saved", the follow-up it armed cancelled. None when the job is
        not this user's or has no move to take back."""
        async with self._sessions() as session:
            repo = SavedJobRepository(session)
            job = await repo.get(user_id, saved_id)
            if job is None:
                return None
            changes = await repo.last_changes(job.id)
            if not changes:
                return None
            follow_up = None if job.applied_at is None else job.applied_at + FOLLOW_UP_AFTER
            job = await repo.undo_changes(job, changes, self._clock())
            pending = job.reminder_at is not None and job.reminder_sent_at is None
            if job.status == _S.SAVED.value and pending and job.reminder_at == follow_up:
                await repo.set_reminder(user_id, job.id, None)
            await session.commit()
            return await self._one(session, user_id, job)

    async def set_interview(
        self, user_id: int, saved_id: int, at: datetime | None
    ) -> SavedJobView | None:
        """The interview's date and time (aware), or None to clear it."""
        async with self._sessions() as session:
            job = await SavedJobRepository(session).set_interview(user_id, saved_id, at)
            if job is None:
                return None
            await session.commit()
            return await self._one(session, user_id, job)

    # ------------------------------------------------------------------ the apply funnel

    async def apply_question(self, user_id: int) -> ApplyQuestion | None:
        """Claim the one "Did you apply?" due for this user now (their next message
        after ASK_APPLIED_ON_MESSAGE), or None. A claim is never asked twice; release it
        with :meth:`release_apply_question` when the message could not be sent."""
        now = self._clock()
        async with self._sessions() as session:
            repo = SavedJobRepository(session)
            question = await repo.apply_question_for(
                user_id,
                asked_after=now - ASK_APPLIED_ON_MESSAGE,
                window_start=now - ASK_APPLIED_WINDOW,
            )
            if question is None:
                return None
            claimed = await repo.claim_apply_question(question.recommendation_id, now)
            await session.commit()
            return question if claimed else None

    async def release_apply_question(self, recommendation_id: int) -> None:
        async with self._sessions() as session:
            await SavedJobRepository(session).release_apply_question(recommendation_id)
            await session.commit()

    async def answer_apply(
        self, user_id: int, recommendation_id: int, answer: ApplyAnswer
    ) -> ApplyResult | None:
        """The answer to "Did you apply?" (or "✅ I applied" under the details): YES saves
        the vacancy and marks it applied now (arming the follow-up; one already further
        on is left as it is), NOT_YET saves it, NO only stops the question. None when
        the vacancy is not this user's: nothing changes."""
        now = self._clock()
        async with self._sessions() as session:
            rec = await RecommendationRepository(session).get(user_id, recommendation_id)
            if rec is None:
                return None
            title = rec.title
            repo = SavedJobRepository(session)
            await repo.mark_apply_answered(user_id, recommendation_id, now)
            if answer is ApplyAnswer.NO:
                await session.commit()
                return ApplyResult(title, None)
            job = await repo.save(user_id, recommendation_id, now)
            assert job is not None  # the recommendation is this user's (checked above)
            await session.commit()
            if answer is ApplyAnswer.NOT_YET or job.status != _S.SAVED.value:
                return ApplyResult(title, await self._one(session, user_id, job))
        return ApplyResult(title, await self.set_status(user_id, job.id, _S.APPLIED))

    async def set_notes(
        self, user_id: int, saved_id: int, notes: str | None
    ) -> SavedJobView | None:
        """Replace the notes (plain text, at most NOTES_LIMIT characters; blank clears them)."""
        async with self._sessions() as session:
            job = await SavedJobRepository(session).set_notes(
                user_id, saved_id, clean_text(notes, NOTES_LIMIT)
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
