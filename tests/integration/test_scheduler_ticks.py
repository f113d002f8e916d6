"""One tick of a kind at a time in a process: the timer's tick and a direct call (the
demo's "send my digest now") never run side by side."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.push.scheduler import PushScheduler
from core.config import load_settings
from core.domain.push import ApplyQuestion, DueReminder, SendResult, SendStatus, TickReport
from core.services.digest_delivery import KeepLeading
from core.services.learner import Learner
from core.services.maintenance import Maintenance
from core.services.push_lease import PushLease
from core.services.reminder_delivery import ReminderDelivery


class SlowDigests:
    """Stands in for the digest service: records how many digest ticks overlap."""

    def __init__(self) -> None:
        self.running = 0
        self.most_at_once = 0

    async def run(
        self, keep_leading: KeepLeading | None = None, *, leader: str | None = None
    ) -> TickReport:
        self.running += 1
        self.most_at_once = max(self.most_at_once, self.running)
        await asyncio.sleep(0.05)
        self.running -= 1
        return TickReport({"sent": 1})


class NoReminders:
    async def send_reminder(self, reminder: DueReminder) -> SendResult:
        return SendResult(SendStatus.FAILED)

    async def send_apply_question(self, question: ApplyQuestion) -> SendResult:
        return SendResult(SendStatus.FAILED)


async def test_two_digest_ticks_in_one_process_run_one_after_the_other(
    sqlite_session_factory: async_sessionmaker[AsyncSession],
) -> None:
    def clock() -> datetime:
        return datetime(2026, 11, 27, 9, 0, tzinfo=UTC)

    digests = SlowDigests()
    sessions = sqlite_session_factory
    scheduler = PushScheduler(
        PushLease(sessions, clock, "host:1:test"),
        digests=digests,
        reminders=ReminderDelivery(sessions, NoReminders(), clock),
        maintenance=Maintenance(sessions, Learner(sessions, clock), load_settings(), clock),
    )
    reports = await asyncio.gather(scheduler.run_digest_tick(), scheduler.run_digest_tick())
    assert digests.most_at_once == 1
    assert [report.counts for report in reports] == [{"sent": 1}, {"sent": 1}]
