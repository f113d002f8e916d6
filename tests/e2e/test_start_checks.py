"""``python -m bot`` with a bad setting stops at start with one line naming the variable
and exit status 2, whether the value is malformed or points at nothing; an unreachable
Bot API is one line too (exit 1 in webhook mode). A real subprocess: the exit is the point.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import sys
from pathlib import Path

import pytest

from bot.__main__ import run_polling
from bot.app import BotApp
from sandbox.hh import HHEmulator
from sandbox.telegram import TelegramEmulator
from tests.e2e.test_production_start import free_port
from tests.fixtures.bot import bot_settings

REPO = Path(__file__).resolve().parents[2]
NOWHERE = "127.0.0.1:1"  # nothing listens on port 1

MALFORMED = [
    ("DATABASE_URL", "nonsense"),
    ("DATABASE_URL", "postgresql://bot@db/bot"),
    ("WEBHOOK_URL", "not-a-url"),
    ("BOT_TOKEN", "notatoken"),
    ("BOT_TOKEN", "12:a b"),
    ("HH_API_BASE_URL", "not a url"),
    ("HH_API_TIMEOUT", "inf"),
    ("HH_API_TIMEOUT", "nan"),
    ("HH_API_TIMEOUT", "-1"),
    ("HH_HOST", "example.com"),
    ("REDIS_URL", "nonsense"),
    ("TELEGRAM_API_URL", "ftp://api.telegram.org"),
    ("TELEGRAM_GLOBAL_RATE", "inf"),
    ("TELEGRAM_CHAT_RATE", "0"),
    ("WEBHOOK_PORT", "99999"),
    ("MAX_CONCURRENT_API_CALLS", "x"),
    ("ADMIN_IDS", "alice"),
    ("DEFAULT_TIMEZONE", "Mars/Olympus"),
    ("DEFAULT_DIGEST_TIME", "25:00"),
    ("RECOMMENDATION_CACHE_HOURS", "inf"),
]
POINTING_NOWHERE = [
    ("REDIS_URL", f"redis://{NOWHERE}/0"),
    ("DATABASE_URL", f"postgresql+asyncpg://bot@{NOWHERE}/bot"),
    ("DATABASE_URL", "sqlite+aiosqlite:////no/such/directory/bot.sqlite"),
    ("BOT_TOKEN", "999:UNKNOWN"),
]


async def run_bot(env: dict[str, str], cwd: Path) -> tuple[int, list[str]]:
    """Exit status and the non-empty lines of stderr of ``python -m bot``."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        cwd=cwd,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    lines = [line for line in stderr.decode().splitlines() if line.strip()]
    return process.returncode or 0, lines


def base_env(tg: TelegramEmulator, tmp_path: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k.isupper()
        and not k.startswith(("BOT_", "WEBHOOK_", "DATABASE_", "REDIS_", "HH_", "TELEGRAM_"))
    }
    env.update(
        PYTHONPATH=str(REPO),
        BOT_TOKEN=tg.token,
        TELEGRAM_API_URL=tg.url,
        DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite'}",
        LOG_LEVEL="WARNING",
    )
    return env


@pytest.mark.parametrize(("name", "value"), MALFORMED + POINTING_NOWHERE)
async def test_a_bad_setting_stops_the_bot_with_one_line_naming_it(
    tg_emulator: TelegramEmulator, tmp_path: Path, name: str, value: str
) -> None:
    env = {**base_env(tg_emulator, tmp_path), name: value}
    status, lines = await run_bot(env, tmp_path)
    assert status == 2, lines
    assert len(lines) == 1 and name in lines[0], lines
    if name == "BOT_TOKEN":
        assert value not in lines[0]  # a secret is never echoed


async def test_webhook_mode_with_the_bot_api_unreachable_says_so_in_one_line(
    tg_emulator: TelegramEmulator, tmp_path: Path
) -> None:
    env = {
        **base_env(tg_emulator, tmp_path),
        "TELEGRAM_API_URL": f"http://{NOWHERE}",
        "WEBHOOK_URL": "https://bot.example.com/telegram",
    }
    status, lines = await run_bot(env, tmp_path)
    assert status == 1
    assert len(lines) == 1, lines
    assert "TELEGRAM_API_URL" in lines[0] and "cannot be reached" in lines[0]


class _Signal(logging.Handler):
    """Sets ``seen`` when something is logged."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.seen = asyncio.Event()

    def emit(self, record: logging.LogRecord) -> None:
        self.seen.set()


async def test_polling_waits_for_an_unreachable_bot_api_and_starts_when_it_answers(
    hh_emulator: HHEmulator,
    sqlite_template: Path,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    db_path = tmp_path / "bot.sqlite"
    shutil.copyfile(sqlite_template, db_path)
    port = free_port()
    tg = TelegramEmulator()
    tg.url = f"http://127.0.0.1:{port}"  # where it will listen once it is up
    settings = bot_settings(tg, hh_emulator, db_path)
    started: asyncio.Future[BotApp] = asyncio.get_running_loop().create_future()

    async def on_started(app: BotApp) -> None:
        started.set_result(app)

    waiting = _Signal()
    logging.getLogger("bot.startup").addHandler(waiting)
    with caplog.at_level(logging.ERROR, logger="bot.startup"):
        task = asyncio.create_task(run_polling(settings, started=on_started))
        await asyncio.wait_for(waiting.seen.wait(), timeout=30)  # the first "retrying in"
        assert not task.done()  # waiting, not dead
        await tg.start("127.0.0.1", port)
    logging.getLogger("bot.startup").removeHandler(waiting)
    try:
        app = await asyncio.wait_for(started, timeout=30)
        alice = tg.user(601)
        assert "/jobs" in (await alice.ask("/help")).plain
        await app.dispatcher.stop_polling()
        await asyncio.wait_for(task, timeout=20)
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await tg.stop()
    waits = [r for r in caplog.records if r.name == "bot.startup"]
    assert waits and all(r.exc_info is None and "\n" not in r.getMessage() for r in waits)
