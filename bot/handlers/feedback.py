"""👍 / 👎 on a card, then an optional follow-up: reason chips and "less of …" after 👎,
what fits and a 1–5 rating after 👍, and a free-text note. Every tap is stored at once
by core.services.feedback.FeedbackService, which schedules learning in the background."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.callbacks_jobs import (
    REASONS_BY_CODE,
    CardAction,
    CardCb,
    FeedbackAction,
    FeedbackCb,
    Fit,
    FitCb,
    LessOfCb,
    RatingCb,
    ReasonCb,
)
from bot.handlers.jobs import redraw_card
from bot.i18n import Translator
from bot.keyboards import feedback as kb
from bot.names import skill_name
from bot.render import echo
from bot.services import Services
from bot.states_jobs import FeedbackForm
from bot.views.jobs import plain
from core.domain.preferences import FeedbackReason
from core.services.feedback import MAX_NOTES_LENGTH, clean_text
from core.services.users import UserProfile

router = Router(name="feedback")
NOTE_ECHO = 200
_FIT_FIELDS = {Fit.SKILLS: "skill_fit", Fit.LOCATION: "location_fit", Fit.SALARY: "salary_fit"}


async def _refuse(query: CallbackQuery, t: Translator) -> None:
    await query.answer(t("feedback.not_found"))


async def _mark(query: CallbackQuery, exclusive_prefix: str | None = None) -> None:
    """Tick the pressed chip on the follow-up message."""
    message = query.message
    if not isinstance(message, Message) or query.data is None:
        return
    markup = kb.mark_chosen(message.reply_markup, query.data, exclusive_prefix=exclusive_prefix)
    try:
        await message.edit_reply_markup(reply_markup=markup)
    except TelegramBadRequest as error:
        if "not modified" not in str(error):  # the same chip tapped again
            raise


async def _follow_up(query: CallbackQuery, text: str, markup: InlineKeyboardMarkup) -> None:
    if isinstance(query.message, Message):
        await query.message.answer(text, reply_markup=markup)


# ---------------------------------------------------------------------------- 👍 / 👎


@router.callback_query(CardCb.filter(F.action.in_({CardAction.LIKE, CardAction.LIKED})))
async def on_like(
    query: CallbackQuery, callback_data: CardCb, user: UserProfile, services: Services,
    t: Translator,
) -> None:  # fmt: skip
    outcome = await services.feedback.rate(user.id, callback_data.rec, True)
    if outcome is None:
        await _refuse(query, t)
        return
    await query.answer(t("feedback.thanks_up"))
    await redraw_card(query, t, feedback=True)
    if callback_data.action is CardAction.LIKE:  # a repeated tap asks nothing new
        await _follow_up(query, t("feedback.ask_up"), kb.up_keyboard(callback_data.rec, t))


@router.callback_query(CardCb.filter(F.action.in_({CardAction.DISLIKE, CardAction.DISLIKED})))
async def on_dislike(
    query: CallbackQuery, callback_data: CardCb, user: UserProfile, services: Services,
    t: Translator,
) -> None:  # fmt: skip
    outcome = await services.feedback.rate(user.id, callback_data.rec, False)
    if outcome is None:
        await _refuse(query, t)
        return
    await query.answer(t("feedback.thanks_down"))
    await redraw_card(query, t, feedback=False)
    if callback_data.action is CardAction.DISLIKE:
        text = t("feedback.ask_down")
        if outcome.less_of:
            text = f"{text}\n{t('feedback.ask_less_of')}"
        markup = kb.down_keyboard(callback_data.rec, outcome.less_of, t)
        await _follow_up(query, text, markup)


# ---------------------------------------------------------------------------- after 👎


@router.callback_query(ReasonCb.filter())
async def on_reason(
    query: CallbackQuery, callback_data: ReasonCb, user: UserProfile, services: Services,
    t: Translator,
) -> None:  # fmt: skip
    reason = REASONS_BY_CODE.get(callback_data.reason)
    if reason is None or not await services.feedback.set_reason(user.id, callback_data.rec, reason):
        await _refuse(query, t)
        return
    hidden = reason is FeedbackReason.COMPANY  # the service hid the employer as well
    await query.answer(t("feedback.company_hidden" if hidden else "feedback.recorded"))
    await _mark(query, exclusive_prefix=f"{ReasonCb.__prefix__}:{callback_data.rec}:")


@router.callback_query(LessOfCb.filter())
async def on_less_of(
    query: CallbackQuery, callback_data: LessOfCb, user: UserProfile, services: Services,
    t: Translator,
) -> None:  # fmt: skip
    keyword = await services.feedback.less_of_suggested(
        user.id, callback_data.rec, callback_data.idx
    )
    if keyword is None:
        await _refuse(query, t)
        return
    await query.answer(plain(t, "feedback.less_of_done", keyword=skill_name(keyword, t)))
    await _mark(query)


# ---------------------------------------------------------------------------- after 👍


@router.callback_query(FitCb.filter())
async def on_fit(
    query: CallbackQuery, callback_data: FitCb, user: UserProfile, services: Services,
    t: Translator,
) -> None:  # fmt: skip
    field = _FIT_FIELDS[callback_data.fit]
    if not await services.feedback.set_detail(user.id, callback_data.rec, **{field: True}):
        await _refuse(query, t)
        return
    await query.answer(t("feedback.recorded"))
    await _mark(query)


@router.callback_query(RatingCb.filter())
async def on_rating(
    query: CallbackQuery, callback_data: RatingCb, user: UserProfile, services: Services,
    t: Translator,
) -> None:  # fmt: skip
    if not await services.feedback.set_detail(
        user.id, callback_data.rec, rating=callback_data.score
    ):
        await _refuse(query, t)
        return
    await query.answer(t("feedback.recorded"))
    await _mark(query, exclusive_prefix=f"{RatingCb.__prefix__}:{callback_data.rec}:")


# ---------------------------------------------------------------------------- note, done


@router.callback_query(FeedbackCb.filter(F.action == FeedbackAction.NOTE))
async def on_note(
    query: CallbackQuery, callback_data: FeedbackCb, state: FSMContext, user: UserProfile,
    services: Services, t: Translator,
) -> None:  # fmt: skip
    if not await services.feedback.set_detail(user.id, callback_data.rec):  # owner check
        await _refuse(query, t)
        return
    await query.answer()
    await state.set_state(FeedbackForm.note)
    await state.update_data(note_rec=callback_data.rec)
    if isinstance(query.message, Message):
        await query.message.answer(t("feedback.note_ask"))


@router.message(FeedbackForm.note, F.text)
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


@router.message(FeedbackForm.note)
async def on_note_not_text(message: Message, t: Translator) -> None:
    await message.answer(t("feedback.note_empty"))


@router.callback_query(FeedbackCb.filter(F.action == FeedbackAction.DONE))
async def on_done(
    query: CallbackQuery, callback_data: FeedbackCb, user: UserProfile, services: Services,
    t: Translator,
) -> None:  # fmt: skip
    if not await services.feedback.set_detail(user.id, callback_data.rec):  # owner check
        await _refuse(query, t)
        return
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(t("feedback.done"))
