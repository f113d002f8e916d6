"""CallbackData of the /jobs feed's navigation (the card's own buttons: bot.ui.callbacks)."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from bot.ui.callbacks import CbInt


class FeedAction(StrEnum):
    PAGE = "p"  # value: the page to show (from 0)
    REFRESH = "r"


class FeedCb(CallbackData, prefix="jf"):
    """/jobs navigation."""

    action: FeedAction
    page: CbInt = 0
