"""Text typed outside any dialog is a search, as on hh.kz: the same parsing and pages as
/search, a city named in the words is the city, and the search can become the profile's
job title and city. Texts a dialog or command expects are never taken for a search."""

from __future__ import annotations

from core.domain.job_titles import chosen_job_title
from core.domain.onboarding import OnboardingAnswers
from db.repositories import PreferencesRepository
from tests.e2e.jobs_helpers import open_feed, read_page, seed_user
from tests.fixtures.bot import BotWorld


async def test_typed_words_run_a_search_with_the_search_pages(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 700)
    page = await open_feed(alice, "python developer")
    assert page.cards, alice.transcript()
    assert "“python developer”" in page.nav.plain
    assert "Next ▶" in page.nav.button_labels()
    assert await bot_world.fsm_state(700) is None


async def test_a_city_at_the_end_of_the_words_is_the_searched_city(
    bot_world: BotWorld,
) -> None:
    alice = await seed_user(bot_world, 701)
    page = await open_feed(alice, "бухгалтер астана")
    assert "“бухгалтер” · 📍 Astana" in page.nav.plain
    for card in page.cards:
        assert "📍 Astana" in card.plain or "remote" in card.plain


async def test_slash_search_reads_a_city_in_the_words_the_same_way(
    bot_world: BotWorld,
) -> None:
    alice = await seed_user(bot_world, 702)
    page = await open_feed(alice, "/search python Алматы")
    assert "“python” · 📍 Almaty" in page.nav.plain


async def test_the_search_offers_to_become_the_profiles_title_and_city(
    bot_world: BotWorld,
) -> None:
    alice = await seed_user(bot_world, 703)
    await open_feed(alice, "бухгалтер астана")
    offer = await alice.wait_for(lambda m: "📌 Replace in my profile" in m.button_labels())
    assert "job title “Accountant”, city Astana" in offer.plain
    before = await bot_world.preferences(703)
    assert before is not None and before.job_titles != ["Accountant"]
    saved = await alice.tap("📌 Replace in my profile")
    assert "Saved: job title “Accountant”, city Astana" in saved.plain
    after = await bot_world.preferences(703)
    assert after is not None
    assert (after.job_titles, after.area_ids) == (["Accountant"], ["159"])


async def test_text_in_a_dialog_goes_to_the_dialog_not_to_search(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 704)
    await alice.ask("/search")
    await alice.send("django")  # the keywords /search asked for
    page = await read_page(alice)
    assert "“django”" in page.nav.plain
    await alice.ask("/settings")
    assert bot_world.tg.stats.calls["sendMessage"] > 0
    reply = await alice.ask("/nosuchcommand")
    assert "I did not understand that" in reply.plain


async def test_text_during_onboarding_is_an_answer_not_a_search(bot_world: BotWorld) -> None:
    bob = bot_world.user(705)
    await bob.send("/start")
    await bob.wait_for(lambda m: "Step 1 of 7" in m.plain)
    reply = await bob.ask("python developer")
    assert "Please pick your fields with the buttons" in reply.plain
    assert await bot_world.fsm_state(705) == "Onboarding:categories"


async def test_typed_words_before_onboarding_are_not_searched(bot_world: BotWorld) -> None:
    bob = bot_world.user(706)
    await bob.send("/start")
    await bob.wait_for(lambda m: "Step 1 of 7" in m.plain)
    await bob.ask("/cancel")
    reply = await bob.ask("python developer")
    assert "I did not understand that. Use /help" in reply.plain
    assert bot_world.hh.stats.search_requests == 0


async def test_a_very_long_text_is_not_searched_and_points_to_resume(
    bot_world: BotWorld,
) -> None:
    alice = await seed_user(bot_world, 707)
    reply = await alice.ask("Python developer with Django " * 20)
    assert "too long for a search" in reply.plain and "/resume" in reply.plain


async def test_the_search_can_become_a_new_named_search_with_its_own_digest(
    bot_world: BotWorld,
) -> None:
    alice = await seed_user(bot_world, 705)
    before = await bot_world.preferences(705)
    await open_feed(alice, "бухгалтер астана")
    await alice.wait_for(lambda m: "➕ Save as a new search" in m.button_labels())
    saved = await alice.tap("➕ Save as a new search")
    assert "Saved as a new search: job title “Accountant”, city Astana" in saved.plain
    listed = await bot_world.app.services.searches.list(705)
    first, new = listed.searches
    assert new.name == "Accountant" and new.active and new.schedule.mode == "daily"
    async with bot_world.session_factory() as session:
        repo = PreferencesRepository(session)
        added = await repo.get(705, new.id)
        kept = await repo.get(705, first.id)
    assert added is not None and (added.job_titles, added.area_ids) == (["Accountant"], ["159"])
    assert kept == before  # the profile's search is left as it was


ACCOUNTANT = OnboardingAnswers(
    categories=["accounting"],
    skills=["1С", "Excel", "МСФО", "налоги"],
    area_ids=["160"],
    job_titles=["Бухгалтер", "Главный бухгалтер", "Программист 1С"],
)


async def test_the_first_offer_is_a_new_search_and_replacing_names_the_titles_it_replaces(
    bot_world: BotWorld,
) -> None:
    alice = await seed_user(bot_world, 706, ACCOUNTANT)
    before = await bot_world.preferences(706)
    assert before is not None
    await open_feed(alice, "бухгалтер")
    offer = await alice.wait_for(lambda m: "📌 Replace in my profile" in m.button_labels())
    assert offer.button_labels()[0] == "➕ Save as a new search"
    assert "your profile stays as it is" in offer.plain
    replaced = ", ".join(
        f"“{title}”" for title in ("Accountant", "Главный бухгалтер", "1C developer")
    )
    assert f"your job titles {replaced} are replaced with “Accountant”" in offer.plain
    assert await bot_world.preferences(706) == before  # nothing changes before a tap


async def test_text_without_any_word_asks_for_a_title_and_searches_nothing(
    bot_world: BotWorld,
) -> None:
    alice = await seed_user(bot_world, 707)
    searched = len([r for r in bot_world.hh.requests if r.path == "/vacancies"])
    reply = await alice.ask("🐍🐍🐍")
    assert "Type a job title, a skill or a city" in reply.plain
    assert not reply.buttons
    assert len([r for r in bot_world.hh.requests if r.path == "/vacancies"]) == searched


async def test_a_search_that_finds_nothing_offers_no_save(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 708)
    page = await open_feed(alice, "'; DROP TABLE users; --")
    assert not page.cards and "Nothing matches this search" in page.nav.plain
    await open_feed(alice, "бухгалтер")  # a search that finds: its offer comes
    await alice.wait_for(lambda m: "📌 Replace in my profile" in m.button_labels())
    offers = [m for m in alice.messages() if "📌 Replace in my profile" in m.button_labels()]
    assert len(offers) == 1 and "DROP" not in offers[0].plain


def test_sql_looking_text_is_never_a_job_title_to_keep() -> None:
    assert chosen_job_title("'; DROP TABLE users; --") is None
    assert chosen_job_title("Бухгалтер") == "Accountant"


async def test_cards_of_a_search_in_another_city_name_that_city_not_yours(
    bot_world: BotWorld,
) -> None:
    alice = await seed_user(bot_world, 709)  # lives in Almaty
    page = await open_feed(alice, "бухгалтер астана")
    in_astana = [c for c in page.cards if "📍 Astana" in c.plain]
    assert in_astana, alice.transcript()
    for card in in_astana:
        assert "in your city" not in card.plain, card.plain
