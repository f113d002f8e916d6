"""What the push jobs share: their dependencies, the tick report, the plural rule."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.delivery import Delivery
from bot.i18n import Locales
from core.clock import Clock
from core.config import Settings

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
