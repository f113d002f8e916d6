"""Smoke test of the benchmarks: each runs at its ``--quick`` size and prints its
tables. Not a performance test: targets are not checked (no ``--check``), only that the
harness still works against the current bot.

They run at once as subprocesses (each benchmark pins itself to CPUs, which must not
leak into the test process); together they take about 30 s.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCHMARKS: dict[str, tuple[str, ...]] = {
    "scoring": (
        "Scoring",
        "vacancies/s",
        "ratio to naive",
        "cold: extract_features",
        "µs per card",
    ),
    "updates": ("Throughput", "ratio to echo", "p95 latency (realistic)"),
    "digest": (
        "Digest tick",
        "tick wall time / physical bound",
        "HH distinct queries - signatures",
        "replies during the tick, p95",
    ),
    "relevance": ("vs HH's order, per archetype", "HH P@10", "fresh r1", "r1 share", "**mean**"),
    "api": ("GET /api/jobs/recommendations", "bare aiohttp handler", "API p95 latency"),
    "resume": ("PDF resume", "baseline: pypdf text extraction alone", "parsed and mapped"),
}
# The digest's --quick (200 users, 20 people active) is sized for reading its figures; the
# smoke test only needs its tables, so it runs a few dozen users with a few people active.
SMALLER: dict[str, tuple[str, ...]] = {
    "digest": ("--users", "60", "--active", "4", "--baseline", "1"),
}
TIMEOUT = 120


@pytest.fixture(scope="module")
def outputs() -> dict[str, subprocess.CompletedProcess[str]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    running = {
        name: subprocess.Popen(
            [sys.executable, "-m", f"bench.{name}", "--quick", *SMALLER.get(name, ())],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in BENCHMARKS
    }
    done: dict[str, subprocess.CompletedProcess[str]] = {}
    try:
        for name, process in running.items():
            stdout, stderr = process.communicate(timeout=TIMEOUT)
            done[name] = subprocess.CompletedProcess(
                process.args, process.returncode, stdout, stderr
            )
    finally:
        for process in running.values():
            if process.poll() is None:
                process.kill()
                process.wait()
    return done


@pytest.mark.parametrize("name", sorted(BENCHMARKS))
def test_benchmark_runs_and_prints_its_tables(
    name: str, outputs: dict[str, subprocess.CompletedProcess[str]]
) -> None:
    result = outputs[name]
    assert result.returncode == 0, f"bench.{name} failed:\n{result.stdout}\n{result.stderr}"
    for expected in (*BENCHMARKS[name], "### Targets"):
        assert expected in result.stdout, f"bench.{name}: no {expected!r} in\n{result.stdout}"


def test_check_fails_on_a_missed_target() -> None:
    from bench._harness import Target, report_targets

    missed = [Target("speed", 1.0, ">=", 2.0)]
    assert report_targets(missed, check=True) == 1
    assert report_targets(missed, check=False) == 0
    assert report_targets([Target("speed", 3.0, ">=", 2.0)], check=True) == 0
