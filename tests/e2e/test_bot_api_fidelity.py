"""The bot speaks the current Bot API: no deprecated parameters reach the emulator."""

from __future__ import annotations

from tests.e2e.jobs_helpers import open_feed, seed_user
from tests.fixtures.bot import BotWorld


async def test_messages_and_edits_turn_link_previews_off_with_link_preview_options(
    bot_world: BotWorld,
) -> None:
    alice = await seed_user(bot_world, 801)
    await alice.ask("/help")
    page = await open_feed(alice)
    assert page.cards
    await alice.ask("/settings")
    await alice.tap("Русский")  # an edit
    assert [w for w in bot_world.tg.stats.warnings if "deprecated" in w] == []
