"""Typed models of the JSON HeadHunter really sends (see reference/HH_API.md §2-6).

Lenient on purpose: any field the spec marks nullable may be null, lists may be null,
dates carry offsets without a colon (``+0300``), and unknown fields are ignored.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator


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


class Employer(HHModel):
    id: str | None = None
    name: str = ""
    url: str | None = None
    alternate_url: str | None = None
    trusted: bool | None = None


class Snippet(HHModel):
    requirement: str | None = None
    responsibility: str | None = None


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

    _lists = field_validator("work_format", "key_skills", "professional_roles", mode="before")(
        _none_to_list
    )

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


class VacancySearchPage(HHModel):
    items: list[Vacancy] = Field(default_factory=list)
    found: int = 0
    pages: int = 0
    page: int = 0
    per_page: int = 0
    alternate_url: str | None = None

    _items = field_validator("items", mode="before")(_none_to_list)


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
