"""Daily digest push: 2,000 users due at once against Telegram's 30 messages/s.

    ./run bench digest [--users 2000] [--searches 1] [--cards 1] [--hh-rate 8] [--check]
                       [--quick]

The Telegram emulator enforces 30 messages/s per bot and 1 message/s per chat (answering
429 with retry_after beyond that, as Telegram does). The bot runs as its own process,
built by ``bot.app.build_app`` + ``bot.app.build_push`` on a real SQLite file and the
HH emulator, and runs one digest tick directly (``run_digest_tick()``) with every user due:
each gets a context line and up to ``--cards`` new vacancy cards.

Measured: the achieved send rate (messages / time from the first to the last send) as a
fraction of the limit, 429s answered, HH searches made versus distinct query signatures
among the due users (the recommender must fetch each query once, however many users
share it; a query may take several result pages), and the tick's wall time versus the
physical bound, messages / 30 s. The bot keeps its production HH pace (8 requests/s).

``--cards 1`` (2 messages per user, a 133 s bound for 2,000 users) keeps the run under
five minutes; ``--cards 5`` is the production digest (6 messages, a 400 s bound).
Targets: send rate ≥ 0.95 of the limit, 0 answered 429s, searches = signatures (no
query fetched twice, one distinct query per signature).

``--searches k``: every user has k named searches, each with its own digest (the k-th
with the preferences of another simulated user, so searches share queries across
people). The number of searches must not change the HH requests per distinct query:
HH distinct queries = distinct signatures among all due searches, none fetched twice.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import sys
import tempfile
import time
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
    print_table,
    py_spy_available,
    report_targets,
    seed_users_bulk,
    summarize_py_spy,
)
from sandbox.telegram import TelegramEmulator

GLOBAL_RATE = 30.0
CHAT_RATE = 1.0
TARGET_RATE_FRACTION = 0.95
RESULT = "BENCH-DIGEST-RESULT "
ROOT = Path(__file__).resolve().parent.parent

# ============================================================================ emulator


class CountingTelegram(TelegramEmulator):
    """The Telegram emulator, stamping every message it accepted."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.sent_at: list[float] = []

    def _admit_send(self, state: Any) -> None:
        super()._admit_send(state)  # raises the 429 when over a limit
        self.sent_at.append(time.time())  # wall clock: compared with the bot process's


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


async def run_tick(args: Any) -> dict[str, Any]:
    """In the bot process: build the app and the push jobs, run one digest tick."""
    from bot.app import build_app, build_push
    from core.services.digest_delivery import DigestOptions
    from db.repositories import PreferencesRepository

    app = await build_app(bot_settings(args.tg_url, args.hh_url, Path(args.db), args.hh_rate))
    try:
        scheduler = build_push(app, options=DigestOptions(digest_size=args.cards))
        signatures: set[str] = set()
        async with app.session_factory() as session:
            repo = PreferencesRepository(session)
            searches = args.users * args.searches
            for prefs in (await repo.for_searches(range(1, searches + 1))).values():
                # Every query of the search's plan (its cities, and remote work when it suits)
                for params in app.services.recommender.search_plan(prefs):
                    signatures.add(params.signature())
        cpu, started, started_at = cpu_seconds(), time.perf_counter(), time.time()
        report = await scheduler.run_digest_tick()
        wall = time.perf_counter() - started
        return {
            "started_at": started_at,
            "wall": wall,
            "cpu": cpu_seconds() - cpu,
            "report": report.counts,
            "signatures": len(signatures),
            "retried_after_429": app.delivery.retried_after_429,
            "rss_mb": peak_rss_mb(),
        }
    finally:
        await app.stop()


def serve(args: Any) -> int:
    if args.cpu is not None and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {args.cpu})
    if not args.profile:
        result = asyncio.run(run_tick(args))
    else:
        import cProfile

        from bench._harness import print_profile

        profiler = cProfile.Profile()
        profiler.enable()
        try:
            result = asyncio.run(run_tick(args))
        finally:
            profiler.disable()
            print("\n## bot process (digest tick)")
            print_profile(profiler, top=30, sort="tottime")
    print(RESULT + json.dumps(result), flush=True)
    return 0


async def run_child(
    args: Any, tg_url: str, hh_url: str, db: Path, cpu: int | None
) -> dict[str, Any]:
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
    ]
    if cpu is not None:
        argv += ["--cpu", str(cpu)]
    if args.profile:
        argv.append("--profile")
    process = await asyncio.create_subprocess_exec(*argv, stdout=asyncio.subprocess.PIPE, cwd=ROOT)
    assert process.stdout is not None
    spy = await _start_py_spy(process.pid, args.py_spy)
    result: dict[str, Any] | None = None
    try:
        while line := (await process.stdout.readline()).decode():
            if line.startswith(RESULT):
                result = json.loads(line[len(RESULT) :])
            else:
                sys.stdout.write(line)
        await process.wait()
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGINT)
            await process.wait()
    if spy is not None:
        await spy.wait()
    if result is None:
        raise RuntimeError(f"the digest tick failed (exit {process.returncode})")
    return result


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


async def prepare_database(directory: Path, users: int, searches: int = 1) -> Path:
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
    finally:
        await engine.dispose()
    return path


@dataclass(frozen=True, slots=True)
class Searches:
    requests: int  # GET /vacancies the bot made
    distinct: int  # distinct (query, page)
    queries: int  # distinct queries, page aside

    @classmethod
    def of(cls, recorded: list[Any]) -> Searches:
        searches = [r.query for r in recorded if r.method == "GET" and r.path == "/vacancies"]
        with_page = {tuple(sorted(query)) for query in searches}
        without = {tuple(sorted((k, v) for k, v in query if k != "page")) for query in searches}
        return cls(len(searches), len(with_page), len(without))

    @property
    def repeated(self) -> int:
        return self.requests - self.distinct


def print_results(
    args: Any, result: dict[str, Any], tg: CountingTelegram, searches: Searches
) -> SendWindow:
    window = SendWindow.of(tg.sent_at)
    bound = window.messages / GLOBAL_RATE
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
        ("messages sent", window.messages),
        ("send rate, first to last message", f"{window.rate:.2f} msg/s"),
        ("send rate / limit (30 msg/s)", f"{window.rate / GLOBAL_RATE:.3f}"),
        ("peak messages in any 1 s (sliding)", tg.stats.max_send_rate),
        ("pauses > 0.25 s between sends: count / time lost", f"{gaps} / {lost:.1f} s"),
        ("429 answered by the emulator", tg.stats.rate_limited),
        (
            "HH searches: requests / distinct (query, page)",
            f"{searches.requests} / {searches.distinct}",
        ),
        (
            "HH distinct queries (page aside) / query signatures",
            f"{searches.queries} / {result['signatures']}",
        ),
        ("HH requests per distinct query", f"{per_query:.2f}"),
        ("tick start to first message", f"{first:.1f} s"),
        ("tick wall time", f"{result['wall']:.1f} s"),
        ("physical bound (messages / 30 s)", f"{bound:.1f} s"),
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
    return window


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
    tg = CountingTelegram(token=BOT_TOKEN, global_rate=GLOBAL_RATE, per_chat_rate=CHAT_RATE)
    await hh.start("127.0.0.1", 0)
    await tg.start()
    try:
        db = await prepare_database(workdir, args.users, args.searches)
        for user_id in range(1, args.users + 1):  # each has a chat with the bot
            tg.user(user_id, first_name=f"User {user_id}")
        hh.reset_stats()
        result = await run_child(args, tg.url, hh.url, db, cpus[1])
        searches = Searches.of(hh.requests)
    finally:
        await tg.stop()
        await hh.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"digest benchmark — {env}; emulators on CPU {cpus[0]}, bot on CPU {cpus[1]}")
    window = print_results(args, result, tg, searches)
    print(f"\ntotal {time.perf_counter() - started:.0f} s; tick report {result['report']}")
    targets = [
        Target("send rate / limit", window.rate / GLOBAL_RATE, ">=", TARGET_RATE_FRACTION),
        Target("429 answered", float(tg.stats.rate_limited), "==", 0.0),
        Target("HH searches repeated (same query and page)", float(searches.repeated), "==", 0.0),
        Target(
            "HH distinct queries - signatures",
            float(searches.queries - result["signatures"]),
            "==",
            0.0,
        ),
    ]
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
        args.users, args.cards, args.corpus = min(args.users, 12), 1, 800
        args.hh_rate = max(args.hh_rate, 500.0)
    return asyncio.run(orchestrate(args))


if __name__ == "__main__":
    sys.exit(main())
