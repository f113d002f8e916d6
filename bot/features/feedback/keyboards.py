"""Keyboards of the follow-up message after 👍 / 👎 on a card."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.features.feedback.callbacks import (
    REASON_CODES,
    FeedbackAction,
    FeedbackCb,
    Fit,
    FitCb,
    HideEmployerCb,
    LessOfCb,
    RatingCb,
    ReasonCb,
)
from bot.i18n import Translator
from bot.ui.keyboards import CHECK, button, label, paired
from bot.ui.names import skill_name
from bot.ui.render import plain

RATINGS = (1, 2, 3, 4, 5)
_FITS = {
    Fit.SKILLS: "feedback.fit.skills",
    Fit.LOCATION: "feedback.fit.location",
    Fit.SALARY: "feedback.fit.salary",
}


def _closing_row(rec: int, t: Translator) -> list[InlineKeyboardButton]:
    return [
        button(t("feedback.note_button"), FeedbackCb(action=FeedbackAction.NOTE, rec=rec)),
        button(t("feedback.done_button"), FeedbackCb(action=FeedbackAction.DONE, rec=rec)),
    ]


def down_keyboard(rec: int, less_of: Sequence[str], t: Translator) -> InlineKeyboardMarkup:
    """Reason chips, "less of …" chips (by index), a note and done."""
    reasons = [
        button(t(f"feedback.reason.{reason.value}"), ReasonCb(rec=rec, reason=code))
        for reason, code in REASON_CODES.items()
    ]
    chips = [
        button(
            plain(t, "feedback.less_of", keyword=skill_name(keyword, t)),
            LessOfCb(rec=rec, idx=index),
        )
        for index, keyword in enumerate(less_of)
    ]
    # Two to a row only when both labels fit half a phone's width (one per row else):
    # «Меньше: Kubernetes» must not be cut to «Меньш…».
    rows = [*paired(reasons), *paired(chips), _closing_row(rec, t)]
    return InlineKeyboardMarkup(inline_keyboard=[row for row in rows if row])


def hide_employer_keyboard(rec: int, t: Translator) -> InlineKeyboardMarkup:
    """[🚫 Hide] [Keep]: the question before hiding a whole employer."""
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                button(t("feedback.hide_yes"), HideEmployerCb(rec=rec, hide=True)),
                button(t("feedback.hide_no"), HideEmployerCb(rec=rec, hide=False)),
            ]
        ]
    )


def up_keyboard(rec: int, t: Translator) -> InlineKeyboardMarkup:
    """What fits (skills / location / salary), a 1–5 rating, a note and done."""
    fits = [button(t(key), FitCb(rec=rec, fit=fit)) for fit, key in _FITS.items()]
    ratings = [button(f"{score}⭐", RatingCb(rec=rec, score=score)) for score in RATINGS]
    return InlineKeyboardMarkup(inline_keyboard=[fits, ratings, _closing_row(rec, t)])


def _unchecked(text: str) -> str:
    prefix = f"{CHECK} "
    return text[len(prefix) :] if text.startswith(prefix) else text


def mark_chosen(
    markup: InlineKeyboardMarkup | None, pressed: str, *, exclusive_prefix: str | None = None
) -> InlineKeyboardMarkup | None:
    """The same keyboard with ✅ on the pressed button; with ``exclusive_prefix``, the
    other buttons of that group (a single choice: reason, rating) lose their ✅."""
    if markup is None:
        return None
    rows: list[list[InlineKeyboardButton]] = []
    for row in markup.inline_keyboard:
        new_row = []
        for btn in row:
            data = btn.callback_data or ""
            if data == pressed:
                btn = btn.model_copy(update={"text": label(_unchecked(btn.text), checked=True)})
            elif exclusive_prefix and data.startswith(exclusive_prefix):
                btn = btn.model_copy(update={"text": _unchecked(btn.text)})
            new_row.append(btn)
        rows.append(new_row)
    return InlineKeyboardMarkup(inline_keyboard=rows)
