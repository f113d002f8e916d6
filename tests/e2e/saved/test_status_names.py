"""One name for each /saved status wherever it shows: /saved, the reminder and /stats."""

from __future__ import annotations

from datetime import timedelta

from core.domain.preferences import SavedJobStatus
from db.repositories import SavedJobRepository
from tests.e2e.jobs_helpers import (
    open_feed,
    rec_id,
    seed_user,
)
from tests.fixtures.bot import BotWorld


async def test_russian_hired_has_one_name_in_saved_the_reminder_and_stats(
    bot_world: BotWorld,
) -> None:
    # /saved said "Приняли на работу", the reminder push "оффер", /stats "приняли".
    alice = await seed_user(bot_world, 9201, language_code="ru")
    page = await open_feed(alice)
    services = bot_world.app.services
    saved = await services.saved.save(9201, rec_id(page.cards[0]))
    assert saved is not None
    await services.saved.set_status(9201, saved.saved_id, SavedJobStatus.HIRED)
    async with bot_world.session_factory() as session:
        due = services.clock() - timedelta(minutes=1)
        await SavedJobRepository(session).set_reminder(9201, saved.saved_id, due)
        await session.commit()
    assert (await bot_world.app.scheduler.reminders.run())["sent"] == 1
    reminder = await alice.wait_for(lambda m: "Напоминание" in m.plain)
    listing = await alice.ask("/saved")
    stats = await alice.ask("/stats")
    assert "Статус: приняли на работу" in reminder.plain
    assert "— 🎉 Приняли на работу" in listing.plain
    assert "🎉 приняли на работу 1" in stats.plain
    assert "оффер" not in "\n".join([reminder.plain, listing.plain, stats.plain])
