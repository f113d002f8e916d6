"""Feedback → preference updates, designed against exposure bias (reference/RANKING.md §3, §5.3).

Every card on a top-10 page already holds the user's core skills, so naively boosting the
skills of liked cards and penalising those of disliked ones punishes the user's own
profile; in the simulator that made 81-94 % of users worse. So this module:

- never touches a declared skill on its own; only an explicit "less of X" does;
- reads a 👎's reason chip (skills / location / salary; "company" is handled by hiding
  the employer, not here) as a choice among the components that visibly fell short on
  that card, and takes the posterior mean of the three weights under a Dirichlet prior
  on the declared ones: credit goes only where the card was weak;
- learns keywords only among *skills* (catalogue skills and HH key skills, never free
  text), from those *distinctive* of liked versus disliked cards relative to everything
  the user has seen (smoothed log-odds with an informative prior, Monroe et al. 2008);
  it needs repeated evidence, caps them, and lets them decay;
- treats "less of X" / "more of X" as strong, immediate, explicit signals.

Learned preferences are a pure function of (declared preferences, history, now):
:func:`recompute_preferences`. :func:`apply_feedback` is the incremental entry point and
*is* a recompute over the full history, so the two can never drift apart; histories are
small (one row per rated card), so this costs a few milliseconds.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Literal, NamedTuple, TypeGuard, get_args

from core.domain import skills
from core.domain.features import VacancyFeatures, content_stems
from core.domain.preferences import (
    EXPERIENCE_LEVELS,
    FeedbackReason,
    LearnedLimits,
    ScoreWeights,
    UserPreferences,
    experience_level,
)
from core.domain.roles import ROLES_BY_KEY, roles_of_titles
from core.domain.scoring import (
    CONSIDERED_FROM,
    EXPLICIT_EXCLUSION_WEIGHT,
    ScoringContext,
    in_person_area,
    salary_offer,
    score_location,
    score_salary,
    score_skills,
)
from core.domain.skill_gap import IMPLIED_SKILLS

# --- evidence and decay
HALF_LIFE_DAYS = 30.0  # a month-old tap counts half: tastes and the market move
PRIOR_STRENGTH = 20.0  # Dirichlet concentration of the weight prior (pseudo-taps)
TAP_EVIDENCE = 0.5  # a reason tap's log-likelihood is tempered by this (noisy, one tap)
FIT_EVIDENCE = 0.25  # a 👍 whose detail says one component fits and another does not
REASON_SHARPNESS = 10.0  # how strictly people blame the largest weighted loss
REASON_NOTICE = 0.05  # a weighted loss below this is not worth a complaint
REASON_MISTAP = 0.2  # share of reason taps that do not name the largest loss
SKILLS_COMPLAINT_LOSS = 0.5  # a "skills" 👎 means the skills fell short by at least this
REPEATS_FOR_RULE = 2  # taps needed before a hard filter (floor, city) switches on

# --- salary floor
# Raising the expectation is rare but costly when wrong (it also moves the floor filter):
# three "too low" taps, to the lower median of those offers, never above the highest of
# them, and at most a quarter above what the user declared.
SALARY_RAISE = 1.0  # "too low" at X: the person wants at least X
MAX_SALARY_RAISE = 1.25
REPEATS_FOR_RAISE = 3

# --- soft limits (UserPreferences.learned_limits): "salary too low" on cards paying X says
# pay up to X is too low; "experience" on a card asking more than the person has says that
# much is too much. Each needs REPEATS_FOR_RULE taps left once every 👍 that contradicts
# one (a card paying as little, or asking as much, liked) has cancelled it, and fades with
# the taps' age.
LIMIT_FULL_AT = 2.0  # decayed net taps for the full strength
# Two of the person's own "too low" taps left standing, recent enough to be worth this
# together (two taps about two weeks old), make the pay limit firm: a card paying that
# little is not one of theirs any more (LearnedLimits.pay_firm). Older, it is soft again.
FIRM_FROM = 1.4
# Without a declared floor, the pay of the cards they liked agrees with a "too low" at X
# when every one of at least this many paid more than X: they take what pays more.
LIKED_PAY_AGREES_FROM = 3
# Without a declared floor and before any "too low", this many liked cards of known pay
# say what pay they take: a card paying under CONSIDERED_FROM of the least of them ranks
# lower, at this strength (half a tap's): among vacancies of their roles, pay like what
# they liked comes first. A liked card never pays under it, by construction.
LIKED_PAY_REFERENCE_FROM = 5
LIKED_PAY_STRENGTH = 0.5

# --- keywords
KEYWORD_CAP = 0.3  # |weight| of a learned keyword; scoring treats ≥ 0.5 as explicit
MAX_KEYWORDS = 10  # each way
KEYWORD_MIN_MARGIN = 2  # a term must be in ≥ 2 more liked than disliked cards (or vice versa)
KEYWORD_MIN_EXCESS = 1.0  # ... and that many beyond the like/dislike ratio (_excess_likes)
KEYWORD_MIN_Z = 2.0  # and the log-odds must be clearly non-zero
KEYWORD_PRIOR = 10.0  # pseudo-cards of the user's whole seen history behind each estimate
KEYWORD_SCALE = 0.1  # weight per unit of log-odds
KEYWORD_MIN_WEIGHT = 0.05  # below this a keyword is noise (or has decayed away)
# «Skills don't fit» on REPEATS_FOR_RULE cards sharing a skill the person did not declare,
# on no card they liked: that skill is what did not fit — two explicit complaints, as for
# the other rules, where the log-odds above wants several more taps. Half the cap, fading.
SKILLS_RULE_WEIGHT = KEYWORD_CAP / 2
SKILLS_RULE_OTHERS = 3  # other cards seen, at least, to tell what is distinctive …
SKILLS_RULE_SHARE = 1 / 3  # … of the complaints: at most this share of them hold it

# --- explicit events
# "Less of X" is a soft, bounded penalty that fades (HALF_LIFE_DAYS), never a ban: one tap
# on a chip must not hide a field's core skill for good. "Never show X" is its own choice
# (kind "never"), shown in /preferences and undone there.
LESS_OF_WEIGHT = 0.3
NEVER_WEIGHT = 1.0  # ≥ EXPLICIT_EXCLUSION_WEIGHT: scoring and HH's excluded_text drop X
MORE_OF_WEIGHT = KEYWORD_CAP
LESS_OF_CHIPS = 5  # "less of" chips after 👎: with 3 the disliked skill was often not offered
DECLARED_LESS_OF_SHARE = 0.5  # "less of" a declared skill halves its importance, no more

# --- roles learned from thumbs (core.domain.roles): 👍 on vacancies of a role raises that role
# (two clear likes make it one of the person's own), 👎 on content lowers it; one of their
# own roles at most halfway, and never out of their roles.
ROLE_STEP = 0.12
ROLE_CAP = 0.5
ROLE_MIN_NET = 0.5  # taps beyond the person's usual like rate
ROLE_MIN_Z = 1.6  # ... and clearly more than chance would give at that rate

assert LESS_OF_WEIGHT < EXPLICIT_EXCLUSION_WEIGHT <= NEVER_WEIGHT
assert KEYWORD_CAP < EXPLICIT_EXCLUSION_WEIGHT

COMPONENTS = ("skills", "location", "salary")
_REASON_COMPONENT = {
    FeedbackReason.SKILLS: "skills",
    FeedbackReason.LOCATION: "location",
    FeedbackReason.SALARY: "salary",
}
# A 👎 whose reason is location, salary or company says nothing about the content.
_CONTENT_DISLIKE_REASONS = frozenset({None, FeedbackReason.SKILLS, FeedbackReason.OTHER})


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedbackSignal:
    """One rated card. ``is_relevant`` None with no rating = shown but not rated."""

    features: VacancyFeatures
    is_relevant: bool | None
    at: datetime
    reason: FeedbackReason | None = None  # the chip after 👎
    skill_fit: bool | None = None  # the detail after 👍
    location_fit: bool | None = None
    salary_fit: bool | None = None
    rating: int | None = None  # 1-5

    @property
    def liked(self) -> bool | None:
        """👍/👎, or a rating standing in for it (4-5 liked, 1-2 disliked)."""
        if self.is_relevant is not None:
            return self.is_relevant
        if self.rating is None:
            return None
        return True if self.rating >= 4 else False if self.rating <= 2 else None

    @property
    def fits(self) -> dict[str, bool | None]:
        return {
            "skills": self.skill_fit,
            "location": self.location_fit,
            "salary": self.salary_fit,
        }


# "pay_limit_off": the person asked to see low pay again (/preferences); the pay they
# called too low, and the pay of what they liked, before it no longer limit pay.
PreferenceKind = Literal["less_of", "more_of", "never", "reset", "pay_limit_off"]
_PREFERENCE_KINDS = frozenset(get_args(PreferenceKind))


def is_preference_kind(kind: str) -> TypeGuard[PreferenceKind]:
    """Whether a stored event kind is one of the explicit instructions (the event log also
    holds kinds that are not)."""
    return kind in _PREFERENCE_KINDS


@dataclass(frozen=True, slots=True, kw_only=True)
class PreferenceSignal:
    """An explicit instruction: "less of X", "more of X", or "forget what you learned"."""

    kind: PreferenceKind
    value: str = ""
    at: datetime


Signal = FeedbackSignal | PreferenceSignal


@dataclass(frozen=True, slots=True)
class LearnedState:
    """What the history adds to the declared preferences (shown in /preferences)."""

    weights: ScoreWeights | None  # None: no component evidence, keep the declared weights
    positive_keywords: Mapping[str, float]
    negative_keywords: Mapping[str, float]
    role_affinity: Mapping[str, float]  # role key -> weight in [-ROLE_CAP, ROLE_CAP]
    salary_minimum: int | None  # a raised expectation, or None
    salary_is_floor: bool
    only_my_city: bool
    signals: int  # how many feedback rows and events were used
    limits: LearnedLimits = field(default_factory=LearnedLimits)  # soft pay / experience limits


# ============================================================================ entry points


def recompute_preferences(
    declared: UserPreferences,
    feedback: Sequence[FeedbackSignal],
    events: Sequence[PreferenceSignal],
    now: datetime,
    *,
    rates: Mapping[str, float] | None = None,
) -> UserPreferences:
    """The preferences to rank with: declared + what (feedback, events) since the last reset
    teach. Pure and order-independent: the same inputs give equal results."""
    feedback, events = _since_last_reset(feedback, events)
    if not feedback and not events:
        return declared.model_copy(deep=True)
    state = learn(declared, feedback, now, rates=rates, pay_since=_pay_limit_off_at(events))
    prefs = _apply_learned(declared, state)
    prefs = _apply_events(prefs, events, now)
    prefs.last_learned_at = now
    return prefs


def apply_feedback(
    current: UserPreferences,
    declared: UserPreferences,
    history: Iterable[Signal],
    now: datetime,
    *,
    rates: Mapping[str, float] | None = None,
) -> UserPreferences:
    """Incremental update after a new tap: ``history`` includes the new signal.

    ``current`` (the stored learned preferences) is deliberately not folded into: the
    result is a recompute over the full history, so the stored state can never drift
    from what the history says, and a reset or a deleted tap is honoured exactly.
    """
    del current  # see the docstring: recomputing is what makes incremental == batch
    history = list(history)
    feedback = [s for s in history if isinstance(s, FeedbackSignal)]
    events = [s for s in history if isinstance(s, PreferenceSignal)]
    return recompute_preferences(declared, feedback, events, now, rates=rates)


update_preferences_from_feedback = apply_feedback  # the seed's name


def learn(
    declared: UserPreferences,
    feedback: Sequence[FeedbackSignal],
    now: datetime,
    *,
    rates: Mapping[str, float] | None = None,
    pay_since: datetime | None = None,
) -> LearnedState:
    """What the feedback (already cut at the last reset) teaches on top of ``declared``;
    the pay limits (a raised floor, the soft or firm limit) only from taps after
    ``pay_since``, when the person asked to see low pay again."""
    feedback = _canonical_order(feedback)
    pay_feedback = [s for s in feedback if pay_since is None or s.at > pay_since]
    salary_minimum, salary_floor = _learn_salary_floor(declared, pay_feedback, rates)
    positive, negative = _learn_keywords(declared, feedback, now)
    return LearnedState(
        weights=_learn_weights(declared, feedback, now, rates),
        positive_keywords=positive,
        negative_keywords=negative,
        role_affinity=_learn_roles(declared, feedback, now),
        salary_minimum=salary_minimum,
        salary_is_floor=salary_floor,
        only_my_city=_learn_only_my_city(declared, feedback),
        signals=len(feedback),
        limits=_learn_limits(declared, feedback, now, rates, pay_since).model_copy(
            update={"remote_strength": _learn_remote_limit(declared, feedback, now)}
        ),
    )


# ============================================================================ roles


def _learn_roles(
    declared: UserPreferences, feedback: Sequence[FeedbackSignal], now: datetime
) -> dict[str, float]:
    """Role key -> affinity from 👍 (+) and content 👎 (−) on vacancies whose titles name
    the role, decayed by age; a 👎 for location, salary or company says nothing of the role."""
    own = set(roles_of_titles(declared.job_titles))
    rated: list[tuple[FeedbackSignal, float, bool]] = []
    for signal in feedback:
        liked = signal.liked
        if liked is None or (not liked and signal.reason not in _CONTENT_DISLIKE_REASONS):
            continue
        rated.append((signal, decay(signal.at, now), liked))
    # A role is liked when its vacancies get more 👍 than the person's cards in general
    # (smoothed): a person who likes half of everything teaches nothing about any role.
    likes = sum(weight for _, weight, liked in rated if liked)
    base_rate = (likes + 1.0) / (sum(weight for _, weight, _ in rated) + 2.0)
    net: dict[str, float] = {}
    taps: dict[str, float] = {}
    for signal, weight, liked in rated:
        for role in signal.features.title_roles:
            net[role] = net.get(role, 0.0) + weight * ((1.0 if liked else 0.0) - base_rate)
            taps[role] = taps.get(role, 0.0) + weight
    affinity: dict[str, float] = {}
    for role, value in sorted(net.items()):
        spread = math.sqrt(max(taps[role] * base_rate * (1.0 - base_rate), 1e-9))
        if abs(value) < ROLE_MIN_NET or abs(value) / spread < ROLE_MIN_Z:
            continue  # a tap or two, or what chance alone would give, is not a taste
        weight = max(-ROLE_CAP, min(ROLE_CAP, ROLE_STEP * value))
        if role in own:
            # Their own role: lowered only by repeated evidence, and at most halfway.
            weight = max(weight, -ROLE_CAP / 2)
        if abs(weight) >= KEYWORD_MIN_WEIGHT:
            affinity[role] = round(weight, 4)
    return affinity


# ============================================================================ history


def _since_last_reset(
    feedback: Sequence[FeedbackSignal], events: Sequence[PreferenceSignal]
) -> tuple[list[FeedbackSignal], list[PreferenceSignal]]:
    resets = [e.at for e in events if e.kind == "reset"]
    if not resets:
        return list(feedback), [e for e in events if e.kind != "reset"]
    cutoff = max(resets)
    return (
        [f for f in feedback if f.at > cutoff],
        [e for e in events if e.kind != "reset" and e.at > cutoff],
    )


def _pay_limit_off_at(events: Sequence[PreferenceSignal]) -> datetime | None:
    """When the person last asked to see low pay again, if ever."""
    return max((e.at for e in events if e.kind == "pay_limit_off"), default=None)


def _canonical_order(feedback: Sequence[FeedbackSignal]) -> list[FeedbackSignal]:
    """One row per vacancy (a re-tap replaces the earlier one, as in job_feedback), in a
    fixed order so float sums are bit-identical however the history was assembled."""
    latest: dict[str, FeedbackSignal] = {}
    for signal in sorted(feedback, key=_signal_order):
        latest[signal.features.vacancy_id] = signal
    return sorted(latest.values(), key=_signal_order)


def _signal_order(signal: FeedbackSignal) -> tuple[datetime, str, str]:
    answers = (
        signal.is_relevant,
        signal.reason,
        signal.rating,
        signal.skill_fit,
        signal.location_fit,
        signal.salary_fit,
    )
    return (signal.at, signal.features.vacancy_id, repr(answers))


def decay(at: datetime, now: datetime) -> float:
    """Exponential forgetting by age; future-dated signals count fully."""
    age_days = max(0.0, (now - at).total_seconds() / 86_400)
    return math.pow(0.5, age_days / HALF_LIFE_DAYS)


# ============================================================================ weights


def _learn_weights(
    declared: UserPreferences,
    feedback: Sequence[FeedbackSignal],
    now: datetime,
    rates: Mapping[str, float] | None,
) -> ScoreWeights | None:
    """Posterior mean of the three component weights given the reason chips.

    A reason chip is read as a choice: the person blames the component that lost the card
    the most weight x (1 - score), among those that visibly fell short, or blames nothing
    when every loss is small (``REASON_NOTICE``). So a "salary" 👎 on a card whose salary
    already met the expectation says nothing about the salary weight, and a "skills" 👎 on
    a card whose location and salary were fine says little about how location and salary
    compare: credit goes where the card actually was weak. The prior is a Dirichlet
    centred on the declared weights (plus the pseudo-counts of 👍 fit details); the
    posterior is evaluated on a 0.05 grid of the simplex (171 points).
    """
    prior = declared.weights.normalised()
    alpha = [PRIOR_STRENGTH * getattr(prior, c) for c in COMPONENTS]
    choices: list[tuple[float, int, tuple[float, float, float], tuple[bool, bool, bool]]] = []
    ctx: ScoringContext | None = None
    for signal in feedback:
        fit_credit = _fit_credit(signal)
        if fit_credit:
            weight = decay(signal.at, now)
            for index, component in enumerate(COMPONENTS):
                alpha[index] += fit_credit.get(component, 0.0) * weight
            continue
        blamed = _blamed_component(signal)
        if blamed is None:
            continue
        ctx = ctx or ScoringContext.build(declared, rates=rates)
        choice = _reason_choice(signal, blamed, ctx)
        if choice is not None:
            choices.append((decay(signal.at, now), *choice))
    if not choices and alpha == [PRIOR_STRENGTH * getattr(prior, c) for c in COMPONENTS]:
        return None
    log_post = [
        sum((a - 1.0) * log_w for a, log_w in zip(alpha, logs, strict=True)) for logs in _GRID_LOGS
    ]
    for weight, chosen, losses, available in choices:
        scale = weight * TAP_EVIDENCE
        for i, value in enumerate(_log_choices(chosen, losses, available)):
            log_post[i] += scale * value
    top = max(log_post)
    mass = [math.exp(v - top) for v in log_post]
    total = sum(mass)
    mean = [
        sum(m * point[j] for m, point in zip(mass, _GRID, strict=True)) / total for j in range(3)
    ]
    return ScoreWeights(**{c: round(mean[j], 6) for j, c in enumerate(COMPONENTS)})


def _simplex_grid(step: int) -> list[tuple[float, float, float]]:
    return [
        (a / step, b / step, (step - a - b) / step)
        for a in range(1, step - 1)
        for b in range(1, step - a)
    ]


_GRID = _simplex_grid(20)
_GRID_LOGS = [tuple(math.log(w) for w in point) for point in _GRID]


def _blamed_component(signal: FeedbackSignal) -> int | None:
    """The index in COMPONENTS that a 👎's reason chip blames; None for a 👍, a 👎 without a
    chip, or a chip (company, other) that blames no weight."""
    if signal.liked is not False or signal.reason is None:
        return None
    component = _REASON_COMPONENT.get(signal.reason)
    return None if component is None else COMPONENTS.index(component)


def _reason_choice(
    signal: FeedbackSignal, chosen: int, ctx: ScoringContext
) -> tuple[int, tuple[float, float, float], tuple[bool, bool, bool]] | None:
    """(chosen component, loss per component, which components could be blamed), or None
    when the tap carries no information about the weights."""
    features = signal.features
    skills_loss = 1.0 - score_skills(features, ctx).score
    location_loss = 1.0 - score_location(features, ctx)[0]
    offer = salary_offer(features, ctx)
    salary_score, note = score_salary(features, ctx)
    salary_loss = 1.0 - salary_score if note == "below" and offer is not None else 0.0
    losses = [skills_loss, location_loss, salary_loss]
    if chosen != 0 and losses[chosen] <= 0.0:
        return None  # blamed what looked fine: our estimate is off, nothing to learn
    if chosen == 0:
        # The skills score cannot see what the person dislikes in a job (a hated duty);
        # a "skills" complaint means the skills did fall short by some margin.
        losses[0] = max(losses[0], SKILLS_COMPLAINT_LOSS)
    available = (True, losses[1] > 0.0, losses[2] > 0.0)
    rounded = (round(losses[0], 3), round(losses[1], 3), round(losses[2], 3))
    return chosen, rounded, available


@lru_cache(maxsize=8192)
def _log_choices(
    chosen: int, losses: tuple[float, float, float], available: tuple[bool, bool, bool]
) -> tuple[float, ...]:
    """:func:`_log_choice` at every grid point. Cached: every tap recomputes the whole
    history, so a history's taps are evaluated once, not once per recompute."""
    return tuple(_log_choice(point, chosen, losses, available) for point in _GRID)


def _log_choice(
    point: tuple[float, float, float],
    chosen: int,
    losses: tuple[float, float, float],
    available: tuple[bool, bool, bool],
) -> float:
    """log P(blame ``chosen`` | weights): a soft arg-max over the visible shortfalls and
    "nothing worth a complaint", mixed with a chance of a mis-tap."""
    utilities = [
        REASON_SHARPNESS * w * loss
        for w, loss, shown in zip(point, losses, available, strict=True)
        if shown
    ]
    normaliser = math.exp(REASON_SHARPNESS * REASON_NOTICE) + sum(map(math.exp, utilities))
    picked = math.exp(REASON_SHARPNESS * point[chosen] * losses[chosen]) / normaliser
    return math.log(REASON_MISTAP / 3 + (1 - REASON_MISTAP) * picked)


def _fit_credit(signal: FeedbackSignal) -> dict[str, float]:
    """A 👍 whose detail says one component fits and another does not: "skills fit, salary
    does not" says skills matter more than salary. When everything (or nothing) fits,
    the tap says nothing about relative importance."""
    if signal.liked is not True:
        return {}
    fits = signal.fits
    good = [c for c, fit in fits.items() if fit is True]
    if good and any(fit is False for fit in fits.values()):
        return {c: FIT_EVIDENCE / len(good) for c in good}
    return {}


# ============================================================================ hard filters


def _is_dislike_for(signal: FeedbackSignal, reason: FeedbackReason) -> bool:
    return signal.liked is False and signal.reason == reason


def _learn_salary_floor(
    declared: UserPreferences,
    feedback: Sequence[FeedbackSignal],
    rates: Mapping[str, float] | None,
) -> tuple[int | None, bool]:
    """(raised expectation or None, floor on?) after repeated "salary too low"."""
    taps = [s for s in feedback if _is_dislike_for(s, FeedbackReason.SALARY)]
    if len(taps) < REPEATS_FOR_RULE:
        return None, False
    ctx = ScoringContext.build(declared, rates=rates)
    offers = sorted(
        offer.typical for s in taps if (offer := salary_offer(s.features, ctx)) is not None
    )
    declared_minimum = declared.salary.minimum or declared.salary.maximum
    minimum = None
    if len(offers) >= REPEATS_FOR_RAISE:
        # The lower median of the "too low" offers: with two taps the lower one (both
        # agree it is too low), and mis-taps on generous vacancies cannot drag it up.
        target = min(offers[(len(offers) - 1) // 2] * SALARY_RAISE, offers[-1])
        if declared_minimum:
            target = min(target, declared_minimum * MAX_SALARY_RAISE)
        if target > (declared_minimum or 0):
            minimum = round(target)
    return minimum, bool(minimum or declared_minimum)


def _learn_limits(
    declared: UserPreferences,
    feedback: Sequence[FeedbackSignal],
    now: datetime,
    rates: Mapping[str, float] | None,
    pay_since: datetime | None = None,
) -> LearnedLimits:
    ctx: ScoringContext | None = None
    rejected_pay: list[tuple[float, float]] = []  # (pay as posted, decay) of "too low"
    liked_pay: list[tuple[float, float]] = []
    rejected_asked: list[tuple[float, float]] = []  # (experience level asked, decay)
    liked_asked: list[tuple[float, float]] = []
    own = experience_level(declared.experience)
    for signal in feedback:
        liked = signal.liked
        if liked is None:
            continue
        weight = decay(signal.at, now)
        ctx = ctx or ScoringContext.build(declared, rates=rates)
        offer = salary_offer(signal.features, ctx)
        if pay_since is not None and signal.at <= pay_since:
            offer = None  # before "show low pay again": says nothing about pay any more
        asked = experience_level(signal.features.experience)
        if liked:
            if offer is not None:
                liked_pay.append((offer.posted_best, weight))
            if asked is not None:
                liked_asked.append((float(asked), weight))
        elif signal.reason is FeedbackReason.SALARY and offer is not None:
            rejected_pay.append((offer.posted_best, weight))
        elif (
            signal.reason is FeedbackReason.EXPERIENCE
            and asked is not None
            and (own is None or asked > own)
        ):
            rejected_asked.append((float(asked), weight))
    limits: dict[str, object] = {}
    declared_minimum = declared.salary.minimum or declared.salary.maximum
    least_liked = _least_liked_pay(liked_pay)
    pay = _agreed_limit(
        rejected_pay,
        liked_pay,
        highest=True,
        # The floor the person declared agrees with a "too low" on pay below it; so do
        # the cards they liked when all of them paid more.
        declared=lambda level: (
            (bool(declared_minimum) and level < (declared_minimum or 0))
            or (least_liked is not None and level < least_liked)
        ),
    )
    if pay is not None:
        level = pay.level
        if not declared_minimum and least_liked is not None and level < least_liked:
            # Between what they called too low and the least they liked, pay nearer the
            # former is read as too low as well.
            level = (level + least_liked) / 2
        if declared_minimum:
            level = min(level, declared_minimum * MAX_SALARY_RAISE)
        limits.update(pay_too_low=round(level), pay_strength=pay.strength, pay_firm=pay.firm)
    elif (
        not declared_minimum
        and not rejected_pay
        and (least := _least_liked_pay(liked_pay, LIKED_PAY_REFERENCE_FROM)) is not None
    ):
        limits.update(pay_too_low=round(least * CONSIDERED_FROM), pay_strength=LIKED_PAY_STRENGTH)
    # Taps on cards asking more than the experience they declared agree with it.
    experience = _agreed_limit(
        rejected_asked, liked_asked, highest=False, declared=lambda _: own is not None
    )
    if experience is not None:
        limits.update(
            experience_too_high=EXPERIENCE_LEVELS[int(experience.level)],
            experience_strength=experience.strength,
        )
    return LearnedLimits.model_validate(limits)


def _learn_remote_limit(
    declared: UserPreferences, feedback: Sequence[FeedbackSignal], now: datetime
) -> float:
    """Strength of "remote work from other cities ranks lower": REPEATS_FOR_RULE «wrong
    city» taps on such vacancies, each 👍 on one cancelling a tap; fading. Not for a
    person who chose the remote format (they asked for it) or named no city."""
    if not declared.area_ids or "REMOTE" in declared.work_formats or not declared.remote_ok:
        return 0.0
    ctx: ScoringContext | None = None
    taps: list[float] = []
    likes = 0
    for signal in feedback:
        if not signal.features.remote:
            continue
        ctx = ctx or ScoringContext.build(declared)  # only for someone shown remote jobs
        if in_person_area(signal.features, ctx):
            continue
        if signal.liked is True:
            likes += 1
        elif _is_dislike_for(signal, FeedbackReason.LOCATION):
            taps.append(decay(signal.at, now))
    left = sorted(taps)[likes:]  # a like cancels the oldest tap (the least weight)
    if len(left) < REPEATS_FOR_RULE:
        return 0.0
    strength = min(1.0, sum(left) / LIMIT_FULL_AT)
    return round(strength, 4) if strength >= KEYWORD_MIN_WEIGHT else 0.0


def _least_liked_pay(
    liked_pay: Sequence[tuple[float, float]], enough: int = LIKED_PAY_AGREES_FROM
) -> float | None:
    """The least pay among the liked cards of known pay, once there are ``enough``."""
    if len(liked_pay) < enough:
        return None
    return min(pay for pay, _ in liked_pay)


class AgreedLimit(NamedTuple):
    level: float
    strength: float  # decayed taps (and what agrees with them) / LIMIT_FULL_AT, at most 1
    firm: bool  # REPEATS_FOR_RULE of the person's own taps, together worth FIRM_FROM


def _agreed_limit(
    rejected: Sequence[tuple[float, float]],
    liked: Sequence[tuple[float, float]],
    *,
    highest: bool,
    declared: Callable[[float], bool],
) -> AgreedLimit | None:
    """The limit REPEATS_FOR_RULE taps agree on once the 👍 that contradict them cancel,
    with its strength; None without one.

    Pay (``highest``): a "too low" on a card paying X says pay up to X is too low; a 👍 on
    a card paying Y cancels the highest "too low" at or above Y (it was not too low for
    them then). The limit is the highest pay still called too low. Experience: a "too
    much" on a card asking level X says X and above is too much; a 👍 on a card asking Y
    cancels the lowest "too much" at or below Y; the limit is the lowest level left.
    ``declared(limit)``: whether what the person declared (their salary floor, their
    experience) agrees with that limit; then it counts as one more tap.
    """
    left = sorted(rejected, key=lambda item: item[0], reverse=highest)
    for value, _ in liked:
        for index, (level, _weight) in enumerate(left):
            if (level >= value) if highest else (level <= value):
                del left[index]
                break
    if not left:
        return None
    stated = 1 if declared(left[0][0]) else 0
    if len(left) + stated < REPEATS_FOR_RULE:
        return None
    taps = sum(weight for _, weight in left)
    strength = min(1.0, (taps + stated) / LIMIT_FULL_AT)
    if strength < KEYWORD_MIN_WEIGHT:
        return None
    firm = len(left) >= REPEATS_FOR_RULE and taps >= FIRM_FROM
    return AgreedLimit(left[0][0], round(strength, 4), firm)


def _learn_only_my_city(declared: UserPreferences, feedback: Sequence[FeedbackSignal]) -> bool:
    """Repeated "location" on on-site vacancies outside the user's areas: city-only."""
    if not declared.area_ids:
        return declared.only_my_city
    areas = set(declared.area_ids)
    taps = [
        s
        for s in feedback
        if _is_dislike_for(s, FeedbackReason.LOCATION)
        and not s.features.remote
        and s.features.area_id not in areas
    ]
    return declared.only_my_city or len(taps) >= REPEATS_FOR_RULE


# ============================================================================ keywords


@dataclass(slots=True)
class _TermCounts:
    liked: defaultdict[str, float]  # decayed number of liked cards holding the skill
    disliked: defaultdict[str, float]
    liked_raw: Counter[str]  # plain counts, for the "repeated evidence" rule
    disliked_raw: Counter[str]
    seen: Counter[str]  # every card the user has seen, rated or not
    names: dict[str, str]  # skill key -> the name to store and show
    n_liked: float = 0.0
    n_disliked: float = 0.0
    n_liked_raw: int = 0
    n_disliked_raw: int = 0
    n_seen: int = 0


def _learn_keywords(
    declared: UserPreferences, feedback: Sequence[FeedbackSignal], now: datetime
) -> tuple[dict[str, float], dict[str, float]]:
    """Distinctive skills of liked (positive) and disliked (negative) cards, capped.

    Only skills are candidates (catalogue skills found anywhere in the vacancy and the
    employer's key skills), never free-text words: a card holds a handful of skills but
    hundreds of words, and testing hundreds of boilerplate words («срок», «офис») per
    card lets dozens pass by chance. Free text is left to explicit "less of X".
    """
    held = [vacancy_skills(signal.features) for signal in feedback]  # once per card
    counts = _count_terms(feedback, held, now)
    protected = protected_skill_keys(declared)
    positive: dict[str, float] = {}
    negative: dict[str, float] = {}
    for key in set(counts.liked_raw) | set(counts.disliked_raw):
        if key in protected:
            continue  # never learn for or against what the user declared
        weight = _keyword_weight(key, counts)
        name = counts.names[key]
        if weight > 0:
            positive[name] = weight
        elif weight < 0:
            negative[name] = -weight
    own = protected | {skills.skill_key(name) for name in _own_skill_names(declared)}
    for name, weight in _skills_complaints(feedback, held, now, own).items():
        if name not in positive:
            negative[name] = max(negative.get(name, 0.0), weight)
    return _strongest(positive), _strongest(negative)


def _skills_complaints(
    feedback: Sequence[FeedbackSignal],
    held_by: Sequence[dict[str, str]],
    now: datetime,
    protected: Iterable[str],
) -> dict[str, float]:
    """Skill name -> weight of the undeclared skills REPEATS_FOR_RULE «Skills don't fit»
    cards share, no liked card holds and few of the other cards shown hold (what nearly
    every card of the role asks, Git or SQL, is not what did not fit); SKILLS_RULE_WEIGHT
    at two fresh taps."""
    liked: set[str] = set()
    complaints: dict[str, list[float]] = {}
    elsewhere: Counter[str] = Counter()  # other cards shown holding the skill
    others = 0
    names: dict[str, str] = {}
    for signal, held in zip(feedback, held_by, strict=True):
        if signal.liked is False and signal.reason is FeedbackReason.SKILLS:
            for key, name in held.items():
                complaints.setdefault(key, []).append(decay(signal.at, now))
                names.setdefault(key, name)
            continue
        others += 1
        elsewhere.update(held.keys())
        if signal.liked is True:
            liked.update(held)
    learned: dict[str, float] = {}
    excluded = liked | set(protected)
    for key, taps in complaints.items():
        common = others < SKILLS_RULE_OTHERS or elsewhere[key] > others * SKILLS_RULE_SHARE
        if len(taps) < REPEATS_FOR_RULE or key in excluded or common:
            continue
        weight = SKILLS_RULE_WEIGHT * min(1.0, sum(taps) / REPEATS_FOR_RULE)
        if weight >= KEYWORD_MIN_WEIGHT:
            learned[names[key]] = round(weight, 4)
    return learned


def vacancy_skills(features: VacancyFeatures) -> dict[str, str]:
    """Skill key -> display name of every skill of a vacancy: key skills (HH order,
    canonical names when known) and catalogue skills mentioned in its text."""
    found: dict[str, str] = {}
    for name in features.key_skill_names:
        key = skills.skill_key(name)
        if key in features.key_skill_keys:
            found.setdefault(key, name)
    for key in features.key_skill_keys:
        found.setdefault(key, key)
    for name in sorted(features.text_skills):
        found.setdefault(name, name)
    return found


def _count_terms(
    feedback: Sequence[FeedbackSignal], held_by: Sequence[dict[str, str]], now: datetime
) -> _TermCounts:
    """``held_by``: each card's skills (:func:`vacancy_skills`), in ``feedback``'s order."""
    counts = _TermCounts(
        defaultdict(float), defaultdict(float), Counter(), Counter(), Counter(), {}
    )
    for signal, named in zip(feedback, held_by, strict=True):
        for key, name in named.items():
            counts.names.setdefault(key, name)
        terms = frozenset(named)
        counts.seen.update(terms)
        counts.n_seen += 1
        label = _content_label(signal)
        if label is None:
            continue
        weight = decay(signal.at, now)
        decayed, raw = (
            (counts.liked, counts.liked_raw) if label else (counts.disliked, counts.disliked_raw)
        )
        raw.update(terms)
        for term in terms:
            decayed[term] += weight
        if label:
            counts.n_liked += weight
            counts.n_liked_raw += 1
        else:
            counts.n_disliked += weight
            counts.n_disliked_raw += 1
    return counts


def _content_label(signal: FeedbackSignal) -> bool | None:
    """Does this tap say something about the vacancy's *content*?"""
    liked = signal.liked
    if liked is True:
        return None if signal.skill_fit is False else True
    if liked is False:
        return False if signal.reason in _CONTENT_DISLIKE_REASONS else None
    return None


def _keyword_weight(term: str, counts: _TermCounts) -> float:
    """Signed weight, 0 unless the evidence is repeated and significant.

    Log-odds of the term in liked versus disliked cards, each smoothed toward the term's
    rate among all cards the user has seen (an informative Dirichlet prior, "Fightin'
    Words"). A term every shown card holds (the user's core stack) has equal smoothed
    rates on both sides and gets ~0: this is what protects against exposure bias.
    """
    margin = _excess_likes(term, counts)
    if abs(margin) < KEYWORD_MIN_EXCESS:
        return 0.0
    background = (counts.seen[term] + 1) / (counts.n_seen + 2)
    prior = KEYWORD_PRIOR * background
    liked = counts.liked[term] + prior
    disliked = counts.disliked[term] + prior
    delta = _logit(liked / (counts.n_liked + KEYWORD_PRIOR)) - _logit(
        disliked / (counts.n_disliked + KEYWORD_PRIOR)
    )
    z = delta / math.sqrt(1 / liked + 1 / disliked)
    if abs(z) < KEYWORD_MIN_Z or (delta > 0) != (margin > 0):
        return 0.0
    weight = min(KEYWORD_CAP, KEYWORD_SCALE * abs(delta))
    return math.copysign(weight, delta) if weight >= KEYWORD_MIN_WEIGHT else 0.0


def _excess_likes(term: str, counts: _TermCounts) -> float:
    """Liked cards holding the term beyond what the like/dislike split predicts.

    With as many likes as dislikes this is half of (liked − disliked), so the minimum of 1
    means "in ≥ 2 more liked than disliked cards"; unlike the raw difference it stays ~0 for
    a term on every card when likes outnumber dislikes (or the reverse).
    """
    liked, disliked = counts.liked_raw[term], counts.disliked_raw[term]
    if abs(liked - disliked) < KEYWORD_MIN_MARGIN:
        return 0.0
    share_liked = counts.n_liked_raw / max(1, counts.n_liked_raw + counts.n_disliked_raw)
    return liked - (liked + disliked) * share_liked


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def _strongest(weights: Mapping[str, float]) -> dict[str, float]:
    ranked = sorted(weights.items(), key=lambda item: (-item[1], item[0]))
    return {term: round(weight, 4) for term, weight in ranked[:MAX_KEYWORDS]}


def protected_terms(prefs: UserPreferences) -> frozenset[str]:
    """Stems the learner must not turn into keywords: the user's own words."""
    words: set[str] = set()
    for skill in (*prefs.skills, *prefs.preferred_skills, *prefs.avoided_skills):
        words.update(_skill_stems(skill))
    for phrase in (*prefs.job_titles, *prefs.positive_keywords, *prefs.negative_keywords):
        words.update(content_stems(phrase))
    return frozenset(words)


def protected_skill_keys(prefs: UserPreferences) -> frozenset[str]:
    """Skill keys the learner must not turn into keywords: the user's own skills and
    keywords, and catalogue skills their job titles name."""
    names = (
        *prefs.skills,
        *prefs.preferred_skills,
        *prefs.avoided_skills,
        *prefs.positive_keywords,
        *prefs.negative_keywords,
    )
    keys = {skills.skill_key(name) for name in names}
    for title in prefs.job_titles:
        keys.update(skills.find_skills(title))
    keys.discard("")
    return frozenset(keys)


def _skill_stems(skill: str) -> set[str]:
    stems = {stem for pattern in skills.skill_patterns(skill) for stem in pattern}
    stems.update(content_stems(skill))
    return stems


# ============================================================================ applying


def _apply_learned(declared: UserPreferences, state: LearnedState) -> UserPreferences:
    prefs = declared.model_copy(deep=True)
    if state.weights is not None:
        prefs.weights = state.weights
    # Declared keywords win over learned ones with the same text.
    prefs.positive_keywords = {**state.positive_keywords, **declared.positive_keywords}
    prefs.negative_keywords = {**state.negative_keywords, **declared.negative_keywords}
    prefs.role_affinity = dict(state.role_affinity)
    if state.salary_minimum is not None:
        prefs.salary = declared.salary.model_copy(update={"minimum": state.salary_minimum})
    prefs.salary_is_floor = declared.salary_is_floor or state.salary_is_floor
    prefs.learned_limits = state.limits
    prefs.only_my_city = declared.only_my_city or state.only_my_city
    return prefs


def _apply_events(
    prefs: UserPreferences, events: Sequence[PreferenceSignal], now: datetime | None = None
) -> UserPreferences:
    """Explicit "less of" / "more of" / "never", oldest first, so the latest word on X wins.
    "Less of" fades with the tap's age; "never" and "more of" stand until undone."""
    for event in sorted(events, key=lambda e: (e.at, e.kind, e.value)):
        value = event.value.strip()
        if not value:
            continue
        if event.kind == "less_of":
            _less_of(prefs, value, decay(event.at, now) if now is not None else 1.0)
        elif event.kind == "never":
            _never(prefs, value)
        elif event.kind == "more_of":
            _more_of(prefs, value)
    return prefs


def _less_of(prefs: UserPreferences, value: str, strength: float = 1.0) -> None:
    """A soft penalty on X; a skill the person declared only weighs less, it is never
    turned against them."""
    key = skills.skill_key(value)
    prefs.positive_keywords = _without(prefs.positive_keywords, key)
    declared = [name for name in prefs.skills if skills.skill_key(name) == key]
    if declared:
        for name in declared:
            prefs.skills[name] = round(prefs.skills[name] * DECLARED_LESS_OF_SHARE, 4)
        return
    weight = round(LESS_OF_WEIGHT * strength, 4)
    others = _without(prefs.negative_keywords, key)
    prefs.negative_keywords = {**others, value: weight} if weight >= KEYWORD_MIN_WEIGHT else others


def _never(prefs: UserPreferences, value: str) -> None:
    """Never show X: an exclusion the person chose (and sees, and can undo)."""
    key = skills.skill_key(value)
    prefs.positive_keywords = _without(prefs.positive_keywords, key)
    prefs.negative_keywords = {**_without(prefs.negative_keywords, key), value: NEVER_WEIGHT}
    canonical = skills.canonical_skill(value)
    if canonical is not None:
        prefs.skills = _without(prefs.skills, key)
        prefs.preferred_skills = [s for s in prefs.preferred_skills if skills.skill_key(s) != key]
        if all(skills.skill_key(s) != key for s in prefs.avoided_skills):
            prefs.avoided_skills = [*prefs.avoided_skills, canonical]


def _more_of(prefs: UserPreferences, value: str) -> None:
    key = skills.skill_key(value)
    prefs.negative_keywords = _without(prefs.negative_keywords, key)
    prefs.positive_keywords = {**_without(prefs.positive_keywords, key), value: MORE_OF_WEIGHT}
    prefs.avoided_skills = [s for s in prefs.avoided_skills if skills.skill_key(s) != key]


def _without(mapping: Mapping[str, float], key: str) -> dict[str, float]:
    return {k: v for k, v in mapping.items() if skills.skill_key(k) != key}


# ============================================================================ chips


def suggest_less_of(
    features: VacancyFeatures, prefs: UserPreferences, limit: int = LESS_OF_CHIPS
) -> list[str]:
    """Skills of this vacancy the user might want less of: for the "less of …" chips.

    Never the user's own skills, nor what they imply (PostgreSQL's SQL), nor how their
    field reads them (an accountant's «1С» is 1С:Бухгалтерия). A core skill of their role
    may be offered: a sales manager can want less cold calling. Title skills first (they
    say what the job *is*), then key skills in HH's order, then skills only mentioned in
    the text. Five by default: with three, the skill a person wanted less of was missing
    from the chips almost half the time. Depends only on the card and the
    declared profile, so a chip re-derived later (chips carry an index, not the keyword)
    names the same skill.
    """
    # Not the learned keywords: they change with every tap, and the chips must not.
    own = {skills.skill_key(name) for name in _own_skill_names(prefs)}
    candidates = list(dict.fromkeys((*features.key_skill_names, *sorted(features.text_skills))))
    in_title = [c for c in candidates if _mentioned_in(c, features.title_keys)]
    ordered = dict.fromkeys((*in_title, *candidates))
    result: list[str] = []
    for name in ordered:
        key = skills.skill_key(name)
        if key and key not in own:
            own.add(key)
            result.append(name)
        if len(result) >= limit:
            break
    return result


def _own_skill_names(prefs: UserPreferences) -> set[str]:
    roles = [ROLES_BY_KEY[key] for key in roles_of_titles(prefs.job_titles) if key in ROLES_BY_KEY]
    fields = {role.field for role in roles} | set(prefs.categories)
    declared = [*prefs.skills, *prefs.preferred_skills]
    names = {*declared, *prefs.avoided_skills, *prefs.negative_keywords}
    for name in declared:
        names.add(skills.read_in_fields(name, fields))
        names.update(IMPLIED_SKILLS.get(skills.canonical_skill(name) or name, ()))
    return names


def _mentioned_in(skill: str, stems: frozenset[str]) -> bool:
    return any(pattern and set(pattern) <= stems for pattern in skills.skill_patterns(skill))


__all__ = [
    "LESS_OF_CHIPS",
    "FeedbackSignal",
    "LearnedState",
    "PreferenceSignal",
    "Signal",
    "apply_feedback",
    "decay",
    "learn",
    "protected_skill_keys",
    "protected_terms",
    "recompute_preferences",
    "suggest_less_of",
    "update_preferences_from_feedback",
    "vacancy_skills",
]
