"""Keyboards of /settings and /delete_me."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup

from bot.features.settings.callbacks import DeleteAction, DeleteMeCb, SettingsAction, SettingsCb
from bot.i18n import Translator
from bot.ui.keyboards import button, grid, label, rows
from core.services.users import UserProfile

DIGEST_TIMES: tuple[str, ...] = ("07:00", "08:00", "09:00", "10:00", "12:00", "18:00", "20:00")
COMMON_TIMEZONES: tuple[str, ...] = (
    "Asia/Almaty",
    "Asia/Tashkent",
    "Asia/Bishkek",
    "Europe/Moscow",
    "Europe/Istanbul",
    "Asia/Dubai",
    "Europe/Berlin",
    "Europe/London",
    "UTC",
)
# Each language by its own name (the same in every language).
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "ru": "Русский", "kk": "Қазақша"}


def _cb(action: SettingsAction, value: str = "") -> SettingsCb:
    return SettingsCb(action=action, value=value)


def settings_menu(user: UserProfile, t: Translator) -> InlineKeyboardMarkup:
    digest = t("settings.digest_on") if user.digest_enabled else t("settings.digest_off")
    languages = [
        button(label(name, checked=code == user.language), _cb(SettingsAction.LANGUAGE, code))
        for code, name in LANGUAGE_NAMES.items()
    ]
    return rows(
        [button(digest, _cb(SettingsAction.DIGEST_TOGGLE))],
        # One a row: «🕘 Время подборки» beside «🌐 Часовой пояс» was cut on a phone.
        [button(t("settings.time_button"), _cb(SettingsAction.TIME_MENU))],
        [button(t("settings.tz_button"), _cb(SettingsAction.TZ_MENU))],
        languages,
        [button(t("settings.test_digest_button"), _cb(SettingsAction.TEST_DIGEST))]
        if user.onboarded
        else [],
    )


def time_menu(current: str, t: Translator) -> InlineKeyboardMarkup:
    times = [
        button(
            label(value, checked=value == current),
            _cb(SettingsAction.TIME_SET, value.replace(":", "")),
        )
        for value in DIGEST_TIMES
    ]
    return grid(times, width=4, footer=[[button(t("common.back"), _cb(SettingsAction.SHOW))]])


def timezone_menu(current: str, t: Translator) -> InlineKeyboardMarkup:
    zones = [
        button(label(zone, checked=zone == current), _cb(SettingsAction.TZ_SET, str(index)))
        for index, zone in enumerate(COMMON_TIMEZONES)
    ]
    return grid(zones, width=2, footer=[[button(t("common.back"), _cb(SettingsAction.SHOW))]])


def delete_confirm(t: Translator) -> InlineKeyboardMarkup:
    return rows(
        [button(t("settings.delete_yes"), DeleteMeCb(action=DeleteAction.CONFIRM))],
        [button(t("settings.delete_no"), DeleteMeCb(action=DeleteAction.CANCEL))],
    )
