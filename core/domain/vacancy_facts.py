"""What people filter on, read from the stored HH vacancy: work format, experience asked,
employment, when it was posted, how it pays, how far the employer is trusted, where to
apply. Read defensively: the stored JSON is HH's, and any field may be null or odd."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from core.domain.pay import pay_mode


@dataclass(frozen=True, slots=True)
class EmployerTrust:
    rating: float | None  # HH reviews' total rating, 0..5
    reviews: int
    trusted: bool  # HH checked the company
    accredited_it: bool  # accredited IT company (Kazakhstan/Russia state list)


@dataclass(frozen=True, slots=True)
class VacancyFacts:
    work_formats: tuple[str, ...]  # ON_SITE, REMOTE, HYBRID, FIELD_WORK
    experience: str | None  # noExperience, between1And3, between3And6, moreThan6
    employment: str | None  # FULL, PART, PROJECT, FLY_IN_FLY_OUT, SIDE_JOB (employment_form)
    salary_mode: str  # MONTH, HOUR, SHIFT, FLY_IN_FLY_OUT, SERVICE
    employer: EmployerTrust
    apply_url: str | None  # apply_alternate_url: the response form on the person's HH site
    published_at: datetime | None
    key_skills: tuple[str, ...] = ()  # the skills HH lists as required, as written


def _id(value: Any) -> str | None:
    if isinstance(value, Mapping) and isinstance(value.get("id"), str) and value["id"]:
        return str(value["id"])
    return None


def _ids(values: Any) -> tuple[str, ...]:
    if not isinstance(values, list):
        return ()
    return tuple(dict.fromkeys(i.upper() for v in values if (i := _id(v)) is not None))


def _rating(raw: Any) -> tuple[float | None, int]:
    if not isinstance(raw, Mapping):
        return None, 0
    text = raw.get("total_rating")
    try:
        rating: float | None = float(text) if isinstance(text, str | int | float) else None
    except ValueError:
        rating = None
    if rating is not None and not 0.0 <= rating <= 5.0:
        rating = None
    reviews = raw.get("reviews_count")
    return rating, reviews if isinstance(reviews, int) and reviews > 0 else 0


def _employer_trust(employer: Any) -> EmployerTrust:
    employer = employer if isinstance(employer, Mapping) else {}
    rating, reviews = _rating(employer.get("employer_rating"))
    return EmployerTrust(
        rating=rating,
        reviews=reviews,
        trusted=employer.get("trusted") is True,
        accredited_it=employer.get("accredited_it_employer") is True,
    )


def _salary_mode(raw: Mapping[str, Any]) -> str:
    for key in ("salary_range", "salary"):
        pay = raw.get(key)
        if isinstance(pay, Mapping) and (pay.get("from") or pay.get("to")):
            return pay_mode(_id(pay.get("mode")))
    return pay_mode(None)


def _work_formats(raw: Mapping[str, Any]) -> tuple[str, ...]:
    formats = _ids(raw.get("work_format"))
    if not formats and _id(raw.get("schedule")) == "remote":
        return ("REMOTE",)  # the deprecated schedule, when the new field is absent
    return formats


def _key_skills(values: Any) -> tuple[str, ...]:
    if not isinstance(values, list):
        return ()
    names = (v.get("name") for v in values if isinstance(v, Mapping))
    return tuple(dict.fromkeys(n.strip() for n in names if isinstance(n, str) and n.strip()))


def _https(url: Any) -> str | None:
    return url if isinstance(url, str) and url.startswith("https://") else None


def facts_from_raw(raw: Mapping[str, Any] | None, published_at: datetime | None) -> VacancyFacts:
    """The facts of a stored vacancy (``job_recommendations.raw``)."""
    raw = raw if isinstance(raw, Mapping) else {}
    return VacancyFacts(
        work_formats=_work_formats(raw),
        experience=_id(raw.get("experience")),
        employment=(_id(raw.get("employment_form")) or "").upper() or None,
        salary_mode=_salary_mode(raw),
        employer=_employer_trust(raw.get("employer")),
        apply_url=_https(raw.get("apply_alternate_url")),
        published_at=published_at,
        key_skills=_key_skills(raw.get("key_skills")),
    )
