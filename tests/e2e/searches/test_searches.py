"""/searches end to end: a person's named searches through the real bot."""

from __future__ import annotations

from sqlalchemy import select

from bot.features.searches.callbacks import SearchAction, SearchesCb
from core.domain.searches import MAX_SEARCHES, NAME_CAP
from db.models import Search, User
from tests.e2e.jobs_helpers import open_feed, press_data, seed_user
from tests.fixtures.bot import BotWorld


async def searches_of(world: BotWorld, user_id: int) -> list[Search]:
    async with world.session_factory() as session:
        rows = await session.scalars(
            select(Search).where(Search.user_id == user_id).order_by(Search.position)
        )
        return list(rows)


async def active_search_id(world: BotWorld, user_id: int) -> int | None:
    async with world.session_factory() as session:
        user = await session.get(User, user_id)
        return user.active_search_id if user is not None else None


async def test_the_first_search_is_what_onboarding_made(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 1201)
    reply = await alice.ask("/searches")
    assert "Your searches (1 of 10)" in reply.plain
    assert "1. Python-разработчик — daily at 09:00 · /jobs" in reply.plain
    [search] = await searches_of(bot_world, 1201)
    assert search.name == "Python-разработчик" and search.position == 0


async def test_a_new_search_from_the_profile_becomes_the_one_jobs_uses(
    bot_world: BotWorld,
) -> None:
    alice = await seed_user(bot_world, 1202)
    await alice.ask("/searches")
    reply = await alice.tap("New search from my profile")
    assert "/jobs and /preferences work on this search." in reply.plain
    _first, second = await searches_of(bot_world, 1202)
    assert await active_search_id(bot_world, 1202) == second.id
    prefs = await bot_world.preferences(1202)  # the new search's: copied from the profile
    assert prefs is not None and prefs.area_ids == ["160"]
    assert prefs.job_titles == ["Python-разработчик"]


async def test_jobs_says_which_search_it_shows_when_there_are_several(
    bot_world: BotWorld,
) -> None:
    alice = await seed_user(bot_world, 1203)
    await alice.ask("/searches")
    await alice.tap("New search from my profile")
    await alice.tap("Rename")
    await alice.ask("Evening shifts")
    page = await open_feed(alice)
    assert page.cards
    assert "🔎 For “Evening shifts”" in page.nav.plain


async def test_jobs_of_a_person_with_one_search_names_none(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 1204)
    page = await open_feed(alice)
    assert page.cards and "🔎 For" not in page.nav.plain


async def test_a_name_with_html_and_emoji_is_kept_and_shown_as_typed(
    bot_world: BotWorld,
) -> None:
    alice = await seed_user(bot_world, 1205)
    await alice.ask("/searches")
    await alice.tap("Python-разработчик")
    await alice.tap("Rename")
    reply = await alice.ask("<b>Night</b> & 🌙 shifts")
    assert "Renamed to “<b>Night</b> & 🌙 shifts”." in reply.plain
    assert "&lt;b&gt;Night&lt;/b&gt; &amp; 🌙 shifts" in reply.text
    [search] = await searches_of(bot_world, 1205)
    assert search.name == "<b>Night</b> & 🌙 shifts"


async def test_a_huge_name_is_cut_to_the_limit_and_says_so(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 1206)
    await alice.ask("/searches")
    await alice.tap("Python-разработчик")
    await alice.tap("Rename")
    reply = await alice.ask("Backend " * 500)
    assert f"The name was cut to {NAME_CAP} characters." in reply.plain
    [search] = await searches_of(bot_world, 1206)
    assert len(search.name) <= NAME_CAP and search.name.startswith("Backend Backend")


async def test_a_blank_name_gets_a_clear_answer_and_changes_nothing(
    bot_world: BotWorld,
) -> None:
    alice = await seed_user(bot_world, 1207)
    await alice.ask("/searches")
    await alice.tap("Python-разработчик")
    await alice.tap("Rename")
    reply = await alice.ask("\u200b\u2063")  # invisible characters only
    assert "has nothing to name a search with" in reply.plain
    [search] = await searches_of(bot_world, 1207)
    assert search.name == "Python-разработчик"
    assert await bot_world.fsm_state(1207) == "SearchesForm:name"  # still asking


async def test_the_eleventh_search_gets_a_clear_answer(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 1208)
    for _ in range(MAX_SEARCHES - 2):
        await bot_world.app.services.searches.create_from_profile(1208)
    await alice.ask("/searches")
    await alice.tap("New search from my profile")  # the tenth
    assert len(await searches_of(bot_world, 1208)) == MAX_SEARCHES
    reply = await alice.ask("/searches")
    assert "That is the limit of 10 searches" in reply.plain
    assert "New search from my profile" not in reply.button_labels()
    listed = await alice.ask("/searches")
    answer = await press_data(
        alice, listed, SearchesCb(action=SearchAction.NEW_PROFILE).pack()
    )  # a stale button from before
    assert answer is not None and "already have 10 searches" in answer
    assert len(await searches_of(bot_world, 1208)) == MAX_SEARCHES


async def test_pausing_a_search_and_resuming_it(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 1209)
    await alice.ask("/searches")
    await alice.tap("Python-разработчик")
    reply = await alice.tap("Pause")
    assert "Digest: paused" in reply.plain
    assert (await searches_of(bot_world, 1209))[0].paused is True
    reply = await alice.tap("Resume")
    assert "Digest: daily at 09:00" in reply.plain
    assert (await searches_of(bot_world, 1209))[0].paused is False


async def test_deleting_a_search_and_keeping_the_only_one(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 1210)
    await alice.ask("/searches")
    await alice.tap("Python-разработчик")
    await alice.tap("Delete")
    await alice.tap("Yes, delete it")
    assert len(await searches_of(bot_world, 1210)) == 1  # the only one stays
    assert await bot_world.callback_answer(alice, 3) == (
        "This is your only search: change it in /preferences instead.",
        False,
    )
    await bot_world.app.services.searches.create_from_profile(1210, "Second")
    await alice.tap("Back")
    await alice.tap("Second")
    await alice.tap("Delete")
    reply = await alice.tap("Yes, delete it")
    assert "Your searches (1 of 10)" in reply.plain
    assert [s.name for s in await searches_of(bot_world, 1210)] == ["Python-разработчик"]
    assert await bot_world.preferences(1210) is not None  # back on the first


async def test_weekly_digest_on_a_day_with_quiet_hours_held_to_the_morning(
    bot_world: BotWorld,
) -> None:
    alice = await seed_user(bot_world, 1211)
    await alice.ask("/searches")
    await alice.tap("Python-разработчик")
    await alice.tap("Weekly")
    await alice.tap("Day")
    await alice.tap("Friday")
    await alice.tap("Time")
    await alice.tap("20:00")
    await alice.tap("Quiet hours")
    await alice.tap("22:00–08:00")
    reply = await alice.tap("Hold to the morning instead")
    assert "Digest: weekly on Friday at 20:00" in reply.plain
    assert "Quiet hours: 22:00–08:00, held until 08:00" in reply.plain
    [search] = await searches_of(bot_world, 1211)
    assert (search.digest_mode, search.digest_weekday, search.digest_time) == ("weekly", 4, "20:00")
    assert (search.quiet_start, search.quiet_end, search.quiet_policy) == (
        "22:00",
        "08:00",
        "hold",
    )


async def test_another_persons_search_in_a_forged_callback_is_not_found(
    bot_world: BotWorld,
) -> None:
    await seed_user(bot_world, 1212)
    [theirs] = await searches_of(bot_world, 1212)
    intruder = await seed_user(bot_world, 1213)
    own = await intruder.ask("/searches")
    for action in (
        SearchAction.DELETE_YES,
        SearchAction.PAUSE,
        SearchAction.USE,
        SearchAction.OPEN,
        SearchAction.RENAME,
    ):
        answer = await press_data(
            intruder, own, SearchesCb(action=action, search_id=theirs.id).pack()
        )
        assert answer == "That search was not found."
    [still] = await searches_of(bot_world, 1212)
    assert (still.name, still.paused) == (theirs.name, False)
    assert await active_search_id(bot_world, 1213) is None
    assert await bot_world.fsm_state(1213) is None


async def test_a_new_search_from_the_last_search(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 1214)
    await open_feed(alice, "/search designer Астана")
    await alice.ask("/searches")
    reply = await alice.tap("New search from my last /search")
    assert "designer" in reply.plain
    _first, new = await searches_of(bot_world, 1214)
    prefs = await bot_world.preferences(1214)  # the new one is active
    assert prefs is not None
    assert (prefs.job_titles, prefs.area_ids) == (["designer"], ["159"])
    assert new.name == "designer"
