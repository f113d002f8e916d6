"""A person's named searches: the ``searches`` rows and which one is active."""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from typing import Any, NamedTuple

from sqlalchemy import bindparam, delete, func, select, update

from core.domain.searches import DigestMode, QuietPolicy, SearchInfo, SearchSchedule
from db.models import DigestDelivery, Search, User, UserJobPreferences
from db.repositories._base import Repository, check_fields

SEARCH_FIELDS = frozenset(
    {
        "name",
        "paused",
        "digest_mode",
        "digest_time",
        "digest_weekday",
        "quiet_start",
        "quiet_end",
        "quiet_policy",
    }
)


# A person's searches (first position first) with the search they last chose: built once,
# read on every page of the feed ("For «Backend»" when there are several).
_LIST_WITH_CHOSEN = (
    select(Search, User.active_search_id)
    .join(User, User.id == Search.user_id)
    .where(Search.user_id == bindparam("user_id"))
    .order_by(Search.position, Search.id)
)


def _mode(value: str | None) -> DigestMode:
    try:
        return DigestMode(value or DigestMode.DAILY)
    except ValueError:
        return DigestMode.DAILY


def _policy(value: str | None) -> QuietPolicy:
    try:
        return QuietPolicy(value or QuietPolicy.SILENT)
    except ValueError:
        return QuietPolicy.SILENT


def schedule_of(row: Any) -> SearchSchedule:
    return SearchSchedule(
        mode=_mode(row.digest_mode),
        time=row.digest_time,
        weekday=int(row.digest_weekday or 0) % 7,
        quiet_start=row.quiet_start,
        quiet_end=row.quiet_end,
        quiet_policy=_policy(row.quiet_policy),
    )


def info_of(row: Search, active_id: int | None) -> SearchInfo:
    return SearchInfo(
        id=row.id,
        user_id=row.user_id,
        name=row.name or "",
        position=row.position,
        paused=bool(row.paused),
        schedule=schedule_of(row),
        active=row.id == active_id,
    )


class SearchSubscriberRow(NamedTuple):
    """One search of one digest subscriber, as the due rule reads it."""

    user_id: int
    timezone: str
    user_digest_time: str
    language: str | None
    onboarded_at: Any
    search: Search
    searches: int


class SearchRepository(Repository):
    async def list(self, user_id: int) -> builtins.list[Search]:
        stmt = select(Search).where(Search.user_id == user_id).order_by(Search.position, Search.id)
        return [*(await self.session.scalars(stmt)).all()]

    async def list_with_active(self, user_id: int) -> tuple[builtins.list[Search], int | None]:
        """The user's searches, first position first, and the active one's id (as
        :meth:`active_id` decides it), in one query."""
        rows = (await self.session.execute(_LIST_WITH_CHOSEN, {"user_id": user_id})).all()
        searches: builtins.list[Search] = [row[0] for row in rows]
        chosen = rows[0][1] if rows else None
        if any(search.id == chosen for search in searches):
            return searches, chosen
        return searches, searches[0].id if searches else None

    async def get(self, user_id: int, search_id: int) -> Search | None:
        """The search, when it is this user's."""
        return await self.session.scalar(
            select(Search).where(Search.id == search_id, Search.user_id == user_id)
        )

    async def count(self, user_id: int) -> int:
        stmt = select(func.count()).select_from(Search).where(Search.user_id == user_id)
        return int(await self.session.scalar(stmt) or 0)

    async def active_id(self, user_id: int) -> int | None:
        """The search /jobs and /preferences work on: the one last chosen if it still
        exists, else the first."""
        chosen = await self.session.scalar(select(User.active_search_id).where(User.id == user_id))
        if chosen is not None and await self.get(user_id, chosen) is not None:
            return chosen
        return await self.session.scalar(
            select(Search.id)
            .where(Search.user_id == user_id)
            .order_by(Search.position, Search.id)
            .limit(1)
        )

    async def set_active(self, user_id: int, search_id: int) -> bool:
        if await self.get(user_id, search_id) is None:
            return False
        stmt = update(User).where(User.id == user_id).values(active_search_id=search_id)
        return await self._rows_changed(stmt) > 0

    async def add(self, user_id: int, name: str) -> Search:
        last = await self.session.scalar(
            select(func.max(Search.position)).where(Search.user_id == user_id)
        )
        row = Search(user_id=user_id, name=name, position=0 if last is None else last + 1)
        self.session.add(row)
        await self.session.flush()
        return row

    async def update(self, user_id: int, search_id: int, **fields: Any) -> Search | None:
        check_fields(fields, SEARCH_FIELDS, "search")
        row = await self.get(user_id, search_id)
        if row is None:
            return None
        for name, value in fields.items():
            setattr(row, name, value)
        await self.session.flush()
        return row

    async def delete(self, user_id: int, search_id: int) -> bool:
        """The search, its preferences (cascade) and its digest rows; its stored
        recommendations stay (saved jobs hang off them), no longer in any feed."""
        if await self.get(user_id, search_id) is None:
            return False
        await self.session.execute(
            delete(DigestDelivery).where(
                DigestDelivery.user_id == user_id, DigestDelivery.search_id == search_id
            )
        )
        await self.session.execute(
            delete(UserJobPreferences).where(
                UserJobPreferences.user_id == user_id, UserJobPreferences.search_id == search_id
            )
        )
        stmt = delete(Search).where(Search.id == search_id, Search.user_id == user_id)
        return await self._rows_changed(stmt) > 0

    async def digest_subscribers(self) -> builtins.list[SearchSubscriberRow]:
        """Every unpaused search with a digest schedule of the active, onboarded users with
        digests on, with what the due rule needs: one query."""
        counts = select(Search.user_id, func.count().label("n")).group_by(Search.user_id).subquery()
        stmt = (
            select(
                User.id,
                User.timezone,
                User.digest_time,
                User.language,
                User.onboarding_completed_at,
                Search,
                counts.c.n,
            )
            .join(Search, Search.user_id == User.id)
            .join(counts, counts.c.user_id == User.id)
            .where(
                User.is_active.is_(True),
                User.digest_enabled.is_(True),
                User.onboarding_completed_at.is_not(None),
                Search.paused.is_(False),
                Search.digest_mode != DigestMode.OFF.value,
            )
            .order_by(User.id, Search.position, Search.id)
        )
        return [SearchSubscriberRow(*row) for row in (await self.session.execute(stmt)).all()]

    async def owners(self, search_ids: Iterable[int]) -> dict[int, int]:
        """{search id: user id} of these searches."""
        wanted = sorted(set(search_ids))
        if not wanted:
            return {}
        rows = await self.session.execute(
            select(Search.id, Search.user_id).where(Search.id.in_(wanted))
        )
        return {search_id: user_id for search_id, user_id in rows.all()}
