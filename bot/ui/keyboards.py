"""Small building blocks shared by every feature's keyboards."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

CHECK = "✅"
MAX_LABEL = 60  # a longer label is cut: Telegram shows only the start on a phone anyway
# What a phone shows of a label in a two-button row (~20 characters); a longer label
# gets a row of its own (paired) rather than being cut to «Меньш…».
HALF_ROW_LABEL = 20


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


def paired(
    buttons: Sequence[InlineKeyboardButton], *, limit: int = HALF_ROW_LABEL
) -> list[list[InlineKeyboardButton]]:
    """Rows of two buttons whose labels both fit half a row, else one to a row; the
    order is kept."""
    rows: list[list[InlineKeyboardButton]] = []
    for btn in buttons:
        last = rows[-1] if rows else None
        fits = len(btn.text) <= limit
        if last is not None and len(last) == 1 and fits and len(last[0].text) <= limit:
            last.append(btn)
        else:
            rows.append([btn])
    return rows
