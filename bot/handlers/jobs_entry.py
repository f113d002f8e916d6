"""The hand-over from onboarding to recommendations: right after confirming, the first
page of the /jobs feed (bot.handlers.jobs.show_feed)."""

from __future__ import annotations

from aiogram.types import Message

from bot.i18n import Translator
from bot.services import Services
from core.services.users import UserProfile


async def show_recommendations(
    message: Message, user: UserProfile, services: Services, t: Translator
) -> None:
    """Show the first page of personalised vacancies in the chat of ``message``."""
    from bot.handlers.jobs import show_feed  # the feature module imports this one's users

    await message.answer(t("jobs_entry.profile_ready"))
    # The last message names /jobs: the feed is complete once it has arrived.
    await show_feed(message, user.id, services, t, footer=t("jobs_entry.more"))
