"""How the dialog moves: enter a step, re-ask it, finish it according to the mode
("new" goes on, "summary" returns to the summary, "preferences" saves and leaves)."""

from __future__ import annotations

from typing import Any

from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from bot.features.onboarding import keyboards as kb
from bot.features.onboarding.callbacks import Step
from bot.features.onboarding.draft import NEW, ORDER, PREFERENCES, STATES, SUMMARY, Dialog
from bot.features.onboarding.states import Onboarding
from bot.features.onboarding.views import step_view, summary_text
from bot.features.preferences.views import preferences_view
from bot.i18n import Translator
from bot.services import Services
from bot.ui.edits import show
from bot.ui.render import trim_html_to
from core.domain.onboarding import OnboardingAnswers
from core.services.profile import answers_from_preferences, with_suggested_titles
from core.services.users import UserProfile


def typed_text(message: Message) -> str:
    return message.text or message.caption or ""


async def redraw_step(
    step: Step, message: Message, state: FSMContext, dialog: Dialog, t: Translator
) -> None:
    """Save the draft and redraw the step in place (after a toggle)."""
    text, markup = step_view(step, dialog, t)
    await dialog.save(state)
    await show(message, text, markup, edit=True)


def with_prefix(prefix: str | None, text: str) -> str:
    """``text`` after ``prefix`` (a re-ask, a confirmation), within Telegram's limit."""
    return trim_html_to(f"{prefix}\n\n{text}") if prefix else text


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
    await dialog.save(state)
    await state.set_state(STATES[step])
    await show(message, with_prefix(prefix, text), markup, edit=edit)


async def reask(step: Step, message: Message, state: FSMContext, t: Translator, error: str) -> None:
    """A typed answer was not understood: say what is accepted, keep the step."""
    dialog = await Dialog.load(state)
    text, markup = step_view(step, dialog, t)
    await dialog.save(state)
    await message.answer(f"{error}\n\n{text}", reply_markup=markup)


async def show_summary(
    message: Message,
    state: FSMContext,
    dialog: Dialog,
    t: Translator,
    *,
    edit: bool,
    prefix: str | None = None,
) -> None:
    dialog.answers = with_suggested_titles(dialog.answers)
    dialog.mode = SUMMARY
    await dialog.save(state)
    await state.set_state(Onboarding.summary)
    await show(message, with_prefix(prefix, summary_text(dialog, t)), kb.summary(t), edit=edit)


async def back_to_preferences(
    message: Message,
    state: FSMContext,
    services: Services,
    user: UserProfile,
    t: Translator,
    *,
    edit: bool,
    prefix: str | None = None,
) -> None:
    """Leave a step entered from /preferences and show /preferences again."""
    await state.clear()
    text, markup = await preferences_view(user, services, t)
    await show(message, with_prefix(prefix, text), markup, edit=edit)


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
    note: str | None = None,
) -> None:
    """A step is answered: go on according to the mode (``note`` above what comes next,
    e.g. how a typed answer was understood)."""
    if dialog.mode == PREFERENCES:
        await services.preferences.apply_answers(user.id, dialog.answers)
        await back_to_preferences(message, state, services, user, t, edit=edit, prefix=note)
        return
    if dialog.mode == SUMMARY or step is ORDER[-1] or step not in ORDER:
        await show_summary(message, state, dialog, t, edit=edit, prefix=note)
        return
    await enter_step(
        ORDER[ORDER.index(step) + 1], message, state, dialog, t, edit=edit, prefix=note
    )


async def begin_onboarding(message: Message, state: FSMContext, t: Translator) -> None:
    """Start a fresh onboarding at the first step (sends a new message)."""
    await state.clear()
    dialog = Dialog(OnboardingAnswers(), NEW, {})
    await enter_step(ORDER[0], message, state, dialog, t, edit=False)


async def edit_from_preferences(
    step: Step,
    message: Message,
    state: FSMContext,
    services: Services,
    user: UserProfile,
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
