"""👍 / 👎 on a card, then an optional follow-up: reason chips and "less of …" after 👎,
what fits and a 1–5 rating after 👍, and a free-text note. Every tap is stored at once
by core.services.feedback.FeedbackService, which schedules learning in the background."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.features.feedback import keyboards as kb
from bot.features.feedback.callbacks import (
    REASONS_BY_CODE,
    FeedbackAction,
    FeedbackCb,
    Fit,
    FitCb,
    HideEmployerCb,
    LessOfCb,
    RatingCb,
    ReasonCb,
)
from bot.features.feedback.states import FeedbackForm
from bot.i18n import Translator
from bot.services import Services
from bot.ui.callbacks import CardAction, CardCb
from bot.ui.cards import redraw_card
from bot.ui.edits import edit_in_place, edit_markup
from bot.ui.names import skill_name
from bot.ui.render import echo, plain
from core.domain.preferences import FeedbackReason
from core.services.feedback import MAX_NOTES_LENGTH, FitAspect, clean_text
from core.services.users import UserProfile

NOTE_ECHO = 200
_FIT_FIELDS: dict[Fit, FitAspect] = {
    Fit.SKILLS: "skill_fit",
    Fit.LOCATION: "location_fit",
    Fit.SALARY: "salary_fit",
}


async def _mark(
    query: CallbackQuery, message: Message, exclusive_prefix: str | None = None
) -> None:
    """Tick the pressed chip on the follow-up message."""
    if query.data is None:
        return
    markup = kb.mark_chosen(message.reply_markup, query.data, exclusive_prefix=exclusive_prefix)
    await edit_markup(message, markup)  # unchanged when the same chip is tapped again


# ---------------------------------------------------------------------------- 👍 / 👎


async def _withdraw(
    message: Message,
    callback_answer: CallbackAnswer,
    callback_data: CardCb,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    """👍✓ / 👎✓ tapped again: the rating is taken back and the card shows 👍 👎 again."""
    if not await services.feedback.withdraw(user.id, callback_data.rec):
        callback_answer.text = t("feedback.not_found")
        return
    callback_answer.text = t("feedback.withdrawn")
    await redraw_card(message, t, feedback=None)


async def on_like(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    callback_data: CardCb,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    if callback_data.action is CardAction.LIKED:
        await _withdraw(message, callback_answer, callback_data, user, services, t)
        return
    outcome = await services.feedback.rate(user.id, callback_data.rec, True)
    if outcome is None:
        callback_answer.text = t("feedback.not_found")
        return
    callback_answer.text = t("feedback.thanks_up")
    await redraw_card(message, t, feedback=True)
    if callback_data.action is CardAction.LIKE:  # a repeated tap asks nothing new
        await message.answer(
            t("feedback.ask_up"), reply_markup=kb.up_keyboard(callback_data.rec, t)
        )


async def on_dislike(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    callback_data: CardCb,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    if callback_data.action is CardAction.DISLIKED:
        await _withdraw(message, callback_answer, callback_data, user, services, t)
        return
    outcome = await services.feedback.rate(user.id, callback_data.rec, False)
    if outcome is None:
        callback_answer.text = t("feedback.not_found")
        return
    callback_answer.text = t("feedback.thanks_down")
    await redraw_card(message, t, feedback=False)
    if callback_data.action is CardAction.DISLIKE:
        text = t("feedback.ask_down", title=outcome.title)
        if outcome.less_of:
            text = f"{text}\n{t('feedback.ask_less_of')}"
        markup = kb.down_keyboard(callback_data.rec, outcome.less_of, t)
        await message.answer(text, reply_markup=markup)


# ---------------------------------------------------------------------------- after 👎


async def on_reason(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    callback_data: ReasonCb,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    reason = REASONS_BY_CODE.get(callback_data.reason)
    if reason is None or not await services.feedback.set_reason(user.id, callback_data.rec, reason):
        callback_answer.text = t("feedback.not_found")
        return
    callback_answer.text = t("feedback.recorded")
    await _mark(query, message, exclusive_prefix=f"{ReasonCb.__prefix__}:{callback_data.rec}:")
    if reason is FeedbackReason.COMPANY:  # a whole employer goes only when they say so
        employer = await services.feedback.employer_of(user.id, callback_data.rec)
        if employer is not None:
            await message.answer(
                t("feedback.hide_ask", employer=employer),
                reply_markup=kb.hide_employer_keyboard(callback_data.rec, t),
            )


async def on_hide_employer_answer(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    callback_data: HideEmployerCb,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    """ "Hide all vacancies from <employer>?" answered: [🚫 Hide] or [Keep]."""
    if callback_data.hide:
        name = await services.feedback.hide_employer(user.id, callback_data.rec)
    else:
        name = await services.feedback.employer_of(user.id, callback_data.rec)
    if name is None:
        callback_answer.text = t("feedback.not_found")
        return
    key = "feedback.company_hidden" if callback_data.hide else "feedback.company_kept"
    callback_answer.text = t(f"{key}_toast")
    await edit_in_place(message, t(key, employer=name), None)


async def on_less_of(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    callback_data: LessOfCb,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    keyword = await services.feedback.less_of_suggested(
        user.id, callback_data.rec, callback_data.idx
    )
    if keyword is None:
        callback_answer.text = t("feedback.not_found")
        return
    callback_answer.text = plain(t, "feedback.less_of_done", keyword=skill_name(keyword, t))
    await _mark(query, message)


# ---------------------------------------------------------------------------- after 👍


async def on_fit(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    callback_data: FitCb,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    field = _FIT_FIELDS[callback_data.fit]
    if not await services.feedback.set_fit(user.id, callback_data.rec, field):
        callback_answer.text = t("feedback.not_found")
        return
    callback_answer.text = t("feedback.recorded")
    await _mark(query, message)


async def on_rating(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    callback_data: RatingCb,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    if not await services.feedback.set_detail(
        user.id, callback_data.rec, rating=callback_data.score
    ):
        callback_answer.text = t("feedback.not_found")
        return
    callback_answer.text = t("feedback.recorded")
    await _mark(query, message, exclusive_prefix=f"{RatingCb.__prefix__}:{callback_data.rec}:")


# ---------------------------------------------------------------------------- note, done


async def on_note(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    callback_data: FeedbackCb,
    state: FSMContext,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    if not await services.feedback.set_detail(user.id, callback_data.rec):  # owner check
        callback_answer.text = t("feedback.not_found")
        return
    await state.set_state(FeedbackForm.note)
    await state.update_data(note_rec=callback_data.rec)
    await message.answer(t("feedback.note_ask"))


async def on_note_text(
    message: Message, state: FSMContext, user: UserProfile, services: Services, t: Translator
) -> None:
    text = message.text or ""
    if clean_text(text, MAX_NOTES_LENGTH) is None:
        await message.answer(t("feedback.note_empty"))
        return
    rec = (await state.get_data()).get("note_rec")
    await state.set_state(None)
    if not isinstance(rec, int) or not await services.feedback.set_detail(user.id, rec, notes=text):
        await message.answer(t("feedback.not_found"))
        return
    await message.answer(t("feedback.note_saved", note=echo(text, NOTE_ECHO)))


async def on_note_not_text(message: Message, t: Translator) -> None:
    await message.answer(t("feedback.note_empty"))


async def on_done(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    callback_data: FeedbackCb,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    if not await services.feedback.set_detail(user.id, callback_data.rec):  # owner check
        callback_answer.text = t("feedback.not_found")
        return
    await message.edit_text(t("feedback.done"))


def get_router() -> Router:
    """The handlers of this module on a new Router: a Router joins one Dispatcher
    only, and a process may build several (tests restart the bot in-process)."""
    router = Router(name="feedback")
    router.callback_query.register(
        on_like, CardCb.filter(F.action.in_({CardAction.LIKE, CardAction.LIKED}))
    )
    router.callback_query.register(
        on_dislike, CardCb.filter(F.action.in_({CardAction.DISLIKE, CardAction.DISLIKED}))
    )
    router.callback_query.register(on_reason, ReasonCb.filter())
    router.callback_query.register(on_less_of, LessOfCb.filter())
    router.callback_query.register(on_hide_employer_answer, HideEmployerCb.filter())
    router.callback_query.register(on_fit, FitCb.filter())
    router.callback_query.register(on_rating, RatingCb.filter())
    router.callback_query.register(on_note, FeedbackCb.filter(F.action == FeedbackAction.NOTE))
    router.message.register(on_note_text, FeedbackForm.note, F.text)
    router.message.register(on_note_not_text, FeedbackForm.note)
    router.callback_query.register(on_done, FeedbackCb.filter(F.action == FeedbackAction.DONE))
    return router
