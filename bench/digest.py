"""Daily digest push: 2,000 users due at once against Telegram's 30 messages/s, while
other people use the bot.

    ./run bench digest [--users 2000] [--searches 1] [--cards 1] [--hh-rate 8]
                       [--active 20] [--think 3] [--baseline 10] [--check] [--quick]

The Telegram emulator enforces 30 messages/s per bot and 1 message/s per chat (answering
429 with retry_after beyond that, as Telegram does). The bot runs as its own process,
built by ``bot.app.build_app`` on a real SQLite file and the HH emulator, polling the
Telegram emulator with aiogram's Dispatcher (long polling, as deployed); on a signal it
runs one digest tick (``build_push(...).run_digest_tick()``) with every user due while it
keeps polling: each gets a context line and up to ``--cards`` new vacancy cards.

``--active N`` people (0: none) who are not due (ids after the due users', so no digest
message lands in their chats and passes for a reply) use the bot meanwhile, as
bench.updates' simulated people do (the same mix of /jobs and taps on the buttons their
chat shows, ``--think`` seconds apart on average). Each opens /jobs once first (the warm-up),
acts ``--baseline`` seconds with no digest, then until the tick ends. Their latency runs
from the update queued to the complete reply, as in bench.updates. Replies and digest
messages share the bot's one pacer and Telegram's limits: that is the contention measured.

Measured: the achieved send rate (messages / time from the first to the last digest
message, the replies sent meanwhile included) as a fraction of the limit, 429s answered
during the tick (to digest messages and to replies), HH searches made versus distinct query
signatures among all searches (the recommender must fetch each query once, however many
users share it; a query may take several result pages), and the tick's wall time versus the
physical bound, every message sent during the tick / 30 s. The bot keeps its production HH
pace (8 requests/s).

``--cards 1`` (2 messages per user, a 133 s bound for 2,000 users) keeps the run under
five minutes; ``--cards 5`` is the production digest (6 messages, a 400 s bound).
Targets (issue [7/8]): send rate ≥ 0.95 of the limit, wall time ≤ 1.1 × the bound, 0
answered 429s, searches = signatures (no query fetched twice, one distinct query per
signature); with active people, their replies' p95 < 300 ms during the tick, none
unanswered. ``--quick``: 200 users, a 5 s baseline.

``--searches k``: every user has k named searches, each with its own digest (the k-th
with the preferences of another simulated user, so searches share queries across
people). The number of searches must not change the HH requests per distinct query:
HH distinct queries = distinct signatures among all due searches, none fetched twice.
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
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
from bench.updates import (
    READY,
    STATS,
    Results,
    TimedTelegram,
    load_phase,
    people,
    start_bot_process,
    warm_up,
)
from sandbox.telegram_types import ApiError

GLOBAL_RATE = 30.0
CHAT_RATE = 1.0
TARGET_RATE_FRACTION = 0.95
TARGET_BOUND_RATIO = 1.1  # tick wall time ÷ the physical bound
TARGET_REPLY_P95_MS = 300.0  # replies to the people active during the tick
RESULT = "BENCH-DIGEST-RESULT "
ROOT = Path(__file__).resolve().parent.parent

# ============================================================================ emulator


@dataclass(frozen=True, slots=True)
class Rejection:
    """A 429 the emulator answered: when (wall clock), into a due user's chat (a digest
    message) or an active person's (a reply), and whether the chat's own limit was full."""

    at: float
    digest: bool
    per_chat: bool


@dataclass(frozen=True, slots=True)
class Rejections:
    digest: int
    replies: int
    per_chat: int  # of all, those for a chat's 1 msg/s

    @classmethod
    def between(cls, rejected: Sequence[Rejection], first: float, last: float) -> Rejections:
        inside = [r for r in rejected if first <= r.at <= last]
        return cls(
            sum(r.digest for r in inside),
            sum(not r.digest for r in inside),
            sum(r.per_chat for r in inside),
        )

    @property
    def total(self) -> int:
        return self.digest + self.replies


class CountingTelegram(TimedTelegram):
    """The Telegram emulator, stamping every message it accepted with its chat (chats up
    to ``due`` are the digest's, the others the active people's replies), and timing
    replies as bench.updates does."""

    def __init__(self, *, due: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.due = due
        self.sent_at: list[float] = []  # digest messages
        self.reply_sent_at: list[float] = []  # messages into the active people's chats

        self.rejected: list[Rejection] = []  # every 429 answered

    def _admit_send(self, state: Any) -> None:
        due = state.profile.user_id <= self.due
        # Which limit a 429 is for: the chat's (read before the send takes a token).
        chat_full = state.bucket is not None and state.bucket.wait_time(time.monotonic()) > 0
        try:
            super()._admit_send(state)  # raises the 429 when over a limit
        except ApiError as error:
            if error.status == 429:
                self.rejected.append(Rejection(time.time(), due, chat_full))
            raise
        # Wall clock: compared with the bot process's.
        (self.sent_at if due else self.reply_sent_at).append(time.time())


@dataclass(slots=True)
class SendWindow:
    messages: int
    first: float
    last: float
    per_second: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, stamps: list[float]) -> SendWindow:
        if not stamps:
            return cls(0, 0.0, 0.0)
        first, last = stamps[0], stamps[-1]
        buckets = [0] * (int(last - first) + 1)
        for stamp in stamps:
            buckets[int(stamp - first)] += 1
        return cls(len(stamps), first, last, buckets)

    @property
    def rate(self) -> float:
        """Messages per second over the send window (n-1 intervals between n sends)."""
        span = self.last - self.first
        return (self.messages - 1) / span if span > 0 else float("nan")

    @property
    def idle_seconds(self) -> int:
        """Whole seconds inside the window in which nothing was sent."""
        return sum(1 for count in self.per_second[:-1] if count == 0)

    def gaps(self, stamps: list[float], longer_than: float = 0.25) -> tuple[int, float]:
        """(count, seconds lost) of pauses between consecutive sends longer than the
        threshold (the pacer's own spacing is 1/30 s): the sender waiting for the next
        batch's recommendations."""
        pauses = [b - a for a, b in pairwise(stamps) if b - a > longer_than]
        return len(pauses), sum(p - 1 / GLOBAL_RATE for p in pauses)


# ============================================================================ bot process


def bot_settings(tg_url: str, hh_url: str, db: Path, hh_rate: float) -> Any:
    from core.config import load_settings

    return load_settings(
        bot_token=BOT_TOKEN,
        telegram_api_url=tg_url,
        webhook_url=None,
        redis_url=None,
        database_url=f"sqlite+aiosqlite:///{db}",
        hh_api_base_url=hh_url,
        hh_app_token=HH_APP_TOKEN,
        hh_user_agent=HH_USER_AGENT,
        telegram_global_rate=GLOBAL_RATE,
        telegram_chat_rate=CHAT_RATE,
        hh_requests_per_second=hh_rate,
        log_level="WARNING",
    )


async def query_signatures(app: Any, searches: int) -> int:
    """Distinct HH queries among the searches (ids 1..searches): every query of each search's plan
    (its cities, and remote work when it suits), which is what the recommender fetches."""
    from db.repositories import PreferencesRepository

    signatures: set[str] = set()
    async with app.session_factory() as session:
        repo = PreferencesRepository(session)
        for prefs in (await repo.for_searches(range(1, searches + 1))).values():
            for params in app.services.recommender.search_plan(prefs):
                signatures.add(params.signature())
    return len(signatures)


async def run_tick(app: Any, scheduler: Any, signatures: int) -> None:
    """One digest tick while the dispatcher polls; its figures as one STATS line."""
    cpu, started, started_at = cpu_seconds(), time.perf_counter(), time.time()
    try:
        report = await scheduler.run_digest_tick()
    except BaseException:
        # Stop polling: the process exits without a STATS line and the orchestrator,
        # waiting for one, reports the failure instead of waiting for ever.
        await app.dispatcher.stop_polling()
        raise
    wall = time.perf_counter() - started
    result = {
        "started_at": started_at,
        "wall": wall,
        "cpu": cpu_seconds() - cpu,
        "report": report.counts,
        "signatures": signatures,
        "retried_after_429": app.delivery.retried_after_429,
        "rss_mb": peak_rss_mb(),
    }
    print(STATS + json.dumps(result), flush=True)


async def serve_bot(args: Any) -> None:
    """In the bot process: the bot as deployed (aiogram long polling, production flood
    control) and its push jobs; SIGUSR1 runs one digest tick while it keeps polling, so
    the people who write meanwhile are answered by the same process, pacer and loop."""
    from bot.app import build_app, build_push
    from core.services.digest_delivery import DigestOptions

    app = await build_app(bot_settings(args.tg_url, args.hh_url, Path(args.db), args.hh_rate))
    scheduler = build_push(app, options=DigestOptions(digest_size=args.cards))
    # Each active person has one search, after the due users' (bench._harness.seed_users).
    signatures = await query_signatures(app, args.users * args.searches + args.active)
    loop = asyncio.get_running_loop()
    ticks: list[asyncio.Task[None]] = []  # held: the loop keeps only weak references
    loop.add_signal_handler(
        signal.SIGUSR1, lambda: ticks.append(loop.create_task(run_tick(app, scheduler, signatures)))
    )

    async def ready() -> None:
        print(READY, flush=True)

    app.on_startup.append(ready)
    try:
        await app.start_polling(polling_timeout=1, handle_signals=True)
    finally:
        for tick in ticks:
            tick.cancel()
        await app.stop()


def serve(args: Any) -> int:
    if args.cpu is not None and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {args.cpu})
    if not args.profile:
        asyncio.run(serve_bot(args))
        return 0
    import cProfile

    from bench._harness import print_profile

    profiler = cProfile.Profile()
    profiler.enable()
    try:
        asyncio.run(serve_bot(args))
    finally:
        profiler.disable()
        print("\n## bot process (polling and the digest tick)")
        print_profile(profiler, top=30, sort="tottime")
    return 0


def child_argv(args: Any, tg_url: str, hh_url: str, db: Path, cpu: int | None) -> list[str]:
    argv = [
        sys.executable,
        "-m",
        "bench.digest",
        "--serve",
        "--tg-url",
        tg_url,
        "--hh-url",
        hh_url,
        "--db",
        str(db),
        "--users",
        str(args.users),
        "--cards",
        str(args.cards),
        "--searches",
        str(args.searches),
        "--hh-rate",
        str(args.hh_rate),
        "--active",
        str(args.active),
    ]
    if cpu is not None:
        argv += ["--cpu", str(cpu)]
    if args.profile:
        argv.append("--profile")
    return argv


@dataclass(slots=True)
class Phases:
    """The active people's actions: alone with the bot before the tick (the baseline), and
    while the tick goes out."""

    baseline: Results
    baseline_window: tuple[float, float]  # wall clock, as the emulator stamps
    tick: Results
    tick_monotonic: tuple[float, float]  # as the HH emulator stamps its requests


async def run_child(
    args: Any, tg: CountingTelegram, hh: Any, db: Path, cpu: int | None
) -> tuple[dict[str, Any], Phases]:
    """Start the bot, warm the active people up (each opens /jobs once), let them act for
    ``--baseline`` seconds with no digest, then run the tick with them acting until it
    ends; the tick's figures and their replies' timings."""
    done: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
    process = await start_bot_process(
        child_argv(args, tg.url, hh.url, db, cpu), "the digest bot", done.set_result
    )
    spy = await _start_py_spy(process.pid, args.py_spy)
    active = active_ids(args)
    try:
        # The HH figures count the warm-up too: the active people share queries with the
        # due users, and what their /jobs fetched the tick finds in the HH cache.
        hh.reset_stats()
        await warm_up(tg, active)
        started = time.time()
        baseline, _ = await load_phase(tg, active, args.baseline if active else 0.0, args.think)
        window = (started, time.time())
        stop = asyncio.Event()
        process.send_signal(signal.SIGUSR1)  # the tick starts
        tick_started = time.monotonic()
        acting = asyncio.create_task(people(tg, active, stop, args.think))
        result = await _tick_result(done, process)
        tick = (tick_started, time.monotonic())
        stop.set()
        phases = Phases(baseline, window, await acting, tick)
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGINT)  # aiogram stops polling cleanly
            await process.wait()
    if spy is not None:
        await spy.wait()
    return result, phases


async def _tick_result(
    done: asyncio.Future[dict[str, Any]], process: asyncio.subprocess.Process
) -> dict[str, Any]:
    """The tick's STATS line, or an error if the bot process exits without one."""
    exited: asyncio.Future[Any] = asyncio.ensure_future(process.wait())
    await asyncio.wait((done, exited), return_when=asyncio.FIRST_COMPLETED)
    if not done.done():
        raise RuntimeError(f"the digest tick failed (exit {process.returncode})")
    exited.cancel()
    return done.result()


def active_ids(args: Any) -> list[int]:
    """The people who use the bot during the tick: ids after the due users', so no digest
    message lands in their chats (a digest card would pass for a reply) and their per-chat
    limit is their own."""
    return list(range(args.users + 1, args.users + args.active + 1))


async def _start_py_spy(pid: int, output: str | None) -> asyncio.subprocess.Process | None:
    """Sample the whole bot process (all threads, CPU only) until it exits."""
    executable = py_spy_available() if output else None
    if output and executable is None:
        print("py-spy not found: pip install py-spy", file=sys.stderr)
    if not output or executable is None:
        return None
    return await asyncio.create_subprocess_exec(
        executable,
        "record",
        "-p",
        str(pid),
        "-r",
        "200",
        "-f",
        "raw",
        "--nolineno",
        "--full-filenames",
        "-o",
        output,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )


# ============================================================================ orchestration


async def prepare_database(
    directory: Path, users: int, searches: int = 1, active: Sequence[int] = ()
) -> Path:
    from db.session import create_engine, create_session_factory, migrate

    path = directory / "digest.sqlite"
    url = f"sqlite+aiosqlite:///{path}"
    await migrate(url)
    engine = create_engine(url)
    try:
        # 00:00 local: every user's digest time has passed today, so all are due at once.
        await seed_users_bulk(
            create_session_factory(engine),
            list(range(1, users + 1)),
            digest_enabled=True,
            digest_time="00:00",
            searches_per_user=searches,
        )
        # The active people: onboarded through the repositories, no digest of their own.
        await seed_users(create_session_factory(engine), list(active), digest_enabled=False)
    finally:
        await engine.dispose()
    return path


@dataclass(frozen=True, slots=True)
class Searches:
    requests: int  # GET /vacancies the bot made
    distinct: int  # distinct (query, page)
    queries: int  # distinct queries, page aside
    others_in_tick: int = 0  # other HH requests during the tick (vacancy details, …)

    @classmethod
    def of(cls, recorded: list[Any], tick: tuple[float, float] = (0.0, 0.0)) -> Searches:
        """``tick``: its start and end on the emulator's clock (time.monotonic)."""
        is_search = [r.method == "GET" and r.path == "/vacancies" for r in recorded]
        searches = [r.query for r, search in zip(recorded, is_search, strict=True) if search]
        with_page = {tuple(sorted(query)) for query in searches}
        without = {tuple(sorted((k, v) for k, v in query if k != "page")) for query in searches}
        others = sum(
            1
            for r, search in zip(recorded, is_search, strict=True)
            if not search and tick[0] <= r.at <= tick[1]
        )
        return cls(len(searches), len(with_page), len(without), others)

    @property
    def repeated(self) -> int:
        return self.requests - self.distinct


@dataclass(frozen=True, slots=True)
class Replies:
    """What the people active during the tick got: actions answered, their latency from
    the update queued to the complete reply (ms; also by action, and to the first
    visible reaction), actions never answered, and the messages their replies put
    through the bot's 30 msg/s budget during the tick."""

    answered: int
    p50: float
    p95: float
    p99: float
    unanswered: int
    harness_errors: int
    messages: int
    rejected: int  # 429s answered to their replies
    first_p95: float = math.nan
    p95_by_action: dict[str, float] = field(default_factory=dict)
    timed_out: dict[str, int] = field(default_factory=dict)  # "action: what arrived" -> n

    @classmethod
    def of(cls, results: Results, tg: CountingTelegram, first: float, last: float) -> Replies:
        """Their figures over one phase, from ``first`` to ``last`` (wall clock)."""
        ms = [1000 * s for s in results.all]
        return cls(
            results.count,
            percentile(ms, 50),
            percentile(ms, 95),
            percentile(ms, 99),
            sum(results.timeouts.values()),
            sum(results.harness_errors.values()),
            len(during(tg.reply_sent_at, first, last)),
            Rejections.between(tg.rejected, first, last).replies,
            1000 * percentile(results.first, 95),
            {
                name: 1000 * percentile(values, 95)
                for name, values in sorted(results.latencies.items())
            },
            dict(results.timed_out.most_common()),
        )


def during(stamps: Sequence[float], first: float, last: float) -> list[float]:
    """The stamps from ``first`` to ``last`` (both included)."""
    return [stamp for stamp in stamps if first <= stamp <= last]


def physical_bound(messages: int) -> float:
    """The least time the limit allows for ``messages``: every message the bot sends
    during the tick shares the one 30 msg/s budget, the active people's replies too."""
    return messages / GLOBAL_RATE


def digest_targets(
    window: SendWindow,
    wall: float,
    bound: float,
    rejections: Rejections,
    searches: Searches,
    signatures: int,
    replies: Replies | None,
) -> list[Target]:
    """Issue [7/8]'s digest targets; the replies' only when people were active."""
    targets = [
        Target(
            "send rate (digest and replies) / limit",
            window.rate / GLOBAL_RATE,
            ">=",
            TARGET_RATE_FRACTION,
        ),
        Target(
            "tick wall time / physical bound",
            wall / bound if bound else math.nan,
            "<=",
            TARGET_BOUND_RATIO,
        ),
        Target("429 answered during the tick", float(rejections.total), "==", 0.0),
        Target("HH searches repeated (same query and page)", float(searches.repeated), "==", 0.0),
        Target("HH distinct queries - signatures", float(searches.queries - signatures), "==", 0.0),
    ]
    if replies is not None:
        targets += [
            Target("replies during the tick, p95", replies.p95, "<", TARGET_REPLY_P95_MS, " ms"),
            Target("replies unanswered", float(replies.unanswered), "==", 0.0),
            Target("harness errors", float(replies.harness_errors), "==", 0.0),
        ]
    return targets


def print_results(
    args: Any,
    result: dict[str, Any],
    tg: CountingTelegram,
    searches: Searches,
    replies: Replies | None,
    rejections: Rejections,
) -> tuple[SendWindow, float]:
    """The table; the send window of every message during the digest, and the bound."""
    window = SendWindow.of(tg.sent_at)
    # Everything the bot sent while the digest went out: replies share the limit.
    shared = SendWindow.of(sorted(tg.sent_at + during(tg.reply_sent_at, window.first, window.last)))
    bound = physical_bound(window.messages + (replies.messages if replies else 0))
    gaps, lost = window.gaps(tg.sent_at)
    counts = result["report"]
    first = window.first - result["started_at"] if window.messages else float("nan")
    per_query = searches.requests / searches.queries if searches.queries else float("nan")
    rows = [
        ("users × searches each", f"{args.users} × {args.searches}"),
        ("digests due (user × search)", counts.get("due", 0)),
        (
            "digests sent / empty / other",
            f"{counts.get('sent', 0)} / {counts.get('empty', 0)} / "
            f"{sum(v for k, v in counts.items() if k not in ('due', 'sent', 'empty'))}",
        ),
        ("digest messages sent", window.messages),
        ("digest send rate, first to last message", f"{window.rate:.2f} msg/s"),
        (
            "send rate with the replies meanwhile / limit (30 msg/s)",
            f"{shared.rate:.2f} msg/s / {shared.rate / GLOBAL_RATE:.3f}",
        ),
        ("peak messages in any 1 s (sliding)", tg.stats.max_send_rate),
        ("pauses > 0.25 s between sends: count / time lost", f"{gaps} / {lost:.1f} s"),
        (
            "429 answered during the tick: to digest messages / to replies (per-chat limit)",
            f"{rejections.digest} / {rejections.replies} ({rejections.per_chat})",
        ),
        (
            "HH searches: requests / distinct (query, page)",
            f"{searches.requests} / {searches.distinct}",
        ),
        (
            "HH distinct queries (page aside) / query signatures",
            f"{searches.queries} / {result['signatures']}",
        ),
        ("HH requests per distinct query", f"{per_query:.2f}"),
        (
            "HH requests other than searches during the tick (vacancy details, …)",
            searches.others_in_tick,
        ),
        ("tick start to first message", f"{first:.1f} s"),
        ("tick wall time", f"{result['wall']:.1f} s"),
        ("physical bound ((digest + reply messages) / 30 s)", f"{bound:.1f} s"),
        ("wall time / bound", f"{result['wall'] / bound:.2f}" if bound else "n/a"),
        ("bot CPU during the tick", f"{result['cpu']:.1f} s"),
        ("bot peak RSS", f"{result['rss_mb']:.0f} MB"),
    ]
    print_table(
        f"Digest tick: {args.users:,} users × {args.searches} search(es) due at once, context "
        f"line + up to {args.cards} card(s) each, bot HH rate {args.hh_rate:g} req/s",
        ("measure", "value"),
        [(k, fmt(v)) for k, v in rows],
    )
    return shared, bound


def print_replies(args: Any, baseline: Replies, tick: Replies) -> None:
    """The active people's replies, alone with the bot and during the tick."""
    rows = [
        ("actions answered", baseline.answered, tick.answered),
        ("reply messages sent", baseline.messages, tick.messages),
        ("429 answered to them", baseline.rejected, tick.rejected),
        *(
            (label, f"{b:.0f} ms", f"{t:.0f} ms")
            for label, b, t in (
                ("update queued to complete reply, p50", baseline.p50, tick.p50),
                ("p95", baseline.p95, tick.p95),
                ("p99", baseline.p99, tick.p99),
                ("to the first visible reaction, p95", baseline.first_p95, tick.first_p95),
            )
        ),
        *(
            (f"p95 {name}", f"{ms:.0f} ms", f"{tick.p95_by_action.get(name, math.nan):.0f} ms")
            for name, ms in baseline.p95_by_action.items()
        ),
        (
            "unanswered (10 s) / harness errors",
            f"{baseline.unanswered} / {baseline.harness_errors}",
            f"{tick.unanswered} / {tick.harness_errors}",
        ),
    ]
    print_table(
        f"{args.active} people (not due) using the bot, think {args.think:g} s: replies with no "
        f"digest ({args.baseline:g} s) and during the tick",
        ("measure", "no digest", "during the tick"),
        rows,
    )
    for label, replies in (("no digest", baseline), ("during the tick", tick)):
        if replies.timed_out:
            lost = ", ".join(f"{what} {n}" for what, n in replies.timed_out.items())
            print(f"\nunanswered {label}, by action (what arrived in 10 s): {lost}")


async def orchestrate(args: Any) -> int:
    from sandbox.corpus import build_corpus
    from sandbox.hh import HHEmulator

    env = environment_line()
    cpus = _cpus()
    if cpus[0] is not None:
        os.sched_setaffinity(0, {cpus[0]})
    started = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="bench-digest-"))
    hh = HHEmulator(build_corpus(seed=42, size=args.corpus), app_token=HH_APP_TOKEN)
    tg = CountingTelegram(
        due=args.users, token=BOT_TOKEN, global_rate=GLOBAL_RATE, per_chat_rate=CHAT_RATE
    )
    await hh.start("127.0.0.1", 0)
    await tg.start()
    try:
        db = await prepare_database(workdir, args.users, args.searches, active_ids(args))
        for user_id in range(1, args.users + 1):  # each has a chat with the bot
            tg.user(user_id, first_name=f"User {user_id}")
        result, phases = await run_child(args, tg, hh, db, cpus[1])
        searches = Searches.of(hh.requests, phases.tick_monotonic)
    finally:
        await tg.stop()
        await hh.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    tick = (result["started_at"], result["started_at"] + result["wall"])
    rejections = Rejections.between(tg.rejected, *tick)
    replies = baseline = None
    if args.active:
        replies = Replies.of(phases.tick, tg, *tick)
        baseline = Replies.of(phases.baseline, tg, *phases.baseline_window)
    print(f"digest benchmark — {env}; emulators on CPU {cpus[0]}, bot on CPU {cpus[1]}")
    window, bound = print_results(args, result, tg, searches, replies, rejections)
    if replies is not None and baseline is not None:
        print_replies(args, baseline, replies)
    print(f"\ntotal {time.perf_counter() - started:.0f} s; tick report {result['report']}")
    targets = digest_targets(
        window,
        result["wall"],
        bound,
        rejections,
        searches,
        result["signatures"],
        replies,
    )
    if args.py_spy:
        summarize_py_spy(args.py_spy)
    return report_targets(targets, check=args.check)


def _cpus() -> tuple[int | None, int | None]:
    if not hasattr(os, "sched_getaffinity"):
        return None, None
    available = sorted(os.sched_getaffinity(0))
    return (available[0], available[1]) if len(available) >= 2 else (None, None)


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = base_parser(__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=2000, help="users due at once")
    parser.add_argument("--cards", type=int, default=1, help="cards per digest (max)")
    parser.add_argument(
        "--searches", type=int, default=1, help="named searches per user (each its own digest)"
    )
    parser.add_argument(
        "--active",
        type=int,
        default=20,
        help="people (not due) using the bot during the tick; 0: none",
    )
    parser.add_argument(
        "--think", type=float, default=3.0, help="their mean think time between actions, s"
    )
    parser.add_argument(
        "--baseline",
        type=float,
        default=10.0,
        help="seconds the active people use the bot before the tick (no digest)",
    )
    parser.add_argument("--corpus", type=int, default=3200, help="vacancies in the HH emulator")
    parser.add_argument(
        "--hh-rate", type=float, default=8.0, help="the bot's HH requests/s (production default 8)"
    )
    parser.add_argument("--py-spy", metavar="FILE", help="record the bot process with py-spy")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    for name in ("--tg-url", "--hh-url", "--db"):
        parser.add_argument(name, help=argparse.SUPPRESS)
    parser.add_argument("--cpu", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        return serve(args)
    if args.quick:
        # A few hundred users: a tick of ~15 s, long enough for the active people to act
        # a few times each while it goes out.
        args.users, args.cards, args.corpus = min(args.users, 200), 1, 800
        args.hh_rate = max(args.hh_rate, 500.0)
        args.baseline = min(args.baseline, 5.0)
    return asyncio.run(orchestrate(args))


if __name__ == "__main__":
    sys.exit(main())
