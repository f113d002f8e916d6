"""With REDIS_URL set, dialog state lives in Redis (several instances share it)."""

from __future__ import annotations

import os

import pytest

from tests.e2e.onboarding.test_onboarding import to_city
from tests.fixtures.bot import WorldFactory

pytestmark = pytest.mark.redis


@pytest.fixture
async def redis_url() -> str:
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("Redis not available: set TEST_REDIS_URL")
    from redis.asyncio import Redis

    client = Redis.from_url(url)
    try:
        await client.flushdb()
    finally:
        await client.aclose()
    return url


async def test_a_restart_mid_onboarding_continues_from_redis(
    bot_world_factory: WorldFactory, redis_url: str
) -> None:
    world = await bot_world_factory(redis_url=redis_url)
    alice = world.user(4101)
    await to_city(alice)
    await world.restart()
    reply = await alice.ask("Almaty")
    assert "Step 5 of 7" in reply.plain
    assert await world.fsm_state(4101) is None  # nothing in the database: Redis holds it


async def test_redis_holds_the_dialog_state_under_the_bot_and_user_key(
    bot_world_factory: WorldFactory, redis_url: str
) -> None:
    from redis.asyncio import Redis

    world = await bot_world_factory(redis_url=redis_url)
    await to_city(world.user(4102))
    client = Redis.from_url(redis_url, decode_responses=True)
    try:
        keys = [key async for key in client.scan_iter("*4102*")]
        states = [await client.get(key) for key in keys if key.endswith(":state")]
    finally:
        await client.aclose()
    assert states == ["Onboarding:city"]
