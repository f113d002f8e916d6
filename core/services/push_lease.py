"""The push lease: a short-lived row naming the one process that runs the push jobs.

A heartbeat takes or renews it (LeaseRepository, one atomic upsert); a lease whose
holder is a process on this host that no longer runs (a restart after ``kill -9``) is
taken at once instead of waited out.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.domain.clock import Clock
from core.services.push_holders import holder_is_dead
from db.repositories import LeaseRepository

logger = logging.getLogger(__name__)

LEASE_NAME = "push"
# A dead leader is replaced within LEASE_TTL + the heartbeat interval; a live one renews
# its lease several times per TTL, so a slow renewal or two never loses it.
LEASE_TTL = timedelta(seconds=20)


class PushLease:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        clock: Clock,
        holder: str,
        *,
        ttl: timedelta = LEASE_TTL,
        holder_dead: Callable[[str], bool] = holder_is_dead,
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self.holder = holder
        self._ttl = ttl
        self._holder_dead = holder_dead

    async def acquire(self) -> bool:
        """Take or renew the lease; False while another live holder has it. Raises what
        the database raised (the caller decides how to log an unavailable database)."""
        async with self._sessions() as session:
            leases = LeaseRepository(session)
            current = await leases.holder(LEASE_NAME)
            if current is not None and current != self.holder and self._holder_dead(current):
                logger.warning("taking over the push lease of dead %s", current)
                await leases.release(LEASE_NAME, current)
            ours = await leases.try_acquire(LEASE_NAME, self.holder, self._ttl, self._clock())
            await session.commit()
        return ours

    async def release(self) -> None:
        """Hand the lease over at once instead of letting it expire."""
        async with self._sessions() as session:
            await LeaseRepository(session).release(LEASE_NAME, self.holder)
            await session.commit()
