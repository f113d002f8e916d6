"""A thin profile (a field and one office skill) is searched and ranked by the field's
own roles: sales and Excel see sales vacancies, not SMM or data analysts at 85 %."""

from __future__ import annotations

import re

from tests.e2e.jobs_helpers import is_card
from tests.fixtures.bot import BotWorld, feed_ended

_SALES_WORDS = ("продаж", "sales", "продавец", "торгов", "клиент")
_MATCH = re.compile(r"Match: (\d+)%")


async def test_a_sales_field_with_only_excel_shows_sales_vacancies_first(
    bot_world: BotWorld,
) -> None:
    sam = bot_world.user(14301)
    await sam.send("/start")
    await sam.wait_for(lambda m: "Step 1 of 7" in m.plain)
    await sam.tap("Sales")
    await sam.tap("Next")
    await sam.ask("Excel")  # typed: Excel is no button of the sales field
    await sam.tap("Next")
    await sam.tap("1–3 years")
    await sam.ask("Almaty")
    await sam.tap("Next")
    await sam.tap("Next")
    await sam.ask("300000")
    summary = sam.last()
    assert "Sales manager" in summary.plain, sam.transcript()
    await sam.tap("Confirm")
    await sam.wait_for(feed_ended, timeout=20)
    cards = [m for m in sam.messages() if is_card(m)]
    assert cards, sam.transcript()
    for card in cards:
        title = card.plain.splitlines()[0].casefold()
        found = _MATCH.search(card.plain)
        percent = int(found[1]) if found else 0
        assert any(word in title for word in _SALES_WORDS) or percent < 50, card.plain
