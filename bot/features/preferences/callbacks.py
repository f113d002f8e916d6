"""CallbackData of /preferences."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class PrefAction(StrEnum):
    EDIT = "e"  # value: Step
    TOGGLE = "t"  # value: PrefFlag
    RESET = "r"
    RESET_CONFIRM = "rc"
    SHOW = "v"
    LOW_PAY = "lp"  # "show low pay again": forget the learned pay limit


class PrefFlag(StrEnum):
    SALARY_FLOOR = "floor"
    ONLY_MY_CITY = "city"
    EXCLUDE_APPLIED = "appl"
    REMOTE_OK = "rem"


class PreferencesCb(CallbackData, prefix="pf"):
    action: PrefAction
    value: str = ""
