"""User-facing texts: Fluent catalogues ``bot/locales/<lang>/<feature>.ftl``.

Why Fluent (``fluent.runtime``, Project Fluent's Python implementation): texts are keyed by
id, as the bot's were, and a translator writes plurals and other variants *inside* the
message (``{ $count -> [one] … [few] … *[many] … }``); the plural category of a number
comes from CLDR through Babel, so no plural rule is written here. gettext would key texts by
their English wording and put plurals in a separate ``ngettext`` call per site.

Each feature owns one file per language (``start.ftl``, ``onboarding.ftl``, …); a
language's files are merged, and an id defined twice or a line Fluent cannot parse is an
error at load time. Call sites keep the dotted keys they always used: ``t("start.welcome",
name=…)`` looks up the Fluent message ``start-welcome`` (Fluent ids have no dots).

Texts are HTML with ``{ $variables }``. A variable's value is escaped unless it is
:class:`bot.ui.render.Html`, so user or HH text can be passed as it is; an ``int`` stays a
number (plural selection needs it) and is printed without digit grouping, as before.

A missing text, a missing variable or a text absent in one language logs an error on
``bot.i18n``; the test worlds fail on any error logged there.

Usage in a handler: ``t: Translator`` is injected by the user middleware::

    await message.answer(t("start.welcome", name=user_first_name))
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from pathlib import Path

from fluent.runtime import FluentBundle
from fluent.runtime.types import FluentInt
from fluent.syntax import FluentParser
from fluent.syntax import ast as ftl
from fluent.syntax.visitor import Visitor

from bot.ui.render import ELLIPSIS, Html, quote
from core.domain.locale import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES, language_for

logger = logging.getLogger(__name__)

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
LANGUAGES: tuple[str, ...] = SUPPORTED_LANGUAGES
FILE_SUFFIX = ".ftl"


def resolve_language(stored: str | None, language_code: str | None) -> str:
    """The stored choice, else Telegram's language code (kk → kk, ru → ru), else English."""
    if stored in LANGUAGES:
        return stored
    return language_from_code(language_code)


def language_from_code(language_code: str | None) -> str:
    # One rule for the texts and for the language stored at sign-up (core.services.users).
    return language_for(language_code)


def message_id(key: str) -> str:
    """The Fluent id of a dotted key: ``"jobs.btn.save"`` → ``"jobs-btn-save"``."""
    return key.replace(".", "-")


# Fluent refuses a placeable longer than 2,500 characters (it prints "{???}" instead):
# plain text from HH or a person (a note, a title, a typed search) is shortened to
# PLACEABLE_LIMIT characters with "…" before it is escaped; markup (Html, built by the
# bot) is put in after formatting, whole, so no text of any length becomes "{???}".
PLACEABLE_LIMIT = 1000
_SLOT = "\ue000{}\ue001"  # private-use marks around a long Html value's index


def shorten(text: str, limit: int = PLACEABLE_LIMIT) -> str:
    """``text`` if it has at most ``limit`` characters, else its start and "…"."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + ELLIPSIS


def _fluent_value(value: object) -> str | FluentInt:
    if isinstance(value, Html):
        return str(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return FluentInt(value, useGrouping=False)
    return str(quote(shorten(str(value))))


def one_of(items: list[str], language: str) -> str:
    """«a, b or c» in the language's own words and commas (CLDR list patterns)."""
    from babel.lists import format_list

    return format_list(items, style="or", locale=language) if items else ""


class Translator:
    """Texts of one language; ``t(key, **params)`` renders a text."""

    def __init__(self, language: str, bundle: FluentBundle, fallback: FluentBundle) -> None:
        self.language = language
        self._bundle = bundle
        self._fallback = fallback
        # The Mini App's JSON texts (``{placeholder}`` strings), for the few the server
        # itself sends; set by :meth:`Locales.load`.
        self.app_texts: dict[str, str] = {}

    def __call__(self, key: str, /, **params: object) -> str:
        ident = message_id(key)
        bundle = self._bundle
        if not bundle.has_message(ident) and key in self.app_texts:
            values = {n: v if isinstance(v, Html) else quote(v) for n, v in params.items()}
            return self.app_texts[key].format_map(values)
        if not bundle.has_message(ident):
            if not self._fallback.has_message(ident):
                logger.error("unknown text key %r", key)
                return key
            logger.error("text %r is missing in %r; English is shown", key, self.language)
            bundle = self._fallback
        pattern = bundle.get_message(ident).value
        if pattern is None:
            logger.error("text %r has no value", key)
            return key
        args = {name: _fluent_value(value) for name, value in params.items()}
        long_markup: list[str] = []
        for name, value in args.items():
            if isinstance(value, str) and len(value) > PLACEABLE_LIMIT:
                args[name] = _SLOT.format(len(long_markup))
                long_markup.append(value)
        text, errors = bundle.format_pattern(pattern, args)
        for error in errors:
            logger.error("text %r (%s): %s", key, self.language, error)
        text = str(text)
        for index, value in enumerate(long_markup):
            text = text.replace(_SLOT.format(index), value)
        return text

    def has(self, key: str) -> bool:
        return self._bundle.has_message(message_id(key)) or self._fallback.has_message(
            message_id(key)
        )


class Locales:
    """Every language's catalogue; ``locales.get("ru")`` gives a :class:`Translator`."""

    def __init__(self, catalogs: Mapping[str, Mapping[str, ftl.Message]]) -> None:
        if DEFAULT_LANGUAGE not in catalogs:
            raise ValueError(f"the {DEFAULT_LANGUAGE!r} catalogue is required")
        self.catalogs = {language: dict(messages) for language, messages in catalogs.items()}
        # The Mini App's texts (``webapp.json``): raw ``{placeholder}`` strings its page
        # formats itself, served by the API as they are; English where a language lacks one.
        self.app_texts: dict[str, dict[str, str]] = {}
        bundles = {language: _bundle(language, messages) for language, messages in catalogs.items()}
        self._translators = {
            language: Translator(language, bundle, bundles[DEFAULT_LANGUAGE])
            for language, bundle in bundles.items()
        }

    @classmethod
    def load(cls, directory: Path = LOCALES_DIR) -> Locales:
        locales = cls({language: load_catalog(directory / language) for language in LANGUAGES})
        locales.app_texts = {
            language: load_app_texts(directory / language) for language in LANGUAGES
        }
        for language, translator in locales._translators.items():
            translator.app_texts = {**locales.app_texts["en"], **locales.app_texts[language]}
        return locales

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self._translators)

    def get(self, language: str | None) -> Translator:
        return self._translators.get(language or "", self._translators[DEFAULT_LANGUAGE])

    def for_user(self, stored: str | None, language_code: str | None) -> Translator:
        return self.get(resolve_language(stored, language_code))


def _bundle(language: str, messages: Mapping[str, ftl.Message]) -> FluentBundle:
    # No Unicode isolation marks around values: Telegram shows them as stray characters in
    # some clients, and tests compare the text a person sees.
    bundle = FluentBundle([language], use_isolating=False)
    bundle.add_resource(ftl.Resource(body=list(messages.values())))
    return bundle


def load_catalog(directory: Path) -> dict[str, ftl.Message]:
    """Every message of one language's ``*.ftl`` files by id; a duplicate id is an error."""
    catalog: dict[str, ftl.Message] = {}
    for path in sorted(directory.glob(f"*{FILE_SUFFIX}")):
        for message in load_file(path):
            if message.id.name in catalog:
                raise ValueError(f"{path}: id {message.id.name!r} is defined twice")
            catalog[message.id.name] = message
    return catalog


def load_app_texts(directory: Path) -> dict[str, str]:
    """The Mini App's texts of one language (``*.json``: key → text, formatted by its page)."""
    texts: dict[str, str] = {}
    for path in sorted(directory.glob("*.json")):
        loaded = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(loaded, dict):
            raise ValueError(f"{path}: expected an object of key → text")
        texts.update({str(key): str(text) for key, text in loaded.items()})
    return texts


def load_file(path: Path) -> list[ftl.Message]:
    """The messages of one ``.ftl`` file; a term or a line Fluent cannot parse is an error
    (Fluent itself would skip the line silently)."""
    resource = FluentParser(with_spans=False).parse(path.read_text(encoding="utf-8"))
    messages: list[ftl.Message] = []
    for entry in resource.body:
        if isinstance(entry, ftl.Junk):
            problem = entry.annotations[0].message if entry.annotations else "unparsable"
            raise ValueError(f"{path}: {problem}: {(entry.content or '').strip()[:80]!r}")
        if isinstance(entry, ftl.Term):
            raise ValueError(f"{path}: terms (-{entry.id.name}) are not used here")
        if isinstance(entry, ftl.Message):
            messages.append(entry)
    return messages


class _Variables(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def visit_VariableReference(self, node: ftl.VariableReference) -> None:
        self.names.add(node.id.name)


def variables(message: ftl.Message) -> frozenset[str]:
    """The ``$variables`` a message uses."""
    visitor = _Variables()
    visitor.visit(message)
    return frozenset(visitor.names)


class _PluralSelects(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.selects: list[tuple[str, frozenset[str]]] = []

    def visit_SelectExpression(self, node: ftl.SelectExpression) -> None:
        if isinstance(node.selector, ftl.VariableReference):
            keys = frozenset(
                variant.key.name
                for variant in node.variants
                if isinstance(variant.key, ftl.Identifier)
            )
            self.selects.append((node.selector.id.name, keys))
        self.generic_visit(node)


def plural_selects(message: ftl.Message) -> list[tuple[str, frozenset[str]]]:
    """``(variable, variant names)`` of each select on a variable in a message."""
    visitor = _PluralSelects()
    visitor.visit(message)
    return visitor.selects
