"""/market: the salary distribution and the skills in demand for the person's role in their
city, sent as a chart (a photo) with a caption saying where their salary stands."""

from __future__ import annotations

import asyncio

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import BufferedInputFile, Message

from bot.features.jobs.views import unavailable_text
from bot.features.market.chart import render_market_chart
from bot.features.market.views import chart_data, chart_labels, market_caption
from bot.i18n import Translator
from bot.services import Services
from core.services.recommender import RecommendationsUnavailable
from core.services.users import UserProfile

CHART_FILE = "market.png"


async def on_market(message: Message, user: UserProfile, services: Services, t: Translator) -> None:
    try:
        report = await services.market.report(user.id)
    except RecommendationsUnavailable as error:
        await message.answer(unavailable_text(error, t))
        return
    if not report.snapshot.vacancies:
        await message.answer(t("market.empty"))
        return
    # Drawing takes a few hundred ms of CPU: off the event loop, so other chats go on.
    data, labels = chart_data(report, t), chart_labels(report, t)
    png = await asyncio.to_thread(render_market_chart, data, labels)
    await message.answer_photo(
        BufferedInputFile(png, filename=CHART_FILE), caption=market_caption(report, t)
    )


def get_router() -> Router:
    router = Router(name="market")
    router.message.register(on_market, Command("market"))
    return router
