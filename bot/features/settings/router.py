"""/settings (digest on/off and time, time zone, language), /export and /delete_me."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.features.settings import keyboards as kb
from bot.features.settings.callbacks import DeleteAction, DeleteMeCb, SettingsAction, SettingsCb
from bot.features.settings.states import SettingsForm
from bot.i18n import Translator
from bot.services import Services
from bot.ui.callbacks import callback_index
from bot.ui.edits import edit_in_place, remember_view, replace_view
from bot.ui.render import bold, echo
from core.domain.zone_names import nearest_place
from core.services.digest_delivery import TrialOutcome
from core.services.users import UserProfile, canonical_timezone

if TYPE_CHECKING:
    from bot.app import BotApp

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
    message: Message,
    callback_answer: CallbackAnswer,
    state: FSMContext,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    """After a setting changed from a button: say so and show the settings again."""
    callback_answer.text = t("settings.saved")
    await _show_settings(message, state, user, services, t, edit=True)


async def _show_settings(
    message: Message,
    state: FSMContext,
    user: UserProfile,
    services: Services,
    t: Translator,
    *,
    edit: bool,
) -> None:
    profile = await _fresh(user, services)
    t = services.locales.get(profile.language)  # the language may just have changed
    text, markup = settings_text(profile, t), kb.settings_menu(profile, t)
    if edit:
        await edit_in_place(message, text, markup)
        await remember_view(state, VIEW, message)
    else:
        await replace_view(state, VIEW, message, text, markup)


async def on_settings(
    message: Message, state: FSMContext, user: UserProfile, services: Services, t: Translator
) -> None:
    await _clear(state)
    await _show_settings(message, state, user, services, t, edit=False)


async def on_show(
    query: CallbackQuery,
    message: Message,
    state: FSMContext,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    await _clear(state)
    await _show_settings(message, state, user, services, t, edit=True)


async def on_digest_toggle(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    state: FSMContext,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    profile = await _fresh(user, services)
    await services.users.set_digest(user.id, enabled=not profile.digest_enabled)
    await _saved(message, callback_answer, state, user, services, t)


async def on_language(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    callback_data: SettingsCb,
    state: FSMContext,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    if callback_data.value not in services.locales.languages:
        callback_answer.text = t("common.expired")
        return
    await services.users.set_language(user.id, callback_data.value)
    callback_answer.text = services.locales.get(callback_data.value)("settings.saved")
    await _show_settings(message, state, user, services, t, edit=True)


# ---------------------------------------------------------------------------- digest time


async def on_time_menu(
    query: CallbackQuery,
    message: Message,
    state: FSMContext,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    await state.set_state(SettingsForm.digest_time)
    profile = await _fresh(user, services)
    markup = kb.time_menu(profile.digest_time, t)
    await edit_in_place(message, t("settings.time_ask"), markup)
    await remember_view(state, VIEW, message)


async def on_time_set(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    callback_data: SettingsCb,
    state: FSMContext,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    value = callback_data.value
    if not await services.users.set_digest(user.id, time=f"{value[:2]}:{value[2:]}"):
        callback_answer.text = t("common.expired")
        return
    await state.clear()
    await _saved(message, callback_answer, state, user, services, t)


async def on_time_typed(
    message: Message, state: FSMContext, user: UserProfile, services: Services, t: Translator
) -> None:
    typed = message.text or ""
    if not await services.users.set_digest(user.id, time=typed):
        profile = await _fresh(user, services)
        markup = kb.time_menu(profile.digest_time, t)
        await replace_view(
            state, VIEW, message, t("settings.time_invalid", text=echo(typed)), markup
        )
        return
    await _clear(state)
    await _show_settings(message, state, user, services, t, edit=False)


# ---------------------------------------------------------------------------- time zone


async def on_tz_menu(
    query: CallbackQuery,
    message: Message,
    state: FSMContext,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    await state.set_state(SettingsForm.timezone)
    profile = await _fresh(user, services)
    markup = kb.timezone_menu(profile.timezone, t)
    await edit_in_place(message, t("settings.tz_ask", timezone=profile.timezone), markup)
    await remember_view(state, VIEW, message)


async def on_tz_set(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    callback_data: SettingsCb,
    state: FSMContext,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    index = callback_index(callback_data.value)
    if not 0 <= index < len(kb.COMMON_TIMEZONES):
        callback_answer.text = t("common.expired")
        return
    await services.users.set_timezone(user.id, kb.COMMON_TIMEZONES[index])
    await state.clear()
    await _saved(message, callback_answer, state, user, services, t)


def _unknown_zone_text(typed: str, t: Translator) -> str:
    """The refusal, with the known place spelled closest to the typed one («Astna»)."""
    text = t("settings.tz_invalid", text=echo(typed))
    place = nearest_place(typed)
    return text if place is None else f"{text}\n{t('settings.tz_did_you_mean', place=bold(place))}"


async def on_tz_typed(
    message: Message, state: FSMContext, user: UserProfile, services: Services, t: Translator
) -> None:
    typed = message.text or ""
    if not await services.users.set_timezone(user.id, canonical_timezone(typed)):
        profile = await _fresh(user, services)
        markup = kb.timezone_menu(profile.timezone, t)
        await replace_view(state, VIEW, message, _unknown_zone_text(typed, t), markup)
        return
    await _clear(state)
    await _show_settings(message, state, user, services, t, edit=False)


# ---------------------------------------------------------------------------- test digest


async def on_test_digest(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    user: UserProfile,
    app: BotApp,
    t: Translator,
) -> None:
    """ "Send me a test digest now": the active search's digest as it would go out now,
    outside the schedule (the scheduled one still comes). Nothing new: nothing is sent."""
    trials = app.scheduler.test_digests
    if not user.onboarded or trials is None:
        callback_answer.text = t("settings.no_profile")
        return
    # Answered now: the digest takes a few seconds (HH, then paced sends).
    callback_answer.disabled = True
    await query.answer(t("settings.test_digest_sending"))
    trial = await trials.send_test(user.id)
    if trial.outcome is not TrialOutcome.SENT:
        await message.answer(t(f"settings.test_digest_{trial.outcome.value}"))


# ---------------------------------------------------------------------------- data


async def on_export(message: Message, user: UserProfile, services: Services, t: Translator) -> None:
    data = await services.users.export(user.id)
    payload = json.dumps(data, ensure_ascii=False, indent=2, default=str).encode("utf-8")
    await message.answer_document(
        BufferedInputFile(payload, filename=EXPORT_FILENAME), caption=t("settings.export_caption")
    )


async def on_delete_me(message: Message, state: FSMContext, t: Translator) -> None:
    await state.clear()
    await message.answer(t("settings.delete_ask"), reply_markup=kb.delete_confirm(t))


async def on_delete_confirmed(
    query: CallbackQuery,
    message: Message,
    state: FSMContext,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    await state.clear()  # before the deletion: clearing writes the FSM row
    await services.users.delete_user(user.id)
    await edit_in_place(message, t("settings.deleted"), None)


async def on_delete_cancelled(query: CallbackQuery, message: Message, t: Translator) -> None:
    await edit_in_place(message, t("settings.delete_kept"), None)


def get_router() -> Router:
    """The handlers of this module on a new Router: a Router joins one Dispatcher
    only, and a process may build several (tests restart the bot in-process)."""
    router = Router(name="settings")
    router.message.register(on_settings, Command("settings"))
    router.callback_query.register(on_show, SettingsCb.filter(F.action == SettingsAction.SHOW))
    router.callback_query.register(
        on_test_digest, SettingsCb.filter(F.action == SettingsAction.TEST_DIGEST)
    )
    router.callback_query.register(
        on_digest_toggle, SettingsCb.filter(F.action == SettingsAction.DIGEST_TOGGLE)
    )
    router.callback_query.register(
        on_language, SettingsCb.filter(F.action == SettingsAction.LANGUAGE)
    )
    router.callback_query.register(
        on_time_menu, SettingsCb.filter(F.action == SettingsAction.TIME_MENU)
    )
    router.callback_query.register(
        on_time_set, SettingsCb.filter(F.action == SettingsAction.TIME_SET)
    )
    router.message.register(on_time_typed, SettingsForm.digest_time)
    router.callback_query.register(
        on_tz_menu, SettingsCb.filter(F.action == SettingsAction.TZ_MENU)
    )
    router.callback_query.register(on_tz_set, SettingsCb.filter(F.action == SettingsAction.TZ_SET))
    router.message.register(on_tz_typed, SettingsForm.timezone)
    router.message.register(on_export, Command("export"))
    router.message.register(on_delete_me, Command("delete_me"))
    router.callback_query.register(
        on_delete_confirmed, DeleteMeCb.filter(F.action == DeleteAction.CONFIRM)
    )
    router.callback_query.register(
        on_delete_cancelled, DeleteMeCb.filter(F.action == DeleteAction.CANCEL)
    )
    return router
