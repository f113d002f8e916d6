"""/start (with a shared vacancy's ``v_<id>``: the vacancy first), /help, /cancel, and
the catch-all for messages nobody else handled."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.features.jobs.views import unavailable_text
from bot.features.onboarding.callbacks import OnbAction, OnboardingCb
from bot.features.onboarding.flow import begin_onboarding
from bot.i18n import Translator
from bot.services import Services
from bot.ui.callbacks import SHARE_PREFIX
from bot.ui.cards import card_keyboard, render_card, render_details
from bot.ui.keyboards import single_button
from core.services.recommender import RecommendationsUnavailable
from core.services.users import UserProfile


def _greeting(key: str, message: Message, t: Translator) -> str:
    """The text of ``key`` addressing the person by first name, or its ``.nameless``
    variant when Telegram gave no (or a blank) first name."""
    sender = message.from_user
    name = (sender.first_name or "").strip() if sender else ""
    return t(key, name=name) if name else t(f"{key}.nameless")


async def show_shared(
    message: Message, vacancy_id: str, user: UserProfile, services: Services, t: Translator
) -> None:
    """The vacancy a shared link names: the person's own card when they have a profile,
    else the vacancy with its hh links; a link naming no open vacancy is said so."""
    try:
        shared = await services.recommender.shared(user.id, vacancy_id)
    except RecommendationsUnavailable as error:
        await message.answer(unavailable_text(error, t))
        return
    if shared is None:
        await message.answer(t("start.shared_not_found"))
        return
    if shared.card is not None:
        await message.answer(
            render_card(shared.card, t), reply_markup=card_keyboard(shared.card, t)
        )
        return
    details = shared.details
    apply_url = details.facts.apply_url if details.facts is not None else None
    links = [
        InlineKeyboardButton(text=t("jobs.btn.open"), url=details.url) if details.url else None,
        InlineKeyboardButton(text=t("jobs.btn.apply"), url=apply_url) if apply_url else None,
    ]
    shown = [link for link in links if link is not None]
    markup = InlineKeyboardMarkup(inline_keyboard=[shown]) if shown else None
    await message.answer(render_details(details, t), reply_markup=markup)


async def on_start(
    message: Message,
    command: CommandObject,
    state: FSMContext,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    await state.clear()
    args = (command.args or "").strip()
    if args.startswith(SHARE_PREFIX):  # t.me/<bot>?start=v_<id>: someone shared a vacancy
        await show_shared(message, args.removeprefix(SHARE_PREFIX), user, services, t)
        if user.onboarded:
            return
        await message.answer(t("start.shared_invite"))
    if user.onboarded:
        await message.answer(
            _greeting("start.welcome_back", message, t),
            reply_markup=single_button(t("start.redo"), OnboardingCb(action=OnbAction.RESTART)),
        )
        return
    await message.answer(_greeting("start.welcome", message, t))
    await begin_onboarding(message, state, t)


async def on_help(message: Message, t: Translator) -> None:
    await message.answer(t("start.help"))


async def on_cancel(message: Message, state: FSMContext, t: Translator) -> None:
    if await state.get_state() is None:
        await message.answer(t("start.nothing_to_cancel"))
        return
    await state.clear()
    await message.answer(t("start.cancelled"))


async def on_unknown_message(message: Message, t: Translator) -> None:
    await message.answer(t("common.unknown_message"))


async def on_stale_button(
    query: CallbackQuery, callback_answer: CallbackAnswer, t: Translator
) -> None:
    callback_answer.text = t("common.expired")


def get_router() -> Router:
    """The handlers of this module on a new Router: a Router joins one Dispatcher
    only, and a process may build several (tests restart the bot in-process)."""
    router = Router(name="start")
    router.message.register(on_start, CommandStart())
    router.message.register(on_help, Command("help"))
    router.message.register(on_cancel, Command("cancel"))
    return router


def get_fallback_router() -> Router:
    """The handlers of this module on a new Router: a Router joins one Dispatcher
    only, and a process may build several (tests restart the bot in-process)."""
    fallback_router = Router(name="fallback")
    fallback_router.message.register(on_unknown_message)
    fallback_router.callback_query.register(on_stale_button)
    return fallback_router
