"""/search: own keywords with city, salary, remote and applied overrides, paginated."""

from __future__ import annotations

import re

from sandbox.hh_reference import CURRENCY_RATES
from sandbox.telegram import ChatMessage
from tests.e2e.jobs_helpers import current, open_feed, read_page, seed_user
from tests.fixtures.bot import BotWorld


def pay_floor(card: ChatMessage) -> int | None:
    """The lower bound of the card's salary in tenge (None when not stated)."""
    line = next(line for line in card.plain.splitlines() if line.startswith("💰"))
    amounts = [int(a.replace(" ", "")) for a in re.findall(r"\d[\d ]*\d", line)]
    currency = "USD" if "$" in line else "RUR" if "₽" in line else "KZT"
    to_tenge = CURRENCY_RATES["KZT"] / CURRENCY_RATES[currency]  # rates are units per rouble
    return round(min(amounts) * to_tenge) if amounts else None


async def test_search_with_city_salary_and_remote_shows_matching_cards(
    bot_world: BotWorld,
) -> None:
    alice = await seed_user(bot_world, 600)
    page = await open_feed(alice, "/search python city:Астана salary:400k remote")
    assert page.cards, alice.transcript()
    assert "“python” · 📍 Astana · 💰 from 400 000 ₸ · 🏠 remote included" in page.nav.plain
    for card in page.cards:
        assert "python" in card.plain.lower()
        assert "📍 Astana" in card.plain or "remote" in card.plain
        floor = pay_floor(card)
        assert floor is None or "up to" in card.plain or floor >= 400_000 * 0.8


async def test_the_search_echoes_html_and_ampersands_as_typed(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 607)
    page = await open_feed(alice, "/search Python & <b>Django</b>")
    assert "🔎 “Python & <b>Django</b>”" in page.nav.plain  # escaped once, shown as typed
    assert "&amp;" not in page.nav.plain


async def test_search_without_words_asks_for_keywords_first(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 601)
    reply = await alice.ask("/search")
    assert "What are you looking for?" in reply.plain
    assert await bot_world.fsm_state(601) == "SearchForm:keywords"
    await alice.send("django")
    page = await read_page(alice)
    assert page.cards and "“django”" in page.nav.plain
    assert await bot_world.fsm_state(601) is None


async def test_an_unknown_city_is_asked_again_keeping_the_search(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 602)
    reply = await alice.ask("/search python city:Qwertyuiop")
    assert "I don't know the city" in reply.plain
    assert await bot_world.fsm_state(602) == "SearchForm:city"
    await alice.send("Astana")
    page = await read_page(alice)
    assert "“python” · 📍 Astana" in page.nav.plain


async def test_the_next_search_page_keeps_the_overrides(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 603)
    first = await open_feed(alice, "/search python city:Алматы")
    await alice.press("Next ▶")
    second = await read_page(alice)
    assert "Page 2 of" in second.nav.plain and "📍 Almaty" in second.nav.plain
    assert current(alice, first.nav).buttons == []


async def test_a_salary_that_cannot_be_read_is_asked_again(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 604)
    reply = await alice.ask("/search python salary:lots")
    assert "couldn't read" in reply.plain
    await alice.send("500k")
    page = await read_page(alice)
    assert "💰 from 500 000 ₸" in page.nav.plain


async def test_a_salary_in_dollars_is_shown_in_dollars_and_applied_by_the_bot_not_hh(
    bot_world: BotWorld,
) -> None:
    alice = await seed_user(bot_world, 606)  # profile in tenge
    page = await open_feed(alice, "/search python salary:$2000")
    assert "💰 from $2 000" in page.nav.plain
    searches = [r.query for r in bot_world.hh.requests if r.path == "/vacancies"]
    assert searches
    # HH's salary= keeps ranges close to the value, losing the better-paid: the floor is
    # the bot's own filter.
    assert not any(name == "salary" for q in searches for name, _ in q)


async def test_the_remote_toggle_runs_the_search_again(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 605)
    await open_feed(alice, "/search python")
    await alice.press("🏠 Add remote")
    nav = await alice.wait_for(lambda m: m.from_bot and "🏠 remote included" in m.plain)
    assert "✅ 🏠 Add remote" in nav.button_labels()
