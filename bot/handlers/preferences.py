"""/preferences: what the bot believes, edit any field (re-enters that onboarding step),
toggle the dealbreaker filters, reset learning."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.callbacks import PrefAction, PreferencesCb, PrefFlag, Step
from bot.handlers.onboarding import edit_from_preferences
from bot.i18n import Translator
from bot.keyboards.common import button, rows
from bot.message_edits import edit_in_place
from bot.services import Services
from bot.views.preferences import preferences_view
from core.services.users import UserProfile

router = Router(name="preferences")

# Which preference field each toggle flips.
FLAG_FIELDS: dict[PrefFlag, str] = {
    PrefFlag.SALARY_FLOOR: "salary_is_floor",
    PrefFlag.ONLY_MY_CITY: "only_my_city",
    PrefFlag.EXCLUDE_APPLIED: "exclude_applied",
    PrefFlag.REMOTE_OK: "remote_ok",
}


@router.message(Command("preferences"))
async def on_preferences(
    message: Message, state: FSMContext, user: UserProfile, services: Services, t: Translator
) -> None:
    await state.clear()
    text, markup = await preferences_view(user, services, t)
    await message.answer(text, reply_markup=markup)


@router.callback_query(PreferencesCb.filter(F.action == PrefAction.SHOW))
async def on_show(
    query: CallbackQuery, state: FSMContext, user: UserProfile, services: Services,
    t: Translator,
) -> None:
    await query.answer()
    await state.clear()
    if isinstance(query.message, Message):
        await edit_in_place(query.message, *await preferences_view(user, services, t))


@router.callback_query(PreferencesCb.filter(F.action == PrefAction.EDIT))
async def on_edit(
    query: CallbackQuery, callback_data: PreferencesCb, state: FSMContext, user: UserProfile,
    services: Services, t: Translator,
) -> None:
    try:
        step = Step(callback_data.value)
    except ValueError:
        await query.answer(t("common.expired"))
        return
    await query.answer()
    if isinstance(query.message, Message):
        await edit_from_preferences(step, query.message, state, services, user, t)


@router.callback_query(PreferencesCb.filter(F.action == PrefAction.TOGGLE))
async def on_toggle(
    query: CallbackQuery, callback_data: PreferencesCb, user: UserProfile, services: Services,
    t: Translator,
) -> None:
    prefs = await services.preferences.get(user.id)
    field = FLAG_FIELDS.get(PrefFlag(callback_data.value)) if callback_data.value in set(
        PrefFlag) else None
    if prefs is None or field is None or not isinstance(query.message, Message):
        await query.answer(t("common.expired"))
        return
    await services.preferences.update(user.id, **{field: not getattr(prefs, field)})
    await query.answer(t("preferences.updated"))
    await edit_in_place(query.message, *await preferences_view(user, services, t))


@router.callback_query(PreferencesCb.filter(F.action == PrefAction.RESET))
async def on_reset(query: CallbackQuery, t: Translator) -> None:
    await query.answer()
    if isinstance(query.message, Message):
        markup = rows(
            [button(t("preferences.reset_yes"),
                    PreferencesCb(action=PrefAction.RESET_CONFIRM))],
            [button(t("common.back"), PreferencesCb(action=PrefAction.SHOW))],
        )
        await edit_in_place(query.message, t("preferences.reset_confirm"), markup)


@router.callback_query(PreferencesCb.filter(F.action == PrefAction.RESET_CONFIRM))
async def on_reset_confirm(
    query: CallbackQuery, user: UserProfile, services: Services, t: Translator
) -> None:
    if await services.preferences.get(user.id) is None:
        await query.answer(t("common.expired"))
        return
    await services.preferences.reset_learning(user.id)
    await query.answer(t("preferences.reset_done"))
    if isinstance(query.message, Message):
        await edit_in_place(query.message, *await preferences_view(user, services, t))
