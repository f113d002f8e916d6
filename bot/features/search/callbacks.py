"""CallbackData of /search."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from bot.ui.callbacks import CbInt


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
