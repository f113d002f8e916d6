"""A page of vacancy cards (for /jobs and /search): each card its own message, then one
navigation message "page x of y" with ◀ / ▶. Turning the page retires the old navigation
message's buttons, so only the newest page can be turned."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.cards import card_keyboard, render_card
from bot.i18n import Translator
from bot.render import Html, join
from core.recommendation_cards import RecommendationPage
from core.recommender import RecommendationsUnavailable

PER_PAGE = 3  # cards per page: each is a message, so a page stays readable on a phone


def plain(t: Translator, key: str, **params: object) -> str:
    """A text shown as plain text (a button label, a callback toast): placeholders are
    inserted as they are, since there is no HTML to escape for."""
    return t(key).format_map({name: str(value) for name, value in params.items()})


def unavailable_text(error: RecommendationsUnavailable, t: Translator) -> str:
    if error.reason == "not_onboarded":
        return t("common.need_onboarding")
    key = f"jobs.unavailable.{error.reason}"
    return t(key) if t.has(key) else t("jobs.unavailable.hh_unavailable")


def page_text(
    page: RecommendationPage, t: Translator, empty_key: str, footer: str | None = None
) -> str:
    lines: list[str] = []
    if page.items:
        lines.append(
            t("jobs.nav.page", page=page.page + 1, pages=page.total_pages, total=page.total)
        )
    else:
        lines.append(t(empty_key))
    if page.stale:
        lines.append(t("jobs.nav.stale"))
    if footer:
        lines.append(footer)
    return join([Html(line) for line in lines], "\n\n")


def pager_row(page: RecommendationPage, t: Translator) -> list[tuple[str, int]]:
    """(label, page) of the ◀ / ▶ buttons this page needs."""
    row: list[tuple[str, int]] = []
    if page.page > 0 and page.total_pages:
        row.append((t("jobs.btn.prev"), min(page.page, page.total_pages) - 1))
    if page.page + 1 < page.total_pages:
        row.append((t("jobs.btn.next"), page.page + 1))
    return row


async def send_page(
    message: Message,
    page: RecommendationPage,
    t: Translator,
    *,
    nav: InlineKeyboardMarkup | None,
    empty_key: str,
    footer: str | None = None,
) -> Message:
    """The cards of ``page`` (one message each) and the navigation message (returned)."""
    for card in page.items:
        await message.answer(render_card(card, t), reply_markup=card_keyboard(card, t))
    return await message.answer(page_text(page, t, empty_key, footer), reply_markup=nav)


async def retire(message: Message) -> bool:
    """Take the buttons off an old navigation message. False when they were gone
    already (a second tap on the same button: the page was turned once)."""
    try:
        await message.edit_reply_markup(reply_markup=None)
    except TelegramBadRequest as error:
        if "not modified" in str(error):
            return False
        raise
    return True


def keyboard(rows: Sequence[Sequence[InlineKeyboardButton]]) -> InlineKeyboardMarkup | None:
    kept = [list(row) for row in rows if row]
    return InlineKeyboardMarkup(inline_keyboard=kept) if kept else None
