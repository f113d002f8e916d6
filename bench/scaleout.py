"""Scale-out: the interactive mix on SQLite (one instance) and on PostgreSQL + Redis (two
webhook instances behind a round-robin balancer), same people, same mix.

    ./run bench scaleout [--users 100] [--db-users 2000] [--duration 15] [--think 1.0]
                         [--digest-users 20] [--instances 2] [--check] [--quick]

Each bot runs as its own process, as deployed in webhook mode (``bot.webhook``'s
application, ``build_app_with_push``: the push scheduler and its lease included). This
process hosts the sandbox Telegram emulator (it delivers updates by POST to the one
webhook URL, the balancer's), the HH emulator, a small aiohttp reverse proxy handing each
update to the next instance in turn (``Balancer``), and ``--users`` simulated people
reused from bench/updates.py (they tap only buttons they see; latency from update queued
to the complete reply).

Two runs: the baseline, SQLite and one webhook instance behind the same balancer (FSM in
the database), then PostgreSQL (a throwaway database, dropped at the end) with FSM state
and event isolation in Redis and ``--instances`` webhook instances. Each run: warm-up
(everyone opens /jobs), a saturated phase (think time 0: per-update costs), a realistic
phase (``--think`` s: latency). A meter inside each bot process counts per update its
CPU, SQL statements, database round trips (statements + BEGIN + COMMIT/ROLLBACK + the
pool's pre-ping on PostgreSQL), Redis commands and Telegram requests, and records which
update ids it handled.

Targets: bot CPU per update on PostgreSQL + Redis ≤ 1.3× SQLite's; each instance serves
40–60 % of the updates; no update lost (handled by nobody, a tap never answered, an action
without its reply) or doubled (handled twice, a tap answered twice); each due digest sent
once across the instances (``--digest-users`` people whose digest is due at start).
PostgreSQL or Redis not reachable: one line naming it, exit 0, no table.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import signal
import socket
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
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
    percentile,
    print_table,
    report_targets,
    seed_users,
    seed_users_bulk,
)
from bench.updates import (
    ALONE_SETTLE,
    MIX,
    READY,
    STATS,
    Results,
    TimedTelegram,
    load_phase,
    start_bot_process,
    update_kind,
    warm_up,
)
from sandbox.loopback import PG_HOST, PG_PORT, pg_admin, port_open

TARGET_CPU_RATIO = 1.3  # PostgreSQL + Redis bot CPU per update ÷ SQLite's
TARGET_SHARE = (0.40, 0.60)  # each of two instances' share of the updates
WEBHOOK_PATH = "/telegram"
SECRET = "bench-scaleout-secret"  # one secret for every instance (the balancer forwards it)
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/12"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"

# ============================================================================ pure pieces


class RoundRobin:
    """Which backend takes the next request: each in turn; when one cannot be reached the
    request goes to the next ones in the same order."""

    def __init__(self, backends: int) -> None:
        if backends < 1:
            raise ValueError("at least one backend")
        self._backends = backends
        self._next = 0

    def order(self) -> list[int]:
        """The backends to try for one request, the first choice first."""
        start = self._next
        self._next = (start + 1) % self._backends
        return [(start + i) % self._backends for i in range(self._backends)]


@dataclass(slots=True)
class LedgerRow:
    """One action's updates over a run: how many, who served them, lost and doubled."""

    updates: int = 0
    served: list[int] = field(default_factory=list)  # by instance
    lost: int = 0
    doubled: int = 0


def reply_ledger(
    queued: Mapping[int, str],
    handled: Sequence[Iterable[int]],
    answers: Mapping[int, int],
) -> dict[str, LedgerRow]:
    """By action: ``queued`` maps each update id the emulator queued to its action,
    ``handled`` lists the update ids each instance fed to its dispatcher, ``answers``
    maps a tap's update id to the callback answers the bot attempted for it (every tap
    is in it, with 0 when none came). An update is lost when no instance handled it or a
    tap was never answered; doubled when it was handled more than once or a tap was
    answered more than once."""
    by_instance = [Counter(ids) for ids in handled]
    rows: dict[str, LedgerRow] = {}
    for update_id, action in queued.items():
        row = rows.setdefault(action, LedgerRow(served=[0] * len(by_instance)))
        row.updates += 1
        times = 0
        for index, counts in enumerate(by_instance):
            row.served[index] += counts[update_id]
            times += counts[update_id]
        tap_answers = answers.get(update_id)
        if times == 0 or tap_answers == 0:
            row.lost += 1
        elif times > 1 or (tap_answers or 0) > 1:
            row.doubled += 1
    return rows


def digest_check(
    received: Mapping[int, int], deliveries: Sequence[tuple[int, str, int]]
) -> tuple[int, int]:
    """(digest users whose digest never came, messages sent beyond one digest each).
    ``received``: bot messages in each digest user's chat; ``deliveries``: the
    ``digest_deliveries`` rows as (user id, status, vacancy count). A sent digest is its
    context line plus one message per card; an empty one sends nothing; one still under
    way (not final when the run ended) has not come yet, and what it sent so far, up to
    its own size, is not extra."""
    expected: Counter[int] = Counter()
    under_way: Counter[int] = Counter()
    recorded: set[int] = set()
    for user_id, status, cards in deliveries:
        recorded.add(user_id)
        if status == "sent":
            expected[user_id] += 1 + cards
        elif status != "empty":
            under_way[user_id] += 1 + cards
    missing = sum(1 for user_id in received if user_id not in recorded)
    extra = 0
    for user_id, count in received.items():
        missing += int(count < expected[user_id] or user_id in under_way)
        extra += max(0, count - expected[user_id] - under_way[user_id])
    return missing, extra


# ============================================================================ balancer


class Balancer:
    """A loopback reverse proxy: each POST goes to the next backend (RoundRobin); a
    backend that refuses the connection is skipped for that request."""

    def __init__(self) -> None:
        self.backends: list[str] = []
        self.rr = RoundRobin(1)
        self.served: list[int] = []
        self.failovers = 0
        self.url = ""
        self._runner: Any = None
        self._session: Any = None

    async def start(self) -> str:
        import aiohttp
        from aiohttp import web

        server = web.Application()
        server.router.add_post("/{tail:.*}", self._forward)
        self._runner = web.AppRunner(server, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"
        self._session = aiohttp.ClientSession()
        return self.url

    def use(self, backends: Sequence[str]) -> None:
        """Hand requests to these backends from now on, the first one first."""
        self.backends = list(backends)
        self.rr = RoundRobin(len(self.backends))
        self.served = [0] * len(self.backends)

    async def stop(self) -> None:
        if self._session is not None:
            await self._session.close()
        if self._runner is not None:
            await self._runner.cleanup()

    async def _forward(self, request: Any) -> Any:
        import aiohttp
        from aiohttp import web

        if not self.backends:
            return web.Response(status=503, text="no backend yet")
        body = await request.read()
        headers = {
            key: request.headers[key]
            for key in ("Content-Type", SECRET_HEADER)
            if key in request.headers
        }
        for index in self.rr.order():
            try:
                async with self._session.post(
                    self.backends[index] + request.path_qs, data=body, headers=headers
                ) as response:
                    payload = await response.read()
                    self.served[index] += 1
                    return web.Response(
                        status=response.status,
                        body=payload,
                        content_type=response.content_type,
                    )
            except aiohttp.ClientConnectionError:
                self.failovers += 1
        return web.Response(status=502, text="no backend answered")


# ============================================================================ the emulator


class LedgerTelegram(TimedTelegram):
    """The timed emulator, also keeping each queued update's action and, per tap, how
    many callback answers the bot attempted (a second answer is refused by the emulator
    but still counted here)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.queued: dict[int, str] = {}
        self.answers: dict[int, int] = {}  # tap's update id -> answers attempted
        self._query_update: dict[str, int] = {}

    def _push_update(self, body: dict[str, Any]) -> None:
        super()._push_update(body)
        update_id = body["update_id"]
        query = body.get("callback_query")
        if query is not None:
            data = query.get("data") or ""
            action = next((a.name for a in MIX if a.button and data.startswith(a.button)), "tap")
            self._query_update[query["id"]] = update_id
            self.answers[update_id] = 0
        else:
            text = (body.get("message") or {}).get("text") or ""
            action = next((a.name for a in MIX if a.text and text.startswith(a.text)), "message")
        self.queued[update_id] = action

    async def _answer_callback_query(self, params: Any) -> bool:
        update_id = self._query_update.get(params.text("callback_query_id") or "")
        if update_id is not None:
            self.answers[update_id] += 1
        return await super()._answer_callback_query(params)

    def clear_ledger(self) -> None:
        self.queued.clear()
        self.answers.clear()
        self._query_update.clear()


# ============================================================================ bot process


class Meter:
    """In a bot process: per update (by action) the event loop thread's CPU, SQL
    statements, database round trips, Redis commands and Telegram requests, and the ids
    of the updates it handled. SIGWINCH prints the window as one ``BENCH-STATS`` line."""

    def __init__(self) -> None:
        self.sql = 0
        self.db = 0
        self.redis = 0
        self.telegram = 0
        self.by_kind: dict[str, list[float]] = {}  # kind -> [n, cpu s, sql, db, redis, tg]
        self.handled: list[int] = []
        self._window = self._totals()

    def _totals(self) -> tuple[float, int, int, int, int]:
        return time.thread_time(), self.sql, self.db, self.redis, self.telegram

    def attach_dispatcher(self, dispatcher: Any) -> None:
        feed_update = dispatcher.feed_update

        async def measured(bot: Any, update: Any, **kwargs: Any) -> Any:
            self.handled.append(update.update_id)
            before = self._totals()
            try:
                return await feed_update(bot, update, **kwargs)
            finally:
                after = self._totals()
                entry = self.by_kind.setdefault(update_kind(update), [0, 0.0, 0, 0, 0, 0])
                entry[0] += 1
                for i in range(5):
                    entry[i + 1] += after[i] - before[i]

        dispatcher.feed_update = measured

    def attach_bot(self, bot: Any) -> None:
        async def count(make_request: Any, bot: Any, method: Any) -> Any:
            self.telegram += 1
            return await make_request(bot, method)

        bot.session.middleware(count)

    def attach_engine(self, engine: Any) -> None:
        """Round trips as a networked database sees them: each statement, the BEGIN
        before a transaction's first one, its COMMIT or ROLLBACK, and on PostgreSQL the
        pool's pre-ping at every checkout (the same rule on SQLite, minus the ping)."""
        from sqlalchemy import event

        sync = engine.sync_engine
        ping = sync.dialect.name == "postgresql" and sync.pool._pre_ping

        @event.listens_for(sync, "before_cursor_execute")
        def statement(conn: Any, *_args: Any) -> None:
            self.sql += 1
            self.db += 1
            if not conn.info.get("bench_tx"):
                conn.info["bench_tx"] = True
                self.db += 1

        def end(info: dict[str, Any]) -> None:
            if info.pop("bench_tx", False):
                self.db += 1

        event.listen(sync, "commit", lambda conn: end(conn.info))
        event.listen(sync, "rollback", lambda conn: end(conn.info))
        event.listen(sync.pool, "reset", lambda _dbapi, record, *_a: end(record.info))
        if ping:

            @event.listens_for(sync.pool, "checkout")
            def checkout(*_args: Any) -> None:
                self.db += 1

    def attach_redis(self) -> None:
        from redis.asyncio.client import Redis

        execute = Redis.execute_command
        meter = self

        async def counted(client: Any, *args: Any, **kwargs: Any) -> Any:
            meter.redis += 1
            return await execute(client, *args, **kwargs)

        Redis.execute_command = counted  # type: ignore[method-assign, assignment]

    def flush(self) -> None:
        now = self._totals()
        window = [now[i] - self._window[i] for i in range(5)]
        print(
            STATS
            + json.dumps({"window": window, "by_kind": self.by_kind, "handled": self.handled}),
            flush=True,
        )
        self.by_kind, self.handled = {}, []
        self._window = now


def instance_settings(args: Any) -> Any:
    from core.config import load_settings

    return load_settings(
        bot_token=BOT_TOKEN,
        telegram_api_url=args.tg_url,
        webhook_url=args.webhook_url,
        webhook_secret=SECRET,
        webhook_host="127.0.0.1",
        webhook_port=args.port,
        web_app_port=0,
        redis_url=args.redis_url or None,
        database_url=args.db_url,
        hh_api_base_url=args.hh_url,
        hh_app_token=HH_APP_TOKEN,
        hh_user_agent=HH_USER_AGENT,
        hh_requests_per_second=200.0,  # the local HH emulator is not what is measured
        log_level="WARNING",
    )


async def serve_instance(args: Any) -> None:
    """One webhook instance, as bot.webhook.run_webhook builds it, with the meter and
    room in the flood control for the saturated phase's zero-think-time people."""
    from aiohttp import web

    from bot.app import build_app_with_push
    from bot.middlewares import ThrottleConfig
    from bot.webhook import build_webhook_app

    app = await build_app_with_push(
        instance_settings(args), throttle=ThrottleConfig(rate=1000.0, burst=1000.0)
    )
    meter = Meter()
    meter.attach_engine(app.engine)
    meter.attach_bot(app.bot)
    meter.attach_dispatcher(app.dispatcher)
    if args.redis_url:
        meter.attach_redis()
    server = build_webhook_app(app, SECRET)
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGWINCH, meter.flush)
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    runner = web.AppRunner(server, access_log=None)
    await runner.setup()  # startup: setWebhook (the balancer's URL), the push scheduler
    try:
        await web.TCPSite(runner, "127.0.0.1", args.port).start()
        print(READY, flush=True)
        waiters = [asyncio.ensure_future(stop.wait()), asyncio.ensure_future(app.failed.wait())]
        await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
        for waiter in waiters:
            waiter.cancel()
    finally:
        await runner.cleanup()
        await app.stop()


@dataclass(slots=True)
class Window:
    """One window of an instance's meter."""

    totals: list[float] = field(default_factory=lambda: [0.0, 0, 0, 0, 0])
    by_kind: dict[str, list[float]] = field(default_factory=dict)
    handled: list[int] = field(default_factory=list)

    @property
    def updates(self) -> int:
        return int(sum(v[0] for v in self.by_kind.values()))


@dataclass(slots=True)
class Instance:
    process: asyncio.subprocess.Process
    url: str
    stats: asyncio.Queue[Window] = field(default_factory=asyncio.Queue)
    handled: list[int] = field(default_factory=list)  # every window's, whole run

    async def window(self) -> Window:
        self.process.send_signal(signal.SIGWINCH)
        window = await asyncio.wait_for(self.stats.get(), 30)
        self.handled.extend(window.handled)
        return window

    def cpu(self) -> float:
        return cpu_seconds(self.process.pid)

    async def stop(self) -> None:
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGINT)
            try:
                await asyncio.wait_for(self.process.wait(), 20)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def start_instance(
    tg_url: str, hh_url: str, db_url: str, redis_url: str, webhook_url: str, cpu: int | None
) -> Instance:
    port = _free_port()
    argv = [sys.executable, "-m", "bench.scaleout", "--serve", "--tg-url", tg_url]
    argv += ["--hh-url", hh_url, "--db-url", db_url, "--redis-url", redis_url]
    argv += ["--webhook-url", webhook_url, "--port", str(port)]
    if cpu is not None:
        argv += ["--cpu", str(cpu)]
    stats: asyncio.Queue[Window] = asyncio.Queue()

    def window(data: dict[str, Any]) -> None:
        stats.put_nowait(Window(data["window"], data["by_kind"], data["handled"]))

    process = await start_bot_process(argv, "a bot instance", window)
    return Instance(process, f"http://127.0.0.1:{port}", stats)


# ============================================================================ services


async def unreachable(redis_url: str) -> str | None:
    """One line naming the service that is not there, or None."""
    if not port_open(PG_PORT, PG_HOST) or await pg_admin("SELECT 1") is None:
        return f"PostgreSQL is not reachable at {PG_HOST}:{PG_PORT} (no admin login)"
    try:
        from redis.asyncio import Redis

        client = Redis.from_url(redis_url, socket_connect_timeout=2)
        try:
            await client.ping()  # type: ignore[misc]
        finally:
            await client.aclose()
    except Exception as error:
        return f"Redis is not reachable at {redis_url} ({type(error).__name__})"
    return None


async def clear_redis(redis_url: str) -> None:
    """The FSM keys a previous run left (only ``fsm:*`` keys of the bench's database)."""
    from redis.asyncio import Redis

    client = Redis.from_url(redis_url)
    try:
        async for key in client.scan_iter(match="fsm:*", count=1000):
            await client.delete(key)
    finally:
        await client.aclose()


async def prepare_database(url: str, args: Any) -> None:
    """Migrate and seed: the active people (digests off), ``--digest-users`` people whose
    digest is due now, the rest of ``--db-users`` as bulk rows (digests off)."""
    from db.session import create_engine, create_session_factory, migrate

    await migrate(url)
    engine = create_engine(url)
    try:
        factory = create_session_factory(engine)
        active = list(range(1, args.users + 1))
        digest = list(range(args.users + 1, args.users + 1 + args.digest_users))
        await seed_users(factory, active, digest_enabled=False)
        if digest:
            await seed_users_bulk(factory, digest, digest_enabled=True, digest_time="00:00")
        others = list(range(args.users + 1 + args.digest_users, args.db_users + 1))
        if others:
            await seed_users_bulk(factory, others, digest_enabled=False)
    finally:
        await engine.dispose()


async def read_deliveries(url: str) -> list[tuple[int, str, int, str]]:
    """Every digest_deliveries row: (user id, status, vacancy count, holder)."""
    from sqlalchemy import select

    from db.models import DigestDelivery
    from db.session import create_engine

    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            rows = await conn.execute(
                select(
                    DigestDelivery.user_id,
                    DigestDelivery.status,
                    DigestDelivery.vacancy_count,
                    DigestDelivery.holder,
                )
            )
            return [(int(u), str(s), int(c or 0), str(h or "")) for u, s, c, h in rows]
    finally:
        await engine.dispose()


# ============================================================================ a run


@dataclass(slots=True)
class Run:
    name: str
    instances: int
    saturated: Results
    saturated_seconds: float
    realistic: Results
    windows: list[Window]  # each instance's saturated window
    alone_windows: list[Window]  # each instance's window of the one-person phase
    cpu: float  # the instances' CPU seconds over the saturated phase
    ledger: dict[str, LedgerRow]
    balancer_served: list[int]
    failovers: int
    digest_users: int
    deliveries: list[tuple[int, str, int, str]]
    digest_missing: int
    digest_extra: int
    harness_errors: int
    timeouts: int

    @property
    def updates(self) -> int:
        return sum(w.updates for w in self.windows)

    @property
    def cpu_ms(self) -> float:
        return 1000 * self.cpu / max(self.saturated.count, 1)

    def per_update(self, index: int) -> float:
        """Totals over the saturated window (background work included) per update:
        0 CPU s, 1 SQL, 2 DB round trips, 3 Redis commands, 4 Telegram requests."""
        return sum(w.totals[index] for w in self.windows) / max(self.updates, 1)

    def kind(self, name: str, index: int) -> float:
        """An action's own cost in the handler, one person alone (index as per_update)."""
        n = sum(w.by_kind.get(name, [0])[0] for w in self.alone_windows)
        total = sum(w.by_kind.get(name, [0] * 6)[index + 1] for w in self.alone_windows)
        return total / max(n, 1)

    @property
    def lost(self) -> int:
        return sum(r.lost for r in self.ledger.values()) + self.timeouts

    @property
    def doubled(self) -> int:
        return sum(r.doubled for r in self.ledger.values())

    def shares(self) -> list[float]:
        served = [0] * self.instances
        for row in self.ledger.values():
            for i, n in enumerate(row.served):
                served[i] += n
        total = max(sum(served), 1)
        return [n / total for n in served]


async def run_config(
    name: str,
    tg: LedgerTelegram,
    hh_url: str,
    db_url: str,
    redis_url: str,
    instances: int,
    args: Any,
    cpu: int | None,
) -> Run:
    users = list(range(1, args.users + 1))
    digest_ids = list(range(args.users + 1, args.users + 1 + args.digest_users))
    tg.new_run()
    tg.clear_ledger()
    for uid in digest_ids:
        tg.user(uid, first_name=f"User {uid}")
    earlier = {uid: _bot_messages(tg, uid) for uid in digest_ids}  # the previous run's
    balancer = Balancer()
    await balancer.start()
    started: list[Instance] = []
    try:
        for _ in range(instances):  # one after the other: the first migrates
            instance = await start_instance(
                tg.url, hh_url, db_url, redis_url, balancer.url + WEBHOOK_PATH, cpu
            )
            started.append(instance)
        balancer.use([i.url for i in started])
        warm = await warm_up(tg, users)
        await asyncio.sleep(0.5)  # the warm-up's background relearns
        for instance in started:
            await instance.window()
        # One person, each action after the previous one's background work is done: the
        # meters' figures by action are that update's own (no other update overlaps it).
        alone, _ = await load_phase(tg, users[:1], args.duration / 2, 0.0, settle=ALONE_SETTLE)
        await asyncio.sleep(0.5)
        alone_windows = [await i.window() for i in started]
        before = [i.cpu() for i in started]
        saturated, sat_seconds = await load_phase(tg, users, args.duration, 0.0)
        cpu_used = sum(i.cpu() - b for i, b in zip(started, before, strict=True))
        windows = [await i.window() for i in started]
        await asyncio.sleep(0.5)
        realistic, _ = await load_phase(tg, users, args.duration, args.think)
        await asyncio.sleep(1.0)  # stragglers, and the digest tick if it still runs
        await wait_for_digests(tg, db_url, digest_ids)
        for instance in started:
            await instance.window()
    finally:
        for instance in started:
            await instance.stop()
        await balancer.stop()
    ledger = reply_ledger(tg.queued, [i.handled for i in started], tg.answers)
    deliveries = await read_deliveries(db_url)
    received = {uid: _bot_messages(tg, uid) - earlier[uid] for uid in digest_ids}
    missing, extra = digest_check(received, [(u, s, c) for u, s, c, _ in deliveries])
    errors = (
        warm.harness_errors
        + alone.harness_errors
        + saturated.harness_errors
        + realistic.harness_errors
    )
    timeouts = warm.timeouts + alone.timeouts + saturated.timeouts + realistic.timeouts
    return Run(
        name,
        len(started),
        saturated,
        sat_seconds,
        realistic,
        windows,
        alone_windows,
        cpu_used,
        ledger,
        balancer.served,
        balancer.failovers,
        len(digest_ids),
        deliveries,
        missing,
        extra,
        sum(errors.values()),
        sum(timeouts.values()),
    )


def _bot_messages(tg: LedgerTelegram, chat_id: int) -> int:
    return sum(1 for m in tg.chat_state(chat_id).messages.values() if m.from_bot)


async def wait_for_digests(tg: LedgerTelegram, db_url: str, user_ids: Sequence[int]) -> None:
    """Until every digest user's delivery is final (sent or empty), at most 30 s."""
    if not user_ids:
        return
    deadline = time.perf_counter() + 30
    while time.perf_counter() < deadline:
        rows = await read_deliveries(db_url)
        final = {u for u, status, _, _ in rows if status in ("sent", "empty")}
        if set(user_ids) <= final:
            return
        await asyncio.sleep(1.0)


# ============================================================================ report


def _ms(values: Sequence[float], q: float) -> str:
    return f"{percentile(values, q) * 1000:.0f}"


def print_report(base: Run, scaled: Run, args: Any) -> None:
    runs = (base, scaled)
    print_table(
        f"Per update: {args.users} simulated people, no think time for {args.duration:g} s "
        f"(costs: the instances' meters over that phase, background work included)",
        (
            "run",
            "updates/s",
            "bot CPU ms/update",
            "ratio to SQLite",
            "SQL/update",
            "DB round trips/update",
            "Redis cmds/update",
            "Telegram requests/update",
            f"p50 / p95 ms, think {args.think:g} s",
        ),
        [
            (
                run.name,
                fmt(run.saturated.count / run.saturated_seconds),
                f"{run.cpu_ms:.2f}",
                f"{run.cpu_ms / base.cpu_ms:.2f}",
                f"{run.per_update(1):.1f}",
                f"{run.per_update(2):.1f}",
                f"{run.per_update(3):.1f}",
                f"{run.per_update(4):.2f}",
                f"{_ms(run.realistic.all, 50)} / {_ms(run.realistic.all, 95)}",
            )
            for run in runs
        ],
    )
    rows = []
    for action in MIX:
        row: list[Any] = [action.name]
        for run in runs:
            row += [
                f"{1000 * run.kind(action.name, 0):.2f}",
                f"{run.kind(action.name, 1):.1f}",
                f"{run.kind(action.name, 2):.1f}",
            ]
        row += [f"{scaled.kind(action.name, 3):.1f}", f"{scaled.kind(action.name, 4):.1f}"]
        rows.append(tuple(row))
    print_table(
        "By action, in the handler, one person alone: SQLite | PostgreSQL + Redis",
        (
            "action",
            "CPU ms",
            "SQL",
            "DB trips",
            "CPU ms",
            "SQL",
            "DB trips",
            "Redis cmds",
            "Telegram requests",
        ),
        rows,
    )
    ledger_rows = []
    for name in [*(a.name for a in MIX), "tap", "message"]:
        row = [name]
        present = False
        for run in runs:
            entry = run.ledger.get(name)
            present = present or entry is not None
            entry = entry or LedgerRow(served=[0] * run.instances)
            row += [
                entry.updates,
                " / ".join(str(n) for n in entry.served),
                entry.lost,
                entry.doubled,
            ]
        if present:
            ledger_rows.append(tuple(row))
    print_table(
        "Every update of the run (warm-up included), by action: who served it, lost, doubled",
        (
            "action",
            "SQLite updates",
            "served",
            "lost",
            "doubled",
            "PG+Redis updates",
            "served by A / B",
            "lost",
            "doubled",
        ),
        ledger_rows,
    )
    shares = scaled.shares()
    print(
        "\nshare of the updates by instance: "
        + ", ".join(f"{chr(65 + i)} {s:.1%}" for i, s in enumerate(shares))
        + f" (balancer: {scaled.balancer_served}, failovers {scaled.failovers}); "
        f"unanswered actions (timeouts): SQLite {base.timeouts}, PG+Redis {scaled.timeouts}; "
        f"harness errors: {base.harness_errors + scaled.harness_errors}"
    )
    for run in runs:
        holders = Counter(h for _, status, _, h in run.deliveries if status == "sent")
        statuses = Counter(s for _, s, _, _ in run.deliveries)
        print(
            f"digests, {run.name}: {run.digest_users} people due; deliveries {dict(statuses)}; "
            f"sent by {len(holders)} instance(s); never came {run.digest_missing}, "
            f"messages beyond one digest each {run.digest_extra}"
        )
    print_projection(scaled)


def print_projection(run: Run) -> None:
    """N instances, one core each, from the measured per-update costs."""
    cpu_ms = run.cpu_ms
    trips, redis, telegram = run.per_update(2), run.per_update(3), run.per_update(4)
    per_core = 1000 / cpu_ms
    rows = []
    for n in (1, 2, 4, 8, 16):
        rate = n * per_core
        rows.append(
            (
                n,
                fmt(rate),
                fmt(rate * trips),
                fmt(rate * redis),
                fmt(rate * telegram),
            )
        )
    print_table(
        f"Projection: N instances, a core each, at {cpu_ms:.2f} ms of bot CPU per update "
        f"({trips:.1f} DB round trips, {redis:.1f} Redis commands, {telegram:.2f} Telegram "
        f"requests per update)",
        ("instances", "updates/s", "DB round trips/s", "Redis commands/s", "Telegram requests/s"),
        rows,
    )


# ============================================================================ orchestration


async def orchestrate(args: Any) -> int:
    from bench.updates import _cpus
    from sandbox.corpus import build_corpus
    from sandbox.hh import HHEmulator

    missing = await unreachable(args.redis_url)
    if missing is not None:
        print(f"{missing}: the scale-out benchmark needs it; skipped")
        return 0
    env = environment_line()
    cpus = _cpus()
    if cpus[0] is not None and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {cpus[0]})
    started = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="bench-scaleout-"))
    name = f"hhbot_bench_{uuid.uuid4().hex[:10]}"
    admin = await pg_admin(f'CREATE DATABASE "{name}"')
    assert admin is not None
    pg_user = admin.split("//", 1)[1].split("@", 1)[0]
    pg_url = f"postgresql+asyncpg://{pg_user}@{PG_HOST}:{PG_PORT}/{name}"
    sqlite_url = f"sqlite+aiosqlite:///{workdir / 'bench.sqlite'}"
    hh = HHEmulator(build_corpus(seed=42, size=args.corpus), app_token=HH_APP_TOKEN)
    tg = LedgerTelegram(token=BOT_TOKEN)
    await hh.start("127.0.0.1", 0)
    await tg.start()
    try:
        seeded = time.perf_counter()
        await prepare_database(sqlite_url, args)
        await prepare_database(pg_url, args)
        seed_seconds = time.perf_counter() - seeded
        await clear_redis(args.redis_url)
        base = await run_config("SQLite, 1 instance", tg, hh.url, sqlite_url, "", 1, args, cpus[1])
        scaled = await run_config(
            f"PostgreSQL + Redis, {args.instances} instances",
            tg,
            hh.url,
            pg_url,
            args.redis_url,
            args.instances,
            args,
            cpus[1],
        )
    finally:
        await tg.stop()
        await hh.stop()
        shutil.rmtree(workdir, ignore_errors=True)
        with contextlib.suppress(Exception):
            await clear_redis(args.redis_url)
        await pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    print(
        f"scale-out benchmark — {env}; emulators, people and balancer on CPU {cpus[0]}, "
        f"every bot instance on CPU {cpus[1]}; PostgreSQL and Redis unpinned"
    )
    print_report(base, scaled, args)
    print(
        f"seeding {args.db_users:,} users twice: {seed_seconds:.1f} s; Telegram 4xx: "
        f"{len(tg.errors_4xx)}; total {time.perf_counter() - started:.0f} s"
    )
    ratio = scaled.cpu_ms / base.cpu_ms
    targets = [
        Target("bot CPU per update, PG+Redis ÷ SQLite", ratio, "<=", TARGET_CPU_RATIO, "×"),
    ]
    if scaled.instances == 2:
        for index, share in enumerate(scaled.shares()):
            low, high = TARGET_SHARE
            target = "<=" if share > 0.5 else ">="
            targets.append(
                Target(
                    f"instance {chr(65 + index)}'s share of the updates",
                    100 * share,
                    target,
                    100 * (high if share > 0.5 else low),
                    " %",
                )
            )
    for run in (base, scaled):
        targets += [
            Target(f"updates lost, {run.name}", float(run.lost), "==", 0.0),
            Target(f"updates doubled, {run.name}", float(run.doubled), "==", 0.0),
        ]
        if run.digest_users:
            targets.append(
                Target(
                    f"digests not exactly once, {run.name}",
                    float(run.digest_missing + run.digest_extra),
                    "==",
                    0.0,
                )
            )
    targets.append(
        Target("harness errors", float(base.harness_errors + scaled.harness_errors), "==", 0.0)
    )
    return report_targets(targets, check=args.check)


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = base_parser(__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=100, help="simulated people acting")
    parser.add_argument("--db-users", type=int, default=2_000, help="users in the database")
    parser.add_argument("--duration", type=float, default=15.0, help="seconds per phase")
    parser.add_argument("--think", type=float, default=1.0, help="mean think time, seconds")
    parser.add_argument("--digest-users", type=int, default=20, help="people due a digest")
    parser.add_argument("--instances", type=int, default=2, help="PostgreSQL + Redis instances")
    parser.add_argument("--corpus", type=int, default=3200, help="vacancies in the HH emulator")
    parser.add_argument("--redis-url", default=DEFAULT_REDIS_URL, help="Redis for FSM state")
    hidden = argparse.SUPPRESS
    parser.add_argument("--serve", action="store_true", help=hidden)
    parser.add_argument("--tg-url", help=hidden)
    parser.add_argument("--hh-url", help=hidden)
    parser.add_argument("--db-url", help=hidden)
    parser.add_argument("--webhook-url", help=hidden)
    parser.add_argument("--port", type=int, help=hidden)
    parser.add_argument("--cpu", type=int, help=hidden)
    args = parser.parse_args(argv)
    if args.serve:
        if args.cpu is not None and hasattr(os, "sched_setaffinity"):
            os.sched_setaffinity(0, {args.cpu})
        asyncio.run(serve_instance(args))
        return 0
    if args.quick:
        args.users, args.db_users, args.digest_users = min(args.users, 4), 50, 3
        args.duration, args.think, args.corpus = min(args.duration, 1.0), 0.2, 800
    args.db_users = max(args.db_users, args.users + args.digest_users)
    if args.instances < 1:
        parser.error("--instances must be ≥ 1")
    return asyncio.run(orchestrate(args))


if __name__ == "__main__":
    sys.exit(main())
