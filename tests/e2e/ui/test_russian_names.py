"""Skills and job titles in the reader's language (QA #7, #8), end to end.

Canonical names stay the identity (preferences, matching, learning); only what is shown
changes: a Russian chat reads «Бухгалтерский учёт», an English one «Accounting».
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.ui.callbacks import CardAction
from core.domain.onboarding import OnboardingAnswers
from core.domain.preferences import UserPreferences
from core.domain.skill_names import SKILL_NAMES
from db.models import PreferenceEvent
from sandbox.hh import HHEmulator
from sandbox.telegram import ChatMessage, ChatUser
from tests.e2e.jobs_helpers import drain_learning, edited, open_feed, press_on, seed_user, tap_card
from tests.e2e.test_push import PushWorld, at, make_world
from tests.fixtures.bot import BotWorld

FINANCE_SKILLS_RU = (
    "Бухгалтерский учёт",
    "1С:Бухгалтерия",
    "МСФО (IFRS)",
    "Финансовый анализ",
    "Налоговая отчётность",
    "Аудит",
    "Финансовое моделирование",
    "Финансовая отчётность",
    "Бюджетирование",
    "Excel",
)
FINANCE_SKILLS_EN = (
    "Accounting",
    "1C:Accounting",
    "IFRS",
    "Financial analysis",
    "Tax reporting",
    "Audit",
    "Financial modeling",
    "Financial reporting",
    "Budgeting",
    "Excel",
)
ACCOUNTANT = OnboardingAnswers(
    categories=["finance"],
    skills=["Accounting", "Tax reporting", "1C"],
    area_ids=["160"],
    job_titles=["Бухгалтер"],
)
_CANONICAL_BY_RUSSIAN = {shown: canonical for canonical, shown in SKILL_NAMES["ru"].items()}


async def to_finance_skills(user: ChatUser, *, fields: str, next_: str) -> ChatMessage:
    await user.send("/start")
    await user.wait_for(lambda m: "1" in m.plain and bool(m.buttons))
    await user.tap(fields)
    return await user.tap(next_)


async def test_finance_skill_buttons_are_russian_in_a_russian_chat(bot_world: BotWorld) -> None:
    ivan = bot_world.user(7001, language_code="ru")
    step = await to_finance_skills(ivan, fields="Финансы", next_="Далее ➡️")
    labels = step.button_labels()
    assert all(name in labels for name in FINANCE_SKILLS_RU), labels
    assert not {"Accounting", "Financial analysis", "Tax reporting", "Audit"} & set(labels)

    # A tapped Russian button stores the canonical skill.
    await ivan.tap("Налоговая отчётность")
    await ivan.tap("Далее ➡️")
    assert await bot_world.fsm_state(7001) == "Onboarding:experience"


async def test_finance_skill_buttons_stay_english_in_an_english_chat(
    bot_world: BotWorld,
) -> None:
    alice = bot_world.user(7002, language_code="en")
    step = await to_finance_skills(alice, fields="Finance", next_="Next ➡️")
    labels = step.button_labels()
    assert all(name in labels for name in FINANCE_SKILLS_EN), labels
    assert "Бухгалтерский учёт" not in labels


async def test_typed_russian_skills_are_confirmed_in_russian(bot_world: BotWorld) -> None:
    ivan = bot_world.user(7003, language_code="ru")
    await to_finance_skills(ivan, fields="Финансы", next_="Далее ➡️")
    reply = await ivan.ask("бухучет")
    assert "Добавлено: Бухгалтерский учёт." in reply.plain, reply.plain
    assert "Выбрано: Бухгалтерский учёт" in reply.plain
    reply = await ivan.ask("налоговая отчетность, 1с")
    assert "Добавлено: Налоговая отчётность, 1С." in reply.plain, reply.plain
    assert "Accounting" not in reply.plain and "Tax reporting" not in reply.plain
    assert {"✅ Бухгалтерский учёт", "✅ Налоговая отчётность", "✅ 1С"} <= set(
        reply.button_labels()
    )
    step = await ivan.tap("Далее ➡️")
    assert "Без опыта" in step.button_labels()
    assert await bot_world.fsm_state(7003) == "Onboarding:experience"


async def test_preferences_show_russian_skill_names_and_store_canonical_ones(
    bot_world: BotWorld,
) -> None:
    ivan = await seed_user(bot_world, 7004, ACCOUNTANT, language_code="ru")
    reply = await ivan.ask("/preferences")
    assert "Бухгалтерский учёт" in reply.plain and "Налоговая отчётность" in reply.plain
    assert "1С" in reply.plain and "Accounting" not in reply.plain
    prefs = await bot_world.preferences(7004)
    assert prefs is not None and set(prefs.skills) == {"Accounting", "Tax reporting", "1C"}


async def test_an_english_user_still_sees_english_names(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 7005, ACCOUNTANT)
    reply = await alice.ask("/preferences")
    assert "Accounting" in reply.plain and "Tax reporting" in reply.plain
    assert "Бухгалтерский учёт" not in reply.plain


async def test_a_less_of_chip_is_russian_and_applies_to_the_canonical_skill(
    bot_world: BotWorld,
) -> None:
    ivan = await seed_user(bot_world, 7006, ACCOUNTANT, language_code="ru")
    page = await open_feed(ivan)
    await tap_card(ivan, page.cards[0], CardAction.DISLIKE)
    follow_up = await ivan.wait_for(lambda m: "Что не так" in m.plain)
    chips = [label for label in follow_up.button_labels() if label.startswith("Меньше: ")]
    shown = [label.removeprefix("Меньше: ") for label in chips]
    assert chips and not [name for name in shown if name in _CANONICAL_BY_RUSSIAN.values()]
    label = next(
        chip for chip, name in zip(chips, shown, strict=True) if name in _CANONICAL_BY_RUSSIAN
    )
    canonical = _CANONICAL_BY_RUSSIAN[label.removeprefix("Меньше: ")]
    assert canonical != label.removeprefix("Меньше: ")

    await press_on(ivan, follow_up, label)
    assert f"✅ {label}" in (await edited(ivan, follow_up)).button_labels()
    # A tap is answered once its handler is done, so after the chip's tick: wait for it.
    toast, _ = await bot_world.callback_answer(ivan, 2)  # 1: the 👎, 2: the chip
    assert toast == f"Хорошо, буду показывать меньше: {label.removeprefix('Меньше: ')}"
    async with bot_world.session_factory() as session:
        events = list(await session.scalars(select(PreferenceEvent)))
    assert [(e.user_id, e.kind, e.value) for e in events] == [(7006, "less_of", canonical)]

    await drain_learning(bot_world)
    reply = await ivan.ask("/preferences")
    assert f"Меньше: {label.removeprefix('Меньше: ')}" in reply.plain, reply.plain
    assert canonical not in reply.plain


@pytest.fixture
async def push_world(
    hh_emulator: HHEmulator, sqlite_template: Path, tmp_path: Path
) -> AsyncIterator[PushWorld]:
    async with make_world(hh_emulator, sqlite_template, tmp_path, chat_rate=50) as world:
        yield world


async def test_the_digest_topic_is_in_the_readers_language(push_world: PushWorld) -> None:
    python = UserPreferences(
        skills={"Python": 1.0, "Django": 0.8}, area_ids=["160"], job_titles=["Python developer"]
    )
    await push_world.seed(1, language="ru", prefs=python)
    await push_world.seed(2, language="en", prefs=python)
    push_world.clock.set(at(4, 0))  # 09:00 in Almaty
    await push_world.instances[0].push.run_digest_tick()
    header_ru = push_world.bot_messages(1)[0]
    header_en = push_world.bot_messages(2)[0]
    # No "по запросу Python developer в Алматы": the title in Russian, the place after a
    # separator (no declension needed: "в Астана" would be wrong).
    assert header_ru.plain.startswith("🔔 5 новых вакансий: Python-разработчик · Алматы")
    assert header_en.plain.startswith("🔔 5 new matches for Python developer in Almaty")
