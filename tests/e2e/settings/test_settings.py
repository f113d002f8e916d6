"""/settings (digest, time zone, language), /export and /delete_me, end to end."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from db.base import Base
from db.models import User
from sandbox.telegram import ChatMessage
from tests.fixtures.bot import BotWorld, onboard


def _new_bot_message(message: ChatMessage) -> bool:
    """A fresh reply, not the edit that takes the buttons off the screen before it."""
    return message.from_bot and not message.edited


async def stored_user(world: BotWorld, user_id: int) -> User | None:
    async with world.session_factory() as session:
        return await session.get(User, user_id)


async def test_settings_show_the_digest_time_zone_and_language(bot_world: BotWorld) -> None:
    alice = bot_world.user(201)
    reply = await alice.ask("/settings")
    assert "Daily digest: on" in reply.plain
    assert "Digest time: 09:00 (Asia/Almaty)" in reply.plain
    assert "Language: English" in reply.plain


async def test_turning_the_digest_off(bot_world: BotWorld) -> None:
    alice = bot_world.user(202)
    await alice.ask("/settings")
    reply = await alice.tap("Digest: on")
    assert "Daily digest: off" in reply.plain
    user = await stored_user(bot_world, 202)
    assert user is not None and user.digest_enabled is False


async def test_choosing_a_digest_time_with_a_button(bot_world: BotWorld) -> None:
    alice = bot_world.user(203)
    await alice.ask("/settings")
    await alice.tap("Digest time")
    reply = await alice.tap("18:00")
    assert "Digest time: 18:00" in reply.plain
    user = await stored_user(bot_world, 203)
    assert user is not None and user.digest_time == "18:00"


async def test_typing_a_digest_time(bot_world: BotWorld) -> None:
    alice = bot_world.user(204)
    await alice.ask("/settings")
    await alice.tap("Digest time")
    reply = await alice.ask("7:45")
    assert "Digest time: 07:45" in reply.plain
    user = await stored_user(bot_world, 204)
    assert user is not None and user.digest_time == "07:45"


async def test_a_typed_time_that_is_not_a_time_is_asked_again(bot_world: BotWorld) -> None:
    alice = bot_world.user(205)
    await alice.ask("/settings")
    await alice.tap("Digest time")
    for text in ("25:99", "<b>soon</b>", "'; DROP TABLE users; --", "😀" * 2000):
        await alice.send(text)  # answered by a new prompt; the old one loses its buttons
        reply = await alice.wait_for(lambda m: m.from_bot and not m.edited)
        assert "is not a time of day" in reply.plain
        assert await bot_world.fsm_state(205) == "SettingsForm:digest_time"
    user = await stored_user(bot_world, 205)
    assert user is not None and user.digest_time == "09:00"


async def test_typing_an_iana_time_zone(bot_world: BotWorld) -> None:
    alice = bot_world.user(206)
    await alice.ask("/settings")
    await alice.tap("Time zone")
    reply = await alice.ask("Europe/Moscow")
    assert "(Europe/Moscow)" in reply.plain
    user = await stored_user(bot_world, 206)
    assert user is not None and user.timezone == "Europe/Moscow"


async def test_an_unknown_time_zone_is_refused_and_asked_again(bot_world: BotWorld) -> None:
    alice = bot_world.user(207)
    await alice.ask("/settings")
    await alice.tap("Time zone")
    reply = await alice.ask("Mars/Olympus_Mons")
    assert "I do not know the time zone" in reply.plain
    assert await bot_world.fsm_state(207) == "SettingsForm:timezone"
    user = await stored_user(bot_world, 207)
    assert user is not None and user.timezone == "Asia/Almaty"


async def test_typing_a_russian_city_sets_its_time_zone(bot_world: BotWorld) -> None:
    alice = bot_world.user(211)
    await alice.ask("/settings")
    await alice.tap("Time zone")
    reply = await alice.ask("Москва")
    assert "(Europe/Moscow)" in reply.plain
    user = await stored_user(bot_world, 211)
    assert user is not None and user.timezone == "Europe/Moscow"


async def test_typing_a_kazakh_city_sets_kazakhstans_zone(bot_world: BotWorld) -> None:
    alice = bot_world.user(212)
    await alice.ask("/settings")
    await alice.tap("Time zone")
    await alice.tap("Europe/Moscow")
    await alice.tap("Time zone")
    reply = await alice.ask("Qaraghandy")
    assert "(Asia/Almaty)" in reply.plain
    user = await stored_user(bot_world, 212)
    assert user is not None and user.timezone == "Asia/Almaty"


async def test_typing_a_utc_offset_sets_a_zone_with_that_offset(bot_world: BotWorld) -> None:
    alice = bot_world.user(213)
    await alice.ask("/settings")
    await alice.tap("Time zone")
    reply = await alice.ask("UTC+3")
    assert "(Etc/GMT-3)" in reply.plain
    user = await stored_user(bot_world, 213)
    assert user is not None and user.timezone == "Etc/GMT-3"


async def test_an_unknown_city_is_refused_with_examples_and_the_step_is_kept(
    bot_world: BotWorld,
) -> None:
    alice = bot_world.user(214)
    await alice.ask("/settings")
    await alice.tap("Time zone")
    reply = await alice.ask("Springfield")
    assert "I do not know the time zone “Springfield”" in reply.plain
    assert "Type a city such as Astana or Moscow" in reply.plain
    assert await bot_world.fsm_state(214) == "SettingsForm:timezone"
    await alice.send("Astna")
    reply = await alice.wait_for(_new_bot_message)
    assert "Did you mean Astana?" in reply.plain
    await alice.send("Astana")
    reply = await alice.wait_for(_new_bot_message)
    assert "(Asia/Almaty)" in reply.plain
    assert await bot_world.fsm_state(214) is None


async def test_choosing_a_time_zone_with_a_button(bot_world: BotWorld) -> None:
    alice = bot_world.user(208)
    await alice.ask("/settings")
    await alice.tap("Time zone")
    reply = await alice.tap("Asia/Tashkent")
    assert "(Asia/Tashkent)" in reply.plain


async def test_switching_to_russian_makes_the_next_reply_russian(bot_world: BotWorld) -> None:
    alice = bot_world.user(209, language_code="en")
    await alice.ask("/settings")
    reply = await alice.tap("Русский")
    assert "Настройки" in reply.plain
    reply = await alice.ask("/help")
    assert "Что я умею" in reply.plain


async def test_export_sends_the_users_data_as_a_json_document(bot_world: BotWorld) -> None:
    alice = bot_world.user(210, first_name="Alice")
    await onboard(alice, skills=("Python",), city="Astana")
    reply = await alice.ask("/export")
    assert reply.document is not None
    assert reply.document["file_name"] == "hh-jobs-bot-export.json"
    sent = bot_world.tg.documents[-1]
    data = json.loads(sent.data)
    assert data["user"]["id"] == 210
    assert data["user"]["first_name"] == "Alice"
    assert data["preferences"]["area_ids"] == ["159"]
    assert "Python" in data["preferences"]["skills"]


async def test_delete_me_asks_for_confirmation_first(bot_world: BotWorld) -> None:
    alice = bot_world.user(211)
    await onboard(alice)
    await alice.ask("/delete_me")
    reply = await alice.tap("No, keep it")
    assert "Nothing was deleted" in reply.plain
    assert await stored_user(bot_world, 211) is not None


async def test_delete_me_leaves_no_rows_for_the_user_in_any_table(bot_world: BotWorld) -> None:
    alice = bot_world.user(212)
    await onboard(alice)
    await alice.ask("/assessment")
    await alice.tap("5")
    await alice.ask("/delete_me")
    reply = await alice.tap("Yes, delete everything")
    assert "All your data has been deleted" in reply.plain
    leftovers: dict[str, int] = {}
    async with bot_world.session_factory() as session:
        for table in Base.metadata.sorted_tables:
            column = table.c.get("user_id") if table.name != "users" else table.c.id
            if column is None:
                continue
            count = await session.scalar(
                select(func.count()).select_from(table).where(column == 212)
            )
            if count:
                leftovers[table.name] = count
    assert leftovers == {}
