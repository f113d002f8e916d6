"""HH's area tree and currency rates, as scoring needs them, reloaded once a day."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from core.domain.clock import Clock
from core.domain.hh_errors import HHError
from core.domain.hh_schemas import AreaNode, Dictionaries
from core.hh import flatten_areas

logger = logging.getLogger(__name__)

REFERENCE_TTL = timedelta(hours=24)  # areas and currency rates barely move


class ReferenceSource(Protocol):
    async def get_areas(self) -> list[AreaNode]: ...

    async def get_dictionaries(self) -> Dictionaries: ...


@dataclass(slots=True)
class ScoringReference:
    area_parent: dict[str, str | None] = field(default_factory=dict)
    rates: dict[str, float] = field(default_factory=dict)
    loaded_at: datetime | None = None

    def fresh(self, now: datetime) -> bool:
        return self.loaded_at is not None and now - self.loaded_at < REFERENCE_TTL


class ScoringReferenceLoader:
    """Loads the reference once per ``REFERENCE_TTL``; concurrent callers share a load."""

    def __init__(self, hh: ReferenceSource, clock: Clock) -> None:
        self._hh = hh
        self._clock = clock
        self._reference = ScoringReference()
        self._lock = asyncio.Lock()

    async def get(self) -> ScoringReference:
        """Area tree and currency rates (the client caches them in memory too); scoring
        falls back to its built-in defaults while HH cannot be reached."""
        now = self._clock()
        if self._reference.fresh(now):
            return self._reference
        async with self._lock:
            if self._reference.fresh(now):  # loaded by whoever held the lock
                return self._reference
            try:
                areas, dictionaries = await asyncio.gather(
                    self._hh.get_areas(), self._hh.get_dictionaries()
                )
            except HHError as error:
                logger.warning("HH areas/dictionaries unavailable (%s); using defaults", error)
                return self._reference
            parents = {node.id: node.parent_id for node in flatten_areas(areas).values()}
            self._reference = ScoringReference(parents, dictionaries.rates(), now)
            return self._reference
