"""Small building blocks shared by every feature's keyboards."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

CHECK = "✅"
MAX_LABEL = 60  # a longer label is cut: Telegram shows only the start on a phone anyway


def label(text: str, *, checked: bool | None = None) -> str:
    """A button label; ``checked`` adds the ✅ of a multi-select toggle."""
    text = text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"
    return f"{CHECK} {text}" if checked else text


def button(text: str, data: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=label(text), callback_data=data.pack())


def single_button(text: str, data: CallbackData) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[button(text, data)]])


def grid(
    buttons: Iterable[InlineKeyboardButton],
    *,
    width: int = 2,
    footer: Sequence[Sequence[InlineKeyboardButton]] = (),
) -> InlineKeyboardMarkup:
    """Buttons ``width`` per row, then the footer rows (navigation) as given."""
    builder = InlineKeyboardBuilder()
    items = list(buttons)
    if items:
        builder.row(*items, width=width)
    for row in footer:
        if row:
            builder.row(*row)
    return builder.as_markup()


def rows(*rows: Sequence[InlineKeyboardButton]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[list(row) for row in rows if row])
