"""Apply (issue 14, item 4): a card links to the vacancy's response form on hh
(``apply_alternate_url``) beside the vacancy's page, and keeps both after a tap."""

from __future__ import annotations

from bot.ui.callbacks import CardAction
from sandbox.telegram import ChatMessage
from tests.e2e.jobs_helpers import current, edited, open_feed, seed_user, tap_card
from tests.fixtures.bot import BotWorld


def _links(card: ChatMessage) -> dict[str, str]:
    return {b.text: b.url for row in card.buttons for b in row if b.url}


async def test_a_card_has_an_apply_on_hh_button_opening_the_response_form(
    bot_world: BotWorld,
) -> None:
    alice = await seed_user(bot_world, 14401)
    card = (await open_feed(alice)).cards[0]
    links = _links(card)
    vacancy_id = links["🔗 Open on hh"].rsplit("/", 1)[-1]
    assert (
        links["✉️ Apply on hh"] == bot_world.hh.corpus.vacancies[vacancy_id]["apply_alternate_url"]
    )


async def test_the_apply_button_stays_after_a_like(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 14402)
    card = (await open_feed(alice)).cards[0]
    before = _links(card)
    await tap_card(alice, card, CardAction.LIKE)
    await edited(alice, card)
    assert _links(current(alice, card)) == before


async def test_the_apply_button_in_russian(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 14403, language_code="ru")
    card = (await open_feed(alice)).cards[0]
    assert "✉️ Откликнуться" in _links(card)
