"""The /saved screens: the list (one button per job) and one job with its status,
notes and reminder. (text, keyboard) builders only; nothing is sent here."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.features.saved.callbacks import (
    STATUS_CODES,
    ApplyCb,
    ApplyPlace,
    SavedAction,
    SavedCb,
)
from bot.i18n import Translator
from bot.ui.cards import render_card
from bot.ui.keyboards import button
from bot.ui.render import Html, join, plain, quote, trim_html_to
from core.domain.preferences import SavedJobStatus
from core.domain.push import ApplyQuestion
from core.services.saved import FOLLOW_UP_AFTER, ApplyAnswer, SavedJobView, next_statuses

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
    if job.interview_at is not None:
        lines.append(t("saved.view.interview_at", when=local_time(job.interview_at, timezone)))
    if job.reminder_at is not None:
        key = "saved.view.reminder_sent" if job.reminder_sent_at else "saved.view.reminder"
        lines.append(t(key, when=local_time(job.reminder_at, timezone)))
    if job.notes:
        lines.append(t("saved.view.notes", notes=job.notes))
    return trim_html_to(join([Html(line) for line in lines], "\n"))


def job_keyboard(job: SavedJobView, t: Translator) -> InlineKeyboardMarkup:
    sid = job.saved_id
    reminders = [
        button(t(f"saved.btn.remind_{code}"), _cb(SavedAction.REMIND, sid, code))
        for code in QUICK_REMINDERS
    ]
    rows = status_buttons(sid, job.status, t)
    undo: list[InlineKeyboardButton] = []
    if job.status is SavedJobStatus.INTERVIEW:
        undo.append(button(t("saved.btn.interview_at"), _cb(SavedAction.INTERVIEW_AT, sid)))
    if job.can_step_back:
        undo.append(button(t("saved.btn.back"), _cb(SavedAction.BACK, sid)))
    rows += [undo, reminders]
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


def status_buttons(
    saved_id: int, status: SavedJobStatus, t: Translator
) -> list[list[InlineKeyboardButton]]:
    """The moves from ``status``, two per row (the job screen and the reminder)."""
    moves = [
        button(
            plain(t, "saved.move_to", status=status_label(target, t)),
            _cb(SavedAction.STATUS, saved_id, STATUS_CODES[target]),
        )
        for target in next_statuses(status)
    ]
    return [moves[i : i + 2] for i in range(0, len(moves), 2)]


# ---------------------------------------------------------------------------- apply funnel


def apply_question_view(question: ApplyQuestion, t: Translator) -> tuple[str, InlineKeyboardMarkup]:
    """ "Did you apply to <title> at <employer>?" [Yes, applied] [Not yet] [No]."""
    if question.employer_name:
        text = t("saved.apply.ask_at", title=question.title, employer=question.employer_name)
    else:
        text = t("saved.apply.ask", title=question.title)
    rec = question.recommendation_id
    answers = [
        button(t(f"saved.apply.btn.{answer.value}"), ApplyCb(rec=rec, answer=answer))
        for answer in ApplyAnswer
    ]
    return text, InlineKeyboardMarkup(inline_keyboard=[answers[:1], answers[1:]])


def apply_answered_view(
    job: SavedJobView | None, answer: ApplyAnswer, title: str, t: Translator, timezone: str
) -> tuple[str, InlineKeyboardMarkup | None]:
    """What the question becomes once answered."""
    if answer is ApplyAnswer.NO or job is None:
        return t("saved.apply.no", title=title), None
    open_job = single_row(t("saved.apply.open"), _cb(SavedAction.OPEN, job.saved_id))
    if answer is ApplyAnswer.NOT_YET:
        return t("saved.apply.later", title=job.card.title), open_job
    applied = local_time(job.applied_at or job.updated_at, timezone, with_time=False)
    return (
        t(
            "saved.apply.yes",
            title=job.card.title,
            date=applied,
            days=FOLLOW_UP_AFTER.days,
        ),
        open_job,
    )


def single_row(text: str, data: SavedCb) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[button(text, data)]])


def applied_button(rec: int, t: Translator) -> InlineKeyboardButton:
    """ "✅ I applied" under a vacancy's details."""
    data = ApplyCb(rec=rec, answer=ApplyAnswer.YES, place=ApplyPlace.DETAILS)
    return button(t("saved.apply.i_applied"), data)
