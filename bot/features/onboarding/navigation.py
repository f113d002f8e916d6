"""Buttons that work on any step: restart, cancel, back; and the multi-select toggle
every checkbox step shares."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.features.onboarding.callbacks import OnbAction, OnboardingCb, Step
from bot.features.onboarding.draft import ORDER, PREFERENCES, SUMMARY, Dialog, current_step
from bot.features.onboarding.flow import (
    back_to_preferences,
    begin_onboarding,
    enter_step,
    redraw_step,
    show_summary,
)
from bot.features.onboarding.states import Onboarding
from bot.i18n import Translator
from bot.services import Services
from bot.ui.edits import show
from core.services.users import UserProfile

ToggleHandler = Callable[
    [CallbackQuery, Message, CallbackAnswer, OnboardingCb, FSMContext, Translator], Awaitable[None]
]
Pick = Callable[[Dialog, str], str | None]


def toggle_handler(field: str, step: Step, pick: Pick) -> ToggleHandler:
    """A handler toggling one value of a multi-select answer and redrawing the keyboard.

    ``pick`` turns the callback's value into the answer value, or None when the button
    is not one the step offers (an old message)."""

    async def handler(
        query: CallbackQuery,
        message: Message,
        callback_answer: CallbackAnswer,
        callback_data: OnboardingCb,
        state: FSMContext,
        t: Translator,
    ) -> None:
        dialog = await Dialog.load(state)
        value = pick(dialog, callback_data.value)
        if value is None:
            callback_answer.text = t("common.expired")
            return
        chosen: list[str] = getattr(dialog.answers, field)
        if value in chosen:
            chosen.remove(value)
        else:
            chosen.append(value)
        await redraw_step(step, message, state, dialog, t)

    return handler


def pick_from(options: tuple[str, ...] | list[str]) -> Pick:
    """A ``pick`` for buttons that carry the option id itself."""
    return lambda _dialog, value: value if value in options else None


async def on_restart(
    query: CallbackQuery, message: Message, state: FSMContext, t: Translator
) -> None:
    await begin_onboarding(message, state, t)


async def on_cancel(
    query: CallbackQuery, message: Message, state: FSMContext, t: Translator
) -> None:
    await state.clear()
    await show(message, t("start.cancelled"), None, edit=True)


async def on_back(
    query: CallbackQuery,
    message: Message,
    state: FSMContext,
    services: Services,
    user: UserProfile,
    t: Translator,
) -> None:
    dialog = await Dialog.load(state)
    current = current_step(await state.get_state())
    if dialog.mode == PREFERENCES:
        await back_to_preferences(message, state, services, user, t, edit=True)
    elif dialog.mode == SUMMARY or current is None:
        await show_summary(message, state, dialog, t, edit=True)
    elif current is not ORDER[0]:
        await enter_step(ORDER[ORDER.index(current) - 1], message, state, dialog, t, edit=True)


def get_router() -> Router:
    """The handlers of this module on a new Router: a Router joins one Dispatcher
    only, and a process may build several (tests restart the bot in-process)."""
    router = Router(name="onboarding.navigation")
    router.callback_query.register(on_restart, OnboardingCb.filter(F.action == OnbAction.RESTART))
    router.callback_query.register(
        on_cancel, StateFilter(Onboarding), OnboardingCb.filter(F.action == OnbAction.CANCEL)
    )
    router.callback_query.register(
        on_back, StateFilter(Onboarding), OnboardingCb.filter(F.action == OnbAction.BACK)
    )
    return router
