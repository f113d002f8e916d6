"""Regressions found by a QA pass through the chat: what a job seeker sees."""

from __future__ import annotations

from core.domain.mapping import OnboardingAnswers
from tests.e2e.jobs_helpers import open_feed, read_page, seed_user
from tests.fixtures.bot import BotWorld, onboard

# Python plus two skills few vacancies ask for: most cards lack one of them.
PYTHON_AND_RARE = OnboardingAnswers(
    categories=["programming"], skills=["Python", "Django", "Kubernetes"], area_ids=["160"],
    job_titles=["Python-разработчик"],
)  # fmt: skip


def _why(plain: str) -> str:
    return next(line for line in plain.splitlines() if line.startswith("💡"))


# ------------------------------------------------------------------ the card's "why" line


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


# -------------------------------------------------------------------------- /preferences


async def test_preferences_do_not_label_two_different_lists_less_of(
    bot_world: BotWorld,
) -> None:
    alice = bot_world.user(9103)
    await onboard(alice)
    reply = await alice.ask("/preferences")
    assert "Avoid: —" in reply.plain
    assert reply.plain.count("Less of:") == 1, reply.plain


async def test_russian_preferences_say_any_employment_in_the_right_gender(
    bot_world: BotWorld,
) -> None:
    # "Занятость: любой" (masculine for a feminine noun) read as broken Russian.
    alice = await seed_user(bot_world, 9104, language_code="ru")
    reply = await alice.ask("/preferences")
    assert "Занятость: не важно" in reply.plain
    assert "любой" not in reply.plain


# ------------------------------------------------------------------------------ /settings


async def test_a_time_zone_typed_in_lower_case_is_accepted(bot_world: BotWorld) -> None:
    alice = bot_world.user(9105)
    await alice.ask("/settings")
    await alice.tap("Time zone")
    reply = await alice.ask("europe/moscow")
    assert "Digest time: 09:00 (Europe/Moscow)" in reply.plain


async def test_a_time_zone_typed_as_just_the_city_is_accepted(bot_world: BotWorld) -> None:
    alice = bot_world.user(9106)
    await alice.ask("/settings")
    await alice.tap("Time zone")
    reply = await alice.ask("Moscow")
    assert "Digest time: 09:00 (Europe/Moscow)" in reply.plain


# -------------------------------------------------------------------------------- /search


async def test_next_on_an_earlier_search_page_does_not_turn_the_newer_search(
    bot_world: BotWorld,
) -> None:
    # The pager of search A used to turn search B's pages ("Nothing matches" for B).
    alice = await seed_user(bot_world, 9107)
    await alice.send("/search")
    await alice.wait_for()
    await alice.send("remote")
    first = await read_page(alice)
    assert "Next ▶" in first.nav.button_labels(), first.nav.plain
    await alice.send("/search figma city:Astana")
    await read_page(alice)
    await alice.press("Next ▶", message_id=first.nav.message_id)
    reply = await alice.wait_for(lambda m: m.from_bot and not m.edited)
    assert "This search has expired" in reply.plain
    assert "Nothing matches" not in reply.plain
