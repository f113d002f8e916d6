"""What the push jobs and their senders say to each other, pure: how one message went
(:class:`SendResult`), what reached the user of one day's digest so far
(:class:`DigestProgress`), a due saved-job reminder, and the tick report.

The services in core/services (digest_delivery, reminder_delivery, maintenance) run the
protocols; bot/push sends through Telegram and answers with a SendResult.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class SendStatus(StrEnum):
    SENT = "sent"
    BLOCKED = "blocked"  # 403: the user blocked the bot or is gone
    REJECTED = "rejected"  # 400: this message can never be sent as it is
    FAILED = "failed"  # transient: retry on a later tick


@dataclass(frozen=True, slots=True)
class SendResult:
    status: SendStatus
    message_id: int | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.status is SendStatus.SENT


@dataclass
class TickReport:
    """Counts of what one tick did (outcome → how many), for logs, tests and the demo."""

    counts: dict[str, int] = field(default_factory=dict)

    def add(self, outcome: str, amount: int = 1) -> None:
        self.counts[outcome] = self.counts.get(outcome, 0) + amount

    def __getitem__(self, outcome: str) -> int:
        return self.counts.get(outcome, 0)


@dataclass
class DigestProgress:
    """What reached the user so far in one day's digest (a resumed run starts from what
    the claim recorded)."""

    message_ids: list[int] = field(default_factory=list)
    cards: int = 0
    blocked: bool = False
    failed: bool = False  # a transient failure stopped it: the rest is for the next tick
    header_sent: bool = False

    def take(self, result: SendResult) -> bool:
        """Record one send; False when the digest must stop here."""
        if result.ok and result.message_id is not None:
            self.message_ids.append(result.message_id)
            return True
        if result.status is SendStatus.REJECTED:
            return True  # this message is unsendable; the others may still go
        self.blocked = result.status is SendStatus.BLOCKED
        self.failed = result.status is SendStatus.FAILED
        return False

    @property
    def delivered(self) -> bool:
        """At least one card arrived: the day counts as sent (a header alone does not)."""
        return bool(self.message_ids) and self.cards > 0

    @property
    def started(self) -> bool:
        """Something reached (or may have reached) the user: the claim is kept."""
        return self.header_sent or self.cards > 0


@dataclass(frozen=True, slots=True)
class DueReminder:
    """A saved job whose reminder is due, with what the reminder message shows."""

    saved_id: int
    user_id: int
    language: str | None
    title: str
    employer_name: str | None
    url: str | None
    status: str
    notes: str | None


@dataclass(frozen=True, slots=True)
class ApplyQuestion:
    """A vacancy the person opened the details of and may have applied to on hh: the
    bot asks once "Did you apply to <title> at <employer>?"."""

    recommendation_id: int
    user_id: int
    language: str | None
    title: str
    employer_name: str | None
