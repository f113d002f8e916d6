"""The /saved screens: the list (one button per job) and one job with its status,
notes and reminder. (text, keyboard) builders only; nothing is sent here."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.features.saved.callbacks import STATUS_CODES, SavedAction, SavedCb
from bot.i18n import Translator
from bot.ui.cards import render_card
from bot.ui.keyboards import button
from bot.ui.render import Html, join, plain, quote, trim_html_to
from core.domain.preferences import SavedJobStatus
from core.services.saved import SavedJobView

# Quick reminder buttons: code → what parse_reminder reads.
QUICK_REMINDERS: dict[str, str] = {"1": "tomorrow", "3": "in 3 days", "7": "in a week"}
LIST_LIMIT = 40  # buttons in the list; the text names them all (trimmed to fit)


def status_label(status: SavedJobStatus, t: Translator) -> str:
    return t(f"saved.status.{status.value}")


def local_time(moment: datetime, timezone: str, *, with_time: bool = True) -> str:
    """``moment`` on the user's wall clock: "25.12.2026 10:00"."""
    try:
        zone = ZoneInfo(timezone)
    except (ValueError, KeyError, OSError):
        zone = ZoneInfo("UTC")
    local = moment.astimezone(zone)
    return local.strftime("%d.%m.%Y %H:%M" if with_time else "%d.%m.%Y")


def _cb(action: SavedAction, saved: int = 0, code: str = "") -> SavedCb:
    return SavedCb(action=action, saved=saved, code=code)


def _title_at(job: SavedJobView, t: Translator) -> Html:
    """ "Python developer · 🏢 Kaspi": two saved "Python developer"s are told apart."""
    if not job.card.employer_name:
        return quote(job.card.title)
    return Html(t("saved.title_at", title=job.card.title, employer=job.card.employer_name))


def list_view(
    jobs: Sequence[SavedJobView], t: Translator
) -> tuple[str, InlineKeyboardMarkup | None]:
    if not jobs:
        return t("saved.empty"), None
    lines = [t("saved.title", count=len(jobs)), ""]
    lines += [
        t(
            "saved.item",
            number=n,
            title=_title_at(job, t),
            status=status_label(job.status, t),
            percent=round(job.card.relevance * 100),
        )
        for n, job in enumerate(jobs, 1)
    ]
    lines += ["", t("saved.pick")]
    buttons = [
        [button(f"{n}. {job.card.title}", _cb(SavedAction.OPEN, job.saved_id))]
        for n, job in enumerate(jobs[:LIST_LIMIT], 1)
    ]
    return trim_html_to("\n".join(lines)), InlineKeyboardMarkup(inline_keyboard=buttons)


def job_text(job: SavedJobView, t: Translator, timezone: str) -> str:
    lines = [
        render_card(job.card, t),
        "",
        t("saved.view.status", status=status_label(job.status, t)),
    ]
    if job.applied_at is not None:
        applied = local_time(job.applied_at, timezone, with_time=False)
        lines.append(t("saved.view.applied_at", date=applied))
    if job.reminder_at is not None:
        key = "saved.view.reminder_sent" if job.reminder_sent_at else "saved.view.reminder"
        lines.append(t(key, when=local_time(job.reminder_at, timezone)))
    if job.notes:
        lines.append(t("saved.view.notes", notes=job.notes))
    return trim_html_to(join([Html(line) for line in lines], "\n"))


def job_keyboard(job: SavedJobView, t: Translator) -> InlineKeyboardMarkup:
    sid = job.saved_id
    moves = [
        button(
            plain(t, "saved.move_to", status=status_label(status, t)),
            _cb(SavedAction.STATUS, sid, STATUS_CODES[status]),
        )
        for status in job.next_statuses
    ]
    reminders = [
        button(t(f"saved.btn.remind_{code}"), _cb(SavedAction.REMIND, sid, code))
        for code in QUICK_REMINDERS
    ]
    rows: list[list[InlineKeyboardButton]] = [moves[:2], moves[2:], reminders]
    tail = [button(t("saved.btn.remind_type"), _cb(SavedAction.REMIND_TYPE, sid))]
    if job.reminder_at is not None and job.reminder_sent_at is None:
        tail.append(button(t("saved.btn.remind_off"), _cb(SavedAction.REMIND_OFF, sid)))
    rows.append(tail)
    rows.append([button(t("saved.btn.note"), _cb(SavedAction.NOTE, sid))])
    if job.card.url:
        rows.append([InlineKeyboardButton(text=t("jobs.btn.open"), url=job.card.url)])
    rows.append([button(t("saved.btn.list"), _cb(SavedAction.LIST))])
    return InlineKeyboardMarkup(inline_keyboard=[row for row in rows if row])


def job_view(job: SavedJobView, t: Translator, timezone: str) -> tuple[str, InlineKeyboardMarkup]:
    return job_text(job, t, timezone), job_keyboard(job, t)
