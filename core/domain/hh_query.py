"""A user's preferences (and a /search's overrides) → the HH vacancy search query.

HH is asked for recall (an OR of the user's top titles and skills in their areas);
:mod:`core.domain.scoring` ranks what comes back.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from core.domain.features import FIELD_NEUTRAL_SKILLS
from core.domain.hh_schemas import VacancySearchParams
from core.domain.preferences import UserPreferences
from core.domain.roles import ROLES_BY_KEY, role_of_text, roles_of_titles
from core.domain.scoring import DEFAULT_AREA_PARENT, EXPLICIT_EXCLUSION_WEIGHT
from core.domain.skills import CATEGORIES

KAZAKHSTAN_AREA_ID = "40"
MAX_QUERY_TITLES = 5
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
    if len(term) > 2 and term.startswith('"') and term.endswith('"') and '"' not in term[1:-1]:
        return term  # a catalogue phrase, quoted already
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
    """What HH is asked for: the person's job titles as a person would type them on hh.kz
    (a catalogue role by its search words: «Бухгалтер», «Python»), or, with no title,
    their most important skills.

    Skills stay out when there are titles: «МСФО» or «1С» next to «Бухгалтер» fetches
    programmers and auditors instead of more accountants; the scorer reads the skills.
    Office tools every field lists (Excel, 1С) are left out when there is anything else.
    """
    titles = _unique(prefs.job_titles)[:MAX_QUERY_TITLES]
    if titles:
        return _unique(term for title in titles for term in _title_terms(title))
    order = _catalogue_order(prefs.categories)
    ranked = sorted(
        prefs.skills, key=lambda name: (-prefs.skills[name], order.get(name, len(order)), name)
    )
    skills = _unique([*prefs.preferred_skills, *ranked])
    specific = [s for s in skills if s not in FIELD_NEUTRAL_SKILLS]
    return (specific or skills)[:MAX_QUERY_SKILLS]


def _title_terms(title: str) -> tuple[str, ...]:
    role = role_of_text(title)
    if role is None:
        return (title,)
    return ROLES_BY_KEY[role].search_text


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


# What a person with this much experience applies to: their band and those below, but a
# 6+ years person not the junior ones (a 6+ years accountant takes 3–6 years vacancies;
# 1–3 years takes "no experience").
EXPERIENCE_BANDS: dict[str, tuple[str, ...]] = {
    "noExperience": ("noExperience",),
    "between1And3": ("between1And3", "noExperience"),
    "between3And6": ("between3And6", "between1And3", "noExperience"),
    "moreThan6": ("moreThan6", "between3And6"),
}
# Where the post, not seniority, is the job (a doctor's, a teacher's: a licence and a
# category), a 6+ years person also takes the posts asking 1–3 years — a therapist post
# asking 1–3 years is a therapist's post; the scorer still prefers their band.
POST_FIELDS = frozenset({"medicine", "education"})
POST_BANDS: dict[str, tuple[str, ...]] = {
    "moreThan6": ("moreThan6", "between3And6", "between1And3"),
}


def query_work_formats(formats: Sequence[str]) -> list[str]:
    """The work formats asked of HH: on-site work includes field work (a driver's or a
    sales rep's job is on site, away from a desk)."""
    chosen = set(formats)
    if "ON_SITE" in chosen:
        chosen.add("FIELD_WORK")
    return sorted(chosen)


def experience_bands(experience: str | None, fields: Iterable[str] = ()) -> list[str]:
    """The HH experience bands a person applies to; ``fields``: those of their roles."""
    if experience is None:
        return []
    if not POST_FIELDS.isdisjoint(fields) and experience in POST_BANDS:
        return list(POST_BANDS[experience])
    return list(EXPERIENCE_BANDS.get(experience, (experience,)))


def _role_fields(prefs: UserPreferences) -> set[str]:
    return {ROLES_BY_KEY[key].field for key in roles_of_titles(prefs.job_titles)}


def build_search_params(
    prefs: UserPreferences, *, default_area_id: str = KAZAKHSTAN_AREA_ID
) -> VacancySearchParams:
    """The HH query for a user's recommendations in their cities. Recall first; the
    scorer ranks.

    Salary never goes to HH: its ``salary=`` keeps the vacancies whose range is *close
    to* the value, so a floor sent there loses every vacancy paying well above it (a
    «Главный программист 1С» from 1.3 M for a person asking at least 700 k) — the
    better ones. A floor is applied on our side (core.scoring's salary dealbreaker drops
    pay clearly below it), and the scorer ranks the rest by pay.
    """
    terms = query_terms(prefs)
    excluded = explicit_exclusions(prefs)
    return VacancySearchParams(
        text=" OR ".join(_query_term(term) for term in terms) or None,
        excluded_text=", ".join(excluded) or None,
        area=sorted(prefs.area_ids) or [default_area_id],
        work_format=query_work_formats(prefs.work_formats),
        employment_form=sorted(prefs.employment_forms),
        experience=experience_bands(prefs.experience, _role_fields(prefs)),
        order_by="relevance",
    )


def build_search_plan(
    prefs: UserPreferences,
    *,
    default_area_id: str = KAZAKHSTAN_AREA_ID,
    area_parent: Mapping[str, str | None] | None = None,
) -> list[VacancySearchParams]:
    """Every HH query the user's recommendations need: their cities, and, when remote work
    suits them, the same search country-wide restricted to remote work (remote vacancies
    are posted from the employer's city, which is rarely the person's)."""
    main = build_search_params(prefs, default_area_id=default_area_id)
    if not prefs.remote_ok or not prefs.area_ids or prefs.only_my_city:
        return [main]
    if prefs.work_formats and "REMOTE" not in prefs.work_formats:
        return [main]
    parents = {**DEFAULT_AREA_PARENT, **(area_parent or {})}
    countries = sorted({_country(area_id, parents, default_area_id) for area_id in prefs.area_ids})
    if countries == sorted(prefs.area_ids):
        return [main]  # the search is country-wide already
    remote = main.model_copy(update={"area": countries, "work_format": ["REMOTE"]})
    return [main, remote]


def _country(area_id: str, parents: Mapping[str, str | None], default: str) -> str:
    current, seen = area_id, set()
    while current not in seen:
        seen.add(current)
        parent = parents.get(current, default if current != default else None)
        if parent is None:
            return current
        current = parent
    return current


OWN_SKILL_IN_SEARCH = 0.5  # the weight at most of a person's own skill in a typed search


def apply_overrides(prefs: UserPreferences, overrides: SearchOverrides) -> UserPreferences:
    """The preferences a /search runs with: the user's, changed where the search says."""
    changes: dict[str, Any] = {}
    # The skills typed lead; the person's own stay theirs (a card of a «Django» search
    # still knows they write Python and SQL), below the typed ones.
    if overrides.skills:
        typed = {name: 1.0 for name in overrides.skills if name.strip()}
        own = {name: min(w, OWN_SKILL_IN_SEARCH) for name, w in prefs.skills.items()}
        changes["skills"] = {**own, **typed}
        changes["preferred_skills"] = []
    if overrides.text and overrides.text.strip():
        changes["job_titles"] = [overrides.text.strip()]
        if not overrides.skills:
            own = {name: min(w, OWN_SKILL_IN_SEARCH) for name, w in prefs.skills.items()}
            changes["skills"], changes["preferred_skills"] = own, []
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
