"""Migrations: applying them yields exactly the models, from any directory, repeatably."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect

from db.base import Base
from db.session import alembic_config, create_engine, is_sqlite, migrate
from tests.fixtures.db import reset_postgres, sqlite_url


def _schema_diff(connection: Connection) -> list[object]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return compare_metadata(context, Base.metadata)


async def _diff_after_migrate(url: str) -> list[object]:
    if not is_sqlite(url):
        await reset_postgres(url)
    await migrate(url)
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(_schema_diff)
    finally:
        await engine.dispose()


async def test_migrations_produce_exactly_the_models(db_url: str) -> None:
    assert await _diff_after_migrate(db_url) == []


async def test_migrate_twice_is_a_no_op(db_url: str) -> None:
    await _diff_after_migrate(db_url)
    await migrate(db_url)  # already at head: must neither fail nor change anything

    engine = create_engine(db_url)
    try:
        async with engine.connect() as conn:
            tables = await conn.run_sync(lambda sync: set(inspect(sync).get_table_names()))
            version = (await conn.exec_driver_sql("SELECT version_num FROM alembic_version")).all()
    finally:
        await engine.dispose()
    assert tables == {*Base.metadata.tables, "alembic_version"}
    head = ScriptDirectory.from_config(alembic_config(db_url)).get_current_head()
    assert version == [(head,)]


async def test_migrate_does_not_depend_on_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no alembic.ini, no migrations folder here
    url = sqlite_url(tmp_path / "cwd.sqlite")
    await migrate(url)
    assert await _diff_after_migrate(url) == []


async def test_sqlite_connections_get_the_pragmas(tmp_path: Path) -> None:
    engine = create_engine(sqlite_url(tmp_path / "pragmas.sqlite"))
    try:
        async with engine.connect() as conn:
            pragmas = {
                name: (await conn.exec_driver_sql(f"PRAGMA {name}")).scalar()
                for name in ("journal_mode", "busy_timeout", "foreign_keys", "synchronous")
            }
    finally:
        await engine.dispose()
    # synchronous: 1 is NORMAL. busy_timeout 0: calls run on the event loop's thread and
    # must not block it on another process's lock; a locked call waits on a worker thread
    # instead (db/sqlite_inline.py, tested in test_performance_invariants).
    assert pragmas == {
        "journal_mode": "wal",
        "busy_timeout": 0,
        "foreign_keys": 1,
        "synchronous": 1,
    }
