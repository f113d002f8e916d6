"""Forged or garbled input is refused politely: every tap is answered, nothing crashes.

The real bot (bot_world) gets callback data no button of its ever carried: numbers far
past any id (they used to overflow in the database and leave the button spinning),
negative ids, digits that are not ASCII. The world fails at teardown if an update raised.
"""

from __future__ import annotations

import pytest

from tests.e2e.jobs_helpers import press_data, seed_user
from tests.fixtures.bot import BotWorld

HUGE = "9" * 30
EXPIRED = "This button has expired"

MALFORMED = [
    f"jc:up:{HUGE}",
    "jc:sv:-1",
    f"jc:dt:{HUGE}",
    f"jf:p:{HUGE}",
    f"js:p:{HUGE}",
    f"fr:{HUGE}:s",
    f"fl:{HUGE}:{HUGE}",
    f"fl:1:{HUGE}",
    f"ff:{HUGE}:s",
    f"fs:{HUGE}:3",
    f"fs:1:{HUGE}",
    f"fx:n:{HUGE}",
    f"sj:o:{HUGE}:",
    f"sj:st:{HUGE}:a",
    f"as:{HUGE}:1",
    f"as:0:{HUGE}",
    "st:zs:²",
    f"st:zs:{HUGE}",
    f"st:ts:{HUGE}",
    f"ob:t:{HUGE}",
    "ob:t:²",
    "jc:up:١٢٣",
    "jc:up:1e400",
    "jc:up:0x10",
]


@pytest.mark.parametrize("data", MALFORMED)
async def test_a_forged_number_in_a_button_is_answered_not_crashed_on(
    bot_world: BotWorld, data: str
) -> None:
    alice = await seed_user(bot_world, 7101)
    help_message = await alice.ask("/help")
    answer = await press_data(alice, help_message, data)
    assert answer is not None  # the spinner stops, with a word for the person


INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"


async def test_a_search_of_only_invisible_characters_is_treated_as_empty(
    bot_world: BotWorld,
) -> None:
    alice = await seed_user(bot_world, 7102)
    searches = bot_world.hh.stats.search_requests
    reply = await alice.ask(f"/search {INVISIBLE}")
    assert "What are you looking for?" in reply.plain
    reply = await alice.ask(INVISIBLE)  # typed as the keywords
    assert "Type at least one keyword" in reply.plain
    assert bot_world.hh.stats.search_requests == searches  # nothing reached HH
