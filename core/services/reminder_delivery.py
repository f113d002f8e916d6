"""The reminder tick: saved jobs whose follow-up reminder is due, each sent once; and
the apply funnel's "Did you apply to <title> at <employer>?", asked once per vacancy
whose details the person opened ASK_APPLIED_BY_TICK ago (unless their next message
asked it first: both paths claim the same stamp, job_recommendations.apply_asked_at).

Exactly-once: ``claim_reminder`` (a conditional UPDATE stamping reminder_sent_at,
committed) → send → record the message id. A transient failure or a blocked user releases
the claim, so the reminder is due again (for a blocked user, once they are back: due
reminders skip inactive users). A message the messenger rejects (400) stays claimed: it
would be rejected again every minute.

The message goes out through a :class:`ReminderSender` (bot/push/reminders.py).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.domain.clock import Clock
from core.domain.push import ApplyQuestion, DueReminder, SendResult, SendStatus, TickReport
from core.services.saved import ASK_APPLIED_BY_TICK, ASK_APPLIED_WINDOW
from db.repositories import SavedJobRepository, UserRepository

logger = logging.getLogger(__name__)

REMINDER_BATCH = 500  # per tick; the rest are still due on the next one
CONCURRENCY = 64  # reminders being sent at once; the sender's pacer sets the real rate


class ReminderSender(Protocol):
    """The port reminders go out through: one message into the user's chat; never raises
    for a refusal of the messenger (it comes back as a SendResult)."""

    async def send_reminder(self, reminder: DueReminder) -> SendResult: ...

    async def send_apply_question(self, question: ApplyQuestion) -> SendResult: ...


class ReminderDelivery:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        sender: ReminderSender,
        clock: Clock,
        *,
        concurrency: int = CONCURRENCY,
    ) -> None:
        self._sessions = sessions
        self._sender = sender
        self._clock = clock
        self._concurrency = concurrency

    async def run(self) -> TickReport:
        """Send every saved-job reminder whose time has come, once each."""
        report = TickReport()
        async with self._sessions() as session:
            due = await SavedJobRepository(session).due_reminders(self._clock(), REMINDER_BATCH)
        limit = asyncio.Semaphore(self._concurrency)

        async def one(reminder: DueReminder) -> None:
            async with limit:
                report.add(await self._deliver(reminder))

        await asyncio.gather(*(one(reminder) for reminder in due))
        now = self._clock()
        async with self._sessions() as session:
            questions = await SavedJobRepository(session).due_apply_questions(
                asked_after=now - ASK_APPLIED_BY_TICK,
                window_start=now - ASK_APPLIED_WINDOW,
                limit=REMINDER_BATCH,
            )

        async def ask(question: ApplyQuestion) -> None:
            async with limit:
                report.add("asked_" + await self._ask(question))

        await asyncio.gather(*(ask(question) for question in questions))
        if report.counts:
            logger.info("reminder tick: %s", report.counts)
        return report

    async def _deliver(self, reminder: DueReminder) -> str:
        async with self._sessions() as session:
            claimed = await SavedJobRepository(session).claim_reminder(
                reminder.saved_id, self._clock()
            )
            await session.commit()
        if not claimed:
            return "claimed_elsewhere"
        result = await self._sender.send_reminder(reminder)
        await self._record(reminder, result)
        return result.status.value

    async def _ask(self, question: ApplyQuestion) -> str:
        async with self._sessions() as session:
            claimed = await SavedJobRepository(session).claim_apply_question(
                question.recommendation_id, self._clock()
            )
            await session.commit()
        if not claimed:
            return "claimed_elsewhere"
        result = await self._sender.send_apply_question(question)
        if result.status in (SendStatus.FAILED, SendStatus.BLOCKED):
            async with self._sessions() as session:
                await SavedJobRepository(session).release_apply_question(question.recommendation_id)
                if result.status is SendStatus.BLOCKED:
                    await UserRepository(session).mark_inactive(question.user_id, self._clock())
                await session.commit()
        return result.status.value

    async def _record(self, reminder: DueReminder, result: SendResult) -> None:
        async with self._sessions() as session:
            repo = SavedJobRepository(session)
            if result.ok and result.message_id is not None:
                await repo.record_reminder_message(reminder.saved_id, result.message_id)
            elif result.status in (SendStatus.FAILED, SendStatus.BLOCKED):
                await repo.release_reminder(reminder.saved_id)
                if result.status is SendStatus.BLOCKED:
                    await UserRepository(session).mark_inactive(reminder.user_id, self._clock())
            await session.commit()
