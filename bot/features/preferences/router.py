"""/preferences: what the bot believes, edit any field (re-enters that onboarding step),
toggle the dealbreaker filters, reset learning."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.features.onboarding.callbacks import Step
from bot.features.onboarding.flow import edit_from_preferences
from bot.features.preferences.callbacks import PrefAction, PreferencesCb, PrefFlag
from bot.features.preferences.views import preferences_view
from bot.i18n import Translator
from bot.services import Services
from bot.ui.edits import edit_in_place
from bot.ui.keyboards import button, rows
from core.services.users import UserProfile

# Which preference field each toggle flips.
FLAG_FIELDS: dict[PrefFlag, str] = {
    PrefFlag.SALARY_FLOOR: "salary_is_floor",
    PrefFlag.ONLY_MY_CITY: "only_my_city",
    PrefFlag.EXCLUDE_APPLIED: "exclude_applied",
    PrefFlag.REMOTE_OK: "remote_ok",
}


async def on_preferences(
    message: Message, state: FSMContext, user: UserProfile, services: Services, t: Translator
) -> None:
    await state.clear()
    text, markup = await preferences_view(user, services, t)
    await message.answer(text, reply_markup=markup)


async def on_show(
    query: CallbackQuery,
    message: Message,
    state: FSMContext,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    await state.clear()
    await edit_in_place(message, *await preferences_view(user, services, t))


async def on_edit(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    callback_data: PreferencesCb,
    state: FSMContext,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    try:
        step = Step(callback_data.value)
    except ValueError:
        callback_answer.text = t("common.expired")
        return
    await edit_from_preferences(step, message, state, services, user, t)


async def on_toggle(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    callback_data: PreferencesCb,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    prefs = await services.preferences.get(user.id)
    field = (
        FLAG_FIELDS.get(PrefFlag(callback_data.value))
        if callback_data.value in set(PrefFlag)
        else None
    )
    if prefs is None or field is None:
        callback_answer.text = t("common.expired")
        return
    await services.preferences.update(user.id, **{field: not getattr(prefs, field)})
    callback_answer.text = t("preferences.updated")
    await edit_in_place(message, *await preferences_view(user, services, t))


async def on_reset(query: CallbackQuery, message: Message, t: Translator) -> None:
    markup = rows(
        [button(t("preferences.reset_yes"), PreferencesCb(action=PrefAction.RESET_CONFIRM))],
        [button(t("common.back"), PreferencesCb(action=PrefAction.SHOW))],
    )
    await edit_in_place(message, t("preferences.reset_confirm"), markup)


async def on_reset_confirm(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    if await services.preferences.get(user.id) is None:
        callback_answer.text = t("common.expired")
        return
    await services.preferences.reset_learning(user.id)
    callback_answer.text = t("preferences.reset_done")
    await edit_in_place(message, *await preferences_view(user, services, t))


async def on_low_pay(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    """ "Show pay up to X again" (in /preferences, or under a feed the limit emptied)."""
    if await services.feedback.show_low_pay_again(user.id) is None:
        callback_answer.text = t("common.expired")
        return
    callback_answer.text = t("preferences.low_pay_done")
    await edit_in_place(message, *await preferences_view(user, services, t))


def get_router() -> Router:
    """The handlers of this module on a new Router: a Router joins one Dispatcher
    only, and a process may build several (tests restart the bot in-process)."""
    router = Router(name="preferences")
    router.message.register(on_preferences, Command("preferences"))
    router.callback_query.register(on_show, PreferencesCb.filter(F.action == PrefAction.SHOW))
    router.callback_query.register(on_edit, PreferencesCb.filter(F.action == PrefAction.EDIT))
    router.callback_query.register(on_toggle, PreferencesCb.filter(F.action == PrefAction.TOGGLE))
    router.callback_query.register(on_reset, PreferencesCb.filter(F.action == PrefAction.RESET))
    router.callback_query.register(on_low_pay, PreferencesCb.filter(F.action == PrefAction.LOW_PAY))
    router.callback_query.register(
        on_reset_confirm, PreferencesCb.filter(F.action == PrefAction.RESET_CONFIRM)
    )
    return router
