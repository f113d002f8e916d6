"""A person's named searches: list, create, rename, pause, delete, choose, schedule.

Every method takes the acting ``user_id`` and answers None / False for a search that is
not theirs, so a forged callback naming another person's search changes nothing.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.domain.clock import Clock, utc_now
from core.domain.hh_query import SearchOverrides, apply_overrides
from core.domain.preferences import UserPreferences
from core.domain.searches import (
    MAX_SEARCHES,
    DigestMode,
    QuietPolicy,
    SearchInfo,
    clean_name,
    name_from_titles,
)
from core.services.users import parse_digest_time
from db.repositories import PreferencesRepository, SearchRepository, info_of

_UNSET = object()


class TooManySearches(Exception):
    """The person already has MAX_SEARCHES searches."""


class NoProfile(Exception):
    """The person has no search yet to copy (not onboarded)."""


class DeleteOutcome(StrEnum):
    DELETED = "deleted"
    LAST = "last"  # their only search: it stays (the feed and the digest need one)
    NOT_FOUND = "not_found"


@dataclass(frozen=True, slots=True)
class SearchList:
    searches: builtins.list[SearchInfo]

    @property
    def active(self) -> SearchInfo | None:
        return next((s for s in self.searches if s.active), None)

    @property
    def full(self) -> bool:
        return len(self.searches) >= MAX_SEARCHES


def _time(value: object) -> str:
    """A local "HH:MM" as stored; ValueError for anything else."""
    parsed = parse_digest_time(value) if isinstance(value, str) else None
    if parsed is None:
        raise ValueError(f"bad time {value!r}")
    return parsed


class SearchService:
    def __init__(
        self, session_factory: async_sessionmaker[AsyncSession], clock: Clock = utc_now
    ) -> None:
        self._sessions = session_factory
        self._clock = clock

    async def list(self, user_id: int) -> SearchList:
        async with self._sessions() as session:
            rows, active = await SearchRepository(session).list_with_active(user_id)
            return SearchList([info_of(row, active) for row in rows])

    async def get(self, user_id: int, search_id: int) -> SearchInfo | None:
        async with self._sessions() as session:
            repo = SearchRepository(session)
            row = await repo.get(user_id, search_id)
            return info_of(row, await repo.active_id(user_id)) if row is not None else None

    async def active(self, user_id: int) -> SearchInfo | None:
        """The search /jobs and /preferences work on."""
        async with self._sessions() as session:
            repo = SearchRepository(session)
            active = await repo.active_id(user_id)
            row = await repo.get(user_id, active) if active is not None else None
            return info_of(row, active) if row is not None else None

    async def count(self, user_id: int) -> int:
        async with self._sessions() as session:
            return await SearchRepository(session).count(user_id)

    async def create_from_profile(self, user_id: int, name: str | None = None) -> SearchInfo:
        """A new search with what the person stated in their active search (roles,
        skills, cities, salary, formats, experience, exclusions), learning afresh; it
        becomes the active one. TooManySearches at the limit, NoProfile before
        onboarding."""
        async with self._sessions() as session:
            prefs = PreferencesRepository(session)
            current = await prefs.get_with_search(user_id)
            if current is None:
                raise NoProfile(str(user_id))
            declared = await prefs.get_declared(user_id, current[0]) or current[1]
            return await self._create(session, user_id, declared, name)

    async def create_from_search(
        self, user_id: int, overrides: SearchOverrides, name: str | None = None
    ) -> SearchInfo:
        """A new search from a one-off /search (its words, skills, city, salary on top of
        the active search's other preferences); it becomes the active one."""
        async with self._sessions() as session:
            prefs = PreferencesRepository(session)
            current = await prefs.get_with_search(user_id)
            if current is None:
                raise NoProfile(str(user_id))
            declared = await prefs.get_declared(user_id, current[0]) or current[1]
            searched = apply_overrides(declared, overrides)
            return await self._create(session, user_id, searched, name)

    async def _create(
        self, session: AsyncSession, user_id: int, declared: UserPreferences, name: str | None
    ) -> SearchInfo:
        repo = SearchRepository(session)
        if await repo.count(user_id) >= MAX_SEARCHES:
            raise TooManySearches(str(user_id))
        fresh = declared.model_copy(update={"last_learned_at": None}, deep=True)
        row = await repo.add(user_id, clean_name(name) or name_from_titles(fresh.job_titles))
        await PreferencesRepository(session).save(user_id, fresh, declared=fresh, search_id=row.id)
        await repo.set_active(user_id, row.id)
        await session.commit()
        return info_of(row, row.id)

    async def rename(self, user_id: int, search_id: int, name: str) -> SearchInfo | None:
        """None when the search is not theirs; ValueError for a name with nothing in it."""
        cleaned = clean_name(name)
        if cleaned is None:
            raise ValueError("empty name")
        return await self._update(user_id, search_id, name=cleaned)

    async def set_paused(self, user_id: int, search_id: int, paused: bool) -> SearchInfo | None:
        return await self._update(user_id, search_id, paused=paused)

    async def set_schedule(
        self,
        user_id: int,
        search_id: int,
        *,
        mode: DigestMode | None = None,
        time: str | object | None = _UNSET,
        weekday: int | None = None,
        quiet: tuple[str, str] | object | None = _UNSET,
        quiet_policy: QuietPolicy | None = None,
    ) -> SearchInfo | None:
        """Change the digest schedule of one search. ``time`` "HH:MM" (None: the
        person's digest time); ``quiet`` (start, end) "HH:MM" or None (no quiet hours).
        ValueError for a malformed time."""
        fields: dict[str, object] = {}
        if mode is not None:
            fields["digest_mode"] = DigestMode(mode).value
        if time is not _UNSET:
            fields["digest_time"] = None if time is None else _time(time)
        if weekday is not None:
            if not 0 <= weekday <= 6:
                raise ValueError(f"bad weekday {weekday}")
            fields["digest_weekday"] = weekday
        if quiet is not _UNSET:
            if quiet is None:
                fields["quiet_start"] = fields["quiet_end"] = None
            elif isinstance(quiet, tuple) and len(quiet) == 2:
                fields["quiet_start"], fields["quiet_end"] = _time(quiet[0]), _time(quiet[1])
            else:
                raise ValueError(f"bad quiet hours {quiet!r}")
        if quiet_policy is not None:
            fields["quiet_policy"] = QuietPolicy(quiet_policy).value
        return await self._update(user_id, search_id, **fields)

    async def _update(self, user_id: int, search_id: int, **fields: object) -> SearchInfo | None:
        async with self._sessions() as session:
            repo = SearchRepository(session)
            row = await repo.update(user_id, search_id, **fields)
            if row is None:
                return None
            info = info_of(row, await repo.active_id(user_id))
            await session.commit()
            return info

    async def choose(self, user_id: int, search_id: int) -> SearchInfo | None:
        """Make it the active search (/jobs, /preferences); None when not theirs."""
        async with self._sessions() as session:
            repo = SearchRepository(session)
            if not await repo.set_active(user_id, search_id):
                return None
            row = await repo.get(user_id, search_id)
            await session.commit()
            return info_of(row, search_id) if row is not None else None

    async def delete(self, user_id: int, search_id: int) -> DeleteOutcome:
        async with self._sessions() as session:
            repo = SearchRepository(session)
            if await repo.get(user_id, search_id) is None:
                return DeleteOutcome.NOT_FOUND
            if await repo.count(user_id) <= 1:
                return DeleteOutcome.LAST
            await repo.delete(user_id, search_id)
            await session.commit()
            return DeleteOutcome.DELETED
