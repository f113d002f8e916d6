"""Card facts (issue 14, items 1–2): what people filter on is on the card itself — work
format, experience, employment, when it was posted, the employer's standing on hh, pay as
given (per hour / shift) — and the why is a skill-gap line plus at most one more line."""

from __future__ import annotations

from typing import Any

from core.domain.onboarding import OnboardingAnswers
from sandbox.telegram import ChatMessage
from tests.e2e.jobs_helpers import PYTHON_DEV, open_feed, seed_user
from tests.fixtures.bot import BotWorld

ALMATY = "160"
STOREKEEPER = OnboardingAnswers(
    categories=["logistics"],
    skills=["1С:Склад", "Складской учёт"],
    area_ids=[ALMATY],
    job_titles=["Кладовщик"],
)
PHONE_SCREEN_LINES = 10  # text lines a phone shows above three rows of buttons


def _vacancy(world: BotWorld, card: ChatMessage) -> dict[str, Any]:
    """The emulator's vacancy behind a card, found through its "Open on hh" link."""
    url = next(b.url for row in card.buttons for b in row if b.url)
    assert url is not None
    return world.hh.corpus.vacancies[url.rstrip("/").rsplit("/", 1)[-1]]


def _line(card: ChatMessage, start: str) -> str:
    return next((line for line in card.plain.splitlines() if line.startswith(start)), "")


async def test_a_card_shows_work_format_experience_employment_and_when_it_was_posted(
    bot_world: BotWorld,
) -> None:
    alice = await seed_user(bot_world, 14101)
    page = await open_feed(alice)
    card = page.cards[0]
    assert any(word in _line(card, "📍") for word in ("on site", "remote", "hybrid"))
    terms = _line(card, "🧭")
    assert "experience" in terms and "full time" in terms and "posted" in terms


async def test_the_employer_line_shows_its_hh_rating_reviews_and_checks(
    bot_world: BotWorld,
) -> None:
    alice = await seed_user(bot_world, 14102)
    page = await open_feed(alice)
    rated = 0
    for card in page.cards:
        employer = _vacancy(bot_world, card)["employer"]
        line = _line(card, "🏢")
        rating = employer.get("employer_rating")
        if rating:
            rated += 1
            total = f"{float(rating['total_rating']):.1f}"
            assert f"★ {total} · {rating['reviews_count']} reviews" in line
        assert ("checked by hh" in line) == bool(employer.get("trusted"))
        assert ("IT accredited" in line) == bool(employer.get("accredited_it_employer"))
    assert rated, "no rated employer in the feed"


async def test_pay_per_shift_says_per_shift(bot_world: BotWorld) -> None:
    bob = await seed_user(bot_world, 14103, STOREKEEPER)
    page = await open_feed(bob)
    per_shift = [
        c
        for c in page.cards
        if (_vacancy(bot_world, c).get("salary_range") or {}).get("mode", {}).get("id") == "SHIFT"
    ]
    assert per_shift, [c.plain.splitlines()[0] for c in page.cards]
    assert all(_line(c, "💰").endswith("per shift") for c in per_shift)


async def test_pay_per_shift_in_russian_says_za_smenu(bot_world: BotWorld) -> None:
    bob = await seed_user(bot_world, 14104, STOREKEEPER, language_code="ru")
    page = await open_feed(bob)
    assert any(_line(c, "💰").endswith("за смену") for c in page.cards)


async def test_the_skill_gap_line_names_required_skills_you_have_and_lack(
    bot_world: BotWorld,
) -> None:
    alice = await seed_user(bot_world, 14105)
    page = await open_feed(alice)
    for card in page.cards:
        gap = _line(card, "✓")
        have, _, lack = gap.partition(" · ✗ ")
        required = {s["name"] for s in _vacancy(bot_world, card).get("key_skills") or []}
        assert have.removeprefix("✓ ").split(", ")[0] in set(PYTHON_DEV.skills), gap
        lacking = [name for name in lack.split(", ") if name and name != "…"]
        assert set(lacking) <= required - set(PYTHON_DEV.skills), gap


async def test_a_card_never_says_you_lack_1c_beside_your_1c_warehouse(
    bot_world: BotWorld,
) -> None:
    # HH lists «1С» beside «1С:Склад»: someone who knows 1С:Склад does not lack 1С.
    carol = await seed_user(bot_world, 14106, STOREKEEPER, language_code="ru")
    page = await open_feed(carol)
    with_1c = [
        c
        for c in page.cards
        if "1С" in {s["name"] for s in _vacancy(bot_world, c).get("key_skills") or []}
    ]
    assert with_1c, "no vacancy asking for 1С in the feed"
    for card in with_1c:
        gap = _line(card, "✓")
        assert "1С:Склад" in gap
        assert "✗" not in gap or "1С" not in gap.split("✗", 1)[1], gap


async def test_the_why_is_at_most_one_line_after_the_skill_gap(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 14107)
    page = await open_feed(alice)
    for card in page.cards:
        lines = card.plain.splitlines()
        assert sum(line.startswith("💡") for line in lines) <= 1
        assert not any("not in the vacancy" in line for line in lines)


async def test_a_card_fits_one_phone_screen(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 14108)
    page = await open_feed(alice)
    for card in page.cards:
        assert len(card.plain.splitlines()) <= PHONE_SCREEN_LINES, card.plain
        assert len(card.buttons) <= 3
