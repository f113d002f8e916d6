"""The test command: `./run test` and `.ci/run` both end here.

Finds the loopback services the suite can use (PostgreSQL on 127.0.0.1:5432, Redis on
127.0.0.1:6379), creates a throwaway PostgreSQL database for this run, runs pytest and
drops the database again. Tests that need an absent service skip with a message naming it.
"""

from __future__ import annotations

import asyncio
import os
import sys
import uuid

import pytest

from sandbox.loopback import PG_PORT, REDIS_PORT, pg_admin, port_open


def _create_test_database() -> tuple[str, str] | None:
    if "TEST_POSTGRES_URL" in os.environ or not port_open(PG_PORT):
        return None
    name = f"hhbot_test_{uuid.uuid4().hex[:10]}"
    admin = asyncio.run(pg_admin(f'CREATE DATABASE "{name}"'))
    if admin is None:
        print("PostgreSQL answers on 127.0.0.1:5432 but no admin login worked; skipping it")
        return None
    user = admin.split("//", 1)[1].split("@", 1)[0]
    return name, f"postgresql+asyncpg://{user}@127.0.0.1:5432/{name}"


def main(argv: list[str]) -> int:
    created = _create_test_database()
    if created:
        os.environ["TEST_POSTGRES_URL"] = created[1]
        print(f"PostgreSQL: throwaway database {created[0]}")
    if "TEST_REDIS_URL" not in os.environ and port_open(REDIS_PORT):
        os.environ["TEST_REDIS_URL"] = "redis://127.0.0.1:6379/15"
    try:
        code = pytest.main(argv)
    finally:
        if created:
            asyncio.run(pg_admin(f'DROP DATABASE IF EXISTS "{created[0]}" WITH (FORCE)'))
    if code == pytest.ExitCode.NO_TESTS_COLLECTED:
        print("No tests ran: failing on purpose")
        return 1
    return int(code)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
