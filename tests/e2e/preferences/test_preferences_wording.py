"""How /preferences words its lists and answers, in English and Russian."""

from __future__ import annotations

from tests.e2e.jobs_helpers import (
    seed_user,
)
from tests.fixtures.bot import BotWorld, onboard


async def test_preferences_do_not_label_two_different_lists_less_of(
    bot_world: BotWorld,
) -> None:
    alice = bot_world.user(9103)
    await onboard(alice)
    reply = await alice.ask("/preferences")
    assert "Avoid: —" in reply.plain
    assert reply.plain.count("Less of:") == 1, reply.plain


async def test_russian_preferences_say_any_employment_in_the_right_gender(
    bot_world: BotWorld,
) -> None:
    # "Занятость: любой" (masculine for a feminine noun) read as broken Russian.
    alice = await seed_user(bot_world, 9104, language_code="ru")
    reply = await alice.ask("/preferences")
    assert "Занятость: не важно" in reply.plain
    assert "любой" not in reply.plain


async def test_preferences_say_remote_is_fine_on_or_off_like_its_button(
    bot_world: BotWorld,
) -> None:
    # The view said "удалёнка подходит: Да", the button "Удалёнка подходит: вкл.".
    alice = await seed_user(bot_world, 9202, language_code="ru")
    view = await alice.ask("/preferences")
    assert "удалёнка подходит: вкл." in view.plain
    assert "Удалёнка подходит: вкл." in view.button_labels()
    changed = await alice.tap("Удалёнка подходит: вкл.")
    assert "удалёнка подходит: выкл." in changed.plain
    assert "Удалёнка подходит: выкл." in changed.button_labels()
    assert "Да" not in changed.plain and "Нет" not in changed.plain
