"""Which of the bot's languages a person gets: one rule for the texts and for sign-up."""

from __future__ import annotations

SUPPORTED_LANGUAGES: tuple[str, ...] = ("en", "ru")
DEFAULT_LANGUAGE = "en"
_RUSSIAN_CODES = frozenset({"ru", "kk"})


def language_for(language_code: str | None) -> str:
    """Telegram's language code → the bot's language: ru/kk → "ru", anything else "en"."""
    code = (language_code or "").split("-", 1)[0].lower()
    return "ru" if code in _RUSSIAN_CODES else DEFAULT_LANGUAGE
