"""Scoring throughput: our ranker versus a naive regex scorer, in the same run.

    ./run bench scoring [--vacancies 2000] [--repeats 7] [--check] [--quick] [--profile]

2,000 full vacancies from the sandbox corpus (details included: description and key
skills) are ranked for one 15-skill profile whose keywords were learned from simulated
feedback (core.domain.learning), the way the recommender does it: build the ScoringContext once
per run, score every pre-extracted VacancyFeatures, drop dealbreakers, sort.

The baseline is the naive scorer: for every skill and keyword, a fresh case-insensitive
``re.search`` over the raw HTML of each vacancy, then the same location / salary / weighted
sum and sort. Both run pinned to one CPU, interleaved, best of ``--repeats``.
Targets: ≥ 50,000 vacancies/s and ≥ 10x the naive scorer; cold ≥ 20,000 vacancies/s.

Also reported, best of ``--repeats`` too: the cold path (features extracted afresh from the
HH JSON, then the same ranking: a search page nobody has scored yet) and rendering the top
cards (text with facts and skill gap, plus buttons) per card, in English and Russian.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bench._harness import (
    Target,
    base_parser,
    best_time,
    environment_line,
    pin_to_one_core,
    print_table,
    profiled,
    report_targets,
)
from bot.i18n import Locales
from bot.ui.cards import card_keyboard, render_card
from core.domain.features import VacancyFeatures, extract_features
from core.domain.hh_schemas import Vacancy
from core.domain.learning import FeedbackSignal, recompute_preferences
from core.domain.preferences import FeedbackReason, SalaryExpectation, UserPreferences
from core.domain.recommendation_cards import RecommendationCard
from core.domain.scoring import ScoringContext, VacancyScore, rank
from core.domain.vacancy_facts import facts_from_raw
from sandbox.corpus import ALMATY, build_areas, build_dictionaries, generate_corpus, iter_areas

TARGET_RATE = 50_000.0
TARGET_RATIO = 10.0
TARGET_COLD_RATE = 20_000.0  # features extracted afresh (Vacancy JSON validated too)
NOW = datetime(2026, 2, 10, 12, 0, tzinfo=UTC)

# A backend developer in Almaty: 15 declared skills, importance 1.0 .. 0.3.
PROFILE_SKILLS: tuple[str, ...] = (
    "Python",
    "SQL",
    "PostgreSQL",
    "Django",
    "FastAPI",
    "Docker",
    "Git",
    "Linux",
    "REST API",
    "Redis",
    "Kubernetes",
    "CI/CD",
    "Flask",
    "JavaScript",
    "Excel",
)
FEEDBACK_TAPS = 120  # simulated rated cards behind the learned keywords
EXTRA_KEYWORDS = {"микросервис": 0.2, "highload": 0.15}  # "more of" taps
CARDS = 30  # the top cards rendered: ten pages of /jobs


@dataclass(frozen=True, slots=True)
class World:
    raw: list[dict]  # HH JSON, as GET /vacancies/{id} returns it
    features: list[VacancyFeatures]
    prefs: UserPreferences
    area_parent: dict[str, str | None]
    rates: dict[str, float]
    extract_seconds: float


# ============================================================================ setup


def declared_preferences() -> UserPreferences:
    importances = [round(1.0 - 0.05 * i, 2) for i in range(len(PROFILE_SKILLS))]
    return UserPreferences(
        skills=dict(zip(PROFILE_SKILLS, importances, strict=True)),
        preferred_skills=["Python", "PostgreSQL"],
        avoided_skills=["1C"],
        area_ids=[ALMATY],
        remote_ok=True,
        salary=SalaryExpectation(minimum=700_000, currency="KZT"),
        job_titles=["Python-разработчик", "Backend developer"],
        positive_keywords=dict(EXTRA_KEYWORDS),
    )


def simulated_feedback(
    features: Sequence[VacancyFeatures], prefs: UserPreferences
) -> list[FeedbackSignal]:
    """👍 on cards sharing ≥ 2 of the profile's skills, 👎 (skills) on the rest."""
    profile = {s.casefold() for s in prefs.skills}
    signals = []
    for i, f in enumerate(features[:FEEDBACK_TAPS]):
        shared = {k.casefold() for k in f.key_skill_keys | f.text_skills} & profile
        liked = len(shared) >= 2
        signals.append(
            FeedbackSignal(
                features=f,
                is_relevant=liked,
                at=NOW - timedelta(hours=i),
                reason=None if liked else FeedbackReason.SKILLS,
            )
        )
    return signals


def learned_preferences(features: Sequence[VacancyFeatures]) -> UserPreferences:
    declared = declared_preferences()
    learned = recompute_preferences(declared, simulated_feedback(features, declared), [], NOW)
    # The "less of" an explicit exclusion would add (weight ≥ 0.5) filters, not scores;
    # keep the run about scoring by adding one to exercise the dealbreaker path too.
    learned.negative_keywords.setdefault("стажер", 1.0)
    return learned


def build_world(size: int, seed: int) -> World:
    raw = generate_corpus(seed=seed, size=size, now=NOW)
    started = time.perf_counter()
    features = [extract_features(Vacancy.model_validate(v)) for v in raw]
    extract_seconds = time.perf_counter() - started
    areas = {n["id"]: n["parent_id"] for n in iter_areas(build_areas())}
    rates = {c["code"]: float(c["rate"]) for c in build_dictionaries()["currency"]}
    return World(raw, features, learned_preferences(features), areas, rates, extract_seconds)


# ============================================================================ scorers


def ours(world: World) -> list:
    ctx = ScoringContext.build(world.prefs, world.area_parent, world.rates)
    return rank(world.features, ctx)


def _raw_html(vacancy: dict) -> str:
    skills = " ".join(s["name"] for s in vacancy.get("key_skills") or [])
    snippet = vacancy.get("snippet") or {}
    return " ".join(
        (
            vacancy.get("name") or "",
            skills,
            snippet.get("requirement") or "",
            snippet.get("responsibility") or "",
            vacancy.get("description") or "",
        )
    )


def _naive_salary(vacancy: dict, expected: float, rates: dict[str, float]) -> float:
    pay = vacancy.get("salary_range") or vacancy.get("salary")
    if not pay or not pay.get("currency") or not (pay.get("from") or pay.get("to")):
        return 0.5
    amount = (pay.get("from") or pay.get("to")) / rates.get(pay["currency"], 1.0) * rates["KZT"]
    return min(1.0, amount / expected)


def naive_score(vacancy: dict, prefs: UserPreferences, rates: dict[str, float]) -> float:
    text = _raw_html(vacancy)
    total = sum(prefs.skills.values())
    hit = sum(w for s, w in prefs.skills.items() if re.search(re.escape(s), text, re.IGNORECASE))
    liked = sum(
        w
        for k, w in prefs.positive_keywords.items()
        if re.search(re.escape(k), text, re.IGNORECASE)
    )
    disliked = sum(
        abs(w)
        for k, w in prefs.negative_keywords.items()
        if re.search(re.escape(k), text, re.IGNORECASE)
    )
    skills = min(1.0, max(0.0, hit / total + min(0.3, liked) - min(0.3, disliked)))
    area = (vacancy.get("area") or {}).get("id")
    remote = any(f.get("id") == "REMOTE" for f in vacancy.get("work_format") or [])
    location = 1.0 if area in prefs.area_ids or remote else 0.1
    salary = _naive_salary(vacancy, float(prefs.salary.minimum or 1), rates)
    return 0.4 * skills + 0.3 * location + 0.3 * salary


def naive(world: World) -> list:
    scored = [(naive_score(v, world.prefs, world.rates), v["id"]) for v in world.raw]
    scored.sort(reverse=True)
    return scored


# ============================================================================ run


def cold(world: World) -> list:
    """Features extracted afresh from HH's JSON, then the same ranking."""
    features = [extract_features(Vacancy.model_validate(v)) for v in world.raw]
    ctx = ScoringContext.build(world.prefs, world.area_parent, world.rates)
    return rank(features, ctx)


def _card(
    number: int, features: VacancyFeatures, score: VacancyScore, raw: dict
) -> RecommendationCard:
    employer = raw.get("employer") or {}
    return RecommendationCard(
        recommendation_id=number,
        vacancy_id=raw["id"],
        title=raw["name"],
        employer_id=employer.get("id"),
        employer_name=employer.get("name"),
        area_name=(raw.get("area") or {}).get("name"),
        salary_from=features.salary_from,
        salary_to=features.salary_to,
        salary_currency=features.salary_currency,
        salary_gross=features.salary_gross,
        url=raw.get("alternate_url"),
        snippet=(raw.get("snippet") or {}).get("requirement") or "",
        relevance=score.overall,
        explanation=score.explanation,
        saved=False,
        feedback=None,
        published_at=features.published_at,
        facts=facts_from_raw(raw, features.published_at),
    )


def top_cards(world: World) -> list[RecommendationCard]:
    by_id = {v["id"]: v for v in world.raw}
    ranked = ours(world)[:CARDS]
    return [_card(i, f, s, by_id[f.vacancy_id]) for i, (f, s) in enumerate(ranked, 1)]


def render_cards(cards: Sequence[RecommendationCard], locales: Locales) -> None:
    for language in ("en", "ru"):
        t = locales.get(language)
        for card in cards:
            render_card(card, t, now=NOW)
            card_keyboard(card, t)


def measure(world: World, repeats: int) -> tuple[float, float]:
    """(ours, naive) best seconds, interleaved so both see the same machine weather."""
    best_ours = best_naive = float("inf")
    for _ in range(repeats):
        best_ours = min(best_ours, best_time(lambda: ours(world), 1))
        best_naive = min(best_naive, best_time(lambda: naive(world), 1))
    return best_ours, best_naive


def main(argv: list[str] | None = None) -> int:
    parser = base_parser(__doc__.split("\n\n")[0])
    parser.add_argument("--vacancies", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args(argv)
    if args.quick:
        args.vacancies, args.repeats = min(args.vacancies, 200), min(args.repeats, 2)
    env = environment_line()
    cpu = pin_to_one_core()
    started = time.perf_counter()
    world = build_world(args.vacancies, args.seed)
    ours(world)  # warm-up: caches that live for the process (skill keys, stems)
    t_ours, t_naive = measure(world, args.repeats)
    t_cold = best_time(lambda: cold(world), args.repeats)
    cards, locales = top_cards(world), Locales.load()
    render_cards(cards, locales)  # warm-up: the catalogues' first look-ups
    t_cards = best_time(lambda: render_cards(cards, locales), args.repeats) / (2 * len(cards))
    with profiled(args.profile):
        for _ in range(5):
            ours(world)
    n = len(world.features)
    kept = len(ours(world))
    rate, naive_rate = n / t_ours, n / t_naive
    prefs = world.prefs
    print(f"scoring benchmark — {env}; pinned to CPU {cpu}")
    print_table(
        f"Scoring {n:,} vacancies (15 skills, {len(prefs.positive_keywords)} positive and "
        f"{len(prefs.negative_keywords)} negative keywords), best of {args.repeats}",
        ("scorer", "ms per run", "vacancies/s", "ratio"),
        [
            (
                "ours: ScoringContext.build + rank (features cached)",
                t_ours * 1e3,
                rate,
                f"{rate / naive_rate:.1f}x",
            ),
            ("naive: fresh re.search per skill over raw HTML", t_naive * 1e3, naive_rate, "1.0x"),
            (
                "(once per vacancy) extract_features",
                world.extract_seconds * 1e3,
                n / world.extract_seconds,
                "—",
            ),
            ("cold: extract_features + build + rank", t_cold * 1e3, n / t_cold, "—"),
        ],
    )
    print(
        f"\nCard rendering (text with facts and skill gap + buttons), {len(cards)} top cards "
        f"in en and ru, best of {args.repeats}: {t_cards * 1e6:.0f} µs per card"
    )
    print(
        f"\n{kept:,} of {n:,} kept after dealbreakers; total {time.perf_counter() - started:.1f} s"
    )
    targets = [
        Target("vacancies/s (single core)", rate, ">=", TARGET_RATE),
        Target("ratio to naive", rate / naive_rate, ">=", TARGET_RATIO, "x"),
        Target("cold vacancies/s (single core)", n / t_cold, ">=", TARGET_COLD_RATE),
    ]
    return report_targets(targets, check=args.check)


if __name__ == "__main__":
    sys.exit(main())
