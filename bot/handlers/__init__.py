"""Routers, one per feature. ``feature_routers()`` is the order the Dispatcher sees them:
commands that work in any state first, dialogs next, the catch-all last.

To add a feature: create ``bot/handlers/<feature>.py`` with ``router = Router(name=...)``,
put its texts in ``bot/locales/{en,ru}/<feature>.json`` and add the router below, before
``fallback``.
"""

from __future__ import annotations

from aiogram import Router

from bot.handlers import assessment, onboarding, preferences, settings, start


def feature_routers() -> list[Router]:
    return [
        start.router,
        settings.router,
        preferences.router,
        assessment.router,
        onboarding.router,
        start.fallback_router,
    ]
