"""Users: the root every other row hangs off; also /export and /delete_me."""

from __future__ import annotations

from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import delete, func, select, update

from db.models import (
    AssessmentResult,
    DigestDelivery,
    FsmRecord,
    HiddenEmployer,
    JobFeedback,
    JobRecommendation,
    PreferenceEvent,
    SavedJob,
    SavedJobStatusChange,
    Search,
    User,
    UserJobPreferences,
)
from db.repositories._base import Repository, check_fields, row_to_dict

USER_FIELDS = frozenset(
    {
        "first_name",
        "username",
        "language",
        "timezone",
        "digest_enabled",
        "digest_time",
        "is_active",
        "blocked_at",
        "onboarding_completed_at",
        "last_seen_at",
    }
)


class DigestSubscriberRow(NamedTuple):
    """One digest subscriber, as the due rule reads them."""

    user_id: int
    timezone: str
    digest_time: str
    language: str | None
    onboarded_at: datetime | None


# Export sections: key in the exported dict → model whose rows carry user_id.
_EXPORT_SECTIONS: tuple[tuple[str, Any], ...] = (
    ("assessments", AssessmentResult),
    ("recommendations", JobRecommendation),
    ("feedback", JobFeedback),
    ("saved_jobs", SavedJob),
    ("saved_job_status_changes", SavedJobStatusChange),
    ("hidden_employers", HiddenEmployer),
    ("preference_events", PreferenceEvent),
    ("digest_deliveries", DigestDelivery),
    ("searches", Search),
    ("search_preferences", UserJobPreferences),
)


class UserRepository(Repository):
    async def get(self, user_id: int) -> User | None:
        return await self.session.get(User, user_id)

    async def get_or_create(
        self,
        user_id: int,
        first_name: str | None = None,
        username: str | None = None,
        language: str | None = None,
        timezone: str | None = None,
        digest_time: str | None = None,
    ) -> tuple[User, bool]:
        """The user, and whether this call created them.

        INSERT … ON CONFLICT DO NOTHING, so two first updates of one person arriving
        together cannot fail on the primary key. ``None`` arguments take model defaults.
        """
        given = {
            "first_name": first_name,
            "username": username,
            "language": language,
            "timezone": timezone,
            "digest_time": digest_time,
        }
        values = {key: value for key, value in given.items() if value is not None}
        stmt = (
            self._insert(User)
            .values(id=user_id, **values)
            .on_conflict_do_nothing(index_elements=[User.id])
            .returning(User.id)
        )
        created = (await self.session.execute(stmt)).first() is not None
        user = await self.session.get(User, user_id)
        assert user is not None  # inserted above or already there
        return user, created

    async def update(self, user_id: int, **fields: Any) -> User | None:
        check_fields(fields, USER_FIELDS, "user")
        user = await self.get(user_id)
        if user is None:
            return None
        for name, value in fields.items():
            setattr(user, name, value)
        await self.session.flush()
        return user

    async def mark_inactive(self, user_id: int, at: datetime) -> bool:
        """The user blocked the bot (Telegram answered 403): stop pushing to them."""
        stmt = update(User).where(User.id == user_id).values(is_active=False, blocked_at=at)
        return await self._rows_changed(stmt) > 0

    async def delete(self, user_id: int) -> bool:
        """Delete the user and, through ON DELETE CASCADE, every row they own.

        The FSM state has no foreign key (a dialog can precede the user row), so it
        is deleted explicitly."""
        await self.session.execute(delete(FsmRecord).where(FsmRecord.user_id == user_id))
        return await self._rows_changed(delete(User).where(User.id == user_id)) > 0

    async def list_active_with_digest(self) -> list[User]:
        """Active users with the digest on who finished onboarding (have preferences)."""
        stmt = (
            select(User)
            .where(
                User.is_active.is_(True),
                User.digest_enabled.is_(True),
                User.onboarding_completed_at.is_not(None),
            )
            .order_by(User.id)
        )
        return list((await self.session.scalars(stmt)).all())

    async def digest_subscribers(self) -> list[DigestSubscriberRow]:
        """(id, timezone, digest_time, language, onboarding_completed_at) of the users
        list_active_with_digest returns, same order: five columns, not every subscriber
        as an ORM object."""
        stmt = (
            select(
                User.id,
                User.timezone,
                User.digest_time,
                User.language,
                User.onboarding_completed_at,
            )
            .where(
                User.is_active.is_(True),
                User.digest_enabled.is_(True),
                User.onboarding_completed_at.is_not(None),
            )
            .order_by(User.id)
        )
        return [DigestSubscriberRow(*row) for row in (await self.session.execute(stmt)).all()]

    async def count(self, *, active_only: bool = False) -> int:
        stmt = select(func.count()).select_from(User)
        if active_only:
            stmt = stmt.where(User.is_active.is_(True))
        return int((await self.session.scalar(stmt)) or 0)

    async def export(self, user_id: int) -> dict[str, Any] | None:
        """Everything stored about the user, JSON-serialisable, for /export."""
        user = await self.get(user_id)
        if user is None:
            return None
        prefs = await self.session.scalar(  # the first search's (every search's: below)
            select(UserJobPreferences)
            .where(UserJobPreferences.user_id == user_id)
            .order_by(UserJobPreferences.id)
            .limit(1)
        )
        exported: dict[str, Any] = {
            "user": row_to_dict(user),
            "preferences": row_to_dict(prefs) if prefs is not None else None,
        }
        for section, model in _EXPORT_SECTIONS:
            rows = await self.session.scalars(
                select(model).where(model.user_id == user_id).order_by(model.id)
            )
            exported[section] = [row_to_dict(row) for row in rows]
        # A dialog in progress holds the person's answers too (a resume's findings
        # before they confirm them): they are theirs to see.
        dialogs = await self.session.scalars(
            select(FsmRecord).where(FsmRecord.user_id == user_id).order_by(FsmRecord.key)
        )
        exported["dialogs"] = [row_to_dict(row) for row in dialogs]
        return exported
