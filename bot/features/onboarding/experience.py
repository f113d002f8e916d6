"""Step 3: experience, one HH dictionary id."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.features.onboarding.callbacks import OnbAction, OnboardingCb, Step
from bot.features.onboarding.draft import Dialog
from bot.features.onboarding.flow import finish_step, reask
from bot.features.onboarding.states import Onboarding
from bot.i18n import Translator
from bot.services import Services
from core.domain.onboarding import EXPERIENCE_OPTIONS
from core.services.users import UserProfile


async def on_experience(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    callback_data: OnboardingCb,
    state: FSMContext,
    services: Services,
    user: UserProfile,
    t: Translator,
) -> None:
    if callback_data.value not in EXPERIENCE_OPTIONS:
        callback_answer.text = t("common.expired")
        return
    dialog = await Dialog.load(state)
    dialog.answers.experience = callback_data.value
    await finish_step(Step.EXPERIENCE, message, state, dialog, services, user, t, edit=True)


async def on_experience_text(message: Message, state: FSMContext, t: Translator) -> None:
    await reask(Step.EXPERIENCE, message, state, t, t("onboarding.experience.use_buttons"))


def get_router() -> Router:
    """The handlers of this module on a new Router: a Router joins one Dispatcher
    only, and a process may build several (tests restart the bot in-process)."""
    router = Router(name="onboarding.experience")
    router.callback_query.register(
        on_experience, Onboarding.experience, OnboardingCb.filter(F.action == OnbAction.PICK)
    )
    router.message.register(on_experience_text, Onboarding.experience)
    return router
