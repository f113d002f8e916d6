"""Shares shown as whole percents that add up to 100 (largest-remainder rounding).

Rounding each share on its own shows 0.406 / 0.297 / 0.297 as 41 % · 30 % · 30 % = 101 %,
which reads as a bug to the person looking at their ranking weights.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

WHOLE = 100


def whole_percents(shares: Sequence[float]) -> list[int]:
    """Each share as a whole percent, the percents summing to exactly 100.

    Shares are normalised first (so raw weights work too); each gets the floor of its
    percent, and the points still missing go to the largest remainders (the earlier share
    wins a tie, so the result is deterministic). All-zero or empty input gives zeros.
    """
    clean = [value if math.isfinite(value) and value > 0 else 0.0 for value in shares]
    total = sum(clean)
    if total <= 0:
        return [0] * len(clean)
    exact = [value * WHOLE / total for value in clean]
    floors = [math.floor(value) for value in exact]
    missing = WHOLE - sum(floors)
    by_remainder = sorted(range(len(exact)), key=lambda i: (-(exact[i] - floors[i]), i))
    for index in by_remainder[:missing]:
        floors[index] += 1
    return floors
