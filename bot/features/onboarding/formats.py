"""Steps 5 and 6: work formats and employment forms, multi-selects of HH ids."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.features.onboarding.callbacks import OnbAction, OnboardingCb, Step
from bot.features.onboarding.draft import Dialog, current_step
from bot.features.onboarding.flow import finish_step, reask
from bot.features.onboarding.navigation import pick_from, toggle_handler
from bot.features.onboarding.states import Onboarding
from bot.i18n import Translator
from bot.services import Services
from core.domain.onboarding import EMPLOYMENT_OPTIONS, WORK_FORMAT_OPTIONS
from core.services.users import UserProfile


async def on_formats_next(
    query: CallbackQuery,
    message: Message,
    state: FSMContext,
    services: Services,
    user: UserProfile,
    t: Translator,
) -> None:
    step = current_step(await state.get_state())
    if step is not None:
        dialog = await Dialog.load(state)
        await finish_step(step, message, state, dialog, services, user, t, edit=True)


async def on_formats_text(message: Message, state: FSMContext, t: Translator) -> None:
    step = current_step(await state.get_state()) or Step.WORK_FORMAT
    await reask(step, message, state, t, t("onboarding.use_buttons"))


def get_router() -> Router:
    """The handlers of this module on a new Router: a Router joins one Dispatcher
    only, and a process may build several (tests restart the bot in-process)."""
    router = Router(name="onboarding.formats")
    router.callback_query.register(
        toggle_handler("work_formats", Step.WORK_FORMAT, pick_from(WORK_FORMAT_OPTIONS)),
        Onboarding.work_format,
        OnboardingCb.filter(F.action == OnbAction.TOGGLE),
    )
    router.callback_query.register(
        toggle_handler("employment_forms", Step.EMPLOYMENT, pick_from(EMPLOYMENT_OPTIONS)),
        Onboarding.employment,
        OnboardingCb.filter(F.action == OnbAction.TOGGLE),
    )
    router.callback_query.register(
        on_formats_next,
        StateFilter(Onboarding.work_format, Onboarding.employment),
        OnboardingCb.filter(F.action == OnbAction.NEXT),
    )
    router.message.register(
        on_formats_text, StateFilter(Onboarding.work_format, Onboarding.employment)
    )
    return router
