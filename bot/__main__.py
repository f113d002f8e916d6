"""``python -m bot``: run the bot.

- polling with ``BOT_TOKEN`` (``TELEGRAM_API_URL`` points it at any Bot API server);
- webhook mode when ``WEBHOOK_URL`` is set (aiohttp server checking the secret token);
- without ``BOT_TOKEN``: the offline sandbox demo (sandbox/demo.py): emulated Telegram and
  HeadHunter on loopback and a browser chat page; ``--reset`` starts it fresh.

A bad setting prints one line naming it and exits with status 2: malformed (core.config)
or pointing nowhere (bot.startup: the database, Redis, a token Telegram refuses). A Bot
API that cannot be reached is waited for in polling mode; webhook mode says so in one
line and exits 1.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import sys
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from core.config import ConfigError, Settings, load_settings

if TYPE_CHECKING:
    from bot.app import BotApp

    Started = Callable[[BotApp], Awaitable[None]]

EXIT_CONFIG = 2
EXIT_UNAVAILABLE = 1


def run_without_token(settings: Settings) -> int:
    """No BOT_TOKEN: the offline sandbox demo in a browser chat (arguments: --help)."""
    from sandbox.demo import main as run_demo

    print("BOT_TOKEN is not set: starting the offline sandbox demo.")
    print("(For the real bot: create one with @BotFather, put BOT_TOKEN=... into .env.)")
    return run_demo(sys.argv[1:])


async def run_polling(settings: Settings, *, started: Started | None = None) -> int:
    """Long polling with the push scheduler until SIGINT/SIGTERM (or stop_polling).
    ``started`` is awaited with the app once polling and the scheduler are up. Returns
    the exit status: 0, or BotApp.exit_code when the app failed (its database is gone)."""
    from bot.app import build_app_with_push
    from bot.startup import check_services, wait_for_telegram

    await check_services(settings)
    await wait_for_telegram(settings)
    app = await build_app_with_push(settings)
    if started is not None:
        app.on_startup.append(functools.partial(started, app))
    try:
        await app.start_polling()
    finally:
        await app.stop()
    return app.exit_code


def main() -> int:
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return EXIT_CONFIG
    logging.basicConfig(
        level=settings.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # alembic announces each of its plugins at INFO on every start: noise for an operator.
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    if settings.bot_token is None:
        return run_without_token(settings)
    from bot.startup import TelegramUnreachable

    try:
        if settings.webhook_url:
            from bot.webhook import run_webhook

            status = asyncio.run(run_webhook(settings))
        else:
            status = asyncio.run(run_polling(settings))
    except ConfigError as exc:  # a service a setting names is not there
        print(exc, file=sys.stderr)
        return EXIT_CONFIG
    except TelegramUnreachable as exc:
        print(exc, file=sys.stderr)
        return EXIT_UNAVAILABLE
    return status


if __name__ == "__main__":
    sys.exit(main())
