"""Onboarding and /preferences regressions found by a QA pass: what the person sees or
what the database holds, end to end (real polling, both emulators, SQLite)."""

from __future__ import annotations

from sandbox.telegram import ChatUser
from tests.fixtures.bot import BotWorld, onboard


async def to_city(user: ChatUser) -> None:
    """/start and the first three steps, up to the city."""
    await user.send("/start")
    await user.wait_for(lambda m: "Step 1 of 7" in m.plain)
    await user.tap("Programming")
    await user.tap("Next")
    await user.tap("Python")
    await user.tap("Next")
    await user.tap("1–3 years")


# ------------------------------------------------- #11: an edit keeps the remote switch


async def test_editing_skills_from_preferences_keeps_remote_switched_off(
    bot_world: BotWorld,
) -> None:
    alice = bot_world.user(1101)
    await onboard(alice, city="Almaty")  # any work format: remote is fine
    await alice.ask("/preferences")
    reply = await alice.tap("Remote is fine: on")
    assert "Remote is fine: off" in reply.button_labels()
    await alice.tap("✏️ Skills")
    reply = await alice.tap("Next")
    assert "What I know about you" in reply.plain
    assert "Remote is fine: off" in reply.button_labels()
    prefs = await bot_world.preferences(1101)
    assert prefs is not None and prefs.remote_ok is False


async def test_editing_the_salary_from_preferences_keeps_remote_switched_on(
    bot_world: BotWorld,
) -> None:
    alice = bot_world.user(1102)
    await onboard(alice, city="Astana", formats=("On site",))  # remote is not wanted
    await alice.ask("/preferences")
    reply = await alice.tap("Remote is fine: off")
    assert "Remote is fine: on" in reply.button_labels()
    await alice.tap("✏️ Salary")
    reply = await alice.ask("500000")
    assert "What I know about you" in reply.plain
    assert "Remote is fine: on" in reply.button_labels()
    prefs = await bot_world.preferences(1102)
    assert prefs is not None and prefs.remote_ok is True
    assert prefs.salary.minimum == 500_000


async def test_editing_the_city_from_preferences_keeps_remote_switched_off(
    bot_world: BotWorld,
) -> None:
    alice = bot_world.user(1103)
    await onboard(alice, city="Almaty")
    await alice.ask("/preferences")
    await alice.tap("Remote is fine: on")
    await alice.tap("✏️ City")
    reply = await alice.ask("Караганда")
    assert "City: Karaganda" in reply.plain
    assert "Remote is fine: off" in reply.button_labels()
    prefs = await bot_world.preferences(1103)
    assert prefs is not None and prefs.area_ids == ["177"] and prefs.remote_ok is False


async def test_adding_a_work_format_from_preferences_keeps_remote_switched_on(
    bot_world: BotWorld,
) -> None:
    alice = bot_world.user(1104)
    await onboard(alice, city="Astana", formats=("On site",))
    await alice.ask("/preferences")
    await alice.tap("Remote is fine: off")
    await alice.tap("✏️ Work format")
    await alice.tap("Hybrid")
    reply = await alice.tap("Next")
    assert "Remote is fine: on" in reply.button_labels()
    prefs = await bot_world.preferences(1104)
    assert prefs is not None and prefs.remote_ok is True
    assert set(prefs.work_formats) == {"ON_SITE", "HYBRID", "REMOTE"}


# ----------------------------------------- #12: a fuzzy city match is confirmed by name


async def test_a_misspelt_city_is_confirmed_by_its_name_before_the_next_step(
    bot_world: BotWorld,
) -> None:
    alice = bot_world.user(1201)
    await to_city(alice)
    reply = await alice.ask("Almty")
    assert reply.plain.startswith("📍 Almaty\n"), reply.plain
    assert "Step 5 of 7" in reply.plain
    assert await bot_world.fsm_state(1201) == "Onboarding:work_format"


# ------------------------------------------------- #13: no "Hi, there!" without a name


async def test_a_person_without_a_first_name_is_greeted_without_one(
    bot_world: BotWorld,
) -> None:
    alice = bot_world.user(1301, first_name="")
    await alice.send("/start")
    greeting = await alice.wait_for()
    assert greeting.plain.startswith("Hi! I find vacancies"), greeting.plain
    assert "there" not in greeting.plain


async def test_a_returning_person_without_a_first_name_is_welcomed_back_without_one(
    bot_world: BotWorld,
) -> None:
    alice = bot_world.user(1302, first_name="")
    await onboard(alice)
    reply = await alice.ask("/start")
    assert reply.plain.startswith("Welcome back! Your profile is set up."), reply.plain
