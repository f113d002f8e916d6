"""Onboarding, end to end: real polling against the Telegram and HH emulators, SQLite DB.

Every free-text step is fed garbage, emoji, a 4096-character text, HTML and SQL: each
gets a helpful re-ask, the step is kept and nothing is written.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from db.models import User
from sandbox.telegram import ChatUser
from tests.fixtures.bot import BotWorld, feed_ended, onboard

BAD_INPUTS: dict[str, str] = {
    "garbage": "qwzx vbnm plkj",
    "emoji": "😀🔥🙈💥",
    "4096 characters": ("Лорем ипсум <dolor> & sit amet 😀 " * 200)[:4096],
    "html": "<b>bold</b><script>alert(1)</script>",
    "sql": "'; DROP TABLE users; --",
}


async def start(user: ChatUser) -> None:
    await user.send("/start")
    await user.wait_for(lambda m: "Step 1 of 7" in m.plain)


async def to_skills(user: ChatUser) -> None:
    await start(user)
    await user.tap("Programming")
    await user.tap("Next")


async def to_experience(user: ChatUser) -> None:
    await to_skills(user)
    await user.tap("Python")
    await user.tap("Next")


async def to_city(user: ChatUser) -> None:
    await to_experience(user)
    await user.tap("1–3 years")


async def to_work_format(user: ChatUser) -> None:
    await to_city(user)
    await user.ask("Almaty")


async def to_employment(user: ChatUser) -> None:
    await to_work_format(user)
    await user.tap("Next")


async def to_salary(user: ChatUser) -> None:
    await to_employment(user)
    await user.tap("Next")


async def to_summary(user: ChatUser) -> None:
    await to_salary(user)
    await user.ask("300000")


async def assert_reasked(
    world: BotWorld, user: ChatUser, text: str, prompt: str, state: str, hint: str
) -> None:
    reply = await user.ask(text)
    assert hint in reply.plain, reply.plain
    assert prompt in reply.plain
    assert await world.fsm_state(user.user_id) == state
    assert await world.preferences(user.user_id) is None


# ---------------------------------------------------------------------------- happy path


async def test_completed_onboarding_stores_preferences_matching_the_answers(
    bot_world: BotWorld,
) -> None:
    alice = bot_world.user(1)
    await onboard(
        alice,
        skills=("Python", "SQL"),
        experience="3–6 years",
        city="Алматы",
        formats=("Remote",),
        employment=("Full time",),
        salary="от 300 тыс",
    )
    prefs = await bot_world.preferences(1)
    assert prefs is not None
    assert prefs.categories == ["programming"]
    assert set(prefs.skills) == {"Python", "SQL"}
    assert prefs.experience == "between3And6"
    assert prefs.area_ids == ["160"]
    assert prefs.work_formats == ["REMOTE"]
    assert prefs.remote_ok is True
    assert prefs.employment_forms == ["FULL"]
    assert (prefs.salary.minimum, prefs.salary.maximum, prefs.salary.currency) == (
        300_000,
        None,
        "KZT",
    )
    assert prefs.salary_is_floor is True


async def test_completed_onboarding_marks_the_user_onboarded_and_leaves_the_dialog(
    bot_world: BotWorld,
) -> None:
    alice = bot_world.user(2)
    await onboard(alice)
    async with bot_world.session_factory() as session:
        user = await session.scalar(select(User).where(User.id == 2))
    assert user is not None and user.onboarding_completed_at is not None
    assert await bot_world.fsm_state(2) is None


async def test_confirming_points_to_the_recommendations(bot_world: BotWorld) -> None:
    alice = bot_world.user(3)
    await onboard(alice)
    assert "/jobs" in alice.last().plain


async def test_fields_typed_by_name_are_chosen_as_if_tapped(bot_world: BotWorld) -> None:
    alice = bot_world.user(5)
    await start(alice)
    reply = await alice.ask("продажи, Accounting")
    assert "Chosen: Sales, Accounting. Tap more, or Next." in reply.plain
    assert await bot_world.fsm_state(5) == "Onboarding:categories"
    assert "Step 2 of 7" in (await alice.tap("Next")).plain  # both count as chosen


async def test_typed_text_naming_no_field_keeps_the_step_and_asks_for_the_buttons(
    bot_world: BotWorld,
) -> None:
    alice = bot_world.user(6)
    await start(alice)
    reply = await alice.ask("<b>x</b> DROP TABLE")
    assert "Please pick your fields with the buttons" in reply.plain
    assert await bot_world.fsm_state(6) == "Onboarding:categories"


async def test_typed_skills_are_added_to_the_chosen_ones(bot_world: BotWorld) -> None:
    alice = bot_world.user(4)
    await to_skills(alice)
    await alice.tap("Python")
    reply = await alice.ask("sql, эксель")
    assert "Added: SQL, Excel" in reply.plain
    assert "Chosen: Python, SQL, Excel" in reply.plain


async def test_an_unknown_typed_skill_is_added_only_when_confirmed(bot_world: BotWorld) -> None:
    alice = bot_world.user(5)
    await to_skills(alice)
    reply = await alice.ask("Abaqus FEA")
    assert "I do not know “Abaqus FEA”" in reply.plain
    assert "Chosen: nothing yet" in reply.plain
    reply = await alice.tap("Add anyway")
    assert "Chosen: Abaqus FEA" in reply.plain


async def test_anywhere_leaves_the_city_open_and_remote_fine(bot_world: BotWorld) -> None:
    alice = bot_world.user(6)
    await onboard(alice, city=None, formats=("On site",))
    prefs = await bot_world.preferences(6)
    assert prefs is not None and prefs.area_ids == [] and prefs.remote_ok is True


async def test_a_city_with_on_site_only_means_remote_is_not_wanted(bot_world: BotWorld) -> None:
    alice = bot_world.user(7)
    await onboard(alice, city="Astana", formats=("On site",))
    prefs = await bot_world.preferences(7)
    assert prefs is not None
    assert (prefs.area_ids, prefs.work_formats, prefs.remote_ok) == (["159"], ["ON_SITE"], False)


async def test_skipping_the_salary_stores_no_expectation(bot_world: BotWorld) -> None:
    alice = bot_world.user(8)
    await onboard(alice, salary=None)
    prefs = await bot_world.preferences(8)
    assert prefs is not None
    assert prefs.salary.minimum is None and prefs.salary_is_floor is False


async def test_a_misspelt_city_is_offered_as_a_button(bot_world: BotWorld) -> None:
    alice = bot_world.user(9)
    await to_city(alice)
    reply = await alice.ask("Ural")
    assert "Oral" in reply.button_labels()
    assert await bot_world.fsm_state(9) == "Onboarding:city"
    reply = await alice.tap("Oral")
    assert "Step 5 of 7" in reply.plain


# ---------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("kind", list(BAD_INPUTS))
async def test_bad_skills_text_gets_a_reask_and_keeps_the_step(
    bot_world: BotWorld, kind: str
) -> None:
    alice = bot_world.user(20)
    await to_skills(alice)
    reply = await alice.ask(BAD_INPUTS[kind])
    assert "Step 2 of 7" in reply.plain
    assert "I could not find skills" in reply.plain or "I do not know" in reply.plain
    assert "Chosen: nothing yet" in reply.plain
    assert await bot_world.fsm_state(20) == "Onboarding:skills"
    assert await bot_world.preferences(20) is None


@pytest.mark.parametrize("kind", list(BAD_INPUTS))
async def test_bad_city_text_gets_a_reask_and_keeps_the_step(
    bot_world: BotWorld, kind: str
) -> None:
    alice = bot_world.user(21)
    await to_city(alice)
    reply = await alice.ask(BAD_INPUTS[kind])
    assert "Step 4 of 7" in reply.plain
    assert "I do not know a city" in reply.plain or "too long for a city" in reply.plain
    assert await bot_world.fsm_state(21) == "Onboarding:city"


@pytest.mark.parametrize("kind", list(BAD_INPUTS))
async def test_bad_salary_text_gets_a_reask_and_keeps_the_step(
    bot_world: BotWorld, kind: str
) -> None:
    alice = bot_world.user(22)
    await to_salary(alice)
    reply = await alice.ask(BAD_INPUTS[kind])
    assert "Step 7 of 7" in reply.plain
    assert "e.g. 450000" in reply.plain
    assert await bot_world.fsm_state(22) == "Onboarding:salary"


@pytest.mark.parametrize(
    ("go_to", "prompt", "state"),
    [
        (start, "Step 1 of 7", "Onboarding:categories"),
        (to_experience, "Step 3 of 7", "Onboarding:experience"),
        (to_work_format, "Step 5 of 7", "Onboarding:work_format"),
        (to_employment, "Step 6 of 7", "Onboarding:employment"),
        (to_summary, "Your profile — please check", "Onboarding:summary"),
    ],
)
async def test_typing_at_a_button_step_explains_the_buttons_and_keeps_the_step(
    bot_world: BotWorld,
    go_to,
    prompt: str,
    state: str,  # type: ignore[no-untyped-def]
) -> None:
    alice = bot_world.user(23)
    await go_to(alice)
    for text in BAD_INPUTS.values():
        reply = await alice.ask(text)
        assert prompt in reply.plain
        assert await bot_world.fsm_state(23) == state
    assert await bot_world.preferences(23) is None


async def test_onboarding_completes_after_bad_input_at_every_free_text_step(
    bot_world: BotWorld,
) -> None:
    alice = bot_world.user(24)
    await to_skills(alice)
    for text in BAD_INPUTS.values():
        await alice.ask(text)
    await alice.ask("Python")
    await alice.tap("Next")
    await alice.tap("No experience")
    for text in BAD_INPUTS.values():
        await alice.ask(text)
    await alice.ask("Шымкент")
    await alice.tap("Next")
    await alice.tap("Next")
    for text in BAD_INPUTS.values():
        await alice.ask(text)
    await alice.ask("$2000")
    await alice.tap("Confirm")
    await alice.wait_for(feed_ended)
    prefs = await bot_world.preferences(24)
    assert prefs is not None
    assert list(prefs.skills) == ["Python"]
    assert prefs.area_ids == ["205"]
    assert (prefs.salary.minimum, prefs.salary.currency) == (2000, "USD")


async def test_a_users_html_is_shown_as_text_not_markup(bot_world: BotWorld) -> None:
    eve = bot_world.user(25, first_name="<b>Eve</b> & <script>")
    await eve.send("/start")
    greeting = await eve.wait_for()
    assert "Hi, <b>Eve</b> & <script>!" in greeting.plain
    await eve.wait_for(lambda m: "Step 1 of 7" in m.plain)
    await eve.tap("Programming")
    await eve.tap("Next")
    reply = await eve.ask("<i>Rust</i>")
    assert "<i>Rust</i>" not in reply.text  # escaped in the HTML that was sent
    assert "Rust" in reply.plain


# ---------------------------------------------------------------------------- navigation


async def test_cancel_leaves_onboarding_and_says_so(bot_world: BotWorld) -> None:
    alice = bot_world.user(30)
    await to_city(alice)
    reply = await alice.ask("/cancel")
    assert "Cancelled" in reply.plain
    assert await bot_world.fsm_state(30) is None
    reply = await alice.ask("Almaty")
    assert "did not understand" in reply.plain


async def test_cancel_button_leaves_onboarding(bot_world: BotWorld) -> None:
    alice = bot_world.user(31)
    await to_experience(alice)
    reply = await alice.tap("Cancel")
    assert "Cancelled" in reply.plain
    assert await bot_world.fsm_state(31) is None


async def test_back_returns_to_the_previous_step_with_answers_kept(bot_world: BotWorld) -> None:
    alice = bot_world.user(32)
    await to_experience(alice)
    reply = await alice.tap("Back")
    assert "Step 2 of 7" in reply.plain
    assert "✅ Python" in reply.button_labels()


async def test_next_without_a_field_asks_for_one(bot_world: BotWorld) -> None:
    alice = bot_world.user(33)
    await start(alice)
    await alice.press("Next")
    await alice.tap("Programming")  # the alert came first: the step was kept
    assert alice.callback_answers[0] == ("Pick at least one field first.", True)
    assert await bot_world.fsm_state(33) == "Onboarding:categories"


async def test_editing_a_step_from_the_summary_returns_to_the_summary(
    bot_world: BotWorld,
) -> None:
    alice = bot_world.user(34)
    await to_summary(alice)
    reply = await alice.tap("✏️ City")
    assert "Step 4 of 7" in reply.plain
    reply = await alice.ask("Astana")
    assert "Your profile — please check" in reply.plain
    assert "City: Astana" in reply.plain
    await alice.tap("Confirm")
    await alice.wait_for(feed_ended)
    prefs = await bot_world.preferences(34)
    assert prefs is not None and prefs.area_ids == ["159"]
    assert prefs.experience == "between1And3"  # the other answers are kept


async def test_a_restart_mid_onboarding_continues_at_the_same_step(
    bot_world: BotWorld,
) -> None:
    alice = bot_world.user(35)
    await to_city(alice)
    await bot_world.restart()
    reply = await alice.ask("Almaty")
    assert "Step 5 of 7" in reply.plain
    await alice.tap("Next")
    await alice.tap("Next")
    await alice.ask("500000")
    summary = alice.last()
    assert "Skills: Python" in summary.plain
    assert "Experience: 1–3 years" in summary.plain


async def test_when_hh_cannot_list_cities_the_city_step_is_kept(bot_world: BotWorld) -> None:
    bot_world.hh.inject("5xx", count=-1, path_prefix="/areas")
    alice = bot_world.user(36)
    await to_city(alice)
    reply = await alice.ask("Almaty")
    assert "cannot look up cities right now" in reply.plain
    assert await bot_world.fsm_state(36) == "Onboarding:city"
    bot_world.hh.clear_faults()
    reply = await alice.ask("Almaty")
    assert "Step 5 of 7" in reply.plain
