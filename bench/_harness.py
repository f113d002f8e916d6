"""Shared helpers for the speed benchmarks (scoring, updates, digest).

Benchmarks are not tests: each prints a table and, with ``--check``, exits non-zero when a
target is missed, naming it. Machines are noisy, so every benchmark measures its baseline
in the same run and reports ratios next to the raw figures.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import math
import operator
import os
import platform
import pstats
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

_OPS: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "==": operator.eq,
}


@dataclass(frozen=True, slots=True)
class Target:
    """One gate: ``value <op> threshold``."""

    name: str
    value: float
    op: str
    threshold: float
    unit: str = ""

    @property
    def met(self) -> bool:
        return not math.isnan(self.value) and _OPS[self.op](self.value, self.threshold)

    def describe(self) -> str:
        return (
            f"{self.name}: {fmt(self.value)}{self.unit} (target {self.op} "
            f"{fmt(self.threshold)}{self.unit})"
        )

    def shortfall(self) -> str:
        """How far from the target, as a share of the threshold ("" when met)."""
        if self.met or self.threshold == 0 or math.isnan(self.value):
            return ""
        return f"{abs(self.value - self.threshold) / abs(self.threshold):.0%} off"


def base_parser(description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--quick", action="store_true", help="tiny sizes (smoke test)")
    parser.add_argument("--profile", action="store_true", help="print cProfile top entries")
    return parser


def fmt(value: Any) -> str:
    """Human formatting for table cells: thousands separators, 3 significant decimals."""
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if math.isnan(value):
            return "n/a"
        if abs(value) >= 1000:
            return f"{value:,.0f}"
        if abs(value) >= 100:
            return f"{value:.1f}"
        return f"{value:.3g}" if abs(value) < 1 else f"{value:.2f}"
    return str(value)


def print_table(title: str, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """A GitHub-flavoured Markdown table, so it can be pasted into the README as is."""
    cells = [[fmt(c) for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]
    print(f"\n### {title}\n")
    print("| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in cells:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")


def report_targets(targets: Sequence[Target], *, check: bool) -> int:
    """Print the targets table; the exit code for ``--check`` (1 when any is missed)."""
    rows = [
        (
            t.name,
            f"{fmt(t.value)}{t.unit}",
            f"{t.op} {fmt(t.threshold)}{t.unit}",
            "met" if t.met else f"MISSED ({t.shortfall()})",
        )
        for t in targets
    ]
    print_table("Targets", ("target", "measured", "goal", "status"), rows)
    missed = [t for t in targets if not t.met]
    for target in missed:
        print(f"TARGET MISSED: {target.describe()}", file=sys.stderr)
    return 1 if check and missed else 0


def environment_line() -> str:
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (
        f"python {platform.python_version()} on {platform.machine()}, "
        f"{cpus} CPU(s) available, {platform.system()}"
    )


def pin_to_one_core() -> int | None:
    """Run the calling process on a single CPU (the 'single core' of a figure)."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return cpu


def best_time(fn: Callable[[], object], repeats: int) -> float:
    """The fastest of ``repeats`` wall-clock runs: the least disturbed by other load."""
    best = math.inf
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100); NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def peak_rss_mb(pid: int | str = "self", field: str = "VmHWM") -> float:
    """Peak resident set size (VmHWM; VmRSS: current) of a process, in MiB; NaN where
    /proc is missing."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(f"{field}:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return math.nan


def cpu_seconds(pid: int | str = "self") -> float:
    """User + system CPU time a process has used so far; NaN where /proc is missing."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return math.nan
    # After "pid (comm)": state is field 3, utime and stime are fields 14 and 15.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def profiled(enabled: bool, *, top: int = 25, sort: str = "cumulative") -> Iterator[None]:
    """cProfile the block and print the ``top`` entries when ``enabled``."""
    if not enabled:
        yield
        return
    profiler = cProfile.Profile()
    profiler.enable()
    try:
        yield
    finally:
        profiler.disable()
        print_profile(profiler, top=top, sort=sort)


def print_profile(profiler: cProfile.Profile, *, top: int = 25, sort: str = "cumulative") -> None:
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(sort).print_stats(top)
    print(f"\n### Profile (top {top} by {sort})\n")
    print(out.getvalue())


# ============================================================================ bot worlds
# Shared by bench/updates.py and bench/digest.py: who the simulated users are, how they get
# into the database, and the constants both emulators are started with.

HH_APP_TOKEN = "bench-app-token"
HH_USER_AGENT = "hh-jobs-bot-bench/1.0 (bench@example.com)"
BOT_TOKEN = "123456:BENCH"


@dataclass(frozen=True, slots=True)
class Persona:
    """A kind of job seeker; users are personas x cities x salary variations."""

    title: str
    categories: tuple[str, ...]
    skills: tuple[str, ...]  # canonical names, most important first
    salary: int  # KZT, net


PERSONAS: tuple[Persona, ...] = (
    Persona(
        "Python developer",
        ("programming",),
        ("Python", "SQL", "PostgreSQL", "Django", "Docker", "Git"),
        700_000,
    ),
    Persona(
        "Frontend developer",
        ("programming",),
        ("JavaScript", "TypeScript", "React", "HTML", "CSS", "Git"),
        600_000,
    ),
    Persona(
        "Sales manager",
        ("sales",),
        ("Sales", "CRM", "Negotiations", "Cold calling", "B2B sales"),
        350_000,
    ),
    Persona("Accountant", ("finance",), ("Accounting", "1C", "Excel", "МСФО (IFRS)"), 400_000),
    Persona(
        "Marketing manager",
        ("marketing",),
        ("SEO", "SMM", "Google Analytics", "Яндекс.Директ", "Targeting"),
        450_000,
    ),
    Persona(
        "Data analyst",
        ("data_analysis",),
        ("SQL", "Python", "Excel", "Power BI", "Statistics"),
        650_000,
    ),
    Persona(
        "Designer", ("design",), ("Figma", "Photoshop", "Illustrator", "UI/UX Design"), 450_000
    ),
    Persona(
        "Logistics manager", ("logistics",), ("Logistics", "Excel", "Driver's license B"), 350_000
    ),
)
CITIES: tuple[str, ...] = ("160", "159", "177")  # Almaty, Astana, Karaganda


def user_preferences(user_id: int) -> Any:
    """Deterministic preferences of simulated user ``user_id``: persona x city, with
    skill importances and salary varied per user (these do not change the HH query)."""
    from core.domain.preferences import SalaryExpectation, UserPreferences

    persona = PERSONAS[user_id % len(PERSONAS)]
    city = CITIES[(user_id // len(PERSONAS)) % len(CITIES)]
    jitter = (user_id * 7919) % 11 / 100  # 0 .. 0.10
    skills = {s: round(1.0 - 0.1 * i - jitter, 2) for i, s in enumerate(persona.skills)}
    return UserPreferences(
        skills=skills,
        categories=list(persona.categories),
        area_ids=[city],
        remote_ok=user_id % 3 != 0,
        salary=SalaryExpectation(minimum=persona.salary + 10_000 * (user_id % 5), currency="KZT"),
        job_titles=[persona.title],
    )


async def seed_users(
    session_factory: Any,
    user_ids: Sequence[int],
    *,
    digest_enabled: bool,
    digest_time: str = "09:00",
    batch: int = 1000,
) -> None:
    """Onboarded users with preferences, written through the repositories in batches."""
    from datetime import UTC, datetime, timedelta

    from db.repositories import PreferencesRepository, UserRepository

    # set up yesterday: today's digest (whatever its time) is owed to them
    now = datetime.now(UTC) - timedelta(days=1)
    for start in range(0, len(user_ids), batch):
        async with session_factory() as session:
            users, prefs = UserRepository(session), PreferencesRepository(session)
            for user_id in user_ids[start : start + batch]:
                await users.get_or_create(
                    user_id,
                    first_name=f"User {user_id}",
                    language="en",
                    timezone="Asia/Almaty",
                    digest_time=digest_time,
                )
                await users.update(
                    user_id, onboarding_completed_at=now, digest_enabled=digest_enabled
                )
                await prefs.save(user_id, user_preferences(user_id))
            await session.commit()


async def seed_users_bulk(
    session_factory: Any,
    user_ids: Sequence[int],
    *,
    digest_enabled: bool,
    digest_time: str = "09:00",
    chunk: int = 2000,
    searches_per_user: int = 1,
) -> None:
    """Like :func:`seed_users`, as multi-row INSERTs (10,000 users in about a second
    instead of a minute); rows are built by the preferences repository's own mapping.

    Each user gets ``searches_per_user`` named searches: the first with their own
    preferences, the k-th with those of simulated user ``uid + k`` (so searches share
    HH queries with other people's, as real ones do)."""
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import insert

    from db.models import Search, User, UserJobPreferences
    from db.repositories.preferences import columns_from_preferences

    k = max(1, searches_per_user)
    # set up yesterday: today's digest (whatever its time) is owed to them
    now = datetime.now(UTC) - timedelta(days=1)
    async with session_factory() as session:
        for start in range(0, len(user_ids), chunk):
            ids = user_ids[start : start + chunk]
            users = [
                {
                    "id": uid,
                    "first_name": f"User {uid}",
                    "language": "en",
                    "timezone": "Asia/Almaty",
                    "digest_enabled": digest_enabled,
                    "digest_time": digest_time,
                    "is_active": True,
                    "onboarding_completed_at": now,
                    "created_at": now,
                }
                for uid in ids
            ]
            searches = [
                {
                    "id": (uid - 1) * k + index + 1,
                    "user_id": uid,
                    "name": f"Search {index + 1}",
                    "position": index,
                    "created_at": now,
                }
                for uid in ids
                for index in range(k)
            ]
            prefs = [
                {
                    "user_id": uid,
                    "search_id": (uid - 1) * k + index + 1,
                    "updated_at": now,
                    **columns_from_preferences(user_preferences(uid + index)),
                }
                for uid in ids
                for index in range(k)
            ]
            await session.execute(insert(User), users)
            await session.execute(insert(Search), searches)
            await session.execute(insert(UserJobPreferences), prefs)
        await session.commit()


# ============================================================================ py-spy


def py_spy_available() -> str | None:
    """The py-spy executable next to this interpreter or on PATH (optional, for profiles)."""
    import shutil

    beside = os.path.join(os.path.dirname(sys.executable), "py-spy")
    return beside if os.access(beside, os.X_OK) else shutil.which("py-spy")


def _frame_group(frame: str) -> str:
    """ "func (path)" -> the package or project folder the frame belongs to."""
    path = frame.rsplit("(", 1)[-1].rstrip(")")
    parts = path.replace("\\", "/").split("/")
    if "site-packages" in parts:
        return parts[parts.index("site-packages") + 1].split(".")[0]
    if path.startswith(PROJECT_ROOT):
        return f"{path[len(PROJECT_ROOT) :].split('/')[0]}/ (project)"
    return "python stdlib" if path.endswith(".py") else "native"


PROJECT_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + "/"


def _short(frame: str) -> str:
    """ "func (/…/site-packages/pkg/mod.py)" -> "func (pkg/mod.py)"."""
    name, _, path = frame.rpartition(" (")
    path = path.rstrip(")")
    for marker in ("site-packages/", PROJECT_ROOT):
        if marker in path:
            path = path.split(marker, 1)[1]
    return f"{name} ({path})"


def summarize_py_spy(path: str, *, top: int = 15) -> None:
    """Print where the samples of a ``py-spy record -f raw`` file went: by package, by the
    innermost project function on the stack (inclusive), and by leaf function (self)."""
    from collections import Counter

    by_group: Counter[str] = Counter()
    by_project: Counter[str] = Counter()
    by_leaf: Counter[str] = Counter()
    total = 0
    if not os.path.exists(path):
        print(f"py-spy: no profile at {path}")
        return
    with open(path, encoding="utf-8") as raw:
        for line in raw:
            stack, _, count_text = line.rstrip("\n").rpartition(" ")
            if not stack or not count_text.isdigit():
                continue
            count = int(count_text)
            frames = stack.split(";")
            total += count
            by_leaf[_short(frames[-1])] += count
            by_group[_frame_group(frames[-1])] += count
            own = [f for f in frames if _frame_group(f).endswith("(project)")]
            by_project[_short(own[-1]) if own else "(no project frame)"] += count
    if not total:
        print(f"py-spy: no samples in {path}")
        return
    for title, counter in (
        ("CPU samples by package (leaf frame)", by_group),
        ("CPU samples by innermost project function (inclusive)", by_project),
        ("CPU samples by function (self)", by_leaf),
    ):
        rows = [(name[:110], n, f"{n / total:.1%}") for name, n in counter.most_common(top)]
        print_table(f"{title} — {total:,} samples", ("where", "samples", "share"), rows)
