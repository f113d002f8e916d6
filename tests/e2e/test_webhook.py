"""Webhook mode: the emulator delivers updates over HTTP to the bot's aiohttp server,
which accepts only requests carrying the secret token."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import aiohttp
from aiohttp import web

from bot.app import build_app
from bot.webhook import build_webhook_app
from sandbox.hh import HHEmulator
from sandbox.telegram import TelegramEmulator
from tests.fixtures.bot import bot_settings


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_webhook_mode_answers_updates_and_refuses_a_wrong_secret(
    tg_emulator: TelegramEmulator,
    hh_emulator: HHEmulator,
    sqlite_template: Path,
    tmp_path: Path,
) -> None:
    db_path = tmp_path / "bot.sqlite"
    shutil.copyfile(sqlite_template, db_path)
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram/webhook"
    settings = bot_settings(tg_emulator, hh_emulator, db_path, webhook_url=url)
    app = await build_app(settings)
    runner = web.AppRunner(build_webhook_app(app, "s3cret"))
    await runner.setup()
    try:
        await web.TCPSite(runner, "127.0.0.1", port).start()
        async with (
            aiohttp.ClientSession() as session,
            session.post(
                url, json={"update_id": 1}, headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"}
            ) as response,
        ):
            assert response.status == 401
        alice = tg_emulator.user(501)
        reply = await alice.ask("/help")
        assert "/jobs" in reply.plain
    finally:
        await runner.cleanup()
        await app.stop()
    assert tg_emulator.errors_4xx == []


async def test_webhook_answers_a_body_that_is_not_an_update_with_400(
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
    secret = {"X-Telegram-Bot-Api-Secret-Token": "s3cret"}
    try:
        await web.TCPSite(runner, "127.0.0.1", port).start()
        for garbage in (b"not json", b"\xff\xfe", b"[1, 2]", b'{"update_id": "x"}', b""):
            async with (
                aiohttp.ClientSession() as session,
                session.post(url, data=garbage, headers=secret) as response,
            ):
                assert response.status == 400, garbage
        alice = tg_emulator.user(502)
        assert "/jobs" in (await alice.ask("/help")).plain  # and it still works
    finally:
        await runner.cleanup()
        await app.stop()
