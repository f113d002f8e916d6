"""Typed models of the JSON HeadHunter really sends (see reference/HH_API.md §2-6).

Lenient on purpose: any field the spec marks nullable may be null, lists may be null,
dates carry offsets without a colon (``+0300``), and unknown fields are ignored.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

HIGHLIGHT_TAG = re.compile(r"</?highlighttext>", re.IGNORECASE)


def strip_highlight(text: str | None) -> str | None:
    """Drop HH's ``<highlighttext>`` markers around matched words (snippets only)."""
    return None if text is None else HIGHLIGHT_TAG.sub("", text)


class HHModel(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True, frozen=False)


def _none_to_list(value: Any) -> Any:
    return [] if value is None else value


class IdName(HHModel):
    id: str
    name: str = ""


class AreaRef(HHModel):
    id: str
    name: str = ""
    url: str | None = None


class Salary(HHModel):
    """Either ``salary_range`` (new) or ``salary`` (deprecated); both share these fields."""

    from_: int | None = Field(default=None, alias="from")
    to: int | None = None
    currency: str | None = None
    gross: bool | None = None
    mode: IdName | None = None
    frequency: IdName | None = None

    @field_validator("from_", "to", mode="before")
    @classmethod
    def _round_amount(cls, value: Any) -> Any:
        return int(value) if isinstance(value, float) else value

    @property
    def is_empty(self) -> bool:
        return self.from_ is None and self.to is None


class EmployerRating(HHModel):
    """Reviews of the employer on HH: ``total_rating`` arrives as text ("4.3")."""

    total_rating: float | None = None
    reviews_count: int = 0

    @field_validator("total_rating", mode="before")
    @classmethod
    def _rating_number(cls, value: Any) -> float | None:
        try:
            rating = float(value)
        except (TypeError, ValueError):
            return None
        return rating if 0.0 <= rating <= 5.0 else None

    @field_validator("reviews_count", mode="before")
    @classmethod
    def _count(cls, value: Any) -> int:
        try:
            return max(0, int(value))
        except (TypeError, ValueError):
            return 0


class Employer(HHModel):
    id: str | None = None
    name: str = ""
    url: str | None = None
    alternate_url: str | None = None
    trusted: bool | None = None
    accredited_it_employer: bool | None = None
    employer_rating: EmployerRating | None = None


class Snippet(HHModel):
    """Search-item excerpts; matched words are wrapped in ``<highlighttext>``."""

    requirement: str | None = None
    responsibility: str | None = None

    @property
    def plain_requirement(self) -> str | None:
        return strip_highlight(self.requirement)

    @property
    def plain_responsibility(self) -> str | None:
        return strip_highlight(self.responsibility)


class KeySkill(HHModel):
    name: str


class Vacancy(HHModel):
    """A search item or a full vacancy (the latter adds description and key_skills)."""

    id: str
    name: str = ""
    area: AreaRef | None = None
    salary_range: Salary | None = None
    salary: Salary | None = None
    employer: Employer | None = None
    experience: IdName | None = None
    schedule: IdName | None = None
    employment: IdName | None = None
    work_format: list[IdName] = Field(default_factory=list)
    work_schedule_by_days: list[IdName] = Field(default_factory=list)
    working_hours: list[IdName] = Field(default_factory=list)
    employment_form: IdName | None = None
    snippet: Snippet | None = None
    description: str | None = None
    key_skills: list[KeySkill] = Field(default_factory=list)
    professional_roles: list[IdName] = Field(default_factory=list)
    published_at: datetime | None = None
    created_at: datetime | None = None
    archived: bool = False
    type: IdName | None = None
    url: str | None = None
    alternate_url: str | None = None
    apply_alternate_url: str | None = None
    address: dict[str, Any] | None = None

    _lists = field_validator(
        "work_format",
        "work_schedule_by_days",
        "working_hours",
        "key_skills",
        "professional_roles",
        mode="before",
    )(_none_to_list)

    @field_validator("archived", mode="before")
    @classmethod
    def _archived_falsy(cls, value: Any) -> Any:
        return False if value is None else value

    @property
    def pay(self) -> Salary | None:
        """The salary to use: ``salary_range`` first, the deprecated ``salary`` as fallback."""
        for candidate in (self.salary_range, self.salary):
            if candidate is not None and not candidate.is_empty:
                return candidate
        return None

    @property
    def work_format_ids(self) -> set[str]:
        ids = {item.id.upper() for item in self.work_format}
        if not ids and self.schedule is not None and self.schedule.id == "remote":
            ids.add("REMOTE")
        return ids

    @property
    def is_remote(self) -> bool:
        return "REMOTE" in self.work_format_ids

    @property
    def skill_names(self) -> list[str]:
        return [skill.name for skill in self.key_skills]

    @property
    def has_details(self) -> bool:
        return self.description is not None


class ClusterItem(HHModel):
    """One value of a search cluster: the search narrowed to it (``url``) and its count."""

    name: str = ""
    url: str | None = None
    count: int = 0


class Cluster(HHModel):
    """A group of ``clusters=true`` (area, salary, experience, …; dictionary vacancy_cluster)."""

    id: str
    name: str = ""
    items: list[ClusterItem] = Field(default_factory=list)

    _items = field_validator("items", mode="before")(_none_to_list)


class VacancySearchPage(HHModel):
    items: list[Vacancy] = Field(default_factory=list)
    found: int = 0
    pages: int = 0
    page: int = 0
    per_page: int = 0
    alternate_url: str | None = None
    clusters: list[Cluster] | None = None

    _items = field_validator("items", mode="before")(_none_to_list)

    def cluster(self, cluster_id: str) -> Cluster | None:
        """The cluster group ``cluster_id`` ("salary", "area", …) when HH sent it."""
        return next((c for c in self.clusters or () if c.id == cluster_id), None)


class AreaNode(HHModel):
    id: str
    parent_id: str | None = None
    name: str = ""
    areas: list[AreaNode] = Field(default_factory=list)
    utc_offset: str | None = None
    lat: float | None = None
    lng: float | None = None

    _areas = field_validator("areas", mode="before")(_none_to_list)


class Currency(HHModel):
    code: str
    abbr: str | None = None
    name: str = ""
    rate: float = 1.0
    default: bool = False
    in_use: bool = False


class Dictionaries(HHModel):
    model_config = ConfigDict(extra="allow")

    currency: list[Currency] = Field(default_factory=list)
    experience: list[IdName] = Field(default_factory=list)
    employment_form: list[IdName] = Field(default_factory=list)
    work_format: list[IdName] = Field(default_factory=list)

    def rates(self) -> dict[str, float]:
        """Units of each currency per 1 RUR (HH's convention)."""
        return {item.code: item.rate for item in self.currency if item.rate}


class AreaSuggestion(HHModel):
    id: str
    text: str
    url: str | None = None


class AreaSuggestionPage(HHModel):
    """Envelope of ``GET /suggests/areas``."""

    items: list[AreaSuggestion] = Field(default_factory=list)

    _items = field_validator("items", mode="before")(_none_to_list)


QueryPairs = list[tuple[str, str]]
OrderBy = Literal["publication_time", "salary_desc", "salary_asc", "relevance", "distance"]


def _unique(values: Iterable[str]) -> list[str]:
    """Order-preserving de-duplication, dropping blanks."""
    seen: dict[str, None] = {}
    for value in values:
        if value and value.strip():
            seen.setdefault(value.strip(), None)
    return list(seen)


def format_date_param(value: date | datetime | str) -> str:
    """HH's ``date_from`` format: ``YYYY-MM-DD`` or ``YYYY-MM-DDThh:mm:ss+hhmm``."""
    if isinstance(value, str):
        return value
    if isinstance(value, datetime):
        # HH needs an offset; a naive datetime is taken as UTC rather than guessed local.
        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
        return aware.strftime("%Y-%m-%dT%H:%M:%S%z")
    return value.isoformat()


class VacancySearchParams(BaseModel):
    """The job-seeker subset of ``GET /vacancies`` parameters (reference/HH_API.md §2).

    Paging (``page``/``per_page``) and ``host`` are not here: the client adds them, so the
    same params object identifies one query across pages and is a stable cache key.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str | None = None
    search_field: list[str] = Field(default_factory=list)
    excluded_text: str | None = None
    area: list[str] = Field(default_factory=list)
    salary: int | None = Field(default=None, ge=0)
    currency: str | None = None
    with_salary: bool = False
    experience: list[str] = Field(default_factory=list)
    work_format: list[str] = Field(default_factory=list)
    employment_form: list[str] = Field(default_factory=list)
    schedule: list[str] = Field(default_factory=list)  # deprecated by HH, still answered
    order_by: OrderBy | None = None
    period: int | None = Field(default=None, ge=1, le=30)
    date_from: date | datetime | str | None = None

    @field_validator("area", mode="before")
    @classmethod
    def _area_ids_as_text(cls, value: Any) -> Any:
        if isinstance(value, str | int):
            value = [value]
        return [str(item) for item in value] if isinstance(value, list | tuple | set) else value

    @field_validator("search_field", "experience", "schedule", mode="before")
    @classmethod
    def _single_to_list(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("work_format", "employment_form", mode="before")
    @classmethod
    def _upper_case_ids(cls, value: Any) -> Any:
        # HH silently ignores lower-case new-style ids (``remote``), returning unfiltered results.
        if isinstance(value, str):
            value = [value]
        if isinstance(value, list | tuple | set):
            return [item.upper() if isinstance(item, str) else item for item in value]
        return value

    @field_validator("currency")
    @classmethod
    def _upper_currency(cls, value: str | None) -> str | None:
        return value.upper() if value else value

    @model_validator(mode="after")
    def _period_xor_date_from(self) -> VacancySearchParams:
        if self.period is not None and self.date_from is not None:
            raise ValueError("HH does not accept period together with date_from; pick one")
        return self

    def to_query(self) -> QueryPairs:
        """Query pairs in a fixed order; multi params repeat, empty values are omitted."""
        pairs: QueryPairs = []
        for name in ("text", "excluded_text"):
            value = getattr(self, name)
            if value and value.strip():
                pairs.append((name, value.strip()))
        for name in ("search_field", "area", "experience", "work_format", "employment_form"):
            pairs.extend((name, value) for value in _unique(getattr(self, name)))
        pairs.extend(("schedule", value) for value in _unique(self.schedule))
        if self.salary is not None:
            pairs.append(("salary", str(self.salary)))
            # HH only honours currency next to salary (issue #128), so alone it is noise.
            if self.currency:
                pairs.append(("currency", self.currency))
        if self.with_salary:
            pairs.append(("label", "with_salary"))
        if self.order_by:
            pairs.append(("order_by", self.order_by))
        if self.period is not None:
            pairs.append(("period", str(self.period)))
        if self.date_from is not None:
            pairs.append(("date_from", format_date_param(self.date_from)))
        return pairs

    def signature(self) -> str:
        """sha256 of the sorted query: equal searches share it whatever the value order."""
        canonical = "&".join(f"{key}={value}" for key, value in sorted(self.to_query()))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
