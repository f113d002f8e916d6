"""/jobs: the personalised feed, page by page, and the card buttons that are not
feedback (⭐ save, details, not for me, and under ⋯: more like this, share, hide this
employer); a shared link's ``/start v_<id>`` is bot.features.start's.
👍 / 👎 live in bot.features.feedback."""

from __future__ import annotations

from urllib.parse import urlencode

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.features.jobs.callbacks import FeedAction, FeedCb
from bot.features.jobs.feed import show_feed
from bot.features.jobs.views import retire, unavailable_text
from bot.features.saved.views import applied_button
from bot.i18n import Translator
from bot.services import Services
from bot.ui.callbacks import SHARE_PREFIX, CardAction, CardCb
from bot.ui.cards import card_keyboard, redraw_card, render_card, render_details
from core.services.recommender import RecommendationsUnavailable
from core.services.saved import UnsaveResult
from core.services.users import UserProfile

SIMILAR_CARDS = 3  # "more like this" sends this many cards: a screen's worth, not a feed


async def on_jobs(
    message: Message, state: FSMContext, user: UserProfile, services: Services, t: Translator
) -> None:
    if not user.onboarded:
        await message.answer(t("common.need_onboarding"))
        return
    await state.set_state(None)  # leave a pending note / date; keep the search's data
    # All of it shown already (the page right after onboarding, say): not again.
    await show_feed(message, user.id, services, t, unless_all_seen=True)


async def on_feed_nav(
    query: CallbackQuery,
    message: Message,
    callback_data: FeedCb,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    if not await retire(message):
        return
    refresh = callback_data.action is FeedAction.REFRESH
    page = 0 if refresh else max(callback_data.page, 0)
    await show_feed(message, user.id, services, t, page=page, refresh=refresh)


# ---------------------------------------------------------------------------- card buttons


async def on_save(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    callback_data: CardCb,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    view = await services.saved.save(user.id, callback_data.rec)
    if view is None:
        callback_answer.text = t("jobs.not_found")
        return
    callback_answer.text = t("jobs.saved_toast")
    await redraw_card(message, t, saved=True)


async def on_unsave(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    callback_data: CardCb,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    """★ Saved tapped again: off the shortlist, unless it has progress kept in /saved."""
    result = await services.saved.unsave(user.id, callback_data.rec)
    if result is UnsaveResult.IN_PROGRESS:
        callback_answer.text = t("jobs.unsave_kept")
        callback_answer.show_alert = True
        return
    if result is UnsaveResult.NOT_SAVED:
        callback_answer.text = t("jobs.not_found")
        return
    callback_answer.text = t("jobs.unsaved_toast")
    await redraw_card(message, t, saved=False)


async def on_details(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    callback_data: CardCb,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    details = await services.recommender.details(user.id, callback_data.rec)
    if details is None:
        callback_answer.text = t("jobs.not_found")
        return
    # The links to hh, and "✅ I applied" for whoever applies from here: the bot cannot
    # see a tap on a link, so it asks later too (the apply funnel, bot.features.saved).
    apply_url = details.facts.apply_url if details.facts is not None else None
    links = [
        InlineKeyboardButton(text=t("jobs.btn.open"), url=details.url) if details.url else None,
        InlineKeyboardButton(text=t("jobs.btn.apply"), url=apply_url) if apply_url else None,
    ]
    rows = [[link for link in links if link is not None]]
    rows.append([applied_button(details.recommendation_id, t)])
    markup = InlineKeyboardMarkup(inline_keyboard=[row for row in rows if row])
    await message.answer(render_details(details, t), reply_markup=markup)


async def on_hide_employer(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    callback_data: CardCb,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    name = await services.feedback.hide_employer(user.id, callback_data.rec)
    if name is None:
        callback_answer.text = t("jobs.not_found")
        return
    callback_answer.text = t("jobs.hidden_toast")
    await message.edit_text(t("jobs.hidden", employer=name))


async def on_not_interested(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    callback_data: CardCb,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    title = await services.feedback.not_interested(user.id, callback_data.rec)
    if title is None:
        callback_answer.text = t("jobs.not_found")
        return
    callback_answer.text = t("jobs.not_interested_toast")
    await message.edit_text(t("jobs.not_interested", title=title))


# ---------------------------------------------------------------------------- ⋯ more


async def on_more(
    query: CallbackQuery, message: Message, callback_data: CardCb, t: Translator
) -> None:
    """⋯ opens (or closes) the row of rarer buttons; nothing is stored."""
    await redraw_card(message, t, more=callback_data.action is not CardAction.LESS)


async def on_similar(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    callback_data: CardCb,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    """🔁 More like this: a few vacancies like the card's, not seen before, as cards."""
    try:
        page = await services.recommender.similar(user.id, callback_data.rec, limit=SIMILAR_CARDS)
    except RecommendationsUnavailable as error:
        await message.answer(unavailable_text(error, t))
        return
    if page is None:
        callback_answer.text = t("jobs.not_found")
        return
    if not page.items:
        callback_answer.text = t("jobs.similar_none")
        return
    await message.answer(t("jobs.similar_title", count=len(page.items)))
    for card in page.items:
        await message.answer(render_card(card, t), reply_markup=card_keyboard(card, t))


async def on_share(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    callback_data: CardCb,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    """📤 Share: a t.me link that opens this vacancy in the bot for whoever gets it."""
    card = await services.recommender.card(user.id, callback_data.rec)
    if card is None or message.bot is None:
        callback_answer.text = t("jobs.not_found")
        return
    me = await message.bot.me()  # getMe, cached by aiogram for the bot's lifetime
    link = share_link(me.username or "", card.vacancy_id)
    forward = InlineKeyboardButton(
        text=t("jobs.btn.share_send"),
        url=f"https://t.me/share/url?{urlencode({'url': link, 'text': card.title})}",
    )
    await message.answer(
        t("jobs.share", title=card.title, link=link),
        reply_markup=InlineKeyboardMarkup(inline_keyboard=[[forward]]),
    )


def share_link(bot_username: str, vacancy_id: str) -> str:
    return f"https://t.me/{bot_username}?start={SHARE_PREFIX}{vacancy_id}"


def get_router() -> Router:
    """The handlers of this module on a new Router: a Router joins one Dispatcher
    only, and a process may build several (tests restart the bot in-process)."""
    router = Router(name="jobs")
    router.message.register(on_jobs, Command("jobs"))
    router.callback_query.register(on_feed_nav, FeedCb.filter())
    router.callback_query.register(on_save, CardCb.filter(F.action == CardAction.SAVE))
    router.callback_query.register(on_unsave, CardCb.filter(F.action == CardAction.SAVED))
    router.callback_query.register(on_details, CardCb.filter(F.action == CardAction.DETAILS))
    router.callback_query.register(on_hide_employer, CardCb.filter(F.action == CardAction.HIDE))
    router.callback_query.register(
        on_not_interested, CardCb.filter(F.action == CardAction.NOT_INTERESTED)
    )
    router.callback_query.register(
        on_more,
        CardCb.filter(
            F.action.in_({CardAction.MORE, CardAction.MORE_NO_EMPLOYER, CardAction.LESS})
        ),
    )
    router.callback_query.register(on_similar, CardCb.filter(F.action == CardAction.SIMILAR))
    router.callback_query.register(on_share, CardCb.filter(F.action == CardAction.SHARE))
    return router
