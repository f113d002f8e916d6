"""The summary: edit any step, or confirm and see the first recommendations."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.features.jobs.feed import show_recommendations
from bot.features.onboarding import keyboards as kb
from bot.features.onboarding.callbacks import OnbAction, OnboardingCb, Step
from bot.features.onboarding.draft import SUMMARY, Dialog
from bot.features.onboarding.flow import enter_step
from bot.features.onboarding.states import Onboarding
from bot.features.onboarding.views import summary_text
from bot.i18n import Translator
from bot.services import Services
from bot.ui.edits import show
from core.services.users import UserProfile


async def on_summary_edit(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    callback_data: OnboardingCb,
    state: FSMContext,
    t: Translator,
) -> None:
    try:
        step = Step(callback_data.value)
    except ValueError:
        step = None
    if step is None:
        callback_answer.text = t("common.expired")
        return
    dialog = await Dialog.load(state)
    dialog.mode = SUMMARY
    await enter_step(step, message, state, dialog, t, edit=True)


async def on_confirm(
    query: CallbackQuery,
    message: Message,
    state: FSMContext,
    services: Services,
    user: UserProfile,
    t: Translator,
) -> None:
    dialog = await Dialog.load(state)
    await services.preferences.complete_onboarding(user.id, dialog.answers)
    await state.clear()
    await show(message, t("onboarding.saved"), None, edit=True)
    await show_recommendations(message, user, services, t)


async def on_summary_text(message: Message, state: FSMContext, t: Translator) -> None:
    dialog = await Dialog.load(state)
    await message.answer(
        f"{t('onboarding.summary.use_buttons')}\n\n{summary_text(dialog, t)}",
        reply_markup=kb.summary(t),
    )


def get_router() -> Router:
    """The handlers of this module on a new Router: a Router joins one Dispatcher
    only, and a process may build several (tests restart the bot in-process)."""
    router = Router(name="onboarding.summary")
    router.callback_query.register(
        on_summary_edit, Onboarding.summary, OnboardingCb.filter(F.action == OnbAction.EDIT)
    )
    router.callback_query.register(
        on_confirm, Onboarding.summary, OnboardingCb.filter(F.action == OnbAction.CONFIRM)
    )
    router.message.register(on_summary_text, Onboarding.summary)
    return router
