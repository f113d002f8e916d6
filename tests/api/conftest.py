"""The Mini App's API over real HTTP: ``api`` serves bot.app's services on a loopback port.

The bot runs as in tests/fixtures/bot.py (real aiogram polling against the Telegram
emulator, the HH emulator, a SQLite file); the API is built on that app's services, as the
composition root builds it, and a test calls it with aiohttp and initData signed as
Telegram signs it (sandbox/telegram_web_app.py)::

    async def test_x(api: ApiClient) -> None:
        await api.seed(1)
        answer = await api.get("/api/jobs/recommendations", user=1)
        assert answer.status == 200
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from api.app import build_web_app
from sandbox.telegram_web_app import init_data
from tests.e2e.jobs_helpers import PYTHON_DEV, seed_user
from tests.fixtures.bot import BotWorld, WorldFactory

OTHER_TOKEN = "999999:another-bot-token"


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: Any

    @property
    def error(self) -> dict[str, Any]:
        assert isinstance(self.body, dict) and "error" in self.body, self.body
        error = self.body["error"]
        assert isinstance(error, dict)
        return error


class ApiClient:
    """HTTP to the running API as the Mini App of a given Telegram user."""

    def __init__(self, world: BotWorld, base_url: str, session: aiohttp.ClientSession) -> None:
        self.world = world
        self.base_url = base_url
        self._session = session

    def init_data(
        self,
        user_id: int,
        *,
        token: str | None = None,
        auth_date: datetime | None = None,
        language_code: str = "en",
    ) -> str:
        return init_data(
            {"id": user_id, "first_name": "Test", "language_code": language_code},
            token or self.world.tg.token,
            auth_date or datetime.now(UTC),
            query_id="AAF-test",
        )

    async def seed(self, user_id: int, **options: Any) -> None:
        """A person who started the bot and finished its setup (through the services)."""
        await seed_user(self.world, user_id, options.pop("answers", PYTHON_DEV), **options)

    async def request(
        self,
        method: str,
        path: str,
        *,
        user: int | None = None,
        authorization: str | None = None,
        json_body: Any = None,
        data: str | None = None,
        **headers: str,
    ) -> Answer:
        sent = dict(headers)
        if authorization is not None:
            sent["Authorization"] = authorization
        elif user is not None:
            sent["Authorization"] = f"tma {self.init_data(user)}"
        if data is not None:
            sent.setdefault("Content-Type", "application/json")
        async with self._session.request(
            method, self.base_url + path, json=json_body, data=data, headers=sent
        ) as response:
            text = await response.text()
            body = json.loads(text) if "json" in (response.content_type or "") else text
            return Answer(response.status, dict(response.headers), body)

    async def get(self, path: str, **kwargs: Any) -> Answer:
        return await self.request("GET", path, **kwargs)

    async def post(self, path: str, body: Any = None, **kwargs: Any) -> Answer:
        return await self.request("POST", path, json_body=body, **kwargs)

    async def put(self, path: str, body: Any = None, **kwargs: Any) -> Answer:
        return await self.request("PUT", path, json_body=body, **kwargs)

    async def first_recommendation(self, user_id: int) -> dict[str, Any]:
        answer = await self.get("/api/jobs/recommendations", user=user_id)
        assert answer.status == 200, answer.body
        assert answer.body["recommendations"], "the feed is empty"
        first = answer.body["recommendations"][0]
        assert isinstance(first, dict)
        return first

    async def saved_job(self, user_id: int) -> dict[str, Any]:
        """A recommendation of ``user_id`` saved to their board; the saved job."""
        rec = await self.first_recommendation(user_id)
        answer = await self.post(
            "/api/jobs/save", {"job_recommendation_id": rec["id"]}, user=user_id
        )
        assert answer.status == 201, answer.body
        assert isinstance(answer.body, dict)
        return answer.body


async def serve(world: BotWorld) -> AsyncIterator[ApiClient]:
    runner = web.AppRunner(build_web_app(world.app.services))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    try:
        async with aiohttp.ClientSession() as session:
            yield ApiClient(world, f"http://{host}:{port}", session)
    finally:
        await runner.cleanup()


@pytest.fixture
async def api(bot_world: BotWorld) -> AsyncIterator[ApiClient]:
    async for client in serve(bot_world):
        yield client


@pytest.fixture
async def limited_api(bot_world_factory: WorldFactory) -> AsyncIterator[ApiClient]:
    """Three requests per person, then one more every 100 s."""
    world = await bot_world_factory(web_app_rate=0.01, web_app_burst=3)
    async for client in serve(world):
        yield client


def long_ago(max_age_seconds: int) -> datetime:
    return datetime.now(UTC) - timedelta(seconds=max_age_seconds + 60)
