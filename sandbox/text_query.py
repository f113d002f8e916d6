"""The HeadHunter query language, small enough for the emulator.

Supported (hh.ru/article/1175): words ANDed by default, ``AND``, ``OR``, ``NOT``
(upper case, as on HH), ``"quoted phrases"``, parentheses, ``word*`` prefix search,
``!word`` (accepted, treated as ``word``) and field scopes ``name:(…)``,
``company_name:…``, ``description:…``.

Words are matched by stem (Snowball, Russian for Cyrillic and English for Latin), so
``продажи`` finds ``продажам`` and ``developer`` finds ``developers``, while ``java``
does not find ``javascript``. Hyphenated or dotted words (``Python-разработчик``,
``Яндекс.Директ``) split into several tokens and are matched as a phrase.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

# C#, C++ and 1С must survive tokenisation: they are skills people search for.
TOKEN_RE = re.compile(r"[0-9a-zа-яё]+[#+]*", re.IGNORECASE)
_QUERY_LEX_RE = re.compile(
    r"(?P<field>\b(?:name|company_name|description):)"
    r'|(?P<phrase>"[^"]*"?)'
    r"|(?P<lpar>\()|(?P<rpar>\))"
    r'|(?P<word>[^\s()"]+)'
)
SEARCH_FIELDS = ("name", "company_name", "description")
_RUSSIAN = snowballstemmer.stemmer("russian")
_ENGLISH = snowballstemmer.stemmer("english")
_CYRILLIC_RE = re.compile(r"[а-я]")


@lru_cache(maxsize=65536)
def normalize_token(raw: str) -> str:
    """Lower-case, fold ё to е, and reduce to a stem; cached because vocabularies are small."""
    token = raw.lower().replace("ё", "е")
    if token == "1c":  # Latin "1C" typed for the Cyrillic "1С"
        token = "1с"
    if not token.isalpha():
        return token
    stemmer = _RUSSIAN if _CYRILLIC_RE.search(token) else _ENGLISH
    return stemmer.stemWord(token)


def raw_tokens(text: str) -> list[str]:
    """Lower-cased surface tokens (no stemming), for prefix search."""
    return [m.group().lower().replace("ё", "е") for m in TOKEN_RE.finditer(text)]


def tokenize(text: str) -> list[str]:
    """Normalised stems of ``text`` in order."""
    return [normalize_token(m.group()) for m in TOKEN_RE.finditer(text)]


# ---- AST -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One word (one stem) or a phrase (several stems in a row)."""

    stems: tuple[str, ...]
    prefix: bool = False  # word* : match raw tokens starting with stems[0]
    fields: frozenset[str] | None = None  # None: the search's default fields


@dataclass(frozen=True)
class And:
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    part: Node


@dataclass(frozen=True)
class MatchAll:
    """An empty query or a part of it that had no searchable tokens."""


Node = Term | And | Or | Not | MatchAll


# ---- parsing ---------------------------------------------------------------------------


@dataclass
class _Lexeme:
    kind: str  # field | phrase | lpar | rpar | word | and | or | not
    value: str


def _lex(text: str) -> list[_Lexeme]:
    lexemes: list[_Lexeme] = []
    for match in _QUERY_LEX_RE.finditer(text):
        kind = match.lastgroup or "word"
        value = match.group()
        if kind == "word" and value in ("AND", "OR", "NOT"):
            kind = value.lower()
        lexemes.append(_Lexeme(kind, value))
    return lexemes


@dataclass
class _Parser:
    lexemes: list[_Lexeme]
    pos: int = 0
    fields: list[frozenset[str] | None] = field(default_factory=lambda: [None])

    def peek(self) -> _Lexeme | None:
        return self.lexemes[self.pos] if self.pos < len(self.lexemes) else None

    def take(self) -> _Lexeme:
        lexeme = self.lexemes[self.pos]
        self.pos += 1
        return lexeme

    def parse_or(self) -> Node:
        parts = [self.parse_and()]
        while (nxt := self.peek()) is not None and nxt.kind == "or":
            self.take()
            parts.append(self.parse_and())
        return _simplify(Or, parts)

    def parse_and(self) -> Node:
        parts: list[Node] = []
        while (nxt := self.peek()) is not None and nxt.kind not in ("or", "rpar"):
            if nxt.kind == "and":
                self.take()
                continue
            parts.append(self.parse_unary())
        return _simplify(And, parts)

    def parse_unary(self) -> Node:
        nxt = self.peek()
        if nxt is not None and nxt.kind == "not":
            self.take()
            if self.peek() is None:
                return MatchAll()
            inner = self.parse_unary()
            return MatchAll() if isinstance(inner, MatchAll) else Not(inner)
        return self.parse_primary()

    def parse_primary(self) -> Node:
        lexeme = self.take()
        if lexeme.kind == "lpar":
            node = self.parse_or()
            if (nxt := self.peek()) is not None and nxt.kind == "rpar":
                self.take()
            return node
        if lexeme.kind == "rpar":  # stray ")": ignore it, as a lenient search box does
            return MatchAll()
        if lexeme.kind == "field":
            return self._parse_scoped(lexeme.value[:-1])
        if lexeme.kind == "phrase":
            return _term(lexeme.value.strip('"'), self.fields[-1])
        return _word_term(lexeme.value, self.fields[-1])

    def _parse_scoped(self, field_name: str) -> Node:
        if self.peek() is None:
            return MatchAll()
        self.fields.append(frozenset({field_name}))
        try:
            return self.parse_primary()
        finally:
            self.fields.pop()


def _simplify(kind: type[And] | type[Or], parts: list[Node]) -> Node:
    kept = [p for p in parts if not isinstance(p, MatchAll)]
    if kind is Or and len(kept) < len(parts):
        return MatchAll()  # "x OR <anything>" where <anything> matches all
    if not kept:
        return MatchAll()
    return kept[0] if len(kept) == 1 else kind(tuple(kept))


def _term(text: str, fields: frozenset[str] | None, prefix: bool = False) -> Node:
    stems = tuple(tokenize(text))
    if not stems:
        return MatchAll()
    if prefix and len(stems) == 1:
        return Term((raw_tokens(text)[0],), prefix=True, fields=fields)
    return Term(stems, fields=fields)


def _word_term(word: str, fields: frozenset[str] | None) -> Node:
    word = word.lstrip("!")
    if word.endswith("*") and len(word) > 1:
        return _term(word.rstrip("*"), fields, prefix=True)
    return _term(word, fields)


def parse_query(text: str) -> Node:
    """Parse HH query text into an AST; never raises, garbage degrades to MatchAll."""
    parser = _Parser(_lex(text))
    node = parser.parse_or()
    while parser.peek() is not None:  # unbalanced ")" stopped the parse: continue after it
        parser.take()
        rest = parser.parse_or()
        node = _simplify(And, [node, rest])
    return node


# ---- evaluation ------------------------------------------------------------------------


def evaluate(node: Node, resolve: Callable[[Term], set[int]], universe: set[int]) -> set[int]:
    """The set of document indices matching ``node``; ``resolve`` maps a term to its docs."""
    if isinstance(node, MatchAll):
        return set(universe)
    if isinstance(node, Term):
        return resolve(node) & universe
    if isinstance(node, Not):
        return universe - evaluate(node.part, resolve, universe)
    if isinstance(node, And):
        narrowed = set(universe)
        # Positive parts first: they shrink the set fastest.
        for part in sorted(node.parts, key=lambda p: isinstance(p, Not)):
            narrowed = evaluate(part, resolve, narrowed)
            if not narrowed:
                break
        return narrowed
    result: set[int] = set()
    for part in node.parts:
        result |= evaluate(part, resolve, universe)
    return result


def positive_terms(node: Node, negated: bool = False) -> Iterator[Term]:
    """Terms that count as hits (not under NOT): for relevance and highlighting."""
    if isinstance(node, Term):
        if not negated:
            yield node
    elif isinstance(node, Not):
        yield from positive_terms(node.part, not negated)
    elif isinstance(node, And | Or):
        for part in node.parts:
            yield from positive_terms(part, negated)


def highlight(text: str | None, stems: frozenset[str], prefixes: tuple[str, ...]) -> str | None:
    """Wrap words whose stem is in ``stems`` (or starting with a prefix) in <highlighttext>."""
    if not text or (not stems and not prefixes):
        return text
    return _highlight(text, stems, prefixes)


@lru_cache(maxsize=65536)  # benchmarks repeat the same queries over the same snippets
def _highlight(text: str, stems: frozenset[str], prefixes: tuple[str, ...]) -> str:

    def wrap(match: re.Match[str]) -> str:
        word = match.group()
        lowered = word.lower().replace("ё", "е")
        if normalize_token(word) in stems or (prefixes and lowered.startswith(prefixes)):
            return f"<highlighttext>{word}</highlighttext>"
        return word

    return TOKEN_RE.sub(wrap, text)
