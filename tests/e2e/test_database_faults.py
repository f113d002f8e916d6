"""The database fails under the running bot: the person is told the service is
temporarily unavailable (not "something went wrong" and silence), one clear line is
logged, and a database file deleted while running stops the process with a non-zero
status so a supervisor restarts it instead of answering while every write is lost."""

from __future__ import annotations

import asyncio
import logging
import shutil
from pathlib import Path

import pytest
from sqlalchemy import event, text

from bot.__main__ import run_polling
from bot.app import EXIT_DATABASE_GONE, BotApp
from db.session import create_engine, database_unavailable
from sandbox.hh import HHEmulator
from sandbox.telegram import TelegramEmulator
from tests.fixtures.bot import bot_settings

UNAVAILABLE = "temporarily unavailable"


async def test_a_deleted_database_file_tells_the_user_and_stops_the_bot_with_status_3(
    tg_emulator: TelegramEmulator,
    hh_emulator: HHEmulator,
    sqlite_template: Path,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    db_path = tmp_path / "bot.sqlite"
    shutil.copyfile(sqlite_template, db_path)
    settings = bot_settings(tg_emulator, hh_emulator, db_path)
    started: asyncio.Future[BotApp] = asyncio.get_running_loop().create_future()

    async def on_started(app: BotApp) -> None:
        started.set_result(app)

    task = asyncio.create_task(run_polling(settings, started=on_started))
    try:
        await asyncio.wait_for(started, timeout=30)
        assert "What I can do" in (await tg_emulator.user(901).ask("/help")).plain
        db_path.unlink()  # an operator's mistake, a cleanup job, a lost volume
        reply = await tg_emulator.user(902).ask("/start")  # a new person: a write
        assert UNAVAILABLE in reply.plain
        status = await asyncio.wait_for(task, timeout=30)
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    assert status == EXIT_DATABASE_GONE
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors and all(r.exc_info is None for r in errors)  # clear lines, no tracebacks
    assert any("deleted or replaced" in r.getMessage() for r in errors)


async def test_a_full_disk_is_recognised_as_the_database_being_unavailable(
    tmp_path: Path,
) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'full.sqlite'}")

    def tiny(dbapi_connection: object, _record: object) -> None:
        cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
        cursor.execute("PRAGMA max_page_count = 2")  # as if the disk had no room left
        cursor.close()

    event.listen(engine.sync_engine, "connect", tiny)
    try:
        with pytest.raises(Exception) as caught:
            async with engine.begin() as conn:
                await conn.execute(text("CREATE TABLE t (x TEXT)"))
                for _ in range(100):
                    await conn.execute(text("INSERT INTO t VALUES (:x)"), {"x": "x" * 4000})
    finally:
        await engine.dispose()
    reason = database_unavailable(caught.value)
    assert reason is not None and "full" in reason
