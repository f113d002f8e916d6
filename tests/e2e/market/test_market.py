"""/market (issue 14, item 3): a chart of the salaries of the person's role × city with
theirs marked and the skills most asked for, sent as a photo with a caption saying where
their salary stands (hidden when fewer than 30 vacancies state pay)."""

from __future__ import annotations

import re

from core.domain.onboarding import OnboardingAnswers
from core.domain.preferences import SalaryExpectation
from tests.e2e.jobs_helpers import PYTHON_DEV, open_feed, seed_user
from tests.fixtures.bot import BotWorld

PNG = b"\x89PNG\r\n\x1a\n"
PYTHON_400K = OnboardingAnswers(
    categories=PYTHON_DEV.categories,
    skills=PYTHON_DEV.skills,
    area_ids=PYTHON_DEV.area_ids,
    job_titles=PYTHON_DEV.job_titles,
    salary=SalaryExpectation(minimum=400_000),
)


async def test_market_sends_a_chart_photo_of_salaries_and_skills(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 14301, PYTHON_400K)
    await open_feed(alice)
    await alice.send("/market")
    photo = await alice.wait_for(lambda m: m.from_bot and m.photo is not None)
    sent = bot_world.tg.photos[-1]
    assert sent.data.startswith(PNG) and sent.chat_id == 14301
    assert photo.photo is not None and photo.photo["width"] >= 600
    assert "The market for" in photo.plain


async def test_the_caption_says_where_your_salary_stands_among_n_vacancies(
    bot_world: BotWorld,
) -> None:
    alice = await seed_user(bot_world, 14302, PYTHON_400K)
    await open_feed(alice)
    await alice.send("/market")
    photo = await alice.wait_for(lambda m: m.from_bot and m.photo is not None)
    standing = re.search(
        r"Your 400 000 ₸ is above (\d+)% of these vacancies' pay \(n = (\d+)\)", photo.plain
    )
    too_few = re.search(r"Only (\d+) of them state pay", photo.plain)
    assert standing or too_few, photo.plain
    if standing:
        assert int(standing.group(2)) >= 30
    else:
        assert too_few and int(too_few.group(1)) < 30


async def test_the_caption_marks_the_most_asked_skills_you_have(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 14303, PYTHON_400K)
    await open_feed(alice)
    await alice.send("/market")
    photo = await alice.wait_for(lambda m: m.from_bot and m.photo is not None)
    skills = next(line for line in photo.plain.splitlines() if line.startswith("🧩"))
    assert "✓ Python (" in skills and "✗ " in skills


async def test_market_in_russian(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 14304, PYTHON_400K, language_code="ru")
    await open_feed(alice)
    await alice.send("/market")
    photo = await alice.wait_for(lambda m: m.from_bot and m.photo is not None)
    assert "Рынок" in photo.plain and "Чаще всего просят" in photo.plain


async def test_market_before_setting_up_asks_to_finish_onboarding(bot_world: BotWorld) -> None:
    stranger = bot_world.user(14305)
    await stranger.send("/market")
    answer = await stranger.wait_for(lambda m: m.from_bot)
    assert answer.photo is None and "/start" in answer.plain
