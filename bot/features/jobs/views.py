"""A page of vacancy cards (for /jobs and /search): each card its own message, then one
navigation message "page x of y" with ◀ / ▶. Turning the page retires the old navigation
message's buttons, so only the newest page can be turned. A page can also be re-drawn in
place (a /search filter toggle): its messages are edited, not sent again."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.i18n import Translator
from bot.ui.cards import card_keyboard, render_card
from bot.ui.edits import edit_markup, edit_text_of
from bot.ui.render import Html, join
from core.domain.market import PayContext
from core.domain.recommendation_cards import RecommendationPage
from core.services.recommender import RecommendationsUnavailable

PER_PAGE = 3  # cards per page: each is a message, so a page stays readable on a phone


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


@dataclass(frozen=True, slots=True)
class ShownPage:
    """The messages of a page in the chat, in order (cards, then the navigation message):
    ``[message_id, text digest]`` pairs, plain JSON for FSM data."""

    slots: list[list[int | str]]

    @property
    def nav_id(self) -> int:
        return int(self.slots[-1][0])

    @classmethod
    def load(cls, data: object) -> ShownPage | None:
        if not isinstance(data, list) or not data:
            return None
        if not all(isinstance(slot, list) and len(slot) == 2 for slot in data):
            return None
        return cls([list(slot) for slot in data])


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]


def _contents(
    page: RecommendationPage,
    t: Translator,
    nav: InlineKeyboardMarkup | None,
    empty_key: str,
    footer: str | None,
    pay: PayContext | None = None,
) -> list[tuple[str, InlineKeyboardMarkup | None]]:
    cards = [(render_card(card, t, pay=pay), card_keyboard(card, t)) for card in page.items]
    return [*cards, (page_text(page, t, empty_key, footer), nav)]


async def send_page(
    message: Message,
    page: RecommendationPage,
    t: Translator,
    *,
    nav: InlineKeyboardMarkup | None,
    empty_key: str,
    footer: str | None = None,
    pay: PayContext | None = None,
) -> ShownPage:
    """The cards of ``page`` (one message each) and the navigation message (last);
    ``pay``: the person's role × city salaries, for each card's salary line."""
    slots: list[list[int | str]] = []
    for text, markup in _contents(page, t, nav, empty_key, footer, pay):
        sent = await message.answer(text, reply_markup=markup)
        slots.append([sent.message_id, _digest(text)])
    return ShownPage(slots)


async def redraw_page(
    message: Message,
    shown: ShownPage,
    page: RecommendationPage,
    t: Translator,
    *,
    nav: InlineKeyboardMarkup | None,
    empty_key: str,
    footer: str | None = None,
) -> ShownPage:
    """Show ``page`` in the messages of ``shown`` (in the chat of ``message``): each is
    edited into the card (or navigation) now at its place, extra old ones are deleted and
    extra new ones sent. A card whose text is unchanged is left alone: its buttons already
    show its saved / vote flags, and an identical edit is an error for Telegram."""
    bot, chat_id = message.bot, message.chat.id
    assert bot is not None
    contents = _contents(page, t, nav, empty_key, footer)
    slots: list[list[int | str]] = []
    for (message_id, digest), (text, markup) in zip(shown.slots, contents, strict=False):
        is_nav = len(slots) == len(contents) - 1
        if is_nav or digest != _digest(text):
            await edit_text_of(bot, chat_id, int(message_id), text, markup)
        slots.append([int(message_id), _digest(text)])
    for message_id, _ in shown.slots[len(contents) :]:
        with contextlib.suppress(TelegramBadRequest):  # gone already (deleted by the user)
            await bot.delete_message(chat_id=chat_id, message_id=int(message_id))
    for text, markup in contents[len(shown.slots) :]:
        sent = await message.answer(text, reply_markup=markup)
        slots.append([sent.message_id, _digest(text)])
    return ShownPage(slots)


async def retire(message: Message) -> bool:
    """Take the buttons off an old navigation message. False when they were gone
    already (a second tap on the same button: the page was turned once)."""
    return await edit_markup(message, None)


def keyboard(rows: Sequence[Sequence[InlineKeyboardButton]]) -> InlineKeyboardMarkup | None:
    kept = [list(row) for row in rows if row]
    return InlineKeyboardMarkup(inline_keyboard=kept) if kept else None
