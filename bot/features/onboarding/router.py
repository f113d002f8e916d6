"""The onboarding router: one sub-router per step, tried in this order."""

from __future__ import annotations

from aiogram import Router

from bot.features.onboarding import (
    categories,
    city,
    experience,
    formats,
    navigation,
    salary,
    skills,
    summary,
    titles,
)


def get_router() -> Router:
    """A new Router with every step's handlers (navigation first: Back / Cancel / Skip
    work on any step)."""
    router = Router(name="onboarding")
    router.include_routers(
        navigation.get_router(),
        categories.get_router(),
        skills.get_router(),
        experience.get_router(),
        city.get_router(),
        formats.get_router(),
        salary.get_router(),
        titles.get_router(),
        summary.get_router(),
    )
    return router
