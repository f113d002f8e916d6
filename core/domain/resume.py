"""A resume's text → what it says about the job seeker (:class:`ResumeFindings`).

Pure and total: any text gives findings (possibly empty). Russian, English and Kazakh
(also mixed in one resume) labels and phrasings are read: «Желаемая должность: …»,
«Location: Almaty», «Қала: Алматы», «Опыт работы — 5 лет 3 месяца», «5+ years of
experience», «Жұмыс тәжірибесі 4 жыл», job periods («03.2019 — по настоящее время»),
«Желаемая зарплата: от 400 000 ₸», «English — B2».

The city is returned as the phrases the resume names it by: resolving them needs HH's
areas (core.services.resume does it). Nothing here decides; the person confirms every
field in the onboarding summary.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from core.domain.job_titles import chosen_job_title
from core.domain.onboarding import OnboardingAnswers
from core.domain.preferences import SalaryExpectation
from core.domain.roles import ROLES_BY_KEY, role_of_text
from core.domain.salary import MAX_SALARY_TEXT, parse_salary
from core.domain.skills import CATEGORIES, category_of, find_skills_ordered
from core.domain.skills_text import MAX_SKILLS, parse_skills_text

MAX_RESUME_TEXT = 200_000  # characters read: a 3-page resume is ~10 000
MAX_TITLES = 5
MAX_YEARS = 60
MAX_LABEL_WORDS = 5  # «Желаемая должность и зарплата»: a label is a few words
HEADER_LINES = 8  # a title with no label is looked for near the name, at the top
SALARY_LOOKAHEAD = 6  # HH's export puts the amount a few lines under its header

# Labels and section headers, normalised (lower case, ё → е), by what follows them.
_TITLE_LABELS = frozenset(
    {
        "желаемая должность",
        "желаемая должность и зарплата",
        "должность",
        "позиция",
        "целевая должность",
        "position",
        "desired position",
        "title",
        "job title",
        "target role",
        "target position",
        "objective",
        "role",
        "лауазым",
        "қалаған лауазым",
        "лауазымы",
    }
)
_CITY_LABELS = frozenset(
    {
        "город",
        "город проживания",
        "место проживания",
        "проживает",
        "проживание",
        "адрес",
        "местоположение",
        "city",
        "location",
        "based in",
        "address",
        "residence",
        "қала",
        "тұратын жері",
        "тұрғылықты жері",
        "мекенжай",
    }
)
_SALARY_LABELS = frozenset(
    {
        "желаемая зарплата",
        "зарплата",
        "ожидаемая зарплата",
        "зарплатные ожидания",
        "ожидания по зарплате",
        "желаемый доход",
        "salary",
        "expected salary",
        "desired salary",
        "salary expectations",
        "salary expectation",
        "жалақы",
        "күтілетін жалақы",
        "қалаған жалақы",
    }
)
_EXPERIENCE_SECTIONS = frozenset(
    {
        "опыт работы",
        "опыт",
        "трудовая деятельность",
        "experience",
        "work experience",
        "professional experience",
        "employment history",
        "work history",
        "жұмыс тәжірибесі",
        "тәжірибе",
        "еңбек жолы",
    }
)
_SKILL_SECTIONS = frozenset(
    {
        "навыки",
        "ключевые навыки",
        "профессиональные навыки",
        "skills",
        "key skills",
        "technical skills",
        "core skills",
        "дағдылар",
        "негізгі дағдылар",
    }
)
_LANGUAGE_SECTIONS = frozenset(
    {
        "языки",
        "знание языков",
        "владение языками",
        "languages",
        "language skills",
        "тілдер",
        "тілдерді білу",
    }
)
_OTHER_SECTIONS = frozenset(
    {
        "образование",
        "education",
        "білім",
        "курсы",
        "courses",
        "сертификаты",
        "certificates",
        "certifications",
        "обо мне",
        "о себе",
        "about",
        "about me",
        "summary",
        "өзім туралы",
        "дополнительная информация",
        "additional information",
        "projects",
        "проекты",
        "контакты",
        "contacts",
        "рекомендации",
        "references",
        "повышение квалификации",
    }
)
_SECTIONS = _EXPERIENCE_SECTIONS | _SKILL_SECTIONS | _LANGUAGE_SECTIONS | _OTHER_SECTIONS

# «Label: value», «Label — value»; a dash needs spaces around it («Python-разработчик»).
_LABELLED = re.compile(r"^\s*(?P<label>[^:—–]{2,60}?)\s*(?::|\s[—–-]\s)\s*(?P<value>.*)$")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")

# Experience stated in years. Each pattern's first group is the years, an optional
# second one the months.
_YEARS_STATED: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern)
    for pattern in (
        r"опыт работы\s*[:—–-]?\s*(\d{1,2})\s*(?:лет|год|года)(?:\s*(\d{1,2})\s*месяц)?",
        r"опыт\s*[:—–-]?\s*(\d{1,2})\+?\s*(?:лет|год|года)",
        r"(\d{1,2})\+?\s*(?:лет|год|года)\s+(?:\w+\s+)?опыта",
        r"(\d{1,2}(?:[.,]\d)?)\+?\s*(?:years?|yrs?)(?:\s+of)?(?:\s+\w+){0,3}?\s+experience",
        r"experience\s*[:—–-]?\s*(\d{1,2}(?:[.,]\d)?)\+?\s*(?:years?|yrs?)",
        r"(\d{1,2})\s*жыл(?:дық)?\s+(?:жұмыс\s+)?тәжірибе",
        r"тәжірибе(?:сі)?\s*[:—–-]?\s*(\d{1,2})\s*жыл(?:\s*(\d{1,2})\s*ай)?",
    )
)

# Job periods: «03.2019 — 06.2021», «Январь 2019 — по настоящее время», «Jan 2019 - Present»,
# «2017–2019», «Қыркүйек 2020 — қазіргі уақытқа дейін».
_MONTHS: dict[str, int] = {
    **{
        name: number
        for number, names in enumerate(
            (
                ("янв", "jan", "қаң"),
                ("фев", "feb", "ақп"),
                ("мар", "mar", "нау"),
                ("апр", "apr", "сәу"),
                ("май", "мая", "may", "мам"),
                ("июн", "jun", "мау"),
                ("июл", "jul", "шіл"),
                ("авг", "aug", "там"),
                ("сен", "sep", "қыр"),
                ("окт", "oct", "қаз"),
                ("ноя", "nov", "қар"),
                ("дек", "dec", "жел"),
            ),
            start=1,
        )
        for name in names
    },
}
_LETTERS = r"A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі"
_DATE = (
    r"(?:(?P<mon{n}>[{letters}]{{3,12}})\.?\s+|(?P<num{n}>\d{{1,2}})[./])?"
    r"(?P<year{n}>(?:19|20)\d{{2}})"
)
_PRESENT = (
    r"(?P<present>present|now|current|today|по настоящее время|настоящее время|"
    r"по н\.?\s?в\.?|н\.?\s?в\.?|сейчас|по сей день|қазіргі уақытқа дейін|қазіргі уақыт|қазір)"
)
_PERIOD = re.compile(
    _DATE.format(n=1, letters=_LETTERS)
    + r"\s*(?:г\.?|года?)?\s*(?:[-–—]|по|to|until|till)\s*(?:по\s+)?(?:"
    + _DATE.format(n=2, letters=_LETTERS)
    + "|"
    + _PRESENT
    + ")",
    re.IGNORECASE,
)

# Languages: names by the stem every inflection starts with, and the level words.
_LANGUAGE_STEMS: dict[str, tuple[str, ...]] = {
    "english": ("english", "английск", "ағылшын"),
    "russian": ("russian", "русск", "орыс"),
    "kazakh": ("kazakh", "казахск", "қазақ"),
    "german": ("german", "немецк", "неміс"),
    "french": ("french", "французск", "француз"),
    "chinese": ("chinese", "китайск", "қытай"),
    "turkish": ("turkish", "турецк", "түрік"),
    "spanish": ("spanish", "испанск"),
}
_WORD = re.compile(rf"[{_LETTERS}]+")
_CEFR = re.compile(r"\b([ABC][12])\b")
_LEVEL_WORDS: dict[str, str] = {
    "native": "native",
    "родной": "native",
    "родном": "native",
    "носитель": "native",
    "ана тілі": "native",
    "fluent": "fluent",
    "свободно": "fluent",
    "свободный": "fluent",
    "свободное": "fluent",
    "еркін": "fluent",
    "advanced": "C1",
    "продвинутый": "C1",
    "upper-intermediate": "B2",
    "upper intermediate": "B2",
    "выше среднего": "B2",
    "intermediate": "B1",
    "средний": "B1",
    "разговорный": "B1",
    "pre-intermediate": "A2",
    "elementary": "A2",
    "базовый": "A2",
    "beginner": "A1",
    "начальный": "A1",
}
_LEVEL = re.compile(
    "|".join(re.escape(word) for word in sorted(_LEVEL_WORDS, key=len, reverse=True))
)
# A line that is only an amount with a currency: «500 000 ₸ на руки», «от 400 000 тенге».
_SALARY_LINE = re.compile(
    r"^(?:от|from|до|up to)?\s*\d[\d\s.,]*\s*(?:к|k|тыс\.?|млн)?\s*"
    r"(?:₸|тенге|тг|kzt|\$|usd|руб\.?|₽|rub|€|eur)"
    r"(?:\s+на руки|\s+net|\s+gross|\s+до вычета налогов)?$"
)
_NET_WORDS = re.compile(r"\s+(?:на руки|net|gross|до вычета налогов)$")


@dataclass(frozen=True, slots=True)
class LanguageSkill:
    """A language the resume says the person speaks: a key of the catalogue above and
    the level as CEFR (A1…C2), "native", "fluent", or None when not said."""

    language: str
    level: str | None = None


@dataclass(frozen=True, slots=True)
class ResumeFindings:
    skills: tuple[str, ...] = ()  # canonical catalogue names, skills section first
    job_titles: tuple[str, ...] = ()  # as chosen_job_title stores them
    experience_years: float | None = None
    city_phrases: tuple[str, ...] = ()  # what a city label («Город:», «Location:») says
    header_phrases: tuple[str, ...] = ()  # short pieces of the top lines: a city by name
    salary: SalaryExpectation | None = None
    languages: tuple[LanguageSkill, ...] = ()

    @property
    def experience(self) -> str | None:
        """The HH experience id the years fall into."""
        return experience_option(self.experience_years)


def experience_option(years: float | None) -> str | None:
    """Years of experience → HH's dictionary id (its brackets: <1, 1–3, 3–6, 6+)."""
    if years is None:
        return None
    if years < 1:
        return "noExperience"
    if years < 3:
        return "between1And3"
    if years <= 6:
        return "between3And6"
    return "moreThan6"


# ----------------------------------------------------------------------------- lines


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    return _SPACES.sub(" ", text).strip(" \t:.-—–•*·|")


def _lines(text: str) -> list[str]:
    cleaned = unicodedata.normalize("NFKC", text[:MAX_RESUME_TEXT]).replace("\r", "\n")
    return [_SPACES.sub(" ", line).strip() for line in cleaned.split("\n")]


def _label(line: str) -> tuple[str, str] | None:
    """(normalised label, value) of «Label: value», or (label, "") of a bare header."""
    bare = _norm(line)
    if bare in _SECTIONS or bare in _TITLE_LABELS | _CITY_LABELS | _SALARY_LABELS:
        return bare, ""
    match = _LABELLED.match(line)
    if match is None:
        return None
    label = _norm(match["label"])
    if len(label.split()) > MAX_LABEL_WORDS:
        return None
    return label, match["value"].strip()


def _following(lines: Sequence[str], index: int, limit: int) -> list[str]:
    """The next ``limit`` non-empty lines after ``index``."""
    return [line for line in lines[index + 1 :] if line][:limit]


def _labelled_values(lines: Sequence[str], labels: frozenset[str]) -> list[str]:
    """The values given under ``labels``: after the label, or on the next line."""
    values: list[str] = []
    for index, line in enumerate(lines):
        labelled = _label(line)
        if labelled is None or labelled[0] not in labels:
            continue
        value = labelled[1] or next(iter(_following(lines, index, 1)), "")
        if value and _label(value) is None:
            values.append(value)
    return values


def _sections(lines: Sequence[str]) -> dict[str, list[str]]:
    """Lines under each section header ("experience", "skills", "languages"); a header
    with a value («Опыт работы — 5 лет», «Навыки: Python, SQL») opens its section too."""
    sections: dict[str, list[str]] = {"experience": [], "skills": [], "languages": []}
    current: str | None = None
    for line in lines:
        labelled = _label(line)
        if labelled is not None and labelled[0] in _SECTIONS:
            current = _section_kind(labelled[0])
            if current is not None and labelled[1]:
                sections[current].append(labelled[1])
            continue
        if current is not None and line:
            sections[current].append(line)
    return sections


def _section_kind(header: str) -> str | None:
    if header in _EXPERIENCE_SECTIONS:
        return "experience"
    if header in _SKILL_SECTIONS:
        return "skills"
    if header in _LANGUAGE_SECTIONS:
        return "languages"
    return None


# ----------------------------------------------------------------------------- fields


def _skills(text: str, skill_lines: Sequence[str]) -> tuple[str, ...]:
    listed = [skill for skill in parse_skills_text("\n".join(skill_lines)) if category_of(skill)]
    mentioned = find_skills_ordered(text)
    return tuple(dict.fromkeys([*listed, *mentioned]))[:MAX_SKILLS]


def _title_from(text: str) -> str | None:
    """A catalogue role the text names, by its stored name; a labelled free title as is."""
    role = role_of_text(text)
    return ROLES_BY_KEY[role].name_en if role is not None else None


def _job_titles(lines: Sequence[str]) -> tuple[str, ...]:
    titles: list[str] = []
    for value in _labelled_values(lines, _TITLE_LABELS):
        for part in re.split(r"[,;/|]| или | or ", value):
            title = chosen_job_title(part) if part.strip() else None
            if title and not _SALARY_LINE.match(_norm(part)):
                titles.append(title)
    if not titles:  # no label: a line near the top that names a catalogue role
        header = [line for line in lines if line][:HEADER_LINES]
        titles = [title for line in header if len(line) <= 80 and (title := _title_from(line))]
    return tuple(dict.fromkeys(titles))[:MAX_TITLES]


def _stated_years(text: str) -> float | None:
    lowered = _norm(text.replace("\n", " "))
    for pattern in _YEARS_STATED:
        match = pattern.search(lowered)
        if match is None:
            continue
        years = float(match[1].replace(",", "."))
        months = match.groups()[1] if len(match.groups()) > 1 else None
        if months:
            years += int(months) / 12
        if 0 <= years <= MAX_YEARS:
            return years
    return None


def _month(name: str | None, number: str | None, default: int) -> int:
    """The month of a period's end: by number or name; a bare year starts in January and
    ends in December («2017–2019» is three years)."""
    if number is not None and 1 <= int(number) <= 12:
        return int(number)
    if name:
        return _MONTHS.get(name.casefold()[:3], default)
    return default


def _periods(lines: Iterable[str], today: date) -> list[tuple[float, float]]:
    """Job periods as (start, end) in fractional years."""
    periods: list[tuple[float, float]] = []
    now = today.year + (today.month - 1) / 12
    for match in _PERIOD.finditer("\n".join(lines)):
        start = int(match["year1"]) + (_month(match["mon1"], match["num1"], 1) - 1) / 12
        if match["present"]:
            end = now + 1 / 12
        else:
            end = int(match["year2"]) + _month(match["mon2"], match["num2"], 12) / 12
        if start < end <= now + 1 / 12 and end - start <= MAX_YEARS:
            periods.append((start, end))
    return periods


def _covered_years(periods: list[tuple[float, float]]) -> float | None:
    """Total length of the periods, overlaps counted once (two jobs at a time)."""
    if not periods:
        return None
    total, current_start, current_end = 0.0, *sorted(periods)[0]
    for start, end in sorted(periods)[1:]:
        if start > current_end:
            total += current_end - current_start
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    return round(total + current_end - current_start, 1)


def _experience_years(text: str, experience_lines: Sequence[str], today: date) -> float | None:
    stated = _stated_years(text)
    if stated is not None:
        return stated
    # Periods under "Experience"; with no such section, every period (education too,
    # rarely written as a range there).
    return _covered_years(_periods(experience_lines, today)) or _covered_years(
        _periods([text], today) if not experience_lines else []
    )


def _city_phrases(lines: Sequence[str]) -> tuple[str, ...]:
    phrases: list[str] = []
    for value in _labelled_values(lines, _CITY_LABELS):
        phrases.extend(part.strip() for part in re.split(r"[,;/(|]", value) if part.strip())
    return tuple(dict.fromkeys(phrase[:100] for phrase in phrases))


def _header_phrases(lines: Sequence[str]) -> tuple[str, ...]:
    """Pieces of the top lines that could be a city's name («Алматы, +7 701 …»): short,
    no digits, no label. Only an exact city name counts for them (core.services.resume)."""
    header = [line for line in lines if line][:HEADER_LINES]
    pieces = (part.strip() for line in header for part in re.split(r"[,;/(|·•]", line))
    return tuple(
        dict.fromkeys(
            piece
            for piece in pieces
            if piece
            and len(piece.split()) <= 3
            and ":" not in piece
            and not any(ch.isdigit() for ch in piece)
        )
    )


def _salary_from(value: str) -> SalaryExpectation | None:
    value = _NET_WORDS.sub("", _norm(value))
    if not value or len(value) > MAX_SALARY_TEXT:
        return None
    return parse_salary(value).expectation


def _salary(lines: Sequence[str]) -> SalaryExpectation | None:
    """The amount after a salary label (or on the next line), or an amount-with-currency
    line under the desired-position header (HH's export: «Желаемая должность и зарплата»)."""
    for index, line in enumerate(lines):
        labelled = _label(line)
        if labelled is None:
            continue
        label, value = labelled
        if label in _SALARY_LABELS:
            candidates = [value] if value else _following(lines, index, 1)
        elif label in _TITLE_LABELS:
            candidates = [
                line
                for line in _following(lines, index, SALARY_LOOKAHEAD)
                if _SALARY_LINE.match(_norm(line))
            ]
        else:
            continue
        for candidate in candidates:
            found = _salary_from(candidate)
            if found is not None:
                return found
    return None


def _language_of(word: str) -> str | None:
    lowered = word.casefold()
    if "stan" in lowered or "стан" in lowered:  # Kazakhstan, Қазақстан: a country
        return None
    for language, stems in _LANGUAGE_STEMS.items():
        if any(lowered.startswith(stem) for stem in stems):
            return language
    return None


def _level(line: str) -> str | None:
    cefr = _CEFR.search(line)
    if cefr is not None:
        return cefr[1]
    word = _LEVEL.search(line.casefold())
    return _LEVEL_WORDS[word[0]] if word is not None else None


def _languages(lines: Sequence[str], language_lines: Sequence[str]) -> tuple[LanguageSkill, ...]:
    """Languages of the languages section; elsewhere only a language named with a level
    («English — B2»), so «Russian Railways» or «казахский рынок» is not read as one."""
    found: dict[str, str | None] = {}
    in_section = set(language_lines)
    for line in [*language_lines, *lines]:
        level = _level(line)
        if line not in in_section and level is None:
            continue
        for part in re.split(r"[,;]", line):
            for word in _WORD.findall(part):
                language = _language_of(word)
                if language is not None and found.get(language) is None:
                    found[language] = _level(part) or (level if part == line else None)
    return tuple(LanguageSkill(language, level) for language, level in found.items())


# ----------------------------------------------------------------------------- entry points


def parse_resume(text: str, today: date) -> ResumeFindings:
    """What a resume's text says; ``today`` ends a job «по настоящее время»."""
    if not isinstance(text, str) or not text.strip():
        return ResumeFindings()
    text = text[:MAX_RESUME_TEXT]
    lines = _lines(text)
    sections = _sections(lines)
    return ResumeFindings(
        skills=_skills(text, sections["skills"]),
        job_titles=_job_titles(lines),
        experience_years=_experience_years(text, sections["experience"], today),
        city_phrases=_city_phrases(lines),
        header_phrases=_header_phrases(lines),
        salary=_salary(lines),
        languages=_languages(lines, sections["languages"]),
    )


def answers_from_findings(findings: ResumeFindings, area_id: str | None) -> OnboardingAnswers:
    """The onboarding draft the findings pre-fill (the person confirms or edits it).

    Fields come from the skills; job titles stay unset (None) when the resume names none,
    so the summary suggests them from the skills as after a typed onboarding."""
    fields = [key for key in dict.fromkeys(map(category_of, findings.skills)) if key]
    return OnboardingAnswers(
        categories=[key for key in CATEGORIES if key in fields],
        skills=list(findings.skills),
        experience=findings.experience,
        area_ids=[area_id] if area_id else [],
        salary=findings.salary,
        job_titles=list(findings.job_titles) or None,
    )
