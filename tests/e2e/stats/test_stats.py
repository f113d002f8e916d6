"""/stats: the user's numbers; admins also see the anonymised global view."""

from __future__ import annotations

from bot.ui.callbacks import CardAction
from tests.e2e.jobs_helpers import edited, open_feed, seed_user, tap_card
from tests.fixtures.bot import BotWorld, WorldFactory


async def test_stats_count_what_the_user_saw_rated_and_saved(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 700)
    page = await open_feed(alice)
    await tap_card(alice, page.cards[0], CardAction.LIKE)
    await tap_card(alice, page.cards[1], CardAction.DISLIKE)
    await tap_card(alice, page.cards[2], CardAction.SAVE)
    await edited(alice, page.cards[2])
    reply = await alice.ask("/stats")
    assert "Your statistics" in reply.plain
    assert "shown: 3" in reply.plain
    assert "Rated: 2 · 👍 1" in reply.plain
    assert "Vacancies you liked, of those you rated: 50%" in reply.plain
    assert "⭐ saved 1" in reply.plain
    assert "Everyone" not in alice.transcript()


async def test_stats_before_anything_happened_say_how_to_start(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 701)
    reply = await alice.ask("/stats")
    assert "No statistics yet" in reply.plain


async def test_an_admin_also_gets_the_anonymised_global_view(
    bot_world_factory: WorldFactory,
) -> None:
    world = await bot_world_factory(admin_ids=[702])
    admin = await seed_user(world, 702)
    await seed_user(world, 703)
    await admin.send("/stats")
    overview = await admin.wait_for(lambda m: "Everyone" in m.plain)
    assert "Users: 2" in overview.plain
    assert "703" not in overview.plain
