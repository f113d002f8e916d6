"""A typed list of skills ("python, джанго; SQL / эксель") → catalogue skill names."""

from __future__ import annotations

import re

from core.domain.skills import (
    canonical_skill,
    canonicalize_skills,
    clean_skill_name,
    find_skills_ordered,
)

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
    """ "python, джанго; SQL / эксель" → ["Python", "Django", "SQL", "Excel"].

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
