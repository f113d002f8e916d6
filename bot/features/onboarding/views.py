"""What each onboarding step and the summary look like: prompt text and keyboard."""

from __future__ import annotations

from collections.abc import Callable

from aiogram.types import InlineKeyboardMarkup

from bot.features.onboarding import keyboards as kb
from bot.features.onboarding.callbacks import Step
from bot.features.onboarding.draft import NEW, ORDER, Dialog
from bot.i18n import Translator
from bot.ui.names import job_title_name, job_title_names, skill_name, skill_names
from bot.ui.render import trim_html_to
from core.domain.job_titles import suggest_job_titles
from core.domain.onboarding import (
    EMPLOYMENT_OPTIONS,
    EXPERIENCE_OPTIONS,
    WORK_FORMAT_OPTIONS,
    OnboardingAnswers,
)
from core.domain.place_names import place_name
from core.domain.preferences import SalaryExpectation
from core.domain.salary import format_salary
from core.domain.skills import CATEGORIES, skills_for_categories

MAX_SKILL_OPTIONS = 80  # Telegram allows 100 buttons; the rest is navigation
MAX_TITLE_OPTIONS = 8

StepView = tuple[str, InlineKeyboardMarkup]


def _category_name(key: str, t: Translator) -> str:
    category = CATEGORIES.get(key)
    if category is None:
        return key
    return category.name(t.language)


def _list(values: list[str], t: Translator, empty_key: str = "onboarding.any") -> str:
    return ", ".join(values) if values else t(empty_key)


def salary_text(salary: SalaryExpectation | None, t: Translator) -> str:
    if salary is None or (salary.minimum is None and salary.maximum is None):
        return t("onboarding.not_set")
    if salary.minimum is not None and salary.maximum is not None:
        return t(
            "onboarding.salary.range",
            low=format_salary(salary.minimum, salary.currency),
            high=format_salary(salary.maximum, salary.currency),
        )
    if salary.minimum is not None:
        return t("onboarding.salary.from", amount=format_salary(salary.minimum, salary.currency))
    assert salary.maximum is not None
    return t("onboarding.salary.to", amount=format_salary(salary.maximum, salary.currency))


def summary_text(dialog: Dialog, t: Translator) -> str:
    a = dialog.answers
    area_name = dialog.raw.get("area_name") if a.area_ids else None
    city = place_name(area_name, t.language) if area_name else None
    return t(
        "onboarding.summary",
        categories=_list([_category_name(key, t) for key in a.categories], t),
        skills=_list(skill_names(a.skills, t), t),
        experience=t(f"options.experience.{a.experience}") if a.experience else t("onboarding.any"),
        city=city or (a.area_ids[0] if a.area_ids else t("onboarding.anywhere")),
        formats=_list([t(f"options.work_format.{v}") for v in a.work_formats], t),
        employment=_list([t(f"options.employment.{v}") for v in a.employment_forms], t),
        salary=salary_text(a.salary, t),
        titles=_list(job_title_names(a.job_titles or [], t), t, "onboarding.not_set"),
    )


def _skill_options(answers: OnboardingAnswers) -> list[str]:
    """Chosen skills first (typed ones included), then the catalogue's, capped."""
    options = list(dict.fromkeys([*answers.skills, *skills_for_categories(answers.categories)]))
    return options[:MAX_SKILL_OPTIONS]


def _selected_indexes(offered: list[str], chosen: list[str]) -> set[str]:
    chosen_set = set(chosen)
    return {str(index) for index, name in enumerate(offered) if name in chosen_set}


def _options(group: str, values: tuple[str, ...], t: Translator) -> list[tuple[str, str]]:
    """(HH id, label) pairs of one dictionary, labels from the locale's ``options.<group>``."""
    return [(value, t(f"options.{group}.{value}")) for value in values]


# ------------------------------------------------------------------ one view per step


def _categories_view(dialog: Dialog, t: Translator, back: bool) -> StepView:
    options = [(key, _category_name(key, t)) for key in CATEGORIES]
    chosen = set(dialog.answers.categories)
    text = t("onboarding.categories.ask")
    if dialog.mode == NEW:  # a fresh start: a resume file can fill every step at once
        text = f"{text}\n\n{t('resume.onboarding_offer')}"
    return text, kb.multi_select(t, options, chosen, back=back)


def _skills_view(dialog: Dialog, t: Translator, back: bool) -> StepView:
    """Remembers the offered skills in ``dialog.raw``: toggles carry their index."""
    a = dialog.answers
    offered = _skill_options(a)
    dialog.raw["skill_options"] = offered
    pending = dialog.raw.get("pending_skills") or []
    extra = [kb.add_anyway(t)] if pending else []
    chosen = _list(skill_names(a.skills, t), t, "onboarding.skills.none_chosen")
    text = trim_html_to(t("onboarding.skills.ask", chosen=chosen), 3000)
    options = [(str(index), skill_name(name, t)) for index, name in enumerate(offered)]
    selected = _selected_indexes(offered, a.skills)
    return text, kb.multi_select(t, options, selected, back=back, extra=extra)


def _experience_view(dialog: Dialog, t: Translator, back: bool) -> StepView:
    options = _options("experience", EXPERIENCE_OPTIONS, t)
    chosen = dialog.answers.experience
    return t("onboarding.experience.ask"), kb.single_select(t, options, chosen, back=back)


def _city_view(dialog: Dialog, t: Translator, back: bool) -> StepView:
    candidates = [tuple(pair) for pair in dialog.raw.get("city_options") or []]
    return t("onboarding.city.ask"), kb.city(t, candidates, back=back)


def _work_format_view(dialog: Dialog, t: Translator, back: bool) -> StepView:
    options = _options("work_format", WORK_FORMAT_OPTIONS, t)
    chosen = set(dialog.answers.work_formats)
    return t("onboarding.work_format.ask"), kb.multi_select(t, options, chosen, back=back)


def _employment_view(dialog: Dialog, t: Translator, back: bool) -> StepView:
    options = _options("employment", EMPLOYMENT_OPTIONS, t)
    chosen = set(dialog.answers.employment_forms)
    return t("onboarding.employment.ask"), kb.multi_select(t, options, chosen, back=back)


def _salary_view(dialog: Dialog, t: Translator, back: bool) -> StepView:
    return t("onboarding.salary.ask"), kb.salary(t, back=back)


def title_options(answers: OnboardingAnswers) -> list[str]:
    """Chosen titles first, then the roles their skills and fields suggest."""
    suggested = suggest_job_titles(answers.skills, MAX_TITLE_OPTIONS, fields=answers.categories)
    return list(dict.fromkeys([*(answers.job_titles or []), *suggested]))[:MAX_TITLE_OPTIONS]


def _titles_view(dialog: Dialog, t: Translator, back: bool) -> StepView:
    """Remembers the offered titles in ``dialog.raw``: toggles carry their index."""
    a = dialog.answers
    offered = title_options(a)
    dialog.raw["title_options"] = offered
    chosen = _list(job_title_names(a.job_titles or [], t), t, "onboarding.skills.none_chosen")
    text = trim_html_to(t("onboarding.titles.ask", chosen=chosen), 3000)
    options = [(str(index), job_title_name(name, t)) for index, name in enumerate(offered)]
    selected = _selected_indexes(offered, a.job_titles or [])
    return text, kb.multi_select(t, options, selected, back=True)


STEP_VIEWS: dict[Step, Callable[[Dialog, Translator, bool], StepView]] = {
    Step.CATEGORIES: _categories_view,
    Step.SKILLS: _skills_view,
    Step.EXPERIENCE: _experience_view,
    Step.CITY: _city_view,
    Step.WORK_FORMAT: _work_format_view,
    Step.EMPLOYMENT: _employment_view,
    Step.SALARY: _salary_view,
    Step.TITLES: _titles_view,
}


def step_view(step: Step, dialog: Dialog, t: Translator) -> StepView:
    """The prompt and keyboard of a step; may update ``dialog.raw`` (offered options)."""
    back = step != ORDER[0] or dialog.back_allowed_first
    return STEP_VIEWS[step](dialog, t, back)
