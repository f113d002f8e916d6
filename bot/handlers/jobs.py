"""/jobs: the personalised feed, page by page, and the card buttons that are not
feedback (⭐ save, details, hide this employer). 👍 / 👎 live in bot.handlers.feedback."""

from __future__ import annotations

from dataclasses import replace

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks_jobs import CardAction, CardCb, FeedAction, FeedCb
from bot.cards import build_keyboard, keyboard_state, render_details
from bot.i18n import Translator
from bot.services import Services
from bot.views.jobs import PER_PAGE, keyboard, pager_row, retire, send_page, unavailable_text
from core.domain.recommendation_cards import RecommendationPage
from core.services.recommender import RecommendationsUnavailable
from core.services.saved import UnsaveResult
from core.services.users import UserProfile

router = Router(name="jobs")


def feed_nav(page: RecommendationPage, t: Translator) -> InlineKeyboardMarkup | None:
    pager = [
        InlineKeyboardButton(
            text=text, callback_data=FeedCb(action=FeedAction.PAGE, page=number).pack()
        )
        for text, number in pager_row(page, t)
    ]
    refresh = InlineKeyboardButton(
        text=t("jobs.btn.refresh"), callback_data=FeedCb(action=FeedAction.REFRESH).pack()
    )
    return keyboard([pager, [refresh]])


async def show_feed(
    message: Message,
    user_id: int,
    services: Services,
    t: Translator,
    *,
    page: int = 0,
    refresh: bool = False,
    footer: str | None = None,
) -> None:
    """Send one page of the user's feed into the chat of ``message``; ``footer`` (HTML)
    ends its last message. After a refresh it says how many seen vacancies were left out."""
    try:
        result = await services.recommender.get_personalized_recommendations(
            user_id, page=page, per_page=PER_PAGE, refresh=refresh
        )
    except RecommendationsUnavailable as error:
        text = unavailable_text(error, t)
        await message.answer(f"{text}\n\n{footer}" if footer else text)
        return
    if refresh:
        # A refreshed feed leaves out what was shown before: say so, or the total just drops.
        left_out = (await services.analytics.feed_progress(user_id)).vacancies - result.total
        if left_out > 0:
            note = t("jobs.nav.refreshed", new=result.total, seen=left_out)
            footer = f"{note}\n\n{footer}" if footer else note
    await send_page(
        message, result, t, nav=feed_nav(result, t), empty_key="jobs.empty", footer=footer
    )


@router.message(Command("jobs"))
async def on_jobs(
    message: Message, state: FSMContext, user: UserProfile, services: Services, t: Translator
) -> None:
    if not user.onboarded:
        await message.answer(t("common.need_onboarding"))
        return
    await state.set_state(None)  # leave a pending note / date; keep the search's data
    progress = await services.analytics.feed_progress(user.id)
    if progress.all_seen:
        # All of it was shown already (the page right after onboarding, say): not again.
        await message.answer(t("jobs.all_seen", count=progress.vacancies), reply_markup=keyboard([[
            InlineKeyboardButton(text=t("jobs.btn.refresh"),
                                 callback_data=FeedCb(action=FeedAction.REFRESH).pack()),
            InlineKeyboardButton(text=t("jobs.btn.again"),
                                 callback_data=FeedCb(action=FeedAction.PAGE, page=0).pack()),
        ]]))  # fmt: skip
        return
    await show_feed(message, user.id, services, t)


@router.callback_query(FeedCb.filter())
async def on_feed_nav(
    query: CallbackQuery,
    callback_data: FeedCb,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    await query.answer()
    if not isinstance(query.message, Message) or not await retire(query.message):
        return
    refresh = callback_data.action is FeedAction.REFRESH
    page = 0 if refresh else max(callback_data.page, 0)
    await show_feed(query.message, user.id, services, t, page=page, refresh=refresh)


# ---------------------------------------------------------------------------- card buttons


async def redraw_card(query: CallbackQuery, t: Translator, **flags: object) -> None:
    """Re-draw the tapped card's buttons with a changed flag (saved / feedback)."""
    message = query.message
    if not isinstance(message, Message):
        return
    state = keyboard_state(message.reply_markup)
    if state is None:
        return
    changed = replace(state, **flags)  # type: ignore[arg-type]
    if changed != state:
        await message.edit_reply_markup(reply_markup=build_keyboard(changed, t))


@router.callback_query(CardCb.filter(F.action == CardAction.SAVE))
async def on_save(
    query: CallbackQuery, callback_data: CardCb, user: UserProfile, services: Services,
    t: Translator,
) -> None:  # fmt: skip
    view = await services.saved.save(user.id, callback_data.rec)
    if view is None:
        await query.answer(t("jobs.not_found"))
        return
    await query.answer(t("jobs.saved_toast"))
    await redraw_card(query, t, saved=True)


@router.callback_query(CardCb.filter(F.action == CardAction.SAVED))
async def on_unsave(
    query: CallbackQuery, callback_data: CardCb, user: UserProfile, services: Services,
    t: Translator,
) -> None:  # fmt: skip
    """★ Saved tapped again: off the shortlist, unless it has progress kept in /saved."""
    result = await services.saved.unsave(user.id, callback_data.rec)
    if result is UnsaveResult.IN_PROGRESS:
        await query.answer(t("jobs.unsave_kept"), show_alert=True)
        return
    if result is UnsaveResult.NOT_SAVED:
        await query.answer(t("jobs.not_found"))
        return
    await query.answer(t("jobs.unsaved_toast"))
    await redraw_card(query, t, saved=False)


@router.callback_query(CardCb.filter(F.action == CardAction.DETAILS))
async def on_details(
    query: CallbackQuery, callback_data: CardCb, user: UserProfile, services: Services,
    t: Translator,
) -> None:  # fmt: skip
    details = await services.recommender.details(user.id, callback_data.rec)
    if details is None:
        await query.answer(t("jobs.not_found"))
        return
    await query.answer()
    if not isinstance(query.message, Message):
        return
    link = (
        InlineKeyboardMarkup(
            inline_keyboard=[[InlineKeyboardButton(text=t("jobs.btn.open"), url=details.url)]]
        )
        if details.url
        else None
    )
    await query.message.answer(render_details(details, t), reply_markup=link)


@router.callback_query(CardCb.filter(F.action == CardAction.HIDE))
async def on_hide_employer(
    query: CallbackQuery, callback_data: CardCb, user: UserProfile, services: Services,
    t: Translator,
) -> None:  # fmt: skip
    name = await services.feedback.hide_employer(user.id, callback_data.rec)
    if name is None:
        await query.answer(t("jobs.not_found"))
        return
    await query.answer(t("jobs.hidden_toast"))
    if isinstance(query.message, Message):
        await query.message.edit_text(t("jobs.hidden", employer=name))
