"""The market around a person's role and city: where their salary stands among the
vacancies found, and which skills those vacancies ask for most. Pure: the sample comes in."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from core.domain.features import VacancyFeatures
from core.domain.scoring import (
    ScoringContext,
    in_person_area,
    pay_offer,
    role_fit,
    salary_offer,
    score_skills,
)
from core.domain.skills import skill_key

MIN_SAMPLE = 30  # fewer paid vacancies than this and a percentage would mislead
TOP_SKILLS = 10


@dataclass(frozen=True, slots=True)
class SalaryStanding:
    """ "Your 400k is above 60 % of Python vacancies in Almaty (n = 213)"."""

    amount: int  # the person's expectation, monthly net, their currency
    above_share: float  # share of the sample's typical pay strictly below it, 0..1
    sample: int  # paid vacancies of the role in the city


@dataclass(frozen=True, slots=True)
class SkillDemand:
    skill_key: str
    vacancies: int  # how many vacancies of the sample ask for it
    has: bool  # the person has it
    name: str = ""  # as vacancies name it (catalogue name when known)

    @property
    def shown(self) -> str:
        """What a chart or caption shows: the name vacancies use, else the key."""
        return self.name or self.skill_key


@dataclass(frozen=True, slots=True)
class MarketSnapshot:
    salaries: tuple[float, ...]  # typical monthly net pay of each paid vacancy, ascending
    vacancies: int  # vacancies of the role in the city, paid or not
    skills: tuple[SkillDemand, ...]  # most asked first
    standing: SalaryStanding | None  # None when no expectation or the sample is small

    @property
    def enough(self) -> bool:
        return len(self.salaries) >= MIN_SAMPLE


def salary_standing(amount: float | None, salaries: Sequence[float]) -> SalaryStanding | None:
    """Where ``amount`` stands in ``salaries`` (ascending); None below MIN_SAMPLE."""
    if amount is None or amount <= 0 or len(salaries) < MIN_SAMPLE:
        return None
    below = bisect_left(salaries, amount)
    return SalaryStanding(int(amount), below / len(salaries), len(salaries))


def _is_sample(features: VacancyFeatures, ctx: ScoringContext) -> bool:
    """A vacancy of the person's role (when they named one) in their city or region."""
    if features.archived or not in_person_area(features, ctx):
        return False
    fit = role_fit(features, ctx.profile, score_skills(features, ctx))
    return fit is not False


def market_snapshot(pool: Iterable[VacancyFeatures], ctx: ScoringContext) -> MarketSnapshot:
    """Salaries and skill demand of the role-and-city vacancies among ``pool``."""
    sample = [f for f in pool if _is_sample(f, ctx)]
    salaries = sorted(offer.typical for f in sample if (offer := salary_offer(f, ctx)) is not None)
    asked: Counter[str] = Counter()
    names: dict[str, str] = {}
    for features in sample:
        asked.update(features.key_skill_keys or features.text_skills)
        for name in features.key_skill_names:
            names.setdefault(skill_key(name), name)
    own = ctx.profile.keys
    skills = tuple(
        SkillDemand(key, count, key in own, names.get(key, key))
        for key, count in asked.most_common(TOP_SKILLS)
    )
    return MarketSnapshot(
        salaries=tuple(salaries),
        vacancies=len(sample),
        skills=skills,
        standing=salary_standing(ctx.expected_salary, salaries),
    )


# ---------------------------------------------------------------------------- the card's line


@dataclass(frozen=True, slots=True)
class PayLine:
    """The card's salary context: ``mine`` False — the vacancy's pay is above ``share`` of
    the sample; True — the person's expectation ``amount`` is (the card names no pay)."""

    mine: bool
    share: float
    sample: int
    amount: float | None = None


@dataclass(frozen=True, slots=True)
class PayContext:
    """The paid vacancies of a person's role in their city (the /market sample), to place a
    card's pay among them. ``salaries``: monthly net, in ``currency``, ascending."""

    salaries: tuple[float, ...]
    currency: str
    job_title: str | None
    area_name: str | None
    expected: float | None = None
    to_user_currency: Mapping[str, float] = field(default_factory=dict)

    @property
    def enough(self) -> bool:
        return len(self.salaries) >= MIN_SAMPLE

    def share_below(self, amount: float) -> float:
        return bisect_left(self.salaries, amount) / len(self.salaries)

    def line_for(
        self,
        salary_from: int | None,
        salary_to: int | None,
        currency: str | None,
        gross: bool | None,
        mode: str | None,
    ) -> PayLine | None:
        """Where the card's pay stands; where the person's stands when the card names
        none; None below MIN_SAMPLE or with nothing to compare."""
        if not self.enough:
            return None
        offer = pay_offer(salary_from, salary_to, currency, gross, mode, self.to_user_currency)
        if offer is not None:
            return PayLine(False, self.share_below(offer.typical), len(self.salaries))
        if salary_from is None and salary_to is None and self.expected:
            share = self.share_below(self.expected)
            return PayLine(True, share, len(self.salaries), self.expected)
        return None
