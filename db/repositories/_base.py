"""What every repository shares: the session, the dialect-aware INSERT, row → dict."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import CursorResult, Delete, Update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from db.base import Base

DialectInsert = sqlite.Insert | postgresql.Insert


def dialect_insert(session: AsyncSession, model: type[Base]) -> DialectInsert:
    """An INSERT with ``on_conflict_do_nothing`` / ``on_conflict_do_update`` for the
    session's database (both dialects spell the clauses the same way)."""
    name = session.get_bind().dialect.name
    if name == "postgresql":
        return postgresql.insert(model)
    if name == "sqlite":
        return sqlite.insert(model)
    raise RuntimeError(f"Unsupported database dialect for upserts: {name}")


def row_to_dict(row: Base, *, exclude: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Column values of one row, JSON-serialisable (dates as ISO 8601)."""
    result: dict[str, Any] = {}
    for column in row.__table__.columns:
        if column.key in exclude:
            continue
        value = getattr(row, column.key)
        if isinstance(value, datetime | date):
            value = value.isoformat()
        result[column.key] = value
    return result


def check_fields(fields: dict[str, Any], allowed: frozenset[str], what: str) -> None:
    """Reject unknown field names early: a typo must not silently write nothing."""
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"Unknown {what} field(s): {', '.join(sorted(unknown))}")


class Repository:
    """Queries on the caller's session. Repositories flush but never commit: the unit of
    work (one update, one scheduler job) decides when its changes become visible."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def _insert(self, model: type[Base]) -> DialectInsert:
        return dialect_insert(self.session, model)

    async def _rows_changed(self, statement: Update | Delete) -> int:
        """How many rows an UPDATE or DELETE changed. SQLAlchemy runs DML to a CursorResult,
        which carries the count; ``execute`` is typed as returning the general Result."""
        result = await self.session.execute(statement)
        if not isinstance(result, CursorResult):
            raise TypeError(f"DML returned {type(result).__name__}, not a CursorResult")
        return result.rowcount
