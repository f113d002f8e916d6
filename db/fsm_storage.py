"""aiogram FSM storage on the project database, so a dialog survives a restart.

One row per key (state and data together) in ``fsm_storage``. Writes are dialect
upserts, so concurrent first writes for one key cannot fail on the primary key; each
call is its own short transaction, independent of the handler's session.

aiogram reads the state of every update (and a handler often sets the state it already
has), so a key's row is kept in memory for ``cache_seconds`` after it was read or
written: the write goes through to the database first, the copy is updated after it, and
a write of what the key already holds is skipped. This storage serves one process (with
several instances the bot uses Redis, bot.app.build_storage); the short life bounds how
long another process's write to the table could go unseen. ``forget_user`` drops a
user's keys (their rows are deleted with them, /delete_me).
"""

from __future__ import annotations

import copy
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import (
    BaseStorage,
    DefaultKeyBuilder,
    KeyBuilder,
    StateType,
    StorageKey,
)
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.models import FsmRecord, utcnow
from db.repositories import dialect_insert

CACHE_SECONDS = 10.0  # how long a key's row is served from memory
CACHE_KEYS = 4096  # at most this many keys kept (the least recently used go first)


@dataclass(slots=True)
class _Cached:
    user_id: int
    state: str | None
    data: dict[str, Any]  # a private copy: callers get and give copies
    stamp: float


class SQLAlchemyStorage(BaseStorage):
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        key_builder: KeyBuilder | None = None,
        *,
        cache_seconds: float = CACHE_SECONDS,
        cache_keys: int = CACHE_KEYS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._session_factory = session_factory
        self._key_builder = key_builder or DefaultKeyBuilder(with_bot_id=True, with_destiny=True)
        self._cache: OrderedDict[str, _Cached] = OrderedDict()
        self._cache_seconds = cache_seconds
        self._cache_keys = cache_keys
        self._clock = clock

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        cached = self._fresh(self._key_builder.build(key))
        if cached is not None and cached.state == value:
            return
        await self._upsert(key, state=value)

    async def get_state(self, key: StorageKey) -> str | None:
        return (await self._load(key)).state

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        # Only the data column: clearing the data must not clear the state.
        cached = self._fresh(self._key_builder.build(key))
        if cached is not None and cached.data == data:
            return
        await self._upsert(key, data=dict(data))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        return copy.deepcopy((await self._load(key)).data)

    async def close(self) -> None:
        """Nothing to close: the application owns and disposes the engine."""

    def forget_user(self, user_id: int) -> None:
        """Drop the user's keys from memory (their rows were deleted or changed)."""
        for name in [k for k, v in self._cache.items() if v.user_id == user_id]:
            del self._cache[name]

    def _fresh(self, name: str) -> _Cached | None:
        cached = self._cache.get(name)
        if cached is None:
            return None
        if self._clock() - cached.stamp > self._cache_seconds:
            del self._cache[name]
            return None
        self._cache.move_to_end(name)
        return cached

    def _keep(self, name: str, cached: _Cached) -> None:
        self._cache[name] = cached
        self._cache.move_to_end(name)
        while len(self._cache) > self._cache_keys:
            self._cache.popitem(last=False)

    async def _load(self, key: StorageKey) -> _Cached:
        name = self._key_builder.build(key)
        cached = self._fresh(name)
        if cached is not None:
            return cached
        async with self._session_factory() as session:
            stmt = select(FsmRecord.state, FsmRecord.data).where(FsmRecord.key == name)
            row = (await session.execute(stmt)).first()
        state, data = (row[0], row[1]) if row is not None else (None, None)
        cached = _Cached(key.user_id, state, copy.deepcopy(dict(data or {})), self._clock())
        self._keep(name, cached)
        return cached

    async def _upsert(self, key: StorageKey, **values: Any) -> None:
        name = self._key_builder.build(key)
        cached = self._cache.pop(name, None)  # unknown until the write has gone through
        async with self._session_factory.begin() as session:
            stmt = dialect_insert(session, FsmRecord).values(
                key=name,
                user_id=key.user_id,
                updated_at=utcnow(),
                **values,
            )
            stmt = stmt.on_conflict_do_update(
                index_elements=[FsmRecord.key],
                set_={column: stmt.excluded[column] for column in [*values, "updated_at"]},
            )
            await session.execute(stmt)
        if cached is not None and self._clock() - cached.stamp <= self._cache_seconds:
            if "state" in values:
                cached.state = values["state"]
            if "data" in values:
                cached.data = copy.deepcopy(values["data"])
            self._keep(name, cached)
