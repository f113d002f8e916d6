"""aiogram FSM storage on the project database, so a dialog survives a restart.

One row per key (state and data together) in ``fsm_storage``. Writes are dialect
upserts, so concurrent first writes for one key cannot fail on the primary key; each
call is its own short transaction, independent of the handler's session.
"""

from __future__ import annotations

from collections.abc import Mapping
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


class SQLAlchemyStorage(BaseStorage):
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        key_builder: KeyBuilder | None = None,
    ) -> None:
        self._session_factory = session_factory
        self._key_builder = key_builder or DefaultKeyBuilder(with_bot_id=True, with_destiny=True)

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        await self._upsert(key, state=value)

    async def get_state(self, key: StorageKey) -> str | None:
        return await self._read(key, FsmRecord.state)

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        # Only the data column: clearing the data must not clear the state.
        await self._upsert(key, data=dict(data))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        data = await self._read(key, FsmRecord.data)
        return dict(data) if data else {}

    async def close(self) -> None:
        """Nothing to close: the application owns and disposes the engine."""

    async def _read(self, key: StorageKey, column: Any) -> Any:
        async with self._session_factory() as session:
            stmt = select(column).where(FsmRecord.key == self._key_builder.build(key))
            return await session.scalar(stmt)

    async def _upsert(self, key: StorageKey, **values: Any) -> None:
        async with self._session_factory.begin() as session:
            stmt = dialect_insert(session, FsmRecord).values(
                key=self._key_builder.build(key),
                user_id=key.user_id,
                updated_at=utcnow(),
                **values,
            )
            stmt = stmt.on_conflict_do_update(
                index_elements=[FsmRecord.key],
                set_={name: stmt.excluded[name] for name in [*values, "updated_at"]},
            )
            await session.execute(stmt)
