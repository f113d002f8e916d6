"""SQLAlchemy 2 typed models: the data model of DESIGN.md. Every row hangs off a user
with ON DELETE CASCADE, so /delete_me is one DELETE."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base

JsonType = JSON().with_variant(JSONB(), "postgresql")


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every dialect.

    SQLite has no time zone type: SQLAlchemy stores the wall-clock digits and returns a
    naive value, so an aware ``datetime`` in another zone would be stored shifted and a
    naive one read back could not be compared with ``utcnow()``. Normalising to UTC on
    the way in and tagging UTC on the way out makes both dialects behave like
    PostgreSQL's ``timestamptz``. Naive input is taken to be UTC already.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


def _user_fk() -> ForeignKey:
    return ForeignKey("users.id", ondelete="CASCADE")


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    first_name: Mapped[str | None] = mapped_column(String(128))
    username: Mapped[str | None] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(8), default="en")
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Almaty")
    digest_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    digest_time: Mapped[str] = mapped_column(String(5), default="09:00")  # local HH:MM
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    blocked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    onboarding_completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The search /jobs and /preferences work on (the last one chosen); None: the first.
    # No foreign key: a deleted search simply stops being found, the first one is used.
    active_search_id: Mapped[int | None] = mapped_column(Integer)


class Search(Base):
    """One named search of a person (up to core.domain.searches.MAX_SEARCHES): its
    preferences and learning live in its ``user_job_preferences`` row, its digest
    schedule here. Position 0 is the first: what onboarding made."""

    __tablename__ = "searches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, _user_fk(), index=True)
    name: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(Integer, default=0)
    paused: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    digest_mode: Mapped[str] = mapped_column(String(8), default="daily", server_default="daily")
    # Local "HH:MM"; None: the person's digest time (/settings).
    digest_time: Mapped[str | None] = mapped_column(String(5))
    digest_weekday: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    quiet_start: Mapped[str | None] = mapped_column(String(5))
    quiet_end: Mapped[str | None] = mapped_column(String(5))
    quiet_policy: Mapped[str] = mapped_column(String(8), default="silent", server_default="silent")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class UserJobPreferences(Base):
    __tablename__ = "user_job_preferences"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, _user_fk(), index=True)
    search_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("searches.id", ondelete="CASCADE"), unique=True
    )
    skills: Mapped[dict[str, float]] = mapped_column(JsonType, default=dict)
    preferred_skills: Mapped[list[str]] = mapped_column(JsonType, default=list)
    avoided_skills: Mapped[list[str]] = mapped_column(JsonType, default=list)
    categories: Mapped[list[str]] = mapped_column(JsonType, default=list)
    area_ids: Mapped[list[str]] = mapped_column(JsonType, default=list)
    remote_ok: Mapped[bool] = mapped_column(Boolean, default=True)
    work_formats: Mapped[list[str]] = mapped_column(JsonType, default=list)
    employment_forms: Mapped[list[str]] = mapped_column(JsonType, default=list)
    experience: Mapped[str | None] = mapped_column(String(32))
    salary_min: Mapped[int | None] = mapped_column(BigInteger)
    salary_max: Mapped[int | None] = mapped_column(BigInteger)
    salary_currency: Mapped[str] = mapped_column(String(8), default="KZT")
    job_titles: Mapped[list[str]] = mapped_column(JsonType, default=list)
    positive_keywords: Mapped[dict[str, float]] = mapped_column(JsonType, default=dict)
    negative_keywords: Mapped[dict[str, float]] = mapped_column(JsonType, default=dict)
    role_affinity: Mapped[dict[str, float]] = mapped_column(
        JsonType, default=dict, server_default="{}"
    )
    learned_limits: Mapped[dict[str, Any]] = mapped_column(
        JsonType, default=dict, server_default="{}"
    )
    weight_skills: Mapped[float] = mapped_column(Float, default=0.4)
    weight_location: Mapped[float] = mapped_column(Float, default=0.3)
    weight_salary: Mapped[float] = mapped_column(Float, default=0.3)
    salary_is_floor: Mapped[bool] = mapped_column(Boolean, default=False)
    only_my_city: Mapped[bool] = mapped_column(Boolean, default=False)
    exclude_applied: Mapped[bool] = mapped_column(Boolean, default=True)
    last_learned_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # What the user stated (onboarding, edits, assessment), before any learning: learning
    # recomputes from it, and "reset learning" restores it.
    declared: Mapped[dict[str, Any] | None] = mapped_column(JsonType)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class AssessmentResult(Base):
    __tablename__ = "assessment_results"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, _user_fk(), index=True)
    strengths: Mapped[list[str]] = mapped_column(JsonType, default=list)
    weaknesses: Mapped[list[str]] = mapped_column(JsonType, default=list)
    answers: Mapped[dict[str, Any]] = mapped_column(JsonType, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class JobRecommendation(Base):
    __tablename__ = "job_recommendations"
    __table_args__ = (
        UniqueConstraint("user_id", "vacancy_id"),
        Index("ix_job_recommendations_user_relevance", "user_id", "relevance_score"),
        Index("ix_job_recommendations_user_content", "user_id", "content_hash"),
        # The reminder tick's "Did you apply?" scan: details opened within a window.
        Index("ix_job_recommendations_details_opened", "details_opened_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, _user_fk())
    # The search that found it (its feed and digest); None once that search is deleted.
    search_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("searches.id", ondelete="SET NULL"), index=True
    )
    vacancy_id: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(512))
    employer_id: Mapped[str | None] = mapped_column(String(32))
    employer_name: Mapped[str | None] = mapped_column(String(512))
    area_id: Mapped[str | None] = mapped_column(String(16))
    area_name: Mapped[str | None] = mapped_column(String(256))
    salary_from: Mapped[int | None] = mapped_column(BigInteger)
    salary_to: Mapped[int | None] = mapped_column(BigInteger)
    salary_currency: Mapped[str | None] = mapped_column(String(8))
    salary_gross: Mapped[bool | None] = mapped_column(Boolean)
    url: Mapped[str | None] = mapped_column(String(512))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    skills_score: Mapped[float] = mapped_column(Float, default=0.0)
    location_score: Mapped[float] = mapped_column(Float, default=0.0)
    salary_score: Mapped[float] = mapped_column(Float, default=0.0)
    relevance_score: Mapped[float] = mapped_column(Float, default=0.0)
    explanation: Mapped[dict[str, Any]] = mapped_column(JsonType, default=dict)
    raw: Mapped[dict[str, Any]] = mapped_column(JsonType, default=dict)
    content_hash: Mapped[str | None] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(16), default="recommendation")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    shown_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    details_opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # When "Did you apply?" was claimed for this vacancy (asked once; the apply funnel).
    apply_asked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class SavedJob(Base):
    __tablename__ = "saved_jobs"
    __table_args__ = (
        UniqueConstraint("user_id", "recommendation_id"),
        Index("ix_saved_jobs_reminder_due", "reminder_at", "reminder_sent_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, _user_fk())
    # Indexed: pruning recommendations cascades here, and PostgreSQL does not index FKs.
    recommendation_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("job_recommendations.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(16), default="saved")
    notes: Mapped[str | None] = mapped_column(Text)
    reminder_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reminder_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reminder_message_id: Mapped[int | None] = mapped_column(BigInteger)
    applied_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    interview_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    recommendation: Mapped[JobRecommendation] = relationship(lazy="joined")


class SavedJobStatusChange(Base):
    """Every status move, kept for the funnel (applied → interview → hired)."""

    __tablename__ = "saved_job_status_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    saved_job_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("saved_jobs.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(BigInteger, _user_fk(), index=True)
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class JobFeedback(Base):
    __tablename__ = "job_feedback"
    __table_args__ = (UniqueConstraint("user_id", "recommendation_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, _user_fk(), index=True)
    # Indexed: pruning recommendations cascades here, and PostgreSQL does not index FKs.
    recommendation_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("job_recommendations.id", ondelete="CASCADE"), index=True
    )
    is_relevant: Mapped[bool | None] = mapped_column(Boolean)
    is_interested: Mapped[bool | None] = mapped_column(Boolean)
    score: Mapped[int | None] = mapped_column(Integer)  # 1..5
    reason: Mapped[str | None] = mapped_column(String(16))  # FeedbackReason after 👎
    skill_feedback: Mapped[str | None] = mapped_column(String(16))  # fits / mismatch
    location_feedback: Mapped[str | None] = mapped_column(String(16))
    salary_feedback: Mapped[str | None] = mapped_column(String(16))
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class PreferenceEvent(Base):
    """Explicit signals outside a vacancy's feedback ("less of 1С", reset learning).

    Kept so the periodic refresh can recompute preferences from the whole history."""

    __tablename__ = "preference_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, _user_fk(), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # less_of / more_of / reset
    value: Mapped[str | None] = mapped_column(String(256))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class HiddenEmployer(Base):
    __tablename__ = "hidden_employers"
    __table_args__ = (UniqueConstraint("user_id", "employer_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, _user_fk())
    employer_id: Mapped[str] = mapped_column(String(32))
    employer_name: Mapped[str | None] = mapped_column(String(512))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class DigestDelivery(Base):
    """One row per search and period (its local day, or the day of its weekly digest):
    the claim that makes a digest go out exactly once."""

    __tablename__ = "digest_deliveries"
    __table_args__ = (UniqueConstraint("user_id", "search_id", "local_date"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, _user_fk())
    # No foreign key: a deleted search's rows go with it explicitly (SearchRepository).
    search_id: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    local_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending/sent/empty
    # While pending, the progress so far (one update per card): resumed, not repeated.
    message_ids: Mapped[list[int]] = mapped_column(JsonType, default=list)
    vacancy_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Who is sending it (the push scheduler's holder id); None while pending = put down
    # part-way by a transient failure, for the next tick to take up at once.
    holder: Mapped[str | None] = mapped_column(String(128))
    # Set (and committed) before the context line is sent: it never goes out twice.
    header_sent: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class HHCacheEntry(Base):
    """HH responses by key: ``search:<params hash>`` or ``vacancy:<id>``."""

    __tablename__ = "hh_cache"

    key: Mapped[str] = mapped_column(String(128), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    payload: Mapped[Any] = mapped_column(JsonType)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class FsmRecord(Base):
    """aiogram FSM state and data, so a dialog survives a restart."""

    __tablename__ = "fsm_storage"

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    # No FK: a dialog can start before the user row exists. Kept so deleting a user
    # (UserRepository.delete) can erase their dialog state too.
    user_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    state: Mapped[str | None] = mapped_column(String(255))
    data: Mapped[dict[str, Any]] = mapped_column(JsonType, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class SchedulerLease(Base):
    """Leader lease: only the holder runs the push jobs."""

    __tablename__ = "scheduler_leases"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    holder: Mapped[str] = mapped_column(String(128))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
