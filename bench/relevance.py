"""Relevance as users see it: the bot's whole pipeline against HH's own order, graded alike.

    ./run bench relevance [--check] [--quick] [--rounds 3]

Each archetype (bench/relevance_archetypes.py) goes through what the bot runs: the typed
onboarding answers through the project's parsers (parse_skills_text, the city resolver
over HH /areas, parse_salary) into OnboardingAnswers → PreferencesService.
complete_onboarding → Recommender.get_personalized_recommendations, the /jobs path, at
the bot's page size, over real HTTP with the project's HH client to the HH emulator, into
a real SQLite file. The cards of the first 10 shown are graded (the vacancy each is for)
by bench/relevance_grader.py, which shares nothing with core/.

Baseline in the same run: HH's own order for what a person types on hh.kz —
GET /vacancies?text=<typed title>&area=<city>&salary=<floor>&order_by=relevance (no
salary= for the people who skip the salary step).

Every archetype with a floor runs twice: as typed, and skipping the salary step
(``<key>~no_pay``, bench/relevance_archetypes.SKIPPED_PAY) while still meaning the floor,
which the grader judges by. With the floor typed, round 0 is often as good as the pool
allows; without it, what the cards fit after the rounds is what learning found out.

Then ``--rounds`` rounds of consistent feedback through FeedbackService (the service the
feedback handler calls): 👍 on fitting cards, 👎 with the reason chip the grader's first
failed criterion names (role → skills, location, salary, experience), learning
drained, then the person taps 🔄 Refresh on /jobs. What learning did is measured two
ways, both graded by the grader, because the corpus is static: each round shows new
cards, so the fitting ones run out, and scoring the page shown against round 0's page
would measure the exhaustion of the corpus, not learning.

- Fresh look (the P@10 gain target): after each round, the page a person would get from
  a fresh look at the same searches — the whole candidate pool of round 0 (every stored
  recommendation the feed could page to) ranked with the learned preferences, its first
  10 at or above the relevance floor — against round 0's ranking of the same pool. The
  gain is measured over the archetypes whose round-0 page had room to improve (fewer
  fitting cards than the pool holds, up to 10); none may be lower than at round 0.
- Next page: the fit share of the new cards the refresh shows (cards never shown before)
  after each round, against the page before it. A consistent user's next page must not
  fit worse than the one before, unless the pool has fewer fitting vacancies left unseen
  than that share needs: the bound is min(share before, fitting unseen in the pool /
  cards on the page). A refresh with nothing new shows no page and is not judged.

recall@50: of HH's first 50 fitting results for the plain query (all pages up to HH's
depth), the share that reaches our feed: the user's stored recommendations at or above
the relevance floor, which the person reaches by paging. (The share among our top 50 is
printed next to it: with more than 50 fitting vacancies, our top 50 is full of fitting
ones HH ranks elsewhere, which says nothing about recall.)

Targets (--check): every archetype our P@10 ≥ HH order's; mean P@10 ≥ HH order + 0.15;
mean recall@50 ≥ 0.9; after the rounds, mean fresh-look P@10 gain ≥ +0.05 (archetypes
with room) and no archetype lower than at round 0; no next page below its bound. Means
are over archetypes with at least one fitting vacancy in the corpus (the others are
listed; they can only score 0 whoever ranks).
"""

from __future__ import annotations

import asyncio
import logging
import math
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench._harness import (
    Target,
    base_parser,
    environment_line,
    print_table,
    profiled,
    report_targets,
)
from bench.relevance_archetypes import ARCHETYPES, QUICK, SKIPPED_PAY, Archetype
from bench.relevance_grader import Verdict, grade

NOW = datetime(2026, 2, 10, 12, 0, tzinfo=UTC)
CORPUS_SEED, CORPUS_SIZE = 42, 3200
HH_APP_TOKEN = "bench-relevance-token"
HH_USER_AGENT = "hh-jobs-bot-bench/1.0 (bench@example.com)"
HH_DEPTH = 2000  # HH serves at most this many results of one query
HH_PAGE = 50
SHOWN = 10  # cards graded per page shown (P@10)
RECALL_AT = 50
OUR_PAGES = 3  # search pages of 100 the recommender reads (Recommender max_pages)
ROUNDS = 3
TARGET_MARGIN = 0.15
TARGET_RECALL = 0.9
TARGET_GAIN = 0.05
REASON_BY_CRITERION = {
    "role": "skills",
    "location": "location",
    "salary": "salary",
    "experience": "experience",
}
VACANCIES: dict[str, dict[str, Any]] = {}  # the corpus by id, for describing lost ones
HASH_SEED = "0"  # core/scoring sums floats over sets: exact ties would follow the hash seed


# ============================================================================ metrics


def precision(fits: Sequence[bool], k: int) -> float:
    """Share of fitting cards among the first ``k``; a missing card counts as a miss."""
    return sum(fits[:k]) / k


def ndcg(fits: Sequence[bool], fitting_total: int, k: int = SHOWN) -> float:
    """Binary nDCG@k; the ideal puts min(k, fitting_total) fitting vacancies first."""
    ideal = sum(1 / math.log2(i + 2) for i in range(min(k, fitting_total)))
    if ideal == 0:
        return math.nan
    return sum(1 / math.log2(i + 2) for i, fit in enumerate(fits[:k]) if fit) / ideal


def _mean(values: Sequence[float]) -> float:
    kept = [v for v in values if not math.isnan(v)]
    return sum(kept) / len(kept) if kept else math.nan


# ============================================================================ results


@dataclass(frozen=True, slots=True)
class Shown:
    """One card the bot sent, with the grader's verdict on its vacancy."""

    recommendation_id: int | None
    vacancy_id: str
    title: str
    area: str
    match: float  # the match % the card shows, 0..1
    verdict: Verdict


@dataclass(slots=True)
class Outcome:
    archetype: Archetype
    fitting_total: int  # fitting vacancies in the whole corpus
    hh: list[Shown] = field(default_factory=list)
    rounds: list[list[Shown]] = field(default_factory=list)  # page shown at round r
    fitting_left: list[int] = field(default_factory=list)  # fitting, not shown before, per round
    recall: list[float] = field(default_factory=list)  # into our feed, at round 0
    recall_top: list[float] = field(default_factory=list)  # into our top 50, at round 0
    pool: list[str] = field(default_factory=list)  # round 0's candidate pool (vacancy ids)
    pool_fitting: int = 0  # fitting vacancies in it
    fresh: list[list[bool]] = field(default_factory=list)  # fresh-look page fits, per round
    pool_fitting_unseen: list[int] = field(default_factory=list)  # before each round's page
    hh_fitting_found: int = 0
    # HH's fitting results for the plain query, where our pipeline lost them (round 0):
    lost_by_query: list[str] = field(default_factory=list)  # not in our HH answer
    lost_by_ranking: list[str] = field(default_factory=list)  # fetched, not stored top 50

    def fits(self, cards: Sequence[Shown]) -> list[bool]:
        return [card.verdict.fits for card in cards]

    def p(self, r: int, k: int = SHOWN) -> float:
        """P@k of the page shown at round ``r`` (round 0: the first /jobs)."""
        return precision(self.fits(self.rounds[r]), k)

    def ndcg(self, r: int) -> float:
        return ndcg(self.fits(self.rounds[r]), self.fitting_total)

    def fresh_p(self, r: int) -> float:
        return precision(self.fresh[r], SHOWN)

    @property
    def fresh_room(self) -> bool:
        """Could a better ranking of the pool put more fitting cards on round 0's page?"""
        return sum(self.fresh[0]) < min(SHOWN, self.pool_fitting)

    def share(self, r: int) -> float:
        """Fit share of the new cards shown at round ``r``; NaN when nothing new came."""
        cards = self.rounds[r]
        return sum(self.fits(cards)) / len(cards) if cards else math.nan

    def share_bound(self, r: int) -> float:
        """The least fit share round ``r``'s page may have: the page before's, unless the
        pool has fewer fitting vacancies left unseen than that share needs."""
        cards = self.rounds[r]
        before = next((self.share(q) for q in range(r - 1, -1, -1) if self.rounds[q]), 0.0)
        if not cards:
            return math.nan
        return min(before, self.pool_fitting_unseen[r] / len(cards))

    def share_ok(self, r: int) -> bool:
        return not self.rounds[r] or self.share(r) + 1e-9 >= self.share_bound(r)

    @property
    def hh_p10(self) -> float:
        return precision(self.fits(self.hh), SHOWN)

    @property
    def measurable(self) -> bool:
        return self.fitting_total > 0


# ============================================================================ the run


@dataclass(slots=True)
class World:
    corpus: Any  # sandbox.corpus.Corpus
    services: Any  # bot.services.Services
    session_factory: Any
    per_page: int

    def verdict(self, vacancy_id: str, archetype: Archetype) -> Verdict:
        return grade(self.corpus.vacancies[vacancy_id], archetype.seeker(), self.corpus.rates)

    def shown(self, card: Any, archetype: Archetype) -> Shown:
        return Shown(
            card.recommendation_id,
            card.vacancy_id,
            card.title,
            card.area_name or "",
            card.relevance,
            self.verdict(card.vacancy_id, archetype),
        )


async def answers_as_typed(world: World, a: Archetype) -> Any:
    """The onboarding answers the bot's handlers build from what the person typed: the
    job title typed at the titles step (chosen_job_title, in place of the suggestions),
    skills as free text, the city resolved over HH /areas, the salary as typed."""
    from core.domain.job_titles import chosen_job_title
    from core.domain.onboarding import OnboardingAnswers
    from core.domain.salary import parse_salary
    from core.domain.skills_text import parse_skills_text

    skills = parse_skills_text(a.skills)  # known ones, and the rest via "add anyway"
    match = await world.services.mapping.resolve_city(a.city)
    if match.kind == "exact" and match.area_id is not None:
        area_ids = [match.area_id]
    else:  # "did you mean": the person taps their city when it is offered
        area_ids = [a.area_id] if any(c[0] == a.area_id for c in match.candidates) else []
    currency = await world.services.mapping.salary_currency(area_ids)  # as the bot's step
    salary = parse_salary(a.salary, currency).expectation if a.salary else None
    formats = ["ON_SITE", "HYBRID", "REMOTE"] if a.remote_ok else ["ON_SITE", "HYBRID"]
    return OnboardingAnswers(
        categories=[a.category],
        skills=skills,
        experience=a.experience,
        area_ids=area_ids,
        remote_ok=a.remote_ok,
        work_formats=formats,
        salary=salary,
        job_titles=[title] if (title := chosen_job_title(a.title)) else None,
    )


async def feed(world: World, user_id: int, a: Archetype, *, refresh: bool) -> list[Shown]:
    """The cards of /jobs (or its 🔄), page after page as the person scrolls, until at
    least SHOWN are on screen (the person rates all they saw; metrics take the first)."""
    from core.services.recommender import RecommendationsUnavailable

    cards: list[Shown] = []
    page = 0
    while len(cards) < SHOWN:
        try:
            result = await world.services.recommender.get_personalized_recommendations(
                user_id, page=page, per_page=world.per_page, refresh=refresh and page == 0
            )
        except RecommendationsUnavailable:
            break
        cards.extend(world.shown(card, a) for card in result.items)
        page += 1
        if not result.items or page >= result.total_pages:
            break
    return cards


async def hh_order(world: World, a: Archetype, per_page: int, pages: int) -> list[str]:
    """Vacancy ids in HH's own order for the plain query a person types on hh.kz."""
    params: dict[str, str] = {"text": a.title, "area": a.area_id, "order_by": "relevance"}
    if a.floor is not None and a.salary is not None:  # the filter when they give a salary
        params |= {"salary": str(int(a.floor)), "currency": a.currency}
    ids: list[str] = []
    for page in range(pages):
        result = await world.services.hh.search_vacancies(params, page=page, per_page=per_page)
        ids.extend(item.id for item in result.items)
        if page + 1 >= result.pages or not result.items:
            break
    return ids


async def stored_ranked(world: World, user_id: int, *, floored: bool = True) -> list[str]:
    """Our candidates: the user's stored feed recommendations, best first (as the feed
    orders them), at or above the relevance floor unless ``floored`` is off."""
    from sqlalchemy import select

    from core.domain.scoring import relevance_floor
    from db.models import JobRecommendation

    prefs = await world.services.preferences.get(user_id)
    floor = relevance_floor(prefs) if floored and prefs is not None else 0.0
    stmt = (
        select(JobRecommendation.vacancy_id)
        .where(
            JobRecommendation.user_id == user_id,
            JobRecommendation.relevance_score >= max(floor, 0.0),
            JobRecommendation.source.in_(("recommendation", "digest")),
        )
        .order_by(JobRecommendation.relevance_score.desc(), JobRecommendation.id.desc())
    )
    async with world.session_factory() as session:
        return list((await session.scalars(stmt)).all())


def recall(hh_fitting: Sequence[str], ours: Sequence[str]) -> float:
    """Share of HH's first RECALL_AT fitting results that are among ``ours``."""
    if not hh_fitting:
        return math.nan
    wanted = list(hh_fitting)[:RECALL_AT]
    return len(set(wanted) & set(ours)) / len(wanted)


async def rate(world: World, user_id: int, cards: Sequence[Shown]) -> None:
    """👍 on fitting cards, 👎 and the reason chip on the rest, then learning runs."""
    from core.domain.preferences import FeedbackReason

    feedback = world.services.feedback
    for card in cards:
        if card.recommendation_id is None:
            continue
        await feedback.rate(user_id, card.recommendation_id, card.verdict.fits)
        if not card.verdict.fits:
            reason = FeedbackReason(REASON_BY_CRITERION[card.verdict.failed[0]])
            await feedback.set_reason(user_id, card.recommendation_id, reason)
    await world.services.learner.drain()


def _fitting_unseen(world: World, a: Archetype, seen: set[str]) -> int:
    return sum(
        1
        for vid, v in world.corpus.vacancies.items()
        if vid not in seen and not v.get("archived") and world.verdict(vid, a).fits
    )


async def simulate(world: World, user_id: int, a: Archetype, rounds: int) -> Outcome:
    await world.services.users.ensure_user(
        user_id, first_name=a.key, username=None, language_code="ru"
    )
    await world.services.preferences.complete_onboarding(user_id, await answers_as_typed(world, a))
    outcome = Outcome(a, _fitting_unseen(world, a, set()))
    hh_all = await hh_order(world, a, HH_PAGE, HH_DEPTH // HH_PAGE)
    hh_top = await hh_order(world, a, SHOWN, 1)
    outcome.hh = [
        Shown(None, vid, world.corpus.vacancies[vid]["name"], "", math.nan, world.verdict(vid, a))
        for vid in hh_top
    ]
    hh_fitting = [vid for vid in hh_all if world.verdict(vid, a).fits]
    outcome.hh_fitting_found = len(hh_fitting)
    seen: set[str] = set()
    for r in range(rounds + 1):
        if r > 0:
            await rate(world, user_id, outcome.rounds[-1])
        outcome.fitting_left.append(_fitting_unseen(world, a, seen))
        outcome.pool_fitting_unseen.append(
            sum(1 for vid in outcome.pool if vid not in seen and world.verdict(vid, a).fits)
        )
        cards = await feed(world, user_id, a, refresh=r > 0)
        if r > 0:  # only what is new is on the page; a refresh never repeats a card
            cards = [card for card in cards if card.vacancy_id not in seen]
        outcome.rounds.append(cards)
        seen |= {card.vacancy_id for card in cards}
        if r == 0:
            everything = await stored_ranked(world, user_id, floored=False)
            feed_pool = await stored_ranked(world, user_id)
            outcome.pool = everything
            outcome.pool_fitting = sum(world.verdict(vid, a).fits for vid in feed_pool)
            outcome.recall.append(recall(hh_fitting, feed_pool))
            outcome.recall_top.append(recall(hh_fitting, feed_pool[:RECALL_AT]))
            await _losses(world, user_id, outcome, hh_fitting, set(feed_pool))
        pool = set(outcome.pool)
        ranked = [vid for vid in await stored_ranked(world, user_id) if vid in pool]
        outcome.fresh.append([world.verdict(vid, a).fits for vid in ranked[:SHOWN]])
    return outcome


async def _losses(
    world: World, user_id: int, outcome: Outcome, hh_fitting: list[str], stored: set[str]
) -> None:
    """Split HH's fitting results we do not hold into lost by our query and by ranking."""
    prefs = await world.services.preferences.get(user_id)
    fetched: set[str] = set()
    for params in world.services.recommender.search_plan(prefs):
        for page in range(OUR_PAGES):
            result = await world.services.hh.search_vacancies(params, page=page, per_page=100)
            fetched |= {item.id for item in result.items}
            if page + 1 >= result.pages:
                break
    wanted = hh_fitting[:RECALL_AT]
    outcome.lost_by_query = [vid for vid in wanted if vid not in fetched]
    outcome.lost_by_ranking = [vid for vid in wanted if vid in fetched and vid not in stored]


async def build_world(directory: Path, hh_url: str, corpus: Any) -> tuple[World, Any]:
    from bot.app import build_services
    from bot.features.jobs.views import PER_PAGE
    from bot.i18n import Locales
    from core.config import load_settings
    from core.hh.client import HHClient
    from db.session import create_engine, create_session_factory, migrate

    url = f"sqlite+aiosqlite:///{directory / 'relevance.sqlite'}"
    settings = load_settings(
        bot_token=None,
        webhook_url=None,
        redis_url=None,
        database_url=url,
        hh_api_base_url=hh_url,
        hh_app_token=HH_APP_TOKEN,
        hh_user_agent=HH_USER_AGENT,
        hh_requests_per_second=10_000.0,
        log_level="WARNING",
    )
    await migrate(url)
    engine = create_engine(url)
    session_factory = create_session_factory(engine)
    hh = HHClient.from_settings(settings)
    services = build_services(settings, lambda: NOW, Locales.load(), hh, session_factory)
    return World(corpus, services, session_factory, PER_PAGE), engine


async def run(archetypes: Sequence[Archetype], rounds: int) -> list[Outcome]:
    from sandbox.corpus import build_corpus
    from sandbox.hh import HHEmulator

    corpus = build_corpus(seed=CORPUS_SEED, size=CORPUS_SIZE, now=NOW)
    VACANCIES.update(corpus.vacancies)
    emulator = HHEmulator(corpus, app_token=HH_APP_TOKEN)
    await emulator.start("127.0.0.1", 0)
    directory = Path(tempfile.mkdtemp(prefix="bench-relevance-"))
    try:
        world, engine = await build_world(directory, emulator.url, corpus)
        try:
            return [await simulate(world, 1000 + i, a, rounds) for i, a in enumerate(archetypes)]
        finally:
            await world.services.hh.close()
            await engine.dispose()
    finally:
        await emulator.stop()


# ============================================================================ report


def _pass(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def _pct(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{value:.0%}"


def report(outcomes: Sequence[Outcome], rounds: int) -> list[Target]:
    last = rounds
    measured = [o for o in outcomes if o.measurable]
    rows: list[tuple[Any, ...]] = []
    for o in outcomes:
        rows.append(
            (
                o.archetype.key,
                o.fitting_total,
                o.hh_fitting_found,
                o.p(0, 5),
                o.p(0),
                o.ndcg(0),
                o.recall[0],
                o.recall_top[0],
                precision(o.fits(o.hh), 5),
                o.hh_p10,
                ndcg(o.fits(o.hh), o.fitting_total),
                o.fresh_p(0),
                o.fresh_p(last),
                _pass(o.p(0) >= o.hh_p10),
                _pass(o.fresh_p(last) >= o.fresh_p(0)),
            )
        )

    def mean_row(label: str, chosen: Sequence[Outcome]) -> tuple[Any, ...]:
        keys = {o.archetype.key for o in chosen}
        picked = [row for row in rows if row[0] in keys]
        return (
            label,
            sum(o.fitting_total for o in chosen),
            sum(o.hh_fitting_found for o in chosen),
            *(_mean([row[i] for row in picked]) for i in range(3, 13)),
            "",
            "",
        )

    answered = [o for o in measured if o.hh]
    rows.extend(
        [
            mean_row("**mean**", measured),
            mean_row("mean, HH's query answered", answered),
        ]
    )
    print_table(
        f"Ours (round 0; the fresh look after {rounds} feedback rounds) vs HH's order, "
        "per archetype",
        (
            "archetype",
            "fits in corpus",
            "fits HH finds",
            "P@5",
            "P@10",
            "nDCG@10",
            "recall@50",
            "in our top 50",
            "HH P@5",
            "HH P@10",
            "HH nDCG@10",
            "fresh r0 P@10",
            f"fresh r{rounds} P@10",
            "P@10 ≥ HH",
            f"fresh r{rounds} ≥ r0",
        ),
        rows,
    )
    print_table(
        "After each feedback round. Fresh look: P@10 of the round-0 candidate pool ranked "
        "with the learned preferences. Next page: fit share of the new cards the refresh "
        "shows (cards; bound = min(share before, fitting unseen in the pool / cards))",
        (
            "archetype",
            "pool",
            "pool fits",
            *(f"fresh r{r}" for r in range(rounds + 1)),
            *(f"r{r} cards" for r in range(rounds + 1)),
            *(f"r{r} share" for r in range(rounds + 1)),
            *(f"r{r} bound" for r in range(1, rounds + 1)),
            "next page ok",
        ),
        [
            (
                o.archetype.key,
                len(o.pool),
                o.pool_fitting,
                *(o.fresh_p(r) for r in range(rounds + 1)),
                *(len(o.rounds[r]) for r in range(rounds + 1)),
                *(_pct(o.share(r)) for r in range(rounds + 1)),
                *(_pct(o.share_bound(r)) for r in range(1, rounds + 1)),
                _pass(all(o.share_ok(r) for r in range(1, rounds + 1))),
            )
            for o in outcomes
        ],
    )
    _print_cards(outcomes)
    _print_losses(outcomes)
    return _targets(measured, rounds)


def _describe(world_vacancy: dict[str, Any]) -> str:
    formats = "+".join(item.get("id", "") for item in world_vacancy.get("work_format") or [])
    return (
        f"{world_vacancy.get('name')} ({(world_vacancy.get('area') or {}).get('name')}, "
        f"{(world_vacancy.get('experience') or {}).get('id')}, {formats})"
    )


def _print_losses(outcomes: Sequence[Outcome]) -> None:
    rows = [
        (
            o.archetype.key,
            o.hh_fitting_found,
            len(o.lost_by_query),
            len(o.lost_by_ranking),
            "; ".join(_describe(VACANCIES[v]) for v in o.lost_by_query[:2]) or "—",
            "; ".join(_describe(VACANCIES[v]) for v in o.lost_by_ranking[:2]) or "—",
        )
        for o in outcomes
        if o.hh_fitting_found
    ]
    print_table(
        "Recall: HH's fitting results for the plain query that we do not hold at round 0",
        (
            "archetype",
            "HH fitting",
            "not in our HH answer",
            "fetched, not stored",
            "e.g. lost by our query",
            "e.g. lost by ranking",
        ),
        rows,
    )


def _wrong(cards: Sequence[Shown], limit: int = 3) -> str:
    wrong = [c for c in cards if not c.verdict.fits][:limit]
    return (
        "; ".join(
            f"{c.title} ({c.area}, {_pct(c.match)}: {'/'.join(c.verdict.failed)})" for c in wrong
        )
        or "—"
    )


def _print_cards(outcomes: Sequence[Outcome]) -> None:
    """The wrong cards shown (and the match % each card claims), at round 0 and the last."""
    rows = []
    for o in outcomes:
        fit = [c.match for c in o.rounds[0] if c.verdict.fits]
        misfit = [c.match for c in o.rounds[0] if not c.verdict.fits]
        earlier = {c.vacancy_id for c in o.rounds[0]}
        after = [c for c in o.rounds[1] if c.vacancy_id not in earlier] if len(o.rounds) > 1 else []
        rows.append(
            (
                o.archetype.key,
                len(o.rounds[0]),
                _pct(_mean(fit)),
                _pct(_mean(misfit)),
                _wrong(o.rounds[0]),
                len(after),
                _wrong(after),
            )
        )
    print_table(
        "Cards: how many round 0 showed, mean match % on fitting / wrong cards, first wrong "
        "cards (city, match %: failed criteria); the new cards after the first feedback round",
        (
            "archetype",
            "r0 cards",
            "match % fit",
            "match % wrong",
            "r0 first wrong cards",
            "r1 new cards",
            "r1 first wrong new cards",
        ),
        rows,
    )
    hh_rows = []
    for o in outcomes:
        wrong = [c for c in o.hh if not c.verdict.fits][:3]
        hh_rows.append(
            (
                o.archetype.key,
                len(o.hh),
                "; ".join(f"{c.title} ({'/'.join(c.verdict.failed)})" for c in wrong) or "—",
            )
        )
    print_table(
        "HH's order: first wrong results", ("archetype", "results", "first wrong (why)"), hh_rows
    )


def _targets(measured: Sequence[Outcome], rounds: int) -> list[Target]:
    behind = [o.archetype.key for o in measured if o.p(0) < o.hh_p10]
    lower = [o.archetype.key for o in measured if o.fresh_p(rounds) < o.fresh_p(0)]
    worse_page = [
        o.archetype.key for o in measured if not all(o.share_ok(r) for r in range(1, rounds + 1))
    ]
    ours = _mean([o.p(0) for o in measured])
    hh = _mean([o.hh_p10 for o in measured])
    roomy = [o for o in measured if o.fresh_room]
    gain = _mean([o.fresh_p(rounds) - o.fresh_p(0) for o in roomy])
    return [
        Target(
            f"archetypes with our P@10 < HH order's ({', '.join(behind) or 'none'})",
            float(len(behind)),
            "<=",
            0.0,
        ),
        Target(
            f"mean P@10 margin over HH order ({ours:.3f} vs {hh:.3f})",
            ours - hh,
            ">=",
            TARGET_MARGIN,
        ),
        Target(
            "mean recall@50 of HH's fitting results (into our feed)",
            _mean([o.recall[0] for o in measured]),
            ">=",
            TARGET_RECALL,
        ),
        Target(
            f"mean fresh-look P@10 gain after {rounds} feedback rounds ({len(roomy)} "
            f"archetypes with room: {', '.join(o.archetype.key for o in roomy) or 'none'})",
            gain,
            ">=",
            TARGET_GAIN,
        ),
        Target(
            f"archetypes whose fresh look after {rounds} rounds is lower than at round 0 "
            f"({', '.join(lower) or 'none'})",
            float(len(lower)),
            "<=",
            0.0,
        ),
        Target(
            f"archetypes with a next page fitting worse than its bound "
            f"({', '.join(worse_page) or 'none'})",
            float(len(worse_page)),
            "<=",
            0.0,
        ),
    ]


# ============================================================================ main


def main(argv: Sequence[str] | None = None) -> int:
    parser = base_parser(__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=None, help=f"feedback rounds ({ROUNDS})")
    args = parser.parse_args(argv)
    rounds = args.rounds if args.rounds is not None else (1 if args.quick else ROUNDS)
    everyone = [*ARCHETYPES, *SKIPPED_PAY]
    chosen = [a for a in ARCHETYPES if a.key in QUICK] if args.quick else everyone
    logging.basicConfig(level=logging.ERROR)
    started = time.perf_counter()
    with profiled(args.profile):
        outcomes = asyncio.run(run(chosen, rounds))
    elapsed = time.perf_counter() - started
    print(
        f"Relevance: {len(chosen)} archetypes, {rounds} feedback round(s), corpus seed "
        f"{CORPUS_SEED} × {CORPUS_SIZE}; {environment_line()}; {elapsed:.0f} s"
    )
    targets = report(outcomes, rounds)
    unmeasurable = [o.archetype.key for o in outcomes if not o.measurable]
    if unmeasurable:
        print(
            f"\nNo fitting vacancy in the corpus (left out of the means and targets): "
            f"{', '.join(unmeasurable)}"
        )
    return report_targets(targets, check=args.check)


def _pin_hash_seed(module: str = "bench.relevance") -> None:
    """Re-execute ``module`` under PYTHONHASHSEED=HASH_SEED unless already there (as
    bench.quality)."""
    if os.environ.get("PYTHONHASHSEED") == HASH_SEED:
        return
    env = {**os.environ, "PYTHONHASHSEED": HASH_SEED}
    sys.stdout.flush()
    os.execve(sys.executable, [sys.executable, "-m", module, *sys.argv[1:]], env)


if __name__ == "__main__":
    _pin_hash_seed()
    sys.exit(main())
