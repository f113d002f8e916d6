"""A simulated Telegram user: types messages, presses inline buttons, waits for the bot."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING

from sandbox.telegram_types import Button, ChatMessage, ChatState, UploadedFile

if TYPE_CHECKING:
    from sandbox.telegram import TelegramEmulator

Predicate = Callable[[ChatMessage], bool]


class ChatUser:
    """One person in a private chat with the bot.

    Replies are read as a stream: ``send``/``press`` moves the read position to "now", and
    each ``wait_for`` returns the first bot message or edit after the read position that
    matches, then moves the position past it. So after one ``ask`` a second ``wait_for()``
    returns the bot's *next* message, not the same one again.
    """

    def __init__(self, emulator: TelegramEmulator, state: ChatState) -> None:
        self._emulator = emulator
        self._state = state
        self.user_id = state.profile.user_id
        self._cursor = len(state.events)

    @property
    def callback_answers(self) -> list[tuple[str | None, bool]]:
        return self._state.callback_answers

    # ----------------------------------------------------------------------------- actions
    async def send(self, text: str) -> None:
        self._cursor = len(self._state.events)
        self._emulator.user_message(self._state, text)

    async def send_document(
        self,
        filename: str,
        data: bytes,
        *,
        mime_type: str = "application/octet-stream",
        caption: str = "",
        file_size: int | None = None,
    ) -> None:
        """Send a file, as from the paperclip menu; ``file_size`` is what Telegram reports
        (defaults to the bytes' length)."""
        self._cursor = len(self._state.events)
        upload = UploadedFile(filename, data, mime_type)
        self._emulator.user_document(self._state, upload, caption=caption, file_size=file_size)

    async def press(self, label: str, *, message_id: int | None = None) -> None:
        message, button = self._find_button(label, message_id)
        if button.callback_data is None:
            raise LookupError(f"button {button.text!r} has no callback_data (url={button.url!r})")
        self._cursor = len(self._state.events)
        self._emulator.user_press(self._state, message, button)

    async def wait_for(
        self,
        predicate: Predicate | None = None,
        timeout: float = 5.0,  # noqa: ASYNC109 - part of the test-helper contract
    ) -> ChatMessage:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        events = self._state.events
        while True:
            while self._cursor < len(events):
                message = events[self._cursor]
                self._cursor += 1
                if predicate is None or predicate(message):
                    return message
            if not await self._state.changed.wait(deadline - loop.time()):
                raise TimeoutError(
                    f"user {self.user_id}: no matching bot message within {timeout}s\n"
                    f"{self.transcript()}"
                )

    async def ask(self, text: str, timeout: float = 5.0) -> ChatMessage:  # noqa: ASYNC109
        await self.send(text)
        return await self.wait_for(timeout=timeout)

    async def tap(self, label: str, timeout: float = 5.0) -> ChatMessage:  # noqa: ASYNC109
        await self.press(label)
        return await self.wait_for(timeout=timeout)

    # ----------------------------------------------------------------------------- reading
    def messages(self) -> list[ChatMessage]:
        return list(self._state.messages.values())

    def last(self) -> ChatMessage:
        for message in reversed(self._state.messages.values()):
            if message.from_bot:
                return message
        raise LookupError(f"the bot has not written to user {self.user_id} yet")

    def transcript(self) -> str:
        return format_transcript(self.messages()) or "(empty chat)"

    def _find_button(self, label: str, message_id: int | None) -> tuple[ChatMessage, Button]:
        candidates = self._candidates(message_id)
        # Exact label first across all messages (newest first), then a substring match.
        for matches in (lambda b: b.text == label, lambda b: label in b.text):
            for message in candidates:
                for row in message.buttons:
                    for button in row:
                        if matches(button):
                            return message, button
        available = [f"#{m.message_id}: {m.button_labels()}" for m in candidates if m.buttons]
        raise LookupError(
            f"no button {label!r} for user {self.user_id}; available: "
            + ("; ".join(available) or "none")
        )

    def _candidates(self, message_id: int | None) -> list[ChatMessage]:
        messages = self._state.messages
        if message_id is not None:
            message = messages.get(message_id)
            if message is None:
                raise LookupError(f"no message {message_id} in chat {self.user_id}")
            return [message]
        return [m for m in reversed(messages.values()) if m.from_bot and m.buttons]


def format_transcript(messages: list[ChatMessage]) -> str:
    lines: list[str] = []
    for message in messages:
        who = f"bot #{message.message_id}" if message.from_bot else "user"
        flags = " (edited)" if message.edited else ""
        if message.document:
            flags += f" [document {message.document.get('file_name')}]"
        lines.append(f"[{who}{flags}] {message.plain}")
        for row in message.buttons:
            lines.append("    " + " ".join(_button_label(button) for button in row))
    return "\n".join(lines)


def _button_label(button: Button) -> str:
    if button.url:
        return f"[{button.text} -> {button.url}]"
    return f"[{button.text}]"
