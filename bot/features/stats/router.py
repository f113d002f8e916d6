"""/stats: the user's own numbers; admins (ADMIN_IDS) also get the anonymised global view."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from bot.i18n import Translator
from bot.services import Services
from bot.ui.names import skill_name
from bot.ui.render import trim_html_to
from core.services.analytics import Funnel, GlobalStats, UserStats
from core.services.users import UserProfile

TOP_SKILLS = 8


def _percent(value: float | None, t: Translator) -> str:
    return t("stats.na") if value is None else f"{round(value * 100)}%"


def _funnel(funnel: Funnel, t: Translator, key: str) -> str:
    return t(
        key,
        saved=funnel.saved,
        applied=funnel.applied,
        no_answer=funnel.no_answer,
        interview=funnel.interview,
        offer=funnel.offer,
        hired=funnel.hired,
        rejected=funnel.rejected,
    )


def user_stats_text(stats: UserStats, t: Translator, *, onboarded: bool = True) -> str:
    if not (stats.recommendations or stats.saved or stats.rated):
        empty = t("stats.empty") if onboarded else t("stats.empty_no_profile")
        return f"{t('stats.title')}\n\n{empty}"
    lines = [
        t("stats.title"),
        "",
        t(
            "stats.recommendations",
            count=stats.recommendations,
            shown=stats.shown,
            opened=stats.details_opened,
        ),
        t("stats.feedback", rated=stats.rated, liked=stats.liked),
        t("stats.accuracy", percent=round(stats.accuracy * 100))
        if stats.accuracy is not None
        else t("stats.accuracy_unknown"),
        "",
        _funnel(stats.funnel, t, "stats.funnel"),
        t("stats.interview_rate", percent=_percent(stats.funnel.interview_rate, t)),
        t("stats.offer_rate", percent=_percent(stats.funnel.offer_rate, t)),
    ]
    if stats.top_skills:
        names = ", ".join(
            f"{skill_name(name, t)} ({count})" for name, count in stats.top_skills[:TOP_SKILLS]
        )
        lines += ["", t("stats.top_skills", skills=names)]
    return trim_html_to("\n".join(lines))


def global_stats_text(stats: GlobalStats, t: Translator) -> str:
    return "\n".join(
        [
            t("stats.global_title"),
            "",
            t(
                "stats.global_users",
                users=stats.users,
                active=stats.active_users,
                onboarded=stats.onboarded_users,
            ),
            t(
                "stats.global_recommendations",
                count=stats.recommendations,
                shown=stats.shown,
                rated=stats.rated,
                percent=_percent(stats.positive_rate, t),
            ),
            _funnel(stats.funnel, t, "stats.global_funnel"),
        ]
    )


async def on_stats(message: Message, user: UserProfile, services: Services, t: Translator) -> None:
    stats = await services.analytics.user_stats(user.id)
    await message.answer(user_stats_text(stats, t, onboarded=user.onboarded))
    if user.id in services.settings.admin_ids:
        await message.answer(global_stats_text(await services.analytics.global_stats(), t))


def get_router() -> Router:
    """The handlers of this module on a new Router: a Router joins one Dispatcher
    only, and a process may build several (tests restart the bot in-process)."""
    router = Router(name="stats")
    router.message.register(on_stats, Command("stats"))
    return router
