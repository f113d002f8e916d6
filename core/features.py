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

from core import skills
from core.hh.schemas import Vacancy

_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")

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
    remote: bool
    work_formats: frozenset[str]
    salary_from: int | None
    salary_to: int | None
    salary_currency: str | None
    salary_gross: bool | None
    archived: bool
    published_at: datetime | None
    content_hash: str  # collapses re-publications and cross-city clones

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
    plain = html.unescape(_TAG.sub(" ", text))
    return _SPACES.sub(" ", plain.replace("\xa0", " ")).strip()


def extract_features(vacancy: Vacancy) -> VacancyFeatures:
    """Pure: the same vacancy always gives the same features."""
    title = strip_html(vacancy.name)
    snippet = _snippet_text(vacancy)
    description = strip_html(vacancy.description)
    employer_id = vacancy.employer.id if vacancy.employer else None
    pay = vacancy.pay
    return VacancyFeatures(
        vacancy_id=vacancy.id,
        employer_id=employer_id,
        area_id=vacancy.area.id if vacancy.area else None,
        title_keys=frozenset(content_stems(title)),
        key_skill_keys=_key_skill_keys(vacancy.skill_names),
        key_skill_names=_key_skill_names(vacancy.skill_names),
        text_skills=frozenset(skills.find_skills(f"{title}\n{snippet}\n{description}")),
        terms=frozenset(
            content_stems(" \n ".join([title, *vacancy.skill_names, snippet, description]))
        ),
        remote=vacancy.is_remote,
        work_formats=frozenset(vacancy.work_format_ids),
        salary_from=pay.from_ if pay else None,
        salary_to=pay.to if pay else None,
        salary_currency=(pay.currency or None) if pay else None,
        salary_gross=pay.gross if pay else None,
        archived=vacancy.archived,
        published_at=vacancy.published_at,
        content_hash=content_hash(employer_id, title, description),
    )


def content_hash(employer_id: str | None, title: str, description: str) -> str:
    """sha1 of employer + normalised title + normalised description (plain text inputs)."""
    parts = (employer_id or "", skills.normalize_text(title), skills.normalize_text(description))
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()


def content_stems(text: str) -> list[str]:
    """Stems of the content words of plain text, stop-words dropped (the ``terms`` recipe)."""
    tokens = [t for t in skills.tokenize(text) if t not in STOP_WORDS and not t.isdigit()]
    return skills.stem_tokens(tokens)


def _snippet_text(vacancy: Vacancy) -> str:
    if vacancy.snippet is None:
        return ""
    return " ".join(
        strip_html(part)
        for part in (vacancy.snippet.requirement, vacancy.snippet.responsibility)
        if part
    )


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
