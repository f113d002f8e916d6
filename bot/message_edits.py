"""Redrawing a bot message in place, the way every screen does it."""

from __future__ import annotations

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import InlineKeyboardMarkup, Message


async def edit_in_place(message: Message, text: str, markup: InlineKeyboardMarkup | None) -> None:
    """Edit the message; a double tap that changes nothing ("not modified") is fine."""
    try:
        await message.edit_text(text, reply_markup=markup)
    except TelegramBadRequest as exc:
        if "not modified" not in str(exc):
            raise


async def show(
    message: Message, text: str, markup: InlineKeyboardMarkup | None, *, edit: bool
) -> None:
    """Edit the bot's message in place (after a button) or send a new one (after text)."""
    if edit:
        await edit_in_place(message, text, markup)
    else:
        await message.answer(text, reply_markup=markup)
