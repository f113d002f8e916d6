"""The offline sandbox demo: ``./run`` (``python -m bot``) with no ``BOT_TOKEN``.

One process, one event loop, nothing leaves loopback:

- the HeadHunter API emulator serving its generated vacancy corpus (no HH token needed:
  ``anonymous_mode="open"``);
- the Telegram Bot API emulator, which also serves the chat page (sandbox/web/);
- the real bot (bot.app.build_app, long polling, the push scheduler) pointed at both,
  keeping its data in ``./demo-data/demo.sqlite`` (``--reset`` starts it fresh);
- the Mini App and its API (api/), served by the bot on the next port; the chat page's
  menu button opens it with initData the Telegram emulator signs for the demo's token.

It prints the page's URL and runs until Ctrl-C (or SIGTERM), then stops everything.

The page's "Send my digest now" control runs the scheduler's real digest tick. A digest
goes out once per local day at the user's digest time, so the control first moves the
demo's business clock forward to the next moment a digest is due (see :class:`DemoClock`).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import errno
import functools
import gc
import logging
import signal
import socket
import sys
import webbrowser
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from bot.i18n import LANGUAGES, Locales
from bot.ui.render import Html
from core.config import Settings, load_settings
from sandbox.corpus import Corpus, build_corpus
from sandbox.hh import HHEmulator
from sandbox.telegram import TelegramEmulator

if TYPE_CHECKING:
    from bot.app import BotApp

log = logging.getLogger(__name__)

DEFAULT_PORT = 8090
DEFAULT_DATA_DIR = Path("demo-data")
DB_NAME = "demo.sqlite"
CLOCK_NAME = "clock-offset"  # seconds the demo clock is ahead of real time
DEMO_TOKEN = "100000:sandbox-demo"
DEMO_USER_ID = 1
DEMO_USER_NAME = "Demo"
# The emulator enforces no rate limits, and a person watching the page should not wait a
# second per card of a digest; the pacer itself is still exercised.
DEMO_CHAT_RATE = 5.0
POLL_SECONDS = 10  # the bot's getUpdates long poll; stopping cancels it at once
DIGEST_ACTION = "digest"
# The page's own texts (its chrome, the control and its toasts) in the bot's languages:
# Fluent catalogues in sandbox/locales, read with the bot's own loader.
PAGE_LOCALES_DIR = Path(__file__).resolve().parent / "locales"


@functools.lru_cache(maxsize=1)
def _page_locales() -> Locales:
    return Locales.load(PAGE_LOCALES_DIR)


def demo_text(language: str | None, key: str, **params: object) -> str:
    """A text of the page's digest control in ``language`` (English when unknown)."""
    return _page_locales().get(language)(f"demo.{key}", **params)


def page_texts(language: str | None, bot_name: str) -> dict[str, str]:
    """The chat page's chrome in ``language``, by element key (chat.js applies them)."""
    t = _page_locales().get(language)
    keys = (
        "status",
        "menu",
        "menu-hint",
        "message",
        "send",
        "intro",
        "start",
        "no_menu",
        "edited",
        "photo",
        "web_app",
        "web_app_tab",
        "web_app_close",
    )
    texts = {key: t(f"page.{key}") for key in keys}
    texts["title"] = t("page.title", bot=Html(bot_name))
    texts[f"action-{DIGEST_ACTION}"] = t("demo.label")
    return texts


DIGEST_LABEL = demo_text("en", "label")


# ================================================================================= clock


class DemoClock:
    """Real time plus an offset that only grows: the demo's business clock.

    "Send my digest now" jumps it to the next moment the demo user's digest is due, so the
    real scheduler path (due rule, once-per-day claim, paced delivery) sends it. Pacing and
    timeouts keep using real time (they never read this clock). The offset is kept next to
    the demo database: the digest rows it wrote are dated by it, so a restart must not
    send time back.
    """

    def __init__(self, path: Path | None = None) -> None:
        self._path = path
        self.offset = timedelta(0)
        if path is not None and path.is_file():
            with contextlib.suppress(ValueError):
                self.offset = timedelta(seconds=max(0.0, float(path.read_text())))

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def jump_to(self, moment: datetime) -> None:
        gap = moment - self()
        if gap > timedelta(0):
            self.offset += gap
            if self._path is not None:
                self._path.write_text(f"{self.offset.total_seconds():.0f}\n")


def next_digest_moment(
    now: datetime,
    timezone: str,
    digest_time: str,
    *,
    done_today: bool,
    began: datetime | None = None,
) -> datetime:
    """The first moment at or after ``now`` when a digest at local ``digest_time`` is due:
    ``now`` itself if today's is due and not sent yet, else today's or tomorrow's time.
    Today's is not owed to a person who set up after its time (``began``)."""
    tz = ZoneInfo(timezone)
    local = now.astimezone(tz)
    hours, minutes = (int(part) for part in digest_time.split(":"))
    today_at = datetime.combine(local.date(), time(hours, minutes), tzinfo=tz)
    if local < today_at:
        return today_at.astimezone(UTC)
    owed_today = began is None or began <= today_at
    if not done_today and owed_today:
        return now
    return (today_at + timedelta(days=1)).astimezone(UTC)


# ================================================================================= options


@dataclass
class DemoOptions:
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    data_dir: Path = DEFAULT_DATA_DIR
    reset: bool = False
    open_browser: bool = False
    user_id: int = DEMO_USER_ID
    first_name: str = DEMO_USER_NAME
    language: str = "en"
    # Settings overrides on top of the demo's own (tests pass a few).
    settings: dict[str, Any] = field(default_factory=dict)

    @property
    def db_path(self) -> Path:
        return self.data_dir / DB_NAME

    @property
    def clock_path(self) -> Path:
        return self.data_dir / CLOCK_NAME


def parse_args(argv: list[str]) -> DemoOptions:
    parser = argparse.ArgumentParser(
        prog="./run",
        description="Offline sandbox demo (no BOT_TOKEN): the bot in a browser chat, "
        "with emulated Telegram and HeadHunter.",
    )
    parser.add_argument("--reset", action="store_true", help="start with a fresh demo database")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="chat page port")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR, help="demo data")
    parser.add_argument(
        "--lang", choices=LANGUAGES, default="en", help="demo user language (and the page's)"
    )
    parser.add_argument("--open", action="store_true", help="open the page in a browser")
    args = parser.parse_args(argv)
    return DemoOptions(
        host=args.host,
        port=args.port,
        data_dir=args.data_dir,
        reset=args.reset,
        open_browser=args.open,
        language=args.lang,
    )


# ================================================================================= demo


class Demo:
    """Everything the demo runs. ``await start()`` → page URL; ``await stop()`` undoes it."""

    def __init__(self, options: DemoOptions) -> None:
        self.options = options
        self.clock = DemoClock()
        self.hh: HHEmulator | None = None
        self.tg: TelegramEmulator | None = None
        self.app: BotApp | None = None
        self._polling: asyncio.Task[None] | None = None
        self.url = ""
        self.web_app_port = 0

    # ----------------------------------------------------------------------------- lifecycle
    async def start(self) -> str:
        self._prepare_data_dir()
        try:
            await self._start_emulators()
            self.app = await self._build_bot()
            await self._start_polling(self.app)
        except BaseException:
            await self.stop()
            raise
        return self.url

    async def stop(self) -> None:
        """Stop the bot first (it talks to both emulators), then the emulators."""
        app, polling = self.app, self._polling
        self.app = self._polling = None
        try:
            if app is not None and polling is not None and not polling.done():
                await app.dispatcher.stop_polling()
                await asyncio.wait_for(polling, timeout=10)
        finally:
            if app is not None:
                await app.stop()
            for emulator in (self.tg, self.hh):
                if emulator is not None:
                    await emulator.stop()
            self.tg = self.hh = None

    async def __aenter__(self) -> Demo:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    # ----------------------------------------------------------------------------- parts
    def _prepare_data_dir(self) -> None:
        if self.options.reset:
            remove_demo_data(self.options)
        self.options.data_dir.mkdir(parents=True, exist_ok=True)
        self.clock = DemoClock(self.options.clock_path)

    async def _start_emulators(self) -> None:
        now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
        # CPU-bound for a second or so; a thread keeps Ctrl-C responsive meanwhile.
        corpus = await asyncio.to_thread(demo_corpus, now)
        self.hh = HHEmulator(corpus, app_token=None, anonymous_mode="open")
        await self.hh.start("127.0.0.1", 0)
        self.tg = TelegramEmulator(token=DEMO_TOKEN)
        self.tg.web.default_user.user_id = self.options.user_id
        self.tg.web.default_user.first_name = self.options.first_name
        self.tg.web.default_user.language_code = self.options.language
        self.tg.web.page_texts = page_texts
        label = demo_text(self.options.language, "label")
        self.tg.web.add_action(DIGEST_ACTION, label, self.send_digest_now)
        self.url = await self._start_telegram(self.tg) + "/"
        self.web_app_port = web_app_port(self.options)

    async def _start_telegram(self, tg: TelegramEmulator) -> str:
        try:
            return await tg.start(self.options.host, self.options.port)
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE or self.options.port != DEFAULT_PORT:
                raise
            # The default port is taken (another demo?): any free port will do.
            log.warning("port %s is in use; picking a free one", self.options.port)
            return await tg.start(self.options.host, 0)

    def settings(self) -> Settings:
        assert self.tg is not None and self.hh is not None
        values: dict[str, Any] = {
            "bot_token": self.tg.token,
            "telegram_api_url": self.tg.url,
            "webhook_url": None,
            "redis_url": None,
            "database_url": f"sqlite+aiosqlite:///{self.options.db_path.resolve()}",
            "hh_api_base_url": self.hh.url,
            "hh_app_token": None,  # a real token from .env must not go to the emulator
            "telegram_chat_rate": DEMO_CHAT_RATE,
            # The Mini App: served by the bot beside the chat page; the web chat's menu
            # button opens it with initData the emulator signs (sandbox/telegram_web_app.py).
            "web_app_host": self.options.host,
            "web_app_port": self.web_app_port,
            "web_app_url": f"http://{self.options.host}:{self.web_app_port}/app/",
        }
        return load_settings(**{**values, **self.options.settings})

    async def _build_bot(self) -> BotApp:
        from bot.app import build_app_with_push

        return await build_app_with_push(self.settings(), clock=self.clock)

    async def _start_polling(self, app: BotApp) -> None:
        started = asyncio.Event()

        async def mark_started() -> None:
            started.set()

        app.on_startup.append(mark_started)
        self._polling = asyncio.create_task(
            app.start_polling(
                polling_timeout=POLL_SECONDS, handle_signals=False, close_bot_session=False
            )
        )
        waiting = asyncio.create_task(started.wait())
        await asyncio.wait({waiting, self._polling}, return_when=asyncio.FIRST_COMPLETED)
        if not started.is_set():
            waiting.cancel()
            await self._polling  # raises what made polling fail
            raise RuntimeError("the bot stopped before it started")

    # ----------------------------------------------------------------------------- digest
    async def send_digest_now(self, user_id: int) -> str:
        """The page's control: make the user's digest due, then run the digest tick."""
        app = self.app
        if app is None or app.scheduler is None:
            return demo_text(self.options.language, "not_running")
        user = await app.services.users.get(user_id)
        language = user.language if user is not None else self.options.language
        if user is None or not user.onboarded:
            return demo_text(language, "need_start")
        if not user.digest_enabled:
            return demo_text(language, "digest_off")
        done_today = await self._digest_done_today(app, user_id, user.timezone)
        moment = next_digest_moment(
            self.clock(),
            user.timezone,
            user.digest_time,
            done_today=done_today,
            began=user.onboarded_at,
        )
        self.clock.jump_to(moment + timedelta(seconds=1))
        report = await app.scheduler.run_digest_tick()
        # The timer's own tick may have delivered it just before ours: say what happened
        # to this user's digest today, not what our tick alone did.
        counts = dict(report.counts)
        outcome = await self._digest_status_today(app, user_id, user.timezone)
        if outcome in ("sent", "empty"):
            counts[outcome] = max(counts.get(outcome, 0), 1)
        return digest_note(counts, self.clock(), user.timezone, user.language)

    async def _digest_done_today(self, app: BotApp, user_id: int, timezone: str) -> bool:
        return await self._digest_status_today(app, user_id, timezone) is not None

    async def _digest_status_today(self, app: BotApp, user_id: int, timezone: str) -> str | None:
        from db.repositories import DigestRepository

        today: date = self.clock().astimezone(ZoneInfo(timezone)).date()
        async with app.session_factory() as session:
            delivery = await DigestRepository(session).get(user_id, today)
        return delivery.status if delivery is not None else None


def digest_note(counts: dict[str, int], now: datetime, timezone: str, language: str = "en") -> str:
    """What the page shows after the digest tick (the digest itself arrives in the chat),
    in the user's ``language``."""
    local = now.astimezone(ZoneInfo(timezone)).strftime(demo_text(language, "clock_format"))
    if counts.get("sent"):
        outcome = demo_text(language, "sent")
    elif counts.get("empty"):
        outcome = demo_text(language, "empty")
    else:
        # Zero counts ("due 0") say nothing to a person.
        listed = ", ".join(f"{name} {count}" for name, count in sorted(counts.items()) if count)
        outcome = demo_text(language, "not_sent", counts=listed or demo_text(language, "none_due"))
    clock = demo_text(language, "clock", time=local, timezone=timezone)
    return f"{outcome}\n{clock}"


@functools.lru_cache(maxsize=1)
def demo_corpus(now: datetime) -> Corpus:
    """The vacancies the demo serves: fixed content (seed 42), dates relative to ``now``
    (to the hour). Cached: a restart within the hour (tests, --reset) reuses it."""
    return build_corpus(seed=42, size=3200, now=now)


def web_app_port(options: DemoOptions) -> int:
    """The Mini App's port: the one after the chat page's, or any free one if that is
    taken (or the page itself took any free port, as tests do)."""
    if options.port:
        with socket.socket() as sock, contextlib.suppress(OSError):
            sock.bind((options.host, options.port + 1))
            return options.port + 1
    with socket.socket() as sock:
        sock.bind((options.host, 0))
        return int(sock.getsockname()[1])


def remove_demo_data(options: DemoOptions) -> None:
    """--reset: the database (with SQLite's side files) and the clock offset."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{options.db_path}{suffix}").unlink(missing_ok=True)
    options.clock_path.unlink(missing_ok=True)


# ================================================================================= running


async def serve(options: DemoOptions) -> None:
    """Run the demo until SIGINT/SIGTERM."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):  # not on Windows; Ctrl-C still works
            loop.add_signal_handler(sig, stop.set)
    demo = Demo(options)
    try:
        url = await demo.start()
        print_banner(url, options)
        if options.open_browser:
            webbrowser.open(url)
        await stop.wait()
        print("\nStopping the demo…", flush=True)
    finally:
        await demo.stop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):
                loop.remove_signal_handler(sig)


def print_banner(url: str, options: DemoOptions) -> None:
    fresh = " (fresh)" if options.reset else ""
    print(
        "\n"
        "  hh-jobs-bot offline sandbox — no Telegram token, no HH account, no internet.\n"
        f"  Open the chat:  {url}\n"
        "  The Mini App:   the chat's ☰ app button (side panel or new tab)\n"
        f"  Demo database:  {options.db_path}{fresh}  (./run --reset starts it fresh)\n"
        "  Stop with Ctrl-C.\n",
        flush=True,
    )


def quiet_logs() -> None:
    if not logging.getLogger().handlers:  # run as python -m sandbox.demo
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )
    # Migration steps, scheduler jobs and one line per handled update would drown the
    # banner; their warnings and errors still show.
    for name in ("aiogram", "alembic", "apscheduler"):
        logging.getLogger(name).setLevel(logging.WARNING)


def main(argv: list[str] | None = None) -> int:
    options = parse_args(sys.argv[1:] if argv is None else argv)
    quiet_logs()
    try:
        asyncio.run(serve(options))
    except KeyboardInterrupt:  # a Ctrl-C before the signal handlers were installed
        return 130
    except OSError as exc:
        print(f"The demo could not start: {exc}", file=sys.stderr)
        return 1
    finally:
        # Everything is closed by now. Without this the interpreter's final garbage
        # collection walks the corpus and aiogram's models for seconds after Ctrl-C.
        gc.freeze()
    return 0


if __name__ == "__main__":
    sys.exit(main())
