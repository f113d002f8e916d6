"""The /preferences screen: everything the bot believes about the user, with buttons."""

from __future__ import annotations

import logging

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.features.onboarding.callbacks import Step
from bot.features.preferences.callbacks import PrefAction, PreferencesCb, PrefFlag
from bot.i18n import Translator
from bot.services import Services
from bot.ui.keyboards import button, grid
from bot.ui.names import job_title_names, skill_name, skill_names
from bot.ui.render import trim_html_to
from core.domain.hh_errors import HHError
from core.domain.place_names import place_name
from core.domain.preferences import SalaryExpectation, UserPreferences
from core.domain.roles import ROLES_BY_KEY, roles_of_titles
from core.domain.salary import format_salary
from core.domain.scoring import EXPLICIT_EXCLUSION_WEIGHT as NEVER_FROM
from core.domain.shares import whole_percents
from core.domain.skills import CATEGORIES
from core.services.users import UserProfile

logger = logging.getLogger(__name__)

MAX_KEYWORDS = 10
EDITABLE_STEPS: tuple[Step, ...] = (
    Step.TITLES,
    Step.SKILLS,
    Step.CATEGORIES,
    Step.EXPERIENCE,
    Step.CITY,
    Step.WORK_FORMAT,
    Step.EMPLOYMENT,
    Step.SALARY,
)


def _flag(value: bool, t: Translator) -> str:
    return t("common.on") if value else t("common.off")


def _names(values: list[str], t: Translator, empty: str = "onboarding.any") -> str:
    return ", ".join(values) if values else t(empty)


def _salary(salary: SalaryExpectation, t: Translator) -> str:
    low, high = salary.minimum, salary.maximum
    if low is not None and high is not None:
        return t(
            "onboarding.salary.range",
            low=format_salary(low, salary.currency),
            high=format_salary(high, salary.currency),
        )
    if low is not None:
        return t("onboarding.salary.from", amount=format_salary(low, salary.currency))
    if high is not None:
        return t("onboarding.salary.to", amount=format_salary(high, salary.currency))
    return t("onboarding.not_set")


def _keywords(weights: dict[str, float]) -> list[str]:
    ordered = sorted(weights.items(), key=lambda item: -abs(item[1]))
    return [word for word, _ in ordered[:MAX_KEYWORDS]]


def _more_of(prefs: UserPreferences, t: Translator) -> list[str]:
    """Liked roles learned from 👍 (beyond the person's own titles), then liked keywords."""
    own = set(roles_of_titles(prefs.job_titles))
    liked = sorted(
        (key for key, weight in prefs.role_affinity.items() if weight > 0 and key not in own),
        key=lambda key: -prefs.role_affinity[key],
    )
    roles = [ROLES_BY_KEY[key].name(t.language) for key in liked if key in ROLES_BY_KEY]
    return [*roles, *skill_names(_keywords(prefs.positive_keywords), t)][:MAX_KEYWORDS]


def _avoided(prefs: UserPreferences) -> list[str]:
    """Weaknesses and "never show" exclusions: what the person asked not to see."""
    never = [word for word, weight in prefs.negative_keywords.items() if abs(weight) >= NEVER_FROM]
    return list(dict.fromkeys([*prefs.avoided_skills, *never]))


def _soft(weights: dict[str, float]) -> dict[str, float]:
    """ "Less of" penalties; a "never show" exclusion is listed under Avoid instead."""
    return {word: weight for word, weight in weights.items() if abs(weight) < NEVER_FROM}


def _pay_limit(prefs: UserPreferences, t: Translator) -> list[str]:
    limit = prefs.learned_limits.pay_limit
    if limit is None:
        return []
    return [t("preferences.limit.pay", amount=format_salary(limit, prefs.salary.currency))]


def _hidden(prefs: UserPreferences, t: Translator) -> list[str]:
    """What 👍 / 👎 taught not to show: a firm pay limit."""
    return _pay_limit(prefs, t) if prefs.learned_limits.hides_low_pay else []


def _limits(prefs: UserPreferences, t: Translator) -> list[str]:
    """What 👍 / 👎 taught to rank lower (fading); a firm pay limit is under "Not shown"."""
    limits = prefs.learned_limits
    shown = [] if limits.hides_low_pay else _pay_limit(prefs, t)
    if limits.experience_too_high and limits.experience_strength > 0:
        level = t(f"options.experience.{limits.experience_too_high}")
        shown.append(t("preferences.limit.experience", level=level))
    if limits.remote_strength > 0:
        shown.append(t("preferences.limit.remote"))
    return shown


def low_pay_button(prefs: UserPreferences, t: Translator) -> InlineKeyboardButton | None:
    """ "💰 Show pay up to X again" while 👍 / 👎 have taught a pay limit; None without."""
    limit = prefs.learned_limits.pay_limit
    if limit is None:
        return None
    amount = format_salary(limit, prefs.salary.currency)
    return button(t("preferences.low_pay", amount=amount), PreferencesCb(action=PrefAction.LOW_PAY))


def _percent(value: float) -> int:
    return round(value * 100)


async def _city(prefs: UserPreferences, services: Services) -> str | None:
    if not prefs.area_ids:
        return None
    try:
        return await services.preferences.area_name(prefs.area_ids[0]) or prefs.area_ids[0]
    except HHError:
        logger.warning("areas unavailable; showing the area id", exc_info=True)
        return prefs.area_ids[0]


def preferences_text(prefs: UserPreferences, city: str | None, t: Translator) -> str:
    skills = sorted(prefs.skills.items(), key=lambda item: (-item[1], item[0]))
    weights = prefs.weights.normalised()  # all-zero learned weights fall back to the defaults
    w_skills, w_location, w_salary = whole_percents(
        [weights.skills, weights.location, weights.salary]
    )
    categories = [
        CATEGORIES[key].name(t.language) if key in CATEGORIES else key for key in prefs.categories
    ]
    text = t(
        "preferences.view",
        skills=_names(
            [f"{skill_name(name, t)} ({_percent(weight)}%)" for name, weight in skills],
            t,
            "onboarding.not_set",
        ),
        preferred=_names(skill_names(prefs.preferred_skills, t), t, "common.none"),
        avoided=_names(skill_names(_avoided(prefs), t), t, "common.none"),
        categories=_names(categories, t, "onboarding.not_set"),
        city=place_name(city, t.language) if city else t("onboarding.anywhere"),
        remote=_flag(prefs.remote_ok, t),
        formats=_names([t(f"options.work_format.{v}") for v in prefs.work_formats], t),
        employment=_names([t(f"options.employment.{v}") for v in prefs.employment_forms], t),
        experience=t(f"options.experience.{prefs.experience}")
        if prefs.experience
        else t("onboarding.any"),
        salary=_salary(prefs.salary, t),
        salary_floor=_flag(prefs.salary_is_floor, t),
        only_my_city=_flag(prefs.only_my_city, t),
        exclude_applied=_flag(prefs.exclude_applied, t),
        titles=_names(job_title_names(prefs.job_titles, t), t, "onboarding.not_set"),
        more_of=_names(_more_of(prefs, t), t, "common.none"),
        less_of=_names(skill_names(_keywords(_soft(prefs.negative_keywords)), t), t, "common.none"),
        limits=_names(_limits(prefs, t), t, "common.none"),
        hidden=_names(_hidden(prefs, t), t, "common.none"),
        w_skills=w_skills,
        w_location=w_location,
        w_salary=w_salary,
    )
    return trim_html_to(text)


def preferences_keyboard(prefs: UserPreferences, t: Translator) -> InlineKeyboardMarkup:
    edits = [
        button(
            t(f"onboarding.edit.{step.value}"),
            PreferencesCb(action=PrefAction.EDIT, value=step.value),
        )
        for step in EDITABLE_STEPS
    ]
    flags = [
        (PrefFlag.REMOTE_OK, "preferences.toggle.remote", prefs.remote_ok),
        (PrefFlag.SALARY_FLOOR, "preferences.toggle.floor", prefs.salary_is_floor),
        (PrefFlag.ONLY_MY_CITY, "preferences.toggle.city", prefs.only_my_city),
        (PrefFlag.EXCLUDE_APPLIED, "preferences.toggle.applied", prefs.exclude_applied),
    ]
    toggles = [
        [
            button(
                t(key, state=_flag(value, t)),
                PreferencesCb(action=PrefAction.TOGGLE, value=flag.value),
            )
        ]
        for flag, key, value in flags
    ]
    low_pay = low_pay_button(prefs, t)
    reset = [button(t("preferences.reset"), PreferencesCb(action=PrefAction.RESET))]
    return grid(edits, width=2, footer=[*toggles, *([[low_pay]] if low_pay else []), reset])


async def preferences_view(
    user: UserProfile, services: Services, t: Translator
) -> tuple[str, InlineKeyboardMarkup | None]:
    prefs = await services.preferences.get(user.id)
    if prefs is None:
        return t("common.need_onboarding"), None
    return preferences_text(prefs, await _city(prefs, services), t), preferences_keyboard(prefs, t)
