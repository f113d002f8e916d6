"""Before ``python -m bot`` builds anything: are the services the settings name there?

A setting that parses but points nowhere (a database that cannot be opened, a Redis that
does not answer, a token Telegram refuses) stops the bot at start with one line naming
the variable (:class:`core.config.ConfigError`, exit status 2) instead of a traceback
per update later. Telegram itself being unreachable is an outage, not a setting: polling
waits for it with a growing pause; webhook mode says so in one line and exits 1.
"""

from __future__ import annotations

import asyncio
import logging
from urllib.parse import urlsplit

import aiohttp

from core.config import ConfigError, Settings

logger = logging.getLogger(__name__)

CHECK_TIMEOUT = 5.0  # seconds for each service to answer
TELEGRAM_BACKOFF_FIRST = 1.0
TELEGRAM_BACKOFF_MAX = 30.0


class TelegramUnreachable(RuntimeError):
    """The Bot API at TELEGRAM_API_URL did not answer (one line, for the operator)."""


async def check_services(settings: Settings) -> None:
    """Raise ConfigError (one line naming the variable) when a configured service cannot
    be used; the database first, since nothing works without it."""
    await check_database(settings.database_url)
    if settings.redis_url:
        await check_redis(settings.redis_url)


async def check_database(url: str) -> None:
    from core.services.health import check_database as open_database

    try:
        await open_database(url, CHECK_TIMEOUT)
    except Exception as exc:  # every driver has its own errors; the message says enough
        raise ConfigError(f"DATABASE_URL: cannot open the database: {_one_line(exc)}") from None


async def check_redis(url: str) -> None:
    from redis.asyncio import Redis

    client = Redis.from_url(url, socket_connect_timeout=CHECK_TIMEOUT)
    try:
        async with asyncio.timeout(CHECK_TIMEOUT):
            # PING as a command: redis types ping() for its sync and async clients at once.
            await client.execute_command("PING")
    except Exception as exc:
        raise ConfigError(f"REDIS_URL: Redis does not answer: {_one_line(exc)}") from None
    finally:
        await client.aclose()


async def telegram_answers(settings: Settings) -> None:
    """One getMe: returns when the Bot API answers and accepts the token; ConfigError for
    a refused token, TelegramUnreachable when nothing (or an outage) answers."""
    assert settings.bot_token is not None
    base = settings.telegram_api_url.rstrip("/")
    url = f"{base}/bot{settings.bot_token.get_secret_value()}/getMe"
    timeout = aiohttp.ClientTimeout(total=CHECK_TIMEOUT)
    try:
        async with aiohttp.ClientSession(timeout=timeout) as http, http.get(url) as response:
            status = response.status
    except (aiohttp.ClientError, TimeoutError, OSError) as exc:
        raise TelegramUnreachable(_unreachable(settings, _one_line(exc))) from None
    if status in (401, 404):  # the Bot API's answers to a token it does not know
        raise ConfigError(f"BOT_TOKEN: the Bot API refused the token (HTTP {status})")
    if status >= 500:
        raise TelegramUnreachable(_unreachable(settings, f"HTTP {status}"))


async def wait_for_telegram(settings: Settings) -> None:
    """Polling mode: wait, with a growing pause, until the Bot API answers."""
    pause = TELEGRAM_BACKOFF_FIRST
    while True:
        try:
            await telegram_answers(settings)
            return
        except TelegramUnreachable as exc:
            logger.error("%s; retrying in %.0f s", exc, pause)
        await asyncio.sleep(pause)
        pause = min(TELEGRAM_BACKOFF_MAX, pause * 2)


def _unreachable(settings: Settings, reason: str) -> str:
    host = urlsplit(settings.telegram_api_url).netloc or settings.telegram_api_url
    return f"TELEGRAM_API_URL: the Bot API at {host} cannot be reached ({reason})"


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    text = text.split(" (Background on this error at:", 1)[0]  # SQLAlchemy's link
    return text[:200]
