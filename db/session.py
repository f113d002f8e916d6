"""Engine, session factory and programmatic migrations.

The bot calls ``await migrate(settings.database_url)`` at start-up, then builds one engine
with :func:`create_engine` and one :func:`create_session_factory` for the whole process.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

# SQLite: WAL lets readers run while one writer writes; busy_timeout makes a second writer
# wait instead of failing with "database is locked"; foreign_keys enables ON DELETE
# CASCADE (off by default in SQLite); NORMAL sync is durable enough under WAL.
SQLITE_PRAGMAS: tuple[str, ...] = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA busy_timeout=5000",
    "PRAGMA foreign_keys=ON",
    "PRAGMA synchronous=NORMAL",
)

# PostgreSQL pool: enough for the bot's handlers plus the scheduler's parallel digests,
# small enough that a few instances fit into max_connections=100.
PG_POOL_OPTIONS: dict[str, Any] = {
    "pool_size": 10,
    "max_overflow": 10,
    "pool_timeout": 30,
    "pool_recycle": 1800,  # drop connections before a proxy or firewall idles them out
    "pool_pre_ping": True,  # survive a database restart without failing the first query
}


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _apply_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()


def create_engine(url: str, *, echo: bool = False) -> AsyncEngine:
    """An async engine for ``sqlite+aiosqlite://`` or ``postgresql+asyncpg://`` URLs."""
    if is_sqlite(url):
        engine = create_async_engine(url, echo=echo)
        event.listen(engine.sync_engine, "connect", _apply_sqlite_pragmas)
        return engine
    return create_async_engine(url, echo=echo, **PG_POOL_OPTIONS)


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    # expire_on_commit=False: handlers render rows after the commit without lazy reloads,
    # which would need I/O outside the session in async code.
    return async_sessionmaker(engine, expire_on_commit=False)


def alembic_config(url: str | None = None) -> Config:
    """Alembic config built in code, independent of the working directory."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url is not None:
        # ConfigParser interpolation would treat "%" in a password as a placeholder.
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def _upgrade(connection: Connection, config: Config, revision: str) -> None:
    # env.py sees this connection and runs on it instead of creating its own engine.
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


async def migrate(url: str, revision: str = "head") -> None:
    """Apply alembic migrations up to ``revision``; safe to call from a running loop.

    Alembic is synchronous, so it runs through ``AsyncConnection.run_sync`` on a
    connection of a throwaway engine: no nested event loop, no thread.
    """
    config = alembic_config(url)
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            if is_sqlite(url):
                # Batch migrations copy and drop tables; with foreign keys on, the DROP
                # would cascade-delete child rows. The pragma only works outside a
                # transaction, and this engine is disposed afterwards, so it cannot leak.
                await connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
                await connection.commit()
            else:
                # Two instances starting together must not both run the DDL.
                await connection.exec_driver_sql("SELECT pg_advisory_xact_lock(7245311)")
            await connection.run_sync(_upgrade, config, revision)
            await connection.commit()
    finally:
        await engine.dispose()
