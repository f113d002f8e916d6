"""What ``python -m bot`` runs (bot.__main__.run_polling, bot.webhook.run_webhook), pointed
at both emulators and a temporary SQLite file: the push scheduler runs inside it and
stops with it."""

from __future__ import annotations

import asyncio
import logging
import shutil
import socket
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.__main__ import run_polling
from bot.app import BotApp
from bot.push.scheduler import PushScheduler
from bot.webhook import run_webhook
from core.config import Settings
from core.services.push_lease import LEASE_NAME
from db.models import SchedulerLease
from db.session import create_engine, create_session_factory
from sandbox.hh import HHEmulator
from sandbox.telegram import TelegramEmulator
from tests.fixtures.bot import bot_settings
from tests.fixtures.db import sqlite_url

PUSH_JOBS = ["cleanup", "digest", "lease", "refresh", "reminders"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def lease_holder(db_path: Path) -> str | None:
    """Who holds the push lease, read through a separate engine (as another process)."""
    engine = create_engine(sqlite_url(db_path))
    try:
        async with create_session_factory(engine)() as session:
            return await session.scalar(
                select(SchedulerLease.holder).where(SchedulerLease.name == LEASE_NAME)
            )
    finally:
        await engine.dispose()


async def until_lease_held(db_path: Path, holder: str, timeout: float = 10.0) -> None:  # noqa: ASYNC109
    """The scheduler's first digest tick (right at start) has taken the lease."""
    deadline = time.monotonic() + timeout
    while await lease_holder(db_path) != holder:
        if time.monotonic() > deadline:
            raise TimeoutError("the push scheduler never took its lease")
        await asyncio.sleep(0.05)


Runner = Callable[..., Awaitable[None]]


async def start(run: Runner, settings: Settings) -> tuple[asyncio.Task[None], BotApp]:
    """Start ``run(settings)`` as ``python -m bot`` would; the app once it is up."""
    started: asyncio.Future[BotApp] = asyncio.get_running_loop().create_future()

    async def on_started(app: BotApp) -> None:
        started.set_result(app)

    task = asyncio.create_task(run(settings, started=on_started))
    await asyncio.wait({started, task}, timeout=30, return_when=asyncio.FIRST_COMPLETED)
    if not started.done():
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        raise AssertionError(f"the bot did not start: {task.exception() if task.done() else ''}")
    return task, started.result()


def errors(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [f"{r.name}: {r.getMessage()}" for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.fixture
def db_path(sqlite_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "bot.sqlite"
    shutil.copyfile(sqlite_template, path)
    return path


async def test_polling_runs_the_four_push_jobs_and_stops_them_cleanly(
    tg_emulator: TelegramEmulator,
    hh_emulator: HHEmulator,
    db_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    settings = bot_settings(tg_emulator, hh_emulator, db_path)
    task, app = await start(run_polling, settings)
    scheduler = app.scheduler
    assert isinstance(scheduler, PushScheduler)
    assert scheduler.running and scheduler.job_ids == PUSH_JOBS
    await until_lease_held(db_path, scheduler.holder)

    await app.dispatcher.stop_polling()  # what SIGINT / SIGTERM do
    await asyncio.wait_for(task, timeout=15)
    assert not scheduler.running and scheduler.job_ids == []
    assert await lease_holder(db_path) is None  # handed over at shutdown
    assert errors(caplog) == []


async def test_webhook_mode_runs_the_four_push_jobs_and_stops_them_cleanly(
    tg_emulator: TelegramEmulator,
    hh_emulator: HHEmulator,
    db_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    port = free_port()
    settings = bot_settings(
        tg_emulator,
        hh_emulator,
        db_path,
        webhook_url=f"http://127.0.0.1:{port}/telegram/webhook",
        webhook_host="127.0.0.1",
        webhook_port=port,
    )
    task, app = await start(run_webhook, settings)
    scheduler = app.scheduler
    assert isinstance(scheduler, PushScheduler)
    assert scheduler.running and scheduler.job_ids == PUSH_JOBS
    await until_lease_held(db_path, scheduler.holder)

    task.cancel()  # what Ctrl-C does to asyncio.run(run_webhook(...))
    await asyncio.gather(task, return_exceptions=True)
    assert not scheduler.running and scheduler.job_ids == []
    assert await lease_holder(db_path) is None
    assert errors(caplog) == []
