"""aiosqlite without its thread: each SQLite call runs on the event loop's own thread.

aiosqlite runs every call of a connection (cursor, execute, fetch, close, commit…) on a
worker thread and hands the result back through ``call_soon_threadsafe``: a statement
through SQLAlchemy is about five such hops, each a thread switch and a wake-up of the
loop's self-pipe. On a bot pinned to one core that is most of what a statement costs
(docs/BENCHMARKS.md, "What an update costs"), while the SQLite work itself is tens of
microseconds on a local file: readers never wait under WAL, and the process's writers
queue on :class:`db.session.WriteGate` before SQLite's lock, so a call does not block
the loop on another writer of this process. Another process's write lock (a second
instance on the same file, a migration) must not freeze the loop: the inline calls run
with SQLite's busy timeout at 0, and a call that finds the database locked is handed to
a worker thread that waits for the lock as before (``busy_timeout``) and runs it there;
retrying the call is what SQLite prescribes for SQLITE_BUSY (the statement did nothing).

The connection is aiosqlite's own class with its queue replaced by one that runs each
queued function at once and settles its future: every aiosqlite method, and SQLAlchemy's
aiosqlite dialect (which also queues onto ``_tx`` directly), work unchanged, without a
thread. Used for file databases by :func:`db.session.create_engine`.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Awaitable, Callable, Generator
from functools import partial
from typing import Any

import aiosqlite


def _busy(error: BaseException) -> bool:
    return isinstance(error, sqlite3.OperationalError) and "locked" in str(error).lower()


class _RunNow:
    """Stands in for aiosqlite's ``SimpleQueue`` of ``(future, function)``: runs the
    function when it is queued and settles the future (already done when awaited); a
    function that finds the database locked is run again on a thread that waits."""

    def __init__(self, connection: InlineConnection, busy_ms: int) -> None:
        self._connection = connection
        self._busy_ms = busy_ms

    def put_nowait(self, item: tuple[asyncio.Future[Any] | None, Callable[[], Any]]) -> None:
        future, function = item
        try:
            result = function()
        except BaseException as error:
            if future is None or future.done():
                return
            if _busy(error) and self._connection._connection is not None:
                self._wait_on_a_thread(future, function)
            else:
                future.set_exception(error)
            return
        if future is not None and not future.done():
            future.set_result(result)

    def _wait_on_a_thread(self, future: asyncio.Future[Any], function: Callable[[], Any]) -> None:
        connection = self._connection._conn
        busy_ms = self._busy_ms

        def waiting() -> Any:
            connection.execute(f"PRAGMA busy_timeout={busy_ms}")
            try:
                return function()
            finally:
                connection.execute("PRAGMA busy_timeout=0")

        def settle(done: asyncio.Future[Any]) -> None:
            if future.done():
                return
            if done.exception() is not None:
                future.set_exception(done.exception())  # type: ignore[arg-type]
            else:
                future.set_result(done.result())

        self.waits += 1
        future.get_loop().run_in_executor(None, waiting).add_done_callback(settle)

    waits = 0  # calls that found the database locked (another process writing)


class InlineConnection(aiosqlite.Connection):
    """An aiosqlite connection whose calls run on the calling (event loop) thread."""

    def __init__(self, connector: Callable[[], sqlite3.Connection], busy_ms: int) -> None:
        super().__init__(connector, iter_chunk_size=64)
        self._tx = _RunNow(self, busy_ms)  # type: ignore[assignment]

    def __await__(self) -> Generator[Any, None, aiosqlite.Connection]:
        # aiosqlite starts its worker thread here; there is none to start.
        return self._connect().__await__()


def inline_connector(
    database: str, *, busy_ms: int, **kwargs: Any
) -> Callable[[], Awaitable[InlineConnection]]:
    """An ``async_creator`` for ``create_async_engine``: a new inline connection to the
    SQLite file ``database`` (``kwargs`` go to ``sqlite3.connect``); a call that finds
    the database locked waits up to ``busy_ms`` on a worker thread. The engine must set
    ``PRAGMA busy_timeout=0`` on connect (db.session does)."""

    async def connect() -> InlineConnection:
        # check_same_thread=False: a locked call is retried on a worker thread (while
        # the awaiting task waits: one user of the connection at a time).
        connector = partial(sqlite3.connect, database, check_same_thread=False, **kwargs)
        connection = InlineConnection(connector, busy_ms)
        await connection
        return connection

    return connect
