"""The skill-gap line of a card («✓ Django · ✗ Kubernetes») tells the truth about the
person: a skill in their profile, or one it implies (PostgreSQL is SQL, Django is Python),
is never «✗», also on the cards of a typed search; and a card lacking skills is not a
100 % match."""

from __future__ import annotations

import re

from sandbox.telegram import ChatMessage
from tests.e2e.jobs_helpers import PYTHON_DEV, open_feed, seed_user
from tests.fixtures.bot import BotWorld

_MATCH = re.compile(r"Match: (\d+)%")


def _lacking(card: ChatMessage) -> list[str]:
    line = next((ln for ln in card.plain.splitlines() if "✗ " in ln), "")
    if not line:
        return []
    return [name.strip() for name in line.split("✗ ", 1)[1].split(",") if name.strip()]


def _percent(card: ChatMessage) -> int:
    found = _MATCH.search(card.plain)
    assert found is not None, card.plain
    return int(found[1])


async def test_cards_of_a_typed_search_never_call_the_persons_own_skills_lacking(
    bot_world: BotWorld,
) -> None:
    # PYTHON_DEV lists Python, Django, PostgreSQL (so has SQL) and types «django».
    alice = await seed_user(bot_world, 14201)
    pages = [await open_feed(alice), await open_feed(alice, "django")]
    cards = [card for page in pages for card in page.cards]
    assert cards, alice.transcript()
    for card in cards:
        lacking = set(_lacking(card))
        assert not lacking & {"Python", "Django", "PostgreSQL", "SQL"}, card.plain
        if lacking:
            assert _percent(card) < 100, card.plain
    assert PYTHON_DEV.skills == ["Python", "Django", "PostgreSQL"]
