"""Onboarding answers → UserPreferences; typed salary and city → HH values.

Everything here parses what a person typed into a Telegram chat, so every public
function accepts any string (HTML, SQL, emoji, 4096 characters) and answers with a
result or an error code, never an exception. The bot's locale files turn the codes and
option ids into words.
"""

from __future__ import annotations

import asyncio
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from rapidfuzz import fuzz, process

from core.hh.schemas import AreaNode
from core.preferences import SalaryExpectation, UserPreferences
from core.skills import (
    CATEGORIES,
    canonical_skill,
    canonicalize_skills,
    category_of,
    clean_skill_name,
    find_skills_ordered,
    skill_key,
    skills_for_categories,
)
from core.text import normalize_text

__all__ = [
    "EMPLOYMENT_OPTIONS",
    "EXPERIENCE_OPTIONS",
    "SALARY_ERRORS",
    "WORK_FORMAT_OPTIONS",
    "AreaResolver",
    "AssessmentOutcome",
    "CityMatch",
    "OnboardingAnswers",
    "SalaryParse",
    "UserMappingService",
    "apply_assessment",
    "build_preferences",
    "format_salary",
    "normalize_job_title",
    "parse_salary",
    "parse_skills_text",
    "suggest_job_titles",
]

# ============================================================================ options

# HH dictionary ids, in the order the bot offers them (labels live in bot/locales).
EXPERIENCE_OPTIONS: tuple[str, ...] = ("noExperience", "between1And3", "between3And6", "moreThan6")
WORK_FORMAT_OPTIONS: tuple[str, ...] = ("ON_SITE", "REMOTE", "HYBRID", "FIELD_WORK")
EMPLOYMENT_OPTIONS: tuple[str, ...] = ("FULL", "PART", "PROJECT", "FLY_IN_FLY_OUT")

# ============================================================================ salary

MAX_SALARY = 1_000_000_000
MAX_SALARY_TEXT = 100  # a salary is a few words; longer input is something else
SALARY_ERRORS: tuple[str, ...] = ("empty", "not_understood", "too_large", "too_small", "negative")

_CURRENCY_SIGNS: dict[str, str] = {"₸": "KZT", "₽": "RUR", "$": "USD", "€": "EUR"}
_CURRENCY_SYMBOLS: dict[str, str] = {code: sign for sign, code in _CURRENCY_SIGNS.items()}
_SIGN_BEFORE_AMOUNT = frozenset({"USD", "EUR"})  # "$2 000", but "300 000 ₸"
_CURRENCY_WORDS = re.compile(
    r"(?<![a-zа-я])(?:"
    r"(?P<KZT>тенге|тг|тнг|kzt|tenge)"
    r"|(?P<RUR>руб(?:л[а-я]*)?|rur|rub|rubles?|roubles?)"
    r"|(?P<USD>usd|долл(?:ар[а-я]*)?|dollars?|бакс[а-я]*|у\.?е)"
    r"|(?P<EUR>eur|euros?|евро)"
    r")\.?(?![a-zа-я])"
)
# A whole amount: "300 000" (spaced thousands) or "300000" / "1,5" / "1.5".
_AMOUNT = re.compile(r"(?<![0-9.,])(?:[0-9]{1,3}(?: [0-9]{3})+|[0-9]+(?:[.,][0-9]+)?)(?![0-9])")
_MULTIPLIER = re.compile(
    r" ?(?:(?P<thousand>тысяч[аи]?|тыс\.?|т\.р\.?|k|к)"
    r"|(?P<million>миллион(?:а|ов)?|млн\.?|mln|kk|кк|m|м))(?![a-zа-я])"
)
# What may surround the amounts once they and the currency are taken out.
_FILLER = re.compile(
    r"(?<![a-zа-я])(?:в месяц|на руки|per month|a month|в мес|мес|месяц|monthly|net|gross"
    r"|зп|з/п|зарплата|salary|примерно|около|~|/мес|/month)(?![a-zа-я])"
)
_MIN_SHAPE = re.compile(r"(?:от|from|>=?|≥|min|минимум|не менее|не ниже)? ?N ?\+?")
_MAX_SHAPE = re.compile(r"(?:до|up to|to|<=?|≤|max|максимум|не более|не выше) ?N")
_RANGE_SHAPE = re.compile(r"(?:от|from)? ?N ?(?:-|–|—|до|to|\.\.\.?|…) ?N")
_NEGATIVE_SHAPE = re.compile(r"(?:от|from)? ?[-−–] ?N.*")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")


@dataclass(frozen=True)
class SalaryParse:
    """A parsed salary, or an error code from ``SALARY_ERRORS`` saying why not."""

    expectation: SalaryExpectation | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.expectation is not None


def _failure(code: str) -> SalaryParse:
    return SalaryParse(expectation=None, error=code)


def _take_currencies(text: str) -> tuple[str, set[str]]:
    """Removes currency words and signs; returns the rest and the currencies seen."""
    found = {code for sign, code in _CURRENCY_SIGNS.items() if sign in text}
    for sign in _CURRENCY_SIGNS:
        text = text.replace(sign, " ")
    for match in _CURRENCY_WORDS.finditer(text):
        found.add(next(code for code, value in match.groupdict().items() if value))
    return _CURRENCY_WORDS.sub(" ", text), found


def _amount_value(number: str, multiplier: int) -> float:
    number = number.replace(" ", "")
    if "," in number or "." in number:
        whole, fraction = re.split(r"[.,]", number)
        # "300,000" / "300.000" without a multiplier is a thousands separator.
        if len(fraction) == 3 and multiplier == 1:
            return float(whole + fraction)
        return float(f"{whole}.{fraction}")
    return float(number)


def _take_amounts(text: str) -> tuple[str, list[tuple[float, int]]]:
    """Replaces each amount (with its multiplier) by "N"; returns (value, multiplier)."""
    amounts: list[tuple[float, int]] = []
    pieces: list[str] = []
    position = 0
    for match in _AMOUNT.finditer(text):
        if match.start() < position:
            continue
        multiplier, end = 1, match.end()
        suffix = _MULTIPLIER.match(text, end)
        if suffix is not None:
            multiplier = 1_000 if suffix.group("thousand") else 1_000_000
            end = suffix.end()
        amounts.append((_amount_value(match.group(0), multiplier) * multiplier, multiplier))
        pieces.append(text[position : match.start()] + "N")
        position = end
    pieces.append(text[position:])
    return "".join(pieces), amounts


def _shape(text: str) -> str:
    text = _FILLER.sub(" ", text)
    return _SPACES.sub(" ", text).strip(" .,!")


def _spread_multiplier(amounts: list[tuple[float, int]]) -> list[float]:
    """"250-400k" means 250k-400k: a bare first number below 1000 takes the second one's
    multiplier, or thousands when that would overshoot ("500-1 млн" is 500k-1M)."""
    values = [value for value, _ in amounts]
    if len(amounts) == 2:
        (first, first_multiplier), (second, second_multiplier) = amounts
        if first_multiplier == 1 and second_multiplier > 1 and first < 1000:
            overshoots = first * second_multiplier > second >= first * 1000
            values[0] = first * (1000 if overshoots else second_multiplier)
    return values


def _bounds(shape: str, values: list[float]) -> tuple[float | None, float | None] | None:
    if len(values) == 1 and _MIN_SHAPE.fullmatch(shape):
        return values[0], None
    if len(values) == 1 and _MAX_SHAPE.fullmatch(shape):
        return None, values[0]
    if len(values) == 2 and _RANGE_SHAPE.fullmatch(shape):
        low, high = sorted(values)
        return low, high
    return None


def _checked(value: float | None) -> tuple[int | None, str | None]:
    """(rounded amount, None), or (None, error code) when it is out of bounds."""
    if value is None:
        return None, None
    amount = round(value)
    if amount > MAX_SALARY:
        return None, "too_large"
    if amount < 1:
        return None, "too_small"
    return amount, None


def _expectation(bounds: tuple[float | None, float | None], currency: str) -> SalaryParse:
    (low, low_error), (high, high_error) = (_checked(value) for value in bounds)
    error = low_error or high_error
    if error is not None:
        return _failure(error)
    return SalaryParse(SalaryExpectation(minimum=low, maximum=high, currency=currency))


def _prepared_salary_text(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower().replace("ё", "е")
    return _SPACES.sub(" ", text).strip()


def parse_salary(text: str, default_currency: str = "KZT") -> SalaryParse:
    """"300 000", "300к", "от 250 до 400 тыс", "$2000", "до 500к", "1,5 млн тенге" → expectation.

    A single amount is a minimum (a floor), "до X" a maximum, two amounts a range.
    Errors: "empty", "not_understood", "too_large", "too_small", "negative".
    """
    if not isinstance(text, str) or not text.strip():
        return _failure("empty")
    if len(text) > MAX_SALARY_TEXT:
        return _failure("not_understood")
    rest, currencies = _take_currencies(_prepared_salary_text(text))
    if len(currencies) > 1:
        return _failure("not_understood")
    currency = currencies.pop() if currencies else default_currency
    rest, amounts = _take_amounts(rest)
    shape = _shape(rest)
    if not amounts:
        return _failure("not_understood")
    if len(amounts) == 1 and _NEGATIVE_SHAPE.fullmatch(shape):
        return _failure("negative")
    bounds = _bounds(shape, _spread_multiplier(amounts))
    if bounds is None:
        return _failure("not_understood")
    return _expectation(bounds, currency)


def _group_thousands(amount: int) -> str:
    return f"{amount:,}".replace(",", " ")


def format_salary(amount: int, currency: str) -> str:
    """"300 000 ₸", "$2 000", "150 000 ₽", "€1 500"; parse_salary reads it back."""
    number = _group_thousands(int(amount))
    symbol = _CURRENCY_SYMBOLS.get(currency)
    if symbol is None:
        return f"{number} {currency}"
    if currency in _SIGN_BEFORE_AMOUNT:
        return f"{symbol}{number}"
    return f"{number} {symbol}"


# ============================================================================ cities

KAZAKHSTAN_ID = "40"
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
    ("Санкт-Петербург", "СПб", "Питер", "Saint Petersburg", "St Petersburg", "Petersburg",
     "Санкт Петербург", "Петербург", "spb", "Ленинград"),
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
        "anywhere", "везде", "удаленно", "удалённо", "remote", "любой", "любой город",
        "где угодно", "неважно", "не важно", "без разницы", "все равно", "any", "удаленка",
        "удаленная работа", "удаленный", "всё равно", "any city", "everywhere",
    )
)
_CITY_FILLER = frozenset({"г", "город", "гор", "city", "c", "qala", "қала", "kz", "rk", "рк"})

# Kazakh-Latin / English spellings to Cyrillic, longest sequences first.
_TRANSLIT: tuple[tuple[str, str], ...] = (
    ("shch", "щ"), ("sh", "ш"), ("ch", "ч"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"),
    ("ya", "я"), ("yu", "ю"), ("yo", "е"), ("ye", "е"), ("a", "а"), ("b", "б"), ("c", "к"),
    ("d", "д"), ("e", "е"), ("f", "ф"), ("g", "г"), ("h", "х"), ("i", "и"), ("j", "ж"),
    ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("q", "к"),
    ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"), ("v", "в"), ("w", "в"), ("x", "кс"),
    ("y", "ы"), ("z", "з"),
)
_TRANSLIT_RE = re.compile("|".join(re.escape(latin) for latin, _ in _TRANSLIT))
_TRANSLIT_MAP = dict(_TRANSLIT)
_Y_AFTER_VOWEL = re.compile(r"(?<=[аеиоуыэюя])ы")


def transliterate(text: str) -> str:
    """"pavlodar" → "павлодар", "kostanay" → "костанай": enough for fuzzy city lookup."""
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
                query, self._fuzzy_keys, scorer=fuzz.ratio, limit=10,
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

    def resolve(self, text: str) -> CityMatch:
        """"Алматы", "Нур-Султан", "Алмати" (typo), "везде" → a CityMatch; never raises."""
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


# ============================================================================ job titles

# (title, core skills: worth 2, related skills: worth 1). Titles are HH search text, so
# they are written the way hh.kz vacancies are named (English for IT, Russian otherwise).
_TITLE_RULES: tuple[tuple[str, frozenset[str], frozenset[str]], ...] = tuple(
    (title, frozenset(core), frozenset(related))
    for title, core, related in (
        ("Python developer", {"Python"}, {"Django", "FastAPI", "Flask", "PostgreSQL"}),
        ("Backend developer", {"Django", "FastAPI", "Flask", "Spring", "Node.js", "REST API"},
         {"Python", "Java", "Go", "PHP", "C#", "PostgreSQL", "MySQL", "Docker", "Redis"}),
        ("Frontend developer", {"React", "Vue.js", "Angular", "TypeScript"},
         {"JavaScript", "HTML", "CSS"}),
        ("Java developer", {"Java", "Spring"}, {"Kotlin", "SQL"}),
        ("Go developer", {"Go"}, {"Docker", "Kubernetes", "PostgreSQL"}),
        (".NET developer", {"C#", ".NET"}, {"SQL"}),
        ("PHP developer", {"PHP"}, {"MySQL", "JavaScript"}),
        ("Программист 1С", {"1C"}, {"SQL"}),
        ("Mobile developer", {"Kotlin", "Swift"}, {"Java"}),
        ("DevOps engineer", {"Docker", "Kubernetes", "CI/CD"}, {"Linux", "Git"}),
        ("Data analyst", {"Power BI", "Tableau", "Data visualization", "pandas"},
         {"Excel", "SQL", "Python", "Statistics", "A/B testing"}),
        ("Data scientist", {"Machine learning"}, {"Python", "pandas", "NumPy", "Statistics"}),
        ("UI/UX designer", {"UI/UX Design", "Figma"}, {"Web design"}),
        ("Графический дизайнер", {"Graphic design", "Illustrator", "Photoshop", "CorelDRAW"},
         {"Adobe InDesign", "Figma"}),
        ("3D-дизайнер", {"3D modeling"}, set()),
        ("Маркетолог", {"Marketing analytics", "Content marketing", "Email marketing"},
         {"Google Analytics", "Яндекс.Метрика", "SEO", "SMM"}),
        ("SMM-менеджер", {"SMM", "Targeting"}, {"Copywriting", "Content marketing"}),
        ("Интернет-маркетолог", {"Яндекс.Директ", "Google Ads", "SEO"},
         {"Google Analytics", "Яндекс.Метрика", "Targeting"}),
        ("Копирайтер", {"Copywriting"}, {"Content marketing", "SEO"}),
        ("Project manager", {"Project management"}, {"Agile", "Scrum", "Jira", "Kanban"}),
        ("Product manager", {"Product management"}, {"Agile", "A/B testing", "Jira"}),
        ("Руководитель отдела", {"Team management", "Leadership"},
         {"Budgeting", "Strategic planning"}),
        ("Бухгалтер", {"Accounting", "1С:Бухгалтерия"}, {"Tax reporting", "Excel"}),
        ("Финансовый аналитик", {"Financial analysis", "Financial modeling"},
         {"Excel", "Budgeting", "МСФО (IFRS)", "Financial reporting"}),
        ("Аудитор", {"Audit"}, {"МСФО (IFRS)", "Accounting"}),
        ("Экономист", {"Budgeting", "Financial reporting"}, {"Excel", "Financial analysis"}),
        ("Менеджер по продажам", {"Sales", "Cold calling", "B2B sales", "B2C sales"},
         {"CRM", "Negotiations"}),
        ("Key account manager", {"Key account management"}, {"B2B sales", "Negotiations"}),
        ("Логист", {"Logistics", "Supply chain"}, {"Foreign trade (ВЭД)", "Excel"}),
        ("Специалист по ВЭД", {"Foreign trade (ВЭД)"}, {"Logistics"}),
        ("Менеджер по закупкам", {"Procurement"}, {"Supply chain", "Negotiations"}),
        ("Кладовщик", {"Warehouse management", "Inventory"}, set()),
        ("Водитель", {"Driver's license B", "Driver's license C"}, set()),
        ("Медсестра", {"Nursing"}, set()),
        ("Фармацевт", {"Pharmacy"}, set()),
        ("Врач", {"General practice", "Pediatrics", "Dentistry"}, set()),
        ("Лаборант", {"Laboratory diagnostics"}, set()),
        ("Продавец-консультант", {"Sales consultant"}, {"Customer service", "Cashier"}),
        ("Кассир", {"Cashier"}, {"Customer service"}),
        ("Мерчандайзер", {"Merchandising"}, {"Inventory"}),
        ("Специалист по работе с клиентами", {"Customer service"}, {"CRM"}),
    )
)

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


def suggest_job_titles(skills: Sequence[str], limit: int = 5) -> list[str]:
    """Job titles to search for, best first: Python + Django → "Python developer", …"""
    keys = {canonical_skill(name) for name in skills if isinstance(name, str)} - {None}
    scored: list[tuple[int, int, str]] = []
    for order, (title, core, related) in enumerate(_TITLE_RULES):
        score = 2 * len(keys & core) + len(keys & related)
        if len(keys & core) > 0 or len(keys & related) > 1:
            scored.append((-score, order, title))
    return [title for _, _, title in sorted(scored)[: max(limit, 0)]]


def normalize_job_title(title: str) -> str:
    """A typed job title made safe, with Kazakh titles translated («есепші» → «Бухгалтер»)."""
    cleaned = clean_skill_name(title)[:MAX_TITLE_LENGTH]
    return _KAZAKH_TITLE_KEYS.get(normalize_text(cleaned), cleaned)


# ============================================================================ skills text

MAX_SKILLS = 30
MAX_SKILLS_TEXT = 2000
_SKILL_SEPARATORS = re.compile(r"[,;\n\r\t|•·]+")
_WORD_SEPARATORS = re.compile(r"\s+(?:и|and|&)\s+|\s*/\s*")
_HAS_WORD = re.compile(r"[^\W_]")


def _skills_in_part(part: str) -> list[str]:
    """One comma-separated piece: a known skill, several ("SQL / эксель"), or free text."""
    if canonical_skill(part):
        return [part]
    pieces = [piece for piece in _WORD_SEPARATORS.split(part) if piece.strip()]
    if len(pieces) > 1 and any(canonical_skill(piece) for piece in pieces):
        return pieces
    mentioned = find_skills_ordered(part)
    if len(mentioned) > 1:  # "Python Django": several catalogue skills in one piece
        return mentioned
    return [part]


def parse_skills_text(text: str) -> list[str]:
    """"python, джанго; SQL / эксель" → ["Python", "Django", "SQL", "Excel"].

    Unknown skills are kept cleaned (markup and control characters removed, ≤ 50 chars);
    pieces with no letters or digits are dropped; at most 30 skills.
    """
    if not isinstance(text, str):
        return []
    names: list[str] = []
    for part in _SKILL_SEPARATORS.split(text[:MAX_SKILLS_TEXT]):
        names.extend(_skills_in_part(part))
    meaningful = [name for name in names if _HAS_WORD.search(clean_skill_name(name))]
    return canonicalize_skills(meaningful)[:MAX_SKILLS]


# ============================================================================ onboarding

EXPLICIT_SKILL_WEIGHT = 1.0  # a skill the person chose
EXPANDED_SKILL_WEIGHT = 0.6  # a skill implied by a chosen category only
STRENGTH_WEIGHT = 1.0
AVERAGE_WEIGHT = 0.6
WEAKNESS_WEIGHT = 0.3
STRENGTH_MIN_RATING = 4
WEAKNESS_MAX_RATING = 2


@dataclass
class OnboardingAnswers:
    """What the onboarding dialog collected; ids are HH dictionary ids."""

    categories: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    experience: str | None = None
    area_ids: list[str] = field(default_factory=list)
    remote_ok: bool = True
    work_formats: list[str] = field(default_factory=list)
    employment_forms: list[str] = field(default_factory=list)
    salary: SalaryExpectation | None = None
    job_titles: list[str] | None = None


def _known(values: Iterable[str], allowed: Sequence[str]) -> list[str]:
    """The values that are valid option ids, deduplicated, in the catalogue's order."""
    chosen = set(values)
    return [option for option in allowed if option in chosen]


def _skill_weights(answers: OnboardingAnswers, categories: list[str]) -> dict[str, float]:
    chosen = canonicalize_skills(answers.skills)[:MAX_SKILLS]
    if chosen:
        return dict.fromkeys(chosen, EXPLICIT_SKILL_WEIGHT)
    return dict.fromkeys(skills_for_categories(categories), EXPANDED_SKILL_WEIGHT)


def _categories(answers: OnboardingAnswers) -> list[str]:
    chosen = _known(answers.categories, tuple(CATEGORIES))
    if chosen:
        return chosen
    # No category picked (skills typed instead): infer them so category search works.
    inferred = (category_of(name) for name in answers.skills)
    return _known((key for key in inferred if key), tuple(CATEGORIES))


def _job_titles(answers: OnboardingAnswers, skills: Iterable[str]) -> list[str]:
    typed = [normalize_job_title(title) for title in answers.job_titles or []]
    titles = list(dict.fromkeys(title for title in typed if title))
    return titles or suggest_job_titles(list(skills))


def _work_formats(answers: OnboardingAnswers) -> tuple[list[str], bool]:
    """(formats, remote_ok): remote is fine if the person said so or picked REMOTE."""
    formats = _known(answers.work_formats, WORK_FORMAT_OPTIONS)
    remote_ok = answers.remote_ok or "REMOTE" in formats
    if remote_ok and formats and "REMOTE" not in formats:
        formats.append("REMOTE")  # keep the two answers consistent for the HH query
    return formats, remote_ok


def build_preferences(answers: OnboardingAnswers) -> UserPreferences:
    """The preferences the first search and ranking run on.

    Chosen skills weigh 1.0; when none were chosen, every skill of the chosen categories
    weighs 0.6. Titles are suggested from the skills when none were typed. A salary
    minimum becomes a hard floor.
    """
    categories = _categories(answers)
    skills = _skill_weights(answers, categories)
    formats, remote_ok = _work_formats(answers)
    salary = answers.salary or SalaryExpectation()
    experience = answers.experience if answers.experience in EXPERIENCE_OPTIONS else None
    return UserPreferences(
        skills=skills,
        categories=categories,
        area_ids=list(dict.fromkeys(str(area_id) for area_id in answers.area_ids)),
        remote_ok=remote_ok,
        work_formats=formats,
        employment_forms=_known(answers.employment_forms, EMPLOYMENT_OPTIONS),
        experience=experience,
        salary=salary,
        salary_is_floor=salary.minimum is not None,
        job_titles=_job_titles(answers, skills),
    )


# ============================================================================ assessment


@dataclass(frozen=True)
class AssessmentOutcome:
    """New preferences after a self-assessment, and what it revealed."""

    preferences: UserPreferences
    strengths: list[str]
    weaknesses: list[str]
    avoided: list[str] = field(default_factory=list)


def _ratings_by_skill(ratings: Mapping[str, int]) -> dict[str, int]:
    """Canonical skill → rating clamped to 1..5; non-numeric ratings ignored."""
    result: dict[str, int] = {}
    for name, rating in ratings.items():
        if isinstance(rating, bool) or not isinstance(rating, int | float):
            continue
        canonical = canonicalize_skills([name])
        if canonical:
            result[canonical[0]] = min(5, max(1, round(rating)))
    return result


def _weight_after_rating(current: float | None, rating: int) -> float | None:
    if rating >= STRENGTH_MIN_RATING:
        return STRENGTH_WEIGHT
    if rating <= WEAKNESS_MAX_RATING:
        # Only lowers a skill the person already has: a weak skill is not a wish.
        return None if current is None else min(current, WEAKNESS_WEIGHT)
    return current if current is not None else AVERAGE_WEIGHT


def _without(names: Iterable[str], excluded_keys: set[str]) -> list[str]:
    return [name for name in names if skill_key(name) not in excluded_keys]


def apply_assessment(
    prefs: UserPreferences, ratings: Mapping[str, int], dislikes: Iterable[str] = ()
) -> AssessmentOutcome:
    """Folds a 1–5 self-rating per skill into the preferences.

    * rating ≥ 4: a strength — weight 1.0 and listed in ``preferred_skills``;
    * rating ≤ 2: a weakness — its weight drops to 0.3 (never removed: the person may
      still want such jobs);
    * rating 3: kept as is (added at 0.6 if new);
    * ``dislikes`` (skills the person explicitly does not want to use): removed from the
      skills and put in ``avoided_skills``. Weakness alone never makes a skill avoided.
    """
    rated = _ratings_by_skill(ratings)
    avoided = canonicalize_skills(dislikes)
    avoided_keys = {skill_key(name) for name in avoided}
    by_key = {skill_key(name): name for name in prefs.skills}
    skills = dict(prefs.skills)
    for skill, rating in rated.items():
        stored = by_key.get(skill_key(skill), skill)
        weight = _weight_after_rating(skills.get(stored), rating)
        if weight is not None:
            skills[stored] = weight
    strengths = [skill for skill, rating in rated.items() if rating >= STRENGTH_MIN_RATING]
    weaknesses = [skill for skill, rating in rated.items() if rating <= WEAKNESS_MAX_RATING]
    weak_keys = {skill_key(name) for name in weaknesses} | avoided_keys
    preferred = canonicalize_skills([*_without(prefs.preferred_skills, weak_keys), *strengths])
    updated = prefs.model_copy(
        update={
            "skills": {k: v for k, v in skills.items() if skill_key(k) not in avoided_keys},
            "preferred_skills": _without(preferred, avoided_keys),
            "avoided_skills": canonicalize_skills([*prefs.avoided_skills, *avoided]),
        },
        deep=True,
    )
    return AssessmentOutcome(updated, strengths, weaknesses, avoided)


# ============================================================================ service


class AreaSource(Protocol):
    async def get_areas(self) -> list[AreaNode]: ...


class UserMappingService:
    """The bot's entry point to mapping: pure functions plus the cached /areas lookup."""

    parse_salary = staticmethod(parse_salary)
    format_salary = staticmethod(format_salary)
    parse_skills_text = staticmethod(parse_skills_text)
    suggest_job_titles = staticmethod(suggest_job_titles)
    build_preferences = staticmethod(build_preferences)
    apply_assessment = staticmethod(apply_assessment)
    normalize_job_title = staticmethod(normalize_job_title)

    def __init__(self, hh_client: AreaSource) -> None:
        self._hh = hh_client
        self._resolver: AreaResolver | None = None
        self._lock = asyncio.Lock()

    async def area_resolver(self) -> AreaResolver:
        """Built once from /areas; concurrent first callers share one load."""
        if self._resolver is None:
            async with self._lock:
                if self._resolver is None:
                    self._resolver = AreaResolver(await self._hh.get_areas())
        return self._resolver

    def reset(self) -> None:
        """Forget the cached areas (HH says area ids may change)."""
        self._resolver = None

    async def resolve_city(self, text: str) -> CityMatch:
        resolver = await self.area_resolver()
        return resolver.resolve(text)
