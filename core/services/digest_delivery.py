"""The daily digest tick: who is due, their new cards, delivery through a sender, exactly once.

Exactly-once (one DigestDelivery row per user, search and period — the local day of the
search's digest slot, daily or weekly):
1. claim the day (unique insert naming this scheduler as holder, committed) just before
   sending that user's messages;
2. mark the context line sent (committed), then send it: it never goes out twice;
3. send each card; a card that reached the user is marked shown
   (DigestSource.mark_delivered) and counted in the claim right after it was sent;
4. record the result: ``mark_sent`` with the message ids and count, or ``mark_empty``
   when nothing new passed the threshold (no empty digests).

If nothing could be sent (a transient error) the claim is released and the next tick
retries. If part went out and then a send failed, the claim is put down ``partial`` with
its progress, and the next tick sends only the rest. A claim left pending by a dead
sender is taken up at once when its holder is known dead or is not the current leader
(core.domain.digest.claim_action), else after core.domain.digest.STALE_CLAIM_AFTER. The
one window no design can close is a crash between Telegram accepting a card and the next
commit: that one card may be repeated.

The messages themselves go out through a :class:`DigestSender` (bot/push/digest.py
renders and sends them through Telegram); this module never sees Telegram.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.domain.clock import Clock
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
from core.domain.preferences import UserPreferences
from core.domain.push import DigestProgress, SendResult, TickReport
from core.domain.recommendation_cards import RecommendationCard
from core.domain.searches import SearchPreferences
from core.services.push_holders import holder_is_dead
from db.repositories import (
    DigestClaim,
    DigestRepository,
    PreferencesRepository,
    SearchRepository,
    UserRepository,
    schedule_of,
)

if TYPE_CHECKING:
    from db.models import Search

logger = logging.getLogger(__name__)

KeepLeading = Callable[[], Awaitable[bool]]
_Key = tuple[int, int, date]  # (user, search, period)
OnReady = Callable[[int, list[RecommendationCard]], object]
BATCH_SIZE = 100  # users per fresh_for_digest call: bounds memory and claim-to-send latency
CONCURRENCY = 64  # digests being sent at once; the sender's pacer sets the real rate


class DigestSender(Protocol):
    """The port the digest sends through (bot.push.digest.TelegramDigestSender). Each
    call sends one message into the subscriber's chat and says how it went; it never
    raises for a refusal of the messenger (blocked, rejected, rate limits past retrying
    all come back as a SendResult)."""

    def is_paused(self, chat_id: int) -> bool:
        """The messenger asked for a pause in this chat that has not ended yet."""
        ...

    async def send_header(self, subscriber: Subscriber, context: DigestContext) -> SendResult:
        """The context line ("5 new matches for Python developer in Almaty")."""
        ...

    async def send_card(self, subscriber: Subscriber, card: RecommendationCard) -> SendResult:
        """One vacancy card, as /jobs shows it."""
        ...


class DigestSource(Protocol):
    """What the digest needs from core.services.recommender.Recommender. In the result of
    ``fresh_for_digest`` an empty list means "nothing new" (the day is recorded empty);
    a user left out means "could not tell" (nothing recorded, retried next tick)."""

    def plan_signature(self, prefs: UserPreferences) -> str: ...

    async def fresh_for_digest(
        self,
        preferences: Mapping[int, SearchPreferences],
        *,
        limit: int = ...,
        min_relevance: float = ...,
        on_ready: OnReady | None = ...,
    ) -> dict[int, list[RecommendationCard]]: ...

    async def mark_delivered(self, user_id: int, recommendation_ids: Sequence[int]) -> int: ...


class TrialOutcome(StrEnum):
    SENT = "sent"
    NOTHING_NEW = "nothing_new"  # nothing sent: no empty digests, not even a test one
    UNAVAILABLE = "unavailable"  # HH could not answer and nothing stored is left
    NO_SEARCH = "no_search"  # not onboarded
    FAILED = "failed"  # Telegram did not take it


@dataclass(frozen=True, slots=True)
class TrialDigest:
    outcome: TrialOutcome
    cards: int = 0


@dataclass(frozen=True, slots=True)
class DigestOptions:
    digest_size: int = DEFAULT_DIGEST_SIZE
    min_relevance: float = DEFAULT_MIN_RELEVANCE
    batch_size: int = BATCH_SIZE
    stale_after: timedelta = STALE_CLAIM_AFTER
    concurrency: int = CONCURRENCY


@dataclass
class _Tick:
    """What one run knows about its due users."""

    report: TickReport
    ready: asyncio.Queue[tuple[DueDigest, list[RecommendationCard]] | None]
    prefs: dict[int, SearchPreferences] = field(default_factory=dict)  # by search id


class DigestDelivery:
    """Runs digest ticks: one instance per process (it remembers the days already done)."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        source: DigestSource,
        sender: DigestSender,
        clock: Clock,
        *,
        default_timezone: str,
        holder: str,
        options: DigestOptions = DigestOptions(),
        holder_dead: Callable[[str], bool] = holder_is_dead,
    ) -> None:
        self._sessions = sessions
        self._source = source
        self._sender = sender
        self._clock = clock
        self._default_timezone = default_timezone
        self._holder = holder  # recorded in each claim: who is sending it
        self._options = options
        self._holder_dead = holder_dead
        self._leader: str | None = None  # the lease holder this tick runs under, if any
        # Claims to take up (left by a dead sender or put down part-way), by user, search
        # and period.
        self._resume: dict[_Key, DigestClaim] = {}
        # (user, search, period) known to be finished → the user's onboarding time then: saves
        # re-reading their row every minute for the rest of the day. Only ever filled from
        # what the database said; a user deleted (/delete_me) and onboarded again has a new
        # onboarding time, so their day is read again (its row went with the old user).
        self._done: dict[_Key, datetime | None] = {}
        self._generation: dict[int, datetime | None] = {}  # user → onboarding time
        self._in_flight: set[int] = set()  # searches this process is sending for right now
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
        batches are held at once."""
        self._leader = leader
        now = self._clock()
        tick = _Tick(TickReport(), asyncio.Queue())
        due = await self._due_now(now, tick.report)
        if not due:
            return tick.report
        # Every due search's preferences in one query per chunk, read once for the tick:
        # the query order, the recommendations and the context line all use them.
        tick.prefs = await self._preferences(due)
        due = self._by_query(due, tick.prefs)
        batch_size, concurrency = self._options.batch_size, self._options.concurrency
        senders = [
            asyncio.create_task(self._sender_loop(tick))
            for _ in range(max(1, min(concurrency, len(due))))
        ]
        try:
            for start in range(0, len(due), batch_size):
                if start and keep_leading is not None and not await keep_leading():
                    tick.report.add("stopped_not_leader")
                    break
                # Bounded lookahead: prepare the next batch once this backlog is under one.
                while tick.ready.qsize() >= batch_size:
                    await self._sent_some.wait()
                    self._sent_some.clear()
                await self._prepare(due[start : start + batch_size], tick)
        finally:
            for _ in senders:
                tick.ready.put_nowait(None)
            await asyncio.gather(*senders)
        if tick.report.counts:
            logger.info("digest tick: %s", tick.report.counts)
        return tick.report

    def _by_query(
        self, due: list[DueDigest], prefs: Mapping[int, SearchPreferences]
    ) -> list[DueDigest]:
        """Due searches with those sharing an HH query next to each other (otherwise in
        the order they came): each batch needs few HH searches, and its first digests go
        out after one or two of them instead of all."""
        signatures = {sid: self._source.plan_signature(p.preferences) for sid, p in prefs.items()}
        first_seen: dict[str, int] = {}
        for item in due:
            first_seen.setdefault(signatures.get(item.key, ""), len(first_seen))
        return sorted(due, key=lambda item: first_seen[signatures.get(item.key, "")])

    async def _preferences(self, due: Sequence[DueDigest]) -> dict[int, SearchPreferences]:
        owners = {item.key: item.subscriber.user_id for item in due}
        async with self._sessions() as session:
            found = await PreferencesRepository(session).for_searches(owners)
        return {
            sid: SearchPreferences(owners[sid], sid, prefs)
            for sid, prefs in found.items()
            if sid in owners
        }

    # ------------------------------------------------------------------------ test digest

    async def send_test(self, user_id: int, search_id: int | None = None) -> TrialDigest:
        """ "Send me a test digest now" (/settings): the digest of the person's search (by
        default the active one) as it would go out now, outside the schedule: no period
        is claimed, so the scheduled digest still comes (with what is new by then). Its
        cards count as shown, like any digest's. Nothing new: nothing is sent (no empty
        digests), and the answer says so."""
        async with self._sessions() as session:
            user = await UserRepository(session).get(user_id)
            found = await PreferencesRepository(session).get_with_search(user_id, search_id)
            searches = SearchRepository(session)
            rows = await searches.list(user_id)
        if user is None or found is None:
            return TrialDigest(TrialOutcome.NO_SEARCH)
        sid, prefs = found
        row = next((r for r in rows if r.id == sid), None)
        subscriber = Subscriber(
            user_id,
            user.timezone,
            (row.digest_time if row is not None else None) or user.digest_time,
            user.language or "en",
            search_id=sid,
            search_name=(row.name or "") if row is not None else "",
            searches=len(rows),
            position=row.position if row is not None else 0,
        )
        fresh = await self._source.fresh_for_digest(
            {sid: SearchPreferences(user_id, sid, prefs)},
            limit=self._options.digest_size,
            min_relevance=self._options.min_relevance,
        )
        if sid not in fresh:
            return TrialDigest(TrialOutcome.UNAVAILABLE)
        cards = fresh[sid][: self._options.digest_size]
        if not cards:
            return TrialDigest(TrialOutcome.NOTHING_NEW)
        progress = DigestProgress()
        context = digest_context(prefs, [card.area_name for card in cards], subscriber)
        if not progress.take(await self._sender.send_header(subscriber, context)):
            return TrialDigest(TrialOutcome.FAILED)
        for card in cards:
            result = await self._sender.send_card(subscriber, card)
            if result.ok:
                await self._source.mark_delivered(user_id, [card.recommendation_id])
                progress.cards += 1
            if not progress.take(result):
                break
        if progress.cards == 0:
            return TrialDigest(TrialOutcome.FAILED)
        return TrialDigest(TrialOutcome.SENT, progress.cards)

    # ------------------------------------------------------------------------- who is due

    async def _due_now(self, now: datetime, report: TickReport) -> list[DueDigest]:
        """Searches whose digest time has come and whose period is not done (or is stale)."""
        async with self._sessions() as session:
            rows = await SearchRepository(session).digest_subscribers()
            subscribers = [
                Subscriber(
                    row.user_id,
                    row.timezone,
                    row.search.digest_time or row.user_digest_time,
                    row.language or "en",
                    search_id=row.search.id,
                    search_name=row.search.name or "",
                    searches=row.searches,
                    position=row.search.position,
                    schedule=schedule_of(row.search),
                    since=_began(row.onboarded_at, row.search),
                )
                for row in rows
            ]
            self._generation = {row.user_id: row.onboarded_at for row in rows}
            self._forget_old_days(now)
            candidates: list[DueDigest] = []
            for item in due_digests(subscribers, now, self._default_timezone):
                uid = item.subscriber.user_id
                if self._is_done(_key(item)) or item.key in self._in_flight:
                    continue
                if self._sender.is_paused(uid):  # the messenger's retry_after still runs
                    report.add("paused")
                    continue
                candidates.append(item)
            repo = DigestRepository(session)
            # Every candidate's day in one lookup, not one query per user.
            claims = await repo.claims_for(_key(item) for item in candidates)
            due = [
                item
                for item in candidates
                if self._should_send(item, claims.get(_key(item)), now, report)
            ]
        report.add("due", len(due))
        return due

    def _should_send(
        self, item: DueDigest, claim: DigestClaim | None, now: datetime, report: TickReport
    ) -> bool:
        user_id, key = item.subscriber.user_id, _key(item)
        record = (
            ClaimRecord(claim.status, claim.created_at, claim.holder) if claim is not None else None
        )
        action = claim_action(
            record,
            now,
            self._options.stale_after,
            leader=self._leader,
            holder_dead=self._holder_dead,
        )
        if action is ClaimAction.DONE:
            self._mark_done(key)
        elif action is ClaimAction.RESUME and claim is not None:
            logger.warning(
                "resuming the digest of user %s, search %s for %s (%s, left by %s)",
                user_id,
                item.key,
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
        self._done = {key: gen for key, gen in self._done.items() if key[2] >= horizon}

    def _is_done(self, key: _Key) -> bool:
        return key in self._done and self._done[key] == self._generation.get(key[0])

    def _mark_done(self, key: _Key) -> None:
        self._done[key] = self._generation.get(key[0])

    # --------------------------------------------------------------------------- a batch

    async def _prepare(self, batch: Sequence[DueDigest], tick: _Tick) -> None:
        """One fresh_for_digest call for the batch (one HH search per distinct query);
        each user goes to the senders as soon as their cards are known."""
        by_search = {item.key: item for item in batch}
        self._in_flight.update(by_search)
        queued: set[int] = set()

        def on_ready(search_id: int, cards: list[RecommendationCard]) -> None:
            if search_id in by_search and search_id not in queued:
                queued.add(search_id)
                tick.ready.put_nowait((by_search[search_id], cards))

        # Searches without preferences have nothing to look for: "nothing new", known.
        for search_id in by_search:
            if search_id not in tick.prefs:
                on_ready(search_id, [])
        wanted = {sid: tick.prefs[sid] for sid in by_search if sid in tick.prefs}
        try:
            fresh = await self._source.fresh_for_digest(
                wanted,
                limit=self._options.digest_size,
                min_relevance=self._options.min_relevance,
                on_ready=on_ready,
            )
            for search_id, search_cards in fresh.items():
                on_ready(search_id, search_cards)  # the answer is the contract; streaming a bonus
        except Exception:  # not claimed: the next tick retries whoever was not queued
            failed = [sid for sid in by_search if sid not in queued]
            logger.exception("digest recommendations failed for %d users", len(failed))
            tick.report.add("failed", len(failed))
            self._in_flight.difference_update(failed)
            return
        # The source could not tell (HH down, nothing stored): "nothing new" is not
        # known, so the day is not recorded empty; retried later.
        unavailable = [sid for sid in by_search if sid not in queued]
        if unavailable:
            tick.report.add("unavailable", len(unavailable))
            self._in_flight.difference_update(unavailable)

    async def _sender_loop(self, tick: _Tick) -> None:
        """One of ``concurrency`` workers delivering prepared digests (the sender's pacer
        sets the real rate)."""
        while (job := await tick.ready.get()) is not None:
            item, cards = job
            search = tick.prefs.get(item.key)
            try:
                tick.report.add(
                    await self._deliver(item, cards, search.preferences if search else None)
                )
            except Exception:  # never lose the other digests to one
                logger.exception("digest for user %s failed", item.subscriber.user_id)
                tick.report.add("failed")
            finally:
                self._in_flight.discard(item.key)
                self._sent_some.set()

    # ------------------------------------------------------------------------ one digest

    async def _deliver(
        self, item: DueDigest, cards: Sequence[RecommendationCard], prefs: UserPreferences | None
    ) -> str:
        """Claim, send, record one search's digest; returns the outcome name."""
        key = _key(item)
        progress = await self._claim(key)
        if progress is None:
            return "claimed_elsewhere"
        cards = cards[: max(0, self._options.digest_size - progress.cards)]  # only the rest
        if not cards:
            if progress.delivered:  # resumed, and nothing more is new: what went out counts
                return await self._record(key, progress)
            await self._finish_empty(key)
            return "empty"
        try:
            await self._send(item, cards, prefs, progress)
        except Exception:  # a bug must not leave the day claimed for ever
            logger.exception("digest for user %s crashed; releasing the claim", key[0])
            progress.failed = True
        return await self._record(key, progress)

    async def _send(
        self,
        item: DueDigest,
        cards: Sequence[RecommendationCard],
        prefs: UserPreferences | None,
        progress: DigestProgress,
    ) -> None:
        subscriber, key = item.subscriber, _key(item)
        user_id = subscriber.user_id
        if not progress.header_sent and await self._mark_header_sent(key):
            progress.header_sent = True
            context = digest_context(prefs, [card.area_name for card in cards], subscriber)
            result = await self._sender.send_header(subscriber, context)
            if not progress.take(result):
                # Not accepted: with nothing else sent the claim is released whole and the
                # next tick sends the context line then.
                progress.header_sent = progress.cards > 0
                return
        for card in cards:
            result = await self._sender.send_card(subscriber, card)
            if result.ok:
                # Shown now, so a resumed run after a crash will not send it again.
                await self._source.mark_delivered(user_id, [card.recommendation_id])
                progress.cards += 1
            if not progress.take(result):
                return
            if result.ok:
                await self._record_progress(key, progress)

    async def _claim(self, key: _Key) -> DigestProgress | None:
        """Claim the period, or take up the claim a gone sender left; the progress so
        far, or None when another sender has it."""
        user_id, search_id, day = key
        now = self._clock()
        previous = self._resume.pop(key, None)
        async with self._sessions() as session:
            repo = DigestRepository(session)
            if previous is None:
                claimed = await repo.claim(
                    user_id, day, at=now, holder=self._holder, search_id=search_id
                )
            else:
                claimed = await repo.take_over(
                    user_id,
                    day,
                    previous=previous,
                    holder=self._holder,
                    at=now,
                    search_id=search_id,
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

    async def _mark_header_sent(self, key: _Key) -> bool:
        user_id, search_id, day = key
        async with self._sessions() as session:
            first = await DigestRepository(session).mark_header_sent(
                user_id, day, search_id=search_id
            )
            await session.commit()
        return first

    async def _record_progress(self, key: _Key, progress: DigestProgress) -> None:
        user_id, search_id, day = key
        async with self._sessions() as session:
            await DigestRepository(session).record_progress(
                user_id, day, progress.message_ids, progress.cards, search_id=search_id
            )
            await session.commit()

    async def _finish_empty(self, key: _Key) -> None:
        user_id, search_id, day = key
        async with self._sessions() as session:
            await DigestRepository(session).mark_empty(
                user_id, day, self._clock(), search_id=search_id
            )
            await session.commit()
        self._mark_done(key)

    async def _record(self, key: _Key, progress: DigestProgress) -> str:
        user_id, search_id, day = key
        if progress.failed and progress.started:
            await self._put_down(key)
            return "partial"
        if not progress.delivered:
            await self._release(key, blocked=progress.blocked)
            return "blocked" if progress.blocked else "failed"
        now = self._clock()
        async with self._sessions() as session:
            await DigestRepository(session).mark_sent(
                user_id, day, progress.message_ids, progress.cards, now, search_id=search_id
            )
            if progress.blocked:  # blocked mid-digest: what arrived counts, then stop
                await UserRepository(session).mark_inactive(user_id, now)
            await session.commit()
        self._mark_done(key)
        return "sent"

    async def _put_down(self, key: _Key) -> None:
        """Keep what went out; the next tick takes the claim up and sends the rest."""
        user_id, search_id, day = key
        async with self._sessions() as session:
            await DigestRepository(session).put_down(user_id, day, search_id=search_id)
            await session.commit()

    async def _release(self, key: _Key, *, blocked: bool) -> None:
        """Give the period back (a later tick retries); a blocked user is also
        deactivated, so there is no later tick for them until they talk to the bot again."""
        user_id, search_id, day = key
        async with self._sessions() as session:
            await DigestRepository(session).release(user_id, day, search_id=search_id)
            if blocked:
                await UserRepository(session).mark_inactive(user_id, self._clock())
            await session.commit()


def _key(item: DueDigest) -> _Key:
    """The digest's unit: user × search × period."""
    return (item.subscriber.user_id, item.key, item.local_date)


def _began(onboarded_at: datetime | None, search: Search) -> datetime | None:
    """When a search began owing digests: the person's onboarding for the search it made,
    the later of that and its creation for a search added since (one made at 15:00 owes
    nothing for this morning's slot)."""
    if search.position == 0 or search.created_at is None:
        return onboarded_at
    if onboarded_at is None:
        return search.created_at
    return max(onboarded_at, search.created_at, key=_as_utc)


def _as_utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
