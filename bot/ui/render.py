"""HTML helpers for Telegram's HTML parse mode.

Anything that came from HeadHunter or from a user goes through :func:`quote`; a value that
is already safe HTML is wrapped in :class:`Html` so the translator does not escape it twice.
:func:`trim_html_to` cuts a message to Telegram's limit without breaking a tag or entity.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import unescape
from typing import TYPE_CHECKING

from aiogram import html

if TYPE_CHECKING:  # bot.i18n imports this module
    from bot.i18n import Translator

TELEGRAM_TEXT_LIMIT = 4096
ELLIPSIS = "…"

_TOKEN = re.compile(r"<[^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);|[^<&]|&", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z][a-zA-Z0-9-]*)")


class Html(str):
    """A string that is already valid Telegram HTML: placeholders insert it verbatim."""

    __slots__ = ()


def quote(value: object) -> Html:
    """Escape ``<``, ``>``, ``&`` (and quotes) in text from outside."""
    return Html(html.quote(str(value)))


def bold(value: object) -> Html:
    return Html(f"<b>{_safe(value)}</b>")


def join(parts: Iterable[object], separator: str = "\n") -> Html:
    """Join parts, escaping each one that is not :class:`Html` already."""
    return Html(_safe(separator).join(_safe(part) for part in parts))


def _safe(value: object) -> str:
    return value if isinstance(value, Html) else html.quote(str(value))


def _units(text: str) -> int:
    """Length in UTF-16 code units, the unit Telegram counts message length in."""
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2


def _visible(token: str) -> str:
    if token.startswith("<"):
        return ""
    if token.startswith("&") and len(token) > 1:
        return unescape(token)
    return token


def visible_length(text: str) -> int:
    """How long Telegram considers ``text`` (tags do not count; an entity is one char).

    The same count as summing :data:`_TOKEN`'s tokens (a stray ``<`` is no token), done
    by whole-string substitutions: every card and page is measured, and a token per
    character was a visible share of what sending a page costs."""
    if "<" not in text and "&" not in text:
        return _units(text)
    visible = _TAG.sub("", text).replace("<", "")
    if "&" in visible:
        visible = _ENTITY.sub(lambda entity: unescape(entity.group(0)), visible)
    return _units(visible)


def trim_html_to(text: str, limit: int = TELEGRAM_TEXT_LIMIT) -> str:
    """Cut ``text`` to at most ``limit`` visible characters, ending with "…" when cut.

    Never cuts inside a tag or an entity, and closes every tag left open, so the result
    is valid HTML whenever the input was.
    """
    if visible_length(text) <= limit:
        return text
    budget = limit - _units(ELLIPSIS)
    out: list[str] = []
    open_tags: list[str] = []
    used = 0
    for token in _TOKEN.findall(text):
        if token.startswith("<"):
            name_match = _TAG_NAME.match(token)
            if name_match is None:
                continue
            name = name_match.group(1).lower()
            if token.startswith("</"):
                if name in open_tags:
                    while open_tags:
                        closing = open_tags.pop()
                        out.append(f"</{closing}>")
                        if closing == name:
                            break
                continue
            out.append(token)
            if not token.endswith("/>"):
                open_tags.append(name)
            continue
        size = _units(_visible(token))
        if used + size > budget:
            break
        out.append(token)
        used += size
    # Drop trailing whitespace so the ellipsis hugs the text, then close what is open.
    while out and not out[-1].startswith("<") and out[-1].isspace():
        out.pop()
    out.append(ELLIPSIS)
    out.extend(f"</{name}>" for name in reversed(open_tags))
    return "".join(out)


def echo(value: str, limit: int = 60) -> Html:
    """A short, escaped excerpt of what the user typed, for "I didn't understand …"."""
    flat = " ".join(value.split())
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + ELLIPSIS
    return quote(flat)


def plain(t: Translator, key: str, **params: object) -> str:
    """A text shown as plain text (a button label, a callback toast): placeholders are
    inserted as they are, since there is no HTML to escape for."""
    return t(key, **{name: Html(str(value)) for name, value in params.items()})
