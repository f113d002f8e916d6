"""Recently answered feed pages, per person: the Mini App's most frequent request.

Opening the feed is a new browse (core.domain.feed): it hides what was shown before and
marks the new page shown, a database write. Answering the same page again from memory
for a short while makes reopening the app or switching tabs cheap, and shows the same
vacancies rather than moving on. A 👍/👎 or a save through the API updates the cached
pages in place; a change of preferences and every learning run (both re-rank the feed)
forget them. A change made in the chat meanwhile shows after at most ``ttl`` seconds.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from api.models import RecommendationList

MAX_USERS = 10_000


@dataclass(slots=True)
class _Page:
    expires: float
    page: RecommendationList
    body: bytes


class FeedPageCache:
    def __init__(
        self,
        ttl: float,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        max_users: int = MAX_USERS,
    ) -> None:
        self._ttl = ttl
        self._now = monotonic
        self._max_users = max_users
        self._pages: OrderedDict[int, dict[Hashable, _Page]] = OrderedDict()

    def get(self, user_id: int, key: Hashable) -> bytes | None:
        entry = self._pages.get(user_id, {}).get(key)
        if entry is None:
            return None
        if entry.expires <= self._now():
            del self._pages[user_id][key]
            return None
        return entry.body

    def put(self, user_id: int, key: Hashable, page: RecommendationList) -> bytes:
        body = page.model_dump_json().encode()
        pages = self._pages.setdefault(user_id, {})
        self._pages.move_to_end(user_id)
        pages[key] = _Page(self._now() + self._ttl, page, body)
        while len(self._pages) > self._max_users:
            self._pages.popitem(last=False)
        return body

    def update(self, user_id: int, recommendation_id: int, **changes: Any) -> None:
        """The person rated or saved a vacancy: every cached page showing it says so."""
        for entry in self._pages.get(user_id, {}).values():
            items = entry.page.recommendations
            if any(item.id == recommendation_id for item in items):
                entry.page = entry.page.model_copy(
                    update={
                        "recommendations": [
                            item.model_copy(update=changes)
                            if item.id == recommendation_id
                            else item
                            for item in items
                        ]
                    }
                )
                entry.body = entry.page.model_dump_json().encode()

    def forget(self, user_id: int) -> None:
        self._pages.pop(user_id, None)

    async def forget_learned(self, user_id: int) -> None:
        """The learner's listener: a learning run re-ranked this person's feed."""
        self.forget(user_id)


class KnownUsers:
    """Profiles of people who started the bot, read once a minute rather than per request
    (a users-table read per request was most of the API's cost). UserService tells of
    every change and deletion (``forget``), so this never outlives them in this process;
    ``ttl`` bounds what another instance changed."""

    def __init__(
        self,
        ttl: float,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        max_users: int = MAX_USERS,
    ) -> None:
        self._ttl = ttl
        self._now = monotonic
        self._max_users = max_users
        self._profiles: OrderedDict[int, tuple[float, Any]] = OrderedDict()

    def get(self, user_id: int) -> Any | None:
        entry = self._profiles.get(user_id)
        if entry is None or entry[0] <= self._now():
            return None
        return entry[1]

    def put(self, user_id: int, profile: Any) -> None:
        self._profiles[user_id] = (self._now() + self._ttl, profile)
        self._profiles.move_to_end(user_id)
        while len(self._profiles) > self._max_users:
            self._profiles.popitem(last=False)

    def forget(self, user_id: int) -> None:
        self._profiles.pop(user_id, None)
