"""/start, /help, /cancel and the things every update goes through."""

from __future__ import annotations

from sqlalchemy import select

from db.models import User
from tests.fixtures.bot import BotWorld


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
