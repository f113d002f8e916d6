"""Does a vacancy fit a job seeker? The relevance benchmark's judge, kept apart from core/.

It imports nothing from the product (tests/unit/test_relevance_grader.py checks), so a
change to the ranking can never move the yardstick it is measured with. A vacancy (HH
JSON, as GET /vacancies/{id} returns it) fits when all four hold:

- role: a role phrase of the archetype is in the title, or the vacancy's HH professional
  role id is one of the archetype's; and no exclusion word of the archetype is in the
  title (a «Программист 1С» is not an accountant, a Java developer is not a Python one);
- location: the vacancy is in the person's city and can be worked there (a fully remote
  one does not fit a person who chose on-site / hybrid only), or it is remote and they
  accept remote;
- salary: when both the vacancy's pay and the person's floor are known, the best pay it
  offers, for a month's work (pay per hour or shift times a month of them), is not
  clearly (more than SALARY_TOLERANCE) below the floor;
- experience: the experience asked is not above what the person has.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# HH experience ids, least first.
EXPERIENCE_ORDER: tuple[str, ...] = ("noExperience", "between1And3", "between3And6", "moreThan6")
SALARY_TOLERANCE = 0.10  # "clearly below": more than 10 % under the floor
CRITERIA: tuple[str, ...] = ("role", "location", "salary", "experience")

_TOKEN = re.compile(r"[0-9a-zа-я#+.]+")


def _tokens(text: str) -> tuple[str, ...]:
    folded = text.casefold().replace("ё", "е").replace("1c", "1с")  # Latin c → Cyrillic с
    return tuple(token.strip(".") for token in _TOKEN.findall(folded) if token.strip("."))


def _has_phrase(tokens: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    """Every word of the phrase starts some title word («бухгалтер» ⊂ «бухгалтера»)."""
    return bool(phrase) and all(any(t.startswith(word) for t in tokens) for word in phrase)


@dataclass(frozen=True, slots=True)
class Role:
    """What an archetype's job is called: phrases (each word a title-word prefix), HH
    professional role ids, and words that rule a title out whatever else it says."""

    key: str
    phrases: tuple[str, ...]
    role_ids: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def matches(self, title: str, role_ids: set[str]) -> bool:
        tokens = _tokens(title)
        if any(_has_phrase(tokens, _tokens(word)) for word in self.exclude):
            return False
        if any(_has_phrase(tokens, _tokens(phrase)) for phrase in self.phrases):
            return True
        return bool(role_ids & set(self.role_ids))


@dataclass(frozen=True, slots=True)
class Seeker:
    """The truth about a simulated person, as the grader needs it."""

    role: Role
    area_id: str | None  # None: anywhere
    remote_ok: bool
    experience: str | None  # HH id of the experience they have; None: not said
    floor: float | None = None  # monthly minimum in ``currency``
    currency: str = "KZT"


@dataclass(frozen=True, slots=True)
class Verdict:
    failed: tuple[str, ...]  # criteria from CRITERIA that failed, in that order

    @property
    def fits(self) -> bool:
        return not self.failed


def _role_ids(vacancy: Mapping[str, Any]) -> set[str]:
    return {str(role.get("id")) for role in vacancy.get("professional_roles") or []}


def is_remote(vacancy: Mapping[str, Any]) -> bool:
    formats = {str(item.get("id", "")).upper() for item in vacancy.get("work_format") or []}
    schedule = str((vacancy.get("schedule") or {}).get("id", ""))
    return "REMOTE" in formats or schedule == "remote"


def _formats(vacancy: Mapping[str, Any]) -> set[str]:
    formats = {str(item.get("id", "")).upper() for item in vacancy.get("work_format") or []}
    if str((vacancy.get("schedule") or {}).get("id", "")) == "remote":
        formats.add("REMOTE")
    return formats


def _worked_in_place(vacancy: Mapping[str, Any]) -> bool:
    """Can it be worked at the employer's place (on-site, hybrid, field work, shifts)?
    A vacancy naming no format is an on-site one, as HH's older postings are."""
    return not _formats(vacancy) or bool(_formats(vacancy) - {"REMOTE"})


def _location_ok(vacancy: Mapping[str, Any], seeker: Seeker) -> bool:
    if seeker.remote_ok and is_remote(vacancy):
        return True
    if not seeker.remote_ok and not _worked_in_place(vacancy):
        return False  # fully remote: not what a person choosing on-site / hybrid asked for
    if seeker.area_id is None:
        return True
    return str((vacancy.get("area") or {}).get("id", "")) == seeker.area_id


# A month of work in each of HH's pay modes (salary_range.mode): a full-time month is
# about 168 hours, or 15 shifts on a 2/2 schedule; a вахта is paid for about a month.
# Per service there is no month to compare: never "clearly below".
MONTH_IN_MODE: dict[str, float | None] = {
    "MONTH": 1.0,
    "HOUR": 168.0,
    "SHIFT": 15.0,
    "FLY_IN_FLY_OUT": 1.0,
    "SERVICE": None,
}


def _best_pay(vacancy: Mapping[str, Any]) -> tuple[float, str] | None:
    """The best monthly pay the vacancy offers, and its currency; None when unknown."""
    pay = vacancy.get("salary_range") or vacancy.get("salary") or {}
    best = pay.get("to") or pay.get("from")
    currency = pay.get("currency")
    mode = str((pay.get("mode") or {}).get("id") or "MONTH")
    months = MONTH_IN_MODE.get(mode, 1.0)
    if not best or not currency or months is None:
        return None
    return float(best) * months, str(currency)


def _salary_ok(vacancy: Mapping[str, Any], seeker: Seeker, rates: Mapping[str, float]) -> bool:
    """Rates are HH's: units of a currency per RUR (the /dictionaries ``rate``)."""
    pay = _best_pay(vacancy)
    if seeker.floor is None or pay is None:
        return True
    amount, currency = pay
    if currency not in rates or seeker.currency not in rates:
        return True  # cannot compare: not *clearly* below
    in_floor_currency = amount / rates[currency] * rates[seeker.currency]
    return in_floor_currency >= seeker.floor * (1 - SALARY_TOLERANCE)


def _experience_ok(vacancy: Mapping[str, Any], seeker: Seeker) -> bool:
    asked = str((vacancy.get("experience") or {}).get("id", ""))
    if seeker.experience not in EXPERIENCE_ORDER or asked not in EXPERIENCE_ORDER:
        return True
    return EXPERIENCE_ORDER.index(asked) <= EXPERIENCE_ORDER.index(seeker.experience)


def grade(vacancy: Mapping[str, Any], seeker: Seeker, rates: Mapping[str, float]) -> Verdict:
    checks = {
        "role": seeker.role.matches(str(vacancy.get("name", "")), _role_ids(vacancy)),
        "location": _location_ok(vacancy, seeker),
        "salary": _salary_ok(vacancy, seeker, rates),
        "experience": _experience_ok(vacancy, seeker),
    }
    return Verdict(tuple(name for name in CRITERIA if not checks[name]))


# ------------------------------------------------------------------------------ roles

_NOT_A_DEVELOPER = (
    "аналитик",
    "analyst",
    "scientist",
    "тестировщик",
    "qa",
    "devops",
    "преподаватель",
    "teacher",
    "ментор",
    "mentor",
)

ROLES: dict[str, Role] = {
    role.key: role
    for role in (
        # A title naming Python for another job (an analyst, a tester, a data scientist,
        # DevOps, a teacher of it) is not a Python developer's vacancy.
        Role("python", ("python", "питон", "пайтон"), exclude=_NOT_A_DEVELOPER),
        Role("java", ("java",), exclude=("javascript", "android", "kotlin", *_NOT_A_DEVELOPER)),
        Role(
            "frontend",
            ("frontend", "фронтенд", "front end", "react", "vue", "angular", "верстальщик"),
            exclude=("react native", *_NOT_A_DEVELOPER),
        ),
        Role(
            "onec",
            ("программист 1с", "разработчик 1с", "1с developer", "1с программист"),
            exclude=("бухгалтер",),
        ),
        Role(
            "qa",
            ("qa", "тестировщик", "тестирован", "tester", "test engineer"),
            exclude=("врач", "лаборант"),
        ),
        Role("devops", ("devops", "девопс", "sre", "site reliability")),
        Role(
            "data_analyst",
            (
                "аналитик данных",
                "data analyst",
                "bi аналитик",
                "bi analyst",
                "аналитик bi",
                "bi-аналитик",
            ),
            exclude=("финансов", "бизнес", "системн", "scientist"),
        ),
        Role(
            "accountant",
            ("бухгалтер", "accountant"),
            role_ids=("18",),
            exclude=(
                "главный",
                "chief",
                "программист",
                "разработчик",
                "аудитор",
                "финансовый",
                "аналитик",
            ),
        ),
        Role("chief_accountant", ("главный бухгалтер", "chief accountant", "главбух")),
        Role(
            "financial_analyst",
            ("финансовый аналитик", "financial analyst", "экономист", "аналитик финанс"),
            role_ids=("134",),
        ),
        Role(
            "hr",
            ("hr", "персонал", "рекрутер", "recruiter", "кадр", "talent"),
            role_ids=("69",),
            exclude=("продаж",),
        ),
        Role(
            "sales",
            (
                "менеджер по продажам",
                "sales manager",
                "торговый представитель",
                "менеджер по работе с клиентами",
                "продаж",
            ),
            role_ids=("70",),
            exclude=("руководитель", "директор", "head", "оператор"),
        ),
        Role(
            "marketing",
            ("маркетолог", "маркетинг", "marketing", "smm", "seo", "таргетолог", "контекстн"),
            role_ids=("68",),
            exclude=("копирайтер",),
        ),
        Role("designer", ("дизайнер", "designer"), role_ids=("34",)),
        Role("driver", ("водитель", "driver"), role_ids=("21",)),
        # A storekeeper's job is the warehouse's stock; a logistician or a loader is another.
        Role(
            "warehouse",
            ("кладовщик", "склад", "warehouse", "storekeeper"),
            role_ids=("52",),
            exclude=("грузчик", "разнорабоч", "логист", "водитель"),
        ),
        Role(
            "nurse",
            ("медсестра", "медицинская сестра", "медбрат", "медицинский брат", "nurse"),
            role_ids=("64",),
        ),
        Role("doctor", ("врач", "doctor", "терапевт", "стоматолог", "педиатр"), role_ids=("24",)),
        # A therapist asked for a therapist's job: a dentist's or a paediatrician's is not.
        Role(
            "therapist",
            ("терапевт", "врач общей практики", "general practitioner", "therapist"),
            exclude=("физиотерапевт", "стоматолог"),
        ),
        Role("teacher", ("учитель", "преподаватель", "педагог", "teacher", "tutor")),
        # A teacher of one subject: the title names that subject.
        Role(
            "math_teacher",
            (
                "учитель математ",
                "преподаватель математ",
                "репетитор математ",
                "педагог математ",
                "math teacher",
                "mathematics teacher",
            ),
        ),
        # Roles of the held-out personas (bench/heldout.py).
        Role(
            "logistics",
            ("логист", "менеджер по логистике", "logistics", "logistician"),
            role_ids=("67",),
            exclude=("водитель", "кладовщик", "вэд"),
        ),
        Role(
            "data_engineer",
            (
                "data engineer",
                "инженер данных",
                "дата инженер",
                "etl developer",
                "etl разработчик",
                "big data engineer",
            ),
        ),
        Role("pharmacist", ("фармацевт", "провизор", "pharmacist"), role_ids=("133",)),
        Role(
            "go",
            ("go разработчик", "go developer", "golang", "go engineer", "go программист"),
            exclude=_NOT_A_DEVELOPER,
        ),
        Role(
            "sales_rep",
            (
                "торговый представитель",
                "торговый агент",
                "sales representative",
                "medical representative",
                "медицинский представитель",
            ),
            role_ids=("129",),
        ),
        Role(
            "english_teacher",
            (
                "учитель англ",
                "преподаватель англ",
                "репетитор англ",
                "педагог англ",
                "english teacher",
                "teacher of english",
            ),
        ),
        Role("cook", ("повар", "cook", "chef", "шеф", "су шеф"), exclude=("кондитер", "пекарь")),
        Role("lawyer", ("юрист", "юрисконсульт", "lawyer", "legal counsel", "адвокат")),
        Role(
            "construction",
            (
                "инженер строител",
                "инженер-строител",
                "инженер пто",
                "инженер технадзор",
                "прораб",
                "construction engineer",
                "civil engineer",
                "инженер по строительству",
            ),
        ),
    )
}
