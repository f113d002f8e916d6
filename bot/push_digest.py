"""The daily digest tick: who is due, their new cards, paced delivery, exactly once.

Exactly-once (one DigestDelivery row per user and local day):
1. claim the day (unique insert naming this scheduler as holder, committed) just before
   sending that user's messages;
2. mark the context line sent (committed), then send it: it never goes out twice;
3. send each card; a card that reached the user is marked shown
   (Recommender.mark_delivered) and counted in the claim right after it was sent;
4. record the result: ``mark_sent`` with the message ids and count, or ``mark_empty``
   when nothing new passed the threshold (no empty digests).

If nothing could be sent (a transient error) the claim is released and the next tick
retries. If part went out and then a send failed, the claim is put down ``partial`` with
its progress, and the next tick sends only the rest. A claim left pending by a dead
sender is taken up at once when its holder is known dead or is not the current leader
(core.domain.digest.claim_action), else after core.domain.digest.STALE_CLAIM_AFTER. The
one window no design can close is a crash between Telegram accepting a card and the next
commit: that one card may be repeated.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Protocol

from aiogram.types import InlineKeyboardMarkup

from bot.delivery import SendResult, SendStatus
from bot.i18n import Translator
from bot.push_common import PushContext, TickReport, holder_is_dead, plural_form
from bot.ui.names import topic_name
from bot.ui.render import Html
from core.domain.digest import (
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
from core.domain.place_names import place_name
from core.domain.preferences import UserPreferences
from core.services.recommender import RecommendationCard
from db.repositories import (
    DigestClaim,
    DigestRepository,
    PreferencesRepository,
    UserRepository,
)

logger = logging.getLogger(__name__)

CardRenderer = Callable[[Translator, RecommendationCard], tuple[str, InlineKeyboardMarkup | None]]
KeepLeading = Callable[[], Awaitable[bool]]
BATCH_SIZE = 100  # users per fresh_for_digest call: bounds memory and claim-to-send latency


class DigestSource(Protocol):
    """What the digest needs from core.services.recommender.Recommender. In the result of
    ``fresh_for_digest`` an empty list means "nothing new" (the day is recorded empty);
    a user left out means "could not tell" (nothing recorded, retried next tick)."""

    async def fresh_for_digest(
        self, user_ids: Sequence[int], *, limit: int = ..., min_relevance: float = ...
    ) -> dict[int, list[RecommendationCard]]: ...

    async def mark_delivered(self, user_id: int, recommendation_ids: Sequence[int]) -> int: ...


def context_line(t: Translator, context: DigestContext) -> str:
    """The context line, e.g. "🔔 5 new matches for Python developer in Almaty"; the topic
    (a job title or a skill) in the reader's language ("Python-разработчик")."""
    form = plural_form(context.count, t.language)
    matches = Html(t(f"push.digest.matches.{form}", count=context.count))
    topic = topic_name(context.topic, t) if context.topic else None
    place = place_name(context.place, t.language) if context.place else None
    if topic and place:
        return t("push.digest.header.topic_place", matches=matches, topic=topic, place=place)
    if topic:
        return t("push.digest.header.topic", matches=matches, topic=topic)
    if place:
        return t("push.digest.header.place", matches=matches, place=place)
    return t("push.digest.header.plain", matches=matches)


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


class DigestJob:
    def __init__(
        self,
        ctx: PushContext,
        recommender: DigestSource,
        render_card: CardRenderer,
        *,
        digest_size: int = DEFAULT_DIGEST_SIZE,
        min_relevance: float = DEFAULT_MIN_RELEVANCE,
        batch_size: int = BATCH_SIZE,
        stale_after: timedelta = STALE_CLAIM_AFTER,
        holder: str | None = None,
        holder_dead: Callable[[str], bool] = holder_is_dead,
    ) -> None:
        self._ctx = ctx
        self._recommender = recommender
        self._render_card = render_card
        self._digest_size = digest_size
        self._min_relevance = min_relevance
        self._batch_size = batch_size
        self._stale_after = stale_after
        self._holder = holder  # recorded in each claim: who is sending it
        self._holder_dead = holder_dead
        self._leader: str | None = None  # the lease holder this tick runs under, if any
        # Claims to take up (left by a dead sender or put down part-way), by user and day.
        self._resume: dict[tuple[int, date], DigestClaim] = {}
        # (user, local date) known to be finished → the user's onboarding time then: saves
        # re-reading their row every minute for the rest of the day. Only ever filled from
        # what the database said; a user deleted (/delete_me) and onboarded again has a new
        # onboarding time, so their day is read again (its row went with the old user).
        self._done: dict[tuple[int, date], datetime | None] = {}
        self._generation: dict[int, datetime | None] = {}  # user → onboarding time
        self._in_flight: set[int] = set()  # users this process is sending to right now
        self._prefs: dict[int, UserPreferences] = {}  # of users prepared, not yet sent
        self._sent_some = asyncio.Event()  # a sender finished a digest (lookahead bound)

    async def run(
        self, keep_leading: KeepLeading | None = None, *, leader: str | None = None
    ) -> TickReport:
        """Send every digest that is due now. ``keep_leading`` (renews the lease) is asked
        between batches; a False stops the tick so a new leader does not overlap.
        ``leader``: this tick runs under that holder's lease, so a pending claim of any
        other holder was left by a sender that is gone, and is taken up at once.

        A pipeline: a batch's digests are sent as soon as each user's cards are known
        (users sharing an HH query are batched together, so the first go out after one
        search), and the next batch is prepared while this one is still being sent, so
        the paced sender never waits for a whole batch to be computed. At most about two
        batches of prepared digests wait in memory."""
        report = TickReport()
        self._leader = leader
        due = await self._by_query(await self._due_now(self._ctx.clock(), report))
        ready: asyncio.Queue[tuple[DueDigest, list[RecommendationCard]] | None] = asyncio.Queue()
        senders = [
            asyncio.create_task(self._sender(ready, report))
            for _ in range(max(1, min(self._ctx.concurrency, len(due))))
        ]
        try:
            for start in range(0, len(due), self._batch_size):
                if start and keep_leading is not None and not await keep_leading():
                    report.add("stopped_not_leader")
                    break
                # Bounded lookahead: prepare the next batch once this backlog is under one.
                while ready.qsize() >= self._batch_size:
                    await self._sent_some.wait()
                    self._sent_some.clear()
                await self._prepare(due[start : start + self._batch_size], ready, report)
        finally:
            for _ in senders:
                ready.put_nowait(None)
            await asyncio.gather(*senders)
        if report.counts:
            logger.info("digest tick: %s", report.counts)
        return report

    async def _by_query(self, due: list[DueDigest]) -> list[DueDigest]:
        """Due users with those sharing an HH query next to each other (otherwise in
        the order they came), when the recommender can tell the queries."""
        signatures_of = getattr(self._recommender, "query_signatures", None)
        if signatures_of is None or len(due) <= 1:
            return due
        signatures = await signatures_of([item.subscriber.user_id for item in due])
        first_seen: dict[str, int] = {}
        for item in due:
            first_seen.setdefault(signatures.get(item.subscriber.user_id, ""), len(first_seen))
        return sorted(
            due, key=lambda item: first_seen[signatures.get(item.subscriber.user_id, "")]
        )

    # ------------------------------------------------------------------------- who is due

    async def _due_now(self, now: datetime, report: TickReport) -> list[DueDigest]:
        """Users whose digest time has come and whose day is not done (or is stale)."""
        async with self._ctx.sessions() as session:
            rows = await UserRepository(session).digest_subscribers()
            subscribers = [
                Subscriber(uid, tz, digest_time, language or "en")
                for uid, tz, digest_time, language, _ in rows
            ]
            self._generation = {row[0]: row[4] for row in rows}
            self._forget_old_days(now)
            pacer = self._ctx.delivery.pacer
            candidates: list[DueDigest] = []
            for item in due_digests(subscribers, now, self._ctx.settings.default_timezone):
                uid = item.subscriber.user_id
                if self._is_done(uid, item.local_date) or uid in self._in_flight:
                    continue
                if pacer.is_paused(uid):  # Telegram's retry_after for this chat still runs
                    report.add("paused")
                    continue
                candidates.append(item)
            repo = DigestRepository(session)
            # Every candidate's day in one lookup, not one query per user.
            claims = await repo.claims_for(
                (item.subscriber.user_id, item.local_date) for item in candidates
            )
            due: list[DueDigest] = []
            for item in candidates:
                claim = claims.get((item.subscriber.user_id, item.local_date))
                if await self._should_send(repo, item, claim, now, report):
                    due.append(item)
            await session.commit()
        report.add("due", len(due))
        return due

    async def _should_send(
        self,
        repo: DigestRepository,
        item: DueDigest,
        claim: DigestClaim | None,
        now: datetime,
        report: TickReport,
    ) -> bool:
        user_id, key = item.subscriber.user_id, (item.subscriber.user_id, item.local_date)
        record = (
            ClaimRecord(claim.status, claim.created_at, claim.holder)
            if claim is not None
            else None
        )
        action = claim_action(
            record, now, self._stale_after, leader=self._leader, holder_dead=self._holder_dead
        )
        if action is ClaimAction.DONE:
            self._mark_done(*key)
        elif action is ClaimAction.RESUME and claim is not None:
            logger.warning(
                "resuming the digest of user %s for %s (%s, left by %s)",
                user_id,
                item.local_date,
                claim.status,
                claim.holder,
            )
            self._resume[key] = claim
            report.add("resumed")
        return action in (ClaimAction.CLAIM, ClaimAction.RESUME)

    def _forget_old_days(self, now: datetime) -> None:
        # Local dates span at most a couple of days around UTC "today".
        horizon = (now - timedelta(days=2)).date()
        self._done = {key: gen for key, gen in self._done.items() if key[1] >= horizon}

    def _is_done(self, user_id: int, day: date) -> bool:
        key = (user_id, day)
        return key in self._done and self._done[key] == self._generation.get(user_id)

    def _mark_done(self, user_id: int, day: date) -> None:
        self._done[(user_id, day)] = self._generation.get(user_id)

    # --------------------------------------------------------------------------- a batch

    async def _prepare(
        self,
        batch: Sequence[DueDigest],
        ready: asyncio.Queue[tuple[DueDigest, list[RecommendationCard]] | None],
        report: TickReport,
    ) -> None:
        """One fresh_for_digest call for the batch (one HH search per distinct query);
        each user goes to the senders as soon as their cards are known."""
        user_ids = [item.subscriber.user_id for item in batch]
        by_user = {item.subscriber.user_id: item for item in batch}
        self._in_flight.update(user_ids)
        queued: set[int] = set()
        try:
            self._prefs.update(await self._preferences(user_ids))

            def on_ready(user_id: int, cards: list[RecommendationCard]) -> None:
                if user_id in by_user and user_id not in queued:
                    queued.add(user_id)
                    ready.put_nowait((by_user[user_id], cards))

            fresh = self._recommender.fresh_for_digest
            options: dict[str, object] = {
                "limit": self._digest_size,
                "min_relevance": self._min_relevance,
            }
            if "on_ready" in inspect.signature(fresh).parameters:
                options["on_ready"] = on_ready
            cards = await fresh(user_ids, **options)  # type: ignore[arg-type]
            for user_id, user_cards in cards.items():
                on_ready(user_id, user_cards)  # a recommender that does not stream
        except Exception:  # not claimed: the next tick retries whoever was not queued
            failed = [uid for uid in user_ids if uid not in queued]
            logger.exception("digest recommendations failed for %d users", len(failed))
            report.add("failed", len(failed))
            self._forget(failed)
            return
        # The recommender could not tell (HH down, nothing stored): "nothing new" is not
        # known, so the day is not recorded empty; retried later.
        unavailable = [uid for uid in user_ids if uid not in queued]
        if unavailable:
            report.add("unavailable", len(unavailable))
            self._forget(unavailable)

    async def _sender(
        self,
        ready: asyncio.Queue[tuple[DueDigest, list[RecommendationCard]] | None],
        report: TickReport,
    ) -> None:
        """One of ``concurrency`` workers delivering prepared digests (the pacer in
        Delivery sets the real rate)."""
        while (job := await ready.get()) is not None:
            item, cards = job
            uid = item.subscriber.user_id
            try:
                report.add(await self._deliver(item, cards, self._prefs.get(uid)))
            except Exception:  # never lose the other digests to one
                logger.exception("digest for user %s failed", uid)
                report.add("failed")
            finally:
                self._forget([uid])
                self._sent_some.set()

    def _forget(self, user_ids: Iterable[int]) -> None:
        for user_id in user_ids:
            self._in_flight.discard(user_id)
            self._prefs.pop(user_id, None)

    async def _preferences(self, user_ids: Iterable[int]) -> dict[int, UserPreferences]:
        """For the context line (what and where the user is looking for)."""
        found: dict[int, UserPreferences] = {}
        async with self._ctx.sessions() as session:
            repo = PreferencesRepository(session)
            for user_id in user_ids:
                prefs = await repo.get(user_id)
                if prefs is not None:
                    found[user_id] = prefs
        return found

    # ------------------------------------------------------------------------ one digest

    async def _deliver(
        self, item: DueDigest, cards: Sequence[RecommendationCard], prefs: UserPreferences | None
    ) -> str:
        """Claim, send, record one user's digest; returns the outcome name."""
        user_id, day = item.subscriber.user_id, item.local_date
        progress = await self._claim(user_id, day)
        if progress is None:
            return "claimed_elsewhere"
        cards = cards[: max(0, self._digest_size - progress.cards)]  # only the rest
        if not cards:
            if progress.delivered:  # resumed, and nothing more is new: what went out counts
                return await self._record(user_id, day, progress)
            await self._finish_empty(user_id, day)
            return "empty"
        try:
            await self._send(item, cards, prefs, progress)
        except Exception:  # a bug must not leave the day claimed for ever
            logger.exception("digest for user %s crashed; releasing the claim", user_id)
            progress.failed = True
        return await self._record(user_id, day, progress)

    async def _send(
        self,
        item: DueDigest,
        cards: Sequence[RecommendationCard],
        prefs: UserPreferences | None,
        progress: DigestProgress,
    ) -> None:
        user_id, day = item.subscriber.user_id, item.local_date
        t = self._ctx.locales.get(item.subscriber.language)
        delivery = self._ctx.delivery
        if not progress.header_sent and await self._mark_header_sent(user_id, day):
            progress.header_sent = True
            header = context_line(t, digest_context(prefs, [card.area_name for card in cards]))
            result = await delivery.send_text(user_id, header)
            if not progress.take(result):
                # Not accepted: with nothing else sent the claim is released whole and the
                # next tick sends the context line then.
                progress.header_sent = progress.cards > 0
                return
        for card in cards:
            text, markup = self._render_card(t, card)
            result = await delivery.send_text(user_id, text, markup)
            if result.ok:
                # Shown now, so a resumed run after a crash will not send it again.
                await self._recommender.mark_delivered(user_id, [card.recommendation_id])
                progress.cards += 1
            if not progress.take(result):
                return
            if result.ok:
                await self._record_progress(user_id, day, progress)

    async def _claim(self, user_id: int, day: date) -> DigestProgress | None:
        """Claim the day, or take up the claim a gone sender left; the progress so far, or
        None when another sender has it."""
        now = self._ctx.clock()
        holder = self._holder or ""
        previous = self._resume.pop((user_id, day), None)
        async with self._ctx.sessions() as session:
            repo = DigestRepository(session)
            if previous is None:
                claimed = await repo.claim(user_id, day, at=now, holder=self._holder)
            else:
                claimed = await repo.take_over(
                    user_id, day, previous=previous, holder=holder, at=now
                )
            await session.commit()
        if not claimed:
            return None
        if previous is None:
            return DigestProgress()
        return DigestProgress(
            message_ids=list(previous.message_ids),
            cards=previous.cards,
            header_sent=previous.header_sent,
        )

    async def _mark_header_sent(self, user_id: int, day: date) -> bool:
        async with self._ctx.sessions() as session:
            first = await DigestRepository(session).mark_header_sent(user_id, day)
            await session.commit()
        return first

    async def _record_progress(self, user_id: int, day: date, progress: DigestProgress) -> None:
        async with self._ctx.sessions() as session:
            await DigestRepository(session).record_progress(
                user_id, day, progress.message_ids, progress.cards
            )
            await session.commit()

    async def _finish_empty(self, user_id: int, day: date) -> None:
        async with self._ctx.sessions() as session:
            await DigestRepository(session).mark_empty(user_id, day, self._ctx.clock())
            await session.commit()
        self._mark_done(user_id, day)

    async def _record(self, user_id: int, day: date, progress: DigestProgress) -> str:
        if progress.failed and progress.started:
            await self._put_down(user_id, day)
            return "partial"
        if not progress.delivered:
            await self._release(user_id, day, blocked=progress.blocked)
            return "blocked" if progress.blocked else "failed"
        now = self._ctx.clock()
        async with self._ctx.sessions() as session:
            await DigestRepository(session).mark_sent(
                user_id, day, progress.message_ids, progress.cards, now
            )
            if progress.blocked:  # blocked mid-digest: what arrived counts, then stop
                await UserRepository(session).mark_inactive(user_id, now)
            await session.commit()
        self._mark_done(user_id, day)
        return "sent"

    async def _put_down(self, user_id: int, day: date) -> None:
        """Keep what went out; the next tick takes the claim up and sends the rest."""
        async with self._ctx.sessions() as session:
            await DigestRepository(session).put_down(user_id, day)
            await session.commit()

    async def _release(self, user_id: int, day: date, *, blocked: bool) -> None:
        """Give the day back (a later tick retries); a blocked user is also deactivated, so
        there is no later tick for them until they talk to the bot again."""
        async with self._ctx.sessions() as session:
            await DigestRepository(session).release(user_id, day)
            if blocked:
                await UserRepository(session).mark_inactive(user_id, self._ctx.clock())
            await session.commit()
