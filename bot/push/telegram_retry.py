"""Every outgoing Bot API request survives Telegram's 429s and transient failures.

aiogram sends a request once: a 429 raises ``TelegramRetryAfter``, a 5xx
``TelegramServerError``, a dropped connection ``TelegramNetworkError``. A handler that
lets those escape fails its update, and the person who tapped a button sees silence (the
"something went wrong" notice usually hits the same 429). :class:`RetryRequestMiddleware`
sits on the bot's session (``bot.session.middleware(...)``), so replies, edits, callback
answers and digests all pass through it:

- 429: wait ``retry_after`` and send again (a bounded number of times, each wait at most
  :attr:`RetryPolicy.max_retry_after`); the chat is paused in the shared :class:`Pacer`
  so scheduled messages to it wait too. A scheduled send (inside :func:`scheduled`) gets
  the 429 back at once: :class:`bot.push.delivery.Delivery` re-queues it through the pacer.
- 5xx, network errors, an undecodable answer: retried with a bounded exponential backoff.
- Anything else (400, 403, …) is final and raised at once: resending cannot help.

Replies come first: each reply is counted in the pacer's budget (global and per chat)
without waiting for it, so the digest, which leaves headroom in the global rate, yields.
``getUpdates`` is left alone: aiogram's polling loop has its own backoff.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import GetUpdates
from aiogram.methods.base import TelegramMethod, TelegramType

if TYPE_CHECKING:
    from aiogram import Bot
    from aiogram.methods import Response

    from bot.push.delivery import Pacer

logger = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]
TRANSIENT_ERRORS = (TelegramServerError, TelegramNetworkError, ClientDecodeError)
# Methods that put a message into a chat: they count against Telegram's message limits.
MESSAGE_METHODS = frozenset(
    {
        "SendMessage",
        "SendPhoto",
        "SendDocument",
        "SendMediaGroup",
        "CopyMessage",
        "ForwardMessage",
        "SendAnimation",
        "SendVideo",
        "SendAudio",
        "SendVoice",
    }
)

_scheduled: ContextVar[bool] = ContextVar("scheduled_telegram_send", default=False)


@contextmanager
def scheduled() -> Iterator[None]:
    """Mark the requests made inside as scheduled traffic (digests, reminders): they are
    paced by Delivery, which handles their 429s itself."""
    token = _scheduled.set(True)
    try:
        yield
    finally:
        _scheduled.reset(token)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    max_attempts: int = 5
    # Telegram's flood waits are usually seconds; a reply held longer than this is
    # worth less than an honest failure (the error notice then goes through the same path).
    max_retry_after: float = 120.0
    backoff_base: float = 0.5  # seconds before the first retry of a transient error
    backoff_cap: float = 8.0

    def backoff(self, attempt: int) -> float:
        """Wait before retry number ``attempt`` (1-based) of a transient error."""
        return min(self.backoff_cap, self.backoff_base * 2 ** (attempt - 1))


class RetryRequestMiddleware(BaseRequestMiddleware):
    def __init__(
        self,
        pacer: Pacer | None = None,
        policy: RetryPolicy = RetryPolicy(),
        *,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.pacer = pacer
        self.policy = policy
        self._sleep = sleep
        self.retries = 0  # observability: how many requests had to be sent again

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        if _is_long_poll(method):
            return await make_request(bot, method)
        is_scheduled = _scheduled.get()
        chat_id = _chat_id(method)
        if not is_scheduled and self.pacer is not None and _is_message(method):
            # Only messages count against Telegram's message limits (not button
            # answers, chat actions or getMe).
            self.pacer.count_reply(chat_id)
        attempt = 0
        while True:
            attempt += 1
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as error:
                wait = float(error.retry_after)
                if self.pacer is not None and chat_id is not None:
                    self.pacer.pause_chat(chat_id, wait)
                if (
                    is_scheduled
                    or attempt >= self.policy.max_attempts
                    or wait > self.policy.max_retry_after
                ):
                    raise
                logger.info("429 on %s: retrying in %ss", type(method).__name__, wait)
            except TRANSIENT_ERRORS as error:
                if attempt >= self.policy.max_attempts:
                    raise
                wait = self.policy.backoff(attempt)
                logger.info("%s failed (%s): retrying in %.1fs", type(method).__name__, error, wait)
            self.retries += 1
            await self._sleep(wait)


def _is_long_poll(method: TelegramMethod[Any]) -> bool:
    # A predicate, not an inline isinstance: narrowing to GetUpdates would lose the
    # method's returning type, which make_request must keep.
    return isinstance(method, GetUpdates)


def _chat_id(method: TelegramMethod[Any]) -> int | None:
    value = getattr(method, "chat_id", None)
    return value if isinstance(value, int) else None


def _is_message(method: TelegramMethod[Any]) -> bool:
    return type(method).__name__ in MESSAGE_METHODS
