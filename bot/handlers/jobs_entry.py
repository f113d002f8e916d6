"""The hand-over from onboarding to recommendations. Owned by the /jobs feature, which
replaces the body of :func:`show_recommendations` with the first page of vacancies."""

from __future__ import annotations

from aiogram.types import Message

from bot.i18n import Translator
from bot.services import Services
from core.users import UserProfile


async def show_recommendations(
    message: Message, user: UserProfile, services: Services, t: Translator
) -> None:
    """Show the first page of personalised vacancies in the chat of ``message``."""
    await message.answer(t("jobs_entry.profile_ready"))
