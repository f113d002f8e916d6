"""Step 3: experience, one HH dictionary id."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.callbacks import OnbAction, OnboardingCb, Step
from bot.handlers.onboarding.draft import Dialog
from bot.handlers.onboarding.flow import finish_step, reask
from bot.i18n import Translator
from bot.services import Services
from bot.states import Onboarding
from core.domain.onboarding import EXPERIENCE_OPTIONS
from core.services.users import UserProfile

router = Router(name="onboarding.experience")


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
    await reask(Step.EXPERIENCE, message, state, t, t("onboarding.experience.use_buttons"))
