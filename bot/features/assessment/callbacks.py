"""CallbackData of the skill self-assessment."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from bot.ui.callbacks import CbInt


class AssessmentCb(CallbackData, prefix="as"):
    """A self-rating: ``skill`` is the index into the rated list kept in FSM data."""

    skill: CbInt
    rating: CbInt  # 1..5; 0 = skip


class AssessAction(StrEnum):
    START = "go"
    CANCEL = "x"


class AssessmentNavCb(CallbackData, prefix="asn"):
    action: AssessAction
