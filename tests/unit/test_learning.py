"""Learning from feedback (core/learning.py): bounded, exposure-bias-safe, reproducible."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from core.domain.features import VacancyFeatures, extract_features
from core.domain.hh_schemas import Vacancy
from core.domain.learning import (
    KEYWORD_CAP,
    LESS_OF_WEIGHT,
    MAX_KEYWORDS,
    FeedbackSignal,
    PreferenceSignal,
    apply_feedback,
    recompute_preferences,
    suggest_less_of,
    update_preferences_from_feedback,
)
from core.domain.preferences import FeedbackReason, SalaryExpectation, UserPreferences
from core.domain.scoring import EXPLICIT_EXCLUSION_WEIGHT, ScoringContext, rank, score_vacancy

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
ALMATY, ASTANA = "160", "159"


def card(
    vacancy_id: str,
    key_skills: tuple[str, ...] = ("Python", "SQL"),
    text: str = "Разработка backend сервисов",
    *,
    title: str = "Python-разработчик",
    area: str = ALMATY,
    salary: int | None = 700_000,
    remote: bool = False,
) -> VacancyFeatures:
    data: dict[str, Any] = {
        "id": vacancy_id,
        "name": title,
        "area": {"id": area},
        "salary_range": {"from": salary, "to": salary, "currency": "KZT", "gross": False},
        "employer": {"id": f"e{vacancy_id}"},
        "description": f"<p>{text}</p>",
        "key_skills": [{"name": name} for name in key_skills],
        "work_format": [{"id": "REMOTE" if remote else "ON_SITE"}],
    }
    return extract_features(Vacancy.model_validate(data))


def declared() -> UserPreferences:
    return UserPreferences(
        skills={"Python": 1.0, "SQL": 0.8},
        area_ids=[ALMATY],
        salary=SalaryExpectation(minimum=600_000, currency="KZT"),
    )


def thumbs(
    features: VacancyFeatures,
    liked: bool,
    *,
    reason: FeedbackReason | None = None,
    days_ago: float = 1.0,
    **details: Any,
) -> FeedbackSignal:
    return FeedbackSignal(
        features=features,
        is_relevant=liked,
        reason=reason,
        at=NOW - timedelta(days=days_ago),
        **details,
    )


def event(kind: str, value: str = "", days_ago: float = 0.5) -> PreferenceSignal:
    return PreferenceSignal(kind=kind, value=value, at=NOW - timedelta(days=days_ago))  # type: ignore[arg-type]


def learned(
    feedback: list[FeedbackSignal], events: list[PreferenceSignal] | None = None
) -> UserPreferences:
    return recompute_preferences(declared(), feedback, events or [], NOW)


def shares(prefs: UserPreferences) -> tuple[float, float, float]:
    w = prefs.weights.normalised()
    return w.skills, w.location, w.salary


def corpus() -> list[VacancyFeatures]:
    """A mixed page: strong and weak fits, other cities, remote, 1С, salaries."""
    return [
        card("c1"),
        card("c2", ("Python", "Django"), "Django и Docker", salary=900_000),
        card("c3", ("SQL", "Excel"), "Отчёты в Excel", title="Аналитик", salary=400_000),
        card("c4", ("Python",), "Скрипты автоматизации", area=ASTANA),
        card("c5", ("Python", "Go"), "Микросервисы на Go", remote=True, area="1"),
        card("c6", ("1С", "SQL"), "Доработка конфигураций 1С", title="Разработчик 1С"),
        card("c7", ("Excel",), "Бухгалтерский учёт", title="Бухгалтер", salary=None),
    ]


def overall_by_id(prefs: UserPreferences) -> dict[str, float]:
    ctx = ScoringContext.build(prefs)
    return {f.vacancy_id: score_vacancy(f, ctx).overall for f in corpus()}


# ============================================================================ bounded steps


@pytest.mark.parametrize("reason", [*FeedbackReason, None])
def test_one_dislike_never_flips_a_profile(reason: FeedbackReason | None) -> None:
    before = overall_by_id(declared())
    after = overall_by_id(learned([thumbs(card("c1"), False, reason=reason)]))

    assert max(abs(after[v] - before[v]) for v in before) <= 0.05
    assert max(after, key=after.__getitem__) == max(before, key=before.__getitem__)


def test_one_tap_moves_at_most_five_percent_of_weight_mass() -> None:
    base = shares(declared())
    moved = shares(learned([thumbs(card("c1"), False, reason=FeedbackReason.SALARY)]))

    assert sum(abs(a - b) for a, b in zip(moved, base, strict=True)) <= 2 * 0.05


def test_declared_skills_are_never_penalised_by_dislikes() -> None:
    feedback = [
        thumbs(card(f"d{i}", ("Python", "SQL"), "Python SQL"), False, reason=FeedbackReason.SKILLS)
        for i in range(8)
    ] + [thumbs(card(f"l{i}", ("Excel",), "Отчёты"), True) for i in range(2)]

    prefs = learned(feedback)

    assert prefs.skills == declared().skills
    assert prefs.avoided_skills == []
    assert not {"python", "sql", "Python", "SQL"} & set(prefs.negative_keywords)


def docker_card(vacancy_id: str) -> VacancyFeatures:
    return card(vacancy_id, ("Python", "SQL", "Docker"))


def test_keyword_needs_repeated_evidence() -> None:
    once = learned([thumbs(docker_card("f0"), True), thumbs(card("n0"), False)])
    repeated = learned(
        [thumbs(docker_card(f"f{i}"), True) for i in range(5)]
        + [thumbs(card(f"n{i}"), False) for i in range(5)]
    )

    assert once.positive_keywords == {}
    assert set(repeated.positive_keywords) == {"Docker"}
    assert 0 < repeated.positive_keywords["Docker"] <= KEYWORD_CAP


def test_free_text_words_are_never_learned_as_keywords() -> None:
    # Boilerplate words pass a significance test by chance when hundreds are tested
    # per card; only skills are candidates (free text is for explicit "less of X").
    feedback = [thumbs(card(f"f{i}", text="Финтех"), True) for i in range(8)]
    feedback += [thumbs(card(f"n{i}", text="Склад"), False) for i in range(8)]

    prefs = learned(feedback)

    assert prefs.positive_keywords == {}
    assert prefs.negative_keywords == {}


def test_skills_mentioned_only_in_the_text_are_learned_too() -> None:
    feedback = [thumbs(card(f"c{i}", text="Холодные звонки"), False) for i in range(6)]
    feedback += [thumbs(card(f"l{i}"), True) for i in range(6)]

    assert set(learned(feedback).negative_keywords) == {"Cold calling"}


def test_terms_on_every_shown_card_are_not_learned() -> None:
    # Exposure bias: every card asks for Docker; the likes are not about it.
    feedback = [thumbs(docker_card(f"l{i}"), True) for i in range(9)]
    feedback += [thumbs(docker_card(f"d{i}"), False) for i in range(3)]

    assert learned(feedback).positive_keywords == {}


def test_learned_keywords_decay_with_age() -> None:
    def history(days_ago: float) -> list[FeedbackSignal]:
        liked = [thumbs(docker_card(f"f{i}"), True, days_ago=days_ago) for i in range(5)]
        return liked + [thumbs(card(f"n{i}"), False, days_ago=days_ago) for i in range(5)]

    fresh = learned(history(days_ago=1)).positive_keywords["Docker"]
    month_old = learned(history(days_ago=30)).positive_keywords.get("Docker", 0.0)
    year_old = learned(history(days_ago=365)).positive_keywords

    assert fresh > month_old
    assert year_old == {}


def test_learned_keywords_are_capped_in_weight_and_number() -> None:
    many = tuple(f"Skill{i}" for i in range(30))
    feedback = [thumbs(card(f"l{i}", many), True) for i in range(20)]
    feedback += [thumbs(card(f"d{i}", ("Excel",)), False) for i in range(20)]

    prefs = learned(feedback)

    assert 0 < len(prefs.positive_keywords) <= MAX_KEYWORDS
    assert max(prefs.positive_keywords.values()) <= KEYWORD_CAP


def test_dislike_for_salary_teaches_no_keywords() -> None:
    feedback = [
        thumbs(card(f"s{i}", ("Python", "Go")), False, reason=FeedbackReason.SALARY)
        for i in range(6)
    ] + [thumbs(card(f"l{i}"), True) for i in range(6)]

    assert learned(feedback).negative_keywords == {}


# ============================================================================ explicit


def test_less_of_1c_immediately_demotes_1c_vacancies() -> None:
    accountant = UserPreferences(skills={"Excel": 1.0}, area_ids=[ALMATY])
    one_c = card("1c", ("Excel",), "Учёт в 1С, Excel", title="Бухгалтер")
    plain = card("plain", ("Excel",), "Учёт", title="Бухгалтер")
    one_c_title = card("1c-title", ("Excel",), "Учёт", title="Бухгалтер 1С")
    before = [
        f.vacancy_id for f, _ in rank([one_c, plain, one_c_title], ScoringContext.build(accountant))
    ]

    prefs = recompute_preferences(accountant, [], [event("less_of", "1С")], NOW)
    after = [
        f.vacancy_id for f, _ in rank([one_c, plain, one_c_title], ScoringContext.build(prefs))
    ]

    assert before[0] == "1c"  # it matched more text before
    assert after.index("plain") < after.index("1c")  # demoted, not hidden
    assert set(after) == {"plain", "1c", "1c-title"}
    assert prefs.negative_keywords == {"1С": pytest.approx(LESS_OF_WEIGHT, abs=0.01)}
    assert prefs.avoided_skills == []


def test_less_of_is_a_soft_penalty_that_fades() -> None:
    fresh = recompute_preferences(UserPreferences(), [], [event("less_of", "1С")], NOW)
    month_old = recompute_preferences(
        UserPreferences(), [], [event("less_of", "1С", days_ago=30)], NOW
    )

    assert fresh.negative_keywords["1С"] == pytest.approx(LESS_OF_WEIGHT, abs=0.01)
    assert LESS_OF_WEIGHT < EXPLICIT_EXCLUSION_WEIGHT
    assert month_old.negative_keywords["1С"] == pytest.approx(LESS_OF_WEIGHT / 2, abs=1e-3)


def test_less_of_a_declared_skill_only_lowers_its_weight() -> None:
    finance = UserPreferences(skills={"Financial analysis": 1.0, "Excel": 1.0})

    prefs = recompute_preferences(finance, [], [event("less_of", "Financial analysis")], NOW)

    assert prefs.skills["Financial analysis"] == 0.5
    assert prefs.negative_keywords == {}
    assert prefs.avoided_skills == []


def test_never_show_excludes_a_title_outright() -> None:
    accountant = UserPreferences(skills={"Excel": 1.0}, area_ids=[ALMATY])
    plain = card("plain", ("Excel",), "Учёт", title="Бухгалтер")
    one_c_title = card("1c-title", ("Excel",), "Учёт", title="Бухгалтер 1С")

    prefs = recompute_preferences(accountant, [], [event("never", "1С")], NOW)
    shown = [f.vacancy_id for f, _ in rank([plain, one_c_title], ScoringContext.build(prefs))]

    assert shown == ["plain"]
    assert prefs.negative_keywords == {"1С": 1.0}
    assert prefs.avoided_skills == ["1C"]


def test_more_of_after_less_of_wins() -> None:
    prefs = learned([], [event("less_of", "Go", days_ago=2), event("more_of", "go", days_ago=1)])

    assert prefs.negative_keywords == {}
    assert prefs.avoided_skills == []
    assert prefs.positive_keywords == {"go": KEYWORD_CAP}


def test_reset_restores_declared() -> None:
    history = [thumbs(card(f"s{i}"), False, reason=FeedbackReason.SALARY) for i in range(4)]
    events = [event("less_of", "1С", days_ago=3), event("reset", days_ago=0.5)]

    assert learned(history, events) == declared()


def test_signals_after_a_reset_still_count() -> None:
    events = [event("reset", days_ago=2), event("never", "1С", days_ago=1)]

    assert learned([], events).negative_keywords == {"1С": 1.0}


# ============================================================================ components


def salary_taps(*offers: int) -> list[FeedbackSignal]:
    return [
        thumbs(card(f"s{i}", salary=offer), False, reason=FeedbackReason.SALARY)
        for i, offer in enumerate(offers)
    ]


def test_repeated_salary_too_low_raises_the_salary_weight() -> None:
    once, twice = learned(salary_taps(500_000)), learned(salary_taps(500_000, 450_000))

    assert shares(once)[2] > shares(declared())[2]
    assert shares(twice)[2] > shares(once)[2]


def test_salary_complaint_on_a_card_that_meets_the_expectation_moves_no_weight() -> None:
    # 700k already met the 600k expectation: the tap says the expectation is off, not
    # that salary matters more than the rest.
    assert learned(salary_taps(700_000)).weights == declared().weights


def test_two_salary_too_low_taps_turn_the_floor_on_without_raising_it() -> None:
    once, twice = learned(salary_taps(650_000)), learned(salary_taps(650_000, 700_000))

    assert (once.salary.minimum, once.salary_is_floor) == (600_000, False)  # one tap: no rule
    assert (twice.salary.minimum, twice.salary_is_floor) == (600_000, True)


def test_three_salary_too_low_taps_raise_the_expectation_to_the_offers_not_above() -> None:
    prefs = learned(salary_taps(650_000, 700_000, 800_000))

    # The lower median of the "too low" offers, never above what was called too low.
    assert prefs.salary.minimum == 700_000
    assert prefs.salary_is_floor


def test_salary_raise_from_taps_is_capped_at_a_quarter_above_the_declared() -> None:
    assert learned(salary_taps(900_000, 950_000, 990_000)).salary.minimum == 750_000


def test_location_dislike_changes_only_the_location_weight() -> None:
    base = shares(declared())
    prefs = learned([thumbs(card("a1", area=ASTANA), False, reason=FeedbackReason.LOCATION)])
    skills_share, location_share, salary_share = shares(prefs)

    assert location_share > base[1]
    assert skills_share / salary_share == pytest.approx(base[0] / base[2], rel=1e-3)
    assert prefs.model_dump(exclude={"weights", "last_learned_at"}) == declared().model_dump(
        exclude={"weights", "last_learned_at"}
    )


def test_repeated_location_dislikes_turn_on_only_my_city() -> None:
    taps = [
        thumbs(card(f"a{i}", area=ASTANA), False, reason=FeedbackReason.LOCATION) for i in range(2)
    ]

    assert not learned(taps[:1]).only_my_city
    assert learned(taps).only_my_city


def test_company_dislike_does_not_touch_weights() -> None:
    prefs = learned([thumbs(card("c1"), False, reason=FeedbackReason.COMPANY)])

    assert prefs.weights == declared().weights


def test_like_with_mixed_fit_details_credits_the_fitting_component() -> None:
    prefs = learned([thumbs(card("c1"), True, skill_fit=True, salary_fit=False)])

    assert shares(prefs)[0] > shares(declared())[0]


def test_random_thumbs_move_weights_and_ranking_little() -> None:
    rng = random.Random(7)
    pages = [
        card(
            f"r{i}",
            tuple(rng.sample(["Python", "SQL", "Excel", "Go", "1С"], 2)),
            rng.choice(["Продажи", "Финтех", "Логистика", "Склад"]),
            area=rng.choice([ALMATY, ASTANA]),
            salary=rng.randrange(300_000, 900_000, 50_000),
        )
        for i in range(30)
    ]
    reasons = [*FeedbackReason, None]
    feedback = []
    for f in pages:
        liked = rng.random() < 0.5
        feedback.append(thumbs(f, liked, reason=None if liked else rng.choice(reasons)))

    prefs = learned(feedback)
    before, after = overall_by_id(declared()), overall_by_id(prefs)

    assert max(abs(a - b) for a, b in zip(shares(prefs), shares(declared()), strict=True)) <= 0.06
    assert sum(abs(after[v] - before[v]) for v in before) / len(before) <= 0.05


# ============================================================================ reproducibility


def random_history(seed: int, size: int = 40) -> list[FeedbackSignal | PreferenceSignal]:
    rng = random.Random(seed)
    texts = ["Финтех", "Холодные звонки", "Склад", "Docker", "Продажи"]
    history: list[FeedbackSignal | PreferenceSignal] = []
    for _ in range(size):
        at = NOW - timedelta(days=rng.uniform(0, 90))
        if rng.random() < 0.1:
            kind = rng.choice(["less_of", "more_of", "reset"])
            history.append(
                PreferenceSignal(kind=kind, value=rng.choice(["1С", "Go", "Excel"]), at=at)
            )
            continue
        f = card(
            f"h{rng.randrange(30)}",
            text=rng.choice(texts),
            salary=rng.randrange(300_000, 900_000, 10_000),
            area=rng.choice([ALMATY, ASTANA]),
            remote=rng.random() < 0.2,
        )
        history.append(
            FeedbackSignal(
                features=f,
                is_relevant=rng.choice([True, False, None]),
                reason=rng.choice([*FeedbackReason, None]),
                at=at,
                rating=rng.choice([None, 1, 3, 5]),
            )
        )
    return sorted(history, key=lambda s: s.at)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_incremental_updates_equal_a_recompute(seed: int) -> None:
    history = random_history(seed)
    prefs = declared()
    for n in range(1, len(history) + 1):
        prefs = apply_feedback(prefs, declared(), history[:n], NOW)

    feedback = [s for s in history if isinstance(s, FeedbackSignal)]
    events = [s for s in history if isinstance(s, PreferenceSignal)]
    assert prefs == recompute_preferences(declared(), feedback, events, NOW)


def test_recompute_does_not_depend_on_history_order() -> None:
    history = random_history(5)
    shuffled = history[:]
    random.Random(0).shuffle(shuffled)

    assert update_preferences_from_feedback(
        declared(), declared(), shuffled, NOW
    ) == apply_feedback(declared(), declared(), history, NOW)


def test_recompute_does_not_mutate_declared() -> None:
    prefs = declared()
    snapshot = prefs.model_dump()

    recompute_preferences(prefs, [], [event("less_of", "Python")], NOW)

    assert prefs.model_dump() == snapshot


# ============================================================================ chips


def test_suggest_less_of_offers_the_vacancys_other_skills_title_first() -> None:
    vacancy_features = card("s", ("Python", "Excel", "1С"), "Отчёты", title="Программист 1С")

    assert suggest_less_of(vacancy_features, declared()) == ["1C", "Excel"]
    assert suggest_less_of(vacancy_features, declared(), limit=1) == ["1C"]


def test_suggest_less_of_never_offers_what_their_skills_imply_or_mean_in_their_field() -> None:
    developer = declared().model_copy(
        update={"skills": {"PostgreSQL": 1.0}, "job_titles": ["Python-разработчик"]}
    )
    accountant = declared().model_copy(
        update={"skills": {"1С": 1.0}, "job_titles": ["Бухгалтер"], "categories": ["accounting"]}
    )
    python_job = card("p", ("Python", "SQL", "PostgreSQL", "Redis"), "", title="Разработчик")
    accounting_job = card("a", ("1С:Бухгалтерия", "Бухгалтерский учёт", "Excel"), title="Бухгалтер")

    assert suggest_less_of(python_job, developer) == ["Python", "Redis"]  # not SQL: PostgreSQL
    # Not 1С:Бухгалтерия: their «1С» is that, read in accounting.
    assert suggest_less_of(accounting_job, accountant) == ["Accounting", "Excel"]


def test_suggest_less_of_offers_five_chips_key_skills_then_text_skills() -> None:
    vacancy_features = card(
        "s", ("Python", "Go", "Docker", "Redis", "Git"), "Kubernetes и Linux", title="Разработчик"
    )

    assert suggest_less_of(vacancy_features, declared()) == [
        "Go",
        "Docker",
        "Redis",
        "Git",
        "Kubernetes",
    ]
