"""The scale-out benchmark's pure pieces: the balancer's turn order and the ledger that
finds lost and doubled updates."""

from __future__ import annotations

from bench.scaleout import RoundRobin, digest_check, reply_ledger


def test_round_robin_gives_each_backend_the_first_turn_in_order() -> None:
    rr = RoundRobin(2)
    assert [rr.order()[0] for _ in range(4)] == [0, 1, 0, 1]


def test_round_robin_falls_back_on_the_other_backends_in_order() -> None:
    rr = RoundRobin(3)
    rr.order()
    assert rr.order() == [1, 2, 0]


def test_ledger_counts_an_update_handled_by_two_instances_as_doubled() -> None:
    rows = reply_ledger({1: "like", 2: "like"}, [[1], [1, 2]], {1: 1, 2: 1})
    assert (rows["like"].served, rows["like"].lost, rows["like"].doubled) == ([1, 2], 0, 1)


def test_ledger_counts_an_unhandled_update_and_an_unanswered_tap_as_lost() -> None:
    rows = reply_ledger({1: "/jobs", 2: "like"}, [[2]], {2: 0})
    assert (rows["/jobs"].lost, rows["like"].lost) == (1, 1)


def test_ledger_counts_a_tap_answered_twice_as_doubled() -> None:
    rows = reply_ledger({1: "like"}, [[1]], {1: 2})
    assert rows["like"].doubled == 1


def test_digest_check_finds_a_digest_sent_twice_and_one_never_sent() -> None:
    # user 1: header + 2 cards expected, 6 messages came; user 2: no delivery row at all
    assert digest_check({1: 6, 2: 0}, [(1, "sent", 2)]) == (1, 3)


def test_a_digest_still_under_way_has_not_come_and_what_it_sent_is_not_extra() -> None:
    assert digest_check({10: 2}, [(10, "pending", 3)]) == (1, 0)
    assert digest_check({10: 5}, [(10, "pending", 3)]) == (1, 1)
