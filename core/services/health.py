"""Is the database usable? The decision bot/ needs about an error, without importing db.

An error handler and the push scheduler ask these to tell "the database cannot take
writes now" (one clear line for the operator, "temporarily unavailable" for the user)
from a bug (a traceback); a deleted database file stops the process. The start-up check
opens one connection before anything is built.
"""

from __future__ import annotations

from db import session as db_session


def database_unavailable(error: BaseException) -> str | None:
    """Why the database cannot be used right now (one line), when ``error`` says so;
    None for an error of the code itself."""
    return db_session.database_unavailable(error)


def database_gone(error: BaseException) -> bool:
    """``error`` says the database file was deleted or replaced under the process."""
    return db_session.database_gone(error) is not None


async def check_database(url: str, timeout: float) -> None:  # noqa: ASYNC109
    """Open one connection and run ``SELECT 1``; raises whatever the driver raised."""
    await db_session.check_connection(url, timeout)
