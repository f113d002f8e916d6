"""CallbackData of /searches: a search id (re-checked as the person's own) and short enums."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from bot.ui.callbacks import CbInt


class SearchAction(StrEnum):
    LIST = "l"
    OPEN = "o"
    NEW_PROFILE = "np"  # a new search from the active one's stated preferences
    NEW_LAST = "nl"  # a new search from the last /search
    USE = "u"  # make it the one /jobs and /preferences work on
    RENAME = "r"
    PAUSE = "p"
    RESUME = "rs"
    MODE = "m"  # value: daily / weekly / off
    TIME_MENU = "tm"
    TIME_SET = "ts"  # value: HHMM, or "" for the person's digest time
    DAY_MENU = "dm"
    DAY_SET = "ds"  # value: 0..6
    QUIET_MENU = "qm"
    QUIET_SET = "qs"  # value: index into QUIET_PRESETS, or "" for none
    POLICY = "qp"  # value: silent / hold
    DELETE = "d"
    DELETE_YES = "dy"


class SearchesCb(CallbackData, prefix="ss"):
    action: SearchAction
    search_id: CbInt = 0
    value: str = ""
