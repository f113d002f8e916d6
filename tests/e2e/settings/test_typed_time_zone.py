"""/settings: a time zone typed by hand, in whatever form a person types it."""

from __future__ import annotations

from tests.fixtures.bot import BotWorld


async def test_a_time_zone_typed_in_lower_case_is_accepted(bot_world: BotWorld) -> None:
    alice = bot_world.user(9105)
    await alice.ask("/settings")
    await alice.tap("Time zone")
    reply = await alice.ask("europe/moscow")
    assert "Digest time: 09:00 (Europe/Moscow)" in reply.plain


async def test_a_time_zone_typed_as_just_the_city_is_accepted(bot_world: BotWorld) -> None:
    alice = bot_world.user(9106)
    await alice.ask("/settings")
    await alice.tap("Time zone")
    reply = await alice.ask("Moscow")
    assert "Digest time: 09:00 (Europe/Moscow)" in reply.plain
