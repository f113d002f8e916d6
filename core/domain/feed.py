"""Browse state of the feed: what each user had already seen when they opened it."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

FEED_SESSIONS = 10_000  # users whose current browse is remembered (oldest forgotten)
# Relevance given to a stored recommendation a dealbreaker now rules out (e.g. after a
# "less of" exclusion): kept, so it is never recommended again, but out of every feed.
RULED_OUT = -1.0


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One stored recommendation in a user's feed order."""

    recommendation_id: int
    relevance: float
    shown: bool


@dataclass(slots=True)
class _FeedSession:
    """Recommendations already shown when the user opened the feed: hidden from this
    browse, so a refreshed feed starts with what is new and page offsets stay stable."""

    seen_before: frozenset[int] = frozenset()


FeedKey = int | tuple[int, ...]  # a user, or a user, one of their searches (and where)


class FeedSessions:
    """The current browse of each recent user (an LRU of ``FEED_SESSIONS`` users), per
    search when keyed by (user, search)."""

    def __init__(self, size: int = FEED_SESSIONS) -> None:
        self._size = size
        self._feeds: OrderedDict[FeedKey, _FeedSession] = OrderedDict()

    def visible(
        self,
        user_id: FeedKey,
        index: list[FeedEntry],
        *,
        new_browse: bool,
        refresh: bool = False,
    ) -> list[FeedEntry]:
        """The feed entries of this browse; a new browse hides what was shown before.

        Opening a feed that was all seen browses it all again rather than show nothing
        (the person asked for the feed, not for news); a refresh asks for what is new, so
        with nothing new it is empty — re-sending seen cards would repeat them in the chat."""
        feed = self._feeds.get(user_id)
        if new_browse or feed is None:
            shown = frozenset(entry.recommendation_id for entry in index if entry.shown)
            everything_seen = len(shown) == len(index) and not refresh
            feed = _FeedSession(frozenset() if everything_seen else shown)
            self._feeds[user_id] = feed
        self._feeds.move_to_end(user_id)
        if len(self._feeds) > self._size:
            self._feeds.popitem(last=False)
        return [entry for entry in index if entry.recommendation_id not in feed.seen_before]
