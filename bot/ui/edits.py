"""Redrawing a bot message in place, the way every screen does it."""

from __future__ import annotations

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.fsm.context import FSMContext
from aiogram.types import InlineKeyboardMarkup, Message


def is_not_modified(error: TelegramBadRequest) -> bool:
    """Telegram refuses an edit that would change nothing ("message is not modified"):
    a double tap, or a redraw of what is shown already. Harmless wherever it happens."""
    return "not modified" in str(error)


async def edit_in_place(message: Message, text: str, markup: InlineKeyboardMarkup | None) -> None:
    """Edit the message; a double tap that changes nothing is fine."""
    try:
        await message.edit_text(text, reply_markup=markup)
    except TelegramBadRequest as error:
        if not is_not_modified(error):
            raise


async def edit_text_of(
    bot: Bot, chat_id: int, message_id: int, text: str, markup: InlineKeyboardMarkup | None
) -> None:
    """:func:`edit_in_place` for a message known by id (another message of the same screen)."""
    try:
        await bot.edit_message_text(
            text, chat_id=chat_id, message_id=message_id, reply_markup=markup
        )
    except TelegramBadRequest as error:
        if not is_not_modified(error):
            raise


async def edit_markup(message: Message, markup: InlineKeyboardMarkup | None) -> bool:
    """Replace the message's buttons; False when they were already exactly these (a
    second tap on a button that takes them away, say)."""
    try:
        await message.edit_reply_markup(reply_markup=markup)
    except TelegramBadRequest as error:
        if not is_not_modified(error):
            raise
        return False
    return True


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
    except TelegramBadRequest as error:
        if not is_not_modified(error) and "not found" not in str(error):
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
    # A copy without buttons has none to take off later: not kept (Telegram would refuse
    # the edit as "message is not modified").
    await state.update_data({key: sent.message_id if markup is not None else None})
    return sent


async def remember_view(state: FSMContext, key: str, message: Message) -> None:
    """``message`` (edited in place) is now the live copy of the screen kept under ``key``."""
    await state.update_data({key: message.message_id})
