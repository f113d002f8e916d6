"""A stop (Ctrl-C, a deploy) lets the replies already being sent finish."""

from __future__ import annotations

from tests.fixtures.bot import WorldFactory


async def test_a_stop_while_a_reply_is_being_sent_lets_it_arrive(
    bot_world_factory: WorldFactory,
) -> None:
    world = await bot_world_factory()
    # Slow Telegram: /start's greeting and its first onboarding step each take 0.5 s.
    world.tg.inject("sendMessage", 200, count=2, delay=0.5)
    olga = world.user(5001)
    greeting = await olga.ask("/start")
    assert "Hi" in greeting.plain

    await world.stop()  # the first onboarding step is still on its way

    assert any("Step 1 of 7" in message.plain for message in olga.messages())
