"""The Mini App in the bot's process: where it is served and how Telegram finds it.

- Polling mode: an aiohttp server of its own on WEB_APP_HOST:WEB_APP_PORT, started and
  stopped with polling (BotApp's startup/shutdown callbacks).
- Webhook mode: the same routes on the webhook's server (bot/webhook.py mounts them).
- WEB_APP_URL set: the bot's menu button opens the Mini App (setChatMenuButton).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from aiogram.types import MenuButtonWebApp, WebAppInfo
from aiohttp import web

from api.app import build_web_app
from core.config import ConfigError

if TYPE_CHECKING:
    from bot.app import BotApp

logger = logging.getLogger(__name__)


class WebAppServer:
    """The polling-mode server: ``start()`` listens, ``url`` is where, ``stop()`` closes."""

    def __init__(self, app: BotApp) -> None:
        self._app = app
        self._runner: web.AppRunner | None = None
        self.url = ""

    async def start(self) -> None:
        settings = self._app.settings
        runner = web.AppRunner(build_web_app(self._app.services), access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, settings.web_app_host, settings.web_app_port)
        try:
            await site.start()
        except OSError as exc:
            await runner.cleanup()
            # Another process has the port (a second bot on this host?): say which setting.
            raise ConfigError(
                f"Invalid setting WEB_APP_PORT: cannot listen on "
                f"{settings.web_app_host}:{settings.web_app_port} ({exc.strerror or exc})"
            ) from None
        self._runner = runner
        host, port = runner.addresses[0][:2]
        self.url = f"http://{host}:{port}"
        logger.info("Mini App and API on %s/app/", self.url)

    async def stop(self) -> None:
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()


def install_web_app(app: BotApp) -> WebAppServer | None:
    """Serve the Mini App with ``app`` and point the menu button at it when WEB_APP_URL is
    set. Returns the polling-mode server (None in webhook mode: the webhook serves it)."""
    settings = app.settings
    if settings.web_app_url:
        app.on_startup.append(lambda: set_menu_button(app))
    if settings.webhook_url:
        return None
    server = WebAppServer(app)
    app.on_startup.append(server.start)
    app.on_shutdown.append(server.stop)
    return server


async def set_menu_button(app: BotApp) -> None:
    """Every private chat's menu button opens the Mini App (the label in English: Telegram
    has one default menu button for everyone)."""
    url = app.settings.web_app_url
    assert url is not None
    t = app.services.locales.get("en")
    await app.bot.set_chat_menu_button(
        menu_button=MenuButtonWebApp(text=t("webapp.menu_button"), web_app=WebAppInfo(url=url))
    )
