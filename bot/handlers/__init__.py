"""Routers, one per feature. ``feature_routers()`` is the order the Dispatcher sees them:
commands that work in any state first, dialogs next, the catch-all last.

To add a feature: create ``bot/handlers/<feature>.py`` with ``router = Router(name=...)``
and decorated handlers, put its texts in ``bot/locales/{en,ru}/<feature>.json`` and add
the router to ``FEATURES`` below, before ``start.fallback_router``.

A Router can belong to one Dispatcher only, and tests build several apps in one process
(``bot_world.restart()``), so each app gets fresh copies of the module-level routers.
"""

from __future__ import annotations

from aiogram import Router

from bot.handlers import (
    assessment,
    feedback,
    jobs,
    onboarding,
    preferences,
    saved,
    search,
    settings,
    start,
    stats,
)

FEATURES: tuple[Router, ...] = (
    start.router,
    settings.router,
    preferences.router,
    assessment.router,
    jobs.router,
    search.router,
    saved.router,
    stats.router,
    feedback.router,
    onboarding.router,
    start.fallback_router,
)


def feature_routers() -> list[Router]:
    return [copy_router(router) for router in FEATURES]


def copy_router(source: Router) -> Router:
    """A new Router with the same handlers, router-level filters and sub-routers."""
    copy = Router(name=source.name)
    for name, observer in source.observers.items():
        target = copy.observers[name]
        if list(observer.middleware) or list(observer.outer_middleware):
            raise ValueError(
                f"router {source.name!r}: register middlewares in bot.middlewares, not on "
                "a feature router"
            )
        target.handlers.extend(observer.handlers)
        if observer._handler.filters:
            target._handler.filters = list(observer._handler.filters)
    for child in source.sub_routers:
        copy.include_router(copy_router(child))
    return copy
