"""Where the Mini App is served: its own port in polling mode, the webhook's server in
webhook mode; with WEB_APP_URL the bot's menu button opens it."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import aiohttp
from aiohttp import web

from bot.app import build_app, build_app_with_push
from bot.webhook import build_webhook_app
from sandbox.hh import HHEmulator
from sandbox.telegram import TelegramEmulator
from tests.e2e.test_webhook import free_port
from tests.fixtures.bot import bot_settings


async def _get_status(url: str) -> int:
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        return response.status


async def test_polling_mode_serves_the_api_on_web_app_port_and_sets_the_menu_button(
    tg_emulator: TelegramEmulator,
    hh_emulator: HHEmulator,
    sqlite_template: Path,
    tmp_path: Path,
) -> None:
    db_path = tmp_path / "bot.sqlite"
    shutil.copyfile(sqlite_template, db_path)
    port = free_port()
    app_url = f"http://127.0.0.1:{port}/app/"
    settings = bot_settings(
        tg_emulator, hh_emulator, db_path, web_app_port=port, web_app_url=app_url
    )
    app = await build_app_with_push(settings)
    started = asyncio.Event()

    async def mark_started() -> None:
        started.set()

    app.on_startup.append(mark_started)
    polling = asyncio.create_task(
        app.start_polling(polling_timeout=1, handle_signals=False, close_bot_session=False)
    )
    try:
        await asyncio.wait_for(started.wait(), timeout=10)
        assert await _get_status(f"http://127.0.0.1:{port}/api/jobs/recommendations") == 401
        assert await _get_status(app_url) == 200
        button = tg_emulator.bot_settings["menu_button"]
        assert button["type"] == "web_app" and button["web_app"]["url"] == app_url
    finally:
        await app.dispatcher.stop_polling()
        await asyncio.wait_for(polling, timeout=10)
        await app.stop()
    # Stopped with polling: the port is free again.
    with __import__("socket").socket() as sock:
        sock.bind(("127.0.0.1", port))


async def test_webhook_mode_serves_the_api_on_the_webhooks_server(
    tg_emulator: TelegramEmulator,
    hh_emulator: HHEmulator,
    sqlite_template: Path,
    tmp_path: Path,
) -> None:
    db_path = tmp_path / "bot.sqlite"
    shutil.copyfile(sqlite_template, db_path)
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram/webhook"
    app = await build_app(bot_settings(tg_emulator, hh_emulator, db_path, webhook_url=url))
    runner = web.AppRunner(build_webhook_app(app, "s3cret"))
    await runner.setup()
    try:
        await web.TCPSite(runner, "127.0.0.1", port).start()
        assert await _get_status(f"http://127.0.0.1:{port}/api/jobs/saved") == 401
        assert await _get_status(f"http://127.0.0.1:{port}/api/openapi.json") == 200
        assert await _get_status(f"http://127.0.0.1:{port}/app/") == 200
    finally:
        await runner.cleanup()
        await app.stop()
