"""Digests of several named searches, end to end: one digest per search and period with
its own header, weekly digests, quiet hours (silent or held to the morning), paused and
switched-off searches. The real push path against both emulators (tests/e2e/test_push.py's
world: the real composition root, a frozen clock the tests move)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from core.domain.preferences import UserPreferences
from core.domain.searches import DigestMode, QuietPolicy
from db.models import DigestDelivery
from db.repositories import PreferencesRepository
from sandbox.hh import HHEmulator
from sandbox.telegram import ChatMessage
from tests.e2e.test_push import DAY, FAST_CHAT_RATE, PYTHON, PushWorld, at, make_world

ASTANA = PYTHON.model_copy(update={"area_ids": ["159"]})


@pytest.fixture
async def world(
    hh_emulator: HHEmulator, sqlite_template: Path, tmp_path: Path
) -> AsyncIterator[PushWorld]:
    async with make_world(hh_emulator, sqlite_template, tmp_path, chat_rate=FAST_CHAT_RATE) as w:
        yield w


async def add_search(world: PushWorld, user_id: int, name: str, prefs: UserPreferences) -> int:
    """A second search made as /searches makes it, with these preferences."""
    services = world.instances[0].app.services
    search = await services.searches.create_from_profile(user_id, name)
    async with world.instances[0].sessions() as session:
        await PreferencesRepository(session).save(
            user_id, prefs, declared=prefs, search_id=search.id
        )
        await session.commit()
    return search.id


async def first_search(world: PushWorld, user_id: int) -> int:
    listed = await world.instances[0].app.services.searches.list(user_id)
    return listed.searches[0].id


async def deliveries(world: PushWorld, user_id: int) -> list[DigestDelivery]:
    async with world.instances[0].sessions() as session:
        rows = await session.scalars(
            select(DigestDelivery)
            .where(DigestDelivery.user_id == user_id)
            .order_by(DigestDelivery.local_date, DigestDelivery.search_id)
        )
        return list(rows)


def headers(messages: list[ChatMessage]) -> list[ChatMessage]:
    return [m for m in messages if m.plain.startswith("🔔")]


async def test_two_searches_in_different_cities_get_two_digests_with_their_own_headers(
    world: PushWorld,
) -> None:
    await world.seed(1)  # Python developer in Almaty: search #1, from "onboarding"
    await world.instances[0].app.services.searches.rename(1, await first_search(world, 1), "Almaty")
    await add_search(world, 1, "Astana <b>remote</b> 🚀", ASTANA)
    world.clock.set(at(4, 0))  # 09:00 in Almaty

    await world.instances[0].push.run_digest_tick()

    messages = world.bot_messages(1)
    almaty, astana = headers(messages)
    assert "in Almaty" in almaty.plain and "🔎 For «Almaty»" in almaty.plain
    assert "in Astana" in astana.plain
    assert "🔎 For «Astana <b>remote</b> 🚀»" in astana.plain  # escaped: shown as typed
    assert "&lt;b&gt;remote&lt;/b&gt;" in astana.text
    rows = await deliveries(world, 1)
    assert [(row.status, row.local_date) for row in rows] == [("sent", DAY), ("sent", DAY)]
    assert len({row.search_id for row in rows}) == 2
    assert len(messages) == sum(row.vacancy_count for row in rows) + 2


async def test_each_search_gets_its_digest_once_a_day(world: PushWorld) -> None:
    await world.seed(1)
    await add_search(world, 1, "Astana", ASTANA)
    push = world.instances[0].push
    for moment in (at(4, 0), at(4, 1), at(12, 0), at(18, 59)):
        world.clock.set(moment)
        await push.run_digest_tick()
    assert len(headers(world.bot_messages(1))) == 2


async def test_a_weekly_digest_comes_once_a_week_on_its_day(world: PushWorld) -> None:
    await world.seed(1)
    search_id = await first_search(world, 1)
    weekday = (DAY + timedelta(days=2)).weekday()
    services = world.instances[0].app.services
    await services.searches.set_schedule(1, search_id, mode=DigestMode.WEEKLY, weekday=weekday)
    push = world.instances[0].push

    sent_on: list[date] = []
    for offset in range(15):  # two weeks and a day, a tick each morning and evening
        day = DAY + timedelta(days=offset)
        for hour in (4, 15):
            before = len(headers(world.bot_messages(1)))
            world.clock.set(at(hour, 0, day))
            await push.run_digest_tick()
            if len(headers(world.bot_messages(1))) > before:
                sent_on.append(day)

    assert sent_on[0] == DAY + timedelta(days=2)
    assert all(day.weekday() == weekday for day in sent_on)
    assert len(sent_on) == len(set(sent_on)) <= 3
    periods = [row.local_date for row in await deliveries(world, 1)]
    assert periods == [DAY + timedelta(days=2), DAY + timedelta(days=9)]


async def test_a_digest_in_quiet_hours_is_sent_silently(world: PushWorld) -> None:
    await world.seed(1, digest_time="23:00")  # 18:00 UTC
    search_id = await first_search(world, 1)
    await world.instances[0].app.services.searches.set_schedule(
        1, search_id, quiet=("22:00", "08:00"), quiet_policy=QuietPolicy.SILENT
    )
    world.clock.set(at(18, 0))

    await world.instances[0].push.run_digest_tick()

    messages = world.bot_messages(1)
    assert len(headers(messages)) == 1 and len(messages) > 1
    assert all(m.disable_notification for m in messages)


async def test_a_digest_outside_quiet_hours_rings(world: PushWorld) -> None:
    await world.seed(1)  # 09:00
    search_id = await first_search(world, 1)
    await world.instances[0].app.services.searches.set_schedule(
        1, search_id, quiet=("22:00", "08:00")
    )
    world.clock.set(at(4, 0))

    await world.instances[0].push.run_digest_tick()

    messages = world.bot_messages(1)
    assert messages and not any(m.disable_notification for m in messages)


async def test_a_digest_held_for_quiet_hours_comes_in_the_morning(world: PushWorld) -> None:
    await world.seed(1, digest_time="23:00")
    search_id = await first_search(world, 1)
    await world.instances[0].app.services.searches.set_schedule(
        1, search_id, quiet=("22:00", "08:00"), quiet_policy=QuietPolicy.HOLD
    )
    push = world.instances[0].push
    for moment in (at(18, 0), at(22, 59)):  # 23:00 and 03:59 in Almaty
        world.clock.set(moment)
        await push.run_digest_tick()
    assert world.bot_messages(1) == []

    world.clock.set(at(3, 0, DAY + timedelta(days=1)))  # 08:00 the next morning
    await push.run_digest_tick()

    messages = world.bot_messages(1)
    assert len(headers(messages)) == 1
    assert not any(m.disable_notification for m in messages)
    assert [row.local_date for row in await deliveries(world, 1)] == [DAY]  # the night's


async def test_a_paused_search_and_a_search_switched_off_get_no_digest(
    world: PushWorld,
) -> None:
    await world.seed(1)
    services = world.instances[0].app.services
    await services.searches.set_paused(1, await first_search(world, 1), True)
    astana = await add_search(world, 1, "Astana", ASTANA)
    await services.searches.set_schedule(1, astana, mode=DigestMode.OFF)
    world.clock.set(at(4, 0))

    await world.instances[0].push.run_digest_tick()

    assert world.bot_messages(1) == []
    assert await deliveries(world, 1) == []
