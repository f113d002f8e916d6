"""Step 1: fields of work (catalogue categories), a multi-select."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.callbacks import OnbAction, OnboardingCb, Step
from bot.handlers.onboarding.draft import Dialog
from bot.handlers.onboarding.flow import finish_step, reask
from bot.handlers.onboarding.navigation import pick_from, toggle_handler
from bot.i18n import Translator
from bot.services import Services
from bot.states import Onboarding
from core.domain.skills import CATEGORIES
from core.services.users import UserProfile

router = Router(name="onboarding.categories")

router.callback_query.register(
    toggle_handler("categories", Step.CATEGORIES, pick_from(list(CATEGORIES))),
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
    await reask(Step.CATEGORIES, message, state, t, t("onboarding.categories.use_buttons"))
