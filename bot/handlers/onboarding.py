"""Onboarding: a multi-step form (fields → skills → experience → city → work format →
employment → salary → summary) with Back, Cancel and "edit any step" from the summary.

The same steps are re-entered from /preferences to edit one field (mode "preferences").
FSM data (in the database, so it survives a restart):

- ``answers``: the draft, ``core.profile.dump_answers(OnboardingAnswers)``
- ``mode``: "new" (step after step) | "summary" (back to the summary) | "preferences"
- ``skill_options``: the skills offered as toggles (callbacks carry an index)
- ``pending_skills``: typed skills not in the catalogue, waiting for "add anyway"
- ``city_options``: [area id, name] pairs offered as buttons; ``area_name``: the city
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.callbacks import OnbAction, OnboardingCb, Step
from bot.handlers.jobs_entry import show_recommendations
from bot.i18n import Translator
from bot.keyboards import onboarding as kb
from bot.render import echo, trim_html_to
from bot.services import Services
from bot.states import Onboarding
from bot.views.preferences import preferences_view
from core.areas import MAX_CITY_TEXT
from core.hh.errors import HHError
from core.onboarding import (
    EMPLOYMENT_OPTIONS,
    EXPERIENCE_OPTIONS,
    WORK_FORMAT_OPTIONS,
    OnboardingAnswers,
)
from core.preferences import SalaryExpectation
from core.profile import answers_from_preferences, dump_answers, load_answers
from core.salary import format_salary, parse_salary
from core.skills import CATEGORIES, is_known_skill, skills_for_categories
from core.skills_text import parse_skills_text
from core.users import UserProfile

logger = logging.getLogger(__name__)
router = Router(name="onboarding")

ORDER: tuple[Step, ...] = (
    Step.CATEGORIES, Step.SKILLS, Step.EXPERIENCE, Step.CITY, Step.WORK_FORMAT,
    Step.EMPLOYMENT, Step.SALARY,
)  # fmt: skip
STATES: dict[Step, State] = {
    Step.CATEGORIES: Onboarding.categories,
    Step.SKILLS: Onboarding.skills,
    Step.EXPERIENCE: Onboarding.experience,
    Step.CITY: Onboarding.city,
    Step.WORK_FORMAT: Onboarding.work_format,
    Step.EMPLOYMENT: Onboarding.employment,
    Step.SALARY: Onboarding.salary,
}
MAX_SKILL_OPTIONS = 80  # Telegram allows 100 buttons; the rest is navigation

NEW, SUMMARY, PREFERENCES = "new", "summary", "preferences"


# ============================================================================ the draft


@dataclass
class Dialog:
    """The FSM data of the dialog, typed."""

    answers: OnboardingAnswers
    mode: str
    raw: dict[str, Any]

    @classmethod
    async def load(cls, state: FSMContext) -> Dialog:
        data = await state.get_data()
        return cls(load_answers(data.get("answers")), data.get("mode", NEW), data)

    async def save(self, state: FSMContext, **extra: Any) -> None:
        self.raw.update(extra, answers=dump_answers(self.answers), mode=self.mode)
        await state.set_data(self.raw)

    @property
    def back_allowed_first(self) -> bool:
        return self.mode != NEW


# ============================================================================ rendering


def _category_name(key: str, t: Translator) -> str:
    category = CATEGORIES.get(key)
    if category is None:
        return key
    return category.name_ru if t.language == "ru" else category.name_en


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
    city = dialog.raw.get("area_name") if a.area_ids else None
    return t(
        "onboarding.summary",
        categories=_list([_category_name(key, t) for key in a.categories], t),
        skills=_list(a.skills, t),
        experience=t(f"options.experience.{a.experience}") if a.experience else t("onboarding.any"),
        city=city or (a.area_ids[0] if a.area_ids else t("onboarding.anywhere")),
        formats=_list([t(f"options.work_format.{v}") for v in a.work_formats], t),
        employment=_list([t(f"options.employment.{v}") for v in a.employment_forms], t),
        salary=salary_text(a.salary, t),
    )


def _skill_options(answers: OnboardingAnswers) -> list[str]:
    """Chosen skills first (typed ones included), then the catalogue's, capped."""
    options = list(dict.fromkeys([*answers.skills, *skills_for_categories(answers.categories)]))
    return options[:MAX_SKILL_OPTIONS]


def step_view(step: Step, dialog: Dialog, t: Translator) -> tuple[str, InlineKeyboardMarkup]:
    """The prompt and keyboard of a step; may update ``dialog.raw`` (offered options)."""
    a = dialog.answers
    back = step != ORDER[0] or dialog.back_allowed_first
    if step is Step.CATEGORIES:
        options = [(key, _category_name(key, t)) for key in CATEGORIES]
        return t("onboarding.categories.ask"), kb.multi_select(
            t, options, set(a.categories), back=back
        )
    if step is Step.SKILLS:
        offered = _skill_options(a)
        dialog.raw["skill_options"] = offered
        pending = dialog.raw.get("pending_skills") or []
        extra = [kb.add_anyway(t)] if pending else []
        chosen = _list(a.skills, t, "onboarding.skills.none_chosen")
        text = trim_html_to(t("onboarding.skills.ask", chosen=chosen), 3000)
        options = [(str(index), name) for index, name in enumerate(offered)]
        return text, kb.multi_select(t, options, _selected_indexes(offered, a.skills),
                                     back=back, extra=extra)
    if step is Step.EXPERIENCE:
        options = [(value, t(f"options.experience.{value}")) for value in EXPERIENCE_OPTIONS]
        return t("onboarding.experience.ask"), kb.single_select(t, options, a.experience, back=back)
    if step is Step.CITY:
        candidates = [tuple(pair) for pair in dialog.raw.get("city_options") or []]
        return t("onboarding.city.ask"), kb.city(t, candidates, back=back)  # type: ignore[arg-type]
    if step is Step.WORK_FORMAT:
        options = [(value, t(f"options.work_format.{value}")) for value in WORK_FORMAT_OPTIONS]
        return t("onboarding.work_format.ask"), kb.multi_select(
            t, options, set(a.work_formats), back=back
        )
    if step is Step.EMPLOYMENT:
        options = [(value, t(f"options.employment.{value}")) for value in EMPLOYMENT_OPTIONS]
        return t("onboarding.employment.ask"), kb.multi_select(
            t, options, set(a.employment_forms), back=back
        )
    return t("onboarding.salary.ask"), kb.salary(t, back=back)


def _selected_indexes(offered: list[str], chosen: list[str]) -> set[str]:
    chosen_set = set(chosen)
    return {str(index) for index, name in enumerate(offered) if name in chosen_set}


async def _show(
    message: Message, text: str, markup: InlineKeyboardMarkup | None, *, edit: bool
) -> None:
    """Edit the bot's message in place (after a button) or send a new one (after text)."""
    if edit:
        try:
            await message.edit_text(text, reply_markup=markup)
            return
        except TelegramBadRequest as exc:
            if "not modified" in str(exc):
                return
            raise
    await message.answer(text, reply_markup=markup)


async def enter_step(
    step: Step,
    message: Message,
    state: FSMContext,
    dialog: Dialog,
    t: Translator,
    *,
    edit: bool,
    prefix: str | None = None,
) -> None:
    """Switch to ``step`` and show its prompt (after ``prefix``, e.g. a re-ask)."""
    if step is not Step.CITY:
        dialog.raw.pop("city_options", None)
    text, markup = step_view(step, dialog, t)
    if prefix:
        text = f"{prefix}\n\n{text}"
    await dialog.save(state)
    await state.set_state(STATES[step])
    await _show(message, text, markup, edit=edit)


async def show_summary(
    message: Message, state: FSMContext, dialog: Dialog, t: Translator, *, edit: bool
) -> None:
    dialog.mode = SUMMARY
    await dialog.save(state)
    await state.set_state(Onboarding.summary)
    await _show(message, summary_text(dialog, t), kb.summary(t), edit=edit)


async def begin_onboarding(message: Message, state: FSMContext, t: Translator) -> None:
    """Start a fresh onboarding at the first step (sends a new message)."""
    await state.clear()
    dialog = Dialog(OnboardingAnswers(), NEW, {})
    await enter_step(ORDER[0], message, state, dialog, t, edit=False)


async def edit_from_preferences(
    step: Step, message: Message, state: FSMContext, services: Services, user: UserProfile,
    t: Translator,
) -> None:
    """/preferences → re-enter one step; finishing it saves and shows /preferences again."""
    prefs = await services.preferences.get(user.id)
    answers = answers_from_preferences(prefs) if prefs is not None else OnboardingAnswers()
    raw: dict[str, Any] = {}
    if answers.area_ids:
        raw["area_name"] = await services.preferences.area_name(answers.area_ids[0])
    await state.clear()
    await enter_step(step, message, state, Dialog(answers, PREFERENCES, raw), t, edit=True)


async def finish_step(
    step: Step,
    message: Message,
    state: FSMContext,
    dialog: Dialog,
    services: Services,
    user: UserProfile,
    t: Translator,
    *,
    edit: bool,
) -> None:
    """A step is answered: go on according to the mode."""
    if dialog.mode == PREFERENCES:
        await services.preferences.apply_answers(user.id, dialog.answers)
        await state.clear()
        text, markup = await preferences_view(user, services, t)
        await _show(message, text, markup, edit=edit)
        return
    if dialog.mode == SUMMARY or step is ORDER[-1]:
        await show_summary(message, state, dialog, t, edit=edit)
        return
    await enter_step(ORDER[ORDER.index(step) + 1], message, state, dialog, t, edit=edit)


async def _reask(
    step: Step, message: Message, state: FSMContext, t: Translator, error: str
) -> None:
    """A typed answer was not understood: say what is accepted, keep the step."""
    dialog = await Dialog.load(state)
    text, markup = step_view(step, dialog, t)
    await dialog.save(state)
    await message.answer(f"{error}\n\n{text}", reply_markup=markup)


def _typed(message: Message) -> str:
    return message.text or message.caption or ""


# ============================================================================ any step


@router.callback_query(OnboardingCb.filter(F.action == OnbAction.RESTART))
async def on_restart(query: CallbackQuery, state: FSMContext, t: Translator) -> None:
    await query.answer()
    if isinstance(query.message, Message):
        await begin_onboarding(query.message, state, t)


@router.callback_query(
    StateFilter(Onboarding), OnboardingCb.filter(F.action == OnbAction.CANCEL)
)
async def on_cancel(query: CallbackQuery, state: FSMContext, t: Translator) -> None:
    await state.clear()
    await query.answer()
    if isinstance(query.message, Message):
        await _show(query.message, t("start.cancelled"), None, edit=True)


@router.callback_query(StateFilter(Onboarding), OnboardingCb.filter(F.action == OnbAction.BACK))
async def on_back(
    query: CallbackQuery, state: FSMContext, services: Services, user: UserProfile,
    t: Translator,
) -> None:
    await query.answer()
    if not isinstance(query.message, Message):
        return
    dialog = await Dialog.load(state)
    current = _current_step(await state.get_state())
    if dialog.mode == PREFERENCES:
        await state.clear()
        text, markup = await preferences_view(user, services, t)
        await _show(query.message, text, markup, edit=True)
    elif dialog.mode == SUMMARY or current is None:
        await show_summary(query.message, state, dialog, t, edit=True)
    elif current is not ORDER[0]:
        await enter_step(ORDER[ORDER.index(current) - 1], query.message, state, dialog, t,
                         edit=True)


def _current_step(state_name: str | None) -> Step | None:
    for step, step_state in STATES.items():
        if step_state.state == state_name:
            return step
    return None


def _multi_toggle(field: str, allowed: Callable[[Dialog], list[str]], step: Step) -> Any:
    """A handler toggling one value of a multi-select answer and redrawing the keyboard."""

    async def handler(
        query: CallbackQuery, callback_data: OnboardingCb, state: FSMContext, t: Translator
    ) -> None:
        dialog = await Dialog.load(state)
        value = callback_data.value
        if value not in allowed(dialog) or not isinstance(query.message, Message):
            await query.answer(t("common.expired"))
            return
        chosen: list[str] = getattr(dialog.answers, field)
        if value in chosen:
            chosen.remove(value)
        else:
            chosen.append(value)
        await query.answer()
        text, markup = step_view(step, dialog, t)
        await dialog.save(state)
        await _show(query.message, text, markup, edit=True)

    return handler


# ============================================================================ fields


router.callback_query.register(
    _multi_toggle("categories", lambda _: list(CATEGORIES), Step.CATEGORIES),
    Onboarding.categories, OnboardingCb.filter(F.action == OnbAction.TOGGLE),
)


@router.callback_query(Onboarding.categories, OnboardingCb.filter(F.action == OnbAction.NEXT))
async def on_categories_next(
    query: CallbackQuery, state: FSMContext, services: Services, user: UserProfile,
    t: Translator,
) -> None:
    dialog = await Dialog.load(state)
    if not dialog.answers.categories:
        await query.answer(t("onboarding.categories.need_one"), show_alert=True)
        return
    await query.answer()
    if isinstance(query.message, Message):
        await finish_step(Step.CATEGORIES, query.message, state, dialog, services, user, t,
                          edit=True)


@router.message(Onboarding.categories)
async def on_categories_text(message: Message, state: FSMContext, t: Translator) -> None:
    await _reask(Step.CATEGORIES, message, state, t, t("onboarding.categories.use_buttons"))


# ============================================================================ skills


@router.callback_query(Onboarding.skills, OnboardingCb.filter(F.action == OnbAction.TOGGLE))
async def on_skill_toggle(
    query: CallbackQuery, callback_data: OnboardingCb, state: FSMContext, t: Translator
) -> None:
    dialog = await Dialog.load(state)
    offered: list[str] = dialog.raw.get("skill_options") or []
    index = int(callback_data.value) if callback_data.value.isdigit() else -1
    if not 0 <= index < len(offered) or not isinstance(query.message, Message):
        await query.answer(t("common.expired"))
        return
    skill = offered[index]
    skills = dialog.answers.skills
    if skill in skills:
        skills.remove(skill)
    else:
        skills.append(skill)
    await query.answer()
    text, markup = step_view(Step.SKILLS, dialog, t)
    await dialog.save(state)
    await _show(query.message, text, markup, edit=True)


@router.callback_query(Onboarding.skills, OnboardingCb.filter(F.action == OnbAction.PICK))
async def on_skill_add_anyway(query: CallbackQuery, state: FSMContext, t: Translator) -> None:
    dialog = await Dialog.load(state)
    pending: list[str] = dialog.raw.pop("pending_skills", None) or []
    if not pending or not isinstance(query.message, Message):
        await query.answer(t("common.expired"))
        return
    _add_skills(dialog.answers, pending)
    await query.answer()
    text, markup = step_view(Step.SKILLS, dialog, t)
    await dialog.save(state)
    added = t("onboarding.skills.added", skills=", ".join(pending))
    await _show(query.message, trim_html_to(f"{added}\n\n{text}"), markup, edit=True)


@router.callback_query(Onboarding.skills, OnboardingCb.filter(F.action == OnbAction.NEXT))
async def on_skills_next(
    query: CallbackQuery, state: FSMContext, services: Services, user: UserProfile,
    t: Translator,
) -> None:
    dialog = await Dialog.load(state)
    if not dialog.answers.skills:
        await query.answer(t("onboarding.skills.need_one"), show_alert=True)
        return
    await query.answer()
    dialog.raw.pop("pending_skills", None)
    if isinstance(query.message, Message):
        await finish_step(Step.SKILLS, query.message, state, dialog, services, user, t, edit=True)


def _add_skills(answers: OnboardingAnswers, skills: list[str]) -> None:
    for skill in skills:
        if skill not in answers.skills:
            answers.skills.append(skill)


@router.message(Onboarding.skills)
async def on_skills_text(message: Message, state: FSMContext, t: Translator) -> None:
    typed = _typed(message)
    found = parse_skills_text(typed)
    if not found:
        error = t("onboarding.skills.not_understood", text=echo(typed))
        await _reask(Step.SKILLS, message, state, t, error)
        return
    dialog = await Dialog.load(state)
    known = [skill for skill in found if is_known_skill(skill)]
    unknown = [skill for skill in found if not is_known_skill(skill)]
    _add_skills(dialog.answers, known)
    dialog.raw["pending_skills"] = unknown
    notes: list[str] = []
    if known:
        notes.append(t("onboarding.skills.added", skills=", ".join(known)))
    if unknown:
        notes.append(t("onboarding.skills.unknown", skills=echo(", ".join(unknown), 300)))
    text, markup = step_view(Step.SKILLS, dialog, t)
    await dialog.save(state)
    await message.answer(trim_html_to("\n".join(notes) + "\n\n" + text), reply_markup=markup)


# ============================================================================ experience


@router.callback_query(Onboarding.experience, OnboardingCb.filter(F.action == OnbAction.PICK))
async def on_experience(
    query: CallbackQuery, callback_data: OnboardingCb, state: FSMContext, services: Services,
    user: UserProfile, t: Translator,
) -> None:
    if callback_data.value not in EXPERIENCE_OPTIONS or not isinstance(query.message, Message):
        await query.answer(t("common.expired"))
        return
    await query.answer()
    dialog = await Dialog.load(state)
    dialog.answers.experience = callback_data.value
    await finish_step(Step.EXPERIENCE, query.message, state, dialog, services, user, t,
                      edit=True)


@router.message(Onboarding.experience)
async def on_experience_text(message: Message, state: FSMContext, t: Translator) -> None:
    await _reask(Step.EXPERIENCE, message, state, t, t("onboarding.experience.use_buttons"))


# ============================================================================ city


@router.callback_query(Onboarding.city, OnboardingCb.filter(F.action == OnbAction.PICK))
async def on_city_pick(
    query: CallbackQuery, callback_data: OnboardingCb, state: FSMContext, services: Services,
    user: UserProfile, t: Translator,
) -> None:
    dialog = await Dialog.load(state)
    offered = {str(area_id): name for area_id, name in dialog.raw.get("city_options") or []}
    if callback_data.value not in offered or not isinstance(query.message, Message):
        await query.answer(t("common.expired"))
        return
    await query.answer()
    dialog.answers.area_ids = [callback_data.value]
    dialog.raw["area_name"] = offered[callback_data.value]
    dialog.raw.pop("city_options", None)
    await finish_step(Step.CITY, query.message, state, dialog, services, user, t, edit=True)


@router.callback_query(Onboarding.city, OnboardingCb.filter(F.action == OnbAction.ANYWHERE))
async def on_city_anywhere(
    query: CallbackQuery, state: FSMContext, services: Services, user: UserProfile,
    t: Translator,
) -> None:
    await query.answer()
    if isinstance(query.message, Message):
        await _accept_anywhere(query.message, state, services, user, t, edit=True)


async def _accept_anywhere(
    message: Message, state: FSMContext, services: Services, user: UserProfile,
    t: Translator, *, edit: bool,
) -> None:
    dialog = await Dialog.load(state)
    dialog.answers.area_ids = []
    dialog.raw.pop("area_name", None)
    dialog.raw.pop("city_options", None)
    await finish_step(Step.CITY, message, state, dialog, services, user, t, edit=edit)


@router.message(Onboarding.city)
async def on_city_text(
    message: Message, state: FSMContext, services: Services, user: UserProfile, t: Translator
) -> None:
    typed = _typed(message)
    if len(typed) > MAX_CITY_TEXT:
        await _reask(Step.CITY, message, state, t, t("onboarding.city.too_long"))
        return
    try:
        match = await services.mapping.resolve_city(typed)
    except HHError:
        logger.warning("cannot load HH areas to resolve a city", exc_info=True)
        await _reask(Step.CITY, message, state, t, t("onboarding.city.unavailable"))
        return
    if match.kind == "anywhere":
        await _accept_anywhere(message, state, services, user, t, edit=False)
        return
    dialog = await Dialog.load(state)
    if match.kind == "exact" and match.area_id is not None:
        dialog.answers.area_ids = [match.area_id]
        dialog.raw["area_name"] = match.area_name
        dialog.raw.pop("city_options", None)
        await finish_step(Step.CITY, message, state, dialog, services, user, t, edit=False)
        return
    dialog.raw["city_options"] = [list(pair) for pair in match.candidates]
    if match.kind == "ambiguous":
        key = "onboarding.city.ambiguous"
    elif match.candidates:
        key = "onboarding.city.unknown_with_options"
    else:
        key = "onboarding.city.unknown"
    await dialog.save(state)
    await _reask(Step.CITY, message, state, t, t(key, text=echo(typed)))


# ============================================================================ formats


router.callback_query.register(
    _multi_toggle("work_formats", lambda _: list(WORK_FORMAT_OPTIONS), Step.WORK_FORMAT),
    Onboarding.work_format, OnboardingCb.filter(F.action == OnbAction.TOGGLE),
)
router.callback_query.register(
    _multi_toggle("employment_forms", lambda _: list(EMPLOYMENT_OPTIONS), Step.EMPLOYMENT),
    Onboarding.employment, OnboardingCb.filter(F.action == OnbAction.TOGGLE),
)


@router.callback_query(
    StateFilter(Onboarding.work_format, Onboarding.employment),
    OnboardingCb.filter(F.action == OnbAction.NEXT),
)
async def on_formats_next(
    query: CallbackQuery, state: FSMContext, services: Services, user: UserProfile,
    t: Translator,
) -> None:
    await query.answer()
    step = _current_step(await state.get_state())
    if step is not None and isinstance(query.message, Message):
        dialog = await Dialog.load(state)
        await finish_step(step, query.message, state, dialog, services, user, t, edit=True)


@router.message(StateFilter(Onboarding.work_format, Onboarding.employment))
async def on_formats_text(message: Message, state: FSMContext, t: Translator) -> None:
    step = _current_step(await state.get_state()) or Step.WORK_FORMAT
    await _reask(step, message, state, t, t("onboarding.use_buttons"))


# ============================================================================ salary


@router.callback_query(Onboarding.salary, OnboardingCb.filter(F.action == OnbAction.SKIP))
async def on_salary_skip(
    query: CallbackQuery, state: FSMContext, services: Services, user: UserProfile,
    t: Translator,
) -> None:
    await query.answer()
    if isinstance(query.message, Message):
        dialog = await Dialog.load(state)
        dialog.answers.salary = None
        await finish_step(Step.SALARY, query.message, state, dialog, services, user, t,
                          edit=True)


@router.message(Onboarding.salary)
async def on_salary_text(
    message: Message, state: FSMContext, services: Services, user: UserProfile, t: Translator
) -> None:
    typed = _typed(message)
    parsed = parse_salary(typed)
    if parsed.expectation is None:
        error = t(f"onboarding.salary.error.{parsed.error or 'not_understood'}", text=echo(typed))
        await _reask(Step.SALARY, message, state, t, error)
        return
    dialog = await Dialog.load(state)
    dialog.answers.salary = parsed.expectation
    await finish_step(Step.SALARY, message, state, dialog, services, user, t, edit=False)


# ============================================================================ summary


@router.callback_query(Onboarding.summary, OnboardingCb.filter(F.action == OnbAction.EDIT))
async def on_summary_edit(
    query: CallbackQuery, callback_data: OnboardingCb, state: FSMContext, t: Translator
) -> None:
    try:
        step = Step(callback_data.value)
    except ValueError:
        step = None
    if step is None or not isinstance(query.message, Message):
        await query.answer(t("common.expired"))
        return
    await query.answer()
    dialog = await Dialog.load(state)
    dialog.mode = SUMMARY
    await enter_step(step, query.message, state, dialog, t, edit=True)


@router.callback_query(Onboarding.summary, OnboardingCb.filter(F.action == OnbAction.CONFIRM))
async def on_confirm(
    query: CallbackQuery, state: FSMContext, services: Services, user: UserProfile,
    t: Translator,
) -> None:
    await query.answer()
    if not isinstance(query.message, Message):
        return
    dialog = await Dialog.load(state)
    await services.preferences.complete_onboarding(user.id, dialog.answers)
    await state.clear()
    await _show(query.message, t("onboarding.saved"), None, edit=True)
    await show_recommendations(query.message, user, services, t)


@router.message(Onboarding.summary)
async def on_summary_text(message: Message, state: FSMContext, t: Translator) -> None:
    dialog = await Dialog.load(state)
    await message.answer(
        f"{t('onboarding.summary.use_buttons')}\n\n{summary_text(dialog, t)}",
        reply_markup=kb.summary(t),
    )
