"""One tick of a kind at a time in a process: the timer's tick and a direct call (the
demo's "send my digest now") never run side by side."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.push_common import TickReport
from bot.scheduler import PushScheduler


class SlowDigests:
    """Stands in for the push jobs: records how many digest ticks overlap."""

    def __init__(self) -> None:
        self.running = 0
        self.most_at_once = 0

    async def run_digest_tick(self, keep_leading: Any = None, **_: Any) -> TickReport:
        self.running += 1
        self.most_at_once = max(self.most_at_once, self.running)
        await asyncio.sleep(0.05)
        self.running -= 1
        return TickReport({"sent": 1})


async def test_two_digest_ticks_in_one_process_run_one_after_the_other(
    sqlite_session_factory: async_sessionmaker[AsyncSession],
) -> None:
    digests = SlowDigests()
    scheduler = PushScheduler(
        digests,  # type: ignore[arg-type]
        sqlite_session_factory,
        lambda: datetime(2026, 11, 27, 9, 0, tzinfo=UTC),
    )
    reports = await asyncio.gather(scheduler.run_digest_tick(), scheduler.run_digest_tick())
    assert digests.most_at_once == 1
    assert [report.counts for report in reports] == [{"sent": 1}, {"sent": 1}]
