"""CallbackData of the feedback after 👍 / 👎 on a card.

Every record id here is checked against the acting user by the service it is given to,
so a forged callback naming someone else's record changes nothing. A "less of" chip
carries the INDEX of the keyword among the suggestions, never the keyword itself: the
handler asks the service for the suggestions again and picks by index.
"""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from bot.ui.callbacks import CbInt
from core.domain.preferences import FeedbackReason


class Fit(StrEnum):
    SKILLS = "s"
    LOCATION = "l"
    SALARY = "m"


REASON_CODES: dict[FeedbackReason, str] = {
    FeedbackReason.SKILLS: "s",
    FeedbackReason.LOCATION: "l",
    FeedbackReason.SALARY: "m",
    FeedbackReason.EXPERIENCE: "e",
    FeedbackReason.COMPANY: "c",
    FeedbackReason.OTHER: "o",
}
REASONS_BY_CODE: dict[str, FeedbackReason] = {code: r for r, code in REASON_CODES.items()}


class ReasonCb(CallbackData, prefix="fr"):
    """A reason chip after 👎: ``reason`` is a REASON_CODES value."""

    rec: CbInt
    reason: str


class LessOfCb(CallbackData, prefix="fl"):
    """ "Less of …" after 👎: ``idx`` indexes the service's suggestions for ``rec``."""

    rec: CbInt
    idx: CbInt


class FitCb(CallbackData, prefix="ff"):
    """After 👍: what fits (skills / location / salary)."""

    rec: CbInt
    fit: Fit


class RatingCb(CallbackData, prefix="fs"):
    """After 👍: a 1–5 rating."""

    rec: CbInt
    score: CbInt


class FeedbackAction(StrEnum):
    NOTE = "n"
    DONE = "d"


class FeedbackCb(CallbackData, prefix="fx"):
    action: FeedbackAction
    rec: CbInt


class HideEmployerCb(CallbackData, prefix="fh"):
    """ "Hide all vacancies from <employer>?" after the 👎 reason "this company":
    ``hide`` 1 hides the card's employer, 0 keeps them."""

    rec: CbInt
    hide: bool
