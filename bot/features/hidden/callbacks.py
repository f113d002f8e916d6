"""CallbackData of /hidden. The ids are checked against the acting user by the service, so
a forged callback naming someone else's hidden employer or vacancy changes nothing."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from bot.ui.callbacks import CbInt


class HiddenAction(StrEnum):
    PAGE = "p"
    EMPLOYER = "e"  # show the employer's vacancies again: ``id`` is the hidden row's id
    VACANCY = "v"  # offer the vacancy again: ``id`` is its recommendation id


class HiddenCb(CallbackData, prefix="hn"):
    action: HiddenAction
    id: CbInt = 0
    page: CbInt = 0
