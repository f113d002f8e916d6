"""aiosqlite without its thread: each SQLite call runs on the event loop's own thread.

aiosqlite runs every call of a connection (cursor, execute, fetch, close, commit…) on a
worker thread and hands the result back through ``call_soon_threadsafe``: a statement
through SQLAlchemy is about five such hops, each a thread switch and a wake-up of the
loop's self-pipe. On a bot pinned to one core that is most of what a statement costs
(docs/BENCHMARKS.md, "What an update costs"), while the SQLite work itself is tens of
microseconds on a local file: readers never wait under WAL, and the process's writers
queue on :class:`db.session.WriteGate` before SQLite's lock, so a call does not block
the loop on another writer of this process (only another process's write lock can make
it wait, up to ``busy_timeout``, as a migration run beside the bot would).

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


class _RunNow:
    """Stands in for aiosqlite's ``SimpleQueue`` of ``(future, function)``: runs the
    function when it is queued and settles the future (already done when awaited)."""

    def put_nowait(self, item: tuple[asyncio.Future[Any] | None, Callable[[], Any]]) -> None:
        future, function = item
        try:
            result = function()
        except BaseException as error:
            if future is not None and not future.done():
                future.set_exception(error)
            return
        if future is not None and not future.done():
            future.set_result(result)


class InlineConnection(aiosqlite.Connection):
    """An aiosqlite connection whose calls run on the calling (event loop) thread."""

    def __init__(self, connector: Callable[[], sqlite3.Connection]) -> None:
        super().__init__(connector, iter_chunk_size=64)
        self._tx = _RunNow()  # type: ignore[assignment]

    def __await__(self) -> Generator[Any, None, aiosqlite.Connection]:
        # aiosqlite starts its worker thread here; there is none to start.
        return self._connect().__await__()


def inline_connector(database: str, **kwargs: Any) -> Callable[[], Awaitable[InlineConnection]]:
    """An ``async_creator`` for ``create_async_engine``: a new inline connection to the
    SQLite file ``database`` (``kwargs`` go to ``sqlite3.connect``)."""

    async def connect() -> InlineConnection:
        # check_same_thread=False: the pool may close a connection from the garbage
        # collector's thread at exit; every use is on the loop's thread.
        connector = partial(sqlite3.connect, database, check_same_thread=False, **kwargs)
        connection = InlineConnection(connector)
        await connection
        return connection

    return connect
