"""Background learning: a 👍/👎 tap returns at once; the preference update runs later.

:class:`Learner` turns the user's stored history (feedback rows, shown-but-unrated cards,
"less of" events) into :mod:`core.domain.learning` signals, recomputes the preferences, stores
them and tells its listeners (the recommender re-scores the stored feed), so the next page
ranks with what the taps taught.

Bursts coalesce per user: a run waits ``debounce`` seconds before it starts, so a tap,
its reason chip and a "less of" chip a second later cost one recompute; taps arriving
while it runs ask for exactly one more. Never two runs of the same user at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import weakref
from collections.abc import Awaitable, Callable, Sequence

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.domain.clock import Clock, utc_now
from core.domain.feature_cache import FeatureCache
from core.domain.learning import (
    KEYWORD_CAP,
    FeedbackSignal,
    PreferenceSignal,
    is_preference_kind,
    recompute_preferences,
)
from core.domain.preferences import (
    FeedbackReason,
    LearnedLimits,
    ScoreWeights,
    UserPreferences,
)
from db import queries_recommender as queries
from db.models import JobFeedback, PreferenceEvent
from db.repositories import (
    PreferenceEventRepository,
    PreferencesRepository,
)

logger = logging.getLogger(__name__)

LearnedListener = Callable[[int], Awaitable[object]]
SEEN_HISTORY = 300  # unrated cards used as background; bounds the cost of one recompute
DEBOUNCE_SECONDS = 2.0  # a 👎 and its reason chip arrive within a couple of seconds
_FIT_WORDS = {"fits": True, "fit": True, "yes": True, "mismatch": False, "no": False}


def declared_view(stored: UserPreferences) -> UserPreferences:
    """The declared preferences hidden in the stored (declared + learned) ones, for rows
    saved before the declared preferences were kept apart (``declared`` column).

    The preferences row holds what ranking uses. Recomputing on top of it as-is would fold
    earlier learning in again (weights drifting further with every tap, stale keywords
    living forever), so what only learning writes is taken out: the component weights
    (not user-editable) and keywords at or below the learned cap. Explicit "less of" /
    "more of" keywords are re-applied from their events; a raised salary expectation and
    learned city/salary filters are idempotent under recompute, so they may stay.
    """
    return stored.model_copy(
        update={
            "weights": ScoreWeights(),
            "learned_limits": LearnedLimits(),
            "positive_keywords": _above_learned_cap(stored.positive_keywords),
            "negative_keywords": _above_learned_cap(stored.negative_keywords),
        },
        deep=True,
    )


def _above_learned_cap(keywords: dict[str, float]) -> dict[str, float]:
    return {term: weight for term, weight in keywords.items() if abs(weight) > KEYWORD_CAP}


def _fit(value: str | None) -> bool | None:
    return _FIT_WORDS.get((value or "").strip().lower())


def _reason(value: str | None) -> FeedbackReason | None:
    try:
        return FeedbackReason(value) if value else None
    except ValueError:
        return None


class Learner:
    """Runs preference recomputes in background tasks, one at a time per user."""

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        clock: Clock = utc_now,
        *,
        seen_history: int = SEEN_HISTORY,
        debounce: float = DEBOUNCE_SECONDS,
        features: FeatureCache | None = None,
    ) -> None:
        self._sessions = session_factory
        self._clock = clock
        self._seen_history = seen_history
        self._debounce = debounce
        self._draining = asyncio.Event()  # set: skip the debounce, finish now
        self._features = features or FeatureCache()
        self._listeners: list[LearnedListener] = []
        self._tasks: dict[int, asyncio.Task[None]] = {}
        self._again: set[int] = set()  # users whose history changed during their run
        # Weak: a user's lock lives only while someone holds or waits for it.
        self._locks: weakref.WeakValueDictionary[int, asyncio.Lock] = weakref.WeakValueDictionary()

    def on_learned(self, listener: LearnedListener) -> None:
        """Call ``listener(user_id)`` after each stored update (e.g. Recommender.rescore)."""
        self._listeners.append(listener)

    # ------------------------------------------------------------------ scheduling

    def schedule(self, user_id: int) -> None:
        """Learn from the user's latest history soon; returns immediately.

        While a run for the user is waiting or in progress, further calls only ask for
        one more run after it, so a burst of taps costs one or two recomputes."""
        if user_id in self._tasks:
            self._again.add(user_id)
            return
        task = asyncio.get_running_loop().create_task(self._run(user_id))
        self._tasks[user_id] = task

    async def _run(self, user_id: int) -> None:
        try:
            while True:
                await self._pause()
                self._again.discard(user_id)
                try:
                    await self.relearn(user_id)
                except Exception:  # a background task has nobody to raise to
                    logger.exception("Learning failed for user %s", user_id)
                if user_id not in self._again:
                    return
        finally:
            self._tasks.pop(user_id, None)

    async def _pause(self) -> None:
        """Let a burst of taps gather; drain() cuts the wait short."""
        if self._debounce > 0 and not self._draining.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._draining.wait(), self._debounce)

    async def drain(self) -> None:
        """Run every scheduled update now (no debounce) and wait until all have finished,
        including runs they asked for. For tests and shutdown."""
        self._draining.set()
        try:
            while self._tasks:
                await asyncio.gather(*list(self._tasks.values()), return_exceptions=True)
        finally:
            self._draining.clear()

    @property
    def pending(self) -> int:
        return len(self._tasks)

    # ------------------------------------------------------------------ learning

    async def relearn(self, user_id: int) -> UserPreferences | None:
        """Recompute and store the user's preferences now, then notify the listeners.

        The daily refresh calls this directly. None when the user has no preferences."""
        # One recompute per user at a time: a background run and the daily refresh
        # would otherwise both read, recompute and write the same row.
        lock = self._locks.setdefault(user_id, asyncio.Lock())
        async with lock:
            updated = await self._recompute_and_store(user_id)
        if updated is not None:
            for listener in self._listeners:
                await listener(user_id)
        return updated

    async def _recompute_and_store(self, user_id: int) -> UserPreferences | None:
        """Every search of the user learns from the feedback on its own cards (and the
        person's "less of" events); returns the active search's new preferences."""
        now = self._clock()
        async with self._sessions() as session:
            repo = PreferencesRepository(session)
            searches = await repo.all_of_user(user_id)  # the active search's first
            if not searches:
                return None
            events = await self._event_signals(session, user_id)
            result: UserPreferences | None = None
            for search in searches:
                search_id = search.search_id
                feedback = await self._feedback_signals(session, user_id, search_id)
                declared = search.declared or declared_view(search.preferences)
                updated = recompute_preferences(declared, feedback, events, now)
                updated.last_learned_at = now
                await repo.save(user_id, updated, search_id=search_id)
                if result is None:
                    result = updated
            await session.commit()
        return result

    async def _feedback_signals(
        self, session: AsyncSession, user_id: int, search_id: int | None = None
    ) -> list[FeedbackSignal]:
        rated = await queries.rated_history(session, user_id, search_id)
        signals = [
            signal
            for feedback, raw_json in rated
            if (signal := self._rated_signal(feedback, raw_json)) is not None
        ]
        shown = await queries.shown_unrated(session, user_id, self._seen_history, search_id)
        for raw_json, shown_at in shown:
            features = self._features.from_stored(raw_json)
            if features is not None:
                signals.append(FeedbackSignal(features=features, is_relevant=None, at=shown_at))
        return signals

    def _rated_signal(self, feedback: JobFeedback, raw_json: str | None) -> FeedbackSignal | None:
        # A row whose stored JSON no longer parses teaches nothing.
        features = self._features.from_stored(raw_json)
        if features is None:
            return None
        return FeedbackSignal(
            features=features,
            is_relevant=feedback.is_relevant,
            at=feedback.updated_at,
            reason=_reason(feedback.reason),
            skill_fit=_fit(feedback.skill_feedback),
            location_fit=_fit(feedback.location_feedback),
            salary_fit=_fit(feedback.salary_feedback),
            rating=feedback.score,
        )

    @staticmethod
    async def _event_signals(session: AsyncSession, user_id: int) -> list[PreferenceSignal]:
        events: Sequence[PreferenceEvent] = await PreferenceEventRepository(session).list(user_id)
        return [
            PreferenceSignal(kind=event.kind, value=event.value or "", at=event.created_at)
            for event in events
            if is_preference_kind(event.kind)
        ]
