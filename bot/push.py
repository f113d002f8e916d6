"""The push jobs themselves: daily digests, saved-job reminders, preference refresh, cleanup.

Each ``run_*`` method is one tick: it reads due work from the database (the only source of
truth), does it, and returns a small report. bot/scheduler.py calls them on a timer under
the leader lease; tests call them directly with a controlled clock.

Exactly-once, digest (one row per user and local day, DigestDelivery):
1. claim the day (unique insert, committed) just before sending that user's messages;
2. send the context line, then each card; a card that reached the user is marked shown
   (Recommender.mark_delivered) right after it was sent;
3. record the result: ``mark_sent`` with the message ids in one transaction, or
   ``mark_empty`` when nothing new passed the threshold (no empty digests).
If nothing could be sent (transient error) the claim is released and the next tick
retries. A claim left pending by a process that died mid-send is resumed after
core.digest.STALE_CLAIM_AFTER: cards already delivered are marked shown, so only what
never went out is sent. The one unavoidable window is a crash between Telegram accepting
a message and the next commit: that message may be repeated once.

Exactly-once, reminder: claim_reminder (a conditional UPDATE stamping reminder_sent_at,
committed) → send → record the message id; a transient failure releases the claim.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.delivery import Delivery, SendResult, SendStatus
from bot.i18n import Locales, Translator
from bot.render import Html, bold
from core.clock import Clock
from core.config import Settings
from core.digest import (
    DEFAULT_DIGEST_SIZE,
    DEFAULT_MIN_RELEVANCE,
    STALE_CLAIM_AFTER,
    ClaimAction,
    ClaimRecord,
    DigestContext,
    DueDigest,
    Subscriber,
    claim_action,
    digest_context,
    due_digests,
)
from core.preferences import UserPreferences
from core.recommender import RecommendationCard
from db.repositories import (
    DigestRepository,
    HHCacheRepository,
    PreferencesRepository,
    RecommendationRepository,
    SavedJobRepository,
    UserRepository,
)

logger = logging.getLogger(__name__)

CardRenderer = Callable[[Translator, RecommendationCard], tuple[str, InlineKeyboardMarkup | None]]
BATCH_SIZE = 100  # users per fresh_for_digest call: bounds memory and claim-to-send latency
CONCURRENCY = 64  # users (or reminders) being sent at once; the pacer sets the real rate
REMINDER_BATCH = 500


class DigestSource(Protocol):
    """What the push needs from core.recommender.Recommender."""

    async def fresh_for_digest(
        self, user_ids: Sequence[int], *, limit: int = ..., min_relevance: float = ...
    ) -> dict[int, list[RecommendationCard]]: ...

    async def mark_delivered(self, user_id: int, recommendation_ids: Sequence[int]) -> int: ...


class Relearner(Protocol):
    async def relearn(self, user_id: int) -> Any: ...


@dataclass
class TickReport:
    """Counts of what one tick did, for logs and tests."""

    counts: dict[str, int] = field(default_factory=dict)

    def add(self, outcome: str, amount: int = 1) -> None:
        self.counts[outcome] = self.counts.get(outcome, 0) + amount

    def __getitem__(self, outcome: str) -> int:
        return self.counts.get(outcome, 0)


@dataclass(frozen=True, slots=True)
class ReminderItem:
    saved_id: int
    user_id: int
    language: str
    title: str
    employer: str | None
    url: str | None
    status: str
    notes: str | None


# ------------------------------------------------------------------------------- texts


def plural_form(count: int, language: str) -> str:
    """CLDR plural category for the count: "one", "few" or "many" (en uses one/many)."""
    if language != "ru":
        return "one" if count == 1 else "many"
    tens, units = count % 100, count % 10
    if units == 1 and tens != 11:
        return "one"
    if 2 <= units <= 4 and not 12 <= tens <= 14:
        return "few"
    return "many"


def context_line(t: Translator, context: DigestContext) -> str:
    """The context line, e.g. "🔔 5 new matches for Python in Almaty"."""
    matches = Html(
        t(f"push.digest.matches.{plural_form(context.count, t.language)}", count=context.count)
    )
    if context.topic and context.place:
        return t("push.digest.header.topic_place", matches=matches, topic=context.topic,
                 place=context.place)  # fmt: skip
    if context.topic:
        return t("push.digest.header.topic", matches=matches, topic=context.topic)
    if context.place:
        return t("push.digest.header.place", matches=matches, place=context.place)
    return t("push.digest.header.plain", matches=matches)


def reminder_message(t: Translator, item: ReminderItem) -> tuple[str, InlineKeyboardMarkup | None]:
    lines = [t("push.reminder.title", title=bold(item.title))]
    if item.employer:
        lines.append(t("push.reminder.employer", employer=item.employer))
    lines.append(t("push.reminder.status", status=t(f"push.reminder.status.{item.status}")))
    if item.notes:
        lines.append(t("push.reminder.notes", notes=item.notes))
    lines.append(t("push.reminder.hint"))
    markup = None
    if item.url:
        open_button = InlineKeyboardButton(text=t("push.reminder.open"), url=item.url)
        markup = InlineKeyboardMarkup(inline_keyboard=[[open_button]])
    return "\n".join(lines), markup


# ------------------------------------------------------------------------------- service


class PushService:
    """The four jobs. Stateless apart from small caches derived from the database."""

    def __init__(
        self,
        *,
        session_factory: async_sessionmaker[AsyncSession],
        delivery: Delivery,
        locales: Locales,
        settings: Settings,
        clock: Clock,
        recommender: DigestSource,
        render_card: CardRenderer,
        learner: Relearner | None = None,
        digest_size: int = DEFAULT_DIGEST_SIZE,
        min_relevance: float = DEFAULT_MIN_RELEVANCE,
        batch_size: int = BATCH_SIZE,
        concurrency: int = CONCURRENCY,
        stale_after: timedelta = STALE_CLAIM_AFTER,
    ) -> None:
        self._sessions = session_factory
        self.delivery = delivery
        self._locales = locales
        self._settings = settings
        self._clock = clock
        self._recommender = recommender
        self._render_card = render_card
        self._learner = learner
        self._digest_size = digest_size
        self._min_relevance = min_relevance
        self._batch_size = batch_size
        self._concurrency = concurrency
        self._stale_after = stale_after
        # (user, local date) known to be finished: saves re-reading their row every minute
        # for the rest of the day. Only ever filled from what the database said.
        self._done: set[tuple[int, date]] = set()
        self._in_flight: set[int] = set()  # users this process is sending to right now

    # =========================================================================== digest

    async def run_digest_tick(self, keep_leading: Callable[[], Awaitable[bool]] | None = None
                              ) -> TickReport:  # fmt: skip
        """Send every digest that is due now. ``keep_leading`` (renews the lease) is asked
        between batches; a False stops the tick so a new leader does not overlap."""
        report = TickReport()
        now = self._clock()
        due = await self._due_now(now, report)
        for start in range(0, len(due), self._batch_size):
            if start and keep_leading is not None and not await keep_leading():
                report.add("stopped_not_leader")
                break
            await self._digest_batch(due[start : start + self._batch_size], report)
        if report.counts:
            logger.info("digest tick: %s", report.counts)
        return report

    async def _due_now(self, now: datetime, report: TickReport) -> list[DueDigest]:
        """Users whose digest time has come and whose day is not done (or is stale)."""
        async with self._sessions() as session:
            users = await UserRepository(session).list_active_with_digest()
            subscribers = [
                Subscriber(u.id, u.timezone, u.digest_time, u.language or "en") for u in users
            ]
            self._forget_old_days(now)
            due: list[DueDigest] = []
            for item in due_digests(subscribers, now, self._settings.default_timezone):
                if await self._should_send(session, item, now, report):
                    due.append(item)
            await session.commit()
        report.add("due", len(due))
        return due

    async def _should_send(
        self, session: AsyncSession, item: DueDigest, now: datetime, report: TickReport
    ) -> bool:
        user_id, key = item.subscriber.user_id, (item.subscriber.user_id, item.local_date)
        if key in self._done or user_id in self._in_flight:
            return False
        repo = DigestRepository(session)
        row = await repo.get(user_id, item.local_date)
        record = ClaimRecord(row.status, row.created_at) if row is not None else None
        action = claim_action(record, now, self._stale_after)
        if action is ClaimAction.DONE:
            self._done.add(key)
        elif action is ClaimAction.RESUME:
            logger.warning("resuming the digest of user %s for %s left pending by a crash",
                           user_id, item.local_date)  # fmt: skip
            await repo.release(user_id, item.local_date)
            report.add("resumed")
        return action in (ClaimAction.CLAIM, ClaimAction.RESUME)

    def _forget_old_days(self, now: datetime) -> None:
        # Local dates span at most a couple of days around UTC "today".
        horizon = (now - timedelta(days=2)).date()
        self._done = {key for key in self._done if key[1] >= horizon}

    async def _digest_batch(self, batch: Sequence[DueDigest], report: TickReport) -> None:
        user_ids = [item.subscriber.user_id for item in batch]
        self._in_flight.update(user_ids)
        try:
            try:
                cards = await self._recommender.fresh_for_digest(
                    user_ids, limit=self._digest_size, min_relevance=self._min_relevance
                )
            except Exception:  # HH down and nothing cached: nothing claimed, retried next tick
                logger.exception("digest recommendations failed for %d users", len(user_ids))
                report.add("failed", len(user_ids))
                return
            prefs = await self._preferences(user_ids)
            limit = asyncio.Semaphore(self._concurrency)

            async def one(item: DueDigest) -> None:
                async with limit:
                    uid = item.subscriber.user_id
                    outcome = await self._deliver_digest(item, cards.get(uid, []), prefs.get(uid))
                    report.add(outcome)

            await asyncio.gather(*(one(item) for item in batch))
        finally:
            self._in_flight.difference_update(user_ids)

    async def _preferences(self, user_ids: Iterable[int]) -> dict[int, UserPreferences]:
        found: dict[int, UserPreferences] = {}
        async with self._sessions() as session:
            repo = PreferencesRepository(session)
            for user_id in user_ids:
                prefs = await repo.get(user_id)
                if prefs is not None:
                    found[user_id] = prefs
        return found

    async def _deliver_digest(
        self,
        item: DueDigest,
        cards: Sequence[RecommendationCard],
        prefs: UserPreferences | None,
    ) -> str:
        """Claim, send, record one user's digest; returns the outcome name."""
        user_id, day = item.subscriber.user_id, item.local_date
        if not await self._claim(user_id, day):
            return "claimed_elsewhere"
        if not cards:
            await self._finish_empty(user_id, day)
            return "empty"
        try:
            sent = await self._send_digest(item, cards, prefs)
        except Exception:  # a bug must not leave the day claimed for ever
            logger.exception("digest for user %s crashed; releasing the claim", user_id)
            await self._release(user_id, day, blocked=False)
            return "failed"
        return await self._record(user_id, day, sent)

    async def _claim(self, user_id: int, day: date) -> bool:
        async with self._sessions() as session:
            claimed = await DigestRepository(session).claim(user_id, day, at=self._clock())
            await session.commit()
        return claimed

    async def _finish_empty(self, user_id: int, day: date) -> None:
        async with self._sessions() as session:
            await DigestRepository(session).mark_empty(user_id, day, self._clock())
            await session.commit()
        self._done.add((user_id, day))

    async def _send_digest(
        self,
        item: DueDigest,
        cards: Sequence[RecommendationCard],
        prefs: UserPreferences | None,
    ) -> _DigestProgress:
        user_id = item.subscriber.user_id
        t = self._locales.get(item.subscriber.language)
        progress = _DigestProgress()
        header = context_line(t, digest_context(prefs, [card.area_name for card in cards]))
        if not progress.take(await self.delivery.send_text(user_id, header)):
            return progress
        for card in cards:
            text, markup = self._render_card(t, card)
            result = await self.delivery.send_text(user_id, text, markup)
            if result.ok:
                # Shown now, so a resumed run after a crash will not send it again.
                await self._recommender.mark_delivered(user_id, [card.recommendation_id])
                progress.cards += 1
            if not progress.take(result):
                break
        return progress

    async def _record(self, user_id: int, day: date, sent: _DigestProgress) -> str:
        if sent.message_ids and sent.cards:
            async with self._sessions() as session:
                await DigestRepository(session).mark_sent(
                    user_id, day, sent.message_ids, sent.cards, self._clock()
                )
                if sent.blocked:
                    await UserRepository(session).mark_inactive(user_id, self._clock())
                await session.commit()
            self._done.add((user_id, day))
            return "sent"
        await self._release(user_id, day, blocked=sent.blocked)
        return "blocked" if sent.blocked else "failed"

    async def _release(self, user_id: int, day: date, *, blocked: bool) -> None:
        """Give the day back (a later tick retries); a blocked user is also deactivated, so
        there is no later tick for them until they talk to the bot again."""
        async with self._sessions() as session:
            await DigestRepository(session).release(user_id, day)
            if blocked:
                await UserRepository(session).mark_inactive(user_id, self._clock())
            await session.commit()

    # ========================================================================= reminders

    async def run_reminder_tick(self) -> TickReport:
        """Send every saved-job reminder whose time has come, once each."""
        report = TickReport()
        items = await self._due_reminders()
        limit = asyncio.Semaphore(self._concurrency)

        async def one(item: ReminderItem) -> None:
            async with limit:
                report.add(await self._deliver_reminder(item))

        await asyncio.gather(*(one(item) for item in items))
        if report.counts:
            logger.info("reminder tick: %s", report.counts)
        return report

    async def _due_reminders(self) -> list[ReminderItem]:
        async with self._sessions() as session:
            jobs = await SavedJobRepository(session).due_reminders(self._clock(), REMINDER_BATCH)
            users = UserRepository(session)
            items: list[ReminderItem] = []
            for job in jobs:
                user = await users.get(job.user_id)
                rec = job.recommendation
                items.append(ReminderItem(
                    saved_id=job.id, user_id=job.user_id,
                    language=(user.language if user is not None else None) or "en",
                    title=rec.title, employer=rec.employer_name, url=rec.url,
                    status=job.status, notes=job.notes,
                ))  # fmt: skip
        return items

    async def _deliver_reminder(self, item: ReminderItem) -> str:
        async with self._sessions() as session:
            claimed = await SavedJobRepository(session).claim_reminder(item.saved_id, self._clock())
            await session.commit()
        if not claimed:
            return "claimed_elsewhere"
        text, markup = reminder_message(self._locales.get(item.language), item)
        result = await self.delivery.send_text(item.user_id, text, markup)
        await self._record_reminder(item, result)
        return result.status.value

    async def _record_reminder(self, item: ReminderItem, result: SendResult) -> None:
        async with self._sessions() as session:
            repo = SavedJobRepository(session)
            if result.ok:
                job = await repo.get(item.user_id, item.saved_id)
                if job is not None:  # deleted meanwhile: nothing to record
                    job.reminder_message_id = result.message_id
            elif result.status in (SendStatus.FAILED, SendStatus.BLOCKED):
                # Not lost: due again on a later tick (a blocked user once they are back).
                await repo.release_reminder(item.saved_id)
                if result.status is SendStatus.BLOCKED:
                    await UserRepository(session).mark_inactive(item.user_id, self._clock())
            # REJECTED stays claimed: the same message would be rejected every minute.
            await session.commit()

    # ========================================================================== refresh

    async def run_refresh(self) -> TickReport:
        """Relearn preferences last learned more than PREFERENCE_UPDATE_INTERVAL_DAYS ago."""
        report = TickReport()
        if self._learner is None:
            logger.warning("preference refresh skipped: no learner wired in")
            return report
        interval = timedelta(days=self._settings.preference_update_interval_days)
        async with self._sessions() as session:
            stale = await PreferencesRepository(session).list_stale(self._clock() - interval)
        for user_id in stale:
            try:
                await self._learner.relearn(user_id)
                report.add("relearned")
            except Exception:  # one user's bad history must not stop the others
                logger.exception("preference refresh failed for user %s", user_id)
                report.add("failed")
        return report

    # ========================================================================== cleanup

    async def run_cleanup(self) -> TickReport:
        """Drop unsaved, unrated recommendations past retention or beyond the per-user cap,
        and expired HH cache entries."""
        report = TickReport()
        now = self._clock()
        retention = timedelta(days=self._settings.recommendation_retention_days)
        async with self._sessions() as session:
            recs = RecommendationRepository(session)
            report.add("recommendations_expired", await recs.delete_older_than(now - retention))
            # The recommender prunes on every store; this re-applies the cap to the users
            # who receive digests (the ones who accumulate without browsing), e.g. after
            # MAX_RECOMMENDATIONS_PER_USER was lowered.
            cap = self._settings.max_recommendations_per_user
            for user in await UserRepository(session).list_active_with_digest():
                report.add("recommendations_over_cap", await recs.prune(user.id, cap))
            report.add("hh_cache_expired", await HHCacheRepository(session).delete_expired(now))
            await session.commit()
        logger.info("cleanup: %s", report.counts)
        return report


@dataclass
class _DigestProgress:
    """What reached the user so far in one digest."""

    message_ids: list[int] = field(default_factory=list)
    cards: int = 0
    blocked: bool = False

    def take(self, result: SendResult) -> bool:
        """Record one send; False when the digest must stop here."""
        if result.ok and result.message_id is not None:
            self.message_ids.append(result.message_id)
            return True
        if result.status is SendStatus.REJECTED:
            return True  # this message is unsendable; the others may still go
        self.blocked = result.status is SendStatus.BLOCKED
        return False
