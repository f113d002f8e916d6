"""The skill-gap line of a card: the vacancy's required (key) skills the person has and
those they lack, «✓ Python, SQL · ✗ Kubernetes».

A required skill counts as had when it is one of the person's matched skills or a part of
one («1С» asked, «1С:Бухгалтерия» known reads as had, never as lacking beside it), or
when a known skill implies it: PostgreSQL is SQL, a Django developer writes Python
(:data:`IMPLIED_SKILLS`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from core.domain.skills import is_known_skill, skill_key

# Cyrillic letters that look like Latin ones: «1С» typed in Russian is HH's «1C».
_LOOKALIKES = str.maketrans("асеокрхуАСЕОКРХУ", "aceokpxyACEOKPXY")
_WORD = re.compile(r"[^\W_]+|\+\+|#")

# Catalogue skill → the catalogue skills anyone who has it has too: a dialect of SQL is
# SQL, a framework is its language. One way only (SQL is not PostgreSQL).
IMPLIED_SKILLS: Mapping[str, frozenset[str]] = {
    "PostgreSQL": frozenset({"SQL"}),
    "MySQL": frozenset({"SQL"}),
    "Django": frozenset({"Python"}),
    "Flask": frozenset({"Python"}),
    "FastAPI": frozenset({"Python"}),
    "pandas": frozenset({"Python"}),
    "NumPy": frozenset({"Python"}),
    "Spring": frozenset({"Java"}),
    "React": frozenset({"JavaScript"}),
    "Vue.js": frozenset({"JavaScript"}),
    "Angular": frozenset({"JavaScript"}),
    "Node.js": frozenset({"JavaScript"}),
    "TypeScript": frozenset({"JavaScript"}),
    "CSS": frozenset({"HTML"}),
}


@dataclass(frozen=True, slots=True)
class SkillGap:
    have: tuple[str, ...]  # the person's skills the vacancy asks for, most important first
    lack: tuple[str, ...]  # the vacancy's key skills the person does not have


def implied_by(name: str) -> frozenset[str]:
    """The skills (keys) having ``name`` implies, besides itself."""
    return IMPLIED_SKILLS.get(skill_key(name), frozenset())


@lru_cache(maxsize=50_000)  # every ranked card asks for the same few thousand names
def _words(name: str) -> frozenset[str]:
    return frozenset(_WORD.findall(name.translate(_LOOKALIKES).casefold()))


def _related(asked: str, known: str) -> bool:
    """Same skill, or the asked one names a part of the known one («1C» asked, «1С:Бухгалтерия»
    known), or the known one is a part of an asked skill outside the catalogue («SQL» known,
    «MS SQL» asked). «1С» known is not the catalogue's «1С:Бухгалтерия»: a programmer's 1С
    is not the accounting program."""
    key = skill_key(asked)
    if key == skill_key(known):
        return True
    a, b = _words(asked), _words(known)
    if not a or not b:
        return False
    return a <= b or (b <= a and not is_known_skill(asked))


def skill_gap(matched: Iterable[str], required: Iterable[str]) -> SkillGap:
    """``matched``: the person's skills found in the vacancy (the score's explanation);
    ``required``: the vacancy's key skills as HH lists them."""
    have = tuple(dict.fromkeys(matched))
    implied = frozenset().union(*(implied_by(name) for name in have))
    lack: list[str] = []
    for name in required:
        name = name.strip()
        if not name or skill_key(name) in implied:
            continue
        if any(_related(name, known) for known in (*have, *lack)):
            continue
        lack.append(name)
    return SkillGap(have=have, lack=tuple(lack))
