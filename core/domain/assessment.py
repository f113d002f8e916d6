"""A 1–5 self-rating per skill folded into the preferences (strengths, weaknesses)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from core.domain.preferences import UserPreferences
from core.domain.skills import canonicalize_skills, skill_key

STRENGTH_WEIGHT = 1.0
AVERAGE_WEIGHT = 0.6
WEAKNESS_WEIGHT = 0.3
STRENGTH_MIN_RATING = 4
WEAKNESS_MAX_RATING = 2


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
