"""What the bot believes a job seeker wants: the domain object every service reads.

Stored in ``user_job_preferences`` (db/models.py); converted by the repository, so the
engine never sees SQLAlchemy rows.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

# The seed's starting weights: skills 40 %, location 30 %, salary 30 %.
DEFAULT_WEIGHTS: dict[str, float] = {"skills": 0.4, "location": 0.3, "salary": 0.3}


class SavedJobStatus(StrEnum):
    SAVED = "saved"
    APPLIED = "applied"
    NO_ANSWER = "no_answer"
    INTERVIEW = "interview"
    OFFER = "offer"
    HIRED = "hired"
    REJECTED = "rejected"


class RecommendationSource(StrEnum):
    RECOMMENDATION = "recommendation"
    SEARCH = "search"
    DIGEST = "digest"


class FeedbackReason(StrEnum):
    """Why a vacancy was not relevant: the reason chips shown after 👎."""

    SKILLS = "skills"
    LOCATION = "location"
    SALARY = "salary"
    EXPERIENCE = "experience"  # asks more (or other) experience than the person has
    COMPANY = "company"
    OTHER = "other"


# HH experience ids, least first.
EXPERIENCE_LEVELS: tuple[str, ...] = ("noExperience", "between1And3", "between3And6", "moreThan6")


def experience_level(experience: str | None) -> int | None:
    """Position of an HH experience id in EXPERIENCE_LEVELS; None when unknown."""
    return EXPERIENCE_LEVELS.index(experience) if experience in EXPERIENCE_LEVELS else None


class LearnedLimits(BaseModel):
    """Limits learned from 👍 / 👎 (core.domain.learning).

    Vacancies paying at most ``pay_too_low`` (a month's pay as posted, in the person's
    currency) rank lower by ``pay_strength``; those asking at least ``experience_too_high``
    (an HH experience id) rank lower by ``experience_strength``. Strengths are in [0, 1]
    and fade with the taps' age. ``pay_firm``: the person's own «Salary too low» taps
    agree on the pay limit at full strength (not only with their floor or their likes),
    so a card paying that little is no longer one of theirs and is not shown; it stops
    when the taps fade, on a 👍 that pays as little, or on "reset learning".
    """

    model_config = ConfigDict(frozen=True)

    pay_too_low: int | None = None
    pay_strength: float = 0.0
    pay_firm: bool = False
    experience_too_high: str | None = None
    experience_strength: float = 0.0
    # «Wrong city» on remote vacancies posted from other cities: those rank lower by this.
    remote_strength: float = 0.0

    @property
    def pay_limit(self) -> int | None:
        """The pay limit in force (with some strength left), or None."""
        return self.pay_too_low if self.pay_too_low and self.pay_strength > 0 else None

    @property
    def hides_low_pay(self) -> bool:
        """A firm pay limit is in force: pay that low is not shown."""
        return self.pay_firm and self.pay_limit is not None


class SalaryExpectation(BaseModel):
    model_config = ConfigDict(frozen=True)

    minimum: int | None = None
    maximum: int | None = None
    currency: str = "KZT"


class ScoreWeights(BaseModel):
    skills: float = DEFAULT_WEIGHTS["skills"]
    location: float = DEFAULT_WEIGHTS["location"]
    salary: float = DEFAULT_WEIGHTS["salary"]

    def normalised(self) -> ScoreWeights:
        total = self.skills + self.location + self.salary
        if total <= 0:
            return ScoreWeights()
        return ScoreWeights(
            skills=self.skills / total, location=self.location / total, salary=self.salary / total
        )


class UserPreferences(BaseModel):
    """Everything the ranking uses for one user. Skill names are canonical catalogue names."""

    skills: dict[str, float] = Field(default_factory=dict)  # skill -> importance (0..1]
    preferred_skills: list[str] = Field(default_factory=list)  # assessment strengths
    avoided_skills: list[str] = Field(default_factory=list)  # weaknesses, "less of X"
    categories: list[str] = Field(default_factory=list)
    area_ids: list[str] = Field(default_factory=list)  # empty = anywhere
    remote_ok: bool = True
    work_formats: list[str] = Field(default_factory=list)  # HH ids: ON_SITE, REMOTE, HYBRID…
    employment_forms: list[str] = Field(default_factory=list)  # HH ids: FULL, PART…
    experience: str | None = None  # HH id: noExperience, between1And3…
    salary: SalaryExpectation = Field(default_factory=SalaryExpectation)
    job_titles: list[str] = Field(default_factory=list)
    positive_keywords: dict[str, float] = Field(default_factory=dict)
    negative_keywords: dict[str, float] = Field(default_factory=dict)
    # Learned from 👍/👎 on vacancies of a role (core.domain.roles key -> weight): liked roles
    # join the person's own, disliked ones rank lower. Never negative for their own roles.
    role_affinity: dict[str, float] = Field(default_factory=dict)
    weights: ScoreWeights = Field(default_factory=ScoreWeights)
    # Learned from 👍 / 👎: pay and experience that rank lower (bounded, fading).
    learned_limits: LearnedLimits = Field(default_factory=LearnedLimits)
    # Dealbreakers: hard filters, shown in /preferences.
    salary_is_floor: bool = False  # drop vacancies clearly below the expectation
    only_my_city: bool = False  # drop on-site vacancies in other cities
    exclude_applied: bool = True
    last_learned_at: datetime | None = None
