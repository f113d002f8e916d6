"""CallbackData of /saved (the shortlist). The saved job id is checked against the acting
user by the service, so a forged callback naming someone else's record changes nothing."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from bot.ui.callbacks import CbInt
from core.domain.preferences import SavedJobStatus


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
