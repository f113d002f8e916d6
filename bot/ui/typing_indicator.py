"""A sign of life while a reply takes long: "typing…" in the chat.

A reply that needs HH (a first /jobs, a search) can take seconds. When handling a
person's message or button press takes longer than :data:`TYPING_AFTER`, the chat shows
"typing…" (sendChatAction, repeated every few seconds, as Telegram shows it for 5 s) until
the handler is done. Quick replies send nothing extra.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.enums import ChatAction, ChatType
from aiogram.types import CallbackQuery, Message, TelegramObject, Update
from aiogram.utils.chat_action import ChatActionSender

TYPING_AFTER = 1.0  # seconds of silence before "typing…"
TYPING_EVERY = 4.5  # Telegram shows an action for about 5 s


class TypingMiddleware(BaseMiddleware):
    def __init__(self, after: float = TYPING_AFTER, every: float = TYPING_EVERY) -> None:
        self.after = after
        self.every = every

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        bot: Bot | None = data.get("bot")
        chat_id = _private_chat(event)
        if bot is None or chat_id is None:
            return await handler(event, data)
        async with ChatActionSender(
            bot=bot,
            chat_id=chat_id,
            action=ChatAction.TYPING,
            interval=self.every,
            initial_sleep=self.after,
        ):
            return await handler(event, data)


def _private_chat(event: TelegramObject) -> int | None:
    """The private chat a person is waiting in, for a message or a button press."""
    if not isinstance(event, Update):
        return None
    message: Message | None = event.message
    if message is None and isinstance(event.callback_query, CallbackQuery):
        inner = event.callback_query.message
        message = inner if isinstance(inner, Message) else None
    if message is None or message.chat.type != ChatType.PRIVATE:
        return None
    return message.chat.id
