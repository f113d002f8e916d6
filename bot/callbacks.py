"""CallbackData factories: ids and short enums only (packed ≤ 64 bytes).

A value is an index into a list the bot keeps in FSM data, a catalogue id, an HH id or
a step name; never free text. Services re-check ownership of any record id.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from aiogram.filters.callback_data import CallbackData
from pydantic import Field

# Every number in callback data is bounded: a forged one (say 10**30) must fail to parse,
# so the fallback answers the tap, rather than reach the database and overflow there.
MAX_CALLBACK_INT = 2**31 - 1  # every id column and index fits
CbInt = Annotated[int, Field(ge=0, le=MAX_CALLBACK_INT)]


def callback_index(value: str) -> int:
    """A list index carried as text in a callback value; -1 for anything else (not only
    ASCII digits, e.g. "²", which str.isdigit accepts and int() refuses; or too long)."""
    if value.isascii() and value.isdigit() and len(value) <= 9:
        return int(value)
    return -1


class Step(StrEnum):
    """Onboarding steps; also the fields /preferences can edit by re-entering one."""

    CATEGORIES = "cat"
    SKILLS = "skl"
    EXPERIENCE = "exp"
    CITY = "city"
    WORK_FORMAT = "fmt"
    EMPLOYMENT = "emp"
    SALARY = "sal"
    TITLES = "ttl"  # reached from the summary and /preferences, not in the step order


class OnbAction(StrEnum):
    TOGGLE = "t"  # multi-select option (value: option id or index)
    PICK = "p"  # single choice (value: option id)
    NEXT = "n"
    BACK = "b"
    SKIP = "s"
    ANYWHERE = "any"
    EDIT = "e"  # summary: re-enter a step (value: Step)
    CONFIRM = "ok"
    CANCEL = "x"
    RESTART = "go"  # "set up again" from /start: a fresh onboarding from any state


class OnboardingCb(CallbackData, prefix="ob"):
    action: OnbAction
    value: str = ""


class AssessmentCb(CallbackData, prefix="as"):
    """A self-rating: ``skill`` is the index into the rated list kept in FSM data."""

    skill: CbInt
    rating: CbInt  # 1..5; 0 = skip


class AssessAction(StrEnum):
    START = "go"
    CANCEL = "x"


class AssessmentNavCb(CallbackData, prefix="asn"):
    action: AssessAction


class PrefAction(StrEnum):
    EDIT = "e"  # value: Step
    TOGGLE = "t"  # value: PrefFlag
    RESET = "r"
    RESET_CONFIRM = "rc"
    SHOW = "v"


class PrefFlag(StrEnum):
    SALARY_FLOOR = "floor"
    ONLY_MY_CITY = "city"
    EXCLUDE_APPLIED = "appl"
    REMOTE_OK = "rem"


class PreferencesCb(CallbackData, prefix="pf"):
    action: PrefAction
    value: str = ""


class SettingsAction(StrEnum):
    DIGEST_TOGGLE = "dg"
    TIME_MENU = "tm"
    TIME_SET = "ts"  # value: HHMM
    TZ_MENU = "zm"
    TZ_SET = "zs"  # value: index into COMMON_TIMEZONES
    LANGUAGE = "lg"  # value: en / ru
    SHOW = "v"


class SettingsCb(CallbackData, prefix="st"):
    action: SettingsAction
    value: str = ""


class DeleteAction(StrEnum):
    CONFIRM = "yes"
    CANCEL = "no"


class DeleteMeCb(CallbackData, prefix="del"):
    action: DeleteAction
