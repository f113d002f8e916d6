"""whole_percents: shares shown as whole percents that add up to 100."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.domain.shares import whole_percents


def test_shares_that_round_to_101_are_shown_as_100() -> None:
    # Rounded one by one these are 41 + 30 + 30.
    assert whole_percents([0.406, 0.297, 0.297]) == [40, 30, 30]


def test_shares_that_round_to_99_are_shown_as_100() -> None:
    # Rounded one by one these are 33 + 33 + 33.
    assert whole_percents([1 / 3, 1 / 3, 1 / 3]) == [34, 33, 33]


def test_exact_percents_are_kept() -> None:
    assert whole_percents([0.4, 0.3, 0.3]) == [40, 30, 30]


def test_raw_weights_are_normalised_first() -> None:
    assert whole_percents([2.0, 1.0, 1.0]) == [50, 25, 25]


@pytest.mark.parametrize("shares", [[], [0.0, 0.0], [float("nan"), -1.0]])
def test_no_positive_share_gives_zeros(shares: list[float]) -> None:
    assert whole_percents(shares) == [0] * len(shares)


@given(st.lists(st.floats(min_value=0.001, max_value=1e6), min_size=1, max_size=8))
def test_percents_always_add_up_to_100(shares: list[float]) -> None:
    percents = whole_percents(shares)
    assert sum(percents) == 100
    total = sum(shares)
    # Each shown percent is its exact share rounded down or up, never further off.
    assert all(abs(p - s * 100 / total) < 1 for p, s in zip(percents, shares, strict=True))
