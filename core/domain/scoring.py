"""How well one vacancy fits one person: skills, location and salary scores, the overall
score, dealbreakers (hard filters) and a machine-readable explanation for the card.

Design (see reference/RANKING.md §3):
- Everything that depends only on the user is precomputed once per ranking run in
  :class:`ScoringContext`; everything that depends only on the vacancy is precomputed once
  in :class:`core.domain.features.VacancyFeatures`. Scoring a pair is then set intersections and
  a few float operations (tens of thousands of vacancies per second on one core).
- Every component is in [0, 1]; 0.5 means "no information" (no profile, no salary, no
  location preference) so unknowns neither win nor lose.
- Dealbreakers are filters, not penalties: a vacancy below the salary floor or on-site in
  another city is dropped, never just ranked lower.
- Relevance gates the rest: a vacancy that asks for none of the person's skills, names
  none of their job titles and is not in their field cannot become a good match on city
  and pay alone. The overall is the weighted sum times a gate that rises from GATE_FLOOR
  (no skill match) to 1 (skills score >= RELEVANT_AT), so location and salary only order
  vacancies that are about the person's work.
- The fields picked at onboarding (catalogue categories) weigh skill matches: Python
  listed by a pharmacy, among pharmacy skills, is a stray mention, not a developer job.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from core.domain import skills
from core.domain.features import (
    FIELD_NEUTRAL_SKILLS,
    SKILL_FIELDS,
    VacancyFeatures,
    content_stems,
    extract_features,
)
from core.domain.hh_schemas import Vacancy
from core.domain.pay import monthly_factor
from core.domain.preferences import UserPreferences, experience_level
from core.domain.roles import (
    GENERIC_ROLES,
    hh_role_ids,
    role_of_text,
    roles_of_titles,
    with_specialisations,
)
from core.domain.skill_gap import IMPLIED_SKILLS, skill_gap

NEUTRAL = 0.5

# --- skills
TEXT_MATCH_CREDIT = 0.6  # a skill only mentioned in the text is weaker than a key skill
PREFERRED_BOOST = 1.5  # assessment strengths weigh 1.5x their importance
PREFERRED_DEFAULT_IMPORTANCE = 0.6  # a strength the user did not list as a skill
SATURATION_SKILLS = 5  # matching the user's 5 most important skills is a perfect fit
TITLE_BONUS = 0.2  # the title names a job the user asked for
# A vacancy listing key skills the person lacks is not a perfect skills fit, whatever the
# title bonus: its skills score is at most LACKING_CAP (the card never says 100 % beside
# «✗ Git»).
LACKING_CAP = 0.95
AVOIDED_PENALTY = 0.3  # per avoided skill found among the key skills (text: x0.6)
POSITIVE_KEYWORD_CAP = 0.3  # learned and declared likes together add at most this
LEARNED_NEGATIVE_CAP = 0.3  # learned dislikes subtract at most this in total
# A negative keyword at or above this weight is an explicit exclusion the user asked for
# ("less of X"); learned keywords are capped well below it (core.domain.learning).
EXPLICIT_EXCLUSION_WEIGHT = 0.5
TOP_SKILLS_SHOWN = 5
# Field fit (field_fit): is the vacancy a job of the person's fields (chosen categories
# and the categories of their skills)? From FIELD_OWN_FROM on shared skills count fully;
# at FIELD_OTHER_BELOW or less it is another field's job (a pharmacist's, listing Python
# among pharmacy skills) and shared skills count for nothing; linear in between. A
# vacancy of their field with none of their skills still gets FIELD_PRIOR (a Java job
# for a Python developer is closer than a pharmacist's).
FIELD_OWN_FROM = 0.6
FIELD_OTHER_BELOW = 0.25
FIELD_PRIOR = 0.1
# Evidence needed to call a vacancy another field's job: this many field-specific skills,
# or one fewer when its title names another field's skill ("Фармацевт").
FIELD_MIN_SKILLS = 3

# --- role fit: a vacancy of the person's roles scores in [ROLE_FIT_BASE, 1], any other in
# [0, ROLE_FIT_BASE): skills, location and salary (40/30/30) order the vacancies of their
# roles, and nothing outranks a fitting vacancy on city and pay alone.
ROLE_FIT_BASE = 0.5
MISFIT_CEILING = 0.49
LEARNED_ROLE_AT = 0.2  # a liked role from this affinity on counts as one of theirs
ROLE_DISLIKE_CAP = 0.5  # a disliked role keeps at least half of its weighted sum

# --- limits learned from 👍 / 👎 (UserPreferences.learned_limits): paying at most what was
# "too low", or asking at least the experience that was "too much", costs up to this share
# of the weighted sum each (times the limit's strength): bounded, a vacancy of the person's
# roles stays above the relevance floor. Except a firm pay limit (their own repeated taps):
# a card paying that little leaves their roles' band, below the floor, and is not shown.
LIMIT_PENALTY = 0.3

# --- seniority: to a person with experience a vacancy asking less is a step down. One band
# below is still theirs (searched: core.domain.hh_query.EXPERIENCE_BANDS), their own band
# first among equals; two or more below («без опыта» for 3–6 years) is rarely what they
# apply to. A title saying «Младший» / «Junior» / «Стажёр» asks the least, whatever its band.
STEP_DOWN_PENALTY: tuple[float, ...] = (0.0, 0.04, 0.12)  # by bands below; more: the last
JUNIOR_TITLE_STEMS = frozenset(content_stems("младший junior стажёр стажер trainee"))

# --- relevance gate: overall = weighted sum x gate(skills score)
GATE_FLOOR = 0.3  # no skill, title or field match: 30 % of the weighted sum at most
RELEVANT_AT = 0.25  # a skills score from here on opens the gate fully

# --- location
LOCATION_SCORES: dict[str, float] = {
    "same_area": 1.0,
    "remote": 1.0,
    "same_country": 0.5,
    "elsewhere": 0.1,
    "anywhere": NEUTRAL,
}

# --- salary
BELOW_ZERO_AT = 0.5  # the salary score falls linearly to 0 at 50 % of the expectation
# What a person considers, reading the best pay a card offers against the floor they asked
# for: from 90 % on (asking 500 k, 450 k is worth a look), not below (400 k is not). A floor
# («от 500») drops what pays under 90 % even at best: a card they would not take is not
# shown, and when the fitting ones run out the bot offers to widen the salary instead. A
# mere expectation (no floor) keeps such cards, losing up to LIMIT_PENALTY of the weighted
# sum between 90 % and FLOOR_TOLERANCE (all of it below).
CONSIDERED_FROM = 0.9
FLOOR_TOLERANCE = 0.8
UP_TO_DISCOUNT = 0.9  # "up to X" offers usually land below X
# Net ("на руки") share of a gross salary, by salary currency (a proxy for the country):
# Kazakhstan: pension contribution (ОПВ) 10 % of gross, then individual income tax (ИПН)
#   10 % of the rest: net = 0.9 x 0.9 = 0.81 x gross (ignoring the small 14-МРП deduction).
# Russia: НДФЛ 13 % up to 2.4 M RUB a year: net = 0.87 x gross.
NET_SHARE: dict[str, float] = {"KZT": 0.81, "RUR": 0.87}
DEFAULT_NET_SHARE = 0.85  # other currencies: somewhere between the two
# Units per 1 RUR (HH's /dictionaries convention), approximate mid-2025 values. Used only
# until the real table from /dictionaries is passed in.
DEFAULT_RATES: dict[str, float] = {
    "RUR": 1.0,
    "KZT": 6.4,
    "USD": 0.0125,
    "EUR": 0.0108,
    "UZS": 155.0,
    "KGS": 1.09,
    "BYR": 0.037,
    "AZN": 0.021,
    "GEL": 0.034,
}

# --- areas
# Fallback area tree (HH ids) until /areas is loaded: Kazakhstan and Russia, main cities.
DEFAULT_AREA_PARENT: dict[str, str | None] = {
    "40": None,
    "160": "40",
    "159": "40",
    "205": "40",
    "177": "40",
    "113": None,
    "1": "113",
    "2": "113",
}


def _currency_code(code: str | None) -> str:
    """HH calls the rouble RUR; people and other systems say RUB."""
    code = (code or "").upper()
    return "RUR" if code == "RUB" else code


# ============================================================================ context


# A keyword as the matcher sees it: (group, keyword); groups are the three below.
Keyword = tuple[str, str]
POSITIVE, LEARNED_NEGATIVE, EXCLUDED = "positive", "learned_negative", "excluded"


@dataclass(frozen=True, slots=True)
class KeywordMatcher:
    """Finds all of a user's keywords in vacancy features in one pass, no text at score time.

    A keyword hits when its catalogue skill is a key skill or mentioned in the text (the
    catalogue's aliases and inflections were resolved by find_skills at extraction), or
    when each of its own words is among the vacancy's stemmed terms (a bag-of-words check:
    cheap, and good enough for the 1-3-word keywords people use).
    """

    weights: Mapping[Keyword, float]
    by_skill: Mapping[str, tuple[Keyword, ...]]  # canonical skill / skill key -> keywords
    skill_keys: frozenset[str]
    by_stem: Mapping[str, tuple[Keyword, ...]]  # stem or token of a one-word keyword
    stems: frozenset[str]
    multi: tuple[tuple[Keyword, tuple[frozenset[str], ...]], ...]  # per word: alternatives

    @classmethod
    def build(cls, groups: Mapping[str, Mapping[str, float]]) -> KeywordMatcher:
        # Weights are magnitudes; the group gives the sign (a stored -0.2 "dislike" and
        # 0.2 mean the same thing).
        weights = {(g, kw): abs(w) for g, keywords in groups.items() for kw, w in keywords.items()}
        by_skill: dict[str, list[Keyword]] = {}
        by_stem: dict[str, list[Keyword]] = {}
        multi: list[tuple[Keyword, tuple[frozenset[str], ...]]] = []
        for entry in weights:
            for key in {skills.canonical_skill(entry[1]), skills.skill_key(entry[1])} - {None, ""}:
                by_skill.setdefault(str(key), []).append(entry)
            # Learned keywords are stems already and snowball is not idempotent, so the
            # token itself is accepted as well as its stem.
            tokens = skills.tokenize(entry[1])
            alternatives = tuple(frozenset({token, skills.stem(token)}) for token in tokens)
            if len(alternatives) == 1:
                for alternative in alternatives[0]:
                    by_stem.setdefault(alternative, []).append(entry)
            elif alternatives:
                multi.append((entry, alternatives))
        return cls(
            weights=weights,
            by_skill={key: tuple(entries) for key, entries in by_skill.items()},
            skill_keys=frozenset(by_skill),
            by_stem={stem: tuple(entries) for stem, entries in by_stem.items()},
            stems=frozenset(by_stem),
            multi=tuple(multi),
        )

    def hits(self, features: VacancyFeatures) -> set[Keyword]:
        by_skill, keys = self.by_skill, self.skill_keys
        found = self.stem_hits(features.terms)
        for key in keys & features.key_skill_keys:
            found.update(by_skill[key])
        for key in keys & features.text_skills:
            found.update(by_skill[key])
        return found

    def stem_hits(self, stems: frozenset[str]) -> set[Keyword]:
        by_stem = self.by_stem
        found: set[Keyword] = set()
        for stem in self.stems & stems:
            found.update(by_stem[stem])
        for entry, alternatives in self.multi:
            if all(not alt.isdisjoint(stems) for alt in alternatives):
                found.add(entry)
        return found

    def __bool__(self) -> bool:
        return bool(self.weights)


@dataclass(frozen=True, slots=True)
class SkillProfile:
    """The user's skills, keyed for set intersection with VacancyFeatures."""

    weights: Mapping[str, float]  # skill key -> effective weight
    names: Mapping[str, str]  # skill key -> the name the user knows
    keys: frozenset[str]
    denominator: float
    top: tuple[str, ...]  # keys of the most important skills, for "missing"
    rank: Mapping[str, int]  # skill key -> position by importance, for display order
    fallback: tuple[tuple[str, tuple[frozenset[str], ...]], ...]  # non-catalogue: key, stems
    avoided: frozenset[str]
    avoided_fallback: tuple[tuple[str, tuple[frozenset[str], ...]], ...]
    implied: Mapping[str, frozenset[str]]  # a skill they do not list -> theirs implying it
    titles: tuple[frozenset[str], ...]  # stems of each desired job title
    free_titles: tuple[frozenset[str], ...]  # those of titles that name no catalogue role
    fields: frozenset[str]  # chosen categories and the categories of the person's skills
    roles: frozenset[str]  # catalogue roles of their job titles, and liked roles learned
    role_hh_ids: frozenset[str]  # HH professional roles of those
    role_affinity: Mapping[str, float]  # learned from 👍/👎: role key -> [-cap, cap]

    @property
    def has_roles(self) -> bool:
        return bool(self.roles or self.titles)

    @classmethod
    def build(cls, prefs: UserPreferences) -> SkillProfile:
        weights, names = _effective_skill_weights(prefs)
        ranked = sorted(weights, key=lambda key: (-weights[key], key))
        avoided = {skills.skill_key(name) for name in prefs.avoided_skills} - {""}
        titles = (frozenset(content_stems(title)) for title in prefs.job_titles)
        # For role fit, titles outside the catalogue are matched as typed; a catalogue role
        # by its phrases («бухгалтер» is not a «Главный бухгалтер»).
        free_titles = (
            frozenset(content_stems(title))
            for title in prefs.job_titles
            if role_of_text(title) is None
        )
        learned = [k for k, w in prefs.role_affinity.items() if w >= LEARNED_ROLE_AT]
        # «Учитель» takes an English teacher's job too; «Учитель английского» only those.
        roles = with_specialisations([*roles_of_titles(prefs.job_titles), *learned])
        return cls(
            weights=weights,
            names=names,
            keys=frozenset(weights),
            denominator=sum(weights[key] for key in ranked[:SATURATION_SKILLS]),
            top=tuple(ranked[:TOP_SKILLS_SHOWN]),
            rank={key: position for position, key in enumerate(ranked)},
            fallback=_fallback_patterns(weights),
            avoided=frozenset(avoided),
            avoided_fallback=_fallback_patterns(avoided),
            implied=_implied(weights),
            titles=tuple(title for title in titles if title),
            free_titles=tuple(title for title in free_titles if title),
            fields=_user_fields(prefs),
            roles=frozenset(roles),
            role_hh_ids=hh_role_ids(roles),
            role_affinity=dict(prefs.role_affinity),
        )


def _implied(keys: Iterable[str]) -> dict[str, frozenset[str]]:
    """Skills a person has without listing them (PostgreSQL: SQL) -> their skills implying
    them: a vacancy asking for SQL asks for their PostgreSQL."""
    own = set(keys)
    implied: dict[str, set[str]] = {}
    for key in own:
        for other in IMPLIED_SKILLS.get(key, ()):
            if other not in own:
                implied.setdefault(other, set()).add(key)
    return {key: frozenset(by) for key, by in implied.items()}


def _user_fields(prefs: UserPreferences) -> frozenset[str]:
    chosen = [category for category in prefs.categories if category]
    fields = set(chosen)
    for name in (*prefs.skills, *prefs.preferred_skills):
        canonical = skills.canonical_skill(skills.read_in_fields(name, chosen))
        if canonical is not None and canonical not in FIELD_NEUTRAL_SKILLS:
            fields |= SKILL_FIELDS.get(canonical, frozenset())
    return frozenset(fields)


def _effective_skill_weights(prefs: UserPreferences) -> tuple[dict[str, float], dict[str, str]]:
    weights: dict[str, float] = {}
    names: dict[str, str] = {}
    fields = prefs.categories
    for typed, importance in prefs.skills.items():
        name = skills.read_in_fields(typed, fields)  # an accountant's «1С»: 1С:Бухгалтерия
        key = skills.skill_key(name)
        if key:
            weights[key] = max(weights.get(key, 0.0), min(max(importance, 0.0), 1.0))
            names.setdefault(key, name)
    for typed in prefs.preferred_skills:
        name = skills.read_in_fields(typed, fields)
        key = skills.skill_key(name)
        if key:
            base = weights.get(key, PREFERRED_DEFAULT_IMPORTANCE)
            weights[key] = base * PREFERRED_BOOST
            names.setdefault(key, name)
    # A zero-importance skill matches nothing but would still count as "missing".
    return {k: w for k, w in weights.items() if w > 0}, names


def _fallback_patterns(keys: Iterable[str]) -> tuple[tuple[str, tuple[frozenset[str], ...]], ...]:
    """Skills outside the catalogue cannot be found by find_skills: match their stems."""
    result = []
    for key in keys:
        if skills.canonical_skill(key) is None:
            stems = tuple(frozenset({s}) for s in key.split())
            if stems:
                result.append((key, stems))
    return tuple(result)


@dataclass(frozen=True, slots=True)
class ScoringContext:
    """Everything about one user that scoring needs, computed once per ranking run."""

    prefs: UserPreferences
    profile: SkillProfile
    keywords: KeywordMatcher  # positive, learned negative and explicit "less of X"
    weights: tuple[float, float, float]  # skills, location, salary; sum 1
    user_areas: frozenset[str]
    user_countries: frozenset[str]
    area_parent: Mapping[str, str | None]
    expected_salary: float | None  # net, in the user's currency
    pay_too_low: float | None  # learned: a month's pay as posted at or below which …
    pay_penalty: float  # … costs this share of the weighted sum
    pay_firm: bool  # … and, firm, puts a vacancy of their roles below the relevance floor
    experience_too_high: int | None  # learned: asking this experience level or more …
    experience_penalty: float  # … costs this share of the weighted sum
    own_experience: int | None  # the level of the experience they have (None: not said)
    remote_penalty: float  # learned: remote work from other cities costs this share
    to_user_currency: Mapping[str, float]  # vacancy currency -> factor into user currency
    # Vacancy area id -> location reason, filled lazily: a page has a handful of areas.
    area_memo: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        prefs: UserPreferences,
        area_parent: Mapping[str, str | None] | None = None,
        rates: Mapping[str, float] | None = None,
    ) -> ScoringContext:
        areas = dict(DEFAULT_AREA_PARENT)
        areas.update(area_parent or {})
        user_areas = frozenset(prefs.area_ids)
        learned, explicit = _split_negative_keywords(prefs.negative_keywords)
        w = prefs.weights.normalised()
        limits = prefs.learned_limits
        pay_strength = _unit(limits.pay_strength) if limits.pay_too_low else 0.0
        too_high = experience_level(limits.experience_too_high)
        experience_strength = _unit(limits.experience_strength) if too_high is not None else 0.0
        return cls(
            prefs=prefs,
            profile=SkillProfile.build(prefs),
            keywords=KeywordMatcher.build(
                {POSITIVE: prefs.positive_keywords, LEARNED_NEGATIVE: learned, EXCLUDED: explicit}
            ),
            weights=(w.skills, w.location, w.salary),
            user_areas=user_areas,
            user_countries=frozenset(_country_of(a, areas) for a in user_areas),
            area_parent=areas,
            expected_salary=expected_salary(prefs),
            pay_too_low=float(limits.pay_too_low) if limits.pay_too_low and pay_strength else None,
            pay_penalty=LIMIT_PENALTY * pay_strength,
            pay_firm=limits.pay_firm and pay_strength > 0,
            experience_too_high=too_high if experience_strength > 0 else None,
            experience_penalty=LIMIT_PENALTY * experience_strength,
            own_experience=experience_level(prefs.experience),
            remote_penalty=LIMIT_PENALTY * _unit(limits.remote_strength),
            to_user_currency=_currency_factors(prefs.salary.currency, rates),
        )


def _unit(value: float) -> float:
    return 0.0 if value <= 0.0 else 1.0 if value >= 1.0 else value


def _split_negative_keywords(
    keywords: Mapping[str, float],
) -> tuple[dict[str, float], dict[str, float]]:
    learned = {k: abs(w) for k, w in keywords.items() if abs(w) < EXPLICIT_EXCLUSION_WEIGHT}
    explicit = {k: abs(w) for k, w in keywords.items() if abs(w) >= EXPLICIT_EXCLUSION_WEIGHT}
    return learned, explicit


def expected_salary(prefs: UserPreferences) -> float | None:
    """What the person expects to be paid: monthly, net, in their currency."""
    # The user states what they want "на руки" (net); the minimum is the expectation,
    # the maximum only stands in when no minimum was given.
    amount = prefs.salary.minimum or prefs.salary.maximum
    return float(amount) if amount and amount > 0 else None


def _currency_factors(user_currency: str, rates: Mapping[str, float] | None) -> dict[str, float]:
    table = dict(DEFAULT_RATES)
    table.update({_currency_code(code): rate for code, rate in (rates or {}).items() if rate})
    user_rate = table.get(_currency_code(user_currency))
    if not user_rate:
        return {}
    # amount in C / rate[C] = roubles; roubles * rate[user] = user currency.
    factors = {code: user_rate / rate for code, rate in table.items() if rate > 0}
    factors["RUB"] = factors.get("RUR", 0.0)
    return factors


def _country_of(area_id: str, area_parent: Mapping[str, str | None]) -> str:
    """The root of the area tree above ``area_id`` (the country); the id itself if unknown."""
    current, seen = area_id, set()
    while current not in seen:
        seen.add(current)
        parent = area_parent.get(current)
        if parent is None:
            return current
        current = parent
    return current


def _ancestors(area_id: str, area_parent: Mapping[str, str | None]) -> list[str]:
    chain, current = [area_id], area_id
    while (parent := area_parent.get(current)) is not None and parent not in chain:
        chain.append(parent)
        current = parent
    return chain


# ============================================================================ results


@dataclass(frozen=True, slots=True)
class SkillMatch:
    score: float
    matched: tuple[str, ...]  # the user's skills found (key skills first), by importance
    missing: tuple[str, ...]  # the user's most important skills the vacancy lacks
    positive_hits: tuple[str, ...] = ()
    negative_hits: tuple[str, ...] = ()
    title_match: bool = False
    coverage: float = 0.0  # the plain share of their skills found, before field and title


@dataclass(frozen=True, slots=True)
class ScoreExplanation:
    """Why a vacancy got its score: rendered as the "why recommended" line on the card."""

    matched_skills: tuple[str, ...]
    missing_skills: tuple[str, ...]
    salary_note: str  # meets / below / unknown / no_expectation
    salary_ratio: float | None  # net offer / expectation, in the user's currency
    location_reason: str  # same_area / remote / same_country / elsewhere / anywhere
    positive_hits: tuple[str, ...]
    negative_hits: tuple[str, ...]
    title_match: bool = False
    role_fit: bool | None = None  # a vacancy of their roles; None: they named no role


@dataclass(frozen=True, slots=True)
class VacancyScore:
    skills: float
    location: float
    salary: float
    overall: float
    explanation: ScoreExplanation
    dealbreaker: str | None = None

    @property
    def fits_role(self) -> bool | None:
        return self.explanation.role_fit


@dataclass(frozen=True, slots=True)
class SalaryOffer:
    """A vacancy's pay, net, in the user's currency."""

    typical: float  # what the person can expect: the range midpoint
    # The top of the range as posted (before tax when posted gross): the floor filter reads
    # the figure the person reads on the card, as HH's own salary filter does — a «от 580 000
    # до вычета» is not dropped for a 600 k floor; the ranking still reads the net pay.
    posted_best: float


# ============================================================================ skills


def score_skills(features: VacancyFeatures, ctx: ScoringContext) -> SkillMatch:
    """Weighted share of the user's skills the vacancy asks for, plus keyword effects."""
    profile = ctx.profile
    key_hits = profile.keys & features.key_skill_keys
    text_hits = profile.keys & features.text_skills
    if profile.implied:
        key_hits |= _implied_hits(profile, features.key_skill_keys)
        text_hits |= _implied_hits(profile, features.text_skills)
    text_hits -= key_hits
    if profile.fallback:
        text_hits |= _fallback_hits(profile.fallback, features.terms) - key_hits
    title_match = bool(profile.titles) and _title_match(profile.titles, features.title_keys)
    fit = 1.0 if title_match else field_fit(features, profile)
    score = _coverage(profile, key_hits, text_hits)
    if fit is not None:
        factor = _field_factor(fit)
        score = max(score * factor, FIELD_PRIOR * factor)
    if title_match:
        score += TITLE_BONUS
    score -= _avoided_penalty(profile, features)
    matched_names = _by_importance(profile, key_hits, text_hits)
    score = min(score, _lacking_cap(matched_names, features.key_skill_names))
    positive, negative, adjustment = _keyword_effects(features, ctx)
    matched = key_hits | text_hits
    return SkillMatch(
        coverage=_coverage(profile, key_hits, text_hits),
        score=_clamp(score + adjustment),
        matched=matched_names,
        missing=tuple(profile.names[k] for k in profile.top if k not in matched),
        positive_hits=positive,
        negative_hits=negative,
        title_match=title_match,
    )


def _implied_hits(profile: SkillProfile, found: frozenset[str]) -> set[str]:
    hits: set[str] = set()
    for key in profile.implied.keys() & found:
        hits |= profile.implied[key]
    return hits


@lru_cache(maxsize=100_000)  # pure in its names; a page re-ranks the same pool
def _lacking_cap(matched: tuple[str, ...], required: tuple[str, ...]) -> float:
    """The best skills score a vacancy can have with the key skills the person lacks (the
    card's «✗» list, :func:`core.domain.skill_gap.skill_gap`): 1 with none lacking."""
    if not required:
        return 1.0
    return LACKING_CAP if skill_gap(matched, required).lack else 1.0


def field_fit(features: VacancyFeatures, profile: SkillProfile) -> float | None:
    """How much the vacancy is a job of the person's fields, in [0, 1]; None: unknown.

    A title naming a skill of their field ("Программист 1С", "Python-разработчик") makes
    it theirs (1.0). Otherwise the share of the vacancy's field-specific skills inside
    their fields answers (a pharmacy listing Python among pharmacy skills: 1/3), given
    enough of them: FIELD_MIN_SKILLS, one fewer when the title names another field's
    skill ("Фармацевт"). With less evidence the answer is unknown: a side skill from
    another field (a marketer's Figma) alone never discounts a match.
    """
    fields = profile.fields
    if not fields:
        return None
    title_fields = features.title_fields
    if title_fields and not fields.isdisjoint(title_fields):
        return 1.0
    needed = FIELD_MIN_SKILLS - 1 if title_fields else FIELD_MIN_SKILLS
    if len(features.skill_fields) < needed:
        return None
    inside = 0
    for skill_fields in features.skill_fields:
        if not fields.isdisjoint(skill_fields):
            inside += 1
    return inside / len(features.skill_fields)


def _field_factor(fit: float) -> float:
    if fit >= FIELD_OWN_FROM:
        return 1.0
    if fit <= FIELD_OTHER_BELOW:
        return 0.0
    return (fit - FIELD_OTHER_BELOW) / (FIELD_OWN_FROM - FIELD_OTHER_BELOW)


def _coverage(profile: SkillProfile, key_hits: frozenset[str], text_hits: frozenset[str]) -> float:
    """Weighted share of the user's (top) skills found: key skills fully, text partly."""
    if profile.denominator <= 0:
        return NEUTRAL  # nothing declared: skills neither help nor hurt
    weights = profile.weights
    credit = 0.0
    for key in key_hits:
        credit += weights[key]
    for key in text_hits:
        credit += TEXT_MATCH_CREDIT * weights[key]
    # Summing over sets runs in hash order, which changes the last bits of the float;
    # rounding keeps scores (and ties between vacancies) the same in every process.
    return round(credit / profile.denominator, 9)


def _fallback_hits(
    fallback: tuple[tuple[str, tuple[frozenset[str], ...]], ...], terms: frozenset[str]
) -> set[str]:
    return {key for key, stems in fallback if all(not s.isdisjoint(terms) for s in stems)}


def _typed_title_match(profile: SkillProfile, features: VacancyFeatures) -> bool:
    return bool(profile.free_titles) and _title_match(profile.free_titles, features.title_keys)


def _title_match(titles: tuple[frozenset[str], ...], title_keys: frozenset[str]) -> bool:
    return any(title <= title_keys for title in titles)


def _avoided_penalty(profile: SkillProfile, features: VacancyFeatures) -> float:
    if not profile.avoided:
        return 0.0
    in_keys = profile.avoided & features.key_skill_keys
    in_text = (profile.avoided & features.text_skills) - in_keys
    in_text |= _fallback_hits(profile.avoided_fallback, features.terms) - in_keys
    return AVOIDED_PENALTY * (len(in_keys) + TEXT_MATCH_CREDIT * len(in_text))


def _keyword_effects(
    features: VacancyFeatures, ctx: ScoringContext
) -> tuple[tuple[str, ...], tuple[str, ...], float]:
    """(positive hits, negative hits, net adjustment to the skills score)."""
    matcher = ctx.keywords
    hits = matcher.hits(features) if matcher else None
    if not hits:
        return (), (), 0.0
    positive, learned, explicit = 0.0, 0.0, 0.0
    for entry in hits:
        group = entry[0]
        if group == POSITIVE:
            positive += matcher.weights[entry]
        elif group == LEARNED_NEGATIVE:
            learned += matcher.weights[entry]
        else:
            explicit += matcher.weights[entry]
    # Likes and learned dislikes are capped (learned ones come from noisy thumbs); an
    # explicit "less of X" is not: the user asked for it.
    adjustment = min(POSITIVE_KEYWORD_CAP, positive) - min(LEARNED_NEGATIVE_CAP, learned)
    return (
        tuple(sorted({kw for group, kw in hits if group == POSITIVE})),
        tuple(sorted({kw for group, kw in hits if group != POSITIVE})),
        adjustment - explicit,
    )


def _by_importance(
    profile: SkillProfile, key_hits: frozenset[str], text_hits: frozenset[str]
) -> tuple[str, ...]:
    by_rank, names = profile.rank.__getitem__, profile.names
    return tuple(
        names[k] for k in (*sorted(key_hits, key=by_rank), *sorted(text_hits, key=by_rank))
    )


# ============================================================================ location


def score_location(features: VacancyFeatures, ctx: ScoringContext) -> tuple[float, str]:
    """(score, reason): same area or inside it, remote, same country, elsewhere, anywhere."""
    reason = location_reason(features, ctx)
    return LOCATION_SCORES[reason], reason


def location_reason(features: VacancyFeatures, ctx: ScoringContext) -> str:
    if features.remote and ctx.prefs.remote_ok:
        return "remote"
    if not ctx.user_areas or features.area_id is None:
        return "anywhere"
    reason = ctx.area_memo.get(features.area_id)
    if reason is None:
        reason = _area_reason(features.area_id, ctx)
        ctx.area_memo[features.area_id] = reason
    return reason


def in_person_area(features: VacancyFeatures, ctx: ScoringContext) -> bool:
    """Posted in one of the person's cities (or a town of their region), remote or not."""
    if not ctx.user_areas or features.area_id is None:
        return False
    return _area_reason(features.area_id, ctx) == "same_area"


def _area_reason(area_id: str, ctx: ScoringContext) -> str:
    if not ctx.user_areas.isdisjoint(_ancestors(area_id, ctx.area_parent)):
        return "same_area"  # the user's city, or a district/town inside the user's region
    if _country_of(area_id, ctx.area_parent) in ctx.user_countries:
        return "same_country"
    return "elsewhere"


# ============================================================================ salary


def salary_offer(features: VacancyFeatures, ctx: ScoringContext) -> SalaryOffer | None:
    """The vacancy's monthly pay (per hour or shift times a month of them) converted to the
    user's currency and to net; None when unknown or not comparable (per service)."""
    return pay_offer(
        features.salary_from,
        features.salary_to,
        features.salary_currency,
        features.salary_gross,
        features.salary_mode,
        ctx.to_user_currency,
    )


def pay_offer(
    salary_from: int | float | None,
    salary_to: int | float | None,
    currency: str | None,
    gross: bool | None,
    mode: str | None,
    to_user_currency: Mapping[str, float],
) -> SalaryOffer | None:
    """:func:`salary_offer` of pay figures as a card shows them (from / to, currency,
    gross, per month / hour / shift)."""
    factor = to_user_currency.get(currency or "")
    per_month = monthly_factor(mode)
    low = salary_from if salary_from and salary_from > 0 else None
    high = salary_to if salary_to and salary_to > 0 else None
    if not factor or per_month is None or (low is None and high is None):
        return None
    posted = factor * per_month
    factor = posted
    if gross:
        factor *= NET_SHARE.get(_currency_code(currency), DEFAULT_NET_SHARE)
    if low is not None and high is not None:
        low, high = min(low, high), max(low, high)
        return SalaryOffer(factor * (low + high) / 2, posted * high)
    if low is not None:
        return SalaryOffer(factor * low, posted * low)
    assert high is not None
    return SalaryOffer(factor * high * UP_TO_DISCOUNT, posted * high)


def score_salary(features: VacancyFeatures, ctx: ScoringContext) -> tuple[float, str]:
    """(score, note). Monotone non-decreasing in the vacancy's salary."""
    score, note, _ = _salary_component(salary_offer(features, ctx), ctx)
    return score, note


def _salary_component(
    offer: SalaryOffer | None, ctx: ScoringContext
) -> tuple[float, str, float | None]:
    expected = ctx.expected_salary
    if expected is None:
        return NEUTRAL, "no_expectation", None
    if offer is None:
        return NEUTRAL, "unknown", None
    ratio = offer.typical / expected
    if ratio >= 1.0:
        return 1.0, "meets", ratio
    return max(0.0, (ratio - BELOW_ZERO_AT) / (1.0 - BELOW_ZERO_AT)), "below", ratio


def unconsidered_pay(offer: SalaryOffer | None, ctx: ScoringContext) -> float:
    """How far the best pay a card offers is below what the person would consider, in
    [0, 1]: 0 from CONSIDERED_FROM of their floor on (or pay unknown), 1 at FLOOR_TOLERANCE
    and below."""
    expected = ctx.expected_salary
    if expected is None or offer is None:
        return 0.0
    best = offer.posted_best / expected
    if best >= CONSIDERED_FROM:
        return 0.0
    return min(1.0, (CONSIDERED_FROM - best) / (CONSIDERED_FROM - FLOOR_TOLERANCE))


def too_low_pay(offer: SalaryOffer | None, ctx: ScoringContext) -> bool:
    """Does the vacancy pay, as posted, no more than what the person called too low?"""
    return (
        ctx.pay_too_low is not None and offer is not None and offer.posted_best <= ctx.pay_too_low
    )


def bands_below(features: VacancyFeatures, ctx: ScoringContext) -> int:
    """How many experience bands below the person's own the vacancy asks (0: theirs or
    more, or either unknown); a junior title asks for none."""
    own = ctx.own_experience
    if not own:
        return 0
    junior = not JUNIOR_TITLE_STEMS.isdisjoint(features.title_keys)
    asked = 0 if junior else experience_level(features.experience)
    return 0 if asked is None else max(0, own - asked)


def asks_too_much_experience(features: VacancyFeatures, ctx: ScoringContext) -> bool:
    """Does the vacancy ask at least the experience the person said was too much?"""
    if ctx.experience_too_high is None:
        return False
    asked = experience_level(features.experience)
    return asked is not None and asked >= ctx.experience_too_high


# ============================================================================ overall


def score_vacancy(features: VacancyFeatures, ctx: ScoringContext) -> VacancyScore:
    match = score_skills(features, ctx)
    reason = location_reason(features, ctx)
    location = LOCATION_SCORES[reason]
    offer = salary_offer(features, ctx)
    salary, note, ratio = _salary_component(offer, ctx)
    w_skills, w_location, w_salary = ctx.weights
    fit = role_fit(features, ctx.profile, match)
    explanation = ScoreExplanation(
        matched_skills=match.matched,
        missing_skills=match.missing,
        salary_note=note,
        salary_ratio=ratio,
        location_reason=reason,
        positive_hits=match.positive_hits,
        negative_hits=match.negative_hits,
        title_match=match.title_match,
        role_fit=fit,
    )
    weighted = _clamp(w_skills * match.score + w_location * location + w_salary * salary)
    if asks_too_much_experience(features, ctx):
        weighted *= 1.0 - ctx.experience_penalty
    if ctx.remote_penalty and reason == "remote" and not in_person_area(features, ctx):
        weighted *= 1.0 - ctx.remote_penalty
    if step_down := bands_below(features, ctx):
        weighted *= 1.0 - STEP_DOWN_PENALTY[min(step_down, len(STEP_DOWN_PENALTY) - 1)]
    pay_too_low = too_low_pay(offer, ctx)
    if pay_too_low:
        weighted *= 1.0 - ctx.pay_penalty
    # Pay they would not consider costs the card, not only its salary score: asking 400 k,
    # «от 340 000» ranks below a vacancy of theirs that does not state its pay.
    weighted *= 1.0 - LIMIT_PENALTY * unconsidered_pay(offer, ctx)
    return VacancyScore(
        skills=match.score,
        location=location,
        salary=salary,
        overall=overall_score(
            weighted,
            match.score,
            # What they firmly called too low is not a job of theirs, whatever its role.
            False if fit and pay_too_low and ctx.pay_firm else fit,
            _role_dislike(features, ctx.profile),
        ),
        explanation=explanation,
        dealbreaker=_dealbreaker(features, ctx, reason, offer),
    )


def role_fit(features: VacancyFeatures, profile: SkillProfile, match: SkillMatch) -> bool | None:
    """Is the vacancy a job of the person's roles? None when they named no role.

    Its title names one of their roles (or a title they typed) → yes. A title naming only
    other roles («Senior Java Developer» for a Python developer) → no, whatever the skills.
    A title naming no role («Backend developer», «Программист») is theirs when HH files it
    under one of their professional roles (or files it nowhere) and it asks for their
    skills.
    """
    if not profile.has_roles:
        return None
    if _typed_title_match(profile, features):
        return True  # the title has every word of a title they typed
    specific = features.title_roles - GENERIC_ROLES
    if specific:
        return not profile.roles.isdisjoint(specific)
    same_family = not features.professional_roles or not profile.role_hh_ids.isdisjoint(
        features.professional_roles
    )
    if not profile.roles.isdisjoint(features.title_roles):
        return match.coverage > 0  # a generic title they chose, with some of their skills
    return same_family and match.coverage >= RELEVANT_AT


def _role_dislike(features: VacancyFeatures, profile: SkillProfile) -> float:
    """How much the person's 👎 on vacancies of this role lowers it, in [0, 1)."""
    if not profile.role_affinity or not features.title_roles:
        return 0.0
    worst = min((profile.role_affinity.get(key, 0.0) for key in features.title_roles), default=0.0)
    return min(ROLE_DISLIKE_CAP, -worst) if worst < 0 else 0.0


def overall_score(weighted: float, skills_score: float, fit: bool | None, dislike: float) -> float:
    """The match % of a card: fitting vacancies above ROLE_FIT_BASE ordered by the weighted
    sum, others below it; without roles, the weighted sum gated by the skills score."""
    weighted *= 1.0 - dislike
    if fit is None:
        return weighted * relevance_gate(skills_score)
    if fit:
        return ROLE_FIT_BASE + (1.0 - ROLE_FIT_BASE) * weighted
    return MISFIT_CEILING * weighted * relevance_gate(skills_score)


def relevance_floor(prefs: UserPreferences) -> float:
    """The least match % worth a card: a vacancy of their roles, or (without roles) one
    that asks for some of their skills."""
    if prefs.job_titles or any(w >= LEARNED_ROLE_AT for w in prefs.role_affinity.values()):
        return ROLE_FIT_BASE
    return NO_ROLE_FLOOR


NO_ROLE_FLOOR = 0.2


def relevance_gate(skills_score: float) -> float:
    """The share of the weighted sum a vacancy keeps, from its skills score: GATE_FLOOR
    with no match, rising linearly to 1 at RELEVANT_AT. Non-decreasing, in [GATE_FLOOR, 1].
    A profile without skills scores NEUTRAL (0.5) everywhere, so nothing is gated."""
    if skills_score >= RELEVANT_AT:
        return 1.0
    return GATE_FLOOR + (1.0 - GATE_FLOOR) * max(skills_score, 0.0) / RELEVANT_AT


def dealbreaker(features: VacancyFeatures, ctx: ScoringContext) -> str | None:
    """Why the vacancy must not be shown at all, or None. Hard filters the user set."""
    return _dealbreaker(features, ctx, location_reason(features, ctx), salary_offer(features, ctx))


def _dealbreaker(
    features: VacancyFeatures, ctx: ScoringContext, reason: str, offer: SalaryOffer | None
) -> str | None:
    prefs = ctx.prefs
    if features.archived:
        return "archived"
    if (
        prefs.salary_is_floor
        and offer is not None
        and ctx.expected_salary is not None
        and offer.posted_best < CONSIDERED_FROM * ctx.expected_salary
    ):
        return "salary_below_floor"
    if prefs.only_my_city and not features.remote and reason in ("same_country", "elsewhere"):
        return "other_city"
    if ctx.keywords and any(
        group == EXCLUDED for group, _ in ctx.keywords.stem_hits(features.title_keys)
    ):
        return "excluded_keyword"
    return None


def rank(
    features_list: Iterable[VacancyFeatures], ctx: ScoringContext
) -> list[tuple[VacancyFeatures, VacancyScore]]:
    """Scored vacancies, best first, dealbreakers removed. Ties: newer first, then id."""
    scored = [(f, score_vacancy(f, ctx)) for f in features_list]
    kept = [pair for pair in scored if pair[1].dealbreaker is None]
    kept.sort(key=_rank_key)
    return kept


def _rank_key(pair: tuple[VacancyFeatures, VacancyScore]) -> tuple[float, float, str]:
    features, score = pair
    published = features.published_at.timestamp() if features.published_at else 0.0
    return (-score.overall, -published, features.vacancy_id)


def calculate_recommendation_scores(
    vacancy: Vacancy,
    prefs: UserPreferences,
    area_parent: Mapping[str, str | None] | None = None,
    rates: Mapping[str, float] | None = None,
) -> VacancyScore:
    """The seed's entry point: one vacancy, one user. Batch callers build the context once."""
    return score_vacancy(extract_features(vacancy), ScoringContext.build(prefs, area_parent, rates))


def _clamp(value: float) -> float:
    return 0.0 if value < 0.0 else 1.0 if value > 1.0 else value


__all__: Sequence[str] = (
    "DEFAULT_RATES",
    "EXPLICIT_EXCLUSION_WEIGHT",
    "NET_SHARE",
    "KeywordMatcher",
    "SalaryOffer",
    "ScoreExplanation",
    "ScoringContext",
    "SkillMatch",
    "SkillProfile",
    "VacancyScore",
    "calculate_recommendation_scores",
    "dealbreaker",
    "field_fit",
    "location_reason",
    "overall_score",
    "rank",
    "relevance_floor",
    "relevance_gate",
    "role_fit",
    "salary_offer",
    "score_location",
    "score_salary",
    "score_skills",
    "score_vacancy",
)
