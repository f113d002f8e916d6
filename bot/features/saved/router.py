"""/saved: the shortlist, each job's status along saved → applied → no answer / interview
→ offer → hired / rejected (the last move can be taken back), an interview's date and
time, notes and reminders (quick buttons or a date the user types); and the answers to
the apply funnel's "Did you apply?" (bot.middlewares asks it, so does the reminder tick)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.features.saved.callbacks import (
    STATUSES_BY_CODE,
    ApplyCb,
    ApplyPlace,
    SavedAction,
    SavedCb,
)
from bot.features.saved.states import SavedForm
from bot.features.saved.views import (
    QUICK_REMINDERS,
    apply_answered_view,
    job_view,
    list_view,
    local_time,
    status_label,
)
from bot.i18n import Translator
from bot.services import Services
from bot.ui.edits import edit_in_place, edit_markup, remember_view, replace_view
from bot.ui.render import echo
from core.domain.preferences import SavedJobStatus
from core.domain.reminder_dates import parse_reminder
from core.services.feedback import clean_text
from core.services.saved import NOTES_LIMIT, SavedJobView
from core.services.users import UserProfile

NOTE_ECHO = 200
# FSM data: the message id of the live copy of the /saved screen (list or one job); a new
# copy sent after typed notes or a date takes the buttons off it.
VIEW = "saved_view"


async def _show_job(message: Message, job: SavedJobView, user: UserProfile, t: Translator) -> None:
    await edit_in_place(message, *job_view(job, t, user.timezone))


async def on_saved(
    message: Message, state: FSMContext, user: UserProfile, services: Services, t: Translator
) -> None:
    await state.set_state(None)
    jobs = await services.saved.list(user.id)
    await replace_view(state, VIEW, message, *list_view(jobs, t))


async def on_list(
    query: CallbackQuery, message: Message, user: UserProfile, services: Services, t: Translator
) -> None:
    jobs = await services.saved.list(user.id)
    await edit_in_place(message, *list_view(jobs, t))


async def on_open(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    callback_data: SavedCb,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    job = await services.saved.get(user.id, callback_data.saved)
    if job is None:
        callback_answer.text = t("saved.not_found")
        return
    await _show_job(message, job, user, t)


async def on_status(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    callback_data: SavedCb,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    status = STATUSES_BY_CODE.get(callback_data.code)
    job = (
        None
        if status is None
        else await services.saved.set_status(user.id, callback_data.saved, status)
    )
    if job is None:
        callback_answer.text = t("saved.status_refused")
        return
    callback_answer.text = t(
        "saved.interview_hint" if job.status is SavedJobStatus.INTERVIEW else "saved.status_changed"
    )
    await _show_job(message, job, user, t)


async def on_step_back(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    callback_data: SavedCb,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    """↩ Step back: the last status move taken back (a tap by mistake)."""
    job = await services.saved.step_back(user.id, callback_data.saved)
    if job is None:
        callback_answer.text = t("saved.back_refused")
        return
    callback_answer.text = t("saved.stepped_back", status=status_label(job.status, t))
    await _show_job(message, job, user, t)


# ---------------------------------------------------------------------------- apply funnel


async def on_apply_answer(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    callback_data: ApplyCb,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    """ "Did you apply?" answered, or "✅ I applied" under a vacancy's details."""
    result = await services.saved.answer_apply(user.id, callback_data.rec, callback_data.answer)
    if result is None:
        callback_answer.text = t("jobs.not_found")
        return
    if callback_data.place is ApplyPlace.DETAILS:
        callback_answer.text = t("saved.apply.marked_toast")
        markup = message.reply_markup
        if markup is not None:  # the details stay; only "✅ I applied" goes
            rows = [
                [b for b in row if b.callback_data != query.data] for row in markup.inline_keyboard
            ]
            await edit_markup(message, InlineKeyboardMarkup(inline_keyboard=[r for r in rows if r]))
        return
    text, keyboard = apply_answered_view(
        result.job, callback_data.answer, result.title, t, user.timezone
    )
    callback_answer.text = t(f"saved.apply.toast.{callback_data.answer.value}")
    await edit_in_place(message, text, keyboard)


# ---------------------------------------------------------------------------- interview


async def on_interview_text(
    message: Message, state: FSMContext, user: UserProfile, services: Services, t: Translator
) -> None:
    text = message.text or ""
    at = parse_reminder(text, user.timezone, services.clock())
    if at is None:  # the step is kept: the next message is read as a date again
        await message.answer(t("saved.interview_bad", text=echo(text)))
        return
    saved_id = await _typed_for(state)
    job = None if saved_id is None else await services.saved.set_interview(user.id, saved_id, at)
    await state.set_state(None)
    if job is None:
        await message.answer(t("saved.not_found"))
        return
    await message.answer(t("saved.interview_set", when=local_time(at, user.timezone)))
    await replace_view(state, VIEW, message, *job_view(job, t, user.timezone))


async def on_interview_not_text(message: Message, user: UserProfile, t: Translator) -> None:
    await message.answer(t("saved.interview_ask", timezone=user.timezone))


# ---------------------------------------------------------------------------- reminders


async def on_quick_reminder(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    callback_data: SavedCb,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    phrase = QUICK_REMINDERS.get(callback_data.code)
    at = parse_reminder(phrase, user.timezone, services.clock()) if phrase else None
    job = (
        None if at is None else await services.saved.set_reminder(user.id, callback_data.saved, at)
    )
    if job is None:
        callback_answer.text = t("saved.not_found")
        return
    callback_answer.text = t("saved.reminder_set_toast")
    await _show_job(message, job, user, t)


async def on_reminder_off(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    callback_data: SavedCb,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    job = await services.saved.set_reminder(user.id, callback_data.saved, None)
    if job is None:
        callback_answer.text = t("saved.not_found")
        return
    callback_answer.text = t("saved.reminder_off_toast")
    await _show_job(message, job, user, t)


async def on_ask_text(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    callback_data: SavedCb,
    state: FSMContext,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    """A reminder date or notes: typed in the next message."""
    if await services.saved.get(user.id, callback_data.saved) is None:
        callback_answer.text = t("saved.not_found")
        return
    await state.update_data(saved_id=callback_data.saved)
    await remember_view(state, VIEW, message)
    if callback_data.action is SavedAction.NOTE:
        await state.set_state(SavedForm.note)
        question = t("saved.note_ask")
    elif callback_data.action is SavedAction.INTERVIEW_AT:
        await state.set_state(SavedForm.interview)
        question = t("saved.interview_ask", timezone=user.timezone)
    else:
        await state.set_state(SavedForm.reminder)
        question = t("saved.remind_ask", timezone=user.timezone)
    await message.answer(question)


async def _typed_for(state: FSMContext) -> int | None:
    saved_id = (await state.get_data()).get("saved_id")
    return saved_id if isinstance(saved_id, int) else None


async def on_reminder_text(
    message: Message, state: FSMContext, user: UserProfile, services: Services, t: Translator
) -> None:
    text = message.text or ""
    at = parse_reminder(text, user.timezone, services.clock())
    if at is None:  # the step is kept: the next message is read as a date again
        await message.answer(t("saved.remind_bad", text=echo(text)))
        return
    saved_id = await _typed_for(state)
    job = None if saved_id is None else await services.saved.set_reminder(user.id, saved_id, at)
    await state.set_state(None)
    if job is None:
        await message.answer(t("saved.not_found"))
        return
    await message.answer(t("saved.reminder_set", when=local_time(at, user.timezone)))
    await replace_view(state, VIEW, message, *job_view(job, t, user.timezone))


async def on_reminder_not_text(message: Message, user: UserProfile, t: Translator) -> None:
    await message.answer(t("saved.remind_ask", timezone=user.timezone))


# ---------------------------------------------------------------------------- notes


async def on_note_text(
    message: Message, state: FSMContext, user: UserProfile, services: Services, t: Translator
) -> None:
    text = message.text or ""
    cleaned = clean_text(text, len(text))
    if cleaned is None:
        await message.answer(t("saved.note_empty"))
        return
    if len(cleaned) > NOTES_LIMIT:  # said, not cut: the step stays for a shorter text
        await message.answer(t("saved.note_too_long", limit=NOTES_LIMIT, length=len(cleaned)))
        return
    saved_id = await _typed_for(state)
    job = None if saved_id is None else await services.saved.set_notes(user.id, saved_id, text)
    await state.set_state(None)
    if job is None:
        await message.answer(t("saved.not_found"))
        return
    await message.answer(t("saved.note_saved", notes=echo(text, NOTE_ECHO)))
    await replace_view(state, VIEW, message, *job_view(job, t, user.timezone))


async def on_note_not_text(message: Message, t: Translator) -> None:
    await message.answer(t("saved.note_empty"))


def get_router() -> Router:
    """The handlers of this module on a new Router: a Router joins one Dispatcher
    only, and a process may build several (tests restart the bot in-process)."""
    router = Router(name="saved")
    router.message.register(on_saved, Command("saved"))
    router.callback_query.register(on_list, SavedCb.filter(F.action == SavedAction.LIST))
    router.callback_query.register(on_open, SavedCb.filter(F.action == SavedAction.OPEN))
    router.callback_query.register(on_status, SavedCb.filter(F.action == SavedAction.STATUS))
    router.callback_query.register(
        on_quick_reminder, SavedCb.filter(F.action == SavedAction.REMIND)
    )
    router.callback_query.register(
        on_reminder_off, SavedCb.filter(F.action == SavedAction.REMIND_OFF)
    )
    router.callback_query.register(
        on_ask_text,
        SavedCb.filter(
            F.action.in_({SavedAction.REMIND_TYPE, SavedAction.NOTE, SavedAction.INTERVIEW_AT})
        ),
    )
    router.callback_query.register(on_step_back, SavedCb.filter(F.action == SavedAction.BACK))
    router.callback_query.register(on_apply_answer, ApplyCb.filter())
    router.message.register(on_interview_text, SavedForm.interview, F.text)
    router.message.register(on_interview_not_text, SavedForm.interview)
    router.message.register(on_reminder_text, SavedForm.reminder, F.text)
    router.message.register(on_reminder_not_text, SavedForm.reminder)
    router.message.register(on_note_text, SavedForm.note, F.text)
    router.message.register(on_note_not_text, SavedForm.note)
    return router
