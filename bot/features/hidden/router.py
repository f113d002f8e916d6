"""/hidden: the employers and vacancies this person hid (🚫 on a card or the 👎 reason
"this company"; 🙈 "not for me"), each with a button that shows it again; paged."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.features.hidden.callbacks import HiddenAction, HiddenCb
from bot.features.hidden.views import hidden_view
from bot.i18n import Translator
from bot.services import Services
from bot.ui.edits import edit_in_place
from core.services.users import UserProfile


async def on_hidden(
    message: Message, state: FSMContext, user: UserProfile, services: Services, t: Translator
) -> None:
    await state.set_state(None)
    hidden = await services.feedback.hidden(user.id)
    text, markup = hidden_view(hidden, t)
    await message.answer(text, reply_markup=markup)


async def on_page(
    query: CallbackQuery,
    message: Message,
    callback_data: HiddenCb,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    hidden = await services.feedback.hidden(user.id)
    await edit_in_place(message, *hidden_view(hidden, t, callback_data.page))


async def on_undo(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    callback_data: HiddenCb,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    """Show an employer's vacancies (or one vacancy) again; the list is re-drawn."""
    if callback_data.action is HiddenAction.EMPLOYER:
        name = await services.feedback.unhide_employer(user.id, callback_data.id)
    else:
        name = await services.feedback.unhide_vacancy(user.id, callback_data.id)
    if name is None:
        callback_answer.text = t("hidden.not_found")
        return
    callback_answer.text = t("hidden.shown_again", name=name)
    hidden = await services.feedback.hidden(user.id)
    await edit_in_place(message, *hidden_view(hidden, t, callback_data.page))


def get_router() -> Router:
    """The handlers of this module on a new Router: a Router joins one Dispatcher
    only, and a process may build several (tests restart the bot in-process)."""
    router = Router(name="hidden")
    router.message.register(on_hidden, Command("hidden"))
    router.callback_query.register(on_page, HiddenCb.filter(F.action == HiddenAction.PAGE))
    router.callback_query.register(
        on_undo, HiddenCb.filter(F.action.in_({HiddenAction.EMPLOYER, HiddenAction.VACANCY}))
    )
    return router
