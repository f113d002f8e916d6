"""Per-user request budget: a token bucket for each person calling the API.

One person's Mini App (or a script with their initData) cannot starve the others: each
user id has its own bucket of ``burst`` requests refilled at ``rate`` per second. An
empty bucket answers how long until the next token (the 429's ``Retry-After``).
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

MAX_TRACKED_USERS = 100_000  # buckets kept; the least recently seen go first (full anyway)


@dataclass(slots=True)
class _Bucket:
    tokens: float
    updated: float


class UserRateLimiter:
    def __init__(
        self,
        rate: float,
        burst: int,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        max_users: int = MAX_TRACKED_USERS,
    ) -> None:
        self._rate = rate
        self._burst = float(burst)
        self._now = monotonic
        self._max_users = max_users
        self._buckets: OrderedDict[int, _Bucket] = OrderedDict()

    def acquire(self, user_id: int) -> float:
        """Take one token: 0.0 when allowed, else the seconds until one is available."""
        now = self._now()
        bucket = self._buckets.get(user_id)
        if bucket is None:
            bucket = self._buckets[user_id] = _Bucket(self._burst, now)
            if len(self._buckets) > self._max_users:
                self._buckets.popitem(last=False)
        else:
            self._buckets.move_to_end(user_id)
            bucket.tokens = min(self._burst, bucket.tokens + (now - bucket.updated) * self._rate)
            bucket.updated = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return 0.0
        return (1.0 - bucket.tokens) / self._rate


def retry_after_header(wait: float) -> str:
    """Retry-After is whole seconds; never 0 for a refused request."""
    return str(max(1, math.ceil(wait)))
