"""Validation of message text, inline keyboards and command lists, with Telegram's errors."""

from __future__ import annotations

import re
from typing import Any

from sandbox.telegram_html import HtmlParseError, ParsedText, parse_html, trim, utf16_len
from sandbox.telegram_types import ApiError, Button, bad_request

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA_BYTES = 64
MAX_CALLBACK_ANSWER = 200

# Exactly one of these must accompany the text of an inline keyboard button.
_BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_URL_SCHEMES = ("http://", "https://", "tg://", "ton://")
_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
_PARSE_MODES = {"html": "HTML", "markdown": "Markdown", "markdownv2": "MarkdownV2"}


def parse_text(
    text: str, parse_mode: str | None, *, caption: bool = False
) -> tuple[ParsedText, list[str]]:
    """Parse and length-check a message text or caption; returns (parsed, warnings)."""
    mode = _parse_mode(parse_mode)
    try:
        parsed = trim(parse_html(text)) if mode == "HTML" else trim(ParsedText(text))
    except HtmlParseError as error:
        raise ApiError(400, str(error)) from None
    length = utf16_len(parsed.plain)
    if caption:
        if length > MAX_CAPTION:
            raise bad_request("message caption is too long")
    elif length == 0:
        raise bad_request("message text is empty")
    elif length > MAX_TEXT:
        raise bad_request("message is too long")
    warnings = [f"unknown HTML entity {name} shown literally" for name in parsed.unknown_entities]
    return parsed, warnings


def _parse_mode(parse_mode: str | None) -> str | None:
    if not parse_mode:
        return None
    mode = _PARSE_MODES.get(parse_mode.lower())
    if mode is None:
        raise bad_request(f"unsupported parse_mode {parse_mode!r}")
    # Markdown modes are accepted but not parsed: this project sends HTML.
    return mode


def parse_reply_markup(markup: Any) -> tuple[dict[str, Any] | None, list[list[Button]]]:
    """Validate reply_markup; returns it with the inline buttons flattened into Button rows."""
    if markup is None:
        return None, []
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    keyboard = markup.get("inline_keyboard")
    if keyboard is None:
        return markup, []  # reply keyboards, remove_keyboard, force_reply: stored as they are
    if not isinstance(keyboard, list) or not all(isinstance(row, list) for row in keyboard):
        raise bad_request(
            'field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays'
        )
    rows = [[_parse_button(button) for button in row] for row in keyboard]
    return markup, [row for row in rows if row]


def _parse_button(raw: Any) -> Button:
    if not isinstance(raw, dict):
        raise bad_request(
            "can't parse inline keyboard button: InlineKeyboardButton must be an Object"
        )
    text = raw.get("text")
    if not isinstance(text, str) or not text.strip():
        raise bad_request("can't parse inline keyboard button: Text must be non-empty")
    actions = [name for name in _BUTTON_ACTIONS if raw.get(name) is not None]
    if not actions:
        raise bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    if len(actions) > 1:
        raise bad_request(
            "can't parse inline keyboard button: exactly one of the optional fields must be used"
        )
    data, url = raw.get("callback_data"), raw.get("url")
    if data is not None and not (
        isinstance(data, str) and 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES
    ):
        raise bad_request("BUTTON_DATA_INVALID")
    if url is not None and not _valid_url(url):
        raise bad_request("BUTTON_URL_INVALID")
    return Button(text=text, callback_data=data, url=url, web_app=_web_app_url(raw))


def _web_app_url(raw: dict[str, Any]) -> str | None:
    """A web_app button's URL: Telegram takes HTTPS only (the sandbox: loopback HTTP too)."""
    web_app = raw.get("web_app")
    if web_app is None:
        return None
    url = web_app.get("url") if isinstance(web_app, dict) else None
    if not isinstance(url, str) or not valid_web_app_url(url):
        raise bad_request("BUTTON_TYPE_INVALID")
    return url


def valid_web_app_url(url: str) -> bool:
    lowered = url.lower()
    loopback = lowered.startswith(("http://127.0.0.1", "http://localhost"))
    return _valid_url(url) and (lowered.startswith("https://") or loopback)


def _valid_url(url: Any) -> bool:
    if not isinstance(url, str) or not url or any(c.isspace() for c in url):
        return False
    if "://" in url:
        return url.lower().startswith(_URL_SCHEMES) and len(url.split("://", 1)[1]) > 0
    return "." in url  # Telegram prepends http:// to a bare domain


def validate_commands(commands: Any) -> list[dict[str, str]]:
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request("commands must be an array of at most 100 BotCommand")
    result: list[dict[str, str]] = []
    for command in commands:
        if not isinstance(command, dict):
            raise bad_request("can't parse BotCommand")
        name, description = command.get("command"), command.get("description")
        if not isinstance(name, str) or not _COMMAND.fullmatch(name):
            raise bad_request("BOT_COMMAND_INVALID")
        if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        result.append({"command": name, "description": description})
    return result


def validate_callback_answer(text: str | None) -> None:
    if text is not None and len(text) > MAX_CALLBACK_ANSWER:
        raise bad_request("MESSAGE_TOO_LONG")
