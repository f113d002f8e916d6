"""Typed city → HH area id, over HH's /areas tree (aliases, transliteration, typos).

:meth:`AreaResolver.resolve` accepts any string a person types and never raises.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import fuzz, process

from core.domain.hh_schemas import AreaNode
from core.domain.text import normalize_text

KAZAKHSTAN_ID = "40"
# The currency people state pay in, by HH country area id (HH /dictionaries currency codes).
COUNTRY_CURRENCY: dict[str, str] = {
    "40": "KZT",
    "113": "RUR",
    "16": "BYR",
    "9": "AZN",
    "28": "GEL",
    "48": "KGS",
    "97": "UZS",
}
MAX_CITY_TEXT = 100
MAX_CANDIDATES = 5
CITY_MATCH_SCORE = 80  # «Алмати»→«Алматы» scores 83, «Астна»→«Астана» 91
CITY_NEAR_SCORE = 60  # below a match, still worth offering as "did you mean"
CITY_TIE_MARGIN = 4  # candidates this close to the best are equally plausible

CityKind = Literal["exact", "ambiguous", "unknown", "anywhere"]

# Every spelling of a city, including former names, so a renamed HH node still matches.
_CITY_ALIASES: tuple[tuple[str, ...], ...] = (
    ("Астана", "Нур-Султан", "Astana", "Nur-Sultan", "Nursultan", "Акмола", "Целиноград"),
    ("Алматы", "Almaty", "Алма-Ата", "Alma-Ata", "Алмата"),
    ("Шымкент", "Shymkent", "Чимкент", "Chimkent"),
    ("Караганда", "Qaraghandy", "Karaganda", "Карагандa", "Караганды"),
    ("Москва", "Moscow", "Мск", "Moskva", "msk"),
    (
        "Санкт-Петербург",
        "СПб",
        "Питер",
        "Saint Petersburg",
        "St Petersburg",
        "Petersburg",
        "Санкт Петербург",
        "Петербург",
        "spb",
        "Ленинград",
    ),
    ("Усть-Каменогорск", "Оскемен", "Өскемен", "Oskemen", "Ust-Kamenogorsk"),
    ("Семей", "Семипалатинск", "Semey"),
    ("Актобе", "Актюбинск", "Aktobe"),
    ("Уральск", "Орал", "Oral", "Uralsk"),
    ("Кызылорда", "Қызылорда", "Kyzylorda"),
    ("Атырау", "Гурьев", "Atyrau"),
    ("Костанай", "Кустанай", "Qostanay", "Kostanay"),
    ("Туркестан", "Түркістан", "Turkestan"),
)
_ANYWHERE = frozenset(
    normalize_text(word)
    for word in (
        "anywhere",
        "везде",
        "удаленно",
        "удалённо",
        "remote",
        "любой",
        "любой город",
        "где угодно",
        "неважно",
        "не важно",
        "без разницы",
        "все равно",
        "any",
        "удаленка",
        "удаленная работа",
        "удаленный",
        "всё равно",
        "any city",
        "everywhere",
    )
)
_CITY_FILLER = frozenset({"г", "город", "гор", "city", "c", "qala", "қала", "kz", "rk", "рк"})

# Kazakh-Latin / English spellings to Cyrillic, longest sequences first.
_TRANSLIT: tuple[tuple[str, str], ...] = (
    ("shch", "щ"),
    ("sh", "ш"),
    ("ch", "ч"),
    ("zh", "ж"),
    ("kh", "х"),
    ("ts", "ц"),
    ("ya", "я"),
    ("yu", "ю"),
    ("yo", "е"),
    ("ye", "е"),
    ("a", "а"),
    ("b", "б"),
    ("c", "к"),
    ("d", "д"),
    ("e", "е"),
    ("f", "ф"),
    ("g", "г"),
    ("h", "х"),
    ("i", "и"),
    ("j", "ж"),
    ("k", "к"),
    ("l", "л"),
    ("m", "м"),
    ("n", "н"),
    ("o", "о"),
    ("p", "п"),
    ("q", "к"),
    ("r", "р"),
    ("s", "с"),
    ("t", "т"),
    ("u", "у"),
    ("v", "в"),
    ("w", "в"),
    ("x", "кс"),
    ("y", "ы"),
    ("z", "з"),
)
_TRANSLIT_RE = re.compile("|".join(re.escape(latin) for latin, _ in _TRANSLIT))
_TRANSLIT_MAP = dict(_TRANSLIT)
_Y_AFTER_VOWEL = re.compile(r"(?<=[аеиоуыэюя])ы")


def transliterate(text: str) -> str:
    """ "pavlodar" → "павлодар", "kostanay" → "костанай": enough for fuzzy city lookup."""
    cyrillic = _TRANSLIT_RE.sub(lambda match: _TRANSLIT_MAP[match.group(0)], text)
    return _Y_AFTER_VOWEL.sub("й", cyrillic)


@dataclass(frozen=True)
class CityMatch:
    """What a typed city resolved to. ``candidates`` are (area id, name), best first."""

    kind: CityKind
    area_id: str | None = None
    area_name: str | None = None
    candidates: list[tuple[str, str]] = field(default_factory=list)


_UNKNOWN = CityMatch(kind="unknown")


def _city_key(text: str) -> str:
    tokens = normalize_text(text).split()
    meaningful = [token for token in tokens if token not in _CITY_FILLER]
    return " ".join(meaningful or tokens)


class AreaResolver:
    """Looks up typed city names in HH's /areas tree (loaded once, then pure)."""

    def __init__(self, areas: Sequence[AreaNode]) -> None:
        self._parent: dict[str, str | None] = {}
        self._name: dict[str, str] = {}
        self._children: dict[str, list[str]] = {}
        self._index_tree(areas)
        self._by_key: dict[str, list[str]] = {}
        for area_id, name in self._name.items():
            self._by_key.setdefault(_city_key(name), []).append(area_id)
        self._alias_ids = self._index_aliases()
        self._fuzzy_keys = list(self._by_key)

    # ------------------------------------------------------------------ tree

    def _index_tree(self, roots: Sequence[AreaNode]) -> None:
        stack: list[tuple[AreaNode, str | None]] = [(node, None) for node in roots]
        while stack:  # iterative: never trust the depth of input
            node, parent = stack.pop()
            if node.id in self._name:
                continue
            self._name[node.id] = node.name
            self._parent[node.id] = parent
            self._children.setdefault(node.id, [])
            if parent is not None:
                self._children.setdefault(parent, []).append(node.id)
            stack.extend((child, node.id) for child in node.areas)

    def _index_aliases(self) -> dict[str, list[str]]:
        """Alias key → ids of the areas named by any spelling in the alias group."""
        result: dict[str, list[str]] = {}
        for group in _CITY_ALIASES:
            keys = [_city_key(spelling) for spelling in group]
            ids = [area_id for key in keys for area_id in self._by_key.get(key, [])]
            for key in keys:
                result[key] = list(dict.fromkeys(ids))
        return result

    def name_of(self, area_id: str) -> str | None:
        return self._name.get(str(area_id))

    def country_of(self, area_id: str) -> str | None:
        """The root (country) id above ``area_id``, itself for a country, None if unknown."""
        current = str(area_id)
        if current not in self._name:
            return None
        for _ in range(len(self._name)):  # bounded: a malformed tree cannot loop forever
            parent = self._parent.get(current)
            if parent is None:
                return current
            current = parent
        return current

    def currency_of(self, area_ids: Sequence[str]) -> str | None:
        """The currency of the country of the first of ``area_ids`` it knows; None if none."""
        for area_id in area_ids:
            country = self.country_of(area_id)
            if country is not None:
                return COUNTRY_CURRENCY.get(country)
        return None

    def descendants(self, area_id: str) -> set[str]:
        """``area_id`` and every area beneath it; empty when the id is unknown."""
        start = str(area_id)
        if start not in self._name:
            return set()
        found, stack = {start}, [start]
        while stack:
            for child in self._children.get(stack.pop(), []):
                if child not in found:
                    found.add(child)
                    stack.append(child)
        return found

    # ------------------------------------------------------------------ lookup

    def _prefer_kazakhstan(self, ids: list[str]) -> list[str]:
        local = [area_id for area_id in ids if self.country_of(area_id) == KAZAKHSTAN_ID]
        return local if len(local) == 1 else ids

    def _pair(self, area_id: str) -> tuple[str, str]:
        return area_id, self._name[area_id]

    def _from_ids(self, ids: list[str]) -> CityMatch:
        ids = self._prefer_kazakhstan(list(dict.fromkeys(ids)))
        if len(ids) == 1:
            return CityMatch("exact", ids[0], self._name[ids[0]], [self._pair(ids[0])])
        return CityMatch("ambiguous", candidates=[self._pair(i) for i in ids[:MAX_CANDIDATES]])

    def _scored(self, key: str) -> list[tuple[str, float]]:
        """(area id, similarity) for the closest names, best first, Kazakhstan first on ties."""
        queries = {key, transliterate(key)} if key.isascii() else {key}
        best: dict[str, float] = {}
        for query in queries:
            for name_key, score, _ in process.extract(
                query,
                self._fuzzy_keys,
                scorer=fuzz.ratio,
                limit=10,
                score_cutoff=CITY_NEAR_SCORE,
            ):
                for area_id in self._by_key[name_key]:
                    best[area_id] = max(best.get(area_id, 0.0), score)
        return sorted(
            best.items(),
            key=lambda item: (-item[1], self.country_of(item[0]) != KAZAKHSTAN_ID, item[0]),
        )

    def _fuzzy(self, key: str) -> CityMatch:
        scored = self._scored(key)
        if not scored or scored[0][1] < CITY_MATCH_SCORE:
            return CityMatch("unknown", candidates=[self._pair(i) for i, _ in scored[:5]])
        top = scored[0][1]
        plausible = [area_id for area_id, score in scored if score >= top - CITY_TIE_MARGIN]
        return self._from_ids(plausible)

    def city_named(self, text: str) -> tuple[str, str] | None:
        """(area id, name) of the one city (not a country) ``text`` names exactly, by any
        spelling of it; no fuzzy match: for words found in free text, not typed answers."""
        key = _city_key(text) if isinstance(text, str) and len(text) <= MAX_CITY_TEXT else ""
        ids = self._alias_ids.get(key) or self._by_key.get(key) or []
        cities = self._prefer_kazakhstan([i for i in ids if self._parent.get(i) is not None])
        return self._pair(cities[0]) if len(cities) == 1 else None

    def split_city(self, words: str) -> tuple[str, tuple[str, str]] | None:
        """(the other words, (area id, name)) when ``words`` start or end with a city's
        exact name: «бухгалтер астана», «Алматы python», «driver Усть-Каменогорск»."""
        tokens = words.split()
        for size in (2, 1):  # «Saint Petersburg», «Санкт Петербург» before one word
            if len(tokens) <= size:
                continue
            for city, rest in ((tokens[-size:], tokens[:-size]), (tokens[:size], tokens[size:])):
                found = self.city_named(" ".join(city))
                if found is not None:
                    return " ".join(rest), found
        return None

    def resolve(self, text: str) -> CityMatch:
        """ "Алматы", "Нур-Султан", "Алмати" (typo), "везде" → a CityMatch; never raises."""
        if not isinstance(text, str) or not text.strip() or len(text) > MAX_CITY_TEXT:
            return _UNKNOWN
        key = _city_key(text)
        if not key:
            return _UNKNOWN
        if key in _ANYWHERE:
            return CityMatch("anywhere")
        exact = self._alias_ids.get(key) or self._by_key.get(key)
        if exact:
            return self._from_ids(exact)
        return self._fuzzy(key)
