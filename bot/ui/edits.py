"""Redrawing a bot message in place, the way every screen does it."""

from __future__ import annotations

from aiogram.exceptions import TelegramBadRequest
from aiogram.fsm.context import FSMContext
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


async def drop_buttons(message: Message, message_id: int) -> None:
    """Take the buttons off an earlier bot message in the chat of ``message`` (a stale
    copy of a screen). One already without buttons, or gone, is left as it is."""
    if message.bot is None or message_id == message.message_id:
        return
    try:
        await message.bot.edit_message_reply_markup(
            chat_id=message.chat.id, message_id=message_id, reply_markup=None
        )
    except TelegramBadRequest as exc:
        if "not modified" not in str(exc) and "not found" not in str(exc):
            raise


async def replace_view(
    state: FSMContext, key: str, message: Message, text: str, markup: InlineKeyboardMarkup | None
) -> Message:
    """Send a new copy of a screen and take the buttons off the copy sent before it (its
    id is kept in FSM data under ``key``), so only the newest copy can be pressed."""
    old = (await state.get_data()).get(key)
    sent = await message.answer(text, reply_markup=markup)
    if isinstance(old, int):
        await drop_buttons(sent, old)
    await state.update_data({key: sent.message_id})
    return sent


async def remember_view(state: FSMContext, key: str, message: Message) -> None:
    """``message`` (edited in place) is now the live copy of the screen kept under ``key``."""
    await state.update_data({key: message.message_id})
