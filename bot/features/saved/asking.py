"""The apply funnel's question on the person's next message: after any message of theirs
is answered, "Did you apply to <title> at <employer>?" for a vacancy whose details they
opened a while ago (core.services.saved.ASK_APPLIED_ON_MESSAGE), asked once; the reminder
tick asks it too, later, if they do not come back (core.services.reminder_delivery)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any, cast

from aiogram.exceptions import TelegramAPIError
from aiogram.types import Message, TelegramObject

from bot.features.saved.views import apply_question_view
from bot.services import HandlerData

logger = logging.getLogger(__name__)

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class ApplyQuestionMiddleware:
    """A message outer middleware: the reply first, then the one question due, if any."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        result = await handler(event, data)
        typed = cast(HandlerData, data)
        user = typed.get("user")
        if not isinstance(event, Message) or user is None or not user.onboarded:
            return result
        saved = typed["saved"]
        question = await saved.apply_question(user.id)
        if question is None:
            return result
        text, markup = apply_question_view(question, typed["t"])
        try:
            await event.answer(text, reply_markup=markup)
        except TelegramAPIError:
            logger.warning("could not ask about vacancy %s", question.recommendation_id)
            await saved.release_apply_question(question.recommendation_id)
        return result
