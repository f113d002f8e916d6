"""Issue 17's wording fixes, each as a person meets it in the chat (docs/GLOSSARY.md holds
the one vocabulary per language these follow)."""

from __future__ import annotations

from bot.ui.callbacks import CardAction
from core.domain.onboarding import OnboardingAnswers
from sandbox.telegram import ChatMessage, ChatUser
from tests.e2e.jobs_helpers import edited, open_feed, seed_user, tap_card
from tests.fixtures.bot import BotWorld, onboard

# Seven vacancies in the corpus: the whole feed is three pages.
SEVEN_GO_JOBS = OnboardingAnswers(
    categories=["programming"],
    skills=["Go"],
    area_ids=["160"],
    work_formats=["ON_SITE"],
    job_titles=["Go developer"],
)
ACCOUNTANT = OnboardingAnswers(
    categories=["accounting"],
    skills=["1С:Бухгалтерия", "Excel"],
    area_ids=["160"],
    job_titles=["Бухгалтер"],
)


async def _typed(user: ChatUser, text: str) -> ChatMessage:
    """Type ``text``; the bot's next new message (not an edit of an older one)."""
    await user.send(text)
    return await user.wait_for(lambda m: m.from_bot and not m.edited)


async def _to_russian_skills(user: ChatUser) -> None:
    await user.send("/start")
    await user.wait_for(lambda m: "Шаг 1 из 7" in m.plain)
    await user.tap("Программирование")
    await user.tap("Далее")


# ------------------------------------------------------------ Russian: one word per thing


async def test_russian_help_calls_the_daily_digest_podborka_not_rassylka(
    bot_world: BotWorld,
) -> None:
    olga = await seed_user(bot_world, 1701, language_code="ru")
    reply = await olga.ask("/help")
    assert "/settings — ежедневная подборка, часовой пояс, язык" in reply.plain
    assert "рассылк" not in reply.plain.lower() and "дайджест" not in reply.plain.lower()
    menu = {c["command"]: c["description"] for c in bot_world.tg.commands["ru"]}
    assert menu["settings"] == "Подборка, часовой пояс, язык"


async def test_russian_stats_speak_of_rated_vacancies_not_of_podborki(
    bot_world: BotWorld,
) -> None:
    olga = await seed_user(bot_world, 1702, language_code="ru")
    page = await open_feed(olga)
    await tap_card(olga, page.cards[0], CardAction.LIKE)
    await tap_card(olga, page.cards[1], CardAction.DISLIKE)
    await edited(olga, page.cards[1])
    await olga.send("/stats")
    reply = await olga.wait_for(lambda m: "📊" in m.plain)
    assert "Понравились вам из оценённых вакансий: 50%" in reply.plain
    assert "подборок" not in reply.plain


async def test_russian_all_seen_for_the_one_vacancy_speaks_of_it_in_the_singular(
    bot_world: BotWorld,
) -> None:
    # «Все найденные для вас вакансии (1) вы уже видели … или покажу их снова» before.
    olga = await seed_user(bot_world, 1703, SEVEN_GO_JOBS, language_code="ru")
    page = await open_feed(olga)
    assert "вакансий: 1" in page.nav.plain  # the Russian search finds one of the seven
    reply = await _typed(olga, "/jobs")
    assert reply.plain.startswith("Подходящую вам вакансию вы уже видели — она выше."), (
        olga.transcript()
    )
    assert "(1)" not in reply.plain and "покажу их снова" not in reply.plain


# ------------------------------------------------------------ onboarding


async def test_an_empty_feed_after_onboarding_does_not_promise_more_from_jobs(
    bot_world: BotWorld,
) -> None:
    alice = bot_world.user(1704)
    await onboard(alice, skills=("Go",), city="Kostanay", formats=("On site",))
    last = alice.last()
    assert last.plain.startswith("No new vacancies for you right now."), alice.transcript()
    assert "/jobs" not in last.plain


async def test_the_profile_is_called_ready_once_after_confirming(bot_world: BotWorld) -> None:
    alice = bot_world.user(1705)
    await onboard(alice)
    said = [m.plain for m in alice.messages() if m.from_bot]
    assert sum("profile is ready" in text for text in said) == 1, alice.transcript()
    assert "Here is what I found for you." in said


async def test_each_unknown_typed_skill_is_named_on_its_own(bot_world: BotWorld) -> None:
    olga = bot_world.user(1706, language_code="ru")
    await _to_russian_skills(olga)
    reply = await olga.ask("ведение ЭСФ, Payroll, сдача отчётности в КГД")
    assert "Я не знаю 2 навыка: «ведение ЭСФ», «сдача отчётности в КГД»." in reply.plain
    assert "«ведение ЭСФ, сдача отчётности в КГД»" not in reply.plain


async def test_the_english_salary_error_gives_an_english_example(bot_world: BotWorld) -> None:
    alice = bot_world.user(1707)
    await alice.send("/start")
    await alice.wait_for(lambda m: "Step 1 of 7" in m.plain)
    await alice.tap("Programming")
    await alice.tap("Next")
    await alice.tap("Python")
    await alice.tap("Next")
    await alice.tap("1–3 years")
    await alice.ask("Almaty")
    await alice.tap("Next")
    await alice.tap("Next")
    reply = await alice.ask("a lot of money please")
    assert "<i>from 300k</i>" in reply.text and "тыс" not in reply.plain


# ------------------------------------------------------------ /search


async def test_search_prompt_example_comes_from_the_persons_own_field(
    bot_world: BotWorld,
) -> None:
    olga = await seed_user(bot_world, 1708, ACCOUNTANT, language_code="ru")
    reply = await olga.ask("/search")
    assert "например <code>Бухгалтер " in reply.text, reply.text
    assert "python" not in reply.plain.lower()


async def test_russian_search_prompt_offers_russian_filter_keys_that_work(
    bot_world: BotWorld,
) -> None:
    olga = await seed_user(bot_world, 1709, ACCOUNTANT, language_code="ru")
    prompt = await olga.ask("/search")
    assert "город:Алматы" in prompt.plain and "зарплата:300к" in prompt.plain
    assert "city:" not in prompt.plain and "salary:" not in prompt.plain
    page = await open_feed(olga, "/search бухгалтер город:Астана зарплата:400к")
    assert "📍 Астана" in page.nav.plain and "💰 от 400 000" in page.nav.plain, olga.transcript()


async def test_kazakh_search_filter_keys_work(bot_world: BotWorld) -> None:
    aigerim = await seed_user(bot_world, 1710, ACCOUNTANT, language_code="kk")
    prompt = await aigerim.ask("/search")
    assert "қала:Алматы" in prompt.plain and "жалақы:300к" in prompt.plain
    page = await open_feed(aigerim, "/search бухгалтер қала:Астана жалақы:400к")
    assert "📍 Астана" in page.nav.plain and "💰 400 000 ₸ бастап" in page.nav.plain, (
        aigerim.transcript()
    )
