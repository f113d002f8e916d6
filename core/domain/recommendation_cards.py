"""The cards the bot shows, and how a stored recommendation row maps to and from them."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from datetime import datetime
from typing import Any, Protocol

from core.domain.dedup import Candidate
from core.domain.features import VacancyFeatures, html_to_text, strip_html
from core.domain.feed import RULED_OUT
from core.domain.hh_schemas import Vacancy
from core.domain.preferences import UserPreferences
from core.domain.scoring import ScoreExplanation, VacancyScore
from core.domain.vacancy_facts import VacancyFacts, facts_from_raw

SNIPPET_CHARS = 300


class StoredRecommendation(Protocol):
    """What a stored recommendation row offers (db/models.py's ``JobRecommendation``):
    declared here so the domain maps rows to cards without importing the database."""

    @property
    def id(self) -> int: ...

    @property
    def vacancy_id(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def employer_id(self) -> str | None: ...

    @property
    def employer_name(self) -> str | None: ...

    @property
    def area_name(self) -> str | None: ...

    @property
    def salary_from(self) -> int | None: ...

    @property
    def salary_to(self) -> int | None: ...

    @property
    def salary_currency(self) -> str | None: ...

    @property
    def salary_gross(self) -> bool | None: ...

    @property
    def url(self) -> str | None: ...

    @property
    def raw(self) -> Mapping[str, Any] | None: ...

    @property
    def relevance_score(self) -> float: ...

    @property
    def explanation(self) -> Mapping[str, Any] | None: ...

    @property
    def published_at(self) -> datetime | None: ...


@dataclass(frozen=True, slots=True)
class RecommendationCard:
    recommendation_id: int
    vacancy_id: str
    title: str
    employer_id: str | None
    employer_name: str | None
    area_name: str | None
    salary_from: int | None
    salary_to: int | None
    salary_currency: str | None
    salary_gross: bool | None
    url: str | None
    snippet: str  # plain text
    relevance: float  # 0..1
    explanation: ScoreExplanation
    saved: bool
    feedback: bool | None  # True 👍, False 👎, None no vote
    published_at: datetime | None
    facts: VacancyFacts | None = None  # work format, experience, pay mode, employer trust


@dataclass(frozen=True, slots=True)
class VacancyDetails(RecommendationCard):
    description: str = ""  # plain text
    key_skills: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RecommendationPage:
    items: list[RecommendationCard]
    total: int
    page: int
    per_page: int
    total_pages: int
    stale: bool = False
    # Every vacancy that fits, those seen in an earlier browse included (``total`` leaves
    # them out when something unseen is left); None where not counted (a search).
    fitting: int | None = None
    # Every one of the ``fitting`` was shown already and the page was asked not to start
    # them over (``unless_all_seen``): nothing fetched, nothing marked, no items.
    all_seen: bool = False
    # The search's preferences the page was read with (the card's pay line needs them);
    # None where not read (a search).
    preferences: UserPreferences | None = None


def _explanation_json(explanation: ScoreExplanation) -> dict[str, Any]:
    return {
        key: list(value) if isinstance(value, tuple) else value
        for key, value in asdict(explanation).items()
    }


def _explanation_from_json(data: Mapping[str, Any] | None) -> ScoreExplanation:
    known = {f.name for f in fields(ScoreExplanation)}
    values: dict[str, Any] = {
        "matched_skills": (),
        "missing_skills": (),
        "salary_note": "unknown",
        "salary_ratio": None,
        "location_reason": "anywhere",
        "positive_hits": (),
        "negative_hits": (),
    }
    for key, value in (data or {}).items():
        if key in known:
            values[key] = tuple(value) if isinstance(value, list) else value
    return ScoreExplanation(**values)


def _raw_payload(detailed: Vacancy, search_item: Vacancy | None) -> dict[str, Any]:
    """HH JSON kept with the recommendation: the full vacancy plus the search snippet."""
    raw = detailed.model_dump(mode="json", by_alias=True)
    if raw.get("snippet") is None and search_item is not None and search_item.snippet:
        raw["snippet"] = search_item.snippet.model_dump(mode="json")
    # The employer's rating comes with search items; a vacancy's page may omit it.
    employer = raw.get("employer")
    searched = search_item.employer if search_item is not None else None
    rating = searched.employer_rating if searched is not None else None
    if isinstance(employer, dict) and rating is not None and not employer.get("employer_rating"):
        employer["employer_rating"] = rating.model_dump(mode="json")
    return raw


def _snippet_of(raw: Mapping[str, Any]) -> str:
    snippet = raw.get("snippet") or {}
    parts = [strip_html(snippet.get(name)) for name in ("requirement", "responsibility")]
    text = " ".join(part for part in parts if part)
    if not text:
        text = strip_html(raw.get("description"))
    return text if len(text) <= SNIPPET_CHARS else text[: SNIPPET_CHARS - 1].rstrip() + "…"


def score_columns(score: VacancyScore) -> dict[str, Any]:
    relevance = RULED_OUT if score.dealbreaker else score.overall
    return {
        "skills_score": score.skills,
        "location_score": score.location,
        "salary_score": score.salary,
        "relevance_score": relevance,
        "explanation": _explanation_json(score.explanation),
    }


def recommendation_row(
    candidate: Candidate, search_item: Vacancy | None, source: str, now: datetime
) -> dict[str, Any]:
    vacancy, features = candidate.vacancy, candidate.features
    employer = vacancy.employer
    return {
        "vacancy_id": vacancy.id,
        "title": vacancy.name[:512],
        "employer_id": employer.id if employer else None,
        "employer_name": employer.name[:512] if employer else None,
        "area_id": vacancy.area.id if vacancy.area else None,
        "area_name": vacancy.area.name if vacancy.area else None,
        "salary_from": features.salary_from,
        "salary_to": features.salary_to,
        "salary_currency": features.salary_currency,
        "salary_gross": features.salary_gross,
        "url": (vacancy.alternate_url or "")[:512] or None,
        "published_at": vacancy.published_at,
        "content_hash": features.content_hash,
        "raw": _raw_payload(vacancy, search_item),
        "source": source,
        "created_at": now,
        **score_columns(candidate.score),
    }


def card_from_row(
    row: StoredRecommendation, *, saved: bool, feedback: bool | None
) -> RecommendationCard:
    return RecommendationCard(
        recommendation_id=row.id,
        vacancy_id=row.vacancy_id,
        title=row.title,
        employer_id=row.employer_id,
        employer_name=row.employer_name,
        area_name=row.area_name,
        salary_from=row.salary_from,
        salary_to=row.salary_to,
        salary_currency=row.salary_currency,
        salary_gross=row.salary_gross,
        url=row.url,
        snippet=_snippet_of(row.raw or {}),
        relevance=min(max(row.relevance_score, 0.0), 1.0),
        explanation=_explanation_from_json(row.explanation),
        saved=saved,
        feedback=feedback,
        published_at=row.published_at,
        facts=facts_from_raw(row.raw, row.published_at),
    )


def details_from_row(row: StoredRecommendation, card: RecommendationCard) -> VacancyDetails:
    raw = row.raw or {}
    skills = tuple(
        str(item.get("name")) for item in raw.get("key_skills") or [] if isinstance(item, dict)
    )
    base = {f.name: getattr(card, f.name) for f in fields(RecommendationCard)}
    # Paragraphs and bullets survive: a flat paragraph is unreadable on a phone.
    description = html_to_text(raw.get("description"))
    return VacancyDetails(**base, description=description, key_skills=skills)


NO_EXPLANATION = ScoreExplanation((), (), "unknown", None, "anywhere", (), ())


def details_from_vacancy(vacancy: Vacancy, features: VacancyFeatures) -> VacancyDetails:
    """A vacancy as HH gives it, for someone it was not scored for (a shared link opened
    before setting up a profile): no recommendation id (0), no match."""
    raw = _raw_payload(vacancy, None)
    employer = vacancy.employer
    skills = tuple(
        str(item.get("name")) for item in raw.get("key_skills") or [] if isinstance(item, dict)
    )
    return VacancyDetails(
        recommendation_id=0,
        vacancy_id=vacancy.id,
        title=vacancy.name,
        employer_id=employer.id if employer else None,
        employer_name=employer.name if employer else None,
        area_name=vacancy.area.name if vacancy.area else None,
        salary_from=features.salary_from,
        salary_to=features.salary_to,
        salary_currency=features.salary_currency,
        salary_gross=features.salary_gross,
        url=vacancy.alternate_url or None,
        snippet=_snippet_of(raw),
        relevance=0.0,
        explanation=NO_EXPLANATION,
        saved=False,
        feedback=None,
        published_at=vacancy.published_at,
        facts=facts_from_raw(raw, vacancy.published_at),
        description=html_to_text(raw.get("description")),
        key_skills=skills,
    )


def total_pages(total: int, per_page: int) -> int:
    return math.ceil(total / per_page) if total else 0
