"""The offline sandbox demo (sandbox/demo.py) and the chat page's HTTP API.

In process: the demo starts on free ports, serves the page, and a /start typed through
the web endpoints gets the bot's greeting back over the long-poll stream; buttons, the
commands menu, the digest control and ``--reset`` work. As a subprocess: ``python -m bot``
with no BOT_TOKEN prints the page's URL and stops cleanly on Ctrl-C (SIGINT).
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from core.domain.onboarding import OnboardingAnswers
from sandbox.demo import DIGEST_ACTION, Demo, DemoOptions, next_digest_moment

REPO = Path(__file__).resolve().parents[2]
USER = 1
Event = dict[str, Any]


@pytest.fixture
async def demo(tmp_path: Path) -> AsyncIterator[Demo]:
    running = Demo(DemoOptions(port=0, data_dir=tmp_path / "demo-data"))
    await running.start()
    try:
        yield running
    finally:
        await running.stop()


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as session:
        yield session


class PageClient:
    """What chat.js does, in Python: send, press, and follow the event stream."""

    def __init__(self, http: aiohttp.ClientSession, url: str, user_id: int = USER) -> None:
        self.http = http
        self.base = f"{url.rstrip('/')}/_chat/{user_id}"
        self.seq = 0
        self.messages: dict[int, dict[str, Any]] = {}

    async def send(self, text: str) -> dict[str, Any]:
        async with self.http.post(f"{self.base}/send", json={"text": text}) as response:
            assert response.status == 200, await response.text()
            return (await response.json())["message"]

    async def press(self, label: str) -> None:
        message_id, row, column = self._button(label)
        body = {"message_id": message_id, "row": row, "column": column}
        async with self.http.post(f"{self.base}/press", json=body) as response:
            assert response.status == 200, await response.text()

    async def action(self, name: str) -> dict[str, Any]:
        async with self.http.post(f"{self.base}/actions/{name}", json={}) as response:
            assert response.status == 200, await response.text()
            return await response.json()

    async def wait_for(self, matches: Callable[[Event], bool], timeout: float = 15) -> Event:  # noqa: ASYNC109
        """The first event from the stream (after what was read) that ``matches``."""
        deadline = time.monotonic() + timeout
        while (remaining := deadline - time.monotonic()) > 0:
            url = f"{self.base}/events?after={self.seq}&timeout={min(remaining, 5):.1f}"
            async with self.http.get(url) as response:
                body = await response.json()
            assert not body.get("reset"), body
            self.seq = body["seq"]
            for event in body["events"]:
                self._apply(event)
                if matches(event):
                    return event
        raise TimeoutError(f"no matching event; chat: {list(self.messages.values())}")

    async def bot_says(self, text: str, timeout: float = 15) -> dict[str, Any]:  # noqa: ASYNC109
        event = await self.wait_for(
            lambda e: (
                e["type"] == "message" and e["message"]["from_bot"] and text in e["message"]["text"]
            ),
            timeout,
        )
        return event["message"]

    def _apply(self, event: Event) -> None:
        if event["type"] == "message":
            self.messages[event["message"]["id"]] = event["message"]
        elif event["type"] == "delete":
            self.messages.pop(event["message_id"], None)

    def _button(self, label: str) -> tuple[int, int, int]:
        for message in reversed(self.messages.values()):
            for r, row in enumerate(message["buttons"]):
                for c, button in enumerate(row):
                    if label in button["text"]:
                        return message["id"], r, c
        raise LookupError(f"no button {label!r}")


# ------------------------------------------------------------------------------ in process
async def test_the_page_and_its_assets_are_served(demo: Demo, http: aiohttp.ClientSession) -> None:
    async with http.get(demo.url) as response:
        assert response.status == 200
        assert response.content_type == "text/html"
        page = await response.text()
    assert "/web/chat.js" in page and "/web/chat.css" in page
    for asset, kind in (("chat.js", "javascript"), ("chat.css", "text/css")):
        async with http.get(f"{demo.url}web/{asset}") as response:
            assert response.status == 200
            assert kind in response.content_type
    async with http.get(f"{demo.url}_chat/config") as response:
        config = await response.json()
    assert config["user"]["id"] == USER
    assert [a["name"] for a in config["actions"]] == [DIGEST_ACTION]


@pytest.mark.parametrize(
    ("lang", "menu", "message", "intro"),
    [
        ("en", "☰ Menu", "Message", "This is the offline sandbox"),
        ("ru", "☰ Меню", "Сообщение", "Это офлайн-песочница"),
        ("kk", "☰ Мәзір", "Хабарлама", "Бұл офлайн құмсалғыш"),
    ],
)
async def test_the_page_chrome_comes_in_the_users_language(
    demo: Demo, http: aiohttp.ClientSession, lang: str, menu: str, message: str, intro: str
) -> None:
    async with http.get(f"{demo.url}_chat/texts?lang={lang}") as response:
        texts = (await response.json())["texts"]
    assert (texts["menu"], texts["message"]) == (menu, message)
    assert texts["intro"].startswith(intro)
    assert texts[f"action-{DIGEST_ACTION}"].startswith("⚡ ")


async def test_start_round_trip_over_the_web_endpoints(
    demo: Demo, http: aiohttp.ClientSession
) -> None:
    chat = PageClient(http, demo.url)
    sent = await chat.send("/start")
    assert sent["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]

    greeting = await chat.bot_says("Hi, Demo!")
    step = await chat.bot_says("Step 1 of 7")
    assert greeting["id"] < step["id"]
    assert {"type": "bold", "offset": 0, "length": len("Step 1 of 7 · Fields")} in step["entities"]

    await chat.press("Programming")
    edited = await chat.bot_says("Step 1 of 7")
    assert edited["id"] == step["id"] and edited["edited"]
    assert any("✅" in b["text"] for row in edited["buttons"] for b in row)

    async with http.get(f"{demo.url}_chat/commands?lang=en") as response:
        commands = [c["command"] for c in (await response.json())["commands"]]
    assert "start" in commands and "saved" in commands

    async with http.get(f"{chat.base}/history") as response:
        history = await response.json()
    assert [m["id"] for m in history["messages"]] == sorted(chat.messages)


async def test_the_digest_control_sends_the_digest_through_the_scheduler(
    demo: Demo, http: aiohttp.ClientSession
) -> None:
    chat = PageClient(http, demo.url)
    await chat.send("/help")  # the person has written to the bot: the chat exists
    refused = await chat.action(DIGEST_ACTION)
    assert "/start" in refused["note"]

    assert demo.app is not None
    services = demo.app.services
    await services.users.ensure_user(USER, first_name="Demo", username=None, language_code="en")
    python_dev = OnboardingAnswers(
        categories=["programming"],
        skills=["Python", "Django", "SQL"],
        area_ids=["160"],
        job_titles=["Python-разработчик"],
    )
    await services.preferences.complete_onboarding(USER, python_dev)

    sent = await chat.action(DIGEST_ACTION)
    assert sent["note"].startswith("Digest sent."), sent
    card = await chat.wait_for(
        lambda e: e["type"] == "message" and "🎯" in e["message"]["text"], timeout=20
    )
    assert card["message"]["buttons"]

    again = await chat.action(DIGEST_ACTION)  # tomorrow's: the demo clock moves on a day
    assert "Digest sent." in again["note"] or "No new vacancies" in again["note"], again


async def test_data_and_the_demo_clock_survive_a_restart_and_reset_clears_them(
    tmp_path: Path,
) -> None:
    options = DemoOptions(port=0, data_dir=tmp_path)
    async with Demo(options) as first:
        assert first.app is not None
        await first.app.services.users.ensure_user(
            USER, first_name="Demo", username=None, language_code="en"
        )
        first.clock.jump_to(first.clock() + timedelta(days=1))
    async with Demo(options) as kept:
        assert kept.app is not None
        assert await kept.app.services.users.get(USER) is not None
        assert kept.clock.offset >= timedelta(hours=23)  # digest rows are dated by it
    options.reset = True
    async with Demo(options) as fresh:
        assert fresh.app is not None
        assert await fresh.app.services.users.get(USER) is None
        assert fresh.clock.offset == timedelta(0)


def test_the_next_digest_moment_is_today_tomorrow_or_now() -> None:
    almaty_8am = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)  # UTC+5
    today_9 = datetime(2026, 3, 2, 4, 0, tzinfo=UTC)
    tomorrow_9 = datetime(2026, 3, 3, 4, 0, tzinfo=UTC)
    late = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    assert next_digest_moment(almaty_8am, "Asia/Almaty", "09:00", done_today=False) == today_9
    assert next_digest_moment(late, "Asia/Almaty", "09:00", done_today=False) == late
    assert next_digest_moment(late, "Asia/Almaty", "09:00", done_today=True) == tomorrow_9


def test_a_person_who_set_up_after_todays_digest_time_is_owed_tomorrows() -> None:
    set_up_at_noon = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)
    late = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    tomorrow_9 = datetime(2026, 3, 3, 4, 0, tzinfo=UTC)
    moment = next_digest_moment(
        late, "Asia/Almaty", "09:00", done_today=False, began=set_up_at_noon
    )
    assert moment == tomorrow_9


# ------------------------------------------------------------------------------ subprocess
async def test_python_m_bot_without_a_token_runs_the_demo_and_stops_on_ctrl_c(
    tmp_path: Path, http: aiohttp.ClientSession
) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("BOT_TOKEN", "WEBHOOK_URL")}
    env["PYTHONPATH"] = str(REPO)
    # cwd is an empty directory: no .env is read, and the demo data lands there.
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "--port",
        "0",
        "--data-dir",
        "data",
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    try:
        head, url = await asyncio.wait_for(_read_url(process), timeout=90)
        async with http.get(url) as response:
            assert response.status == 200
        process.send_signal(signal.SIGINT)
        rest, _ = await asyncio.wait_for(process.communicate(), timeout=30)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    output = head + rest.decode()
    assert process.returncode == 0, output
    assert "Stopping the demo" in output
    assert (tmp_path / "data" / "demo.sqlite").is_file()
    with pytest.raises(aiohttp.ClientConnectionError):
        async with http.get(url):
            pass


async def _read_url(process: asyncio.subprocess.Process) -> tuple[str, str]:
    """(output so far, the page URL) once the demo prints it."""
    assert process.stdout is not None
    seen: list[str] = []
    while line := (await process.stdout.readline()).decode():
        seen.append(line)
        if "Open the chat:" in line:
            return "".join(seen), line.split("Open the chat:", 1)[1].strip()
    raise AssertionError("the demo exited without printing its URL:\n" + "".join(seen))
