"""Alembic environment for async engines.

Two ways in:
- ``db.session.migrate`` passes a live sync connection in ``config.attributes["connection"]``
  (opened with ``AsyncConnection.run_sync``), so it works inside the bot's running loop;
- the ``alembic`` CLI (``alembic -c db/alembic.ini …``) has no connection: env.py makes
  an async engine from ``sqlalchemy.url`` or ``DATABASE_URL`` and runs in its own loop.
"""

from __future__ import annotations

import asyncio
import os
from logging.config import fileConfig
from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import JSON, Connection, pool
from sqlalchemy.ext.asyncio import create_async_engine

import db.models  # noqa: F401  (registers every table on Base.metadata)
from db.base import Base
from db.models import UTCDateTime

config = context.config
target_metadata = Base.metadata

# Only the CLI configures logging: the bot's own logging setup must not be replaced.
if config.config_file_name is not None and "connection" not in config.attributes:
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def _database_url() -> str:
    url = config.get_main_option("sqlalchemy.url") or os.environ.get("DATABASE_URL")
    if url:
        return url
    from core.config import DEFAULT_DATABASE_URL

    return DEFAULT_DATABASE_URL


def render_item(type_: str, obj: Any, autogen_context: AutogenContext) -> str | Literal[False]:
    if type_ != "type":
        return False
    if isinstance(obj, UTCDateTime):
        # Migrations must not import application code: the UTC decorator is stored as
        # the plain type (its conversion happens in Python, not in the schema).
        return "sa.DateTime(timezone=True)"
    if isinstance(obj, JSON) and "postgresql" in obj._variant_mapping:
        # Alembic's default rendering of the JSONB variant references a bare ``Text()``
        # that the migration never imports; JSONB's default astext_type is that anyway.
        autogen_context.imports.add("from sqlalchemy.dialects import postgresql")
        return "sa.JSON().with_variant(postgresql.JSONB(), 'postgresql')"
    return False


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things: batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        compare_server_default=True,
        render_item=render_item,
    )


def _run_on(connection: Connection) -> None:
    _configure(connection)
    with context.begin_transaction():
        context.run_migrations()


async def _run_with_own_engine() -> None:
    engine = create_async_engine(_database_url(), poolclass=pool.NullPool)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_run_on)
            await connection.commit()
    finally:
        await engine.dispose()


def run_migrations_offline() -> None:
    context.configure(
        url=_database_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
        render_item=render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run_on(connection)
    else:
        asyncio.run(_run_with_own_engine())


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
