"""The digest benchmark's accounting: the active people's replies (percentiles,
unanswered, what fell inside a phase), the 429s by kind, and the targets it checks."""

from __future__ import annotations

from bench.digest import (
    CountingTelegram,
    Rejection,
    Rejections,
    Replies,
    Searches,
    SendWindow,
    digest_targets,
    physical_bound,
)
from bench.updates import Results


def _results() -> Results:
    results = Results()
    for seconds in (0.01, 0.02, 0.03, 0.04, 1.0):
        results.add("👍 like", seconds, seconds)
    results.add("next page", 2.0, 0.05)
    results.timeouts["details"] += 1
    return results


def _telegram() -> CountingTelegram:
    # Not started: only its stamps are read.
    tg = CountingTelegram(due=10)
    tg.reply_sent_at = [99.0, 100.0, 100.5, 101.0, 102.0]
    tg.rejected = [
        Rejection(100.2, digest=False, per_chat=True),
        Rejection(100.3, digest=True, per_chat=False),
        Rejection(105.0, digest=False, per_chat=True),
    ]
    return tg


def test_replies_count_answered_unanswered_and_only_what_fell_in_the_phase() -> None:
    replies = Replies.of(_results(), _telegram(), 100.0, 101.0)
    assert (replies.answered, replies.unanswered, replies.harness_errors) == (6, 1, 0)
    assert (replies.messages, replies.rejected) == (3, 1)  # 100.0, 100.5, 101.0; one reply 429


def test_reply_percentiles_are_nearest_rank_in_milliseconds() -> None:
    replies = Replies.of(_results(), _telegram(), 100.0, 101.0)
    assert round(replies.p50) == 30  # the 3rd of 6
    assert round(replies.p95) == round(replies.p99) == 2000
    assert round(replies.first_p95) == 1000
    assert {k: round(v) for k, v in replies.p95_by_action.items()} == {
        "next page": 2000,
        "👍 like": 1000,
    }


def test_rejections_split_digest_and_replies_within_the_window() -> None:
    found = Rejections.between(_telegram().rejected, 100.0, 101.0)
    assert (found.digest, found.replies, found.per_chat, found.total) == (1, 1, 1, 2)


def _targets(wall: float, replies: Replies | None) -> dict[str, bool]:
    window = SendWindow.of([0.0 + i / 29.5 for i in range(60)])
    searches = Searches(requests=4, distinct=4, queries=3)
    targets = digest_targets(
        window, wall, physical_bound(60), Rejections(0, 0, 0), searches, 3, replies
    )
    return {t.name: t.met for t in targets}


def test_the_wall_time_target_is_within_1_1_of_the_physical_bound() -> None:
    assert physical_bound(60) == 2.0
    assert _targets(2.2, None)["tick wall time / physical bound"]
    assert not _targets(2.3, None)["tick wall time / physical bound"]


def test_reply_targets_are_checked_only_with_active_people() -> None:
    assert "replies during the tick, p95" not in _targets(2.0, None)
    met = _targets(2.0, Replies(10, 20.0, 250.0, 400.0, 0, 0, 12, 0))
    assert met["replies during the tick, p95"] and met["replies unanswered"]
    slow = _targets(2.0, Replies(10, 20.0, 300.0, 400.0, 1, 0, 12, 0))
    assert not slow["replies during the tick, p95"] and not slow["replies unanswered"]


def test_searches_count_each_query_page_once_and_other_requests_only_inside_the_tick() -> None:
    from sandbox.hh import RecordedRequest

    def get(path: str, at: float, **query: str) -> RecordedRequest:
        return RecordedRequest("GET", path, list(query.items()), {}, at)

    recorded = [
        get("/vacancies", 1.0, text="python", page="0"),
        get("/vacancies", 2.0, text="python", page="1"),
        get("/vacancies", 3.0, text="python", page="1"),  # fetched twice
        get("/vacancies/7", 4.0),
        get("/vacancies/8", 9.0),  # after the tick
    ]
    searches = Searches.of(recorded, (2.5, 5.0))
    assert (searches.requests, searches.distinct, searches.queries) == (3, 2, 1)
    assert (searches.repeated, searches.others_in_tick) == (1, 1)
