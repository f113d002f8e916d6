"""The saved-job reminder message, sent through Delivery.

:class:`TelegramReminderSender` is the ReminderSender port of
core.services.reminder_delivery.ReminderDelivery (claims and records each reminder once).
"""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.features.saved.views import apply_question_view, status_buttons
from bot.i18n import Locales, Translator
from bot.push.delivery import Delivery
from bot.ui.render import bold
from core.domain.preferences import SavedJobStatus
from core.domain.push import ApplyQuestion, DueReminder, SendResult

# Waiting to hear back: the reminder asks about a reply ("Any reply from <employer>?").
_WAITING = {SavedJobStatus.APPLIED.value, SavedJobStatus.NO_ANSWER.value}


def reminder_message(
    t: Translator, reminder: DueReminder
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The reminder, with the status moves as buttons: a reply is one tap away."""
    if reminder.status in _WAITING and reminder.employer_name:
        lines = [
            t(
                "push.reminder.follow_up_at",
                title=bold(reminder.title),
                employer=reminder.employer_name,
            )
        ]
    elif reminder.status in _WAITING:
        lines = [t("push.reminder.follow_up", title=bold(reminder.title))]
    else:
        lines = [t("push.reminder.title", title=bold(reminder.title))]
        if reminder.employer_name:
            lines.append(t("push.reminder.employer", employer=reminder.employer_name))
    lines.append(t("push.reminder.status", status=t(f"push.reminder.status.{reminder.status}")))
    if reminder.notes:
        lines.append(t("push.reminder.notes", notes=reminder.notes))
    lines.append(t("push.reminder.hint"))
    rows = status_buttons(reminder.saved_id, SavedJobStatus(reminder.status), t)
    if reminder.url:
        rows.append([InlineKeyboardButton(text=t("push.reminder.open"), url=reminder.url)])
    return "\n".join(lines), InlineKeyboardMarkup(inline_keyboard=rows) if rows else None


class TelegramReminderSender:
    def __init__(self, delivery: Delivery, locales: Locales) -> None:
        self._delivery = delivery
        self._locales = locales

    async def send_reminder(self, reminder: DueReminder) -> SendResult:
        text, markup = reminder_message(self._locales.get(reminder.language), reminder)
        return await self._delivery.send_text(reminder.user_id, text, markup)

    async def send_apply_question(self, question: ApplyQuestion) -> SendResult:
        text, markup = apply_question_view(question, self._locales.get(question.language))
        return await self._delivery.send_text(question.user_id, text, markup)
