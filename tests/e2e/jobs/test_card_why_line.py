"""The card's "why" line: which of the job seeker's skills a vacancy does not mention."""

from __future__ import annotations

from core.domain.mapping import OnboardingAnswers
from tests.e2e.jobs_helpers import open_feed, seed_user
from tests.fixtures.bot import BotWorld

# Python plus two skills few vacancies ask for: most cards lack one of them.
PYTHON_AND_RARE = OnboardingAnswers(
    categories=["programming"], skills=["Python", "Django", "Kubernetes"], area_ids=["160"],
    job_titles=["Python-разработчик"],
)  # fmt: skip


def _why(plain: str) -> str:
    return next(line for line in plain.splitlines() if line.startswith("💡"))


async def test_why_line_says_which_of_your_skills_the_vacancy_does_not_mention(
    bot_world: BotWorld,
) -> None:
    # "missing Django" read as "you lack Django"; it means the vacancy does not ask for it.
    alice = await seed_user(bot_world, 9101, PYTHON_AND_RARE)
    page = await open_feed(alice)
    lines = [_why(card.plain) for card in page.cards]
    assert any("not in the vacancy: " in line for line in lines), lines
    assert not any("missing" in line for line in lines), lines


async def test_why_line_in_russian_says_the_vacancy_does_not_mention_the_skill(
    bot_world: BotWorld,
) -> None:
    alice = await seed_user(bot_world, 9102, PYTHON_AND_RARE, language_code="ru")
    page = await open_feed(alice)
    lines = [_why(card.plain) for card in page.cards]
    assert any("в вакансии нет: " in line for line in lines), lines
    assert not any("не хватает" in line for line in lines), lines
