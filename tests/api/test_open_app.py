"""The chat's way into the Mini App: /app answers an "Open app" web_app button."""

from __future__ import annotations

from tests.fixtures.bot import WorldFactory

APP_URL = "https://jobs.example.com/app/"


async def test_app_offers_an_open_app_button_for_the_mini_app(
    bot_world_factory: WorldFactory,
) -> None:
    world = await bot_world_factory(web_app_url=APP_URL)
    reply = await world.user(1).ask("/app")
    (button,) = [button for row in reply.buttons for button in row]
    assert button.text == "📱 Open app" and button.web_app == APP_URL


async def test_app_without_a_web_app_url_says_the_chat_has_it_all(
    bot_world_factory: WorldFactory,
) -> None:
    world = await bot_world_factory()
    reply = await world.user(1).ask("/app")
    assert "not set up" in reply.plain and not reply.buttons
