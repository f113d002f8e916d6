"""Mini App API throughput: GET /api/jobs/recommendations against a bare aiohttp handler.

    ./run bench api [--clients 50] [--users 50] [--seconds 5] [--check] [--quick]

The server is its own process, pinned to one CPU: the real API (api.app.build_web_app on
the services bot.app.build_app wires, a SQLite file, the HH emulator for the first fetch)
and, on a second port of the same process, a bare aiohttp handler answering the very
bytes the API answered for user 1. This process is the load: ``--clients`` concurrent
connections, each a different person with initData signed for the bot (so every request
is authenticated, rate-limited and checked against the users table), on another CPU.

"Cached": each person's feed page was fetched once before the timed run, so HH is not
asked and the page comes from the API's feed-page cache (api/cache.py), as when the Mini
App is reopened. The per-user rate limit is lifted for the run (WEB_APP_RATE): it would
otherwise be what is measured.

Targets: API requests/s ≥ 0.3 of the bare handler's, API p95 < 50 ms, every answer 200.
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
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench._harness import (
    BOT_TOKEN,
    HH_APP_TOKEN,
    HH_USER_AGENT,
    Target,
    base_parser,
    environment_line,
    fmt,
    percentile,
    print_table,
    report_targets,
)

ROOT = Path(__file__).resolve().parent.parent
READY = "BENCH-API-READY "
PATH = "/api/jobs/recommendations?page=1&per_page=10"
TARGET_RATIO = 0.3
TARGET_P95_MS = 50.0


# ================================================================================ server
async def serve(args: Any) -> None:
    """The child: build the bot's services and serve the API and the bare handler."""
    from aiohttp import ClientSession, web

    from api.app import build_web_app
    from bot.app import build_app
    from core.config import load_settings
    from core.domain.onboarding import OnboardingAnswers
    from sandbox.corpus import build_corpus
    from sandbox.hh import HHEmulator

    if args.cpu is not None:
        os.sched_setaffinity(0, {args.cpu})
    hh = HHEmulator(build_corpus(seed=42, size=args.corpus), app_token=HH_APP_TOKEN)
    await hh.start("127.0.0.1", 0)
    settings = load_settings(
        bot_token=BOT_TOKEN,
        telegram_api_url="http://127.0.0.1:9",  # never called: no polling in this bench
        webhook_url=None,
        redis_url=None,
        database_url=f"sqlite+aiosqlite:///{args.db}",  # absolute: a temporary directory
        hh_api_base_url=hh.url,
        hh_app_token=HH_APP_TOKEN,
        hh_user_agent=HH_USER_AGENT,
        hh_requests_per_second=1000.0,
        web_app_rate=1_000_000.0,
        web_app_burst=10_000,
    )
    app = await build_app(settings)
    answers = OnboardingAnswers(
        categories=["programming"], skills=["Python", "Django", "SQL"], area_ids=["160"]
    )
    for user_id in range(1, args.users + 1):
        await app.services.users.ensure_user(
            user_id, first_name=f"User {user_id}", username=None, language_code="en"
        )
        await app.services.preferences.complete_onboarding(user_id, answers)
    api_runner = web.AppRunner(build_web_app(app.services), access_log=None)
    await api_runner.setup()
    await web.TCPSite(api_runner, "127.0.0.1", 0).start()
    api_url = "http://{}:{}".format(*api_runner.addresses[0][:2])
    async with (
        ClientSession() as session,
        session.get(api_url + PATH, headers={"Authorization": authorization(1)}) as response,
    ):
        payload = await response.read()
        if response.status != 200:
            raise RuntimeError(f"the API answered {response.status}: {payload[:200]!r}")

    async def bare(request: web.Request) -> web.Response:
        return web.Response(body=payload, content_type="application/json")

    bare_app = web.Application()
    bare_app.router.add_get("/api/jobs/recommendations", bare)
    bare_runner = web.AppRunner(bare_app, access_log=None)
    await bare_runner.setup()
    await web.TCPSite(bare_runner, "127.0.0.1", 0).start()
    bare_url = "http://{}:{}".format(*bare_runner.addresses[0][:2])
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGINT, stop.set)
    print(READY + json.dumps({"api": api_url, "bare": bare_url, "bytes": len(payload)}), flush=True)
    try:
        await stop.wait()
    finally:
        await api_runner.cleanup()
        await bare_runner.cleanup()
        await app.stop()
        await hh.stop()


def authorization(user_id: int) -> str:
    from sandbox.telegram_web_app import init_data

    user = {"id": user_id, "first_name": f"User {user_id}", "language_code": "en"}
    return "tma " + init_data(user, BOT_TOKEN, datetime.now(UTC))


# ================================================================================ load
@dataclass
class Run:
    name: str
    requests: int
    seconds: float
    latencies: list[float]
    failures: int

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def p(self, q: float) -> float:
        return percentile(self.latencies, q) * 1000


async def load(name: str, url: str, args: Any, headers: list[str], seconds: float) -> Run:
    import aiohttp

    latencies: list[float] = []
    failures = 0
    connector = aiohttp.TCPConnector(limit=args.clients)
    async with aiohttp.ClientSession(connector=connector) as session:
        deadline = time.perf_counter() + seconds

        async def client(index: int) -> None:
            nonlocal failures
            sent = {"Authorization": headers[index % len(headers)]}
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                async with session.get(url + PATH, headers=sent) as response:
                    await response.read()
                    if response.status != 200:
                        failures += 1
                latencies.append(time.perf_counter() - started)

        began = time.perf_counter()
        await asyncio.gather(*(client(i) for i in range(args.clients)))
        elapsed = time.perf_counter() - began
    return Run(name, len(latencies), elapsed, latencies, failures)


async def orchestrate(args: Any) -> int:
    env = environment_line()
    cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    client_cpu, server_cpu = (cpus[0], cpus[1]) if len(cpus) >= 2 else (None, None)
    if client_cpu is not None:
        os.sched_setaffinity(0, {client_cpu})
    workdir = Path(tempfile.mkdtemp(prefix="bench-api-"))
    argv = [
        sys.executable,
        "-m",
        "bench.api",
        "--serve",
        "--db",
        str(workdir / "bench.sqlite"),
        "--users",
        str(args.users),
        "--corpus",
        str(args.corpus),
    ]
    if server_cpu is not None:
        argv += ["--cpu", str(server_cpu)]
    process = await asyncio.create_subprocess_exec(*argv, stdout=asyncio.subprocess.PIPE, cwd=ROOT)
    assert process.stdout is not None
    try:
        ready: dict[str, Any] | None = None
        while line := (await process.stdout.readline()).decode():
            if line.startswith(READY):
                ready = json.loads(line[len(READY) :])
                break
            sys.stdout.write(line)
        if ready is None:
            raise RuntimeError(f"the API server did not start (exit {await process.wait()})")
        headers = [authorization(user_id) for user_id in range(1, args.users + 1)]
        # Warm-up: every person's page once (fills the feed-page cache), connections open.
        await load("warm-up API", ready["api"], args, headers, args.warmup)
        await load("warm-up bare", ready["bare"], args, headers, args.warmup)
        runs = [
            await load("bare aiohttp handler", ready["bare"], args, headers, args.seconds),
            await load("API (cached page)", ready["api"], args, headers, args.seconds),
        ]
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGINT)
            await process.wait()
        shutil.rmtree(workdir, ignore_errors=True)
    bare, api = runs
    print(f"API benchmark — {env}; load on CPU {client_cpu}, server on CPU {server_cpu}")
    print_table(
        f"GET {PATH}: {args.clients} concurrent clients, {args.users} people, "
        f"{ready['bytes']:,} bytes per answer, {args.seconds:g} s each",
        ("server", "requests", "requests/s", "p50 ms", "p95 ms", "p99 ms", "not 200"),
        [(r.name, r.requests, r.rate, r.p(50), r.p(95), r.p(99), r.failures) for r in runs],
    )
    ratio = api.rate / bare.rate if bare.rate else 0.0
    targets = [
        Target("API requests/s / bare handler's", ratio, ">=", TARGET_RATIO),
        Target("API p95 latency", api.p(95), "<", TARGET_P95_MS, " ms"),
        Target("answers other than 200", float(api.failures + bare.failures), "==", 0.0),
    ]
    print(f"\nratio {fmt(ratio)}")
    return report_targets(targets, check=args.check)


def main(argv: list[str] | None = None) -> int:
    parser = base_parser(__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50, help="concurrent connections")
    parser.add_argument("--users", type=int, default=50, help="distinct people")
    parser.add_argument("--seconds", type=float, default=5.0, help="each timed run")
    parser.add_argument("--warmup", type=float, default=1.0, help="seconds before each run")
    parser.add_argument("--corpus", type=int, default=1200, help="HH emulator vacancies")
    parser.add_argument("--serve", action="store_true", help=argparse_hidden())
    parser.add_argument("--db", help=argparse_hidden())
    parser.add_argument("--cpu", type=int, help=argparse_hidden())
    args = parser.parse_args(argv)
    if args.quick:
        args.clients, args.users, args.seconds, args.warmup = 10, 10, 1.0, 0.3
    if args.serve:
        asyncio.run(serve(args))
        return 0
    return asyncio.run(orchestrate(args))


def argparse_hidden() -> str:
    import argparse

    return argparse.SUPPRESS


if __name__ == "__main__":
    sys.exit(main())
