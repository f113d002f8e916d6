"""CallbackData factories: ids and short enums only (packed ≤ 64 bytes).

A value is an index into a list the bot keeps in FSM data, a catalogue id, an HH id or
a step name; never free text. Services re-check ownership of any record id.
"""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


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

    skill: int
    rating: int  # 1..5; 0 = skip


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
