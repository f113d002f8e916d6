"""User-facing texts: ``bot/locales/<lang>/<feature>.json``, flat keys → strings.

Each feature owns one file per language (``start.json``, ``onboarding.json``, …). The loader
merges a language's files into one catalogue; a key defined twice is an error. Texts are
HTML with ``{placeholders}``; a placeholder value is escaped unless it is
:class:`bot.ui.render.Html`, so user or HH text can be passed as it is.

Usage in a handler: ``t: Translator`` is injected by the user middleware::

    await message.answer(t("start.welcome", name=user_first_name))
"""

from __future__ import annotations

import json
import logging
import string
from collections.abc import Mapping
from pathlib import Path

from bot.ui.render import Html, quote
from core.domain.locale import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES, language_for

logger = logging.getLogger(__name__)

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
LANGUAGES: tuple[str, ...] = SUPPORTED_LANGUAGES
_FORMATTER = string.Formatter()


def resolve_language(stored: str | None, language_code: str | None) -> str:
    """The stored choice, else Telegram's language code (ru/kk → ru), else English."""
    if stored in LANGUAGES:
        return stored
    return language_from_code(language_code)


def language_from_code(language_code: str | None) -> str:
    # One rule for the texts and for the language stored at sign-up (core.services.users).
    return language_for(language_code)


def placeholders(template: str) -> frozenset[str]:
    """The ``{names}`` a template uses."""
    return frozenset(name for _, name, _, _ in _FORMATTER.parse(template) if name)


class _Params(dict[str, str]):
    def __missing__(self, key: str) -> str:
        logger.warning("missing placeholder %r in a text", key)
        return ""


class Translator:
    """Texts of one language; ``t(key, **params)`` renders a text."""

    def __init__(
        self, language: str, catalog: Mapping[str, str], fallback: Mapping[str, str]
    ) -> None:
        self.language = language
        self._catalog = catalog
        self._fallback = fallback

    def __call__(self, key: str, /, **params: object) -> str:
        template = self._catalog.get(key)
        if template is None:
            template = self._fallback.get(key)
            if template is None:
                logger.error("unknown text key %r", key)
                return key
        if not params:
            return template
        safe = _Params(
            {name: v if isinstance(v, Html) else quote(v) for name, v in params.items()}
        )
        return template.format_map(safe)

    def has(self, key: str) -> bool:
        return key in self._catalog or key in self._fallback


class Locales:
    """Every language's catalogue; ``locales.get("ru")`` gives a :class:`Translator`."""

    def __init__(self, catalogs: Mapping[str, Mapping[str, str]]) -> None:
        if DEFAULT_LANGUAGE not in catalogs:
            raise ValueError(f"the {DEFAULT_LANGUAGE!r} catalogue is required")
        self.catalogs = dict(catalogs)
        self._translators = {
            language: Translator(language, catalog, catalogs[DEFAULT_LANGUAGE])
            for language, catalog in catalogs.items()
        }

    @classmethod
    def load(cls, directory: Path = LOCALES_DIR) -> Locales:
        return cls({language: load_catalog(directory / language) for language in LANGUAGES})

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self._translators)

    def get(self, language: str | None) -> Translator:
        return self._translators.get(language or "", self._translators[DEFAULT_LANGUAGE])

    def for_user(self, stored: str | None, language_code: str | None) -> Translator:
        return self.get(resolve_language(stored, language_code))


def load_catalog(directory: Path) -> dict[str, str]:
    """Merge every ``*.json`` file of one language; a duplicate key is an error."""
    catalog: dict[str, str] = {}
    for path in sorted(directory.glob("*.json")):
        texts = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(texts, dict):
            raise ValueError(f"{path}: expected an object of key → text")
        for key, text in texts.items():
            if not isinstance(text, str):
                raise ValueError(f"{path}: {key!r} is not a string")
            if key in catalog:
                raise ValueError(f"{path}: key {key!r} is defined twice")
            catalog[key] = text
    return catalog
