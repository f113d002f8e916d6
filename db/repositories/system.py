"""Hidden employers, the HH response cache, digest claims and the scheduler lease."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import delete, func, or_, select, update

from db.models import DigestDelivery, HHCacheEntry, HiddenEmployer, SchedulerLease, Search
from db.repositories._base import Repository


class HiddenEmployerRepository(Repository):
    async def hide(self, user_id: int, employer_id: str, name: str | None = None) -> bool:
        """Hide an employer from the user's results; True if it was not hidden yet."""
        stmt = (
            self._insert(HiddenEmployer)
            .values(user_id=user_id, employer_id=employer_id, employer_name=name)
            .on_conflict_do_nothing(
                index_elements=[HiddenEmployer.user_id, HiddenEmployer.employer_id]
            )
            .returning(HiddenEmployer.id)
        )
        return (await self.session.execute(stmt)).first() is not None

    async def list_ids(self, user_id: int) -> set[str]:
        stmt = select(HiddenEmployer.employer_id).where(HiddenEmployer.user_id == user_id)
        return set((await self.session.scalars(stmt)).all())

    async def listed(self, user_id: int) -> list[HiddenEmployer]:
        """This user's hidden employers, the latest hidden first."""
        stmt = (
            select(HiddenEmployer)
            .where(HiddenEmployer.user_id == user_id)
            .order_by(HiddenEmployer.created_at.desc(), HiddenEmployer.id.desc())
        )
        return [*(await self.session.scalars(stmt)).all()]

    async def unhide(self, user_id: int, hidden_id: int) -> HiddenEmployer | None:
        """Show this employer again; the row it was, or None when it is not this user's."""
        row = await self.session.scalar(
            select(HiddenEmployer).where(
                HiddenEmployer.id == hidden_id, HiddenEmployer.user_id == user_id
            )
        )
        if row is not None:
            await self.session.delete(row)
            await self.session.flush()
        return row


class HHCacheRepository(Repository):
    """HH responses by key (``search:<params hash>``, ``vacancy:<id>``); shared by users."""

    async def get(self, key: str, now: datetime) -> Any | None:
        """The cached payload, or None if absent or expired."""
        stmt = select(HHCacheEntry.payload).where(
            HHCacheEntry.key == key, HHCacheEntry.expires_at > now
        )
        return await self.session.scalar(stmt)

    async def expires_at(self, key: str) -> datetime | None:
        """When the entry expires (None: no entry), without reading its payload."""
        return await self.session.scalar(
            select(HHCacheEntry.expires_at).where(HHCacheEntry.key == key)
        )

    async def get_stale(self, key: str) -> tuple[Any, datetime] | None:
        """Payload and fetch time even if expired: a fallback while HH is down."""
        stmt = select(HHCacheEntry.payload, HHCacheEntry.fetched_at).where(HHCacheEntry.key == key)
        row = (await self.session.execute(stmt)).first()
        return (row.payload, row.fetched_at) if row is not None else None

    async def put(self, key: str, kind: str, payload: Any, ttl: timedelta, now: datetime) -> None:
        stmt = self._insert(HHCacheEntry).values(
            key=key, kind=kind, payload=payload, fetched_at=now, expires_at=now + ttl
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=[HHCacheEntry.key],
            set_={
                name: stmt.excluded[name]
                for name in ("kind", "payload", "fetched_at", "expires_at")
            },
        )
        await self.session.execute(stmt)

    async def delete_expired(self, now: datetime) -> int:
        stmt = delete(HHCacheEntry).where(HHCacheEntry.expires_at <= now)
        return await self._rows_changed(stmt)


class DigestClaim(NamedTuple):
    """What a tick needs to know about an existing digest row."""

    status: str  # pending / sent / empty
    created_at: datetime
    holder: str | None = None  # who is sending it; None: put down part-way, take it up
    header_sent: bool = False
    cards: int = 0  # cards that reached the user so far
    message_ids: tuple[int, ...] = ()


def _search(user_id: int, search_id: int | None) -> Any:
    """The claim's search: as given, else the user's first (0 when they have none)."""
    if search_id is not None:
        return search_id
    first = (
        select(Search.id)
        .where(Search.user_id == user_id)
        .order_by(Search.position, Search.id)
        .limit(1)
        .scalar_subquery()
    )
    return func.coalesce(first, 0)


CLAIM_LOOKUP_CHUNK = 500  # users per query: well under every database's parameter limit


class DigestRepository(Repository):
    """One row per user, search and period: the claim that makes a digest go out once.
    Without a ``search_id`` a method means the user's first search (0: they have none)."""

    async def claims_for(
        self, days: Iterable[tuple[int, date] | tuple[int, int, date]]
    ) -> dict[Any, DigestClaim]:
        """The existing rows of these (user, search, period) triples — or (user, period)
        pairs, for the user's first search — in one query per CLAIM_LOOKUP_CHUNK users;
        keys without a row are absent. The result is keyed as asked."""
        keys = list(days)
        first = await self._first_searches({key[0] for key in keys if len(key) == 2})
        wanted: dict[tuple[int, int, date], Any] = {}
        for key in keys:
            triple = (key[0], first.get(key[0], 0), key[1]) if len(key) == 2 else key
            wanted[triple] = key
        users = sorted({user_id for user_id, _, _ in wanted})
        dates = sorted({local_date for _, _, local_date in wanted})  # a few around today
        found: dict[Any, DigestClaim] = {}
        for start in range(0, len(users), CLAIM_LOOKUP_CHUNK):
            stmt = select(
                DigestDelivery.user_id,
                DigestDelivery.search_id,
                DigestDelivery.local_date,
                DigestDelivery.status,
                DigestDelivery.created_at,
                DigestDelivery.holder,
                DigestDelivery.header_sent,
                DigestDelivery.vacancy_count,
                DigestDelivery.message_ids,
            ).where(
                DigestDelivery.user_id.in_(users[start : start + CLAIM_LOOKUP_CHUNK]),
                DigestDelivery.local_date.in_(dates),
            )
            for row in await self.session.execute(stmt):
                user_id, search_id, local_date, status, created_at, holder, header, cards, ids = row
                asked = wanted.get((user_id, search_id, local_date))
                if asked is not None:
                    found[asked] = DigestClaim(
                        status, created_at, holder, bool(header), cards or 0, tuple(ids or ())
                    )
        return found

    async def _first_searches(self, user_ids: set[int]) -> dict[int, int]:
        if not user_ids:
            return {}
        stmt = (
            select(Search.user_id, Search.id)
            .where(Search.user_id.in_(sorted(user_ids)))
            .order_by(Search.position.desc(), Search.id.desc())
        )
        return {user_id: search_id for user_id, search_id in await self.session.execute(stmt)}

    async def claim(
        self,
        user_id: int,
        local_date: date,
        at: datetime | None = None,
        *,
        holder: str | None = None,
        search_id: int | None = None,
    ) -> bool:
        """True for exactly one caller per (user, search, period): the unique constraint
        decides. The caller commits the claim before sending."""
        values: dict[str, Any] = {
            "user_id": user_id,
            "search_id": _search(user_id, search_id),
            "local_date": local_date,
            "holder": holder,
        }
        if at is not None:
            values["created_at"] = at
        stmt = (
            self._insert(DigestDelivery)
            .values(**values)
            .on_conflict_do_nothing(
                index_elements=[
                    DigestDelivery.user_id,
                    DigestDelivery.search_id,
                    DigestDelivery.local_date,
                ]
            )
            .returning(DigestDelivery.id)
        )
        return (await self.session.execute(stmt)).first() is not None

    async def mark_sent(
        self,
        user_id: int,
        local_date: date,
        message_ids: list[int],
        count: int,
        at: datetime,
        *,
        search_id: int | None = None,
    ) -> bool:
        return await self._finish(
            user_id,
            local_date,
            status="sent",
            message_ids=message_ids,
            vacancy_count=count,
            at=at,
            search_id=search_id,
        )

    async def mark_empty(
        self, user_id: int, local_date: date, at: datetime, *, search_id: int | None = None
    ) -> bool:
        """Nothing new to send today: recorded so the day is not retried (no empty digest)."""
        return await self._finish(
            user_id,
            local_date,
            status="empty",
            message_ids=[],
            vacancy_count=0,
            at=at,
            search_id=search_id,
        )

    async def get(
        self, user_id: int, local_date: date, *, search_id: int | None = None
    ) -> DigestDelivery | None:
        """The row of that search and period (no ``search_id``: of the user's first
        search with one)."""
        stmt = select(DigestDelivery).where(
            DigestDelivery.user_id == user_id, DigestDelivery.local_date == local_date
        )
        if search_id is not None:
            stmt = stmt.where(DigestDelivery.search_id == search_id)
        return await self.session.scalar(stmt.order_by(DigestDelivery.search_id).limit(1))

    async def take_over(
        self,
        user_id: int,
        local_date: date,
        *,
        previous: DigestClaim,
        holder: str,
        at: datetime,
        search_id: int | None = None,
    ) -> bool:
        """Take up a claim its sender left (died, or put it down part-way: ``partial``);
        True for exactly one caller: the row must still be as ``previous`` saw it."""
        holder_was = (
            DigestDelivery.holder.is_(None)
            if previous.holder is None
            else DigestDelivery.holder == previous.holder
        )
        stmt = (
            update(DigestDelivery)
            .where(
                DigestDelivery.user_id == user_id,
                DigestDelivery.search_id == _search(user_id, search_id),
                DigestDelivery.local_date == local_date,
                DigestDelivery.status == previous.status,
                holder_was,
            )
            .values(status="pending", holder=holder, created_at=at)
            .execution_options(synchronize_session=False)
        )
        return await self._rows_changed(stmt) > 0

    async def mark_header_sent(
        self, user_id: int, local_date: date, *, search_id: int | None = None
    ) -> bool:
        """True once per day: the caller commits, then sends the context line (so a crash
        loses it rather than sending it twice)."""
        stmt = (
            update(DigestDelivery)
            .where(
                DigestDelivery.user_id == user_id,
                DigestDelivery.search_id == _search(user_id, search_id),
                DigestDelivery.local_date == local_date,
                DigestDelivery.header_sent.is_(False),
            )
            .values(header_sent=True)
            .execution_options(synchronize_session=False)
        )
        return await self._rows_changed(stmt) > 0

    async def record_progress(
        self,
        user_id: int,
        local_date: date,
        message_ids: list[int],
        cards: int,
        *,
        search_id: int | None = None,
    ) -> bool:
        """What reached the user so far, while the claim is pending (one update per card)."""
        stmt = (
            update(DigestDelivery)
            .where(
                DigestDelivery.user_id == user_id,
                DigestDelivery.search_id == _search(user_id, search_id),
                DigestDelivery.local_date == local_date,
                DigestDelivery.status == "pending",
            )
            .values(message_ids=message_ids, vacancy_count=cards)
            .execution_options(synchronize_session=False)
        )
        return await self._rows_changed(stmt) > 0

    async def put_down(
        self, user_id: int, local_date: date, *, search_id: int | None = None
    ) -> bool:
        """Part of the digest went out and the rest failed for now: keep the progress and
        leave the claim to the next tick (``partial``), which sends only the rest."""
        stmt = (
            update(DigestDelivery)
            .where(
                DigestDelivery.user_id == user_id,
                DigestDelivery.search_id == _search(user_id, search_id),
                DigestDelivery.local_date == local_date,
                DigestDelivery.status == "pending",
            )
            .values(status="partial")
            .execution_options(synchronize_session=False)
        )
        return await self._rows_changed(stmt) > 0

    async def release(
        self, user_id: int, local_date: date, *, search_id: int | None = None
    ) -> bool:
        """Drop a pending claim whose send failed, so a later tick may try again."""
        stmt = delete(DigestDelivery).where(
            DigestDelivery.user_id == user_id,
            DigestDelivery.search_id == _search(user_id, search_id),
            DigestDelivery.local_date == local_date,
            DigestDelivery.status == "pending",
        )
        return await self._rows_changed(stmt) > 0

    async def _finish(
        self,
        user_id: int,
        local_date: date,
        *,
        status: str,
        message_ids: list[int],
        vacancy_count: int,
        at: datetime,
        search_id: int | None = None,
    ) -> bool:
        stmt = (
            update(DigestDelivery)
            .where(
                DigestDelivery.user_id == user_id,
                DigestDelivery.search_id == _search(user_id, search_id),
                DigestDelivery.local_date == local_date,
            )
            .values(status=status, message_ids=message_ids, vacancy_count=vacancy_count, sent_at=at)
            .execution_options(synchronize_session="fetch")
        )
        return await self._rows_changed(stmt) > 0


class LeaseRepository(Repository):
    """A named lease in the database, so only one instance runs the push jobs."""

    async def try_acquire(self, name: str, holder: str, ttl: timedelta, now: datetime) -> bool:
        """Take or renew the lease. One atomic upsert: it succeeds when the lease is
        free, expired, or already ours; otherwise the conflict leaves the row alone.
        The caller commits right away so other instances see it."""
        lease = self._insert(SchedulerLease).values(name=name, holder=holder, expires_at=now + ttl)
        stmt = lease.on_conflict_do_update(
            index_elements=[SchedulerLease.name],
            set_={"holder": lease.excluded.holder, "expires_at": lease.excluded.expires_at},
            where=or_(SchedulerLease.expires_at <= now, SchedulerLease.holder == holder),
        ).returning(SchedulerLease.name)
        return (await self.session.execute(stmt)).first() is not None

    async def holder(self, name: str) -> str | None:
        return await self.session.scalar(
            select(SchedulerLease.holder).where(SchedulerLease.name == name)
        )

    async def release(self, name: str, holder: str) -> bool:
        stmt = delete(SchedulerLease).where(
            SchedulerLease.name == name, SchedulerLease.holder == holder
        )
        return await self._rows_changed(stmt) > 0
