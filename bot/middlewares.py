"""Update middlewares (user loading + translator, per-user throttling) and the error
handler. Registered by :func:`setup_middlewares` from the composition root.

Handler data after these middlewares (bot.services.HandlerData names every key):
- ``user``: :class:`core.services.users.UserProfile` of the person who sent the update
- ``t``: :class:`bot.i18n.Translator` in the user's language

aiogram hands middlewares a plain ``dict[str, Any]``; each reads and writes it through
``cast(HandlerData, data)``, so the keys and their types are checked.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, cast

from aiogram import Bot, Dispatcher
from aiogram.exceptions import TelegramAPIError
from aiogram.types import CallbackQuery, ErrorEvent, TelegramObject, Update
from aiogram.types import User as TelegramUser

from bot.i18n import Locales, Translator
from bot.services import HandlerData
from bot.ui.typing_indicator import TypingMiddleware
from core.services.health import database_gone, database_unavailable
from core.services.users import UserService

logger = logging.getLogger("bot.errors")
throttle_logger = logging.getLogger("bot.throttle")

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class UserMiddleware:
    """Registers the sender on first contact and injects ``user`` and ``t``."""

    def __init__(self, users: UserService, locales: Locales) -> None:
        self._users = users
        self._locales = locales

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        typed = cast(HandlerData, data)
        sender: TelegramUser | None = typed.get("event_from_user")
        if sender is None or sender.is_bot:
            typed["t"] = self._locales.get(None)
            return await handler(event, data)
        profile = await self._users.ensure_user(
            sender.id,
            first_name=sender.first_name,
            username=sender.username,
            language_code=sender.language_code,
        )
        typed["user"] = profile
        typed["t"] = self._locales.for_user(profile.language, sender.language_code)
        return await handler(event, data)


@dataclass(frozen=True, slots=True)
class ThrottleConfig:
    """A token bucket per user: ``burst`` updates at once, then ``rate`` per second.

    A message over the limit waits up to ``max_delay`` seconds for a token (a fast typist
    is slowed, not ignored); beyond that it is dropped. A button press over the limit is
    answered with a polite "slow down" and dropped.
    """

    rate: float = 3.0
    burst: float = 10.0
    max_delay: float = 2.0
    idle_forget: float = 600.0  # buckets of users quiet this long are dropped


class _Bucket:
    __slots__ = ("stamp", "tokens")

    def __init__(self, tokens: float, stamp: float) -> None:
        self.tokens = tokens
        self.stamp = stamp


class ThrottlingMiddleware:
    """Per-user flood control: one person's flood slows only that person."""

    def __init__(self, config: ThrottleConfig, clock: Callable[[], float] = time.monotonic) -> None:
        self._config = config
        self._clock = clock
        self._buckets: dict[int, _Bucket] = {}
        self._last_sweep = clock()

    def reserve(self, user_id: int) -> float:
        """Take a token; returns how long to wait for it (0 = go now). A token is
        reserved only when the wait is at most ``max_delay``."""
        now = self._clock()
        self._sweep(now)
        config = self._config
        bucket = self._buckets.get(user_id)
        if bucket is None:
            bucket = self._buckets[user_id] = _Bucket(config.burst, now)
        bucket.tokens = min(config.burst, bucket.tokens + (now - bucket.stamp) * config.rate)
        bucket.stamp = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return 0.0
        wait = (1 - bucket.tokens) / config.rate
        if wait <= config.max_delay:
            bucket.tokens -= 1  # reserved: the token is spent when it arrives
        return wait

    def _give_back(self, user_id: int) -> None:
        bucket = self._buckets.get(user_id)
        if bucket is not None:
            bucket.tokens = min(self._config.burst, bucket.tokens + 1)

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        typed = cast(HandlerData, data)
        sender: TelegramUser | None = typed.get("event_from_user")
        if sender is None:
            return await handler(event, data)
        wait = self.reserve(sender.id)
        if wait == 0:
            return await handler(event, data)
        query = event.callback_query if isinstance(event, Update) else None
        if query is not None or wait > self._config.max_delay:
            if wait <= self._config.max_delay:
                self._give_back(sender.id)  # a reserved token a dropped press will not use
            throttle_logger.info("dropped an update of user %s (flood)", sender.id)
            if query is not None:
                await _answer_slow_down(query, typed.get("t"))
            return None
        await asyncio.sleep(wait)
        return await handler(event, data)

    def _sweep(self, now: float) -> None:
        if now - self._last_sweep < self._config.idle_forget:
            return
        self._last_sweep = now
        limit = self._config.idle_forget
        stale = [uid for uid, b in self._buckets.items() if now - b.stamp > limit]
        for user_id in stale:
            del self._buckets[user_id]


async def _answer_slow_down(query: CallbackQuery, t: Translator | None) -> None:
    text = t("common.slow_down") if t is not None else None
    try:
        await query.answer(text)
    except TelegramAPIError:
        throttle_logger.debug("could not answer a throttled callback", exc_info=True)


async def on_error(event: ErrorEvent, bot: Bot, locales: Locales, **data: Any) -> bool:
    """Log the traceback and tell the user something went wrong; FSM state is kept, so
    they can retry the step they were on. A database that cannot take writes (disk full,
    file deleted) is one clear line, not a traceback, and the user is told the service is
    temporarily unavailable; a deleted database file also stops the process."""
    update = event.update
    unavailable = database_unavailable(event.exception)
    if unavailable is None:
        logger.error(
            "error while processing update %s: %r",
            update.update_id,
            event.exception,
            exc_info=event.exception,
        )
    else:
        logger.error("the database is unavailable (update %s): %s", update.update_id, unavailable)
    typed = cast(HandlerData, data)
    t: Translator = typed.get("t") or _translator_for(update, locales)
    chat_id = _chat_of(update)
    if chat_id is not None:
        try:
            # A message, not a callback answer: the handler may have answered the query.
            text = t("common.unavailable" if unavailable else "common.error")
            await bot.send_message(chat_id, text)
        except TelegramAPIError:
            logger.warning("could not tell the user about the error", exc_info=True)
    app = typed.get("app")
    if app is not None and database_gone(event.exception):
        await app.fail(f"DATABASE_URL: {unavailable}")
    return True


def _chat_of(update: Update) -> int | None:
    if update.message is not None:
        return update.message.chat.id
    query = update.callback_query
    if query is not None:
        return query.message.chat.id if query.message is not None else query.from_user.id
    return None


def _translator_for(update: Update, locales: Locales) -> Translator:
    sender = None
    if update.message is not None:
        sender = update.message.from_user
    elif update.callback_query is not None:
        sender = update.callback_query.from_user
    return locales.for_user(None, sender.language_code if sender else None)


def setup_middlewares(
    dp: Dispatcher,
    *,
    users: UserService,
    locales: Locales,
    throttle: ThrottleConfig | None,
) -> None:
    """Order matters: the user is loaded first (the throttle answers in their language)."""
    dp.update.outer_middleware(UserMiddleware(users, locales))
    if throttle is not None:
        dp.update.outer_middleware(ThrottlingMiddleware(throttle))
    dp.update.outer_middleware(TypingMiddleware())  # "typing…" when a reply takes long
    dp.errors.register(on_error)
