"""The shortlist: saved vacancies, application status, notes and reminders."""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, exists, or_, select, update
from sqlalchemy.sql.elements import ColumnElement

from core.domain.preferences import SavedJobStatus
from core.domain.push import ApplyQuestion, DueReminder
from db.models import JobFeedback, JobRecommendation, SavedJob, SavedJobStatusChange, User
from db.repositories._base import Repository


def _apply_question_due(
    asked_after: datetime, window_start: datetime
) -> builtins.list[ColumnElement[bool]]:
    """A recommendation whose details were opened between ``window_start`` and
    ``asked_after``, not yet asked about, not moved on in /saved, not rated 👎 or hidden."""
    return [
        JobRecommendation.details_opened_at.is_not(None),
        JobRecommendation.details_opened_at <= asked_after,
        JobRecommendation.details_opened_at >= window_start,
        JobRecommendation.apply_asked_at.is_(None),
        ~exists().where(
            SavedJob.recommendation_id == JobRecommendation.id,
            SavedJob.status != SavedJobStatus.SAVED.value,
        ),
        ~exists().where(
            JobFeedback.recommendation_id == JobRecommendation.id,
            or_(JobFeedback.is_relevant.is_(False), JobFeedback.is_interested.is_(False)),
        ),
    ]


class SavedJobRepository(Repository):
    async def save(self, user_id: int, rec_id: int, at: datetime | None = None) -> SavedJob | None:
        """Save a recommendation to the shortlist; saving it again changes nothing.

        None if the recommendation is not this user's."""
        rec = await self.session.scalar(
            select(JobRecommendation.id).where(
                JobRecommendation.id == rec_id, JobRecommendation.user_id == user_id
            )
        )
        if rec is None:
            return None
        values: dict[str, int | datetime] = {"user_id": user_id, "recommendation_id": rec_id}
        if at is not None:
            values |= {"created_at": at, "updated_at": at}
        stmt = (
            self._insert(SavedJob)
            .values(**values)
            .on_conflict_do_nothing(index_elements=[SavedJob.user_id, SavedJob.recommendation_id])
            .returning(SavedJob.id)
        )
        inserted_id = (await self.session.execute(stmt)).scalar_one_or_none()
        if inserted_id is not None:
            # The funnel starts at "saved".
            self.session.add(
                SavedJobStatusChange(
                    saved_job_id=inserted_id,
                    user_id=user_id,
                    from_status=None,
                    to_status=SavedJobStatus.SAVED.value,
                    **({"changed_at": at} if at is not None else {}),
                )
            )
            await self.session.flush()
        return await self.session.scalar(
            select(SavedJob).where(
                SavedJob.user_id == user_id, SavedJob.recommendation_id == rec_id
            )
        )

    async def get(self, user_id: int, saved_id: int) -> SavedJob | None:
        stmt = select(SavedJob).where(SavedJob.id == saved_id, SavedJob.user_id == user_id)
        return await self.session.scalar(stmt)

    async def get_for_recommendation(self, user_id: int, rec_id: int) -> SavedJob | None:
        """This user's saved job of recommendation ``rec_id`` (None: not saved, or not theirs)."""
        stmt = select(SavedJob).where(
            SavedJob.recommendation_id == rec_id, SavedJob.user_id == user_id
        )
        return await self.session.scalar(stmt)

    async def delete(self, user_id: int, saved_id: int) -> bool:
        """Take a job off this user's shortlist (its status history goes with it)."""
        stmt = delete(SavedJob).where(SavedJob.id == saved_id, SavedJob.user_id == user_id)
        return await self._rows_changed(stmt) > 0

    async def set_status(
        self, user_id: int, saved_id: int, status: str, at: datetime
    ) -> SavedJob | None:
        """Move to ``status`` (a SavedJobStatus value), keeping the move for the funnel.

        None if the saved job is not this user's; ValueError for an unknown status."""
        new_status = SavedJobStatus(status)
        job = await self.get(user_id, saved_id)
        if job is None:
            return None
        if job.status == new_status.value:
            return job
        self.session.add(
            SavedJobStatusChange(
                saved_job_id=job.id,
                user_id=user_id,
                from_status=job.status,
                to_status=new_status.value,
                changed_at=at,
            )
        )
        job.status = new_status.value
        job.updated_at = at
        if new_status is SavedJobStatus.APPLIED and job.applied_at is None:
            job.applied_at = at
        await self.session.flush()
        return job

    async def set_notes(self, user_id: int, saved_id: int, notes: str | None) -> SavedJob | None:
        job = await self.get(user_id, saved_id)
        if job is None:
            return None
        job.notes = notes
        await self.session.flush()
        return job

    async def set_reminder(
        self, user_id: int, saved_id: int, at: datetime | None
    ) -> SavedJob | None:
        """Set (or with None, cancel) the reminder; a new time re-arms a sent one."""
        job = await self.get(user_id, saved_id)
        if job is None:
            return None
        job.reminder_at = at
        job.reminder_sent_at = None
        job.reminder_message_id = None
        await self.session.flush()
        return job

    async def due_reminders(self, now: datetime, limit: int = 500) -> builtins.list[DueReminder]:
        """Reminders whose time has come, not yet claimed, for users still reachable;
        one query with the user's language and the vacancy's title, employer and link."""
        stmt = (
            select(
                SavedJob.id,
                SavedJob.user_id,
                User.language,
                JobRecommendation.title,
                JobRecommendation.employer_name,
                JobRecommendation.url,
                SavedJob.status,
                SavedJob.notes,
            )
            .join(User, User.id == SavedJob.user_id)
            .join(JobRecommendation, JobRecommendation.id == SavedJob.recommendation_id)
            .where(
                SavedJob.reminder_at <= now,
                SavedJob.reminder_sent_at.is_(None),
                User.is_active.is_(True),
            )
            .order_by(SavedJob.reminder_at, SavedJob.id)
            .limit(limit)
        )
        return [DueReminder(*row) for row in (await self.session.execute(stmt)).all()]

    async def claim_reminder(self, saved_id: int, now: datetime) -> bool:
        """Take the right to send this reminder. Exactly one concurrent caller gets True
        (a conditional UPDATE; the row lock serialises the others, which then see the
        stamp). The caller commits before sending."""
        stmt = (
            update(SavedJob)
            .where(
                SavedJob.id == saved_id,
                SavedJob.reminder_at.is_not(None),
                SavedJob.reminder_sent_at.is_(None),
            )
            .values(reminder_sent_at=now)
            .execution_options(synchronize_session=False)
        )
        return await self._rows_changed(stmt) == 1

    async def record_reminder_message(self, saved_id: int, message_id: int) -> bool:
        """The Telegram message a claimed reminder went out as. False when the saved job
        is gone or its reminder was re-armed meanwhile (the new one is not sent yet)."""
        stmt = (
            update(SavedJob)
            .where(SavedJob.id == saved_id, SavedJob.reminder_sent_at.is_not(None))
            .values(reminder_message_id=message_id)
            .execution_options(synchronize_session=False)
        )
        return await self._rows_changed(stmt) == 1

    async def release_reminder(self, saved_id: int) -> bool:
        """Undo a claim whose message could not be sent, so the next tick retries."""
        stmt = (
            update(SavedJob)
            .where(SavedJob.id == saved_id)
            .values(reminder_sent_at=None)
            .execution_options(synchronize_session=False)
        )
        return await self._rows_changed(stmt) == 1

    async def apply_question_for(
        self, user_id: int, *, asked_after: datetime, window_start: datetime
    ) -> ApplyQuestion | None:
        """The newest vacancy this user may be asked "Did you apply?" about (one query)."""
        stmt = (
            select(
                JobRecommendation.id,
                JobRecommendation.user_id,
                User.language,
                JobRecommendation.title,
                JobRecommendation.employer_name,
            )
            .join(User, User.id == JobRecommendation.user_id)
            .where(
                JobRecommendation.user_id == user_id,
                *_apply_question_due(asked_after, window_start),
            )
            .order_by(JobRecommendation.details_opened_at.desc(), JobRecommendation.id.desc())
            .limit(1)
        )
        row = (await self.session.execute(stmt)).first()
        return None if row is None else ApplyQuestion(*row)

    async def due_apply_questions(
        self, *, asked_after: datetime, window_start: datetime, limit: int = 500
    ) -> builtins.list[ApplyQuestion]:
        """Every reachable user's vacancies due a "Did you apply?" (the scheduled path)."""
        stmt = (
            select(
                JobRecommendation.id,
                JobRecommendation.user_id,
                User.language,
                JobRecommendation.title,
                JobRecommendation.employer_name,
            )
            .join(User, User.id == JobRecommendation.user_id)
            .where(
                User.is_active.is_(True),
                *_apply_question_due(asked_after, window_start),
            )
            .order_by(JobRecommendation.details_opened_at, JobRecommendation.id)
            .limit(limit)
        )
        return [ApplyQuestion(*row) for row in (await self.session.execute(stmt)).all()]

    async def claim_apply_question(self, rec_id: int, now: datetime) -> bool:
        """Take the right to ask about this vacancy: exactly one caller gets True."""
        stmt = (
            update(JobRecommendation)
            .where(JobRecommendation.id == rec_id, JobRecommendation.apply_asked_at.is_(None))
            .values(apply_asked_at=now)
            .execution_options(synchronize_session=False)
        )
        return await self._rows_changed(stmt) == 1

    async def release_apply_question(self, rec_id: int) -> bool:
        """The question could not be sent: it is due again."""
        stmt = (
            update(JobRecommendation)
            .where(JobRecommendation.id == rec_id)
            .values(apply_asked_at=None)
            .execution_options(synchronize_session=False)
        )
        return await self._rows_changed(stmt) == 1

    async def mark_apply_answered(self, user_id: int, rec_id: int, now: datetime) -> bool:
        """Never ask about this vacancy (again): answered, or marked applied by hand."""
        stmt = (
            update(JobRecommendation)
            .where(
                JobRecommendation.id == rec_id,
                JobRecommendation.user_id == user_id,
                JobRecommendation.apply_asked_at.is_(None),
            )
            .values(apply_asked_at=now)
            .execution_options(synchronize_session=False)
        )
        return await self._rows_changed(stmt) == 1

    async def last_changes(self, saved_id: int) -> builtins.list[SavedJobStatusChange]:
        """The most recent status move of a saved job: the rows of its last tap (a move
        past "applied" records "applied" on the way, with the same moment)."""
        stmt = (
            select(SavedJobStatusChange)
            .where(SavedJobStatusChange.saved_job_id == saved_id)
            .order_by(SavedJobStatusChange.id.desc())
        )
        changes = [*(await self.session.scalars(stmt)).all()]
        if not changes or changes[0].from_status is None:
            return []
        moment = changes[0].changed_at
        last: builtins.list[SavedJobStatusChange] = []
        for change in changes:
            if change.changed_at != moment or change.from_status is None:
                break
            last.append(change)
        return last

    async def undo_changes(
        self, job: SavedJob, changes: builtins.list[SavedJobStatusChange], at: datetime
    ) -> SavedJob:
        """Take back ``changes`` (from :meth:`last_changes`): the status before them."""
        for change in changes:
            await self.session.delete(change)
        job.status = SavedJobStatus(changes[-1].from_status or "saved").value
        job.updated_at = at
        undone = {change.to_status for change in changes}
        if job.status == SavedJobStatus.SAVED.value:
            job.applied_at = None
        if SavedJobStatus.INTERVIEW.value in undone:
            job.interview_at = None
        await self.session.flush()
        return job

    async def set_interview(
        self, user_id: int, saved_id: int, at: datetime | None
    ) -> SavedJob | None:
        job = await self.get(user_id, saved_id)
        if job is None:
            return None
        job.interview_at = at
        await self.session.flush()
        return job

    async def saved_flags_for(self, user_id: int, rec_ids: Iterable[int]) -> set[int]:
        """Which of these recommendations the user has saved (for the card buttons)."""
        ids = builtins.list(rec_ids)
        if not ids:
            return set()
        stmt = select(SavedJob.recommendation_id).where(
            SavedJob.user_id == user_id, SavedJob.recommendation_id.in_(ids)
        )
        return set((await self.session.scalars(stmt)).all())

    async def status_changes(self, user_id: int) -> builtins.list[SavedJobStatusChange]:
        stmt = (
            select(SavedJobStatusChange)
            .where(SavedJobStatusChange.user_id == user_id)
            .order_by(SavedJobStatusChange.changed_at, SavedJobStatusChange.id)
        )
        return [*(await self.session.scalars(stmt)).all()]

    async def list(self, user_id: int, status: str | None = None) -> builtins.list[SavedJob]:
        """The user's shortlist, newest first, optionally one status only."""
        stmt = select(SavedJob).where(SavedJob.user_id == user_id)
        if status is not None:
            stmt = stmt.where(SavedJob.status == SavedJobStatus(status).value)
        stmt = stmt.order_by(SavedJob.created_at.desc(), SavedJob.id.desc())
        return [*(await self.session.scalars(stmt)).all()]
