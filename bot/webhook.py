"""Webhook mode: an aiohttp server receiving updates at the path of ``WEBHOOK_URL``.

Telegram sends ``X-Telegram-Bot-Api-Secret-Token`` with every update; SimpleRequestHandler
refuses requests without the right one. The secret is ``WEBHOOK_SECRET`` or, when unset, a
random one registered with setWebhook at start-up. A body that is not a JSON Telegram
update is answered 400 (aiogram's handler would raise: a 500 and a traceback).
"""

from __future__ import annotations

import functools
import logging
import secrets
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from aiogram.types import Update
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web
from pydantic import ValidationError

from api.app import mount_web_app
from bot.app import BotApp, build_app_with_push
from core.config import Settings

logger = logging.getLogger(__name__)


def webhook_secret(settings: Settings) -> str:
    if settings.webhook_secret is not None:
        return settings.webhook_secret.get_secret_value()
    return secrets.token_urlsafe(32)


def webhook_path(url: str) -> str:
    return urlsplit(url).path or "/"


class UpdateRequestHandler(SimpleRequestHandler):
    """aiogram's handler, refusing a body that is not a Telegram update with 400."""

    async def handle(self, request: web.Request) -> web.Response:
        bot = await self.resolve_bot(request)
        secret = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
        if self.verify_secret(secret, bot):  # a wrong secret gets aiogram's 401 below
            try:
                body = await request.json(loads=bot.session.json_loads)
                Update.model_validate(body, context={"bot": bot})
            except (ValueError, UnicodeDecodeError, ValidationError):
                logger.warning("webhook: refused a request whose body is not an update")
                return web.Response(status=400, text="Bad Request: not a Telegram update")
        return await super().handle(request)


def build_webhook_app(app: BotApp, secret: str) -> web.Application:
    """The aiohttp application serving updates; startup sets the webhook."""
    url = app.settings.webhook_url
    assert url is not None
    server = web.Application()
    UpdateRequestHandler(dispatcher=app.dispatcher, bot=app.bot, secret_token=secret).register(
        server, path=webhook_path(url)
    )
    setup_application(server, app.dispatcher, bot=app.bot)
    mount_web_app(server, app.services)  # the Mini App and its API on the same server

    async def set_webhook() -> None:
        await app.bot.set_webhook(url, secret_token=secret, drop_pending_updates=False)
        logger.info("webhook set to %s", url)

    app.on_startup.append(set_webhook)
    return server


async def run_webhook(
    settings: Settings, *, started: Callable[[BotApp], Awaitable[None]] | None = None
) -> int:
    """Serve updates with the push scheduler until cancelled or the app fails (its
    database is gone: returns BotApp.exit_code). ``started`` is awaited with the app once
    the webhook is set and the scheduler is up."""
    from bot.startup import check_services, telegram_answers

    await check_services(settings)
    await telegram_answers(settings)  # unreachable: one line and exit, before any session
    app = await build_app_with_push(settings)
    server = build_webhook_app(app, webhook_secret(settings))
    if started is not None:
        app.on_startup.append(functools.partial(started, app))
    runner = web.AppRunner(server)
    await runner.setup()
    site = web.TCPSite(runner, settings.webhook_host, settings.webhook_port)
    try:
        await site.start()
        logger.info("listening on %s:%s", settings.webhook_host, settings.webhook_port)
        await app.failed.wait()
    finally:
        await runner.cleanup()
        await app.stop()
    return app.exit_code
