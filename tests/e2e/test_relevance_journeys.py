"""The two journeys of issue [1/8], replayed through the real bot: a Python developer and
a senior accountant see vacancies of their own role on page 1; the titles that drive the
search are shown and editable; a 👎 on another role's card lowers that role."""

from __future__ import annotations

from bot.ui.callbacks import CardAction
from core.domain.features import content_stems
from core.domain.hh_schemas import VacancySearchParams
from core.domain.onboarding import OnboardingAnswers
from core.domain.roles import roles_in_title
from tests.e2e.jobs_helpers import (
    open_feed,
    read_page,
    recommendations,
    seed_user,
    tap_card,
)
from tests.fixtures.bot import BotWorld, feed_ended, onboard

ASTANA = "159"
SENIOR_ACCOUNTANT = OnboardingAnswers(
    categories=["accounting"],
    skills=["1С:Бухгалтерия", "Excel", "МСФО (IFRS)", "Tax reporting"],
    experience="moreThan6",
    area_ids=[ASTANA],
    work_formats=["ON_SITE"],
    remote_ok=False,
    job_titles=["бухгалтер"],  # typed at the titles step
)


def card_roles(card_text: str) -> frozenset[str]:
    return roles_in_title(frozenset(content_stems(card_text.splitlines()[0])))


async def test_a_python_developers_first_page_is_python_jobs(bot_world: BotWorld) -> None:
    alice = bot_world.user(901)
    await onboard(
        alice, skills=("Python", "Django", "Docker", "REST API"), city="Almaty", salary="500000"
    )
    cards = [m for m in alice.messages() if m.from_bot and "🎯 Match:" in m.plain]

    assert cards, alice.transcript()
    for card in cards:
        assert card_roles(card.plain) & {"python_developer", "backend_developer"}, card.plain


async def test_the_summary_shows_the_job_titles_and_they_can_be_edited(
    bot_world: BotWorld,
) -> None:
    bob = bot_world.user(902)
    await bob.send("/start")
    await bob.wait_for(lambda m: "Step 1 of 7" in m.plain)
    await bob.tap("Programming")
    await bob.tap("Next")
    await bob.tap("Python")
    await bob.tap("Next")
    await bob.tap("1–3 years")
    await bob.ask("Almaty")
    await bob.tap("Next")
    await bob.tap("Next")
    summary = await bob.ask("400000")
    assert "Job titles: Python developer" in summary.plain

    await bob.tap("✏️ Job titles")
    added = await bob.ask("Data analyst")
    assert "Added: Data analyst" in added.plain
    summary = await bob.tap("Next")
    assert "Job titles: Python developer, Data analyst" in summary.plain
    await bob.tap("Confirm")
    await bob.wait_for(feed_ended)

    prefs = await bot_world.preferences(902)
    assert prefs is not None and prefs.job_titles == ["Python developer", "Data analyst"]
    reply = await bob.ask("/preferences")
    assert "Job titles: Python developer, Data analyst" in reply.plain


async def test_a_senior_accountant_sees_accountants_and_at_least_what_plain_buhgalter_finds(
    bot_world: BotWorld,
) -> None:
    olga = await seed_user(bot_world, 903, SENIOR_ACCOUNTANT, language_code="ru")
    page = await open_feed(olga)

    assert page.cards, olga.transcript()
    assert all("accountant" in card_roles(card.plain) for card in page.cards), [
        card.plain.splitlines()[0] for card in page.cards
    ]
    plain = await bot_world.app.services.hh.search_vacancies(
        VacancySearchParams(text="бухгалтер", area=[ASTANA], order_by="relevance"),
        page=0,
        per_page=100,
    )
    # The accountants plain «бухгалтер» finds that fit what she said: 3+ years, on site.
    plain_accountants = {
        (item.name, item.employer.name if item.employer else None)
        for item in plain.items
        if "accountant" in card_roles(item.name)
        and (item.experience is None or item.experience.id in ("between3And6", "moreThan6"))
        and (not item.work_format or "ON_SITE" in {w.id for w in item.work_format})
    }
    # By title and employer: a re-publication or a clone in another city is one vacancy.
    ours = {(row.title, row.employer_name) for row in await recommendations(bot_world, 903)}
    assert plain_accountants, "the corpus has senior accountants in Astana"
    assert plain_accountants <= ours, sorted(plain_accountants - ours)


async def test_saved_shows_the_match_percent_the_feed_showed(bot_world: BotWorld) -> None:
    dana = await seed_user(bot_world, 905)
    page = await open_feed(dana)
    card = page.cards[0]
    match_line = next(line for line in card.plain.splitlines() if "🎯 Match:" in line)
    percent = match_line.split(":", 1)[1].strip()

    await tap_card(dana, card, CardAction.LIKE)
    await tap_card(dana, card, CardAction.SAVE)
    await bot_world.app.services.learner.drain()
    await dana.send("/saved")
    listing = await dana.wait_for(lambda m: "Your saved vacancies" in m.plain)

    assert percent in listing.plain, (percent, listing.plain)


async def test_a_dislike_on_java_lowers_java_on_the_next_page(bot_world: BotWorld) -> None:
    both = OnboardingAnswers(
        categories=["programming"],
        skills=["Python", "Java", "SQL"],
        area_ids=["160"],
        job_titles=["Python developer", "Java developer"],
    )
    carl = await seed_user(bot_world, 904, both)
    first = await open_feed(carl, "/jobs")
    await carl.press("Next ▶")
    cards = [*first.cards, *(await read_page(carl)).cards]
    before = {row.id: row.relevance_score for row in await recommendations(bot_world, 904)}
    java = [c for c in cards if "java_developer" in card_roles(c.plain)]
    python = [c for c in cards if "python_developer" in card_roles(c.plain)]
    assert java and python, [c.plain.splitlines()[0] for c in cards]

    for card in python:
        await tap_card(carl, card, CardAction.LIKE)
    for card in java:
        await tap_card(carl, card, CardAction.DISLIKE)
    await bot_world.app.services.learner.drain()
    prefs = await bot_world.preferences(904)

    assert prefs is not None and prefs.role_affinity.get("java_developer", 0) < 0
    rows = await recommendations(bot_world, 904)
    java_rows = [row for row in rows if "java_developer" in card_roles(row.title)]
    assert java_rows and all(row.relevance_score < before[row.id] for row in java_rows)
    page = await open_feed(carl, "/jobs")
    shown = [card_roles(c.plain) for c in page.cards]
    assert shown and "java_developer" not in shown[0]  # Python comes first now
