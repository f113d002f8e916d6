"""Outgoing scheduled messages: one pacer for every digest and reminder.

Telegram allows about 30 messages/s per bot and about 1 message/s into one chat; past
that it answers 429 with ``retry_after``. aiogram has no limiter and no retry, so every
scheduled message goes through :class:`Delivery`:

- :class:`Pacer` spaces sends evenly (a GCRA / leaky bucket with no burst): the global
  limit across all chats and the per-chat limit. Evenly spaced sends never drain the
  server's own bucket, so under normal load no 429 is ever answered.
- A 429 that happens anyway (another process sharing the token, a stricter server) makes
  that chat wait ``retry_after`` and the same message is retried, a bounded number of times.
- 403 (blocked, deactivated, kicked) is final: :attr:`SendStatus.BLOCKED`, the caller
  marks the user inactive.
- 400 means the request itself is wrong and resending cannot help:
  :attr:`SendStatus.REJECTED`, logged, not retried.
- Anything else (network, 5xx): :attr:`SendStatus.FAILED`, logged; the caller releases its
  claim so the next tick tries again.

Replies to a user's own command do not go through here: they are sent at once, retried by
bot.push.telegram_retry.RetryRequestMiddleware, and counted in the same :class:`Pacer` budget
(:meth:`Pacer.count_reply`), which keeps ``headroom`` of the global rate free for them.
A chat paused by a long ``retry_after`` stays paused across ticks (:meth:`Pacer.is_paused`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramRetryAfter,
)
from aiogram.types import InlineKeyboardMarkup

from bot.push.telegram_retry import scheduled
from core.domain.push import SendResult, SendStatus

logger = logging.getLogger(__name__)

MAX_RETRY_AFTER_ATTEMPTS = 5
# A server asking for a longer pause than this is treated as a failure for this tick:
# the claim is released and a later tick retries, instead of holding a task for minutes.
MAX_RETRY_AFTER_SECONDS = 60.0
_PRUNE_EVERY = 1024  # per-chat slots are forgotten once in the past, checked this often


class Pacer:
    """Evenly spaced sends: ``global_rate`` per second overall, ``chat_rate`` per chat.

    The chat slot is reserved first (the next free time for that chat, as in GCRA), and
    the global slot only once the chat is ready, so a chat that must wait does not hold a
    global slot idle meanwhile. Global slots are handed out one at a time under a FIFO
    lock and the next one is set from the moment a slot is *actually* taken: if the event
    loop stalls (a slow query, a GC pause), the waiters do not wake up together and
    burst, they keep their spacing. Idle time is never saved up as a burst either.
    """

    def __init__(
        self,
        global_rate: float,
        chat_rate: float,
        *,
        headroom: float = 0.0,
        time_source: Callable[[], float] | None = None,
    ) -> None:
        if global_rate <= 0 or chat_rate <= 0:
            raise ValueError("rates must be positive")
        if not 0.0 <= headroom < 1.0:
            raise ValueError("headroom is a fraction of the global rate, below 1")
        # Scheduled sends use (1 - headroom) of the global rate; replies take the rest.
        self._global_interval = 1.0 / (global_rate * (1.0 - headroom))
        self._reply_interval = 1.0 / global_rate
        self._chat_interval = 1.0 / chat_rate
        self._time = time_source or _loop_time
        self._next_global = 0.0
        self._global_lock = asyncio.Lock()
        self._next_chat: dict[int, float] = {}
        self._paused_until: dict[int, float] = {}  # chats under a server's retry_after
        self._reservations = 0

    async def acquire(self, chat_id: int) -> None:
        """Wait until one message may be sent into ``chat_id``."""
        await self._sleep_until(self._reserve_chat(chat_id))
        async with self._global_lock:
            # A loop, not one sleep: replies counted meanwhile push the slot further.
            while self._next_global > self._time():
                await self._sleep_until(self._next_global)
            self._next_global = self._time() + self._global_interval

    def count_reply(self, chat_id: int | None) -> None:
        """A reply to someone's own action is going out now, without waiting: it uses one
        global slot (and one slot of its chat, when it is a message), so scheduled sends
        yield to it instead of both exceeding Telegram's limits."""
        now = self._time()
        self._next_global = max(self._next_global, now) + self._reply_interval
        if chat_id is not None:
            self._next_chat[chat_id] = max(self._next_chat.get(chat_id, 0.0), now) + (
                self._chat_interval
            )

    def pause_chat(self, chat_id: int, seconds: float) -> None:
        """Nothing goes to this chat for ``seconds`` (the server said retry_after)."""
        resume = self._time() + seconds
        self._next_chat[chat_id] = max(self._next_chat.get(chat_id, 0.0), resume)
        self._paused_until[chat_id] = max(self._paused_until.get(chat_id, 0.0), resume)

    def is_paused(self, chat_id: int) -> bool:
        """The server asked for a pause in this chat that has not ended yet: a later tick
        must not resend before it does."""
        until = self._paused_until.get(chat_id)
        if until is None:
            return False
        if until <= self._time():
            del self._paused_until[chat_id]
            return False
        return True

    def _reserve_chat(self, chat_id: int) -> float:
        now = self._time()
        slot = max(now, self._next_chat.get(chat_id, 0.0))
        self._next_chat[chat_id] = slot + self._chat_interval
        self._reservations += 1
        if self._reservations % _PRUNE_EVERY == 0:
            self._forget_past(now)
        return slot

    def _forget_past(self, now: float) -> None:
        # Keeps the map as small as the set of chats with a slot still in the future.
        for chat_id in [chat for chat, slot in self._next_chat.items() if slot <= now]:
            del self._next_chat[chat_id]
        for chat_id in [chat for chat, until in self._paused_until.items() if until <= now]:
            del self._paused_until[chat_id]

    async def _sleep_until(self, slot: float) -> None:
        delay = slot - self._time()
        if delay > 0:
            await asyncio.sleep(delay)


def _loop_time() -> float:
    return asyncio.get_running_loop().time()


class Delivery:
    """Sends scheduled messages through one :class:`Pacer`, mapping Telegram's answers
    to a :class:`SendResult` (never raises for an API error)."""

    def __init__(
        self,
        bot: Bot,
        pacer: Pacer,
        *,
        max_attempts: int = MAX_RETRY_AFTER_ATTEMPTS,
        max_retry_after: float = MAX_RETRY_AFTER_SECONDS,
    ) -> None:
        self.bot = bot
        self.pacer = pacer
        self._max_attempts = max_attempts
        self._max_retry_after = max_retry_after
        self.retried_after_429 = 0  # observability: how often the server pushed back

    async def send_text(
        self,
        chat_id: int,
        text: str,
        reply_markup: InlineKeyboardMarkup | None = None,
        *,
        silent: bool = False,
    ) -> SendResult:
        """Send one HTML message, waiting for a slot and honouring 429s; ``silent``:
        without a notification sound (Bot API ``disable_notification``)."""
        for _ in range(self._max_attempts):
            await self.pacer.acquire(chat_id)
            try:
                with scheduled():  # 429s come back here, to be re-paced
                    message = await self.bot.send_message(
                        chat_id,
                        text,
                        reply_markup=reply_markup,
                        disable_notification=True if silent else None,
                    )
            except TelegramRetryAfter as error:
                # The chat stays paused for the whole retry_after, also for later ticks.
                self.pacer.pause_chat(chat_id, float(error.retry_after))
                if error.retry_after > self._max_retry_after:
                    return self._failed(chat_id, f"retry_after {error.retry_after}s too long")
                self.retried_after_429 += 1
                logger.info("429 for chat %s: waiting %ss", chat_id, error.retry_after)
                continue
            except TelegramForbiddenError as error:
                logger.info("chat %s is unreachable: %s", chat_id, error.message)
                return SendResult(SendStatus.BLOCKED, error=error.message)
            except TelegramBadRequest as error:
                logger.error("Telegram rejected a message to chat %s: %s", chat_id, error.message)
                return SendResult(SendStatus.REJECTED, error=error.message)
            except Exception as error:  # network, 5xx, timeouts: a later tick retries
                return self._failed(chat_id, repr(error))
            return SendResult(SendStatus.SENT, message_id=message.message_id)
        return self._failed(chat_id, f"still rate-limited after {self._max_attempts} attempts")

    @staticmethod
    def _failed(chat_id: int, reason: str) -> SendResult:
        logger.warning("sending to chat %s failed, will retry on a later tick: %s", chat_id, reason)
        return SendResult(SendStatus.FAILED, error=reason)
