"""Salary context (issue 14, item 3): a card says where its pay stands among the paid
vacancies of the person's role in their city that the bot fetched (the /market sample),
or, for a card naming no pay, where the person's own expectation stands; hidden below 30
paid vacancies; one sample per role × city serves every card and every person."""

from __future__ import annotations

import re

from core.domain.market import MIN_SAMPLE, PayContext
from core.domain.onboarding import OnboardingAnswers
from core.domain.preferences import SalaryExpectation
from tests.e2e.jobs_helpers import PYTHON_DEV, open_feed, seed_user
from tests.fixtures.bot import BotWorld

# The sandbox has 90 paid sales-manager vacancies in Almaty on the first page HH gives.
SALES_400K = OnboardingAnswers(
    categories=["sales"],
    skills=["Продажи"],
    area_ids=["160"],
    job_titles=["Менеджер по продажам"],
    salary=SalaryExpectation(minimum=400_000),
)
# 5 paid Python vacancies in Astana: too few for a percentage.
PYTHON_ASTANA = OnboardingAnswers(
    categories=PYTHON_DEV.categories,
    skills=PYTHON_DEV.skills,
    area_ids=["159"],
    job_titles=PYTHON_DEV.job_titles,
    salary=SalaryExpectation(minimum=400_000),
)
VACANCY_LINE = re.compile(r"📊 Pays more than (\d+)\s% of (.+) vacancies in Almaty \(n\s=\s(\d+)\)")
YOURS_LINE = re.compile(
    r"📊 Your 400 000 ₸ is above (\d+)\s% of (.+) vacancies in Almaty \(n\s=\s(\d+)\)"
)


async def test_a_paid_card_says_where_its_pay_stands_in_the_role_and_city(
    bot_world: BotWorld,
) -> None:
    alice = await seed_user(bot_world, 14701, SALES_400K)
    page = await open_feed(alice)
    paid = [card for card in page.cards if "salary not stated" not in card.plain]
    assert paid
    for card in paid:
        lines = card.plain.splitlines()
        salary = next(i for i, line in enumerate(lines) if line.startswith("💰 "))
        match = VACANCY_LINE.fullmatch(lines[salary + 1])
        assert match, card.plain
        assert 0 <= int(match.group(1)) <= 100 and int(match.group(3)) >= MIN_SAMPLE
        assert match.group(2) == "Sales manager"


async def test_fewer_than_thirty_paid_vacancies_show_no_line(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 14704, PYTHON_ASTANA)
    page = await open_feed(alice)
    assert page.cards
    assert not [card for card in page.cards if "📊" in card.plain]


async def test_one_sample_per_role_and_city_serves_every_person(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 14702, SALES_400K)
    bob = await seed_user(bot_world, 14703, SALES_400K)
    await open_feed(alice)
    await open_feed(bob)
    market = bot_world.app.services.market
    first, second = await market.pay_context(14702), await market.pay_context(14703)
    assert first is not None and second is not None
    assert first.salaries is second.salaries and len(first.salaries) >= MIN_SAMPLE


def _context(count: int, expected: float | None = 400_000) -> PayContext:
    salaries = tuple(float(100_000 + 10_000 * n) for n in range(count))
    return PayContext(
        salaries, "KZT", "Python developer", "Almaty", expected, {"KZT": 1.0, "RUR": 5.0}
    )


def test_below_thirty_paid_vacancies_there_is_no_line() -> None:
    assert _context(MIN_SAMPLE - 1).line_for(300_000, None, "KZT", False, "MONTH") is None
    assert _context(MIN_SAMPLE).line_for(300_000, None, "KZT", False, "MONTH") is not None


def test_a_card_without_pay_places_the_persons_expectation() -> None:
    line = _context(40).line_for(None, None, None, None, "MONTH")
    assert line is not None and line.mine and line.amount == 400_000
    assert line.share == 30 / 40  # 100k … 390k: thirty of them below 400k


def test_hourly_and_foreign_currency_pay_is_compared_monthly_in_the_persons_currency() -> None:
    context = _context(40)
    hourly = context.line_for(2_000, None, "KZT", False, "HOUR")
    roubles = context.line_for(60_000, None, "RUR", False, "MONTH")
    assert hourly is not None and hourly.share == context.share_below(2_000 * 168)
    assert roubles is not None and roubles.share == context.share_below(300_000)
