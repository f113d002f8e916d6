"""Keyboards of the onboarding dialog (also used when /preferences re-enters a step)."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.features.onboarding.callbacks import OnbAction, OnboardingCb, Step
from bot.i18n import Translator
from bot.ui.keyboards import button, grid, label
from core.domain.place_names import place_name

SUMMARY_STEPS: tuple[Step, ...] = tuple(Step)


def _cb(action: OnbAction, value: str = "") -> OnboardingCb:
    return OnboardingCb(action=action, value=value)


def toggle(text: str, value: str, *, checked: bool) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=label(text, checked=checked), callback_data=_cb(OnbAction.TOGGLE, value).pack()
    )


def nav_rows(
    t: Translator, *, back: bool, next_: bool, extra: Sequence[InlineKeyboardButton] = ()
) -> list[list[InlineKeyboardButton]]:
    """[extra…], [Back] [Next], [Cancel]."""
    middle: list[InlineKeyboardButton] = []
    if back:
        middle.append(button(t("common.back"), _cb(OnbAction.BACK)))
    if next_:
        middle.append(button(t("common.next"), _cb(OnbAction.NEXT)))
    return [list(extra), middle, [button(t("common.cancel"), _cb(OnbAction.CANCEL))]]


def multi_select(
    t: Translator,
    options: Sequence[tuple[str, str]],
    selected: set[str],
    *,
    back: bool,
    width: int = 2,
    extra: Sequence[InlineKeyboardButton] = (),
) -> InlineKeyboardMarkup:
    """Toggles (value, label) with ✅ on the chosen ones, then Back / Next / Cancel."""
    toggles = [toggle(text, value, checked=value in selected) for value, text in options]
    return grid(toggles, width=width, footer=nav_rows(t, back=back, next_=True, extra=extra))


def single_select(
    t: Translator,
    options: Sequence[tuple[str, str]],
    current: str | None,
    *,
    back: bool,
) -> InlineKeyboardMarkup:
    choices = [
        InlineKeyboardButton(
            text=label(text, checked=value == current),
            callback_data=_cb(OnbAction.PICK, value).pack(),
        )
        for value, text in options
    ]
    return grid(choices, width=1, footer=nav_rows(t, back=back, next_=False))


def city(
    t: Translator, candidates: Sequence[tuple[str, str]], *, back: bool
) -> InlineKeyboardMarkup:
    picks = [
        button(place_name(name, t.language), _cb(OnbAction.PICK, area_id))
        for area_id, name in candidates
    ]
    anywhere = [button(t("onboarding.city.anywhere"), _cb(OnbAction.ANYWHERE))]
    return grid(picks, width=1, footer=nav_rows(t, back=back, next_=False, extra=anywhere))


def salary(t: Translator, *, back: bool) -> InlineKeyboardMarkup:
    skip = [button(t("common.skip"), _cb(OnbAction.SKIP))]
    return grid([], footer=nav_rows(t, back=back, next_=False, extra=skip))


def add_anyway(t: Translator) -> InlineKeyboardButton:
    return button(t("onboarding.skills.add_anyway"), _cb(OnbAction.PICK, "add"))


def summary(t: Translator) -> InlineKeyboardMarkup:
    edits = [
        button(t(f"onboarding.edit.{step.value}"), _cb(OnbAction.EDIT, step.value))
        for step in SUMMARY_STEPS
    ]
    footer = [
        [button(t("onboarding.confirm"), _cb(OnbAction.CONFIRM))],
        [button(t("common.cancel"), _cb(OnbAction.CANCEL))],
    ]
    return grid(edits, width=2, footer=footer)
