"""Keyboards of /searches."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup

from bot.features.searches.callbacks import SearchAction, SearchesCb
from bot.features.searches.views import display_name
from bot.i18n import Translator
from bot.ui.keyboards import button, grid, label, rows
from core.domain.searches import DigestMode, QuietPolicy, SearchInfo
from core.services.searches import SearchList

DIGEST_TIMES: tuple[str, ...] = ("07:00", "08:00", "09:00", "10:00", "12:00", "18:00", "20:00")
QUIET_PRESETS: tuple[tuple[str, str], ...] = (
    ("22:00", "08:00"),
    ("23:00", "07:00"),
    ("21:00", "09:00"),
    ("00:00", "08:00"),
)


def _cb(action: SearchAction, search_id: int = 0, value: str = "") -> SearchesCb:
    return SearchesCb(action=action, search_id=search_id, value=value)


def list_menu(
    searches: SearchList, t: Translator, *, can_copy_search: bool
) -> InlineKeyboardMarkup:
    items = [
        button(
            f"{'▶️' if s.active else ('⏸' if s.paused else '🔎')} {display_name(s, t)}",
            _cb(SearchAction.OPEN, s.id),
        )
        for s in searches.searches
    ]
    footer = []
    if not searches.full:
        footer.append([button(t("searches.new_profile"), _cb(SearchAction.NEW_PROFILE))])
        if can_copy_search:
            footer.append([button(t("searches.new_last"), _cb(SearchAction.NEW_LAST))])
    return grid(items, width=1, footer=footer)


def search_menu(search: SearchInfo, t: Translator) -> InlineKeyboardMarkup:
    sid, schedule = search.id, search.schedule
    modes = [
        button(
            label(t(f"searches.mode_{mode.value}"), checked=schedule.mode is mode),
            _cb(SearchAction.MODE, sid, mode.value),
        )
        for mode in DigestMode
    ]
    timing = [button(t("searches.time_button"), _cb(SearchAction.TIME_MENU, sid))]
    if schedule.mode is DigestMode.WEEKLY:
        timing.append(button(t("searches.day_button"), _cb(SearchAction.DAY_MENU, sid)))
    quiet = [button(t("searches.quiet_button"), _cb(SearchAction.QUIET_MENU, sid))]
    if schedule.quiet:
        other = (
            QuietPolicy.HOLD if schedule.quiet_policy is QuietPolicy.SILENT else QuietPolicy.SILENT
        )
        quiet.append(
            button(t(f"searches.policy_to_{other.value}"), _cb(SearchAction.POLICY, sid, other))
        )
    pause = (
        button(t("searches.resume"), _cb(SearchAction.RESUME, sid))
        if search.paused
        else button(t("searches.pause"), _cb(SearchAction.PAUSE, sid))
    )
    first = [button(t("searches.rename"), _cb(SearchAction.RENAME, sid)), pause]
    if not search.active:
        first.insert(0, button(t("searches.use"), _cb(SearchAction.USE, sid)))
    return rows(
        first,
        modes,
        timing,
        quiet,
        [
            button(t("searches.delete"), _cb(SearchAction.DELETE, sid)),
            button(t("common.back"), _cb(SearchAction.LIST)),
        ],
    )


def time_menu(search: SearchInfo, t: Translator) -> InlineKeyboardMarkup:
    current = search.schedule.time
    times = [
        button(
            label(value, checked=value == current),
            _cb(SearchAction.TIME_SET, search.id, value.replace(":", "")),
        )
        for value in DIGEST_TIMES
    ]
    default = button(
        label(t("searches.time_default"), checked=current is None),
        _cb(SearchAction.TIME_SET, search.id, ""),
    )
    back = button(t("common.back"), _cb(SearchAction.OPEN, search.id))
    return grid(times, width=4, footer=[[default], [back]])


def day_menu(search: SearchInfo, t: Translator) -> InlineKeyboardMarkup:
    days = [
        button(
            label(t(f"searches.weekday_{day}"), checked=day == search.schedule.weekday),
            _cb(SearchAction.DAY_SET, search.id, str(day)),
        )
        for day in range(7)
    ]
    back = button(t("common.back"), _cb(SearchAction.OPEN, search.id))
    return grid(days, width=4, footer=[[back]])


def quiet_menu(search: SearchInfo, t: Translator) -> InlineKeyboardMarkup:
    schedule = search.schedule
    presets = [
        button(
            label(
                f"{start}–{end}",
                checked=(schedule.quiet_start, schedule.quiet_end) == (start, end),
            ),
            _cb(SearchAction.QUIET_SET, search.id, str(index)),
        )
        for index, (start, end) in enumerate(QUIET_PRESETS)
    ]
    none = button(
        label(t("searches.quiet_none"), checked=not schedule.quiet),
        _cb(SearchAction.QUIET_SET, search.id, ""),
    )
    back = button(t("common.back"), _cb(SearchAction.OPEN, search.id))
    return grid(presets, width=2, footer=[[none], [back]])


def delete_confirm(search: SearchInfo, t: Translator) -> InlineKeyboardMarkup:
    return rows(
        [button(t("searches.delete_yes"), _cb(SearchAction.DELETE_YES, search.id))],
        [button(t("searches.delete_no"), _cb(SearchAction.OPEN, search.id))],
    )


def rows_back(search: SearchInfo, t: Translator) -> InlineKeyboardMarkup:
    return rows([button(t("common.back"), _cb(SearchAction.OPEN, search.id))])
