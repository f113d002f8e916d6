"""CallbackData of /saved (the shortlist). The saved job id is checked against the acting
user by the service, so a forged callback naming someone else's record changes nothing."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from bot.ui.callbacks import CbInt
from core.domain.preferences import SavedJobStatus
from core.services.saved import ApplyAnswer


class SavedAction(StrEnum):
    LIST = "l"
    OPEN = "o"
    STATUS = "st"  # code: STATUS_CODES value
    NOTE = "n"
    REMIND = "r"  # code: REMINDER_CODES value
    REMIND_TYPE = "rt"
    REMIND_OFF = "rx"
    BACK = "b"  # take back the last status move
    INTERVIEW_AT = "ia"  # type the interview's date and time


STATUS_CODES: dict[SavedJobStatus, str] = {
    SavedJobStatus.SAVED: "s",
    SavedJobStatus.APPLIED: "a",
    SavedJobStatus.NO_ANSWER: "q",
    SavedJobStatus.INTERVIEW: "i",
    SavedJobStatus.OFFER: "o",
    SavedJobStatus.HIRED: "h",
    SavedJobStatus.REJECTED: "r",
}
STATUSES_BY_CODE: dict[str, SavedJobStatus] = {code: s for s, code in STATUS_CODES.items()}


class SavedCb(CallbackData, prefix="sj"):
    """/saved: ``saved`` is the saved job id (0 for the list itself)."""

    action: SavedAction
    saved: CbInt = 0
    code: str = ""


class ApplyPlace(StrEnum):
    QUESTION = "q"  # the "Did you apply?" message: the answer replaces it
    DETAILS = "d"  # "✅ I applied" under a vacancy's details: the details stay


class ApplyCb(CallbackData, prefix="ap"):
    """An answer to "Did you apply?": ``rec`` is the recommendation id."""

    rec: CbInt
    answer: ApplyAnswer
    place: ApplyPlace = ApplyPlace.QUESTION
