"""The PostgreSQL and Redis servers a developer machine runs on loopback, as the test
runner (tests/runner.py) and the scale-out benchmark (bench/scaleout.py) find them: is a
port open, and one admin statement (trust auth) for creating and dropping throwaway
databases."""

from __future__ import annotations

import socket

PG_HOST, PG_PORT = "127.0.0.1", 5432
REDIS_PORT = 6379
# Trust auth on loopback: the postgres superuser, or root where the machine made one.
PG_ADMIN_URLS = (
    f"postgresql://postgres@{PG_HOST}:{PG_PORT}/postgres",
    f"postgresql://root@{PG_HOST}:{PG_PORT}/postgres",
)


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


async def pg_admin(statement: str) -> str | None:
    """Run one statement as an admin; the admin URL that worked, or None."""
    import asyncpg  # type: ignore[import-untyped]

    for url in PG_ADMIN_URLS:
        try:
            conn = await asyncpg.connect(url, timeout=5)
        except (OSError, asyncpg.PostgresError):
            continue
        try:
            await conn.execute(statement)
            return url
        finally:
            await conn.close()
    return None
