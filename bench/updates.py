"""Interactive throughput and latency of the whole bot, against a bare echo bot in the same run.

    ./run bench updates [--users 100] [--db-users 10000] [--duration 20] [--think 1.0]
                        [--check] [--quick] [--profile]

The bot runs as its own process, exactly as deployed: ``bot.app.build_app`` with real
aiogram long polling against the sandbox Telegram Bot API emulator, a real SQLite database
file and the sandbox HH API emulator. This process hosts both emulators and ``--users``
simulated people (ids 1..N, among ``--db-users`` onboarded users seeded through the
repositories); each person repeats a realistic mix of actions (feedback taps, next page,
details, ``/jobs`` from cache). Latency runs from the moment the emulator queues the update
to the moment it receives the reply that completes the action (the first message or edit,
and for a button also the callback answer).

Two load phases per bot, each ``--duration`` seconds:
- saturation: every person acts again as soon as the reply arrives (think time 0): the
  updates/s figure is the bot's capacity;
- realistic: people think ``--think`` seconds on average (exponential) between actions:
  the latency figures (the p95 target) are measured here.

The baseline is the same harness with a bare aiogram bot (no middlewares, no database)
that echoes every update. Peak RSS is the bot process's VmHWM at the end, with
``--db-users`` users in the database.
Targets: CPU per update on the mix ≤ 4 ms and ≥ 0.3 of the echo bot's efficiency,
realistic p95 < 100 ms and p99 < 300 ms, nothing unanswered, no harness error, peak RSS ≤
the echo bot's + 40 MB; with ``--soak 600`` RSS flat (≤ 10 MB growth after the first
quarter) over a 10-minute realistic phase.

Simulated people tap only buttons their chat shows (an action whose button is absent is
not among their choices); a planned tap with no such button is a harness error, counted
and printed, never replaced by another action. Inside the bot process a cost meter
(:class:`CostMeter`) counts, per update and by action, the process's CPU, SQL statements,
database sessions (connections checked out of the pool: one per unit of work that reaches the
database) and Telegram requests.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import random
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench._harness import (
    BOT_TOKEN,
    HH_APP_TOKEN,
    HH_USER_AGENT,
    Target,
    base_parser,
    cpu_seconds,
    environment_line,
    fmt,
    peak_rss_mb,
    percentile,
    print_table,
    py_spy_available,
    report_targets,
    seed_users,
    seed_users_bulk,
    summarize_py_spy,
)
from sandbox.telegram import ChatMessage, TelegramEmulator

TARGET_CPU_MS = 4.0  # bot CPU per update on the mix, saturated
TARGET_EFFICIENCY = 0.3  # echo CPU per update ÷ the bot's
TARGET_P95_MS = 100.0
TARGET_P99_MS = 300.0
TARGET_RSS_OVER_ECHO_MB = 40.0
TARGET_SOAK_GROWTH_MB = 10.0
ACTION_TIMEOUT = 10.0
ALONE_SETTLE = 0.25  # seconds after each action of the one-person phase
WARM_UP_TIMEOUT = 60.0  # the first /jobs queues behind everyone's HH fetches
READY = "BENCH-BOT-READY"
ROOT = Path(__file__).resolve().parent.parent

# ============================================================================ emulator


@dataclass(slots=True)
class Output:
    at: float  # perf_counter when the emulator accepted it
    kind: str  # "message" | "edit" | "answer"
    message: ChatMessage | None = None


@dataclass(slots=True)
class Probe:
    outputs: list[Output] = field(default_factory=list)
    changed: asyncio.Event = field(default_factory=asyncio.Event)

    def add(self, output: Output) -> None:
        self.outputs.append(output)
        self.changed.set()


class TimedTelegram(TelegramEmulator):
    """The Telegram emulator, stamping every reply the bot sends with the time it arrived."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.probes: dict[int, Probe] = {}
        # Per chat, the last message id before the current bot started: the echo bot's
        # buttons carry made-up recommendation ids, and a tap on one (the real bot
        # answers "not found", no message) used to count as a timeout of the real bot.
        self.floor: dict[int, int] = {}

    def new_run(self) -> None:
        for chat_id in list(self.probes):
            self.floor[chat_id] = max(self.chat_state(chat_id).messages, default=0)

    def probe(self, chat_id: int) -> Probe:
        return self.probes.setdefault(chat_id, Probe())

    def _add_bot_message(self, state: Any, message: ChatMessage) -> dict[str, Any]:
        result = super()._add_bot_message(state, message)
        kind = "edit" if message.edited else "message"
        self.probe(message.chat_id).add(Output(time.perf_counter(), kind, message))
        return result

    async def _answer_callback_query(self, params: Any) -> bool:
        chat_id = self._pending_queries.get(params.text("callback_query_id") or "")
        result = await super()._answer_callback_query(params)
        if chat_id is not None:
            self.probe(chat_id).add(Output(time.perf_counter(), "answer"))
        return result


# ============================================================================ actions


@dataclass(frozen=True, slots=True)
class Action:
    """What a person does: type ``text`` or tap the newest button whose callback_data
    starts with ``button``; ``weight`` is its share of the mix. The action is complete
    when a new message arrives (``until="message"``) or a new page's navigation message,
    the last of a page (``until="page"``), and, after a tap, the callback is answered."""

    name: str
    weight: float
    text: str | None = None
    button: str | None = None
    until: str = "message"


NAV_PREFIX = "jf:"  # FeedCb: the navigation message that ends a page of cards
# The mix, as callback_data prefixes: CardCb "jc" (bot/ui/callbacks.py), FeedCb "jf"
# (bot/features/jobs/callbacks.py).
MIX: tuple[Action, ...] = (
    Action("👍 like", 0.25, button="jc:up:"),
    Action("👎 dislike", 0.15, button="jc:dn:"),
    Action("next page", 0.20, button="jf:p:", until="page"),
    Action("details", 0.20, button="jc:dt:"),
    Action("/jobs (cached)", 0.20, text="/jobs", until="page"),
)
JOBS = MIX[-1]


def _has_nav(message: ChatMessage | None) -> bool:
    return message is not None and any(
        (b.callback_data or "").startswith(NAV_PREFIX) for row in message.buttons for b in row
    )


def _completed(outputs: Sequence[Output], action: Action, tapped: bool) -> float | None:
    """When the action completed (None: not yet)."""
    if action.until == "page":
        content = next((o.at for o in outputs if o.kind == "message" and _has_nav(o.message)), None)
    else:
        content = next((o.at for o in outputs if o.kind == "message"), None)
    if not tapped or content is None:
        return content
    answer = next((o.at for o in outputs if o.kind == "answer"), None)
    return None if answer is None else max(content, answer)


def _find_button(tg: TimedTelegram, chat_id: int, prefix: str) -> tuple[ChatMessage, Any] | None:
    messages = tg.chat_state(chat_id).messages
    floor = tg.floor.get(chat_id, 0)
    for message in reversed(messages.values()):
        if not message.from_bot or message.message_id <= floor:
            continue
        for row in message.buttons:
            for button in row:
                if button.callback_data and button.callback_data.startswith(prefix):
                    return message, button
    return None


def available_actions(tg: TimedTelegram, chat_id: int) -> list[Action]:
    """The actions of the mix a person can take now: typing, and the taps on buttons
    their chat shows (of the current bot's messages)."""
    return [a for a in MIX if a.button is None or _find_button(tg, chat_id, a.button)]


@dataclass(slots=True)
class Results:
    latencies: dict[str, list[float]] = field(default_factory=dict)  # to completion
    first: list[float] = field(default_factory=list)  # to the first visible reaction
    timeouts: Counter[str] = field(default_factory=Counter)
    timed_out: Counter[str] = field(default_factory=Counter)  # action: what did arrive
    # A tap the harness planned on a button the chat did not have: an error of the harness
    # (people only tap buttons they see), counted and printed, never replaced by /jobs.
    harness_errors: Counter[str] = field(default_factory=Counter)

    def add(self, name: str, seconds: float, first: float) -> None:
        self.latencies.setdefault(name, []).append(seconds)
        self.first.append(first)

    @property
    def all(self) -> list[float]:
        return [s for values in self.latencies.values() for s in values]

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.latencies.values())


async def perform(
    tg: TimedTelegram, user_id: int, action: Action, results: Results, limit: float
) -> None:
    """Queue one update for ``action`` and wait until the bot completes it."""
    state = tg.chat_state(user_id)
    probe = tg.probe(user_id)
    target = _find_button(tg, user_id, action.button) if action.button else None
    if action.button and target is None:
        results.harness_errors[action.name] += 1
        return
    cursor = len(probe.outputs)
    started = time.perf_counter()
    if target is not None:
        tg.user_press(state, *target)
    else:
        tg.user_message(state, action.text or "/jobs")
    deadline = started + limit
    while (done := _completed(probe.outputs[cursor:], action, target is not None)) is None:
        probe.changed.clear()
        remaining = deadline - time.perf_counter()
        if remaining <= 0:
            results.timeouts[action.name] += 1
            got = "+".join(o.kind for o in probe.outputs[cursor:]) or "nothing"
            results.timed_out[f"{action.name}: {got}"] += 1
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(probe.changed.wait(), remaining)
    results.add(action.name, done - started, probe.outputs[cursor].at - started)


async def person(
    tg: TimedTelegram,
    user_id: int,
    stop: asyncio.Event,
    think: float,
    results: Results,
    settle: float = 0.0,
) -> None:
    """Act until ``stop`` is set: an action under way is finished (answered or timed out),
    a think pause is cut short, so a phase ends on time with nothing left in flight."""
    rng = random.Random(user_id)
    while not stop.is_set():
        # Only what is on the person's screen: a button action whose button the chat does
        # not show (no ▶ on the last page, no card on an empty page) is not a choice.
        choices = available_actions(tg, user_id)
        action = rng.choices(choices, [a.weight for a in choices])[0]
        await perform(tg, user_id, action, results, ACTION_TIMEOUT)
        if settle > 0:
            await asyncio.sleep(settle)
        if think > 0:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), rng.expovariate(1.0 / think))


async def people(
    tg: TimedTelegram,
    user_ids: Sequence[int],
    stop: asyncio.Event,
    think: float,
    *,
    settle: float = 0.0,
) -> Results:
    """Everyone in ``user_ids`` acting at once until ``stop`` is set."""
    results = Results()
    await asyncio.gather(*(person(tg, uid, stop, think, results, settle) for uid in user_ids))
    return results


async def load_phase(
    tg: TimedTelegram,
    user_ids: Sequence[int],
    duration: float,
    think: float,
    *,
    settle: float = 0.0,
) -> tuple[Results, float]:
    stop = asyncio.Event()
    started = time.perf_counter()
    timer = asyncio.get_running_loop().call_later(duration, stop.set)
    try:
        results = await people(tg, user_ids, stop, think, settle=settle)
    finally:
        timer.cancel()
    return results, time.perf_counter() - started


async def warm_up(tg: TimedTelegram, user_ids: Sequence[int], *, concurrency: int = 20) -> Results:
    """Every person opens /jobs once (fills the HH cache and the first feed page)."""
    results = Results()
    gate = asyncio.Semaphore(concurrency)

    async def one(user_id: int) -> None:
        async with gate:
            tg.user(user_id, first_name=f"User {user_id}")
            await perform(tg, user_id, JOBS, results, WARM_UP_TIMEOUT)

    await asyncio.gather(*(one(uid) for uid in user_ids))
    return results


# ============================================================================ cost meter

STATS = "BENCH-STATS "  # a line of the bot process's stdout: the meter's JSON


def update_kind(update: Any) -> str:
    """The mix action an update is (by its text or callback_data prefix)."""
    query = getattr(update, "callback_query", None)
    if query is not None:
        data = query.data or ""
        return next((a.name for a in MIX if a.button and data.startswith(a.button)), "other tap")
    message = getattr(update, "message", None)
    text = getattr(message, "text", None) or ""
    return next((a.name for a in MIX if a.text and text.startswith(a.text)), "other message")


class CostMeter:
    """In the bot process: what each update costs, by the action it is: CPU of the event
    loop's thread while it is handled, SQL statements, database sessions (connections
    checked out of the pool), Telegram requests (getUpdates aside). The totals over the window also
    count what runs after a handler returned (background relearns), so the two together
    say how much of the cost is in the update and how much after it. SIGWINCH prints the
    window as one ``BENCH-STATS {json}`` line and starts a new one."""

    def __init__(self) -> None:
        self.sql = 0
        self.sessions = 0
        self.telegram = 0
        self.by_kind: dict[str, list[float]] = {}  # kind -> [n, cpu s, sql, sessions, telegram]
        self.gc_seconds = [0.0, 0.0, 0.0]  # time in the garbage collector, by generation
        self.gc_runs = [0, 0, 0]
        self._gc_started = 0.0
        self._window = self._totals()
        import gc

        gc.callbacks.append(self._on_gc)

    def _on_gc(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._gc_started = time.perf_counter()
        else:
            generation = int(info.get("generation", 0))
            self.gc_seconds[generation] += time.perf_counter() - self._gc_started
            self.gc_runs[generation] += 1

    def _totals(self) -> tuple[float, int, int, int]:
        # The event loop's thread: SQLite runs on it too (db/sqlite_inline.py). The whole
        # process's clock (time.process_time) cost ~0.8 ms a reading in the bot process,
        # twice an update, and would have been measured as part of the update.
        return time.thread_time(), self.sql, self.sessions, self.telegram

    def attach_dispatcher(self, dispatcher: Any) -> None:
        feed_update = dispatcher.feed_update

        async def measured(bot: Any, update: Any, **kwargs: Any) -> Any:
            before = self._totals()
            try:
                return await feed_update(bot, update, **kwargs)
            finally:
                after = self._totals()
                entry = self.by_kind.setdefault(update_kind(update), [0, 0.0, 0, 0, 0])
                entry[0] += 1
                for i in range(4):
                    entry[i + 1] += after[i] - before[i]

        dispatcher.feed_update = measured

    def attach_bot(self, bot: Any) -> None:
        meter = self

        async def count(make_request: Any, bot: Any, method: Any) -> Any:
            if type(method).__name__ != "GetUpdates":
                meter.telegram += 1
            return await make_request(bot, method)

        bot.session.middleware(count)

    def attach_engine(self, engine: Any) -> None:
        from sqlalchemy import event

        @event.listens_for(engine.sync_engine, "before_cursor_execute")
        def before(*_args: Any) -> None:
            self.sql += 1

        # A unit of work costs ~200 µs of checkout, begin and reset besides its statements.
        @event.listens_for(engine.sync_engine, "checkout")
        def checkout(*_args: Any) -> None:
            self.sessions += 1

    def flush(self) -> None:
        import json

        now = self._totals()
        window = [now[i] - self._window[i] for i in range(4)]
        gc_info = {"seconds": self.gc_seconds, "runs": self.gc_runs}
        print(
            STATS + json.dumps({"window": window, "by_kind": self.by_kind, "gc": gc_info}),
            flush=True,
        )
        self.by_kind = {}
        self.gc_seconds, self.gc_runs = [0.0, 0.0, 0.0], [0, 0, 0]
        self._window = now


@dataclass(slots=True)
class Costs:
    """One window of a bot process's :class:`CostMeter`."""

    window: list[float] = field(default_factory=lambda: [0.0, 0, 0, 0])
    by_kind: dict[str, list[float]] = field(default_factory=dict)
    gc: dict[str, list[float]] = field(default_factory=dict)  # seconds / runs by generation

    @property
    def updates(self) -> int:
        return int(sum(v[0] for v in self.by_kind.values()))

    def per_update(self, kind: str | None = None) -> tuple[float, float, float, float]:
        """(CPU ms, SQL statements, DB sessions, Telegram requests) per update."""
        if kind is None:
            count = float(self.updates)
            cpu, sql, sessions, tg = self.window
        else:
            count, cpu, sql, sessions, tg = self.by_kind.get(kind, [0, 0.0, 0, 0, 0])
        n = max(count, 1.0)
        return 1000 * cpu / n, sql / n, sessions / n, tg / n


# ============================================================================ bot process


@dataclass(slots=True)
class Child:
    process: asyncio.subprocess.Process
    stats: asyncio.Queue[Costs] = field(default_factory=asyncio.Queue)

    async def costs(self) -> Costs:
        """The cost meter's window since the last call (SIGWINCH; its line on stdout)."""
        self.process.send_signal(signal.SIGWINCH)
        return await asyncio.wait_for(self.stats.get(), 30)

    @property
    def pid(self) -> int:
        return self.process.pid

    def signal_profiler(self, signum: int, enabled: bool) -> None:
        if enabled and self.process.returncode is None:
            self.process.send_signal(signum)

    async def stop(self) -> float:
        """SIGINT (aiogram stops polling cleanly); returns the peak RSS in MiB."""
        rss = peak_rss_mb(self.pid)
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGINT)
            try:
                await asyncio.wait_for(self.process.wait(), 15)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()
        return rss


async def start_child(
    mode: str, tg_url: str, hh_url: str, db: Path | None, cpu: int | None, profile: bool
) -> Child:
    argv = [
        sys.executable,
        "-m",
        "bench.updates",
        "--serve",
        mode,
        "--tg-url",
        tg_url,
        "--hh-url",
        hh_url,
    ]
    if db is not None:
        argv += ["--db", str(db)]
    if cpu is not None:
        argv += ["--cpu", str(cpu)]
    if profile:
        argv += ["--profile"]
    stats: asyncio.Queue[Costs] = asyncio.Queue()

    def costs(data: dict[str, Any]) -> None:
        stats.put_nowait(Costs(data["window"], data["by_kind"], data.get("gc", {})))

    return Child(await start_bot_process(argv, f"the {mode} bot", costs), stats)


async def start_bot_process(
    argv: Sequence[str], what: str, on_stats: Callable[[dict[str, Any]], None]
) -> asyncio.subprocess.Process:
    """Start a bot process and wait for its READY line; afterwards each of its STATS
    lines goes to ``on_stats`` (decoded) and the rest of its output to ours."""
    process = await asyncio.create_subprocess_exec(*argv, stdout=asyncio.subprocess.PIPE, cwd=ROOT)
    assert process.stdout is not None
    while True:
        line = await asyncio.wait_for(process.stdout.readline(), 120)
        if not line:
            raise RuntimeError(f"{what} exited with {await process.wait()}")
        if line.decode().strip() == READY:
            break
    asyncio.get_running_loop().create_task(_drain(process.stdout, on_stats))
    return process


async def _drain(stream: asyncio.StreamReader, on_stats: Callable[[dict[str, Any]], None]) -> None:
    import json

    while line := await stream.readline():
        text = line.decode()
        if text.startswith(STATS):
            on_stats(json.loads(text[len(STATS) :]))
        else:
            sys.stdout.write(text)


def sqlite_url(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path}"


def bot_settings(tg_url: str, hh_url: str, db: Path) -> Any:
    from core.config import load_settings

    return load_settings(
        bot_token=BOT_TOKEN,
        telegram_api_url=tg_url,
        webhook_url=None,
        redis_url=None,
        database_url=sqlite_url(db),
        hh_api_base_url=hh_url,
        hh_app_token=HH_APP_TOKEN,
        hh_user_agent=HH_USER_AGENT,
        # The local HH emulator is not what is measured: do not wait for a polite 8 req/s.
        hh_requests_per_second=200.0,
        log_level="WARNING",
    )


class Recorder:
    """In the bot process with --profile: cProfile plus per-statement SQL timings, both
    switched on and off by the parent (SIGUSR1 / SIGUSR2) around the saturated phase."""

    def __init__(self) -> None:
        import cProfile

        self.profiler = cProfile.Profile()
        self.on = False
        self.sql: dict[str, list[float]] = {}  # statement -> [count, seconds]
        self.connects = 0  # SQLite connections opened while profiling (pool churn)
        self.gate_waits = 0  # writers that queued on the write gate while profiling
        self._gate: Any = None

    def enable(self) -> None:
        self.on = True
        if self._gate is not None:
            self.gate_waits -= self._gate.waits
        self.profiler.enable()

    def disable(self) -> None:
        if self.on and self._gate is not None:
            self.gate_waits += self._gate.waits
        self.on = False
        self.profiler.disable()

    def attach(self, engine: Any) -> None:
        """Time every statement from before to after cursor execution (includes waiting
        for the aiosqlite thread and for SQLite's write lock)."""
        from sqlalchemy import event

        from db.session import write_gate

        self._gate = write_gate(engine)

        @event.listens_for(engine.sync_engine, "connect")
        def connected(*_args: Any) -> None:
            if self.on:
                self.connects += 1

        @event.listens_for(engine.sync_engine, "before_cursor_execute")
        def before(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
            conn.info.setdefault("bench_started", []).append(time.perf_counter())

        @event.listens_for(engine.sync_engine, "after_cursor_execute")
        def after(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
            started = conn.info["bench_started"].pop()
            if self.on:
                entry = self.sql.setdefault(" ".join(statement.split())[:150], [0, 0.0])
                entry[0] += 1
                entry[1] += time.perf_counter() - started

    def report(self, mode: str) -> None:
        from bench._harness import print_profile

        dump = Path(tempfile.gettempdir()) / f"bench-updates-{mode}.prof"
        self.profiler.dump_stats(dump)
        print(f"\n## {mode} bot process, saturated phase (raw cProfile: {dump})")
        print_profile(self.profiler, top=25, sort="tottime")
        if self._gate is None and not self.connects:
            return
        print(
            f"\nSQLite connections opened: {self.connects}; writers queued on the write "
            f"gate: {self.gate_waits} (saturated phase)"
        )
        if self.sql:
            rows = sorted(self.sql.items(), key=lambda item: -item[1][1])[:20]
            print_table(
                "SQL statements by total time (saturated phase)",
                ("statement", "count", "total s", "mean ms"),
                [(sql, int(n), f"{t:.2f}", f"{1000 * t / n:.1f}") for sql, (n, t) in rows],
            )


async def serve_bot(tg_url: str, hh_url: str, db: Path, recorder: Recorder | None) -> None:
    from bot.app import build_app
    from bot.middlewares import ThrottleConfig

    # Per-user flood control stays on, but with room for the saturation phase's
    # zero-think-time people (a real person taps far below 3/s).
    app = await build_app(
        bot_settings(tg_url, hh_url, db), throttle=ThrottleConfig(rate=1000.0, burst=1000.0)
    )
    if recorder is not None:
        recorder.attach(app.engine)
    meter = CostMeter()
    meter.attach_engine(app.engine)
    meter.attach_bot(app.bot)
    meter.attach_dispatcher(app.dispatcher)
    asyncio.get_running_loop().add_signal_handler(signal.SIGWINCH, meter.flush)

    async def ready() -> None:
        print(READY, flush=True)

    app.on_startup.append(ready)
    try:
        await app.start_polling(polling_timeout=1, handle_signals=True)
    finally:
        await app.stop()


async def serve_echo(tg_url: str) -> None:
    from aiogram import Bot, Dispatcher
    from aiogram.client.default import DefaultBotProperties
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.telegram import TelegramAPIServer
    from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

    session = AiohttpSession(api=TelegramAPIServer.from_base(tg_url))
    bot = Bot(BOT_TOKEN, session=session, default=DefaultBotProperties(parse_mode="HTML"))
    # Buttons with the real bot's callback_data shapes, so the same mix can be tapped.
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text=a.name, callback_data=f"{a.button}1")]
            for a in MIX
            if a.button
        ]
    )
    dp = Dispatcher()
    meter = CostMeter()
    meter.attach_bot(bot)
    meter.attach_dispatcher(dp)
    asyncio.get_running_loop().add_signal_handler(signal.SIGWINCH, meter.flush)

    @dp.message()
    async def echo(message: Message) -> None:
        await message.answer(message.text or "?", reply_markup=keyboard)

    @dp.callback_query()
    async def echo_tap(query: CallbackQuery) -> None:
        await query.answer()
        await bot.send_message(query.from_user.id, query.data or "?", reply_markup=keyboard)

    async def ready() -> None:
        print(READY, flush=True)

    dp.startup.register(ready)
    try:
        await bot.delete_webhook()
        await dp.start_polling(bot, polling_timeout=1, handle_signals=True)
    finally:
        await bot.session.close()


def serve(args: Any) -> int:
    if args.cpu is not None and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {args.cpu})
    recorder = Recorder() if args.profile else None
    if args.serve == "echo":
        coroutine = serve_echo(args.tg_url)
    else:
        coroutine = serve_bot(args.tg_url, args.hh_url, Path(args.db), recorder)
    if recorder is None:
        asyncio.run(coroutine)
        return 0
    # Start-up stays out of the profile (aiogram's import builds ~1,800 pydantic models).
    try:
        asyncio.run(_profiled(coroutine, recorder))
    finally:
        recorder.disable()
        recorder.report(args.serve)
    return 0


async def _profiled(coroutine: Any, recorder: Recorder) -> None:
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGUSR1, recorder.enable)
    loop.add_signal_handler(signal.SIGUSR2, recorder.disable)
    await coroutine


# ============================================================================ orchestration


@dataclass(slots=True)
class BotRun:
    name: str
    warm: Results
    saturated: Results
    saturated_seconds: float
    realistic: Results
    realistic_seconds: float
    rss_mb: float
    saturated_cpu: float  # CPU seconds the bot process used during the phase
    realistic_cpu: float
    ready_rss_mb: float  # resident right after start-up, before any load
    alone: Results = field(default_factory=Results)  # one person, nobody else: no queueing
    alone_costs: Costs = field(default_factory=Costs)  # the meter over the alone phase
    saturated_costs: Costs = field(default_factory=Costs)
    rss_samples: list[tuple[float, float]] = field(default_factory=list)  # (s, MiB) realistic

    @property
    def updates_per_second(self) -> float:
        return self.saturated.count / self.saturated_seconds

    @property
    def realistic_rate(self) -> float:
        return self.realistic.count / self.realistic_seconds

    @property
    def cpu_ms_per_update(self) -> float:
        return 1000 * self.saturated_cpu / max(self.saturated.count, 1)

    @property
    def busy(self) -> float:
        """Share of one core the bot used while saturated (< 1: it waited on something)."""
        return self.saturated_cpu / self.saturated_seconds


async def prepare_database(directory: Path, db_users: int, active: Sequence[int]) -> Path:
    from db.session import create_engine, create_session_factory, migrate

    path = directory / "bench.sqlite"
    await migrate(sqlite_url(path))
    engine = create_engine(sqlite_url(path))
    try:
        factory = create_session_factory(engine)
        # Digests off: this benchmark is about interactive updates, not push. The active
        # users go through the repositories; the other users as bulk rows.
        await seed_users(factory, sorted(set(active)), digest_enabled=False)
        others = sorted(set(range(1, db_users + 1)) - set(active))
        await seed_users_bulk(factory, others, digest_enabled=False)
    finally:
        await engine.dispose()
    return path


async def run_bot(
    mode: str,
    tg: TimedTelegram,
    hh_url: str,
    db: Path | None,
    args: Any,
    cpus: tuple[int | None, int | None],
) -> BotRun:
    users = list(range(1, args.users + 1))
    tg.new_run()
    child = await start_child(mode, tg.url, hh_url, db, cpus[1], args.profile)
    ready_rss = peak_rss_mb(child.pid, "VmRSS")
    try:
        warm = await warm_up(tg, users)
        await asyncio.sleep(0.5)  # the warm-up's background relearns
        await child.costs()
        # One person, each action after the previous one's background work (a relearn after
        # 👍 / 👎) is done: the meter's figure per action is that update's own.
        alone, _ = await load_phase(
            tg, users[:1], max(min(1.0, args.duration), args.duration / 2), 0.0, settle=ALONE_SETTLE
        )
        await asyncio.sleep(0.5)  # what the last update left running
        alone_costs = await child.costs()
        child.signal_profiler(signal.SIGUSR1, args.profile)
        spy = await start_py_spy(child.pid, mode, args)
        cpu = cpu_seconds(child.pid)
        saturated, sat_seconds = await load_phase(tg, users, args.duration, 0.0)
        sat_cpu = cpu_seconds(child.pid) - cpu
        child.signal_profiler(signal.SIGUSR2, args.profile)
        saturated_costs = await child.costs()
        if spy is not None:
            await spy.wait()
        await asyncio.sleep(0.5)  # let stragglers land
        cpu = cpu_seconds(child.pid)
        samples: list[tuple[float, float]] = []
        sampler = asyncio.create_task(sample_rss(child.pid, samples))
        realistic_seconds = args.soak or args.duration
        realistic, real_seconds = await load_phase(tg, users, realistic_seconds, args.think)
        sampler.cancel()
        real_cpu = cpu_seconds(child.pid) - cpu
    finally:
        rss = await child.stop()
    return BotRun(
        mode,
        warm,
        saturated,
        sat_seconds,
        realistic,
        real_seconds,
        rss,
        sat_cpu,
        real_cpu,
        ready_rss,
        alone,
        alone_costs,
        saturated_costs,
        samples,
    )


async def sample_rss(pid: int, samples: list[tuple[float, float]], every: float = 5.0) -> None:
    """The process's resident MiB every ``every`` seconds (the soak's flatness)."""
    started = time.perf_counter()
    while True:
        samples.append((time.perf_counter() - started, peak_rss_mb(pid, "VmRSS")))
        await asyncio.sleep(every)


async def start_py_spy(pid: int, mode: str, args: Any) -> asyncio.subprocess.Process | None:
    """Sample the bot process (all threads, CPU only) during the saturated phase."""
    if not args.py_spy or mode != "bot":
        return None
    executable = py_spy_available()
    if executable is None:
        print("py-spy not found: pip install py-spy", file=sys.stderr)
        return None
    return await asyncio.create_subprocess_exec(
        executable,
        "record",
        "-p",
        str(pid),
        "-d",
        str(max(1, int(args.duration))),
        "-r",
        "200",
        "-f",
        "raw",
        "--nolineno",
        "--full-filenames",
        "-o",
        args.py_spy,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )


def _ms(values: Sequence[float], q: float) -> float:
    return percentile(values, q) * 1000


def print_runs(echo: BotRun, bot: BotRun, args: Any) -> None:
    def timeouts(run: BotRun) -> int:
        return sum(run.saturated.timeouts.values()) + sum(run.realistic.timeouts.values())

    print_table(
        f"Throughput: {args.users} simulated users acting with no think time for "
        f"{args.duration:g} s; {args.db_users:,} users in the bot's database",
        (
            "bot",
            "updates/s",
            "ratio to echo",
            "bot CPU ms/update",
            "bot CPU busy",
            "RSS MB idle / peak",
            "timeouts",
        ),
        [
            (
                run.name,
                fmt(run.updates_per_second),
                f"{run.updates_per_second / echo.updates_per_second:.3f}",
                f"{run.cpu_ms_per_update:.2f}",
                f"{run.busy:.0%}",
                f"{run.ready_rss_mb:.0f} / {run.rss_mb:.0f}",
                timeouts(run),
            )
            for run in (echo, bot)
        ],
    )
    print_table(
        "Latency from update queued to the complete reply, ms (p50 / p95 / p99)",
        (
            "bot",
            "one user alone",
            f"{args.users} users, think {args.think:g} s",
            "their updates/s",
            "CPU ms/update",
            f"{args.users} users, no think time",
        ),
        [
            (
                run.name,
                _p3(run.alone.all),
                _p3(run.realistic.all),
                fmt(run.realistic_rate),
                f"{1000 * run.realistic_cpu / max(run.realistic.count, 1):.2f}",
                _p3(run.saturated.all),
            )
            for run in (echo, bot)
        ],
    )
    print_costs(bot)
    per_action = [
        (
            name,
            len(values),
            f"{_ms(bot.alone.latencies.get(name, []), 50):.1f}",
            f"{_ms(values, 50):.1f}",
            f"{_ms(values, 95):.1f}",
            f"{_ms(bot.saturated.latencies.get(name, []), 95):.1f}",
        )
        for name, values in sorted(bot.realistic.latencies.items())
    ]
    per_action.append(
        (
            "(first reaction, any action)",
            len(bot.realistic.first),
            f"{_ms(bot.alone.first, 50):.1f}",
            f"{_ms(bot.realistic.first, 50):.1f}",
            f"{_ms(bot.realistic.first, 95):.1f}",
            f"{_ms(bot.saturated.first, 95):.1f}",
        )
    )
    print_table(
        f"Full bot per action, ms (count and p50 / p95 with think {args.think:g} s)",
        ("action", "count", "alone p50", "p50", "p95", "no-think p95"),
        per_action,
    )
    lost = bot.saturated.timed_out + bot.realistic.timed_out
    if lost:
        print(
            "\ntimeouts by action (what arrived in time): "
            + ", ".join(f"{k} {v}" for k, v in lost.most_common())
        )
    print(
        f"\nwarm-up (/jobs, HH fetch + rank + store): p50 {_ms(bot.warm.all, 50):.0f} ms, "
        f"p95 {_ms(bot.warm.all, 95):.0f} ms"
    )
    errors = harness_errors(echo) + harness_errors(bot)
    print(
        f"harness errors (a planned tap on a button the chat did not show): "
        f"{sum(errors.values())}" + (f" ({dict(errors)})" if errors else "")
    )
    if bot.rss_samples:
        first, last = bot.rss_samples[0], bot.rss_samples[-1]
        middle = bot.rss_samples[len(bot.rss_samples) // 2]
        print(
            f"bot RSS over the realistic phase: {first[1]:.0f} MB at {first[0]:.0f} s, "
            f"{middle[1]:.0f} MB at {middle[0]:.0f} s, {last[1]:.0f} MB at {last[0]:.0f} s"
        )


def harness_errors(run: BotRun) -> Counter[str]:
    return (
        run.warm.harness_errors
        + run.alone.harness_errors
        + run.saturated.harness_errors
        + run.realistic.harness_errors
    )


def _p3(values: Sequence[float]) -> str:
    return " / ".join(f"{_ms(values, q):.1f}" for q in (50, 95, 99))


def print_costs(bot: BotRun) -> None:
    """What an update costs the bot, by action: measured inside the bot process, one
    person alone (sequential updates: each figure is that update's own), and amortised
    over the saturated phase (background work included)."""
    alone, saturated = bot.alone_costs, bot.saturated_costs
    rows = []
    for action in MIX:
        n = int(alone.by_kind.get(action.name, [0])[0])
        cpu, sql, sessions, tg = alone.per_update(action.name)
        rows.append((action.name, n, f"{cpu:.2f}", f"{sql:.1f}", f"{sessions:.1f}", f"{tg:.1f}"))
    for label, costs in (
        ("all, alone (incl. after the handler)", alone),
        ("all, saturated (incl. after the handler)", saturated),
    ):
        cpu, sql, sessions, tg = costs.per_update()
        rows.append(
            (label, costs.updates, f"{cpu:.2f}", f"{sql:.1f}", f"{sessions:.1f}", f"{tg:.1f}")
        )
    for label, costs in (("one person alone", alone), ("saturated", saturated)):
        if costs.gc:
            seconds, runs = costs.gc["seconds"], costs.gc["runs"]
            per = 1000 * sum(seconds) / max(costs.updates, 1)
            print(
                f"garbage collector, {label}: {per:.2f} ms per update; runs by generation "
                f"{runs}, seconds {[round(x, 3) for x in seconds]}"
            )
    print_table(
        "What an update costs the bot process (in the handler, one person alone; "
        "the 'all' rows include background work after it)",
        ("update", "count", "CPU ms", "SQL statements", "DB sessions", "Telegram requests"),
        rows,
    )


async def orchestrate(args: Any) -> int:
    from sandbox.corpus import build_corpus
    from sandbox.hh import HHEmulator

    env = environment_line()
    cpus = _cpus()
    if cpus[0] is not None and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {cpus[0]})
    started = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="bench-updates-"))
    hh = HHEmulator(build_corpus(seed=42, size=args.corpus), app_token=HH_APP_TOKEN)
    tg = TimedTelegram(token=BOT_TOKEN)
    await hh.start("127.0.0.1", 0)
    await tg.start()
    try:
        seeded = time.perf_counter()
        db = await prepare_database(workdir, args.db_users, range(1, args.users + 1))
        seed_seconds = time.perf_counter() - seeded
        echo = await run_bot("echo", tg, hh.url, None, args, cpus)
        bot = await run_bot("bot", tg, hh.url, db, args, cpus)
    finally:
        await tg.stop()
        await hh.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"updates benchmark — {env}; emulators+users on CPU {cpus[0]}, bot on CPU {cpus[1]}")
    print_runs(echo, bot, args)
    print(
        f"seeding {args.db_users:,} users: {seed_seconds:.1f} s; HH requests "
        f"{hh.stats.search_requests} searches; Telegram 4xx: {len(tg.errors_4xx)}; "
        f"total {time.perf_counter() - started:.0f} s"
    )
    targets = [
        Target(
            "bot CPU per update (saturated mix)", bot.cpu_ms_per_update, "<=", TARGET_CPU_MS, " ms"
        ),
        Target(
            "efficiency vs echo (echo CPU/update ÷ bot's)",
            echo.cpu_ms_per_update / bot.cpu_ms_per_update,
            ">=",
            TARGET_EFFICIENCY,
        ),
        Target("p95 latency (realistic)", _ms(bot.realistic.all, 95), "<", TARGET_P95_MS, " ms"),
        Target("p99 latency (realistic)", _ms(bot.realistic.all, 99), "<", TARGET_P99_MS, " ms"),
        Target(
            f"peak RSS with {args.db_users:,} users over the echo bot's",
            bot.rss_mb - echo.rss_mb,
            "<=",
            TARGET_RSS_OVER_ECHO_MB,
            " MB",
        ),
        Target(
            "unanswered (timeouts)",
            float(sum(bot.realistic.timeouts.values()) + sum(bot.saturated.timeouts.values())),
            "==",
            0.0,
        ),
        Target("harness errors", float(sum(harness_errors(bot).values())), "==", 0.0),
    ]
    if args.soak and len(bot.rss_samples) >= 4:
        settled = bot.rss_samples[len(bot.rss_samples) // 4][1]
        growth = bot.rss_samples[-1][1] - settled
        targets.append(
            Target(
                "RSS growth over the soak (after its first quarter)",
                growth,
                "<=",
                TARGET_SOAK_GROWTH_MB,
                " MB",
            )
        )
    if args.py_spy:
        summarize_py_spy(args.py_spy)
    return report_targets(targets, check=args.check)


def _cpus() -> tuple[int | None, int | None]:
    """(this process, the bot process): separate cores when there are two."""
    if not hasattr(os, "sched_getaffinity"):
        return None, None
    available = sorted(os.sched_getaffinity(0))
    if len(available) < 2:
        return None, None
    return available[0], available[1]


def main(argv: list[str] | None = None) -> int:
    parser = base_parser(__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=100, help="simulated people acting")
    parser.add_argument("--db-users", type=int, default=10_000, help="users in the database")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per phase")
    parser.add_argument("--think", type=float, default=1.0, help="mean think time, seconds")
    parser.add_argument(
        "--soak",
        type=float,
        default=0.0,
        help="seconds of the realistic phase instead of --duration (600: the 10-minute soak;"
        " RSS must stay flat)",
    )
    parser.add_argument("--corpus", type=int, default=3200, help="vacancies in the HH emulator")
    parser.add_argument(
        "--py-spy", metavar="FILE", help="record the bot's saturated phase with py-spy (raw)"
    )
    parser.add_argument("--serve", choices=("bot", "echo"), help=argparse_hidden())
    parser.add_argument("--tg-url", help=argparse_hidden())
    parser.add_argument("--hh-url", help=argparse_hidden())
    parser.add_argument("--db", help=argparse_hidden())
    parser.add_argument("--cpu", type=int, help=argparse_hidden())
    args = parser.parse_args(argv)
    if args.serve:
        return serve(args)
    if args.quick:
        args.users, args.db_users = min(args.users, 4), min(args.db_users, 50)
        args.duration, args.think, args.corpus = min(args.duration, 0.5), 0.2, 800
    if math.isnan(args.think) or args.think < 0:
        parser.error("--think must be ≥ 0")
    return asyncio.run(orchestrate(args))


def argparse_hidden() -> str:
    import argparse

    return argparse.SUPPRESS


if __name__ == "__main__":
    sys.exit(main())
