"""FSM storage contract, run against SQLAlchemyStorage (SQLite, PostgreSQL) and, as the
reference behaviour, aiogram's RedisStorage."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from aiogram.fsm.state import State, StatesGroup
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder, StorageKey
from sqlalchemy.ext.asyncio import AsyncEngine

from db.fsm_storage import SQLAlchemyStorage
from db.session import create_engine, create_session_factory
from tests.fixtures.db import (
    postgres_url_or_skip,
    prepare_database,
    sqlite_url,
    truncate_all,
)

REDIS_SKIP = "Redis not available: set TEST_REDIS_URL"
KEY = StorageKey(bot_id=42, chat_id=1001, user_id=1001)
StorageFactory = Callable[[], BaseStorage]


class Onboarding(StatesGroup):
    skills = State()
    city = State()


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param("postgres", marks=pytest.mark.postgres),
        pytest.param("redis", marks=pytest.mark.redis),
    ]
)
async def make_storage(
    request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path
) -> AsyncIterator[StorageFactory]:
    """A factory of storages on one backend; each call is a new instance (a restart)."""
    if request.param == "redis":
        async for factory in _redis_storages():
            yield factory
        return
    url = (
        postgres_url_or_skip()
        if request.param == "postgres"
        else sqlite_url(tmp_path / "fsm.sqlite")
    )
    await prepare_database(url, sqlite_template)
    engines: list[AsyncEngine] = []

    def factory() -> BaseStorage:
        engines.append(create_engine(url))
        return SQLAlchemyStorage(create_session_factory(engines[-1]))

    try:
        yield factory
    finally:
        if request.param == "postgres" and engines:
            await truncate_all(engines[0])
        for engine in engines:
            await engine.dispose()


async def _redis_storages() -> AsyncIterator[StorageFactory]:
    from aiogram.fsm.storage.redis import RedisStorage

    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip(REDIS_SKIP)
    # A prefix of our own keeps this run apart from anything else in that Redis database.
    prefix = f"fsm-test-{uuid.uuid4().hex[:8]}"
    builder = DefaultKeyBuilder(prefix=prefix, with_bot_id=True, with_destiny=True)
    storages: list[RedisStorage] = []

    def factory() -> BaseStorage:
        storages.append(RedisStorage.from_url(url, key_builder=builder))
        return storages[-1]

    try:
        yield factory
    finally:
        redis = storages[0].redis
        keys = [key async for key in redis.scan_iter(f"{prefix}:*")]
        if keys:
            await redis.delete(*keys)
        for storage in storages:
            await storage.close()


async def test_missing_key_has_no_state_and_empty_data(make_storage: StorageFactory) -> None:
    storage = make_storage()
    assert await storage.get_state(KEY) is None
    assert await storage.get_data(KEY) == {}


async def test_state_and_data_round_trip(make_storage: StorageFactory) -> None:
    storage = make_storage()
    await storage.set_state(KEY, Onboarding.skills)
    await storage.set_data(KEY, {"skills": ["python"], "page": 2})

    assert await storage.get_state(KEY) == Onboarding.skills.state
    assert await storage.get_data(KEY) == {"skills": ["python"], "page": 2}


async def test_update_data_merges(make_storage: StorageFactory) -> None:
    storage = make_storage()
    await storage.set_data(KEY, {"a": 1})
    assert await storage.update_data(KEY, {"b": 2}) == {"a": 1, "b": 2}
    assert await storage.get_data(KEY) == {"a": 1, "b": 2}


async def test_state_survives_a_restart(make_storage: StorageFactory) -> None:
    before = make_storage()
    await before.set_state(KEY, Onboarding.city)
    await before.set_data(KEY, {"city": "Almaty"})
    await before.close()

    after = make_storage()
    assert await after.get_state(KEY) == Onboarding.city.state
    assert await after.get_data(KEY) == {"city": "Almaty"}


async def test_clearing_data_keeps_the_state(make_storage: StorageFactory) -> None:
    storage = make_storage()
    await storage.set_state(KEY, Onboarding.skills)
    await storage.set_data(KEY, {"x": 1})
    await storage.set_data(KEY, {})

    assert await storage.get_state(KEY) == Onboarding.skills.state
    assert await storage.get_data(KEY) == {}


async def test_clearing_state_keeps_the_data(make_storage: StorageFactory) -> None:
    storage = make_storage()
    await storage.set_data(KEY, {"x": 1})
    await storage.set_state(KEY, Onboarding.skills)
    await storage.set_state(KEY, None)

    assert await storage.get_state(KEY) is None
    assert await storage.get_data(KEY) == {"x": 1}


async def test_concurrent_first_writes_do_not_fail(make_storage: StorageFactory) -> None:
    storage = make_storage()
    writes = [storage.set_state(KEY, f"Step:{i}") for i in range(15)]
    writes += [storage.set_data(KEY, {"i": i}) for i in range(15)]
    await asyncio.gather(*writes)

    assert (await storage.get_state(KEY) or "").startswith("Step:")
    assert set(await storage.get_data(KEY)) == {"i"}


async def test_other_users_and_chats_and_bots_are_isolated(
    make_storage: StorageFactory,
) -> None:
    storage = make_storage()
    await storage.set_state(KEY, Onboarding.skills)
    await storage.set_data(KEY, {"secret": True})
    others = [
        StorageKey(bot_id=42, chat_id=1001, user_id=2002),
        StorageKey(bot_id=42, chat_id=3003, user_id=1001),
        StorageKey(bot_id=43, chat_id=1001, user_id=1001),
        StorageKey(bot_id=42, chat_id=1001, user_id=1001, destiny="search"),
    ]
    for other in others:
        assert await storage.get_state(other) is None
        assert await storage.get_data(other) == {}
