"""CallbackData of /settings and /deleteme."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class SettingsAction(StrEnum):
    DIGEST_TOGGLE = "dg"
    TIME_MENU = "tm"
    TIME_SET = "ts"  # value: HHMM
    TZ_MENU = "zm"
    TZ_SET = "zs"  # value: index into COMMON_TIMEZONES
    LANGUAGE = "lg"  # value: en / ru
    SHOW = "v"
    TEST_DIGEST = "td"  # send me a test digest now


class SettingsCb(CallbackData, prefix="st"):
    action: SettingsAction
    value: str = ""


class DeleteAction(StrEnum):
    CONFIRM = "yes"
    CANCEL = "no"


class DeleteMeCb(CallbackData, prefix="del"):
    action: DeleteAction
