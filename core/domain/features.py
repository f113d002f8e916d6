"""What the ranking needs to know about one vacancy, extracted once and cached.

Scoring runs for every (user, vacancy) pair, so everything that costs text processing
(HTML stripping, tokenising, stemming, skill lookup) happens here, once per vacancy; the
scorer then only intersects sets. The recommender caches ``VacancyFeatures`` by vacancy id.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from itertools import chain
from operator import itemgetter

from core.domain import skills
from core.domain.hh_schemas import Vacancy
from core.domain.pay import MONTH, pay_mode
from core.domain.roles import roles_in_title
from core.domain.text import chunk_tokens, split_chunks, stem

_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")
# Details text (html_to_text): block tags become line breaks, list items bullets.
_PARAGRAPH_END = re.compile(r"</(?:p|h[1-6])\s*>", re.IGNORECASE)
_LINE_BREAK = re.compile(
    r"<br\s*/?>|</?(?:p|div|ul|ol|h[1-6]|table|tr)(?:\s[^>]*)?>", re.IGNORECASE
)
_LIST_ITEM = re.compile(r"<li(?:\s[^>]*)?>", re.IGNORECASE)
_LIST_ITEM_END = re.compile(r"</li\s*>", re.IGNORECASE)
_INLINE_TAG = re.compile(
    r"</?(?:strong|b|em|i|u|s|span|a|highlighttext|sup|sub|code)(?:\s[^>]*)?>", re.IGNORECASE
)
_INLINE_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_BLANK_BEFORE_BULLET = re.compile(r"\n\n+(?=• )")
BULLET = "• "

# Catalogue skill -> the fields (onboarding categories) that list it: Python is both
# programming and data analysis, SQL both programming and data analysis.
SKILL_FIELDS: dict[str, frozenset[str]] = {}
for _category in skills.CATEGORIES.values():
    for _skill in _category.skills:
        SKILL_FIELDS[_skill] = SKILL_FIELDS.get(_skill, frozenset()) | {_category.key}
# Office tools every field asks for (1С is the accounting, warehouse and sales system of the
# region, not only a programming language): they say nothing about a vacancy's field.
FIELD_NEUTRAL_SKILLS: frozenset[str] = frozenset({"Excel", "1C"})

# Words that carry no meaning for "what is this job about". Kept short on purpose: the
# keyword learner weighs terms against the user's whole history, so frequent but harmless
# words cancel out anyway; this list only removes the obvious noise before stemming.
_STOP_WORDS_TEXT = """
    а без более бы был была были было быть в вам вас весь во вот все всего всех вы где да
    для до его ее её если есть еще ещё же за и из или им их к как ко когда кто ли либо мы на
    над наш наша наше наши не нет но ну о об от по под при про с со так также такой там те
    то того тоже той только том ты у уже чем что чтобы эта эти это этот я мы вы ваш ваша
    ваши свой своих наших нам нас нами работа работы работе компания компании опыт
    a an and are as at be by for from has have in is it its of on or our that the their this
    to we will with you your us job work team experience company
"""
STOP_WORDS: frozenset[str] = frozenset(_STOP_WORDS_TEXT.split())


@dataclass(frozen=True, slots=True)
class VacancyFeatures:
    """Pre-digested vacancy. Skill fields hold ``skills.skill_key`` values unless noted."""

    vacancy_id: str
    employer_id: str | None
    area_id: str | None
    title_keys: frozenset[str]  # stems of the title words
    key_skill_keys: frozenset[str]  # skill_key of each key skill (= canonical name if known)
    key_skill_names: tuple[str, ...]  # display names (canonical when known), HH order
    text_skills: frozenset[str]  # canonical catalogue skills mentioned in title/snippet/text
    terms: frozenset[str]  # stemmed content words (title, key skills, snippet, description)
    # Fields (catalogue categories) of each catalogue skill the vacancy asks for: its key
    # skills, or the skills its text mentions when it lists none (search items).
    skill_fields: tuple[frozenset[str], ...]
    title_fields: frozenset[str]  # fields of the catalogue skills its title names
    title_roles: frozenset[str]  # catalogue roles its title names (core.domain.roles)
    professional_roles: frozenset[str]  # HH professional role ids
    remote: bool
    work_formats: frozenset[str]
    salary_from: int | None
    salary_to: int | None
    salary_currency: str | None
    salary_gross: bool | None
    archived: bool
    published_at: datetime | None
    content_hash: str  # collapses re-publications and cross-city clones
    salary_mode: str = MONTH  # per month, hour, shift, rotation, service (core.domain.pay)
    experience: str | None = None  # HH id of the experience asked (noExperience, …)

    @property
    def has_salary(self) -> bool:
        return self.salary_currency is not None and (
            self.salary_from is not None or self.salary_to is not None
        )


def strip_html(text: str | None) -> str:
    """Plain text of an HH HTML fragment (description, snippet with <highlighttext>)."""
    if not text:
        return ""
    # Tags become spaces so "<li>Python</li><li>SQL</li>" does not glue into one word.
    # str.split() and the regex ``\s`` know the same whitespace (NBSP included): one space
    # between words, none at the ends, as ``re.sub(r"\s+", " ", …).strip()`` but faster.
    return " ".join(html.unescape(_TAG.sub(" ", text)).split())


def html_to_text(text: str | None) -> str:
    """Readable plain text of an HH HTML description, for the details view: paragraphs
    and headings end with a blank line, <br> and other blocks with a line break, list
    items become "• " bullets, inline tags (<strong>, <highlighttext>) just go and any
    other tag becomes a space.

    Slower than :func:`strip_html`, which feature extraction keeps using: this one runs
    only when a person opens a vacancy.
    """
    if not text:
        return ""
    text = _SPACES.sub(" ", text)  # source line breaks are just spaces in HTML
    text = _PARAGRAPH_END.sub("\n\n", text)
    text = _LIST_ITEM.sub("\n" + BULLET, text)
    text = _LIST_ITEM_END.sub("\n", text)
    text = _LINE_BREAK.sub("\n", text)
    text = _INLINE_TAG.sub("", text)  # «<strong>Python</strong>,» stays «Python,»
    plain = html.unescape(_TAG.sub(" ", text)).replace("\xa0", " ").replace("\r", "")
    lines = (_INLINE_SPACES.sub(" ", line).strip() for line in plain.split("\n"))
    joined = _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
    return _BLANK_BEFORE_BULLET.sub("\n", joined)


def extract_features(vacancy: Vacancy) -> VacancyFeatures:
    """Pure: the same vacancy always gives the same features.

    One pass over each text: its lowercased chunks are split once and each chunk's
    normalised form, content stems and skill stems come from one cache look-up; terms,
    skills, the section and the content hash all read those (the same results as running
    :func:`content_stems`, :func:`skills.find_skills` and :func:`content_hash` on the
    texts, which is what the golden test holds them to)."""
    title = strip_html(vacancy.name)
    snippet = _snippet_text(vacancy)
    description = strip_html(vacancy.description)
    lowered = description.lower()
    employer_id = vacancy.employer.id if vacancy.employer else None
    pay = vacancy.pay
    skill_names = vacancy.skill_names
    key_skill_keys = _key_skill_keys(skill_names)
    chunk = _CHUNKS.__getitem__
    title_chunks = list(map(chunk, split_chunks(title)))
    snippet_chunks = list(map(chunk, split_chunks(snippet)))
    description_chunks = list(map(chunk, lowered.replace("ё", "е").split()))
    # Skills count where the vacancy asks for them (title, requirements), not where its
    # text only mentions them ("our company also develops in Python").
    asked = _asked_chunks(description, lowered, description_chunks)
    text_skills = frozenset(
        skills.find_skills_in_stems(
            list(chain.from_iterable(map(_SKILL_STEMS, chain(title_chunks, snippet_chunks, asked))))
        )
    )
    title_stems = frozenset(chain.from_iterable(map(_CONTENT, title_chunks)))
    named_chunks = (map(chunk, split_chunks(name)) for name in skill_names)
    terms = frozenset(
        chain.from_iterable(
            map(
                _CONTENT,
                chain(title_chunks, *named_chunks, snippet_chunks, description_chunks),
            )
        )
    )
    title_skills = skills.find_skills_in_stems(
        list(chain.from_iterable(map(_SKILL_STEMS, title_chunks)))
    )
    hashed = (employer_id or "", _normalized(title_chunks), _normalized(description_chunks))
    if len(_CHUNKS) > CHUNK_CACHE_SIZE:
        _CHUNKS.clear()
    return VacancyFeatures(
        vacancy_id=vacancy.id,
        employer_id=employer_id,
        area_id=vacancy.area.id if vacancy.area else None,
        title_keys=title_stems,
        key_skill_keys=key_skill_keys,
        key_skill_names=_key_skill_names(skill_names),
        text_skills=text_skills,
        skill_fields=_skill_fields(key_skill_keys) or _skill_fields(text_skills),
        title_fields=_fields_of(title_skills),
        title_roles=roles_in_title(title_stems),
        professional_roles=frozenset(role.id for role in vacancy.professional_roles if role.id),
        terms=terms,
        remote=vacancy.is_remote,
        work_formats=frozenset(vacancy.work_format_ids),
        salary_from=pay.from_ if pay else None,
        salary_to=pay.to if pay else None,
        salary_currency=(pay.currency or None) if pay else None,
        salary_gross=pay.gross if pay else None,
        archived=vacancy.archived,
        published_at=vacancy.published_at,
        content_hash=hashlib.sha1("\x1f".join(hashed).encode("utf-8")).hexdigest(),
        salary_mode=pay_mode(pay.mode.id if pay and pay.mode else None),
        experience=vacancy.experience.id if vacancy.experience else None,
    )


# What extraction reads of one lowercased chunk: (normalize_text of it, its content stems,
# its skill stems). Vacancy text repeats a few thousand chunks, so each is worked out once;
# the cache starts over past CHUNK_CACHE_SIZE (numbers, links and names keep coming).
_Chunk = tuple[str, tuple[str, ...], tuple[str, ...]]
CHUNK_CACHE_SIZE = 200_000
_NORMALIZED = itemgetter(0)
_CONTENT = itemgetter(1)
_SKILL_STEMS = itemgetter(2)


class _ChunkCache(dict[str, _Chunk]):
    def __missing__(self, chunk: str) -> _Chunk:
        found = (
            " ".join(chunk_tokens(chunk)),
            _chunk_content_stems(chunk),
            skills.skill_stems_of_chunk(chunk),
        )
        self[chunk] = found
        return found


_CHUNKS = _ChunkCache()


def _normalized(chunks: list[_Chunk]) -> str:
    """:func:`skills.normalize_text` of the text these are the chunks of."""
    return " ".join(filter(None, map(_NORMALIZED, chunks)))


def _asked_chunks(description: str, lowered: str, chunks: list[_Chunk]) -> list[_Chunk]:
    """The chunks of :func:`requirements_text` of ``description`` (plain text, single
    spaces, ``lowered`` its ``lower()``, ``chunks`` its chunks): a slice of ``chunks``
    when the section starts and ends between words, else the section's own."""
    start, end = _requirements_bounds(description, lowered)
    if start == 0 and end == len(description):
        return chunks
    if (start == 0 or description[start - 1] == " ") and (
        end == len(description) or description[end - 1] == " "
    ):
        first = description.count(" ", 0, start)
        last = len(chunks) if end == len(description) else description.count(" ", 0, end)
        return chunks[first:last]
    return list(map(_CHUNKS.__getitem__, split_chunks(description[start:end])))


# Where a description says what it asks of a candidate, and where that part ends.
_REQUIREMENTS_STARTS = (
    "требовани", "мы ожидаем", "ожидаем от", "что нужно", "наши ожидания", "вы нам подходите",
    "requirements", "what we expect", "you have", "qualifications", "must have",
)  # fmt: skip
_REQUIREMENTS_ENDS = (
    "условия", "мы предлагаем", "предлагаем", "обязанности", "что мы даем", "что мы дадим",
    "о компании", "we offer", "benefits", "responsibilities", "about us",
)  # fmt: skip


def _phrase_search(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """Case-insensitive alternation of ``phrases``, led by a look-ahead for their first
    letters: the same matches, but the scan skips most positions without trying every
    phrase there (3x faster over a description)."""
    first = "".join(sorted({phrase[0] for phrase in phrases}))
    alternation = "|".join(map(re.escape, phrases))
    return re.compile(f"(?=[{re.escape(first)}])(?:{alternation})", re.IGNORECASE)


_REQUIREMENTS_START = _phrase_search(_REQUIREMENTS_STARTS)
_REQUIREMENTS_END = _phrase_search(_REQUIREMENTS_ENDS)
# The same searches over lowercased text, case-sensitive (a plain alternation of lowercase
# literals, which the regex engine scans for its first letters: 2-3x faster). ``lower()``
# unifies exactly the letters IGNORECASE does for these phrases except the characters in
# _IGNORECASE_ONLY (dotted and dotless i, long s, old Cyrillic letter forms; İ also
# lowercases to two characters); a text holding one of them takes the IGNORECASE search.
_REQUIREMENTS_START_LOWER = re.compile("|".join(map(re.escape, _REQUIREMENTS_STARTS)))
_REQUIREMENTS_END_LOWER = re.compile("|".join(map(re.escape, _REQUIREMENTS_ENDS)))
_IGNORECASE_ONLY = "\u0130\u0131\u017f\u1c80\u1c81\u1c82\u1c83\u1c84\u1c85"


def requirements_text(description: str) -> str:
    """The requirements section of a plain-text description; all of it when the text has
    no recognisable section (then every mention is all the evidence there is)."""
    return _requirements_in(description, description.lower())


def _requirements_in(description: str, lowered: str) -> str:
    """:func:`requirements_text`, given ``description.lower()`` too."""
    start, end = _requirements_bounds(description, lowered)
    return description if start == 0 and end == len(description) else description[start:end]


def _requirements_bounds(description: str, lowered: str) -> tuple[int, int]:
    """Where :func:`requirements_text` of ``description`` starts and ends in it."""
    if any(char in description for char in _IGNORECASE_ONLY):
        start = _REQUIREMENTS_START.search(description)
        if start is None:
            return 0, len(description)
        end = _REQUIREMENTS_END.search(description, start.end())
    else:
        start = _REQUIREMENTS_START_LOWER.search(lowered)
        if start is None:
            return 0, len(description)
        end = _REQUIREMENTS_END_LOWER.search(lowered, start.end())
    return start.start(), end.start() if end else len(description)


def content_hash(employer_id: str | None, title: str, description: str) -> str:
    """sha1 of employer + normalised title + normalised description (plain text inputs)."""
    parts = (employer_id or "", skills.normalize_text(title), skills.normalize_text(description))
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()


def content_stems(text: str) -> list[str]:
    """Stems of the content words of plain text, stop-words dropped (the ``terms`` recipe)."""
    return list(chain.from_iterable(map(_chunk_content_stems, split_chunks(text))))


@lru_cache(maxsize=300_000)
def _chunk_content_stems(chunk: str) -> tuple[str, ...]:
    """:func:`content_stems` of one chunk (cached: descriptions repeat a few thousand
    words, so each is filtered and stemmed once per process, not once per vacancy)."""
    return tuple(
        stem(token)
        for token in chunk_tokens(chunk)
        if token not in STOP_WORDS and not token.isdigit()
    )


def _snippet_text(vacancy: Vacancy) -> str:
    if vacancy.snippet is None:
        return ""
    return " ".join(
        strip_html(part)
        for part in (vacancy.snippet.requirement, vacancy.snippet.responsibility)
        if part
    )


def _skill_fields(keys: Iterable[str]) -> tuple[frozenset[str], ...]:
    """Fields of each field-specific catalogue skill among ``keys``, in name order."""
    return tuple(
        SKILL_FIELDS[key]
        for key in sorted(keys)
        if key in SKILL_FIELDS and key not in FIELD_NEUTRAL_SKILLS
    )


def _fields_of(keys: Iterable[str]) -> frozenset[str]:
    found = (SKILL_FIELDS.get(key, ()) for key in keys if key not in FIELD_NEUTRAL_SKILLS)
    return frozenset(field for fields in found for field in fields)


def _key_skill_keys(names: Iterable[str]) -> frozenset[str]:
    # skill_key already is the canonical name for catalogue skills, so one key per name.
    keys = {skills.skill_key(name) for name in names}
    keys.discard("")
    return frozenset(keys)


def _key_skill_names(names: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for name in names:
        display = skills.canonical_skill(name) or name.strip()
        key = skills.skill_key(display)
        if key and key not in seen:
            seen[key] = display
    return tuple(seen.values())
