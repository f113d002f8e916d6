"""The saved-job reminder message, sent through Delivery.

:class:`TelegramReminderSender` is the ReminderSender port of
core.services.reminder_delivery.ReminderDelivery (claims and records each reminder once).
"""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Locales, Translator
from bot.push.delivery import Delivery
from bot.ui.render import bold
from core.domain.push import DueReminder, SendResult


def reminder_message(
    t: Translator, reminder: DueReminder
) -> tuple[str, InlineKeyboardMarkup | None]:
    lines = [t("push.reminder.title", title=bold(reminder.title))]
    if reminder.employer_name:
        lines.append(t("push.reminder.employer", employer=reminder.employer_name))
    lines.append(t("push.reminder.status", status=t(f"push.reminder.status.{reminder.status}")))
    if reminder.notes:
        lines.append(t("push.reminder.notes", notes=reminder.notes))
    lines.append(t("push.reminder.hint"))
    markup = None
    if reminder.url:
        open_button = InlineKeyboardButton(text=t("push.reminder.open"), url=reminder.url)
        markup = InlineKeyboardMarkup(inline_keyboard=[[open_button]])
    return "\n".join(lines), markup


class TelegramReminderSender:
    def __init__(self, delivery: Delivery, locales: Locales) -> None:
        self._delivery = delivery
        self._locales = locales

    async def send_reminder(self, reminder: DueReminder) -> SendResult:
        text, markup = reminder_message(self._locales.get(reminder.language), reminder)
        return await self._delivery.send_text(reminder.user_id, text, markup)
