"""/start, /help, /cancel, and the catch-all for messages nobody else handled."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.features.onboarding.callbacks import OnbAction, OnboardingCb
from bot.features.onboarding.flow import begin_onboarding
from bot.i18n import Translator
from bot.ui.keyboards import single_button
from core.services.users import UserProfile


def _greeting(key: str, message: Message, t: Translator) -> str:
    """The text of ``key`` addressing the person by first name, or its ``.nameless``
    variant when Telegram gave no (or a blank) first name."""
    sender = message.from_user
    name = (sender.first_name or "").strip() if sender else ""
    return t(key, name=name) if name else t(f"{key}.nameless")


async def on_start(message: Message, state: FSMContext, user: UserProfile, t: Translator) -> None:
    await state.clear()
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
