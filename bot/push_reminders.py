"""The reminder tick: saved jobs whose follow-up reminder is due, each sent once.

Exactly-once: ``claim_reminder`` (a conditional UPDATE stamping reminder_sent_at,
committed) → send → record the message id. A transient failure or a blocked user releases
the claim, so the reminder is due again (for a blocked user, once they are back: due
reminders skip inactive users). A message Telegram rejects (400) stays claimed: it would
be rejected again every minute.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.delivery import SendResult, SendStatus
from bot.i18n import Translator
from bot.push_common import PushContext, TickReport
from bot.ui.render import bold
from db.repositories import SavedJobRepository, UserRepository

logger = logging.getLogger(__name__)

REMINDER_BATCH = 500  # per tick; the rest are still due on the next one


@dataclass(frozen=True, slots=True)
class ReminderItem:
    saved_id: int
    user_id: int
    language: str
    title: str
    employer: str | None
    url: str | None
    status: str
    notes: str | None


def reminder_message(t: Translator, item: ReminderItem) -> tuple[str, InlineKeyboardMarkup | None]:
    lines = [t("push.reminder.title", title=bold(item.title))]
    if item.employer:
        lines.append(t("push.reminder.employer", employer=item.employer))
    lines.append(t("push.reminder.status", status=t(f"push.reminder.status.{item.status}")))
    if item.notes:
        lines.append(t("push.reminder.notes", notes=item.notes))
    lines.append(t("push.reminder.hint"))
    markup = None
    if item.url:
        open_button = InlineKeyboardButton(text=t("push.reminder.open"), url=item.url)
        markup = InlineKeyboardMarkup(inline_keyboard=[[open_button]])
    return "\n".join(lines), markup


class ReminderJob:
    def __init__(self, ctx: PushContext) -> None:
        self._ctx = ctx

    async def run(self) -> TickReport:
        """Send every saved-job reminder whose time has come, once each."""
        report = TickReport()
        items = await self._due()
        limit = asyncio.Semaphore(self._ctx.concurrency)

        async def one(item: ReminderItem) -> None:
            async with limit:
                report.add(await self._deliver(item))

        await asyncio.gather(*(one(item) for item in items))
        if report.counts:
            logger.info("reminder tick: %s", report.counts)
        return report

    async def _due(self) -> list[ReminderItem]:
        async with self._ctx.sessions() as session:
            due = await SavedJobRepository(session).due_reminders(
                self._ctx.clock(), REMINDER_BATCH
            )
        return [
            ReminderItem(
                saved_id=job.saved_id,
                user_id=job.user_id,
                language=job.language or "en",
                title=job.title,
                employer=job.employer_name,
                url=job.url,
                status=job.status,
                notes=job.notes,
            )
            for job in due
        ]

    async def _deliver(self, item: ReminderItem) -> str:
        async with self._ctx.sessions() as session:
            repo = SavedJobRepository(session)
            claimed = await repo.claim_reminder(item.saved_id, self._ctx.clock())
            await session.commit()
        if not claimed:
            return "claimed_elsewhere"
        text, markup = reminder_message(self._ctx.locales.get(item.language), item)
        result = await self._ctx.delivery.send_text(item.user_id, text, markup)
        await self._record(item, result)
        return result.status.value

    async def _record(self, item: ReminderItem, result: SendResult) -> None:
        async with self._ctx.sessions() as session:
            repo = SavedJobRepository(session)
            if result.ok and result.message_id is not None:
                await repo.record_reminder_message(item.saved_id, result.message_id)
            elif result.status in (SendStatus.FAILED, SendStatus.BLOCKED):
                await repo.release_reminder(item.saved_id)
                if result.status is SendStatus.BLOCKED:
                    await UserRepository(session).mark_inactive(item.user_id, self._ctx.clock())
            await session.commit()
