"""What the push jobs share: their dependencies, the tick report, the plural rule."""

from __future__ import annotations

import os
import socket
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.delivery import Delivery
from bot.i18n import Locales
from core.config import Settings
from core.domain.clock import Clock

CONCURRENCY = 64  # users (or reminders) being sent at once; the pacer sets the real rate


@dataclass(frozen=True, slots=True)
class PushContext:
    """The dependencies every push job needs, built once by bot.scheduler.build_push."""

    sessions: async_sessionmaker[AsyncSession]
    delivery: Delivery
    locales: Locales
    settings: Settings
    clock: Clock
    concurrency: int = CONCURRENCY


@dataclass
class TickReport:
    """Counts of what one tick did (outcome → how many), for logs, tests and the demo."""

    counts: dict[str, int] = field(default_factory=dict)

    def add(self, outcome: str, amount: int = 1) -> None:
        self.counts[outcome] = self.counts.get(outcome, 0) + amount

    def __getitem__(self, outcome: str) -> int:
        return self.counts.get(outcome, 0)


def plural_form(count: int, language: str) -> str:
    """CLDR plural category of ``count``: "one", "few" or "many" (English: one / many).

    The locale files define all three forms in every language, so the keys match."""
    if language != "ru":
        return "one" if count == 1 else "many"
    tens, units = count % 100, count % 10
    if units == 1 and tens != 11:
        return "one"
    if 2 <= units <= 4 and not 12 <= tens <= 14:
        return "few"
    return "many"


def default_holder() -> str:
    """Who holds the lease and the claims: host, pid and a random part (two apps in one
    process differ)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def holder_is_dead(holder: str) -> bool:
    """``holder`` (as made by :func:`default_holder`) names a process on this host that no
    longer runs: its lease and claims can be taken at once instead of waiting them out.
    Anything else (another host, this process, unparseable) is not known to be dead."""
    host, _, rest = holder.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # e.g. another user's process: alive
        return False
    return _is_zombie(pid)


def _is_zombie(pid: int) -> bool:
    # A killed process its parent has not reaped yet still answers kill(pid, 0).
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[:1] == ["Z"]
