"""The skill-gap line of a card: the vacancy's required (key) skills the person has and
those they lack, «✓ Python, SQL · ✗ Kubernetes».

A required skill counts as had when it is one of the person's matched skills or a part of
one: «1С» asked, «1С:Бухгалтерия» known reads as had, never as lacking beside it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from core.domain.skills import skill_key

# Cyrillic letters that look like Latin ones: «1С» typed in Russian is HH's «1C».
_LOOKALIKES = str.maketrans("асеокрхуАСЕОКРХУ", "aceokpxyACEOKPXY")
_WORD = re.compile(r"[^\W_]+|\+\+|#")


@dataclass(frozen=True, slots=True)
class SkillGap:
    have: tuple[str, ...]  # the person's skills the vacancy asks for, most important first
    lack: tuple[str, ...]  # the vacancy's key skills the person does not have


def _words(name: str) -> frozenset[str]:
    return frozenset(_WORD.findall(name.translate(_LOOKALIKES).casefold()))


def _related(one: str, other: str) -> bool:
    """Same skill, or one names a part of the other («1C» in «1С:Бухгалтерия»)."""
    if skill_key(one) == skill_key(other):
        return True
    a, b = _words(one), _words(other)
    return bool(a) and bool(b) and (a <= b or b <= a)


def skill_gap(matched: Iterable[str], required: Iterable[str]) -> SkillGap:
    """``matched``: the person's skills found in the vacancy (the score's explanation);
    ``required``: the vacancy's key skills as HH lists them."""
    have = tuple(dict.fromkeys(matched))
    lack: list[str] = []
    for name in required:
        name = name.strip()
        if not name or any(_related(name, known) for known in (*have, *lack)):
            continue
        lack.append(name)
    return SkillGap(have=have, lack=tuple(lack))
