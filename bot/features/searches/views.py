"""Texts of /searches: the list, one search with its digest schedule."""

from __future__ import annotations

from bot.i18n import Translator
from bot.ui.render import quote
from core.domain.searches import MAX_SEARCHES, DigestMode, SearchInfo
from core.services.searches import SearchList


def display_name(search: SearchInfo, t: Translator) -> str:
    """The name as typed (escaped where it is shown), else "Search N"."""
    return search.name or t("searches.default_name", number=search.position + 1)


def schedule_text(search: SearchInfo, person_time: str, t: Translator) -> str:
    schedule = search.schedule
    at = schedule.time or person_time
    if search.paused:
        return t("searches.schedule_paused")
    if schedule.mode is DigestMode.OFF:
        return t("searches.schedule_off")
    if schedule.mode is DigestMode.WEEKLY:
        day = t(f"searches.weekday_{schedule.weekday}")
        return t("searches.schedule_weekly", day=day, time=at)
    return t("searches.schedule_daily", time=at)


def quiet_text(search: SearchInfo, t: Translator) -> str:
    schedule = search.schedule
    if not schedule.quiet:
        return t("searches.quiet_off")
    return t(
        f"searches.quiet_{schedule.quiet_policy.value}",
        start=schedule.quiet_start or "",
        end=schedule.quiet_end or "",
    )


def list_text(searches: SearchList, person_time: str, t: Translator) -> str:
    lines = [t("searches.title", count=len(searches.searches), limit=MAX_SEARCHES)]
    for number, search in enumerate(searches.searches, start=1):
        marker = t("searches.active_mark") if search.active else ""
        lines.append(
            t(
                "searches.line",
                number=number,
                name=quote(display_name(search, t)),
                schedule=schedule_text(search, person_time, t),
                marker=marker,
            )
        )
    lines.append("")
    lines.append(
        t("searches.hint") if not searches.full else t("searches.full", limit=MAX_SEARCHES)
    )
    return "\n".join(lines)


def search_text(search: SearchInfo, person_time: str, t: Translator) -> str:
    return t(
        "searches.view",
        name=quote(display_name(search, t)),
        schedule=schedule_text(search, person_time, t),
        quiet=quiet_text(search, t),
        active=t("searches.is_active") if search.active else t("searches.not_active"),
    )


def for_search_line(search: SearchInfo, t: Translator) -> str:
    """The one short line under /jobs cards of a person with several searches."""
    return t("searches.for_search", name=display_name(search, t))
