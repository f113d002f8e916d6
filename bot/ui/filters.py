"""Filters every feature's button handlers share."""

from __future__ import annotations

from typing import Any

from aiogram.filters import Filter
from aiogram.types import CallbackQuery, Message


class ShownMessage(Filter):
    """A button tap on a message the bot can still edit, handed to the handler as
    ``message``. Telegram sends an ``InaccessibleMessage`` instead for one it no longer
    lets the bot see (too old); such a tap reaches the fallback, which answers that
    the button has expired."""

    async def __call__(self, query: CallbackQuery) -> bool | dict[str, Any]:
        if isinstance(query.message, Message):
            return {"message": query.message}
        return False
