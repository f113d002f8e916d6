"""Kazakh, end to end: a person whose Telegram speaks Kazakh is set up and answered in
Kazakh, sees a Kazakh command menu, and can switch language in /settings."""

from __future__ import annotations

from sqlalchemy import select

from db.models import User
from tests.e2e.jobs_helpers import seed_user
from tests.fixtures.bot import BotWorld


async def test_onboarding_in_kazakh_from_start_to_the_first_vacancies(
    bot_world: BotWorld,
) -> None:
    aigerim = bot_world.user(1801, language_code="kk", first_name="Айгерім")
    reply = await aigerim.ask("/start")
    assert "Сәлем, Айгерім!" in reply.plain
    step = await aigerim.wait_for(lambda m: "7 қадамның 1-і · Салалар" in m.plain)
    assert "Бағдарламалау" in step.button_labels()
    await aigerim.tap("Бағдарламалау")
    reply = await aigerim.tap("Әрі қарай")
    assert "7 қадамның 2-сі · Дағдылар" in reply.plain
    await aigerim.tap("Python")
    reply = await aigerim.tap("Әрі қарай")
    assert "Жұмыс тәжірибеңіз қанша?" in reply.plain
    reply = await aigerim.tap("1–3 жыл")
    assert "Қай қалада жұмыс істегіңіз келеді?" in reply.plain
    await aigerim.ask("Алматы")
    await aigerim.tap("Әрі қарай")  # work format: any
    reply = await aigerim.tap("Әрі қарай")  # employment: any
    assert "Айына қандай жалақы күтесіз?" in reply.plain
    summary = await aigerim.ask("300 мың")
    assert "Профиліңіз — тексеріңіз" in summary.plain
    assert "Салалар: Бағдарламалау" in summary.plain
    assert "Тәжірибе: 1–3 жыл" in summary.plain
    await aigerim.tap("Растау")
    await aigerim.wait_for(lambda m: "/search" in m.plain or "/jobs" in m.plain, timeout=20)
    said = [m.plain for m in aigerim.messages() if m.from_bot]
    assert "✅ Сақталды! Профиліңіз дайын." in said
    assert "Сізге тапқандарым мынау." in said
    prefs = await bot_world.preferences(1801)
    assert prefs is not None and prefs.salary is not None
    assert prefs.salary.minimum == 300_000
    async with bot_world.session_factory() as session:
        user = await session.scalar(select(User).where(User.id == 1801))
    assert user is not None and user.language == "kk"


async def test_the_command_menu_is_set_in_kazakh(bot_world: BotWorld) -> None:
    menu = {c["command"]: c["description"] for c in bot_world.tg.commands["kk"]}
    assert menu["jobs"] == "Сізге іріктелген вакансиялар"
    assert menu["settings"] == "Іріктеме, уақыт белдеуі, тіл"
    assert set(menu) == {c["command"] for c in bot_world.tg.commands["en"]}


async def test_kazakh_can_be_chosen_in_settings_and_russian_chosen_back(
    bot_world: BotWorld,
) -> None:
    alice = await seed_user(bot_world, 1802)
    view = await alice.ask("/settings")
    assert "Language: English" in view.plain
    reply = await alice.tap("Қазақша")
    assert "Баптаулар" in reply.plain and "Тіл: Қазақша" in reply.plain
    await alice.press("Русский", message_id=view.message_id)
    reply = await alice.wait_for(lambda m: "Язык: Русский" in m.plain)
    assert "Настройки" in reply.plain
    await alice.press("Қазақша", message_id=view.message_id)
    await alice.wait_for(lambda m: "Тіл: Қазақша" in m.plain)
    assert (await alice.ask("/help")).plain.startswith("Мен не істей аламын")


async def test_a_russian_telegram_still_gets_russian(bot_world: BotWorld) -> None:
    olga = bot_world.user(1803, language_code="ru", first_name="Ольга")
    reply = await olga.ask("/start")
    assert "Привет, Ольга!" in reply.plain
