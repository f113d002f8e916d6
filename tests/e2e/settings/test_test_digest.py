"""/settings → "Send me a test digest now": the digest as it would go out now, through the
real bot and the real push path, without waiting for the digest time."""

from __future__ import annotations

from core.domain.onboarding import OnboardingAnswers
from tests.e2e.jobs_helpers import seed_user
from tests.fixtures.bot import BotWorld

NOTHING_MATCHES = OnboardingAnswers(
    categories=["programming"],
    skills=["COBOL"],
    area_ids=["205"],
    job_titles=["Глубоководный водолаз"],
)


async def test_a_test_digest_arrives_at_once(bot_world: BotWorld) -> None:
    alice = await seed_user(bot_world, 1301)
    await alice.ask("/settings")
    header = await alice.tap("Send me a test digest now")
    assert header.plain.startswith("🔔 5 new matches for Python-разработчик in Almaty")
    answer = await bot_world.callback_answer(alice, 1)
    assert answer == ("Sending a test digest…", False)
    cards = await alice.wait_for(lambda m: m.from_bot and "👍" in " ".join(m.button_labels()))
    assert cards.buttons


async def test_with_nothing_new_no_test_digest_is_sent_and_it_says_why(
    bot_world: BotWorld,
) -> None:
    bob = await seed_user(bot_world, 1302, NOTHING_MATCHES)
    await bob.ask("/settings")
    reply = await bob.tap("Send me a test digest now")
    assert "Nothing new for your search right now, so no digest was sent" in reply.plain
    assert not any(m.plain.startswith("🔔") for m in bob.messages())
