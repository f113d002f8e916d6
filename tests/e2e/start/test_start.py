"""/start, /help, /cancel, the commands menu, errors and flood control."""

from __future__ import annotations

from sqlalchemy import select

from bot.middlewares import ThrottleConfig, ThrottlingMiddleware
from db.models import User
from tests.fixtures.bot import BotWorld, WorldFactory, onboard


async def test_start_greets_a_new_user_by_name_and_asks_the_first_question(
    bot_world: BotWorld,
) -> None:
    alice = bot_world.user(101, first_name="Alice")
    await alice.send("/start")
    greeting = await alice.wait_for()
    question = await alice.wait_for()
    assert "Hi, Alice!" in greeting.plain
    assert "Step 1 of 7" in question.plain
    assert "Programming" in question.button_labels()


async def test_start_registers_the_user_with_their_telegram_language(
    bot_world: BotWorld,
) -> None:
    olga = bot_world.user(102, language_code="kk")
    await olga.ask("/start")
    async with bot_world.session_factory() as session:
        user = await session.scalar(select(User).where(User.id == 102))
    assert user is not None
    assert (user.language, user.timezone, user.digest_time) == ("kk", "Asia/Almaty", "09:00")


async def test_a_russian_speaker_is_answered_in_russian(bot_world: BotWorld) -> None:
    olga = bot_world.user(103, language_code="ru", first_name="Ольга")
    reply = await olga.ask("/start")
    assert "Привет, Ольга!" in reply.plain


async def test_start_after_onboarding_welcomes_back_and_offers_to_set_up_again(
    bot_world: BotWorld,
) -> None:
    alice = bot_world.user(104)
    await onboard(alice)
    reply = await alice.ask("/start")
    assert "Welcome back" in reply.plain
    reply = await alice.tap("Set up again")
    assert "Step 1 of 7" in reply.plain


async def test_help_lists_the_commands(bot_world: BotWorld) -> None:
    alice = bot_world.user(105)
    reply = await alice.ask("/help")
    for command in ("/jobs", "/preferences", "/settings", "/export", "/delete_me", "/cancel"):
        assert command in reply.plain


async def test_cancel_outside_a_dialog_says_there_is_nothing_to_cancel(
    bot_world: BotWorld,
) -> None:
    alice = bot_world.user(106)
    reply = await alice.ask("/cancel")
    assert "nothing to cancel" in reply.plain


async def test_an_unknown_message_points_to_help(bot_world: BotWorld) -> None:
    alice = bot_world.user(107)
    reply = await alice.ask("hello?")
    assert "/help" in reply.plain


async def test_the_commands_menu_is_set_in_english_and_russian(bot_world: BotWorld) -> None:
    menus = bot_world.tg.commands_by_scope
    by_language = {language: commands for (_, language), commands in menus.items()}
    for language in ("en", "ru"):
        names = [command["command"] for command in by_language[language]]
        assert names[:3] == ["start", "jobs", "search"]
        assert {
            "preferences",
            "assessment",
            "stats",
            "settings",
            "help",
            "delete_me",
            "export",
            "cancel",
            "saved",
        } <= set(names)
    assert by_language["ru"][0]["description"] != by_language["en"][0]["description"]


async def test_a_flooding_user_is_slowed_without_affecting_others(
    bot_world_factory: WorldFactory,
) -> None:
    # Three updates at once, then (practically) no refill during the test.
    throttle = ThrottleConfig(rate=0.001, burst=3.0, max_delay=0.0)
    world = await bot_world_factory(throttle=throttle)
    flooder, calm = world.user(108), world.user(109)
    for _ in range(10):
        await flooder.send("spam")
    for _ in range(3):
        await flooder.wait_for()
    reply = await calm.ask("/help")
    assert "/jobs" in reply.plain
    assert len([m for m in flooder.messages() if m.from_bot]) == 3


async def test_a_flooding_users_button_presses_get_a_polite_answer(
    bot_world_factory: WorldFactory,
) -> None:
    world = await bot_world_factory(throttle=ThrottleConfig(rate=0.001, burst=1.0, max_delay=0))
    flooder = world.user(110)
    await flooder.send("/start")
    await flooder.wait_for(lambda m: "Step 1 of 7" in m.plain)
    await flooder.press("Programming")
    assert await world.callback_answer(flooder, 1) == ("Too fast — please wait a moment.", False)


def test_a_token_bucket_lets_a_burst_through_then_asks_to_wait() -> None:
    now = [0.0]
    throttle = ThrottlingMiddleware(
        ThrottleConfig(rate=2.0, burst=2.0, max_delay=1.0), clock=lambda: now[0]
    )
    assert [throttle.reserve(1), throttle.reserve(1)] == [0.0, 0.0]
    assert throttle.reserve(1) == 0.5
    assert throttle.reserve(2) == 0.0  # another user is not affected
    now[0] = 10.0
    assert throttle.reserve(1) == 0.0


async def test_an_error_is_logged_and_the_user_told_while_the_dialog_is_kept(
    bot_world: BotWorld,
) -> None:
    alice = bot_world.user(111)
    await alice.send("/start")
    await alice.wait_for(lambda m: "Step 1 of 7" in m.plain)
    bot_world.tg.inject("editMessageText", 400, chat_id=111)  # not retried, unlike a 5xx
    reply = await alice.tap("Programming")
    assert "something went wrong" in reply.plain
    assert [r.name for r in bot_world.take_logged_errors()] == ["bot.errors"]
    assert await bot_world.fsm_state(111) == "Onboarding:categories"
    reply = await alice.tap("Design")  # the dialog goes on
    assert "✅ Design" in reply.button_labels()
