"""Value types and small building blocks of the Telegram Bot API emulator."""

from __future__ import annotations

import asyncio
import math
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Any, NamedTuple

# Where an error came from; only "validation" errors count as bugs of the bot under test.
ErrorKind = str  # "validation" | "injected" | "rate_limit" | "blocked" | "conflict" | "emulator"


class ApiError(Exception):
    """An error answer of the Bot API: HTTP status == error_code, as Telegram does."""

    def __init__(
        self,
        status: int,
        description: str,
        *,
        kind: ErrorKind = "validation",
        retry_after: int | None = None,
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.kind = kind
        self.retry_after = retry_after

    def payload(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.status,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def bad_request(message: str) -> ApiError:
    return ApiError(400, f"Bad Request: {message}")


def too_many_requests(retry_after: int, kind: ErrorKind = "rate_limit") -> ApiError:
    return ApiError(
        429, f"Too Many Requests: retry after {retry_after}", kind=kind, retry_after=retry_after
    )


@dataclass(frozen=True, slots=True)
class Button:
    text: str
    callback_data: str | None = None
    url: str | None = None
    web_app: str | None = None  # the Mini App's URL (an InlineKeyboardButton.web_app)


@dataclass(frozen=True, slots=True)
class ChatMessage:
    """One message as the user sees it. Immutable: an edit stores a new instance."""

    message_id: int
    chat_id: int
    from_bot: bool
    text: str  # as sent (HTML source for the bot's messages; the caption for media)
    plain: str  # visible text: tags stripped, entities unescaped
    reply_markup: dict[str, Any] | None
    buttons: list[list[Button]]
    date: int
    edited: bool = False
    document: dict[str, Any] | None = None
    photo: dict[str, Any] | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    parse_mode: str | None = None
    # Bot API ``disable_notification``: delivered without a sound (quiet hours).
    disable_notification: bool = False

    def button_labels(self) -> list[str]:
        return [button.text for row in self.buttons for button in row]


@dataclass
class TelegramStats:
    calls: Counter[str] = field(default_factory=Counter)
    errors: list[tuple[str, int, str]] = field(default_factory=list)  # every non-2xx answer
    rate_limited: int = 0  # 429 answers produced by the rate limits (not injected ones)
    sent_messages: int = 0
    max_send_rate: int = 0  # most messages sent within any one-second window, all chats
    # HTML that Telegram accepts but renders oddly, e.g. an unknown "&nbsp;" shown literally.
    warnings: list[str] = field(default_factory=list)


@dataclass
class Fault:
    """An injected failure: the next ``count`` calls of ``method`` (for ``chat_id``) fail."""

    method: str  # lower-case method name
    status: int
    count: int
    retry_after: int | None = None
    chat_id: int | None = None
    description: str | None = None
    delay: float = 0.0

    def matches(self, method: str, chat_id: int | None) -> bool:
        return (
            self.count > 0
            and self.method == method
            and (self.chat_id is None or self.chat_id == chat_id)
        )

    def error(self) -> ApiError | None:
        if self.status < 300:  # a pure delay: the call then succeeds
            return None
        if self.status == 429:
            retry = self.retry_after or 1
            description = self.description or f"Too Many Requests: retry after {retry}"
            return ApiError(429, description, kind="injected", retry_after=retry)
        return ApiError(
            self.status,
            self.description or _DEFAULT_DESCRIPTIONS.get(self.status, "Internal Server Error"),
            kind="injected",
            retry_after=self.retry_after,
        )


_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request: injected failure",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict: injected failure",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
}


class TokenBucket:
    """Classic token bucket: ``rate`` tokens per second, at most ``burst`` saved up."""

    __slots__ = ("burst", "rate", "stamp", "tokens")

    def __init__(self, rate: float, burst: float) -> None:
        self.rate = rate
        self.burst = max(1.0, burst)
        self.tokens = self.burst
        self.stamp = time.monotonic()

    def wait_time(self, now: float) -> float:
        """Seconds until one token is available (0 if available now); refills as a side effect."""
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        return 0.0 if self.tokens >= 1.0 else (1.0 - self.tokens) / self.rate

    def take(self) -> None:
        self.tokens -= 1.0


def retry_after_seconds(wait: float) -> int:
    # Telegram reports whole seconds and never 0.
    return max(1, math.ceil(wait))


class SlidingRate:
    """Counts events in the last second to report the peak per-second rate; O(1) amortised."""

    def __init__(self) -> None:
        self._stamps: deque[float] = deque()
        self.peak = 0

    def add(self, now: float) -> None:
        self._stamps.append(now)
        while self._stamps[0] <= now - 1.0:
            self._stamps.popleft()
        self.peak = max(self.peak, len(self._stamps))


class Signal:
    """Wake every current waiter at once; waiters that arrive later wait for the next notify.

    Replacing the Event on each notify avoids the lost-wakeup/clear race of a shared Event.
    """

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait(self, seconds: float) -> bool:
        """Wait for the next notify; False if it did not come within ``seconds``."""
        if seconds <= 0:
            return False
        try:
            await asyncio.wait_for(self._event.wait(), seconds)
        except TimeoutError:
            return False
        return True


class SentDocument(NamedTuple):
    chat_id: int
    filename: str
    data: bytes
    caption: str | None


@dataclass(slots=True)
class UploadedFile:
    filename: str
    data: bytes
    content_type: str


@dataclass(slots=True)
class Profile:
    user_id: int
    first_name: str = "Test"
    language_code: str = "en"
    username: str | None = None

    def as_user(self) -> dict[str, Any]:
        user: dict[str, Any] = {
            "id": self.user_id,
            "is_bot": False,
            "first_name": self.first_name,
            "language_code": self.language_code,
        }
        if self.username:
            user["username"] = self.username
        return user

    def as_chat(self) -> dict[str, Any]:
        chat: dict[str, Any] = {
            "id": self.user_id,
            "type": "private",
            "first_name": self.first_name,
        }
        if self.username:
            chat["username"] = self.username
        return chat


@dataclass(slots=True)
class ChatState:
    """Everything the emulator knows about one private chat."""

    profile: Profile
    # message_id -> current version; dicts keep insertion order, so this is the chat order.
    messages: dict[int, ChatMessage] = field(default_factory=dict)
    next_message_id: int = 1
    # Every bot message and every edit, in arrival order; ChatUser.wait_for reads it by index.
    events: list[ChatMessage] = field(default_factory=list)
    changed: Signal = field(default_factory=Signal)
    blocked: bool = False
    bucket: TokenBucket | None = None
    callback_answers: list[tuple[str | None, bool]] = field(default_factory=list)
    # sendChatAction calls: (action, how many events the chat had then), so a test can
    # tell whether "typing…" showed before a reply.
    actions: list[tuple[str, int]] = field(default_factory=list)

    def new_message_id(self) -> int:
        message_id = self.next_message_id
        self.next_message_id += 1
        return message_id
