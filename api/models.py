"""The JSON the API reads and writes: one pydantic model per body, query and answer.

Request models forbid unknown fields, so a misspelt field is a 422 naming it rather than
a silent no-op. The OpenAPI document (api/openapi.py) is built from these classes.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from core.domain.preferences import SavedJobStatus
from core.services.saved import NOTES_LIMIT

MAX_PER_PAGE = 50
MAX_NOTES = 2000  # a 👎's notes; a saved vacancy's: NOTES_LIMIT
MAX_SKILLS = 30


class Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


# ------------------------------------------------------------------------------ requests
class RecommendationsQuery(Request):
    page: int = Field(1, ge=1, le=1000, description="1-based page of the feed")
    per_page: int = Field(10, ge=1, le=MAX_PER_PAGE)
    refresh: bool = Field(False, description="ask HH for new vacancies first")


class SearchRequest(Request):
    use_preferences: bool = Field(
        True, description="false: the profile's skills and titles are not searched for"
    )
    text: str | None = Field(None, max_length=200, description="words or a job title")
    override_skills: list[str] | None = Field(None, max_length=MAX_SKILLS)
    override_location: str | None = Field(
        None, max_length=100, description="a city name or an HH area id"
    )
    override_salary_min: int | None = Field(None, ge=0, le=100_000_000)
    include_remote: bool | None = None
    exclude_applied: bool | None = None
    search_id: int | None = Field(
        None, ge=1, le=2**31 - 1, description="one of the person's searches; default: the active"
    )
    page: int = Field(1, ge=1, le=1000)
    per_page: int = Field(10, ge=1, le=MAX_PER_PAGE)


class SaveRequest(Request):
    job_recommendation_id: int = Field(ge=1)
    notes: str | None = Field(None, max_length=NOTES_LIMIT)
    application_status: SavedJobStatus = SavedJobStatus.SAVED
    reminder_date: datetime | None = Field(None, description="ISO 8601; naive means UTC")


class SavedJobUpdate(Request):
    """Only the fields present change; ``null`` clears notes or the reminder."""

    application_status: SavedJobStatus | None = None
    application_date: datetime | None = Field(
        None, description="when they applied (with a move to applied or further)"
    )
    notes: str | None = Field(None, max_length=NOTES_LIMIT)
    reminder_date: datetime | None = None


class FeedbackRequest(Request):
    job_recommendation_id: int = Field(ge=1)
    is_relevant: bool | None = Field(None, description="👍 true, 👎 false")
    is_interested: bool | None = None
    relevance_score: int | None = Field(None, ge=1, le=5)
    skill_match_feedback: bool | None = Field(None, description="the skills fit")
    location_feedback: bool | None = Field(None, description="the location fits")
    salary_feedback: bool | None = Field(None, description="the salary fits")
    feedback_notes: str | None = Field(None, max_length=MAX_NOTES)


class SalaryPreference(Request):
    minimum: int | None = Field(None, ge=0, le=100_000_000)
    maximum: int | None = Field(None, ge=0, le=100_000_000)
    currency: str = Field("KZT", pattern=r"^[A-Z]{3}$")


class WeightsPreference(Request):
    skills: float = Field(ge=0, le=1)
    location: float = Field(ge=0, le=1)
    salary: float = Field(ge=0, le=1)


class PreferencesUpdate(Request):
    """The stated preferences; only the fields present change."""

    skills: list[str] | None = Field(None, max_length=MAX_SKILLS)
    job_titles: list[str] | None = Field(None, max_length=10)
    area_ids: list[str] | None = Field(None, max_length=10)
    remote_ok: bool | None = None
    work_formats: list[Literal["ON_SITE", "REMOTE", "HYBRID", "FIELD_WORK"]] | None = None
    employment_forms: (
        list[Literal["FULL", "PART", "PROJECT", "FLY_IN_FLY_OUT", "SIDE_JOB"]] | None
    ) = None
    experience: Literal["noExperience", "between1And3", "between3And6", "moreThan6"] | None = None
    salary: SalaryPreference | None = None
    weights: WeightsPreference | None = None
    salary_is_floor: bool | None = None
    only_my_city: bool | None = None
    exclude_applied: bool | None = None


# ------------------------------------------------------------------------------ answers
class Explanation(BaseModel):
    """Why a vacancy was recommended: the same facts as the chat card's "why" line."""

    matched_skills: list[str]
    missing_skills: list[str]
    salary_note: str
    salary_ratio: float | None
    location_reason: str
    title_match: bool
    role_fit: bool | None


class Recommendation(BaseModel):
    id: int = Field(description="job_recommendation_id")
    vacancy_id: str
    title: str
    employer_name: str | None
    area_name: str | None
    salary_from: int | None
    salary_to: int | None
    salary_currency: str | None
    salary_gross: bool | None
    url: str | None
    snippet: str
    match_percent: int = Field(ge=0, le=100, description="as on the chat card")
    why: str = Field(description="the chat card's 'why' line, in the person's language")
    explanation: Explanation
    saved: bool
    feedback: bool | None = Field(description="true 👍, false 👎, null not rated")
    published_at: datetime | None


class RecommendationList(BaseModel):
    recommendations: list[Recommendation]
    total: int
    page: int
    per_page: int
    total_pages: int
    stale: bool = Field(description="HH failed: stored vacancies shown")
    fitting: int | None = Field(
        default=None,
        description="the feed: every vacancy that fits, also those seen in an earlier "
        "browse (total leaves them out while unseen ones are left); null for a search",
    )


class SavedJob(BaseModel):
    id: int
    job: Recommendation
    application_status: SavedJobStatus
    next_statuses: list[SavedJobStatus]
    notes: str | None
    reminder_date: datetime | None
    application_date: datetime | None
    created_at: datetime
    updated_at: datetime


class SavedJobList(BaseModel):
    saved_jobs: list[SavedJob]
    statuses: list[SavedJobStatus] = Field(description="the board's columns, in order")


class FeedbackAnswer(BaseModel):
    job_recommendation_id: int
    is_relevant: bool | None
    less_of: list[str] = Field(description="skills to offer as 'less of …' after 👎")


class Preferences(BaseModel):
    skills: list[str]
    job_titles: list[str]
    area_ids: list[str]
    remote_ok: bool
    work_formats: list[str]
    employment_forms: list[str]
    experience: str | None
    salary: SalaryPreference
    weights: WeightsPreference
    salary_is_floor: bool
    only_my_city: bool
    exclude_applied: bool
    last_learned_at: datetime | None


class SkillCount(BaseModel):
    skill: str
    vacancies: int


class SkillDemand(SkillCount):
    has: bool


class Funnel(BaseModel):
    saved: int
    applied: int
    no_answer: int
    interview: int
    offer: int
    hired: int
    rejected: int
    interview_rate: float | None
    offer_rate: float | None
    success_rate: float | None


class SalaryContext(BaseModel):
    """Where the person's expected salary stands among vacancies of their role and city."""

    currency: str
    job_title: str | None
    vacancies: int
    paid_vacancies: int
    expected: int | None
    above_share: float | None = Field(description="null when the sample is under 30")
    quartiles: list[float] | None = Field(description="25th, 50th, 75th percentile")
    skills: list[SkillDemand]


class Analytics(BaseModel):
    recommendations: int
    shown: int
    rated: int
    liked: int
    recommendation_accuracy: float | None = Field(description="share of 👍 among rated")
    saved: int
    application_success_rates: Funnel
    top_skills_in_demand: list[SkillCount]
    salary_context: SalaryContext | None = Field(description="null when HH is unreachable")


class ErrorBody(BaseModel):
    code: str
    message: str
    field: str | None = None


class ErrorAnswer(BaseModel):
    error: ErrorBody
