"""The user's side of the Telegram emulator over HTTP: the browser chat page and its API.

The emulator already keeps every chat as the user would see it; this module lets a web
page (sandbox/web/) be that user. Routes, all on the emulator's own port:

    GET  /                                  the chat page (?user=ID&name=…&lang=ru optional)
    GET  /web/{file}                        its CSS and JS
    GET  /_chat/config                      default user, bot name, extra actions
    GET  /_chat/commands?lang=xx            the commands menu the bot set
    GET  /_chat/texts?lang=xx               the page's own texts in that language
    GET  /_chat/{user_id}/history           current messages and the stream position
    GET  /_chat/{user_id}/events?after=N    long poll: changes after position N
    POST /_chat/{user_id}/send              {"text": …} the user types a message
    POST /_chat/{user_id}/press             {"message_id", "row", "column"} a button press
    POST /_chat/{user_id}/actions/{name}    a sandbox control, e.g. "send my digest now"
    GET  /_chat/{user_id}/documents/{file}  a document the bot sent, as a download
    GET  /_chat/{user_id}/photos/{file}     a photo the bot sent (a /market chart), inline
    GET  /_chat/{user_id}/web_app[?url=…]   open the bot's Mini App: its URL with initData
                                            signed for the bot's token (menu or button)

Changes are derived from the chat state rather than recorded by the emulator, so the
emulator's hot paths stay untouched: :class:`ChatLog` diffs a chat's messages (which are
immutable; an edit is a new object) against what it reported last, on demand.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from aiohttp import web

from sandbox.telegram_types import Button, ChatMessage, ChatState
from sandbox.telegram_web_app import init_data as web_app_init_data
from sandbox.telegram_web_app import launch_url

if TYPE_CHECKING:
    from sandbox.telegram import TelegramEmulator

log = logging.getLogger(__name__)

WEB_DIR = Path(__file__).with_name("web")
MAX_TEXT = 4096  # what a Telegram client lets a person type into one message
MAX_POLL_SECONDS = 25.0  # below common proxy idle timeouts
LOG_LIMIT = 2000  # changes kept per chat; a page further behind reloads the history
_NO_CACHE = {"Cache-Control": "no-store"}

ActionRun = Callable[[int], Awaitable[str | None]]
PageTexts = Callable[[str, str], dict[str, str]]


@dataclass(frozen=True, slots=True)
class WebAction:
    """A sandbox control shown on the page: ``run(user_id)`` returns a note to show."""

    label: str
    run: ActionRun


@dataclass(slots=True)
class WebUser:
    """Who the page is when it does not say: the demo's one person."""

    user_id: int = 1
    first_name: str = "Demo"
    language_code: str = "en"


class ChatLog:
    """A numbered stream of one chat's visible changes: new or edited messages, deletions,
    and callback answers with a text (shown as a toast)."""

    def __init__(self, state: ChatState) -> None:
        self._state = state
        self._seen: dict[int, ChatMessage] = {}
        self._events: deque[tuple[int, dict[str, Any]]] = deque(maxlen=LOG_LIMIT)
        self._answers_seen = len(state.callback_answers)
        self.seq = 0

    def sync(self) -> None:
        """Append whatever changed since the last call; O(messages in the chat)."""
        messages = self._state.messages
        for message_id, message in messages.items():
            if self._seen.get(message_id) is not message:
                self._seen[message_id] = message
                self._append({"type": "message", "message": message_view(message)})
        for message_id in [m for m in self._seen if m not in messages]:
            del self._seen[message_id]
            self._append({"type": "delete", "message_id": message_id})
        answers = self._state.callback_answers
        for text, alert in answers[self._answers_seen :]:
            if text:
                self._append({"type": "answer", "text": text, "alert": alert})
        self._answers_seen = len(answers)

    def since(self, after: int) -> list[dict[str, Any]] | None:
        """Changes after position ``after``; None when they are no longer all kept."""
        if after > self.seq:
            return None  # a position from before an emulator restart
        oldest = self._events[0][0] if self._events else self.seq + 1
        if after + 1 < oldest and after < self.seq:
            return None
        return [event for seq, event in self._events if seq > after]

    def snapshot(self) -> list[dict[str, Any]]:
        return [message_view(message) for message in self._state.messages.values()]

    def _append(self, event: dict[str, Any]) -> None:
        self.seq += 1
        self._events.append((self.seq, event))


def message_view(message: ChatMessage) -> dict[str, Any]:
    """A message as the page draws it: visible text plus entities (UTF-16 offsets, which is
    what JavaScript strings index), so the page never parses HTML."""
    view: dict[str, Any] = {
        "id": message.message_id,
        "from_bot": message.from_bot,
        "text": message.plain,
        "entities": message.entities,
        "date": message.date,
        "edited": message.edited,
        "buttons": [[_button_view(button) for button in row] for row in message.buttons],
    }
    if message.document is not None:
        view["document"] = {
            "file_id": message.document.get("file_id"),
            "file_name": message.document.get("file_name") or "document",
            "file_size": message.document.get("file_size", 0),
        }
    if message.photo is not None:
        view["photo"] = {
            "file_id": message.photo.get("file_id"),
            "width": message.photo.get("width", 0),
            "height": message.photo.get("height", 0),
        }
    return view


def _button_view(button: Button) -> dict[str, Any]:
    return {
        "text": button.text,
        "url": button.url,
        "callback": button.callback_data is not None,
        "web_app": button.web_app,
    }


class ChatWeb:
    """The HTTP routes above, bound to one emulator."""

    def __init__(self, emulator: TelegramEmulator) -> None:
        self._emulator = emulator
        self.actions: dict[str, WebAction] = {}
        self.default_user = WebUser()
        # (language, bot name) → the page's chrome by element key; None: the page keeps
        # the English of index.html (the demo sets it from sandbox/locales).
        self.page_texts: PageTexts | None = None
        self._logs: dict[int, ChatLog] = {}
        self._closing = False

    def register(self, app: web.Application) -> None:
        self._closing = False
        add = app.router.add_route
        add("GET", "/", self._page)
        add("GET", "/_chat/config", self._config)
        add("GET", "/_chat/commands", self._commands)
        add("GET", "/_chat/texts", self._texts)
        add("GET", "/_chat/{user_id:\\d+}/history", self._history)
        add("GET", "/_chat/{user_id:\\d+}/events", self._events)
        add("POST", "/_chat/{user_id:\\d+}/send", self._send)
        add("POST", "/_chat/{user_id:\\d+}/press", self._press)
        add("POST", "/_chat/{user_id:\\d+}/actions/{name}", self._action)
        add("GET", "/_chat/{user_id:\\d+}/documents/{file_id}", self._document)
        add("GET", "/_chat/{user_id:\\d+}/photos/{file_id}", self._photo)
        add("GET", "/_chat/{user_id:\\d+}/web_app", self._web_app)
        app.router.add_static("/web/", WEB_DIR, append_version=False)
        # on_shutdown runs before aiohttp waits for open requests: release the long polls.
        app.on_shutdown.append(self._release_polls)

    def add_action(self, name: str, label: str, run: ActionRun) -> None:
        self.actions[name] = WebAction(label, run)

    # ----------------------------------------------------------------------------- pages
    async def _page(self, request: web.Request) -> web.StreamResponse:
        return web.FileResponse(WEB_DIR / "index.html", headers=_NO_CACHE)

    async def _config(self, request: web.Request) -> web.Response:
        bot = self._emulator.bot_user()
        return web.json_response(
            {
                "user": {
                    "id": self.default_user.user_id,
                    "first_name": self.default_user.first_name,
                    "language_code": self.default_user.language_code,
                },
                "bot": {"name": bot["first_name"], "username": bot["username"]},
                "actions": [
                    {"name": name, "label": action.label} for name, action in self.actions.items()
                ],
                "menu_button": self._emulator.bot_settings.get("menu_button"),
            },
            headers=_NO_CACHE,
        )

    async def _texts(self, request: web.Request) -> web.Response:
        language = request.query.get("lang") or self.default_user.language_code
        texts: dict[str, str] = {}
        if self.page_texts is not None:
            texts = self.page_texts(language, self._emulator.bot_user()["first_name"])
        return web.json_response({"texts": texts}, headers=_NO_CACHE)

    async def _commands(self, request: web.Request) -> web.Response:
        commands = self._menu(request.query.get("lang", ""))
        return web.json_response({"commands": commands}, headers=_NO_CACHE)

    def _menu(self, language: str) -> list[dict[str, str]]:
        """What a private chat shows, in Telegram's order of precedence: the most specific
        scope first, the user's language before the all-languages list."""
        by_scope = self._emulator.commands_by_scope
        for scope in ('{"type": "all_private_chats"}', '{"type": "default"}'):
            for code in dict.fromkeys((language, "")):
                if (scope, code) in by_scope:
                    return by_scope[(scope, code)]
        return []

    # ----------------------------------------------------------------------------- reading
    async def _history(self, request: web.Request) -> web.Response:
        chat = self._log(request)
        return web.json_response(_history_body(chat) if chat else {"seq": 0, "messages": []})

    async def _events(self, request: web.Request) -> web.Response:
        user_id = _user_id(request)
        after = _int_query(request, "after", 0)
        wanted = _float_query(request, "timeout", MAX_POLL_SECONDS)
        timeout = min(max(wanted, 0.0), MAX_POLL_SECONDS)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            chat = self._log_for(user_id)
            if chat is None and after > 0:
                # A page from before an emulator restart: its messages are gone.
                return web.json_response({"reset": True, "seq": 0, "messages": []})
            if chat is not None:
                chat.sync()
                events = chat.since(after)
                if events is None:
                    return web.json_response({"reset": True, **_history_body(chat)})
                if events:
                    return web.json_response({"seq": chat.seq, "events": events})
            remaining = deadline - loop.time()
            if remaining <= 0 or self._closing:
                return web.json_response({"seq": chat.seq if chat else after, "events": []})
            await self._wait_for_change(user_id, remaining)

    async def _wait_for_change(self, user_id: int, seconds: float) -> None:
        try:
            state = self._emulator.chat_state(user_id)
        except LookupError:
            # Nobody has written yet: the first message creates the chat; look again soon.
            await asyncio.sleep(min(seconds, 0.5))
            return
        await state.changed.wait(seconds)

    async def _document(self, request: web.Request) -> web.StreamResponse:
        file_id = request.match_info["file_id"]
        chat = self._state_or_none(_user_id(request))
        # Only a document that is in this chat: the page cannot fetch other people's files.
        shown = chat is not None and any(
            message.document and message.document.get("file_id") == file_id
            for message in chat.messages.values()
        )
        upload = self._emulator.file(file_id) if shown else None
        if upload is None:
            raise web.HTTPNotFound(text="no such document in this chat")
        disposition = f"attachment; filename*=UTF-8''{_quote(upload.filename)}"
        return web.Response(
            body=upload.data,
            content_type=upload.content_type or "application/octet-stream",
            headers={"Content-Disposition": disposition, **_NO_CACHE},
        )

    async def _photo(self, request: web.Request) -> web.StreamResponse:
        """A photo the bot sent into this chat (a /market chart), shown inline."""
        file_id = request.match_info["file_id"]
        chat = self._state_or_none(_user_id(request))
        shown = chat is not None and any(
            message.photo and message.photo.get("file_id") == file_id
            for message in chat.messages.values()
        )
        upload = self._emulator.file(file_id) if shown else None
        if upload is None:
            raise web.HTTPNotFound(text="no such photo in this chat")
        png = upload.data.startswith(b"\x89PNG")
        kind = upload.content_type or ""
        return web.Response(
            body=upload.data,
            content_type=kind
            if kind.startswith("image/")
            else "image/png"
            if png
            else "application/octet-stream",
            headers=_NO_CACHE,
        )

    async def _web_app(self, request: web.Request) -> web.Response:
        """Open a Mini App as Telegram would: the menu button's (or, with ``?url=``, a
        web_app button's in this chat) URL with initData signed for the bot's token."""
        user_id = _user_id(request)
        menu = self._emulator.bot_settings.get("menu_button")
        menu_app = menu.get("web_app") if isinstance(menu, dict) else None
        wanted = request.query.get("url")
        state = self._state_or_none(user_id)
        if wanted is None:
            url = menu_app.get("url") if isinstance(menu_app, dict) else None
            text = menu.get("text") if isinstance(menu, dict) else None
        else:
            in_chat = state is not None and any(
                button.web_app == wanted
                for message in state.messages.values()
                for row in message.buttons
                for button in row
            )
            url, text = (wanted, None) if in_chat else (None, None)
        if not isinstance(url, str):
            raise web.HTTPNotFound(text="the bot has no such Mini App")
        profile = state.profile if state is not None else None
        user = {
            "id": user_id,
            "first_name": profile.first_name if profile else self.default_user.first_name,
            "language_code": (
                profile.language_code if profile else self.default_user.language_code
            ),
        }
        signed = web_app_init_data(user, self._emulator.token, datetime.now(UTC))
        return web.json_response({"text": text, "url": launch_url(url, signed)}, headers=_NO_CACHE)

    # ----------------------------------------------------------------------------- acting
    async def _send(self, request: web.Request) -> web.Response:
        body = await _json_body(request)
        text = body.get("text")
        if not isinstance(text, str) or not text.strip():
            raise _bad("text must be a non-empty string")
        if len(text) > MAX_TEXT:
            raise _bad(f"text is longer than {MAX_TEXT} characters")
        user = self._emulator.user(_user_id(request), **self._profile(body))
        message = self._emulator.user_message(self._emulator.chat_state(user.user_id), text)
        return web.json_response({"message": message_view(message)})

    async def _press(self, request: web.Request) -> web.Response:
        body = await _json_body(request)
        state = self._state_or_none(_user_id(request))
        message = state.messages.get(_int_field(body, "message_id")) if state else None
        if state is None or message is None or not message.from_bot:
            raise web.HTTPNotFound(text="no such bot message in this chat")
        row, column = _int_field(body, "row"), _int_field(body, "column")
        if not (0 <= row < len(message.buttons) and 0 <= column < len(message.buttons[row])):
            raise _bad("no button at that row and column")
        button = message.buttons[row][column]
        if button.callback_data is None:
            raise _bad("that button opens a link; the page opens it itself")
        self._emulator.user_press(state, message, button)
        return web.json_response({"ok": True})

    async def _action(self, request: web.Request) -> web.Response:
        action = self.actions.get(request.match_info["name"])
        if action is None:
            raise web.HTTPNotFound(text="no such action")
        try:
            note = await action.run(_user_id(request))
        except Exception as exc:
            # Show the failure on the page; the traceback goes to the demo's console.
            log.exception("sandbox action %s failed", request.match_info["name"])
            return web.json_response({"ok": False, "note": f"Failed: {exc}"}, status=500)
        return web.json_response({"ok": True, "note": note})

    # ----------------------------------------------------------------------------- helpers
    def _profile(self, body: dict[str, Any]) -> dict[str, str]:
        """First name and language for a user the page creates (ignored once they exist)."""
        default = self.default_user
        name = body.get("first_name")
        language = body.get("language_code")
        return {
            "first_name": name if isinstance(name, str) and name.strip() else default.first_name,
            "language_code": (
                language if isinstance(language, str) and language else default.language_code
            ),
        }

    def _state_or_none(self, user_id: int) -> ChatState | None:
        try:
            return self._emulator.chat_state(user_id)
        except LookupError:
            return None

    def _log(self, request: web.Request) -> ChatLog | None:
        chat = self._log_for(_user_id(request))
        if chat is not None:
            chat.sync()
        return chat

    def _log_for(self, user_id: int) -> ChatLog | None:
        chat = self._logs.get(user_id)
        if chat is None:
            state = self._state_or_none(user_id)
            if state is None:
                return None
            chat = self._logs[user_id] = ChatLog(state)
        return chat

    async def _release_polls(self, app: web.Application) -> None:
        self._closing = True
        for user_id in self._logs:
            state = self._state_or_none(user_id)
            if state is not None:
                state.changed.notify()


def _history_body(chat: ChatLog) -> dict[str, Any]:
    return {"seq": chat.seq, "messages": chat.snapshot()}


def _user_id(request: web.Request) -> int:
    return int(request.match_info["user_id"])


def _int_query(request: web.Request, name: str, default: int) -> int:
    try:
        return int(request.query.get(name, default))
    except ValueError:
        raise _bad(f"{name} must be an integer") from None


def _float_query(request: web.Request, name: str, default: float) -> float:
    try:
        return float(request.query.get(name, default))
    except ValueError:
        raise _bad(f"{name} must be a number") from None


def _int_field(body: dict[str, Any], name: str) -> int:
    value = body.get(name)
    if not isinstance(value, int) or isinstance(value, bool):
        raise _bad(f"{name} must be an integer")
    return value


async def _json_body(request: web.Request) -> dict[str, Any]:
    # Requiring JSON makes a cross-site form post impossible (it would need a CORS preflight).
    if request.content_type != "application/json":
        raise web.HTTPUnsupportedMediaType(text="send application/json")
    try:
        body = await request.json()
    except ValueError:
        raise _bad("malformed JSON") from None
    if not isinstance(body, dict):
        raise _bad("expected a JSON object")
    return body


def _bad(message: str) -> web.HTTPBadRequest:
    return web.HTTPBadRequest(text=message)


def _quote(filename: str) -> str:
    return quote(filename, safe="")
