"""A user's preferences (and a /search's overrides) → the HH vacancy search query.

HH is asked for recall (an OR of the user's top titles and skills in their areas);
:mod:`core.scoring` ranks what comes back.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from core.features import FIELD_NEUTRAL_SKILLS
from core.hh.schemas import VacancySearchParams
from core.preferences import UserPreferences
from core.scoring import EXPLICIT_EXCLUSION_WEIGHT
from core.skills import CATEGORIES

KAZAKHSTAN_AREA_ID = "40"
MAX_QUERY_TITLES = 3
MAX_QUERY_SKILLS = 5
# Skills of equal importance (a field picked without skills gives every skill of it 0.6)
# go to HH in the order of the person's fields in the catalogue, which lists each field's
# defining skills first (Python, Java… not ".NET, 1C, Angular" alphabetically).


@dataclass(frozen=True, slots=True)
class SearchOverrides:
    """What /search changes relative to the user's preferences (None = keep)."""

    text: str | None = None
    skills: Sequence[str] | None = None
    area_id: str | None = None
    salary_min: int | None = None
    salary_currency: str | None = None  # of salary_min; None: the profile's currency
    include_remote: bool | None = None
    exclude_applied: bool | None = None


def _query_term(term: str) -> str:
    """One term of HH's query language: quoted unless a plain word (C++, «1С», two words)."""
    cleaned = " ".join(term.replace('"', " ").split())
    if cleaned.replace("-", "").isalnum():
        return cleaned
    return f'"{cleaned}"'


def _unique(terms: Iterable[str]) -> list[str]:
    """Non-blank terms, first spelling kept, case-insensitive duplicates dropped."""
    seen: dict[str, str] = {}
    for term in terms:
        seen.setdefault(term.strip().lower(), term.strip())
    seen.pop("", None)
    return list(seen.values())


def query_terms(prefs: UserPreferences) -> list[str]:
    """Desired titles first (most specific), then the most important skills.

    Office tools every field lists (Excel, 1С) are left out when there is anything
    else to search for: «Excel» would fetch doctors and drivers for an accountant.
    """
    titles = _unique(prefs.job_titles)[:MAX_QUERY_TITLES]
    order = _catalogue_order(prefs.categories)
    ranked = sorted(
        prefs.skills, key=lambda name: (-prefs.skills[name], order.get(name, len(order)), name)
    )
    taken = {title.lower() for title in titles}
    skills = [s for s in _unique([*prefs.preferred_skills, *ranked]) if s.lower() not in taken]
    specific = [s for s in skills if s not in FIELD_NEUTRAL_SKILLS]
    if titles or specific:
        skills = specific
    return [*titles, *skills[:MAX_QUERY_SKILLS]]


def _catalogue_order(categories: Sequence[str]) -> dict[str, int]:
    """Skill -> position: the person's fields first, then the rest of the catalogue."""
    order: dict[str, int] = {}
    chosen = [CATEGORIES[key] for key in categories if key in CATEGORIES]
    for category in (*chosen, *CATEGORIES.values()):
        for skill in category.skills:
            order.setdefault(skill, len(order))
    return order


def explicit_exclusions(prefs: UserPreferences) -> list[str]:
    """Keywords the user asked to see less of (not learned guesses): HH may drop them."""
    return sorted(
        keyword
        for keyword, weight in prefs.negative_keywords.items()
        if abs(weight) >= EXPLICIT_EXCLUSION_WEIGHT and keyword.strip()
    )


def build_search_params(
    prefs: UserPreferences, *, default_area_id: str = KAZAKHSTAN_AREA_ID
) -> VacancySearchParams:
    """The HH query for a user's recommendations. Recall first; the scorer ranks.

    Salary goes to HH only as a dealbreaker floor: HH's salary filter also drops every
    vacancy without a salary, which is most of them.
    """
    terms = query_terms(prefs)
    excluded = explicit_exclusions(prefs)
    floor = prefs.salary.minimum if prefs.salary_is_floor and prefs.salary.minimum else None
    return VacancySearchParams(
        text=" OR ".join(_query_term(term) for term in terms) or None,
        excluded_text=", ".join(excluded) or None,
        area=sorted(prefs.area_ids) or [default_area_id],
        salary=floor,
        currency=prefs.salary.currency if floor else None,
        work_format=sorted(prefs.work_formats),
        employment_form=sorted(prefs.employment_forms),
        experience=[prefs.experience] if prefs.experience else [],
        order_by="relevance",
    )


def apply_overrides(prefs: UserPreferences, overrides: SearchOverrides) -> UserPreferences:
    """The preferences a /search runs with: the user's, changed where the search says."""
    changes: dict[str, Any] = {}
    if overrides.skills:
        changes["skills"] = {name: 1.0 for name in overrides.skills if name.strip()}
        changes["preferred_skills"] = []
    if overrides.text and overrides.text.strip():
        changes["job_titles"] = [overrides.text.strip()]
        if not overrides.skills:
            changes["skills"], changes["preferred_skills"] = {}, []
    if overrides.area_id:
        changes["area_ids"] = [str(overrides.area_id)]
    if overrides.salary_min is not None:
        # A salary typed into a search is a filter the person asked for, not a hint, in
        # the currency it was typed in ("$2000" is dollars whatever the profile says):
        # HH filters in that currency and the scorer converts vacancies into it.
        currency = overrides.salary_currency or prefs.salary.currency
        same_currency = currency == prefs.salary.currency
        changes["salary"] = prefs.salary.model_copy(
            update={
                "minimum": overrides.salary_min,
                "maximum": prefs.salary.maximum if same_currency else None,
                "currency": currency,
            }
        )
        changes["salary_is_floor"] = True
    if overrides.include_remote is not None:
        changes["remote_ok"] = overrides.include_remote
        others = [f for f in prefs.work_formats if f != "REMOTE"]
        # An empty list means "any format"; with a list, remote joins or leaves it.
        wants_remote = overrides.include_remote and bool(prefs.work_formats)
        changes["work_formats"] = [*others, "REMOTE"] if wants_remote else others
    if overrides.exclude_applied is not None:
        changes["exclude_applied"] = overrides.exclude_applied
    return prefs.model_copy(update=changes)


def search_text(overrides: SearchOverrides) -> str | None:
    """Free text typed into /search goes to HH as typed (it is already HH's language)."""
    return overrides.text.strip() if overrides.text and overrides.text.strip() else None
