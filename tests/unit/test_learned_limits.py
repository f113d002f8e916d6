"""Limits learned from 👍 / 👎 (core.domain.learning._learn_limits) and how the scorer
reads them and the floor: pay and experience a person would not take rank lower; pay the
person's own repeated taps called too low leaves their roles' band and is not shown."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from core.domain.features import VacancyFeatures, extract_features
from core.domain.hh_schemas import Vacancy
from core.domain.learning import FeedbackSignal, PreferenceSignal, recompute_preferences
from core.domain.preferences import FeedbackReason, SalaryExpectation, UserPreferences
from core.domain.scoring import ROLE_FIT_BASE, ScoringContext, relevance_floor, score_vacancy

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
ALMATY = "160"


def accountant_job(
    vacancy_id: str, *, pay: int | None = None, experience: str = "between1And3"
) -> VacancyFeatures:
    data: dict[str, Any] = {
        "id": vacancy_id,
        "name": "Бухгалтер",
        "area": {"id": ALMATY},
        "employer": {"id": f"e{vacancy_id}"},
        "description": "<p>Ведение учета в 1С</p>",
        "key_skills": [{"name": "1С:Бухгалтерия"}, {"name": "Excel"}],
        "experience": {"id": experience},
    }
    if pay is not None:
        data["salary_range"] = {"from": pay, "to": pay, "currency": "KZT", "gross": False}
    return extract_features(Vacancy.model_validate(data))


def accountant(
    *, floor: int | None = 400_000, experience: str | None = "between1And3"
) -> UserPreferences:
    return UserPreferences(
        skills={"1С:Бухгалтерия": 1.0, "Excel": 0.8},
        area_ids=[ALMATY],
        experience=experience,
        job_titles=["Бухгалтер"],
        salary=SalaryExpectation(minimum=floor, currency="KZT"),
    )


def tap(
    features: VacancyFeatures,
    liked: bool,
    reason: FeedbackReason | None = None,
    days_ago: float = 1.0,
) -> FeedbackSignal:
    return FeedbackSignal(
        features=features, is_relevant=liked, reason=reason, at=NOW - timedelta(days=days_ago)
    )


def too_low(vacancy_id: str, pay: int, days_ago: float = 1.0) -> FeedbackSignal:
    return tap(accountant_job(vacancy_id, pay=pay), False, FeedbackReason.SALARY, days_ago)


def too_much(vacancy_id: str, experience: str) -> FeedbackSignal:
    job = accountant_job(vacancy_id, experience=experience)
    return tap(job, False, FeedbackReason.EXPERIENCE)


def learned(declared: UserPreferences, *feedback: FeedbackSignal) -> UserPreferences:
    return recompute_preferences(declared, list(feedback), [], NOW)


def match(prefs: UserPreferences, features: VacancyFeatures) -> float:
    return score_vacancy(features, ScoringContext.build(prefs)).overall


def test_one_too_low_under_the_declared_floor_ranks_as_little_pay_lower() -> None:
    prefs = learned(accountant(), too_low("a", 300_000))

    assert prefs.learned_limits.pay_too_low == 300_000
    as_little, more = accountant_job("b", pay=290_000), accountant_job("c", pay=380_000)
    drop_as_little = match(accountant(), as_little) - match(prefs, as_little)
    drop_more = abs(match(accountant(), more) - match(prefs, more))  # the salary weight only
    assert drop_as_little > 0.05 > drop_more


def test_without_a_declared_floor_it_takes_two_too_low_taps_and_the_higher_pay_is_the_limit() -> (
    None
):
    nothing_declared = accountant(floor=None)

    assert learned(nothing_declared, too_low("a", 300_000)).learned_limits.pay_too_low is None
    both = learned(nothing_declared, too_low("a", 300_000), too_low("b", 350_000))
    assert both.learned_limits.pay_too_low == 350_000


def test_a_like_of_a_card_paying_as_little_cancels_a_too_low_tap() -> None:
    prefs = learned(
        accountant(floor=None),
        too_low("a", 300_000),
        too_low("b", 350_000),
        tap(accountant_job("c", pay=320_000), True),
    )

    assert prefs.learned_limits.pay_too_low is None


def test_random_thumbs_without_reasons_teach_no_limit() -> None:
    history = [
        tap(accountant_job(f"v{i}", pay=250_000 + 10_000 * i, experience="moreThan6"), i % 2 == 0)
        for i in range(12)
    ]

    limits = learned(accountant(), *history).learned_limits
    assert (limits.pay_too_low, limits.experience_too_high) == (None, None)


def test_without_a_declared_floor_one_too_low_agrees_with_likes_that_all_paid_more() -> None:
    liked = [tap(accountant_job(f"l{i}", pay=300_000 + 20_000 * i), True) for i in range(3)]

    prefs = learned(accountant(floor=None), *liked, too_low("a", 220_000))

    # Between 220 k (too low) and 300 k (the least they liked): up to the middle is too low.
    assert prefs.learned_limits.pay_too_low == 260_000
    job = accountant_job("b", pay=240_000)
    assert match(prefs, job) < match(accountant(floor=None), job)
    assert match(prefs, accountant_job("c", pay=280_000)) == match(
        accountant(floor=None), accountant_job("c", pay=280_000)
    )


def test_one_too_low_teaches_nothing_when_a_liked_card_paid_less_or_likes_are_few() -> None:
    few = [tap(accountant_job(f"l{i}", pay=300_000), True) for i in range(2)]
    one_paid_less = [
        *(tap(accountant_job(f"m{i}", pay=300_000), True) for i in range(3)),
        tap(accountant_job("n", pay=200_000), True),
    ]

    for likes in (few, one_paid_less):
        prefs = learned(accountant(floor=None), *likes, too_low("a", 220_000))
        assert prefs.learned_limits.pay_too_low is None


def test_a_limit_fades_with_the_age_of_its_taps() -> None:
    fresh = learned(accountant(floor=None), too_low("a", 300_000), too_low("b", 300_000))
    old = learned(
        accountant(floor=None), too_low("a", 300_000, days_ago=60), too_low("b", 300_000, 60)
    )

    assert old.learned_limits.pay_strength < fresh.learned_limits.pay_strength
    job = accountant_job("c", pay=280_000)
    assert match(fresh, job) < match(old, job) < match(accountant(floor=None), job)


def test_one_too_low_with_the_floor_ranks_lower_but_stays_above_the_relevance_floor() -> None:
    prefs = learned(accountant(), too_low("a", 300_000))

    assert prefs.learned_limits.pay_strength > 0.95  # the tap and the floor agree
    assert not prefs.learned_limits.pay_firm
    low = match(prefs, accountant_job("c", pay=250_000))
    assert ROLE_FIT_BASE <= low < match(prefs, accountant_job("d"))  # pay not stated


def test_two_own_too_low_taps_make_the_limit_firm_and_such_pay_is_not_shown() -> None:
    prefs = learned(accountant(floor=None), too_low("a", 300_000), too_low("b", 250_000))

    assert prefs.learned_limits.pay_firm
    assert match(prefs, accountant_job("c", pay=280_000)) < relevance_floor(prefs)
    assert match(prefs, accountant_job("d", pay=320_000)) >= ROLE_FIT_BASE  # pays more
    assert match(prefs, accountant_job("e")) >= ROLE_FIT_BASE  # pay not stated


def test_a_firm_limit_turns_soft_again_as_its_taps_age() -> None:
    old = learned(
        accountant(floor=None), too_low("a", 300_000, days_ago=45), too_low("b", 300_000, 45)
    )

    assert old.learned_limits.pay_too_low == 300_000
    assert not old.learned_limits.pay_firm
    assert match(old, accountant_job("c", pay=280_000)) >= ROLE_FIT_BASE


def show_low_pay_again(days_ago: float) -> PreferenceSignal:
    return PreferenceSignal(kind="pay_limit_off", at=NOW - timedelta(days=days_ago))


def test_show_low_pay_again_forgets_the_pay_limit_and_low_pay_is_shown() -> None:
    taps = [too_low("a", 300_000, days_ago=2), too_low("b", 250_000, days_ago=2)]

    prefs = recompute_preferences(accountant(floor=None), taps, [show_low_pay_again(1)], NOW)

    assert prefs.learned_limits.pay_too_low is None and not prefs.learned_limits.pay_firm
    low = accountant_job("c", pay=280_000)
    assert match(prefs, low) == match(accountant(floor=None), low)


def test_too_low_taps_after_show_low_pay_again_teach_the_limit_anew() -> None:
    before = [too_low("a", 400_000, days_ago=3), too_low("b", 380_000, days_ago=3)]
    after = [too_low("c", 250_000, days_ago=1), too_low("d", 240_000, days_ago=1)]

    prefs = recompute_preferences(
        accountant(floor=None), [*before, *after], [show_low_pay_again(2)], NOW
    )

    assert prefs.learned_limits.pay_too_low == 250_000 and prefs.learned_limits.pay_firm
    assert match(prefs, accountant_job("e", pay=300_000)) >= ROLE_FIT_BASE  # the old limit


def test_without_a_floor_or_a_too_low_pay_like_what_they_liked_ranks_first() -> None:
    liked = [tap(accountant_job(f"l{i}", pay=300_000 + 20_000 * i), True) for i in range(5)]

    prefs = learned(accountant(floor=None), *liked)

    # 90 % of the least they liked (300 k): less than that ranks lower, softly.
    assert prefs.learned_limits.pay_too_low == 270_000
    assert prefs.learned_limits.pay_strength == 0.5
    assert not prefs.learned_limits.pay_firm
    less, as_liked = accountant_job("a", pay=250_000), accountant_job("b", pay=300_000)
    assert ROLE_FIT_BASE <= match(prefs, less) < match(accountant(floor=None), less)
    assert match(prefs, as_liked) == match(accountant(floor=None), as_liked)


def test_likes_alone_teach_no_pay_limit_when_few_or_when_a_floor_is_declared() -> None:
    four = [tap(accountant_job(f"l{i}", pay=300_000), True) for i in range(4)]
    five = [*four, tap(accountant_job("l5", pay=300_000), True)]

    assert learned(accountant(floor=None), *four).learned_limits.pay_too_low is None
    assert learned(accountant(floor=400_000), *five).learned_limits.pay_too_low is None


def test_experience_above_what_they_have_ranks_asking_as_much_lower() -> None:
    prefs = learned(accountant(), too_much("a", "between3And6"))

    assert prefs.learned_limits.experience_too_high == "between3And6"
    senior = accountant_job("b", experience="moreThan6")
    junior = accountant_job("c", experience="noExperience")
    assert match(prefs, senior) < match(accountant(), senior)
    assert match(prefs, junior) == match(accountant(), junior)


def test_without_declared_experience_two_taps_set_the_lower_level() -> None:
    nothing_declared = accountant(experience=None)

    one = learned(nothing_declared, too_much("a", "moreThan6"))
    two = learned(nothing_declared, too_much("a", "moreThan6"), too_much("b", "between3And6"))
    assert one.learned_limits.experience_too_high is None
    assert two.learned_limits.experience_too_high == "between3And6"


def test_a_like_of_a_card_asking_as_much_cancels_an_experience_tap() -> None:
    prefs = learned(
        accountant(),
        too_much("a", "between3And6"),
        tap(accountant_job("b", experience="moreThan6"), True),
    )

    assert prefs.learned_limits.experience_too_high is None


def test_pay_under_90_percent_of_the_floor_ranks_below_pay_not_stated() -> None:
    prefs = accountant(floor=400_000)
    not_stated = match(prefs, accountant_job("a"))

    assert match(prefs, accountant_job("b", pay=340_000)) < not_stated  # 85 %: not considered
    assert match(prefs, accountant_job("c", pay=380_000)) > match(
        prefs, accountant_job("b", pay=340_000)
    )
    # 92 %: considered, only its lower pay counts against it
    close = accountant_job("d", pay=368_000)
    weighted = (match(prefs, close) - ROLE_FIT_BASE) / (1 - ROLE_FIT_BASE)
    ctx = ScoringContext.build(prefs)
    score = score_vacancy(close, ctx)
    expected = sum(
        w * s
        for w, s in zip(ctx.weights, (score.skills, score.location, score.salary), strict=True)
    )
    assert abs(weighted - expected) < 1e-9


ASTANA = "159"


def remote_accountant_job(vacancy_id: str, area_id: str = ASTANA) -> VacancyFeatures:
    data: dict[str, Any] = {
        "id": vacancy_id,
        "name": "Бухгалтер",
        "area": {"id": area_id},
        "employer": {"id": f"e{vacancy_id}"},
        "key_skills": [{"name": "1С:Бухгалтерия"}, {"name": "Excel"}],
        "work_format": [{"id": "REMOTE", "name": "Удалённо"}],
    }
    return extract_features(Vacancy.model_validate(data))


def wrong_city(features: VacancyFeatures) -> FeedbackSignal:
    return tap(features, False, FeedbackReason.LOCATION)


def test_two_wrong_city_taps_on_remote_jobs_from_elsewhere_rank_those_lower() -> None:
    declared = accountant().model_copy(update={"remote_ok": True})
    prefs = learned(
        declared, wrong_city(remote_accountant_job("a")), wrong_city(remote_accountant_job("b"))
    )

    assert prefs.learned_limits.remote_strength > 0.9  # two taps a day old
    elsewhere, at_home = remote_accountant_job("c"), remote_accountant_job("d", ALMATY)
    assert ROLE_FIT_BASE <= match(prefs, elsewhere) < match(declared, elsewhere)
    assert match(prefs, at_home) == match(declared, at_home)
    assert match(prefs, accountant_job("e")) == match(declared, accountant_job("e"))


def test_one_wrong_city_tap_a_like_or_remote_chosen_teach_no_remote_limit() -> None:
    declared = accountant().model_copy(update={"remote_ok": True})
    taps = [wrong_city(remote_accountant_job("a")), wrong_city(remote_accountant_job("b"))]
    chose_remote = declared.model_copy(update={"work_formats": ["REMOTE"]})

    assert learned(declared, taps[0]).learned_limits.remote_strength == 0.0
    cancelled = learned(declared, *taps, tap(remote_accountant_job("c"), True))
    assert cancelled.learned_limits.remote_strength == 0.0
    assert learned(chose_remote, *taps).learned_limits.remote_strength == 0.0
