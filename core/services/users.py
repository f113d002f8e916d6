"""Users: registration on first contact, language / time zone / digest settings, export
and deletion. See docs/SERVICES.md."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.config import Settings
from core.domain.clock import Clock, utc_now
from core.domain.locale import SUPPORTED_LANGUAGES, language_for
from core.domain.zone_names import zone_for
from db.models import User
from db.repositories.users import UserRepository

_DIGEST_TIME = re.compile(r"^\s*([01]?\d|2[0-3])\s*[:.\sh-]\s*([0-5]\d)\s*$")


# last_seen_at is written at most this often, so a chatty user is not a write per update
# (it feeds the "active in the last N days" statistics: minutes do not matter).
LAST_SEEN_RESOLUTION = timedelta(minutes=10)


def parse_digest_time(text: str) -> str | None:
    """ "9:05", "09.05", "21 30" → "HH:MM"; None when it is not a time of day."""
    match = _DIGEST_TIME.match(text or "")
    if match is None:
        return None
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def valid_timezone(name: str) -> str | None:
    """The IANA zone name if it exists (``Asia/Almaty``), else None."""
    candidate = (name or "").strip()
    if not candidate or len(candidate) > 64 or ("/" not in candidate and candidate != "UTC"):
        return None
    try:
        ZoneInfo(candidate)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return candidate


def canonical_timezone(typed: str) -> str:
    """The IANA name a person meant: "europe/moscow", "Moscow", «Москва» give
    "Europe/Moscow"; «UTC+5» gives "Etc/GMT-5". Unknown text comes back as typed (and is
    then refused)."""
    return zone_for(typed) or "_".join(typed.split())


@dataclass(frozen=True, slots=True)
class UserProfile:
    id: int
    first_name: str | None
    language: str
    timezone: str
    digest_enabled: bool
    digest_time: str
    is_active: bool
    onboarded: bool
    onboarded_at: datetime | None = None  # when the setup was finished (UTC)

    @classmethod
    def from_row(cls, row: User) -> UserProfile:
        return cls(
            id=row.id,
            first_name=row.first_name,
            language=row.language,
            timezone=row.timezone,
            digest_enabled=row.digest_enabled,
            digest_time=row.digest_time,
            is_active=row.is_active,
            onboarded=row.onboarding_completed_at is not None,
            onboarded_at=row.onboarding_completed_at,
        )


class UserService:
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        settings: Settings,
        clock: Clock = utc_now,
    ) -> None:
        self._sessions = session_factory
        self._settings = settings
        self._clock = clock
        self._listeners: list[Callable[[int], None]] = []

    def on_changed(self, listener: Callable[[int], None]) -> None:
        """Call ``listener(user_id)`` after a user's settings change or they are deleted
        (the Mini App's API keeps who is who in memory and forgets them then)."""
        self._listeners.append(listener)

    def _changed(self, user_id: int) -> None:
        for listener in self._listeners:
            listener(user_id)

    async def ensure_user(
        self,
        user_id: int,
        *,
        first_name: str | None,
        username: str | None,
        language_code: str | None,
    ) -> UserProfile:
        """The user's profile, created on first contact; a blocked user is active again.

        Runs on every update, so a known user costs one primary-key read: nothing is
        written unless something changed (a new user, a reactivation, a new first name,
        or ``last_seen_at`` older than LAST_SEEN_RESOLUTION). A write per update would
        queue every update on SQLite's single write lock."""
        async with self._sessions() as session:
            repo = UserRepository(session)
            row = await repo.get(user_id)
            created = False
            if row is None:
                row, created = await repo.get_or_create(
                    user_id,
                    first_name=(first_name or "")[:128] or None,
                    username=(username or "")[:64] or None,
                    language=language_for(language_code),
                    timezone=self._settings.default_timezone,
                    digest_time=self._settings.default_digest_time,
                )
            now = self._clock()
            changes: dict[str, Any] = {}
            if row.last_seen_at is None or now - row.last_seen_at > LAST_SEEN_RESOLUTION:
                changes["last_seen_at"] = now
            if not row.is_active:
                changes.update(is_active=True, blocked_at=None)
            if not created and first_name and row.first_name != first_name[:128]:
                changes["first_name"] = first_name[:128]
            if changes:
                await repo.update(user_id, **changes)
            if created or changes:
                await session.commit()
            return UserProfile.from_row(row)

    async def get(self, user_id: int) -> UserProfile | None:
        async with self._sessions() as session:
            row = await UserRepository(session).get(user_id)
            return UserProfile.from_row(row) if row is not None else None

    async def set_language(self, user_id: int, lang: str) -> None:
        if lang not in SUPPORTED_LANGUAGES:
            raise ValueError(f"unsupported language {lang!r}")
        await self._update(user_id, language=lang)

    async def set_timezone(self, user_id: int, tz: str) -> bool:
        """False (and nothing written) when ``tz`` is not a known IANA zone."""
        zone = valid_timezone(tz)
        if zone is None:
            return False
        return await self._update(user_id, timezone=zone)

    async def set_digest(
        self, user_id: int, *, enabled: bool | None = None, time: str | None = None
    ) -> bool:
        """False (and nothing written) when ``time`` is not HH:MM."""
        changes: dict[str, Any] = {}
        if enabled is not None:
            changes["digest_enabled"] = enabled
        if time is not None:
            parsed = parse_digest_time(time)
            if parsed is None:
                return False
            changes["digest_time"] = parsed
        if not changes:
            return True
        return await self._update(user_id, **changes)

    async def delete_user(self, user_id: int) -> None:
        """Delete the user and every row they own (preferences, feedback, FSM state…)."""
        async with self._sessions() as session:
            await UserRepository(session).delete(user_id)
            await session.commit()
        self._changed(user_id)

    async def export(self, user_id: int) -> dict[str, Any]:
        """Everything stored about the user, JSON-serialisable."""
        async with self._sessions() as session:
            exported = await UserRepository(session).export(user_id)
        return exported or {"user": None}

    async def _update(self, user_id: int, **fields: Any) -> bool:
        async with self._sessions() as session:
            row = await UserRepository(session).update(user_id, **fields)
            await session.commit()
        self._changed(user_id)
        return row is not None
