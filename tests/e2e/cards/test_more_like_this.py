"""More like this (issue 14, item 5): under ⋯ More a card offers «🔁 More like this»:
HH's similar vacancies (``/vacancies/{id}/similar_vacancies``, with the application
token) or, without a token, the bot's own (same professional role, shared required
skills); what the person has seen is left out; the rest come as cards."""

from __future__ import annotations

from bot.ui.callbacks import CardAction, CardCb
from sandbox.telegram import ChatMessage, ChatUser
from tests.e2e.jobs_helpers import (
    current,
    edited,
    is_card,
    open_feed,
    open_more,
    press_data,
    press_on,
    rec_id,
    recommendations,
    seed_user,
    tap_card,
)
from tests.fixtures.bot import BotWorld, WorldFactory


def vacancy_id(card: ChatMessage) -> str:
    url = next(b.url for row in card.buttons for b in row if b.url and "/vacancy/" in b.url)
    return url.rsplit("/", 1)[-1]


def roles(world: BotWorld, vacancy: str) -> set[str]:
    return {role["id"] for role in world.hh.corpus.vacancies[vacancy]["professional_roles"]}


async def more_like(user: ChatUser, card: ChatMessage) -> tuple[ChatMessage, list[ChatMessage]]:
    """Tap 🔁 More like this: the heading and the cards that follow it."""
    await tap_card(user, card, CardAction.SIMILAR)
    heading = await user.wait_for(lambda m: m.from_bot and "like this" in m.plain)
    count = int(heading.plain.split()[1]) if heading.plain.split()[1].isdigit() else 1
    cards = [await user.wait_for(is_card) for _ in range(count)]
    return heading, cards


async def test_more_opens_a_row_with_more_like_this_share_and_hide(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 14901)
    card = (await open_feed(alice)).cards[0]
    assert "🔁 More like this" not in card.button_labels()
    opened = await open_more(alice, card)
    assert {"🔁 More like this", "📤 Share", "🚫 Hide employer", "⋯ Less"} <= set(
        opened.button_labels()
    )
    await press_on(alice, opened, "⋯ Less")
    closed = await edited(alice, card)
    assert "⋯ More" in closed.button_labels() and "📤 Share" not in closed.button_labels()


async def test_more_like_this_sends_unseen_vacancies_of_the_same_role_from_hh(
    bot_world: BotWorld,
) -> None:
    alice = await seed_user(bot_world, 14902)
    page = await open_feed(alice)
    source = page.cards[0]
    seen = {vacancy_id(card) for card in page.cards}
    bot_world.hh.requests.clear()
    heading, cards = await more_like(alice, source)
    assert heading.plain.startswith("🔁 3 more vacancies like this")
    assert cards and not seen & {vacancy_id(card) for card in cards}
    assert all(
        roles(bot_world, vacancy_id(source)) & roles(bot_world, vacancy_id(c)) for c in cards
    )
    similar_path = f"/vacancies/{vacancy_id(source)}/similar_vacancies"
    assert similar_path in [request.path for request in bot_world.hh.requests]
    stored = {row.vacancy_id for row in await recommendations(bot_world, 14902)}
    assert {vacancy_id(card) for card in cards} <= stored


async def test_more_like_this_without_a_token_uses_the_bots_own_similarity(
    bot_world_factory: WorldFactory,
) -> None:
    world = await bot_world_factory(hh_app_token=None)
    world.hh.anonymous_mode = "open"  # HH answers searches without a token here
    alice = await seed_user(world, 14903)
    page = await open_feed(alice)
    source = page.cards[0]
    world.hh.requests.clear()
    _, cards = await more_like(alice, source)
    assert cards
    assert all(roles(world, vacancy_id(source)) & roles(world, vacancy_id(c)) for c in cards)
    assert not [r for r in world.hh.requests if r.path.endswith("/similar_vacancies")]


async def test_more_like_this_a_second_time_shows_new_ones(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 14904)
    source = (await open_feed(alice)).cards[0]
    _, first = await more_like(alice, source)
    _, second = await more_like(alice, current(alice, source))
    assert not {vacancy_id(c) for c in first} & {vacancy_id(c) for c in second}


async def test_a_forged_more_like_this_of_another_persons_card_shows_nothing(
    bot_world: BotWorld,
) -> None:
    bob = await seed_user(bot_world, 14905)
    bobs = (await open_feed(bob)).cards[0]
    alice = await seed_user(bot_world, 14906)
    page = await open_feed(alice)
    before = len(await recommendations(bot_world, 14906))
    forged = CardCb(action=CardAction.SIMILAR, rec=rec_id(bobs)).pack()
    assert await press_data(alice, page.cards[0], forged) == "This vacancy is not available."
    assert len(await recommendations(bot_world, 14906)) == before
