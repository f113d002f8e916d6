"""/jobs: the personalised feed as the job seeker sees it."""

from __future__ import annotations

from sqlalchemy import select

from bot.ui.callbacks import CardAction
from core.domain.onboarding import OnboardingAnswers
from db.models import HiddenEmployer, JobRecommendation, SavedJob
from tests.e2e.jobs_helpers import (
    current,
    edited,
    is_card,
    open_feed,
    read_page,
    rec_id,
    seed_user,
    tap_card,
)
from tests.fixtures.bot import BotWorld, onboard

# One Android developer vacancy in Astana in the test corpus: the whole feed is one card.
ONE_ANDROID_JOB = OnboardingAnswers(
    categories=["programming"],
    skills=["Kotlin"],
    area_ids=["159"],
    work_formats=["ON_SITE"],
    job_titles=["Android developer"],
)
# Kokshetau has a sales head and a copywriter in the corpus: no Go developers.
NOWHERE = OnboardingAnswers(
    categories=["programming"],
    skills=["Go"],
    area_ids=["176"],
    work_formats=["ON_SITE"],
    job_titles=["Go developer"],
)


async def test_first_recommendations_arrive_after_onboarding_with_a_skill_gap_line(
    bot_world: BotWorld,
) -> None:
    alice = bot_world.user(300)
    await onboard(alice, skills=("Python",), city="Almaty")
    cards = [m for m in alice.messages() if m.from_bot and "🎯 Match:" in m.plain]
    assert cards, alice.transcript()
    assert any("✓ Python" in card.plain for card in cards)
    assert "Page 1 of" in alice.last().plain


async def test_a_card_shows_title_employer_city_salary_with_currency_and_a_link_to_hh(
    bot_world: BotWorld,
) -> None:
    alice = await seed_user(bot_world, 301)
    page = await open_feed(alice)
    assert len(page.cards) == 3
    card = page.cards[0]
    assert "🏢 " in card.plain and "📍 Almaty" in card.plain
    assert any(
        "₸" in c.plain and ("take-home" in c.plain or "before tax" in c.plain) for c in page.cards
    )
    links = [b.url for row in card.buttons for b in row if b.url]
    assert links and links[0].startswith("https://hh.kz/vacancy/")
    assert {"👍", "👎", "⭐ Save", "📄 Details", "🙈 Not for me", "⋯ More"} <= set(
        card.button_labels()
    )
    assert "<highlighttext>" not in card.text


async def test_russian_cards_say_net_or_gross_in_russian(bot_world: BotWorld) -> None:
    ivan = await seed_user(bot_world, 302, language_code="ru")
    page = await open_feed(ivan)
    salaries = " ".join(c.plain for c in page.cards)
    assert "на руки" in salaries or "до вычета" in salaries
    assert "Страница 1 из" in page.nav.plain


async def test_next_page_shows_other_vacancies_and_the_old_navigation_loses_its_buttons(
    bot_world: BotWorld,
) -> None:
    alice = await seed_user(bot_world, 303)
    first = await open_feed(alice)
    await alice.press("Next ▶")
    second = await read_page(alice)
    assert "Page 2 of" in second.nav.plain
    assert {rec_id(c) for c in first.cards}.isdisjoint(rec_id(c) for c in second.cards)
    assert current(alice, first.nav).buttons == []
    assert "◀ Prev" in second.nav.button_labels()


async def test_refresh_starts_a_new_first_page(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 304)
    await open_feed(alice)
    await alice.press("🔄 Refresh")
    page = await read_page(alice)
    assert "Page 1 of" in page.nav.plain


async def test_refresh_with_nothing_new_says_so_instead_of_reposting_the_card(
    bot_world: BotWorld,
) -> None:
    # A feed of one card: 🔄 Refresh sent the same card again, a duplicate in the chat.
    alice = await seed_user(bot_world, 313, ONE_ANDROID_JOB)
    first = await open_feed(alice)
    assert len(first.cards) == 1, alice.transcript()
    await alice.press("🔄 Refresh")
    reply = await alice.wait_for(lambda m: m.from_bot and not m.edited)
    assert not is_card(reply), alice.transcript()
    assert "You have already seen the one vacancy that fits you" in reply.plain
    assert reply.button_labels() == ["🔄 Refresh", "🔁 Show them again"]
    cards = [m for m in alice.messages() if is_card(m)]
    assert len(cards) == 1, alice.transcript()


async def test_details_sends_the_full_description_and_key_skills(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 305)
    page = await open_feed(alice)
    await tap_card(alice, page.cards[0], CardAction.DETAILS)
    details = await alice.wait_for(lambda m: "Key skills:" in m.plain)
    assert details.plain.splitlines()[0] == page.cards[0].plain.splitlines()[0]
    assert len(details.plain) > len(page.cards[0].plain)
    async with bot_world.session_factory() as session:
        row = await session.get(JobRecommendation, rec_id(page.cards[0]))
    assert row is not None and row.details_opened_at is not None


async def test_save_marks_the_card_saved_and_keeps_it(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 306)
    page = await open_feed(alice)
    toast = await tap_card(alice, page.cards[1], CardAction.SAVE)
    assert toast and "Saved" in toast
    assert "★ Saved" in (await edited(alice, page.cards[1])).button_labels()
    async with bot_world.session_factory() as session:
        saved = (await session.scalars(select(SavedJob).where(SavedJob.user_id == 306))).all()
    assert [job.recommendation_id for job in saved] == [rec_id(page.cards[1])]


async def test_a_liked_card_shows_its_vote_and_a_saved_one_is_listed_in_saved(
    bot_world: BotWorld,
) -> None:
    alice = await seed_user(bot_world, 307)
    page = await open_feed(alice)
    await tap_card(alice, page.cards[0], CardAction.LIKE)
    assert "👍✓" in (await edited(alice, page.cards[0])).button_labels()
    await tap_card(alice, page.cards[1], CardAction.SAVE)
    await alice.send("/saved")
    listing = await alice.wait_for(lambda m: "Your saved vacancies" in m.plain)
    assert page.cards[1].plain.splitlines()[0] in listing.plain


async def test_hide_employer_replaces_the_card_and_remembers_the_employer(
    bot_world: BotWorld,
) -> None:
    alice = await seed_user(bot_world, 308)
    page = await open_feed(alice)
    employer = page.cards[0].plain.splitlines()[1].split(" · ")[0].removeprefix("🏢 ")
    await tap_card(alice, page.cards[0], CardAction.HIDE)
    assert (
        f"Vacancies from {employer} will not be shown" in (await edited(alice, page.cards[0])).plain
    )
    async with bot_world.session_factory() as session:
        hidden = (await session.scalars(select(HiddenEmployer))).all()
    assert [(row.user_id, row.employer_name) for row in hidden] == [(308, employer)]


async def test_headhunter_down_with_nothing_saved_gives_a_friendly_message(
    bot_world: BotWorld,
) -> None:
    alice = await seed_user(bot_world, 309)
    bot_world.hh.inject("5xx", count=-1)
    reply = await alice.ask("/jobs", timeout=30)
    assert "HeadHunter is not answering right now" in reply.plain


async def test_stale_results_say_they_were_saved_earlier(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 310)
    await open_feed(alice)
    bot_world.hh.inject("5xx", count=-1)
    await alice.press("🔄 Refresh")
    page = await read_page(alice, timeout=30)
    assert page.cards
    assert "results I saved earlier" in page.nav.plain


async def test_an_empty_feed_suggests_search_and_preferences(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 311, NOWHERE)
    page = await open_feed(alice)
    assert page.cards == []
    assert "/search" in page.nav.plain and "/preferences" in page.nav.plain


async def test_jobs_before_setting_up_asks_to_set_up_first(bot_world: BotWorld) -> None:
    alice = bot_world.user(312)
    reply = await alice.ask("/jobs")
    assert "/start" in reply.plain


async def test_the_emulator_is_not_queried_at_the_real_hh_pace(bot_world: BotWorld) -> None:
    """The client's 8 requests/s politeness cap is for the real HH (its own test is in
    tests/integration/test_hh_client.py); the shared fixture lifts it for the emulator,
    so a first feed page does not wait seconds for its requests."""
    alice = await seed_user(bot_world, 313)
    await open_feed(alice)
    arrivals = sorted(request.at for request in bot_world.hh.requests)
    busiest_second = max(
        sum(1 for later in arrivals if start <= later < start + 1.0) for start in arrivals
    )
    assert busiest_second > 16  # the cap allows at most 8 at once plus 8 in the second
