"""Held-out personas: people the relevance benchmark's archetypes do not include, run
through the same full pipeline and judged by the same grader.

    ./run bench heldout [--check]

Ten people of other professions, cities and languages than bench/relevance_archetypes.py
(a Kazakh-speaking logistics manager in Shymkent, an English-speaking data engineer in
Almaty open to remote, a junior nurse in Karaganda, …), written after the ranking was
built and kept out of the test suite, so no change is tuned on them. Each types their
onboarding answers as a person would; the bot's pipeline (bench.relevance.simulate, no
feedback rounds) shows its first /jobs page, and bench/relevance_grader.py judges the
first five cards.

Reported per persona: the cards shown (of the first five), how many fit, the first wrong
ones and why. The target (--check) is the share of all their top-5 cards that fit
(≥ 80 %, issue "[1/8] Relevance and recall"); a persona shown no card is listed with the
fitting vacancies the corpus has for them (no card is no wrong card, but a miss of
recall when the corpus has some).
"""

from __future__ import annotations

import asyncio
import logging
import sys
import time
from collections.abc import Sequence

from bench._harness import Target, base_parser, environment_line, print_table, report_targets
from bench.relevance import CORPUS_SEED, CORPUS_SIZE, Outcome, _pin_hash_seed, run
from bench.relevance_archetypes import ALMATY, ASTANA, J0, J1, J3, J6, KARAGANDA, SHYMKENT, _a

TOP = 5
TARGET_FIT_SHARE = 0.8

PERSONAS = (
    _a(
        "logistics_kk_shymkent",
        "logistics",
        "logistics",
        "Логист",
        "логистика, жүк тасымалдау, Excel",
        "Шымкент",
        SHYMKENT,
        "300 мың",
        300_000,
        J3,
        False,
    ),
    _a(
        "data_engineer_almaty",
        "data_engineer",
        "data_analysis",
        "Data Engineer",
        "Python, SQL, Airflow, Spark, ETL",
        "Almaty",
        ALMATY,
        "from 900 000",
        900_000,
        J3,
        True,
    ),
    _a(
        "junior_nurse_karaganda",
        "nurse",
        "medicine",
        "Медсестра",
        "уход за пациентами, инъекции",
        "Караганда",
        KARAGANDA,
        None,
        None,
        J0,
        False,
    ),
    _a(
        "pharmacist_astana",
        "pharmacist",
        "medicine",
        "Фармацевт",
        "фармакология, консультирование покупателей, 1С",
        "Астана",
        ASTANA,
        "от 250 тыс",
        250_000,
        J1,
        False,
    ),
    _a(
        "go_developer_almaty",
        "go",
        "programming",
        "Go developer",
        "Go, PostgreSQL, Docker, Kubernetes, gRPC",
        "Алматы",
        ALMATY,
        "от 900 000",
        900_000,
        J3,
        True,
    ),
    _a(
        "chief_accountant_almaty",
        "chief_accountant",
        "accounting",
        "Главный бухгалтер",
        "МСФО, налоговый учет, 1С:Бухгалтерия, управление отделом",
        "Алматы",
        ALMATY,
        "от 1 000 000",
        1_000_000,
        J6,
        False,
    ),
    _a(
        "sales_rep_almaty",
        "sales_rep",
        "sales",
        "Торговый представитель",
        "прямые продажи, мерчендайзинг, водительские права B",
        "Алматы",
        ALMATY,
        "от 300 тыс",
        300_000,
        J1,
        False,
    ),
    _a(
        "english_teacher_astana",
        "english_teacher",
        "education",
        "Учитель английского языка",
        "английский язык, IELTS, преподавание",
        "Astana",
        ASTANA,
        "от 300 000",
        300_000,
        J3,
        False,
    ),
    _a(
        "hr_generalist_almaty",
        "hr",
        "hr",
        "HR generalist",
        "recruitment, onboarding, HR administration, labour law",
        "Almaty",
        ALMATY,
        "from 500 000",
        500_000,
        J3,
        False,
    ),
    _a(
        "cook_almaty",
        "cook",
        "hospitality",
        "Повар",
        "горячий цех, европейская кухня",
        "Алматы",
        ALMATY,
        "от 300 тыс",
        300_000,
        J1,
        False,
    ),
)


def _share(outcomes: Sequence[Outcome]) -> tuple[int, int]:
    cards = [card for o in outcomes for card in o.rounds[0][:TOP]]
    return sum(card.verdict.fits for card in cards), len(cards)


def report(outcomes: Sequence[Outcome]) -> list[Target]:
    rows = []
    for o in outcomes:
        top = o.rounds[0][:TOP]
        fits = sum(card.verdict.fits for card in top)
        wrong = (
            "; ".join(
                f"{c.title} ({'/'.join(c.verdict.failed)})" for c in top if not c.verdict.fits
            )
            or "—"
        )
        rows.append(
            (
                o.archetype.key,
                o.archetype.title,
                o.fitting_total,
                len(top),
                fits,
                f"{fits / len(top):.0%}" if top else "n/a",
                wrong,
            )
        )
    fit, shown = _share(outcomes)
    rows.append(
        (
            "**all**",
            "",
            sum(o.fitting_total for o in outcomes),
            shown,
            fit,
            f"{fit / shown:.0%}" if shown else "n/a",
            "",
        )
    )
    print_table(
        f"Held-out personas: the first {TOP} cards of their first /jobs page, judged by the grader",
        (
            "persona",
            "typed title",
            "fits in corpus",
            f"cards (of {TOP})",
            "fit",
            "fit share",
            "wrong cards (why)",
        ),
        rows,
    )
    silent = [o.archetype.key for o in outcomes if not o.rounds[0] and o.fitting_total]
    return [
        Target(
            f"share of the held-out personas' top-{TOP} cards that fit ({fit} of {shown})",
            fit / shown if shown else 0.0,
            ">=",
            TARGET_FIT_SHARE,
        ),
        Target(
            f"personas shown no card though the corpus has fitting vacancies "
            f"({', '.join(silent) or 'none'})",
            float(len(silent)),
            "<=",
            0.0,
        ),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = base_parser(__doc__.splitlines()[0])
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    started = time.perf_counter()
    outcomes = asyncio.run(run(PERSONAS, 0))
    print(
        f"Held-out personas: {len(PERSONAS)}, corpus seed {CORPUS_SEED} × {CORPUS_SIZE}; "
        f"{environment_line()}; {time.perf_counter() - started:.0f} s"
    )
    return report_targets(report(outcomes), check=args.check)


if __name__ == "__main__":
    _pin_hash_seed("bench.heldout")
    sys.exit(main())
