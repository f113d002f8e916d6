"""CallbackData of onboarding (also the steps /preferences re-enters)."""

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
