"""Which of the bot's languages a person gets: one rule for the texts and for sign-up."""

from __future__ import annotations

SUPPORTED_LANGUAGES: tuple[str, ...] = ("en", "ru", "kk")
DEFAULT_LANGUAGE = "en"


def language_for(language_code: str | None) -> str:
    """Telegram's language code → the bot's language: kk → "kk", ru → "ru", anything else
    "en"."""
    code = (language_code or "").split("-", 1)[0].lower()
    return code if code in SUPPORTED_LANGUAGES else DEFAULT_LANGUAGE
