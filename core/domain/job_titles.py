"""Job titles: suggested from skills, and typed ones made safe (Kazakh → Russian)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from core.domain.roles import ROLES_BY_KEY, role_of_text, suggest_roles
from core.domain.skills import clean_skill_name
from core.domain.text import normalize_text

# Kazakh job titles people type, and the Russian ones HH vacancies use.
_KAZAKH_TITLES: dict[str, str] = {
    "есепші": "Бухгалтер",
    "жүргізуші": "Водитель",
    "сатушы": "Продавец",
    "мұғалім": "Учитель",
    "аспаз": "Повар",
    "дәрігер": "Врач",
    "мейірбике": "Медсестра",
    "бағдарламашы": "Программист",
    "күзетші": "Охранник",
    "тазалаушы": "Уборщица",
    "кассир": "Кассир",
    "менеджер": "Менеджер",
    "заңгер": "Юрист",
    "экономист": "Экономист",
    "дизайнер": "Дизайнер",
}
_KAZAKH_TITLE_KEYS = {normalize_text(word): title for word, title in _KAZAKH_TITLES.items()}
MAX_TITLE_LENGTH = 80


MAX_SUGGESTED_TITLES = 3

# Text that reads as code, not as a job: SQL statements and comments, markup, operators.
_CODE = re.compile(
    r"[;=<>{}`]|--|/\*|\*/|\b(?:drop|alter|truncate)\s+table\b|\bselect\b.+\bfrom\b"
    r"|\b(?:insert\s+into|delete\s+from|union\s+select)\b",
    re.IGNORECASE,
)


def looks_like_code(text: str) -> bool:
    """«'; DROP TABLE users; --», «<script>»: typed code, never a job title to keep."""
    return bool(_CODE.search(text or ""))


def suggest_job_titles(
    skills: Sequence[str], limit: int = MAX_SUGGESTED_TITLES, fields: Sequence[str] = ()
) -> list[str]:
    """Job titles to offer, best first: the catalogue roles the skills (and chosen fields)
    point to, by their English names (Python + Django → "Python developer"). Offered and
    shown, never searched unseen: the person sees and edits them."""
    return [ROLES_BY_KEY[key].name_en for key in suggest_roles(skills, fields, limit)]


def normalize_job_title(title: str) -> str:
    """A typed job title made safe, with Kazakh titles translated («есепші» → «Бухгалтер»)."""
    cleaned = clean_skill_name(title)[:MAX_TITLE_LENGTH]
    return _KAZAKH_TITLE_KEYS.get(normalize_text(cleaned), cleaned)


def chosen_job_title(typed: str) -> str | None:
    """A typed job title as stored: a catalogue role by its English name («бухгалтер»,
    «есепші» → "Accountant"), any other title made safe; None for nothing readable."""
    cleaned = normalize_job_title(typed or "")
    if not any(ch.isalnum() for ch in cleaned) or looks_like_code(typed or ""):
        return None
    role = role_of_text(cleaned)
    return ROLES_BY_KEY[role].name_en if role is not None else cleaned
