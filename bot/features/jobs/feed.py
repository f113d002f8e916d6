"""Showing the /jobs feed: a page of cards with its navigation, and the hand-over from
onboarding (right after confirming, the first page of the feed)."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.features.jobs.callbacks import FeedAction, FeedCb
from bot.features.jobs.views import PER_PAGE, keyboard, pager_row, send_page, unavailable_text
from bot.features.preferences.views import low_pay_button
from bot.features.searches.views import for_search_line
from bot.i18n import Translator, one_of
from bot.services import Services
from core.domain.preferences import UserPreferences
from core.domain.recommendation_cards import RecommendationPage
from core.domain.salary import format_salary
from core.services.recommender import RecommendationsUnavailable
from core.services.users import UserProfile


def feed_nav(page: RecommendationPage, t: Translator) -> InlineKeyboardMarkup | None:
    """◀ / ▶, 🔄 Refresh, and on an empty feed that a firm pay limit thinned "💰 Show pay
    up to X again"."""
    pager = [
        InlineKeyboardButton(
            text=text, callback_data=FeedCb(action=FeedAction.PAGE, page=number).pack()
        )
        for text, number in pager_row(page, t)
    ]
    refresh = InlineKeyboardButton(
        text=t("jobs.btn.refresh"), callback_data=FeedCb(action=FeedAction.REFRESH).pack()
    )
    low_pay = [] if page.items else _low_pay_row(page.preferences, t)
    return keyboard([pager, [refresh], *low_pay])


def hidden_pay_note(prefs: UserPreferences | None, t: Translator) -> str | None:
    """Why a feed is short after two «Salary too low»: pay that low is not shown."""
    limit = prefs.learned_limits.pay_limit if prefs is not None else None
    if prefs is None or limit is None or not prefs.learned_limits.hides_low_pay:
        return None
    return t("jobs.hidden_pay", amount=format_salary(limit, prefs.salary.currency))


def _low_pay_row(prefs: UserPreferences | None, t: Translator) -> list[list[InlineKeyboardButton]]:
    if prefs is None or not prefs.learned_limits.hides_low_pay:
        return []
    button = low_pay_button(prefs, t)
    return [[button]] if button is not None else []


def _ways_to_widen(prefs: UserPreferences | None, t: Translator) -> list[str]:
    """What the person could widen: remote work only if it is off, a lower salary only if
    they set one."""
    ways = ["city"]
    if prefs is None or not prefs.remote_ok:
        ways.append("remote")
    if prefs is None or prefs.salary.minimum or prefs.salary.maximum:
        ways.append("salary")
    ways.append("title")
    return [t(f"jobs.widen.{way}") for way in ways]


def all_seen_reply(
    count: int, t: Translator, prefs: UserPreferences | None = None
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The "you have seen all N" reply, with 🔄 Refresh and 🔁 Show them again (and, when
    a firm pay limit leaves low pay out, why, with "💰 Show pay up to X again")."""
    text = t("jobs.all_seen", count=count, ways=one_of(_ways_to_widen(prefs, t), t.language))
    if note := hidden_pay_note(prefs, t):
        text = f"{text}\n\n{note}"
    return text, keyboard(
        [
            [
                InlineKeyboardButton(
                    text=t("jobs.btn.refresh"),
                    callback_data=FeedCb(action=FeedAction.REFRESH).pack(),
                ),
                InlineKeyboardButton(
                    text=t("jobs.btn.again"),
                    callback_data=FeedCb(action=FeedAction.PAGE, page=0).pack(),
                ),
            ],
            *_low_pay_row(prefs, t),
        ]
    )


async def show_feed(
    message: Message,
    user_id: int,
    services: Services,
    t: Translator,
    *,
    page: int = 0,
    refresh: bool = False,
    footer: str | None = None,
    footer_if_complete: str | None = None,
    unless_all_seen: bool = False,
) -> None:
    """Send one page of the user's feed into the chat of ``message``; ``footer`` (HTML)
    ends its last message, ``footer_if_complete`` instead when this page holds the whole
    feed, and none when the feed is empty (a footer promising more would be wrong).
    After a refresh it says how many seen vacancies were left out. ``unless_all_seen``:
    when all of the feed was shown already, "you have seen all N" instead of a page."""
    try:
        result = await services.recommender.get_personalized_recommendations(
            user_id, page=page, per_page=PER_PAGE, refresh=refresh, unless_all_seen=unless_all_seen
        )
    except RecommendationsUnavailable as error:
        text = unavailable_text(error, t)
        await message.answer(f"{text}\n\n{footer}" if footer else text)
        return
    if result.all_seen:
        text, markup = all_seen_reply(result.fitting or 0, t, result.preferences)
        await message.answer(text, reply_markup=markup)
        return
    if footer_if_complete is not None and not result.items:
        footer = None  # an empty feed's own text already says what to try next
    elif footer_if_complete is not None and result.total_pages <= 1:
        footer = footer_if_complete
    if refresh:
        # A refreshed feed leaves out what was shown before: say so, or the total just drops.
        # ``fitting`` counts the whole feed, seen included: the page read it already.
        fitting = result.fitting or 0
        if not result.items and fitting:
            text, markup = all_seen_reply(fitting, t, result.preferences)
            await message.answer(text, reply_markup=markup)
            return
        left_out = fitting - result.total
        if left_out > 0:
            note = t("jobs.nav.refreshed", new=result.total, seen=left_out)
            footer = f"{note}\n\n{footer}" if footer else note
    if result.items and footer_if_complete is None and result.page + 1 >= result.total_pages:
        # The last page: say so, or the person taps on for more that are not there.
        last = t("jobs.nav.last")
        footer = f"{footer}\n\n{last}" if footer else last
    if not result.items and (hidden := hidden_pay_note(result.preferences, t)):
        footer = f"{hidden}\n\n{footer}" if footer else hidden
    # Where each card's pay stands among the person's role × city (cached per role × city).
    pay = await services.market.pay_context(user_id, result.preferences) if result.items else None
    if result.items and (line := await _search_line(user_id, services, t)):
        footer = f"{line}\n\n{footer}" if footer else line
    await send_page(
        message,
        result,
        t,
        nav=feed_nav(result, t),
        empty_key="jobs.empty",
        footer=footer,
        pay=pay,
    )


async def _search_line(user_id: int, services: Services, t: Translator) -> str | None:
    """ "For «Backend»" when the person has several searches: which one this feed is."""
    searches = await services.searches.list(user_id)
    active = searches.active
    if len(searches.searches) < 2 or active is None:
        return None
    return for_search_line(active, t)


async def show_recommendations(
    message: Message, user: UserProfile, services: Services, t: Translator
) -> None:
    """Show the first page of personalised vacancies in the chat of ``message``."""
    await message.answer(t("jobs_entry.profile_ready"))
    # The last message names /jobs: the feed is complete once it has arrived.
    await show_feed(
        message,
        user.id,
        services,
        t,
        footer=t("jobs_entry.more"),
        footer_if_complete=t("jobs_entry.all_shown"),
    )
