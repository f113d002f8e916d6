"""Telegram's HTML parse mode, re-implemented for the Bot API emulator.

The algorithm follows tdlib's ``parse_html`` (td/telegram/MessageEntity.cpp) closely, because
the point of the emulator is to reject exactly what Telegram rejects, with the same
descriptions, and to accept exactly what Telegram accepts (a bare ``&`` or an unknown named
entity is shown literally by Telegram, not refused).  Offsets in errors are UTF-8 byte offsets
and entity offsets are UTF-16 code units, as in the real API.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Tags Telegram knows; anything else is "Unsupported start tag".
SUPPORTED_TAGS = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "s",
        "strike",
        "del",
        "u",
        "ins",
        "tg-spoiler",
        "tg-emoji",
        "tg-time",
        "span",
        "pre",
        "code",
        "blockquote",
    }
)

_ENTITY_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "u": "underline",
    "ins": "underline",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
}

_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
# tdlib's is_space: no form feed, so "<b\f>" names the unsupported tag "b\f".
_SPACES = " \t\r\n\0\v"
_SURROGATES = (
    "Text contains invalid Unicode characters after decoding HTML entities, check for "
    "unmatched surrogate code units"
)
_INT64 = re.compile(r"-?\d{1,19}")
# Link schemes Telegram keeps (LinkManager::check_link); anything else is no link at all.
_LINK_SCHEMES = frozenset({"http", "https", "tg", "ton", "tonsite"})
_HOST = re.compile(r"[A-Za-z0-9\u00a1-\uffff-]+(?:\.[A-Za-z0-9\u00a1-\uffff-]+)+\.?")
_TEXT_RUN = re.compile(r"[^<&]+")
_MAX_CODEPOINT = 0x10FFFF


class HtmlParseError(ValueError):
    """A Telegram 'can't parse entities' error; ``str(error)`` is the full API description."""


@dataclass(slots=True)
class ParsedText:
    plain: str
    entities: list[dict[str, object]] = field(default_factory=list)
    # Named entities Telegram does not know (e.g. &nbsp;): legal, but shown literally.
    unknown_entities: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _OpenTag:
    name: str
    argument: str
    utf16_start: int
    expandable: bool = False


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit Telegram counts entity offsets in."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le")) // 2


class _Parser:
    """One-shot parser; state lives on the instance so the helpers stay small."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.n = len(text)
        self.i = 0
        self.out: list[str] = []
        self.utf16 = 0
        self.stack: list[_OpenTag] = []
        self.entities: list[dict[str, object]] = []
        self.unknown: list[str] = []
        self.surrogate = False  # a numeric entity named half of a UTF-16 pair

    # -- low level -------------------------------------------------------------------------
    def ch(self, pos: int) -> str:
        # tdlib reads a NUL terminator past the end, and NUL counts as a space there.
        return self.text[pos] if pos < self.n else "\0"

    def byte_offset(self, pos: int) -> int:
        return len(self.text[:pos].encode("utf-8"))

    def fail(self, message: str) -> HtmlParseError:
        return HtmlParseError(f"Bad Request: can't parse entities: {message}")

    def emit(self, chunk: str) -> None:
        self.out.append(chunk)
        self.utf16 += utf16_len(chunk)

    def decode_entity(self, pos: int) -> tuple[str, int] | None:
        """Decode ``&...`` at pos; returns (char, next position) or None if not an entity."""
        text = self.text
        end = pos + 1
        if self.ch(end) == "#":
            end += 1
            hexadecimal = self.ch(end) == "x"
            end += hexadecimal
            digits = "0123456789abcdefABCDEF" if hexadecimal else "0123456789"
            start = end
            while end < self.n and self.text[end] in digits:
                end += 1
            if end == start or end - pos >= 10:
                return None
            value = int(text[start:end], 16 if hexadecimal else 10)
            if value == 0 or value >= _MAX_CODEPOINT:
                return None
            if 0xD800 <= value <= 0xDFFF:  # decoded, then the whole text is refused
                self.surrogate = True
                value = 0xFFFD
            char = chr(value)
        else:
            while end < self.n and text[end].isascii() and text[end].isalpha():
                end += 1
            name = text[pos + 1 : end]
            if name not in _NAMED_ENTITIES:
                if name:
                    self.unknown.append(f"&{name}")
                return None
            char = _NAMED_ENTITIES[name]
        if self.ch(end) == ";":
            end += 1
        return char, end

    # -- main loop -------------------------------------------------------------------------
    def parse(self) -> ParsedText:
        while self.i < self.n:
            c = self.text[self.i]
            if c == "&":
                decoded = self.decode_entity(self.i)
                if decoded is None:
                    self.emit("&")
                    self.i += 1
                else:
                    self.emit(decoded[0])
                    self.i = decoded[1]
            elif c == "<":
                if self.ch(self.i + 1) == "/":
                    self.end_tag()
                else:
                    self.start_tag()
            else:
                run = _TEXT_RUN.match(self.text, self.i)
                assert run is not None  # c is neither '<' nor '&'
                self.emit(run.group())
                self.i = run.end()
        if self.stack:
            name = self.stack[-1].name
            raise self.fail(f'Can\'t find end tag corresponding to start tag "{name}"')
        if self.surrogate:
            raise self.fail(_SURROGATES)
        self.entities.sort(key=lambda e: (_span(e)[0], -_span(e)[1]))
        return ParsedText("".join(self.out), self.entities, self.unknown)

    def start_tag(self) -> None:
        begin = self.i
        i = begin + 1
        while self.ch(i) not in _SPACES and self.ch(i) != ">":
            i += 1
        if i >= self.n:
            raise self.fail(f"Unclosed start tag at byte offset {self.byte_offset(begin)}")
        tag = self.text[begin + 1 : i].lower()
        if tag not in SUPPORTED_TAGS:
            raise self.fail(
                f'Unsupported start tag "{tag}" at byte offset {self.byte_offset(begin)}'
            )
        self.i = i
        argument, expandable = self.attributes(tag, begin)
        if tag == "span" and argument != "spoiler":
            raise self.fail(
                f'Tag "span" must have class "tg-spoiler" at byte offset {self.byte_offset(begin)}'
            )
        self.i += 1  # past '>'
        self.stack.append(_OpenTag(tag, argument, self.utf16, expandable))

    def attributes(self, tag: str, begin: int) -> tuple[str, bool]:
        """Parse attributes up to '>' (left at self.i); returns (argument, expandable)."""
        argument, expandable = "", False
        while self.ch(self.i) != ">":
            while self.i < self.n and self.ch(self.i) in _SPACES:
                self.i += 1
            if self.ch(self.i) == ">":
                break
            name_start = self.i
            while self.ch(self.i) not in _SPACES and self.ch(self.i) not in "=>":
                self.i += 1
            name = self.text[name_start : self.i]
            if not name:
                raise self.fail(
                    f'Empty attribute name in the tag "{tag}" at byte offset '
                    f"{self.byte_offset(begin)}"
                )
            while self.i < self.n and self.ch(self.i) in _SPACES:
                self.i += 1
            if self.ch(self.i) != "=":
                # An attribute without a value (current tdlib; "expandable" is one).
                if self.i >= self.n:
                    raise self.fail(
                        f'Unclosed start tag "{tag}" at byte offset {self.byte_offset(begin)}'
                    )
                argument = _tag_argument(tag, name, "", argument)
                expandable = expandable or (tag == "blockquote" and name == "expandable")
                continue
            self.i += 1
            value = self.attribute_value(tag, begin)
            argument = _tag_argument(tag, name, value, argument)
            expandable = expandable or (tag == "blockquote" and name == "expandable")
        return argument, expandable

    def attribute_value(self, tag: str, begin: int) -> str:
        while self.i < self.n and self.ch(self.i) in _SPACES:
            self.i += 1
        if self.i >= self.n:
            raise self.fail(f'Unclosed start tag "{tag}" at byte offset {self.byte_offset(begin)}')
        quote = self.ch(self.i)
        if quote not in "'\"":
            # An unquoted name token: letters, digits, periods and hyphens; case-insensitive.
            start = self.i
            while self.i < self.n and (self.text[self.i].isalnum() or self.text[self.i] in ".-"):
                self.i += 1
            if self.ch(self.i) not in _SPACES and self.ch(self.i) != ">":
                raise self.fail(
                    f"Unexpected end of name token at byte offset {self.byte_offset(start)}"
                )
            return self.text[start : self.i].lower()
        self.i += 1
        value: list[str] = []
        while self.i < self.n and self.text[self.i] != quote:
            decoded = self.decode_entity(self.i) if self.text[self.i] == "&" else None
            if decoded is None:
                value.append(self.text[self.i])
                self.i += 1
            else:
                value.append(decoded[0])
                self.i = decoded[1]
        if self.i >= self.n:
            raise self.fail(f"Unclosed start tag at byte offset {self.byte_offset(begin)}")
        self.i += 1  # past the closing quote
        return "".join(value)

    def end_tag(self) -> None:
        begin = self.i
        if not self.stack:
            raise self.fail(f"Unexpected end tag at byte offset {self.byte_offset(begin)}")
        i = begin + 2
        while self.ch(i) not in _SPACES and self.ch(i) != ">":
            i += 1
        name = self.text[begin + 2 : i]
        while i < self.n and self.ch(i) in _SPACES:
            i += 1
        if self.ch(i) != ">":
            raise self.fail(f"Unclosed end tag at byte offset {self.byte_offset(begin)}")
        open_tag = self.stack.pop()
        if name and name.lower() != open_tag.name:
            raise self.fail(
                f"Unmatched end tag at byte offset {self.byte_offset(begin)}, "
                f'expected "</{open_tag.name}>", found "</{name}>"'
            )
        self.i = i + 1
        self.close_entity(open_tag)

    def close_entity(self, tag: _OpenTag) -> None:
        length = self.utf16 - tag.utf16_start
        if length <= 0:  # Telegram silently drops empty entities
            return
        entity: dict[str, object] = {"offset": tag.utf16_start, "length": length}
        if tag.name == "a":
            link = _link_entity(tag.argument or self._text_since(tag.utf16_start))
            if link is None:  # Telegram keeps the text and drops a link it cannot use
                return
            entity.update(link)
        elif tag.name == "tg-emoji":
            if not _INT64.fullmatch(tag.argument) or int(tag.argument) == 0:
                raise self.fail("Invalid custom emoji identifier specified")
            entity.update(type="custom_emoji", custom_emoji_id=tag.argument)
        elif tag.name == "tg-time":
            return  # rendering hint only; no entity type aiogram models for it
        elif tag.name == "code" and tag.argument and self._pre_parent_at(tag.utf16_start):
            # <pre><code class="language-x"> sets the language of the enclosing pre.
            self.stack[-1].argument = tag.argument
            return
        elif tag.name == "pre" and tag.argument:
            entity.update(type="pre", language=tag.argument)
        elif tag.name == "blockquote" and tag.expandable:
            entity["type"] = "expandable_blockquote"
        else:
            entity["type"] = _ENTITY_TYPES[tag.name]
        self.entities.append(entity)

    def _text_since(self, utf16_start: int) -> str:
        """The visible text emitted since the UTF-16 offset ``utf16_start``."""
        plain = "".join(self.out)
        units = plain.encode("utf-16-le")
        return units[utf16_start * 2 :].decode("utf-16-le")

    def _pre_parent_at(self, offset: int) -> bool:
        return (
            bool(self.stack)
            and self.stack[-1].name == "pre"
            and (self.stack[-1].utf16_start == offset)
        )


def _tag_argument(tag: str, attribute: str, value: str, current: str) -> str:
    if tag == "a" and attribute == "href":
        return value
    if tag == "code" and attribute == "class" and value.startswith("language-"):
        return value[len("language-") :]
    if tag == "span" and attribute == "class" and value.startswith("tg-"):
        return value[len("tg-") :]
    if tag == "tg-emoji" and attribute == "emoji-id":
        return value
    return current


def _link_entity(url: str) -> dict[str, object] | None:
    """The entity of ``<a href=url>`` (the text itself when href is empty), or None when
    Telegram would drop the link: not a URL, or a scheme it does not keep (javascript:)."""
    if url.startswith("tg://user?id="):
        user_id = url.removeprefix("tg://user?id=")
        if user_id.isdigit():
            return {"type": "text_mention", "user": _mention_user(int(user_id))}
    checked = _checked_link(url)
    return None if checked is None else {"type": "text_link", "url": checked}


def _checked_link(url: str) -> str | None:
    """Roughly tdlib's LinkManager::check_link: a known scheme (http assumed when there is
    none), and for the web a host that looks like one; http(s) links get a path."""
    if not url or any(ch.isspace() for ch in url):
        return None
    scheme, sep, rest = url.partition(":")
    if (
        not sep
        or not scheme.isalpha()
        or (scheme.lower() in ("http", "https") and not rest.startswith("//"))
    ):
        scheme, rest = "http", "//" + url
    scheme = scheme.lower()
    if scheme not in _LINK_SCHEMES:
        return None
    if scheme not in ("http", "https"):
        return f"{scheme}:{rest}"
    authority = rest[2:]
    cut = min((i for i in (authority.find(c) for c in "/?#") if i >= 0), default=len(authority))
    host, tail = authority[:cut], authority[cut:]
    if not _HOST.fullmatch(host.rsplit("@", 1)[-1].split(":", 1)[0]):
        return None
    return f"{scheme}://{host}{tail if tail.startswith('/') else '/' + tail}"


def _mention_user(user_id: int) -> dict[str, object]:
    return {"id": user_id, "is_bot": False, "first_name": str(user_id)}


def parse_html(text: str) -> ParsedText:
    """Parse Telegram HTML into visible text plus entities; raises HtmlParseError."""
    return _Parser(text).parse()


_TRIM = " \t\r\n\f\v"


def _span(entity: dict[str, object]) -> tuple[int, int]:
    """(offset, length) of an entity: the parser always writes both as ints."""
    offset, length = entity["offset"], entity["length"]
    if not isinstance(offset, int) or not isinstance(length, int):
        raise TypeError(f"entity without an integer span: {entity!r}")
    return offset, length


def trim(parsed: ParsedText) -> ParsedText:
    """Drop leading/trailing whitespace as Telegram does, shifting entity offsets to match."""
    plain = parsed.plain
    stripped = plain.strip(_TRIM)
    if stripped == plain:
        return parsed
    lead = utf16_len(plain[: len(plain) - len(plain.lstrip(_TRIM))])
    total = utf16_len(stripped)
    entities: list[dict[str, object]] = []
    for entity in parsed.entities:
        offset, length = _span(entity)
        start = max(0, offset - lead)
        end = min(total, offset + length - lead)
        if end > start:
            entities.append({**entity, "offset": start, "length": end - start})
    return ParsedText(stripped, entities, parsed.unknown_entities)
