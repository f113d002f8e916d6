"""Share (issue 14, item 6): under ⋯ More a card offers «📤 Share»: a
``t.me/<bot>?start=v_<vacancy id>`` link (the bot's username from getMe); whoever opens
it sees the vacancy — as their own card when they have a profile, else as HH gives it
with an invitation to set up theirs; a link naming no open vacancy is said so."""

from __future__ import annotations

import re

from bot.ui.callbacks import CardAction, CardCb
from tests.e2e.jobs_helpers import (
    is_card,
    open_feed,
    press_data,
    rec_id,
    recommendations,
    seed_user,
    tap_card,
)
from tests.fixtures.bot import BotWorld

LINK = re.compile(r"https://t\.me/(\w+)\?start=v_(\d+)")


async def shared_link(world: BotWorld, user_id: int) -> tuple[str, str, str]:
    """(link, vacancy id, title) of the first card of the user's feed, shared."""
    alice = await seed_user(world, user_id)
    card = (await open_feed(alice)).cards[0]
    await tap_card(alice, card, CardAction.SHARE)
    reply = await alice.wait_for(lambda m: m.from_bot and "t.me/" in m.plain)
    match = LINK.search(reply.plain)
    assert match, reply.plain
    return match.group(0), match.group(2), card.plain.splitlines()[0]


async def test_share_gives_a_t_me_link_with_the_bots_username_and_the_vacancy(
    bot_world: BotWorld,
) -> None:
    link, vacancy, title = await shared_link(bot_world, 15001)
    assert link.startswith(f"https://t.me/{bot_world.tg.bot_username}?start=v_")
    assert bot_world.hh.corpus.vacancies[vacancy]["name"] == title


async def test_a_newcomer_opening_the_link_sees_the_vacancy_and_is_invited(
    bot_world: BotWorld,
) -> None:
    _, vacancy, title = await shared_link(bot_world, 15002)
    friend = bot_world.user(15003)
    await friend.send(f"/start v_{vacancy}")
    shown = await friend.wait_for(lambda m: m.from_bot)
    assert shown.plain.startswith(title)
    assert "🔗 Open on hh" in shown.button_labels()
    invite = await friend.wait_for(lambda m: m.from_bot)
    assert "Someone shared this vacancy with you" in invite.plain
    await friend.wait_for(lambda m: m.from_bot and "Hi" in m.plain)  # the set-up begins


async def test_someone_with_a_profile_gets_it_as_their_own_card(bot_world: BotWorld) -> None:
    _, vacancy, title = await shared_link(bot_world, 15004)
    bob = await seed_user(bot_world, 15005)
    await bob.send(f"/start v_{vacancy}")
    card = await bob.wait_for(is_card)
    assert card.plain.startswith(title) and "🎯 Match" in card.plain
    assert vacancy in {row.vacancy_id for row in await recommendations(bot_world, 15005)}


async def test_a_link_naming_no_vacancy_gets_a_clear_answer(bot_world: BotWorld) -> None:
    bob = await seed_user(bot_world, 15006)
    for garbage in ("v_abc", "v_999999999", "v_<b>1</b>", "v_"):
        reply = await bob.ask(f"/start {garbage}")
        assert "That link names no open vacancy" in reply.plain


async def test_a_forged_share_of_another_persons_card_is_refused(bot_world: BotWorld) -> None:
    bob = await seed_user(bot_world, 15007)
    bobs = (await open_feed(bob)).cards[0]
    alice = await seed_user(bot_world, 15008)
    page = await open_feed(alice)
    forged = CardCb(action=CardAction.SHARE, rec=rec_id(bobs)).pack()
    assert await press_data(alice, page.cards[0], forged) == "This vacancy is not available."
