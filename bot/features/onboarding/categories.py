"""Step 1: fields of work (catalogue categories), a multi-select."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.features.onboarding.callbacks import OnbAction, OnboardingCb, Step
from bot.features.onboarding.draft import Dialog
from bot.features.onboarding.flow import finish_step, reask
from bot.features.onboarding.navigation import pick_from, toggle_handler
from bot.features.onboarding.states import Onboarding
from bot.i18n import Translator
from bot.services import Services
from core.domain.skills import CATEGORIES, categories_named
from core.services.users import UserProfile


async def on_categories_next(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    state: FSMContext,
    services: Services,
    user: UserProfile,
    t: Translator,
) -> None:
    dialog = await Dialog.load(state)
    if not dialog.answers.categories:
        callback_answer.text = t("onboarding.categories.need_one")
        callback_answer.show_alert = True
        return
    await finish_step(Step.CATEGORIES, message, state, dialog, services, user, t, edit=True)


async def on_categories_text(message: Message, state: FSMContext, t: Translator) -> None:
    """Fields typed by name («продажи, бухгалтерия») are chosen as if tapped; anything else
    gets the buttons again."""
    named = categories_named(message.text or "")
    if not named:
        await reask(Step.CATEGORIES, message, state, t, t("onboarding.categories.use_buttons"))
        return
    dialog = await Dialog.load(state)
    chosen = dialog.answers.categories
    chosen.extend(key for key in named if key not in chosen)
    await dialog.save(state)
    names = ", ".join(CATEGORIES[key].name(t.language) for key in named)
    await reask(Step.CATEGORIES, message, state, t, t("onboarding.categories.added", fields=names))


def get_router() -> Router:
    """The handlers of this module on a new Router: a Router joins one Dispatcher
    only, and a process may build several (tests restart the bot in-process)."""
    router = Router(name="onboarding.categories")
    router.callback_query.register(
        toggle_handler("categories", Step.CATEGORIES, pick_from(list(CATEGORIES))),
        Onboarding.categories,
        OnboardingCb.filter(F.action == OnbAction.TOGGLE),
    )
    router.callback_query.register(
        on_categories_next, Onboarding.categories, OnboardingCb.filter(F.action == OnbAction.NEXT)
    )
    router.message.register(on_categories_text, Onboarding.categories)
    return router
