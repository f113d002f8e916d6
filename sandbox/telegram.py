"""An offline Telegram Bot API server for tests, benchmarks and the demo chat.

The real aiogram ``Bot`` talks to it over HTTP on loopback
(``AiohttpSession(api=TelegramAPIServer.from_base(emulator.url))``), so serialization, the
polling loop and the HTTP-status-to-exception mapping are all exercised for real.  Simulated
users (``emulator.user(42)``) send messages and press buttons; the emulator validates what the
bot sends the way Telegram does (HTML tags, lengths, callback_data bytes, ...), applies
optional rate limits and injected faults, and keeps every chat as the user would see it.

State is per chat and every per-request operation is O(1) or O(size of one message), so
hundreds of simulated users can run against it in benchmarks.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

import aiohttp
from aiohttp import web

from sandbox.telegram_html import utf16_len
from sandbox.telegram_params import Params
from sandbox.telegram_types import (
    ApiError,
    Button,
    ChatMessage,
    ChatState,
    Fault,
    Profile,
    SentDocument,
    Signal,
    SlidingRate,
    TelegramStats,
    TokenBucket,
    UploadedFile,
    bad_request,
    retry_after_seconds,
)
from sandbox.telegram_user import ChatUser
from sandbox.telegram_validate import (
    parse_reply_markup,
    parse_text,
    validate_callback_answer,
    validate_commands,
)
from sandbox.telegram_web import ChatWeb

__all__ = [
    "Button",
    "ChatMessage",
    "ChatUser",
    "SentDocument",
    "TelegramEmulator",
    "TelegramStats",
]

log = logging.getLogger(__name__)

Handler = Callable[[Params], Awaitable[Any]]

NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the "
    "same as a current content and reply markup of the message"
)
QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid"
BLOCKED = "Forbidden: bot was blocked by the user"
# Update types Telegram sends when allowed_updates is empty or was never given.
DEFAULT_UPDATES = frozenset(
    {
        "message",
        "edited_message",
        "callback_query",
        "inline_query",
        "my_chat_member",
        "chosen_inline_result",
        "pre_checkout_query",
        "shipping_query",
        "poll",
        "poll_answer",
    }
)
CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
# Bots may download files up to 20 MB with getFile; a larger one is refused by getFile.
MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024
FILE_TOO_BIG = "file is too big"
# Methods that post a new message: these count against the rate limits and sent_messages.
SEND_METHODS = frozenset({"sendmessage", "sendphoto", "senddocument"})


class TelegramEmulator:
    def __init__(
        self,
        *,
        token: str = "123456:TEST",
        bot_username: str = "hh_jobs_bot",
        global_rate: float | None = None,
        per_chat_rate: float | None = None,
        per_chat_burst: float = 3.0,
    ) -> None:
        self.token = token
        self.bot_username = bot_username
        self.bot_id = int(token.split(":", 1)[0])
        self.url = ""
        self.stats = TelegramStats()
        self.commands: dict[str, list[dict[str, str]]] = {}
        self.commands_by_scope: dict[tuple[str, str], list[dict[str, str]]] = {}
        self.documents: list[SentDocument] = []
        self.photos: list[SentDocument] = []  # uploaded photos, as sent (a test reads the PNG)
        self.bot_settings: dict[str, Any] = {}  # setMyDescription & co, stored verbatim
        self._per_chat_rate = per_chat_rate
        self._per_chat_burst = per_chat_burst
        # A full second's worth of burst: a sender paced by a leaky bucket never trips it.
        self._global_bucket = TokenBucket(global_rate, global_rate) if global_rate else None
        self._send_rate = SlidingRate()
        self._chats: dict[int, ChatState] = {}
        self._users: dict[int, ChatUser] = {}
        self._validation_errors: list[tuple[str, int, str]] = []
        self._faults: list[Fault] = []
        self._updates: deque[dict[str, Any]] = deque()
        self._next_update_id = 1000
        self._updates_signal = Signal()
        self._allowed_updates: frozenset[str] = DEFAULT_UPDATES
        self._poll_generation = 0
        self._pending_queries: dict[str, int] = {}  # callback query id -> chat id
        self._next_query_id = 1
        self._next_file_id = 1
        self._files: dict[str, UploadedFile] = {}
        # Files people sent: the size Telegram reports (a test may claim more than it
        # uploads, to reach the 20 MB limit cheaply) and the paths getFile handed out.
        self._user_file_sizes: dict[str, int] = {}
        self._file_paths: dict[str, str] = {}  # file_path -> file_id
        self.file_downloads: list[str] = []  # file_ids the bot downloaded, in order
        self._webhook: dict[str, Any] = {}
        self._webhook_task: asyncio.Task[None] | None = None
        self._runner: web.AppRunner | None = None
        self._closing = False
        self.web = ChatWeb(self)  # the browser chat page and its user-side routes
        self._methods: dict[str, tuple[str, Handler]] = {
            name.lower(): (name, handler) for name, handler in self._method_table().items()
        }

    # ----------------------------------------------------------------------------- lifecycle
    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        self.web.register(app)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        bound_host, bound_port = self._runner.addresses[0][:2]
        self.url = f"http://{bound_host}:{bound_port}"
        return self.url

    async def stop(self) -> None:
        # Release long polls first, otherwise the server waits for them on shutdown.
        self._closing = True
        self._updates_signal.notify()
        await self._stop_webhook()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> TelegramEmulator:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    # ----------------------------------------------------------------------------- user side
    def user(
        self,
        user_id: int,
        *,
        first_name: str = "Test",
        language_code: str = "en",
        username: str | None = None,
    ) -> ChatUser:
        """The simulated person with this id (created on first use; same object afterwards)."""
        if user_id not in self._users:
            profile = Profile(user_id, first_name, language_code, username)
            self._users[user_id] = ChatUser(self, self._ensure_chat(profile))
        return self._users[user_id]

    def block(self, user_id: int) -> None:
        self._ensure_chat(Profile(user_id)).blocked = True

    def unblock(self, user_id: int) -> None:
        self._ensure_chat(Profile(user_id)).blocked = False

    def inject(
        self,
        method: str,
        status: int,
        *,
        count: int = 1,
        retry_after: int | None = None,
        chat_id: int | None = None,
        description: str | None = None,
        delay: float = 0.0,
    ) -> None:
        """Make the next ``count`` calls of ``method`` fail with ``status``.

        A status below 300 with a ``delay`` makes the calls slow instead of failing.
        """
        self._faults.append(
            Fault(method.lower(), status, count, retry_after, chat_id, description, delay)
        )

    def chat(self, chat_id: int) -> list[ChatMessage]:
        state = self._chats.get(chat_id)
        return list(state.messages.values()) if state else []

    @property
    def errors_4xx(self) -> list[tuple[str, int, str]]:
        """4xx answers caused by what the bot sent (not injected, rate-limited or blocked)."""
        return list(self._validation_errors)

    @property
    def pending_updates(self) -> int:
        return len(self._updates)

    def file(self, file_id: str) -> UploadedFile | None:
        """A file the bot uploaded, by the file_id the emulator gave it."""
        return self._files.get(file_id)

    def chat_state(self, chat_id: int) -> ChatState:
        state = self._chats.get(chat_id)
        if state is None:
            raise LookupError(f"no chat {chat_id}")
        return state

    def _ensure_chat(self, profile: Profile) -> ChatState:
        state = self._chats.get(profile.user_id)
        if state is None:
            state = ChatState(profile)
            if self._per_chat_rate:
                state.bucket = TokenBucket(self._per_chat_rate, self._per_chat_burst)
            self._chats[profile.user_id] = state
        return state

    # Called by ChatUser ------------------------------------------------------------------
    def user_message(self, state: ChatState, text: str) -> ChatMessage:
        """Store a message the user typed and queue the update for the bot."""
        state.blocked = False  # writing to the bot again means it is unblocked
        message = ChatMessage(
            message_id=state.new_message_id(),
            chat_id=state.profile.user_id,
            from_bot=False,
            text=text,
            plain=text,
            reply_markup=None,
            buttons=[],
            date=int(time.time()),
            entities=_command_entities(text),
        )
        state.messages[message.message_id] = message
        self._push_update({"message": self._message_json(state, message)})
        state.changed.notify()  # the chat page shows it (ChatUser.wait_for ignores the wake-up)
        return message

    def user_document(
        self,
        state: ChatState,
        upload: UploadedFile,
        *,
        caption: str = "",
        file_size: int | None = None,
    ) -> ChatMessage:
        """Store a file the user sent (as Telegram keeps it) and queue its message update:
        ``document`` carries file_id, file_unique_id, file_name, mime_type and file_size."""
        state.blocked = False
        file_id = self._new_file_id(upload)
        size = len(upload.data) if file_size is None else file_size
        self._user_file_sizes[file_id] = size
        document = {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_name": upload.filename,
            "mime_type": upload.content_type,
            "file_size": size,
        }
        message = ChatMessage(
            message_id=state.new_message_id(),
            chat_id=state.profile.user_id,
            from_bot=False,
            text=caption,
            plain=caption,
            reply_markup=None,
            buttons=[],
            date=int(time.time()),
            document=document,
        )
        state.messages[message.message_id] = message
        self._push_update({"message": self._message_json(state, message)})
        state.changed.notify()
        return message

    def user_press(self, state: ChatState, message: ChatMessage, button: Button) -> str:
        """Queue a callback_query update for a button press; returns the query id."""
        query_id = f"{self._next_query_id}"
        self._next_query_id += 1
        self._pending_queries[query_id] = state.profile.user_id
        self._push_update(
            {
                "callback_query": {
                    "id": query_id,
                    "from": state.profile.as_user(),
                    "message": self._message_json(state, message),
                    "chat_instance": str(state.profile.user_id),
                    "data": button.callback_data,
                }
            }
        )
        return query_id

    def _push_update(self, body: dict[str, Any]) -> None:
        body["update_id"] = self._next_update_id
        self._next_update_id += 1
        self._updates.append(body)
        self._updates_signal.notify()

    # ----------------------------------------------------------------------------- HTTP layer
    async def _handle(self, request: web.Request) -> web.Response:
        name = request.match_info["method"]
        if request.match_info["token"] != self.token:
            error = ApiError(401, "Unauthorized")
            self._record_error(name, error)
            return _json_response(error.status, error.payload())
        try:
            params = await Params.from_request(request)
        except ApiError as error:
            self._record_error(name, error)
            return _json_response(error.status, error.payload())
        status, payload = await self.call(name, params)
        return _json_response(status, payload)

    async def call(self, name: str, params: Params) -> tuple[int, dict[str, Any]]:
        """Run one API method; returns (HTTP status, response body)."""
        known = self._methods.get(name.lower())
        if known is None:
            self.stats.calls[name] += 1
            error = ApiError(404, "Not Found")
            self._record_error(name, error)
            return error.status, error.payload()
        name, handler = known
        self.stats.calls[name] += 1
        try:
            await self._apply_fault(name.lower(), params.integer("chat_id"))
            result = await handler(params)
        except ApiError as error:
            self._record_error(name, error)
            return error.status, error.payload()
        except Exception as exc:
            # An emulator bug: answer like a Telegram outage so the bot sees a server error
            # (TelegramServerError) instead of an undecodable HTML page.
            log.exception("Telegram emulator failed in %s", name)
            outage = ApiError(500, f"Internal Server Error: {exc!r}", kind="emulator")
            self._record_error(name, outage)
            return outage.status, outage.payload()
        return 200, {"ok": True, "result": result}

    async def _apply_fault(self, method: str, chat_id: int | None) -> None:
        for fault in self._faults:
            if fault.matches(method, chat_id):
                fault.count -= 1
                if fault.count == 0:
                    self._faults.remove(fault)
                if fault.delay:
                    await asyncio.sleep(fault.delay)
                error = fault.error()
                if error is not None:
                    raise error
                return

    def _record_error(self, method: str, error: ApiError) -> None:
        record = (method, error.status, error.description)
        self.stats.errors.append(record)
        if error.kind == "validation" and 400 <= error.status < 500:
            self._validation_errors.append(record)
            log.warning("Bot API %s rejected: %s", method, error.description)

    def _method_table(self) -> dict[str, Handler]:
        return {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "sendMessage": self._send_message,
            "sendPhoto": self._send_photo,
            "sendDocument": self._send_document,
            "getFile": self._get_file,
            "editMessageText": self._edit_message_text,
            "editMessageCaption": self._edit_message_caption,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "deleteMessage": self._delete_message,
            "answerCallbackQuery": self._answer_callback_query,
            "sendChatAction": self._send_chat_action,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "getChat": self._get_chat,
            "setMyDescription": self._store_setting("description"),
            "setMyShortDescription": self._store_setting("short_description"),
            "setMyName": self._store_setting("name"),
            "setChatMenuButton": self._store_setting("menu_button"),
            "close": self._true,
            "logOut": self._true,
        }

    # ----------------------------------------------------------------------------- shapes
    def bot_user(self) -> dict[str, Any]:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": "HH Jobs",
            "username": self.bot_username,
            "can_join_groups": False,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    def _message_json(self, state: ChatState, message: ChatMessage) -> dict[str, Any]:
        body: dict[str, Any] = {
            "message_id": message.message_id,
            "date": message.date,
            "chat": state.profile.as_chat(),
            "from": self.bot_user() if message.from_bot else state.profile.as_user(),
        }
        media = message.document is not None or message.photo is not None
        text_key, entities_key = ("caption", "caption_entities") if media else ("text", "entities")
        if message.plain or not media:
            body[text_key] = message.plain
        if message.entities:
            body[entities_key] = message.entities
        if message.document is not None:
            body["document"] = message.document
        if message.photo is not None:
            body["photo"] = [message.photo]
        # Telegram echoes only inline keyboards back in Message.reply_markup.
        if message.reply_markup and "inline_keyboard" in message.reply_markup:
            body["reply_markup"] = message.reply_markup
        if message.edited:
            body["edit_date"] = int(time.time())
        return body

    # ----------------------------------------------------------------------------- helpers
    def _target_chat(self, params: Params) -> ChatState:
        """The chat a sending/editing method addresses: must exist and not have blocked us."""
        chat_id = params.integer("chat_id")
        if chat_id is None:
            if params.text("chat_id"):
                raise bad_request("chat not found")
            raise bad_request("chat_id is empty")
        state = self._chats.get(chat_id)
        if state is None:
            raise bad_request("chat not found")
        if state.blocked:
            raise ApiError(403, BLOCKED, kind="blocked")
        return state

    def _admit_send(self, state: ChatState) -> None:
        """Apply the global and per-chat rate limits to one outgoing message."""
        now = time.monotonic()
        buckets = [b for b in (self._global_bucket, state.bucket) if b is not None]
        wait = max((bucket.wait_time(now) for bucket in buckets), default=0.0)
        if wait > 0:
            self.stats.rate_limited += 1
            retry = retry_after_seconds(wait)
            raise ApiError(
                429, f"Too Many Requests: retry after {retry}", kind="rate_limit", retry_after=retry
            )
        for bucket in buckets:
            bucket.take()
        self.stats.sent_messages += 1
        self._send_rate.add(now)
        self.stats.max_send_rate = self._send_rate.peak

    def _add_bot_message(self, state: ChatState, message: ChatMessage) -> dict[str, Any]:
        state.messages[message.message_id] = message
        state.events.append(message)
        state.changed.notify()
        return self._message_json(state, message)

    def _warn(self, warnings: list[str]) -> None:
        self.stats.warnings.extend(warnings)

    def _find_bot_message(self, state: ChatState, params: Params) -> ChatMessage:
        if params.has("inline_message_id"):
            raise bad_request("inline messages are not supported by the emulator")
        message_id = params.integer("message_id")
        message = state.messages.get(message_id) if message_id is not None else None
        if message is None:
            raise bad_request("message to edit not found")
        if not message.from_bot:
            raise bad_request("message can't be edited")
        return message

    def _store_edit(self, state: ChatState, old: ChatMessage, new: ChatMessage) -> Any:
        if (new.plain, new.entities, new.reply_markup) == (
            old.plain,
            old.entities,
            old.reply_markup,
        ):
            raise bad_request(NOT_MODIFIED)
        return self._add_bot_message(state, new)

    def _new_file_id(self, upload: UploadedFile) -> str:
        file_id = f"F{self._next_file_id:08d}"
        self._next_file_id += 1
        self._files[file_id] = upload
        return file_id

    def _resolve_file(self, value: UploadedFile | str | None, field: str) -> UploadedFile:
        """An uploaded part, a file_id we issued earlier, or an URL (stored without bytes)."""
        if value is None or value == "":
            raise bad_request(f"there is no {field} in the request")
        if isinstance(value, UploadedFile):
            return value
        if value in self._files:
            return self._files[value]
        name = value.rstrip("/").rsplit("/", 1)[-1] or field
        return UploadedFile(name, b"", "application/octet-stream")

    # ----------------------------------------------------------------------------- methods
    async def _true(self, params: Params) -> bool:
        return True

    def _store_setting(self, key: str) -> Handler:
        async def store(params: Params) -> bool:
            value = params.text(key) if key != "menu_button" else params.obj(key)
            self.bot_settings[key] = value
            return True

        return store

    async def _get_me(self, params: Params) -> dict[str, Any]:
        return self.bot_user()

    async def _get_chat(self, params: Params) -> dict[str, Any]:
        chat_id = params.integer("chat_id")
        state = self._chats.get(chat_id) if chat_id is not None else None
        if state is None:
            raise bad_request("chat not found")
        return {**state.profile.as_chat(), "accent_color_id": 0, "max_reaction_count": 11}

    async def _send_message(self, params: Params) -> dict[str, Any]:
        state = self._target_chat(params)
        text = params.text("text") or ""
        parse_mode = params.text("parse_mode")
        parsed, warnings = parse_text(text, parse_mode)
        entities = params.obj("entities") if not parse_mode else None
        markup, buttons = parse_reply_markup(params.obj("reply_markup"))
        self._admit_send(state)
        self._warn(warnings + _deprecated(params))
        message = ChatMessage(
            message_id=state.new_message_id(),
            chat_id=state.profile.user_id,
            from_bot=True,
            text=text,
            plain=parsed.plain,
            reply_markup=markup,
            buttons=buttons,
            date=int(time.time()),
            entities=entities if isinstance(entities, list) else parsed.entities,
            parse_mode=parse_mode,
            disable_notification=params.flag("disable_notification"),
        )
        return self._add_bot_message(state, message)

    async def _send_document(self, params: Params) -> dict[str, Any]:
        return await self._send_media(params, "document")

    async def _send_photo(self, params: Params) -> dict[str, Any]:
        return await self._send_media(params, "photo")

    async def _send_media(self, params: Params, kind: str) -> dict[str, Any]:
        state = self._target_chat(params)
        upload = self._resolve_file(params.file(kind), kind)
        caption = params.text("caption") or ""
        parse_mode = params.text("parse_mode")
        parsed, warnings = parse_text(caption, parse_mode, caption=True)
        markup, buttons = parse_reply_markup(params.obj("reply_markup"))
        self._admit_send(state)
        self._warn(warnings)
        file_id = self._new_file_id(upload)
        described = {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_size": len(upload.data),
        }
        if kind == "document":
            document = {"file_name": upload.filename, "mime_type": upload.content_type}
            media: dict[str, Any] = {"document": {**described, **document}}
            self.documents.append(
                SentDocument(state.profile.user_id, upload.filename, upload.data, caption or None)
            )
        else:
            width, height = _image_size(upload.data)
            media = {"photo": {**described, "width": width, "height": height}}
            self.photos.append(
                SentDocument(state.profile.user_id, upload.filename, upload.data, caption or None)
            )
        message = ChatMessage(
            message_id=state.new_message_id(),
            chat_id=state.profile.user_id,
            from_bot=True,
            text=caption,
            plain=parsed.plain,
            reply_markup=markup,
            buttons=buttons,
            date=int(time.time()),
            entities=parsed.entities,
            parse_mode=parse_mode,
            **media,
        )
        return self._add_bot_message(state, message)

    async def _get_file(self, params: Params) -> dict[str, Any]:
        """Telegram's File: a download path, valid for the bot's token; files over 20 MB
        are refused (the Bot API's limit for bots)."""
        file_id = params.text("file_id") or ""
        upload = self._files.get(file_id)
        if upload is None:
            raise bad_request("invalid file_id")
        size = self._user_file_sizes.get(file_id, len(upload.data))
        if size > MAX_DOWNLOAD_BYTES:
            raise bad_request(FILE_TOO_BIG)
        extension = upload.filename.rsplit(".", 1)[-1] if "." in upload.filename else ""
        path = f"documents/file_{file_id[1:].lstrip('0') or '0'}"
        path += f".{extension}" if extension else ""
        self._file_paths[path] = file_id
        return {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_size": size,
            "file_path": path,
        }

    async def _download(self, request: web.Request) -> web.Response:
        """GET /file/bot<token>/<file_path>: the bytes of a file getFile described."""
        file_id = self._file_paths.get(request.match_info["path"])
        if request.match_info["token"] != self.token or file_id is None:
            return _json_response(404, ApiError(404, "Not Found").payload())
        self.file_downloads.append(file_id)
        upload = self._files[file_id]
        return web.Response(body=upload.data, content_type="application/octet-stream")

    async def _edit_message_text(self, params: Params) -> dict[str, Any]:
        state = self._target_chat(params)
        old = self._find_bot_message(state, params)
        if old.document is not None or old.photo is not None:
            raise bad_request("there is no text in the message to edit")
        text = params.text("text") or ""
        parse_mode = params.text("parse_mode")
        parsed, warnings = parse_text(text, parse_mode)
        # Like Telegram: an edit without reply_markup removes the inline keyboard.
        markup, buttons = parse_reply_markup(params.obj("reply_markup"))
        new = replace(
            old,
            text=text,
            plain=parsed.plain,
            entities=parsed.entities,
            reply_markup=markup,
            buttons=buttons,
            edited=True,
            parse_mode=parse_mode,
        )
        self._warn(warnings + _deprecated(params))
        return self._store_edit(state, old, new)

    async def _edit_message_caption(self, params: Params) -> dict[str, Any]:
        state = self._target_chat(params)
        old = self._find_bot_message(state, params)
        if old.document is None and old.photo is None:
            raise bad_request("there is no caption in the message to edit")
        caption = params.text("caption") or ""
        parsed, warnings = parse_text(caption, params.text("parse_mode"), caption=True)
        markup, buttons = parse_reply_markup(params.obj("reply_markup"))
        new = replace(
            old,
            text=caption,
            plain=parsed.plain,
            entities=parsed.entities,
            reply_markup=markup,
            buttons=buttons,
            edited=True,
        )
        self._warn(warnings)
        return self._store_edit(state, old, new)

    async def _edit_message_reply_markup(self, params: Params) -> dict[str, Any]:
        state = self._target_chat(params)
        old = self._find_bot_message(state, params)
        markup, buttons = parse_reply_markup(params.obj("reply_markup"))
        new = replace(old, reply_markup=markup, buttons=buttons, edited=True)
        return self._store_edit(state, old, new)

    async def _delete_message(self, params: Params) -> bool:
        chat_id = params.integer("chat_id")
        state = self._chats.get(chat_id) if chat_id is not None else None
        if state is None:
            raise bad_request("chat not found")
        message_id = params.integer("message_id")
        if message_id is None or state.messages.pop(message_id, None) is None:
            raise bad_request("message to delete not found")
        state.changed.notify()
        return True

    async def _answer_callback_query(self, params: Params) -> bool:
        text = params.text("text")
        validate_callback_answer(text)
        chat_id = self._pending_queries.pop(params.text("callback_query_id") or "", None)
        if chat_id is None:
            raise bad_request(QUERY_INVALID)
        state = self._chats[chat_id]
        state.callback_answers.append((text, params.flag("show_alert")))
        state.changed.notify()  # the chat page shows the answer's text as a toast
        return True

    async def _send_chat_action(self, params: Params) -> bool:
        state = self._target_chat(params)
        action = params.text("action")
        if action not in CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        state.actions.append((action, len(state.events)))
        return True

    # Commands ----------------------------------------------------------------------------
    def _commands_key(self, params: Params) -> tuple[str, str]:
        scope = params.obj("scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True), params.text("language_code") or ""

    async def _set_my_commands(self, params: Params) -> bool:
        commands = validate_commands(params.obj("commands"))
        key = self._commands_key(params)
        self.commands_by_scope[key] = commands
        self.commands[key[1]] = commands
        return True

    async def _get_my_commands(self, params: Params) -> list[dict[str, str]]:
        return self.commands_by_scope.get(self._commands_key(params), [])

    async def _delete_my_commands(self, params: Params) -> bool:
        key = self._commands_key(params)
        self.commands_by_scope.pop(key, None)
        self.commands.pop(key[1], None)
        return True

    # Updates: long polling ---------------------------------------------------------------
    async def _get_updates(self, params: Params) -> list[dict[str, Any]]:
        if self._webhook.get("url"):
            raise bad_request_conflict(
                "can't use getUpdates method while webhook is active; use deleteWebhook to "
                "delete the webhook first",
                kind="validation",
            )
        offset = params.integer("offset")
        limit = min(max(params.integer("limit") or 100, 1), 100)
        timeout = min(max(params.number("timeout") or 0.0, 0.0), 50.0)
        allowed = params.obj("allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = frozenset(allowed) or DEFAULT_UPDATES
        if offset is not None:
            self._confirm(offset)
        # Only one poller at a time, like Telegram: a newer call ends the waiting one.
        self._poll_generation += 1
        generation = self._poll_generation
        self._updates_signal.notify()
        deadline = time.monotonic() + timeout
        while True:
            batch = self._collect(limit)
            remaining = deadline - time.monotonic()
            if batch or remaining <= 0 or self._closing:
                return batch
            await self._updates_signal.wait(remaining)
            if generation != self._poll_generation:
                raise bad_request_conflict(
                    "terminated by other getUpdates request; make sure that only one bot "
                    "instance is running",
                    kind="conflict",
                )

    def _confirm(self, offset: int) -> None:
        if offset < 0:  # "-N": keep only the last N updates
            while len(self._updates) > -offset:
                self._updates.popleft()
            return
        while self._updates and self._updates[0]["update_id"] < offset:
            self._updates.popleft()

    def _collect(self, limit: int) -> list[dict[str, Any]]:
        batch: list[dict[str, Any]] = []
        for update in self._updates:
            if _update_type(update) in self._allowed_updates:
                batch.append(update)
                if len(batch) >= limit:
                    break
        return batch

    # Updates: webhook --------------------------------------------------------------------
    async def _set_webhook(self, params: Params) -> bool:
        url = params.text("url") or ""
        if url and not url.startswith(("http://", "https://")):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        await self._stop_webhook()
        if params.flag("drop_pending_updates"):
            self._updates.clear()
        allowed = params.obj("allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = frozenset(allowed) or DEFAULT_UPDATES
        self._webhook = {"url": url, "secret_token": params.text("secret_token")}
        if url:
            self._webhook_task = asyncio.create_task(self._webhook_loop(url))
        return True

    async def _delete_webhook(self, params: Params) -> bool:
        await self._stop_webhook()
        self._webhook = {}
        if params.flag("drop_pending_updates"):
            self._updates.clear()
        return True

    async def _get_webhook_info(self, params: Params) -> dict[str, Any]:
        info: dict[str, Any] = {
            "url": self._webhook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        for key in ("last_error_date", "last_error_message"):
            if key in self._webhook:
                info[key] = self._webhook[key]
        return info

    async def _stop_webhook(self) -> None:
        task, self._webhook_task = self._webhook_task, None
        if task is not None:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

    async def _webhook_loop(self, url: str) -> None:
        """Deliver updates one at a time, in order, retrying until the bot answers 2xx."""
        headers = {}
        if self._webhook.get("secret_token"):
            headers["X-Telegram-Bot-Api-Secret-Token"] = self._webhook["secret_token"]
        async with aiohttp.ClientSession(headers=headers) as session:
            while not self._closing:
                batch = self._collect(1)
                if not batch:
                    await self._updates_signal.wait(1.0)
                    continue
                update = batch[0]
                if await self._post_update(session, url, update):
                    self._confirm(update["update_id"] + 1)
                else:
                    await asyncio.sleep(0.2)

    async def _post_update(
        self, session: aiohttp.ClientSession, url: str, update: dict[str, Any]
    ) -> bool:
        try:
            async with session.post(url, json=update) as response:
                if response.status >= 300:
                    self._webhook_error(f"Wrong response from the webhook: {response.status}")
                    return False
                reply = await _webhook_reply(response)
        except (aiohttp.ClientError, TimeoutError) as error:
            self._webhook_error(f"Connection failed: {error}")
            return False
        if reply is not None:  # the bot answered with a method call in the response body
            name, params = reply
            await self.call(name, params)
        return True

    def _webhook_error(self, message: str) -> None:
        self._webhook["last_error_date"] = int(time.time())
        self._webhook["last_error_message"] = message


# Parameters Telegram still accepts but has replaced (Bot API 7.0: link_preview_options).
DEPRECATED_PARAMS = {"disable_web_page_preview": "link_preview_options"}


def _deprecated(params: Params) -> list[str]:
    return [
        f"{name} is deprecated: use {instead}"
        for name, instead in DEPRECATED_PARAMS.items()
        if params.text(name) is not None
    ]


def bad_request_conflict(message: str, *, kind: str) -> ApiError:
    return ApiError(409, f"Conflict: {message}", kind=kind)


def _command_entities(text: str) -> list[dict[str, Any]]:
    """Telegram marks a leading "/command" (or "/command@bot") as a bot_command entity."""
    if not text.startswith("/") or len(text) < 2 or text[1].isspace():
        return []
    command = text.split(maxsplit=1)[0]
    return [{"type": "bot_command", "offset": 0, "length": utf16_len(command)}]


def _update_type(update: dict[str, Any]) -> str:
    return next(key for key in update if key != "update_id")


def _json_response(status: int, payload: dict[str, Any]) -> web.Response:
    return web.Response(
        status=status, body=json.dumps(payload, ensure_ascii=False), content_type="application/json"
    )


async def _webhook_reply(response: aiohttp.ClientResponse) -> tuple[str, Params] | None:
    """Decode a method call returned in a webhook response (JSON or aiogram's multipart)."""
    if response.content_type == "application/json":
        body = await response.json()
        if isinstance(body, dict) and isinstance(body.get("method"), str):
            return body.pop("method"), Params(body, {})
        return None
    if not response.content_type.startswith("multipart/"):
        return None
    values: dict[str, Any] = {}
    files: dict[str, UploadedFile] = {}
    reader = aiohttp.MultipartReader(response.headers, response.content)
    while (part := await reader.next()) is not None:
        if not isinstance(part, aiohttp.BodyPartReader) or part.name is None:
            continue
        if part.filename:
            data = await part.read()
            files[part.name] = UploadedFile(part.filename, bytes(data), "application/octet-stream")
        else:
            values[part.name] = await part.text()
    method = values.pop("method", None)
    return (method, Params(values, files)) if method else None


def _image_size(data: bytes) -> tuple[int, int]:
    """A PNG's width and height from its header (Telegram reports a photo's real size);
    320 × 320 for anything else the emulator cannot read."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    return 320, 320
