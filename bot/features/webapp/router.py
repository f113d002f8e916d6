"""/app: the Mini App's "Open app" button (a web_app button; the menu button opens the
same app when WEB_APP_URL is set, see api/server.py)."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message, WebAppInfo

from bot.i18n import Translator
from bot.services import Services


def open_app_keyboard(url: str, t: Translator) -> InlineKeyboardMarkup:
    button = InlineKeyboardButton(text=t("webapp.open_app"), web_app=WebAppInfo(url=url))
    return InlineKeyboardMarkup(inline_keyboard=[[button]])


async def on_app(message: Message, services: Services, t: Translator) -> None:
    url = services.settings.web_app_url
    if url is None:
        await message.answer(t("webapp.not_configured"))
        return
    await message.answer(t("webapp.open_app_hint"), reply_markup=open_app_keyboard(url, t))


def get_router() -> Router:
    """The handlers of this module on a new Router (one Router joins one Dispatcher)."""
    router = Router(name="webapp")
    router.message.register(on_app, Command("app"))
    return router
