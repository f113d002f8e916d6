"""Engine, session factory and programmatic migrations.

The bot calls ``await migrate(settings.database_url)`` at start-up, then builds one engine
with :func:`create_engine` and one :func:`create_session_factory` for the whole process.
"""

from __future__ import annotations

import asyncio
import json
import os
import weakref
from pathlib import Path
from typing import Any

import orjson
from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.util import await_only

from db.sqlite_inline import inline_connector

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _json_loads(text: str | bytes) -> Any:
    """JSON columns read with orjson (the standard library's decoder was ~2 % of an
    update's CPU); what orjson refuses and json accepts (NaN, huge integers) still reads."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


# SQLite: WAL lets readers run while one writer writes; busy_timeout makes a second writer
# wait instead of failing with "database is locked"; foreign_keys enables ON DELETE
# CASCADE (off by default in SQLite); NORMAL sync is durable enough under WAL; a 1 MB page
# cache per connection (default 2 MB) keeps the pool's memory small, the OS caches the file.
BUSY_TIMEOUT_MS = 5000
SQLITE_PRAGMAS: tuple[str, ...] = (
    "PRAGMA journal_mode=WAL",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
    "PRAGMA foreign_keys=ON",
    "PRAGMA synchronous=NORMAL",
    "PRAGMA cache_size=-1024",
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


# SQLite pool: writers are queued by the WriteGate and readers are quick, so a few
# connections are plenty; each is a thread plus its own page cache (cache_size above), so
# more of them is memory, not speed (10 kept + 20 overflow peaked 11-15 MB higher in
# 8 s runs of bench.updates, no faster; within noise over 20 s).
SQLITE_POOL_OPTIONS: dict[str, Any] = {
    "pool_size": 5,
    "max_overflow": 10,
    "pool_timeout": 30,
}
# A writer waits this long for the gate before falling back on SQLite's busy_timeout.
WRITE_GATE_WAIT = 60.0
_WRITE_VERBS = ("INSERT", "UPDATE", "DELETE", "REPLACE")
_HOLDS_GATE = "write_gate_held"


class WriteGate:
    """One SQLite write transaction at a time in this process, first come first served.

    SQLite has one write lock per database. Without the gate, every writer that finds it
    taken sleeps in SQLite's busy handler (1, 2, 5 … 100 ms naps, not a queue): the lock
    sits idle between naps, and under load an unlucky writer naps past ``busy_timeout``
    and fails with "database is locked", losing the update. The gate is an asyncio lock
    taken before a connection's first INSERT/UPDATE/DELETE of a transaction and released
    when the connection goes back to the pool (after its COMMIT or ROLLBACK), so writers
    queue in order and SQLite's own lock is (almost) never contended in this process.
    ``busy_timeout`` still covers other processes (a migration, a second instance).
    """

    def __init__(self, wait: float = WRITE_GATE_WAIT) -> None:
        self._wait = wait
        self._locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
            weakref.WeakKeyDictionary()
        )
        self._owner: asyncio.Task[Any] | None = None
        self.waits = 0  # writers that found the gate taken (for tests and benchmarks)

    def _lock(self) -> asyncio.Lock:
        loop = asyncio.get_running_loop()
        lock = self._locks.get(loop)
        if lock is None:
            lock = self._locks[loop] = asyncio.Lock()
        return lock

    def enter(self, info: dict[str, Any]) -> None:
        """Called (synchronously, inside SQLAlchemy's greenlet) before a write statement."""
        if info.get(_HOLDS_GATE):
            return
        task = asyncio.current_task()
        if task is None or task is self._owner:
            # Not in a task, or this task already writes on another connection: waiting
            # for ourselves would deadlock; SQLite's busy_timeout decides, as before.
            return
        lock = self._lock()
        if lock.locked():
            self.waits += 1
        try:
            await_only(asyncio.wait_for(lock.acquire(), self._wait))
        except TimeoutError:
            return
        self._owner = task
        info[_HOLDS_GATE] = lock

    def leave(self, info: dict[str, Any]) -> None:
        """Called when the connection's transaction is over (it went back to the pool)."""
        lock = info.pop(_HOLDS_GATE, None)
        if lock is not None:
            self._owner = None
            lock.release()


_GATES: weakref.WeakKeyDictionary[Any, WriteGate] = weakref.WeakKeyDictionary()


def _is_write(statement: str) -> bool:
    return statement.lstrip()[:7].upper().startswith(_WRITE_VERBS)


def install_write_gate(engine: AsyncEngine, gate: WriteGate | None = None) -> WriteGate:
    gate = gate or WriteGate()
    sync_engine = engine.sync_engine

    def before_execute(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if _is_write(statement):
            gate.enter(conn.info)

    def on_checkin(_dbapi_connection: Any, record: Any) -> None:
        gate.leave(record.info)

    def on_invalidate(_dbapi_connection: Any, record: Any, _exception: Any) -> None:
        gate.leave(record.info)

    event.listen(sync_engine, "before_cursor_execute", before_execute)
    event.listen(sync_engine.pool, "checkin", on_checkin)
    event.listen(sync_engine.pool, "invalidate", on_invalidate)
    _GATES[sync_engine] = gate
    return gate


def write_gate(engine: AsyncEngine) -> WriteGate | None:
    """The engine's WriteGate (SQLite engines from :func:`create_engine`), else None."""
    return _GATES.get(engine.sync_engine)


class DatabaseGone(RuntimeError):
    """The SQLite file was deleted or replaced under the running bot: every later write
    would go into a file nobody will ever open again. Nothing can be saved until a
    restart reopens the database, so the bot stops (a supervisor restarts it)."""


# Driver messages that mean "the database cannot take writes now", not "this query is
# wrong": disk full, I/O errors, a file that cannot be opened or is read-only.
_UNAVAILABLE_MESSAGES = (
    "database or disk is full",
    "disk i/o error",
    "unable to open database file",
    "readonly database",
    "no such table",
    "database disk image is malformed",
)


def database_gone(error: BaseException) -> DatabaseGone | None:
    """The DatabaseGone behind ``error`` (SQLAlchemy may wrap it), if any."""
    from sqlalchemy.exc import StatementError

    if isinstance(error, DatabaseGone):
        return error
    if isinstance(error, StatementError) and isinstance(error.orig, DatabaseGone):
        return error.orig
    return None


def database_unavailable(error: BaseException) -> str | None:
    """Why the database cannot be used right now (one line), when ``error`` says so;
    None for an error of the code itself."""
    from sqlalchemy.exc import DBAPIError, InterfaceError

    gone = database_gone(error)
    if gone is not None:
        return str(gone)
    if isinstance(error, DBAPIError):
        message = " ".join(str(error.orig).split()).lower()
        if (
            isinstance(error, InterfaceError)
            or error.connection_invalidated
            or any(known in message for known in _UNAVAILABLE_MESSAGES)
        ):
            return " ".join(str(error.orig).split())
    if isinstance(error, ConnectionError | TimeoutError):  # PostgreSQL unreachable
        return f"cannot reach the database: {error!r}"
    return None


def _watch_sqlite_file(engine: AsyncEngine, path: str) -> None:
    """Before every write, check that the file the pool opened is still the one at
    ``path`` (one stat, microseconds): a deleted file keeps taking writes silently."""
    opened: dict[str, tuple[int, int]] = {}

    def identity() -> tuple[int, int] | None:
        try:
            stat = os.stat(path)
        except FileNotFoundError:
            return None
        return stat.st_dev, stat.st_ino

    def on_connect(_dbapi_connection: Any, _record: Any) -> None:
        current = identity()
        if current is not None:
            opened.setdefault("file", current)

    def before_execute(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not _is_write(statement) or "file" not in opened:
            return
        if identity() != opened["file"]:
            raise DatabaseGone(f"the SQLite file {path} was deleted or replaced while running")

    event.listen(engine.sync_engine, "connect", on_connect)
    event.listen(engine.sync_engine, "before_cursor_execute", before_execute)


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _apply_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()


def _no_busy_wait(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA busy_timeout=0")
    finally:
        cursor.close()


def create_engine(url: str, *, echo: bool = False) -> AsyncEngine:
    """An async engine for ``sqlite+aiosqlite://`` or ``postgresql+asyncpg://`` URLs."""
    if is_sqlite(url):
        # An in-memory database lives in one connection: keep SQLAlchemy's pool for it.
        parsed = make_url(url)
        in_memory = parsed.database in (None, "", ":memory:")
        options: dict[str, Any] = {} if in_memory else dict(SQLITE_POOL_OPTIONS)
        if not in_memory and not parsed.query and parsed.database is not None:
            # A plain file: SQLite calls on the loop's thread (db/sqlite_inline.py says why).
            options["async_creator"] = inline_connector(parsed.database, busy_ms=BUSY_TIMEOUT_MS)
        engine = create_async_engine(url, echo=echo, json_deserializer=_json_loads, **options)
        event.listen(engine.sync_engine, "connect", _apply_sqlite_pragmas)
        if "async_creator" in options:
            # Inline calls never wait for another process's lock on the loop's thread:
            # a locked call goes to a thread that waits BUSY_TIMEOUT_MS.
            event.listen(engine.sync_engine, "connect", _no_busy_wait)
        if not in_memory:
            _watch_sqlite_file(engine, str(make_url(url).database))
        install_write_gate(engine)
        return engine
    return create_async_engine(url, echo=echo, json_deserializer=_json_loads, **PG_POOL_OPTIONS)


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


async def check_connection(url: str, timeout: float) -> None:  # noqa: ASYNC109
    """Open one connection and run ``SELECT 1``; raises whatever the driver raised (or
    TimeoutError): the start-up check that the database exists and answers."""
    engine = create_engine(url)
    try:
        async with asyncio.timeout(timeout), engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
    finally:
        await engine.dispose()
