"""What a person types after /search: keywords plus optional overrides.

``python django city:Алматы salary:300k remote applied:no`` →
keywords "python django", city "Алматы", salary "300k", remote on, applied hidden.
A value with spaces goes in quotes: ``city:"Усть-Каменогорск"``. Pure and total: any
text gives a :class:`SearchRequest` (unknown ``key:value`` pairs stay keywords).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.domain.hh_query import SearchOverrides
from core.domain.text import visible_text

MAX_QUERY_LENGTH = 300
_PAIR = re.compile(r'(?P<key>[^\s:"]+):(?:"(?P<quoted>[^"]*)"|(?P<value>\S+))')
# The keys and words in each of the bot's languages (the /search prompt shows its own).
_CITY_KEYS = frozenset({"city", "город", "г", "қала"})
_SALARY_KEYS = frozenset({"salary", "зп", "зарплата", "от", "жалақы"})
_APPLIED_KEYS = frozenset({"applied", "отклики", "өтінімдер"})
_REMOTE_WORDS = frozenset({"remote", "удаленно", "удалённо", "удаленка", "удалёнка", "қашықтан"})
_YES = frozenset({"yes", "y", "on", "show", "да", "показать", "иә", "көрсету"})
_NO = frozenset({"no", "n", "off", "hide", "нет", "скрыть", "жоқ", "жасыру"})
# A currency typed as its own word after the amount ("salary:1500 $", "зп:1500 usd"), or
# the amount after a lone sign ("salary:$ 1500"), belongs to the salary: left behind,
# the amount would silently be read in the default currency (1 500 ₸ instead of $1 500).
_NEXT_WORD = re.compile(r"\s+(?P<word>[^\s:\"]+)(?=\s|$)")
_CURRENCY_WORD = re.compile(
    r"[$€₸₽]|тенге|тг|kzt|руб\w*|rub|rur|usd|долл\w*|dollars?|бакс\w*|eur|euros?|евро",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class SearchRequest:
    keywords: str = ""
    city: str | None = None
    salary: str | None = None
    remote: bool | None = None
    exclude_applied: bool | None = None


def _salary_with_tail(text: str, value: str, end: int) -> tuple[str, int]:
    """The salary value with a currency (or amount) typed as the next word, and where the
    salary ends in ``text``."""
    nxt = _NEXT_WORD.match(text, end)
    if nxt is None:
        return value, end
    word = nxt["word"]
    has_digits = any(ch.isdigit() for ch in value)
    if (has_digits and _CURRENCY_WORD.fullmatch(word)) or (
        not has_digits and any(ch.isdigit() for ch in word)
    ):
        return f"{value} {word}", nxt.end()
    return value, end


def parse_search(text: str) -> SearchRequest:
    text = " ".join(visible_text(text)[:MAX_QUERY_LENGTH].split())
    city = salary = None
    exclude_applied: bool | None = None
    kept: list[str] = []
    position = 0
    for match in _PAIR.finditer(text):
        key = match["key"].lower()
        value = (match["quoted"] if match["quoted"] is not None else match["value"]).strip()
        if key in _CITY_KEYS and value:
            city = value
        elif key in _SALARY_KEYS and value:
            salary, end = _salary_with_tail(text, value, match.end())
            kept.append(text[position : match.start()])
            position = end
            continue
        elif key in _APPLIED_KEYS and value.lower() in _YES | _NO:
            exclude_applied = value.lower() in _NO
        else:
            continue
        kept.append(text[position : match.start()])
        position = match.end()
    kept.append(text[position:])
    words = " ".join(kept).split()
    remote = True if any(word.lower() in _REMOTE_WORDS for word in words) else None
    keywords = " ".join(word for word in words if word.lower() not in _REMOTE_WORDS)
    return SearchRequest(keywords, city, salary, remote, exclude_applied)


@dataclass(frozen=True, slots=True)
class SearchDraft:
    """A search as kept in FSM data between pages and override taps (plain JSON)."""

    keywords: str = ""
    skills: tuple[str, ...] = ()
    area_id: str | None = None
    area_name: str | None = None
    salary_min: int | None = None
    salary_currency: str | None = None
    remote: bool | None = None
    exclude_applied: bool | None = None

    def dump(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in self.__slots__}

    @classmethod
    def load(cls, data: object) -> SearchDraft | None:
        if not isinstance(data, dict):
            return None
        known = {name: data[name] for name in cls.__slots__ if name in data}
        known["skills"] = tuple(known.get("skills") or ())
        try:
            return cls(**known)
        except TypeError:
            return None

    def overrides(self) -> SearchOverrides:
        return SearchOverrides(
            text=self.keywords or None,
            skills=list(self.skills) or None,
            area_id=self.area_id,
            salary_min=self.salary_min,
            salary_currency=self.salary_currency,
            include_remote=self.remote,
            exclude_applied=self.exclude_applied,
        )
