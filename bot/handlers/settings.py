"""/settings (digest on/off and time, time zone, language), /export and /delete_me."""

from __future__ import annotations

import json

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, Message

from bot.callbacks import DeleteAction, DeleteMeCb, SettingsAction, SettingsCb, callback_index
from bot.i18n import Translator
from bot.keyboards import settings as kb
from bot.message_edits import edit_in_place, remember_view, replace_view
from bot.render import echo
from bot.services import Services
from bot.states import SettingsForm
from core.services.users import UserProfile, canonical_timezone

router = Router(name="settings")
EXPORT_FILENAME = "hh-jobs-bot-export.json"
# FSM data: the message id of the live copy of the settings screen (menu or view); a
# new copy sent after typed text takes the buttons off it.
VIEW = "settings_view"


def settings_text(user: UserProfile, t: Translator) -> str:
    text = t(
        "settings.view",
        digest=t("common.on") if user.digest_enabled else t("common.off"),
        time=user.digest_time,
        timezone=user.timezone,
        language=kb.LANGUAGE_NAMES.get(user.language, user.language),
    )
    # No profile (never set up, or deleted with /delete_me): nothing will arrive yet.
    return text if user.onboarded else f"{text}\n\n{t('settings.no_profile')}"


async def _fresh(user: UserProfile, services: Services) -> UserProfile:
    return await services.users.get(user.id) or user


async def _clear(state: FSMContext) -> None:
    """Leave any typed step; the live copy of the screen is still known."""
    view = (await state.get_data()).get(VIEW)
    await state.clear()
    if view is not None:
        await state.update_data({VIEW: view})


async def _saved(
    query: CallbackQuery, state: FSMContext, user: UserProfile, services: Services,
    t: Translator,
) -> None:  # fmt: skip
    """After a setting changed from a button: say so and show the settings again."""
    await query.answer(t("settings.saved"))
    if isinstance(query.message, Message):
        await _show_settings(query.message, state, user, services, t, edit=True)


async def _show_settings(
    message: Message, state: FSMContext, user: UserProfile, services: Services,
    t: Translator, *, edit: bool,
) -> None:  # fmt: skip
    profile = await _fresh(user, services)
    t = services.locales.get(profile.language)  # the language may just have changed
    text, markup = settings_text(profile, t), kb.settings_menu(profile, t)
    if edit:
        await edit_in_place(message, text, markup)
        await remember_view(state, VIEW, message)
    else:
        await replace_view(state, VIEW, message, text, markup)


@router.message(Command("settings"))
async def on_settings(
    message: Message, state: FSMContext, user: UserProfile, services: Services, t: Translator
) -> None:
    await _clear(state)
    await _show_settings(message, state, user, services, t, edit=False)


@router.callback_query(SettingsCb.filter(F.action == SettingsAction.SHOW))
async def on_show(
    query: CallbackQuery, state: FSMContext, user: UserProfile, services: Services,
    t: Translator,
) -> None:
    await query.answer()
    await _clear(state)
    if isinstance(query.message, Message):
        await _show_settings(query.message, state, user, services, t, edit=True)


@router.callback_query(SettingsCb.filter(F.action == SettingsAction.DIGEST_TOGGLE))
async def on_digest_toggle(
    query: CallbackQuery, state: FSMContext, user: UserProfile, services: Services,
    t: Translator,
) -> None:
    profile = await _fresh(user, services)
    await services.users.set_digest(user.id, enabled=not profile.digest_enabled)
    await _saved(query, state, user, services, t)


@router.callback_query(SettingsCb.filter(F.action == SettingsAction.LANGUAGE))
async def on_language(
    query: CallbackQuery, callback_data: SettingsCb, state: FSMContext, user: UserProfile,
    services: Services, t: Translator,
) -> None:
    if callback_data.value not in services.locales.languages:
        await query.answer(t("common.expired"))
        return
    await services.users.set_language(user.id, callback_data.value)
    await query.answer(services.locales.get(callback_data.value)("settings.saved"))
    if isinstance(query.message, Message):
        await _show_settings(query.message, state, user, services, t, edit=True)


# ---------------------------------------------------------------------------- digest time


@router.callback_query(SettingsCb.filter(F.action == SettingsAction.TIME_MENU))
async def on_time_menu(
    query: CallbackQuery, state: FSMContext, user: UserProfile, services: Services,
    t: Translator,
) -> None:
    await query.answer()
    await state.set_state(SettingsForm.digest_time)
    profile = await _fresh(user, services)
    if isinstance(query.message, Message):
        markup = kb.time_menu(profile.digest_time, t)
        await edit_in_place(query.message, t("settings.time_ask"), markup)
        await remember_view(state, VIEW, query.message)


@router.callback_query(SettingsCb.filter(F.action == SettingsAction.TIME_SET))
async def on_time_set(
    query: CallbackQuery, callback_data: SettingsCb, state: FSMContext, user: UserProfile,
    services: Services, t: Translator,
) -> None:
    value = callback_data.value
    if not await services.users.set_digest(user.id, time=f"{value[:2]}:{value[2:]}"):
        await query.answer(t("common.expired"))
        return
    await state.clear()
    await _saved(query, state, user, services, t)


@router.message(SettingsForm.digest_time)
async def on_time_typed(
    message: Message, state: FSMContext, user: UserProfile, services: Services, t: Translator
) -> None:
    typed = message.text or ""
    if not await services.users.set_digest(user.id, time=typed):
        profile = await _fresh(user, services)
        markup = kb.time_menu(profile.digest_time, t)
        await replace_view(state, VIEW, message, t("settings.time_invalid", text=echo(typed)),
                           markup)  # fmt: skip
        return
    await _clear(state)
    await _show_settings(message, state, user, services, t, edit=False)


# ---------------------------------------------------------------------------- time zone


@router.callback_query(SettingsCb.filter(F.action == SettingsAction.TZ_MENU))
async def on_tz_menu(
    query: CallbackQuery, state: FSMContext, user: UserProfile, services: Services,
    t: Translator,
) -> None:
    await query.answer()
    await state.set_state(SettingsForm.timezone)
    profile = await _fresh(user, services)
    if isinstance(query.message, Message):
        markup = kb.timezone_menu(profile.timezone, t)
        await edit_in_place(query.message, t("settings.tz_ask", timezone=profile.timezone), markup)
        await remember_view(state, VIEW, query.message)


@router.callback_query(SettingsCb.filter(F.action == SettingsAction.TZ_SET))
async def on_tz_set(
    query: CallbackQuery, callback_data: SettingsCb, state: FSMContext, user: UserProfile,
    services: Services, t: Translator,
) -> None:
    index = callback_index(callback_data.value)
    if not 0 <= index < len(kb.COMMON_TIMEZONES):
        await query.answer(t("common.expired"))
        return
    await services.users.set_timezone(user.id, kb.COMMON_TIMEZONES[index])
    await state.clear()
    await _saved(query, state, user, services, t)


@router.message(SettingsForm.timezone)
async def on_tz_typed(
    message: Message, state: FSMContext, user: UserProfile, services: Services, t: Translator
) -> None:
    typed = message.text or ""
    if not await services.users.set_timezone(user.id, canonical_timezone(typed)):
        profile = await _fresh(user, services)
        markup = kb.timezone_menu(profile.timezone, t)
        await replace_view(state, VIEW, message, t("settings.tz_invalid", text=echo(typed)),
                           markup)  # fmt: skip
        return
    await _clear(state)
    await _show_settings(message, state, user, services, t, edit=False)


# ---------------------------------------------------------------------------- data


@router.message(Command("export"))
async def on_export(message: Message, user: UserProfile, services: Services, t: Translator) -> None:
    data = await services.users.export(user.id)
    payload = json.dumps(data, ensure_ascii=False, indent=2, default=str).encode("utf-8")
    await message.answer_document(
        BufferedInputFile(payload, filename=EXPORT_FILENAME), caption=t("settings.export_caption")
    )


@router.message(Command("delete_me"))
async def on_delete_me(message: Message, state: FSMContext, t: Translator) -> None:
    await state.clear()
    await message.answer(t("settings.delete_ask"), reply_markup=kb.delete_confirm(t))


@router.callback_query(DeleteMeCb.filter(F.action == DeleteAction.CONFIRM))
async def on_delete_confirmed(
    query: CallbackQuery, state: FSMContext, user: UserProfile, services: Services,
    t: Translator,
) -> None:
    await state.clear()  # before the deletion: clearing writes the FSM row
    await services.users.delete_user(user.id)
    await query.answer()
    if isinstance(query.message, Message):
        await edit_in_place(query.message, t("settings.deleted"), None)


@router.callback_query(DeleteMeCb.filter(F.action == DeleteAction.CANCEL))
async def on_delete_cancelled(query: CallbackQuery, t: Translator) -> None:
    await query.answer()
    if isinstance(query.message, Message):
        await edit_in_place(query.message, t("settings.delete_kept"), None)
