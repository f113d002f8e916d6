"""The digest's messages: the context line and the /jobs cards, sent through Delivery.

:class:`TelegramDigestSender` is the DigestSender port of
core.services.digest_delivery.DigestDelivery, which decides who gets what and records it.
"""

from __future__ import annotations

from collections.abc import Callable

from aiogram.types import InlineKeyboardMarkup

from bot.i18n import Locales, Translator
from bot.push.delivery import Delivery
from bot.ui.cards import card_keyboard, render_card
from bot.ui.names import topic_name
from bot.ui.render import Html
from core.domain.digest import DigestContext, Subscriber
from core.domain.place_names import place_name
from core.domain.push import SendResult
from core.domain.recommendation_cards import RecommendationCard

CardRenderer = Callable[[Translator, RecommendationCard], tuple[str, InlineKeyboardMarkup | None]]


def context_line(t: Translator, context: DigestContext) -> str:
    """The context line, e.g. "🔔 5 new matches for Python developer in Almaty"; the topic
    (a job title or a skill) in the reader's language ("Python-разработчик")."""
    line = _matches_line(t, context)
    if context.search:  # the person has several searches: which one this digest is for
        return f"{line}\n{t('push.digest.for_search', search=context.search)}"
    return line


def _matches_line(t: Translator, context: DigestContext) -> str:
    matches = Html(t("push.digest.matches", count=context.count))
    topic = topic_name(context.topic, t) if context.topic else None
    place = place_name(context.place, t.language) if context.place else None
    if topic and place:
        return t("push.digest.header.topic_place", matches=matches, topic=topic, place=place)
    if topic:
        return t("push.digest.header.topic", matches=matches, topic=topic)
    if place:
        return t("push.digest.header.place", matches=matches, place=place)
    return t("push.digest.header.plain", matches=matches)


def jobs_card(t: Translator, card: RecommendationCard) -> tuple[str, InlineKeyboardMarkup | None]:
    """The /jobs card (bot/ui/cards.py): a digest shows exactly what /jobs shows."""
    return render_card(card, t), card_keyboard(card, t)


class TelegramDigestSender:
    """Renders the digest's messages in the subscriber's language and sends them paced."""

    def __init__(
        self, delivery: Delivery, locales: Locales, render: CardRenderer = jobs_card
    ) -> None:
        self._delivery = delivery
        self._locales = locales
        self._render = render

    def is_paused(self, chat_id: int) -> bool:
        return self._delivery.pacer.is_paused(chat_id)

    async def send_header(self, subscriber: Subscriber, context: DigestContext) -> SendResult:
        text = context_line(self._locales.get(subscriber.language), context)
        return await self._delivery.send_text(subscriber.user_id, text, silent=subscriber.silent)

    async def send_card(self, subscriber: Subscriber, card: RecommendationCard) -> SendResult:
        text, markup = self._render(self._locales.get(subscriber.language), card)
        return await self._delivery.send_text(
            subscriber.user_id, text, markup, silent=subscriber.silent
        )
