"""CallbackData factories of /jobs, feedback, /saved, /search (ids and short codes only).

Every record id here is checked against the acting user by the service it is given to,
so a forged callback naming someone else's record changes nothing. A "less of" chip
carries the INDEX of the keyword among the suggestions, never the keyword itself: the
handler asks the service for the suggestions again and picks by index.
"""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from bot.callbacks import CbInt
from core.domain.preferences import FeedbackReason, SavedJobStatus


class CardAction(StrEnum):
    LIKE = "up"
    DISLIKE = "dn"
    SAVE = "sv"
    DETAILS = "dt"
    HIDE = "hd"
    # The same buttons when their flag is on (👍✓, 👎✓, ★ saved): a tap repeats the
    # action; the code lets a handler re-draw the keyboard from the message alone.
    LIKED = "u1"
    DISLIKED = "d1"
    SAVED = "s1"


# The action a tap means, whatever flag the button showed.
TAP_ACTION: dict[CardAction, CardAction] = {
    **{action: action for action in CardAction},
    CardAction.LIKED: CardAction.LIKE,
    CardAction.DISLIKED: CardAction.DISLIKE,
    CardAction.SAVED: CardAction.SAVE,
}


class CardCb(CallbackData, prefix="jc"):
    """A button on a vacancy card: ``rec`` is the recommendation id."""

    action: CardAction
    rec: CbInt


class FeedAction(StrEnum):
    PAGE = "p"  # value: the page to show (from 0)
    REFRESH = "r"


class FeedCb(CallbackData, prefix="jf"):
    """/jobs navigation."""

    action: FeedAction
    page: CbInt = 0


class SearchAction(StrEnum):
    PAGE = "p"
    REMOTE = "rm"  # toggle "include remote"
    APPLIED = "ap"  # toggle "exclude applied"
    CITY = "c"  # ask for a city
    SALARY = "s"  # ask for a minimum salary
    CITY_PICK = "cp"  # page: index into the offered cities (FSM data)


class SearchCb(CallbackData, prefix="js"):
    """/search navigation; the overrides themselves live in FSM data."""

    action: SearchAction
    page: CbInt = 0


class Fit(StrEnum):
    SKILLS = "s"
    LOCATION = "l"
    SALARY = "m"


REASON_CODES: dict[FeedbackReason, str] = {
    FeedbackReason.SKILLS: "s",
    FeedbackReason.LOCATION: "l",
    FeedbackReason.SALARY: "m",
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


class SavedAction(StrEnum):
    LIST = "l"
    OPEN = "o"
    STATUS = "st"  # code: STATUS_CODES value
    NOTE = "n"
    REMIND = "r"  # code: REMINDER_CODES value
    REMIND_TYPE = "rt"
    REMIND_OFF = "rx"


STATUS_CODES: dict[SavedJobStatus, str] = {
    SavedJobStatus.SAVED: "s",
    SavedJobStatus.APPLIED: "a",
    SavedJobStatus.INTERVIEW: "i",
    SavedJobStatus.HIRED: "h",
    SavedJobStatus.REJECTED: "r",
}
STATUSES_BY_CODE: dict[str, SavedJobStatus] = {code: s for s, code in STATUS_CODES.items()}


class SavedCb(CallbackData, prefix="sj"):
    """/saved: ``saved`` is the saved job id (0 for the list itself)."""

    action: SavedAction
    saved: CbInt = 0
    code: str = ""
