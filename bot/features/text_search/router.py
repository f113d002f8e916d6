"""Text typed outside any dialog is a search, as on hh.kz: «python developer»,
«бухгалтер астана». It runs the one-off search /search runs (same parsing, same pages
and filter buttons), then offers to make it the profile's job title and city, or a new
named search of its own (/searches) with its own digest.

Registered last before the catch-all: every dialog, command and button handler has
had its turn, so a text another handler expects never arrives here.
"""

from __future__ import annotations

from dataclasses import replace

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.features.search.router import begin_search
from bot.features.text_search.views import SaveSearchCb, added_text, save_offer, saved_text
from bot.i18n import Translator
from bot.services import Services
from bot.ui.edits import show
from core.domain.job_titles import chosen_job_title
from core.domain.search_query import MAX_QUERY_LENGTH, SearchDraft
from core.domain.searches import MAX_SEARCHES
from core.domain.text import visible_text
from core.services.searches import NoProfile, TooManySearches
from core.services.users import UserProfile


def _is_query(text: str) -> bool:
    """Typed words, not a command: «/foo» stays for the catch-all's "unknown command"."""
    return bool(visible_text(text)) and not text.lstrip().startswith("/")


async def _searchable(message: Message, user: UserProfile) -> bool:
    """A search ranks for a profile: before onboarding, text goes on to the catch-all."""
    return user.onboarded


async def on_free_text(
    message: Message, state: FSMContext, user: UserProfile, services: Services, t: Translator
) -> None:
    text = visible_text(message.text)
    if len(text) > MAX_QUERY_LENGTH:
        await message.answer(t("text_search.too_long"))
        return
    if not any(ch.isalnum() for ch in text):
        # «🐍🐍🐍», «?!»: no word to search for; HH would answer with anything at all.
        await message.answer(t("text_search.no_words"))
        return
    await begin_search(message, state, user, services, t, text)
    if await state.get_state() is not None:
        return  # the search asks for a city or salary first: no results to save yet
    data = await state.get_data()
    if not data.get("search_total"):
        return  # nothing found: the page says how to widen it; nothing worth keeping
    draft = SearchDraft.load(data.get("search"))
    title = chosen_job_title(draft.keywords) if draft is not None else None
    if draft is not None and title is not None:
        full = (await services.searches.list(user.id)).full
        prefs = await services.preferences.get(user.id)
        current = tuple(prefs.job_titles) if prefs is not None else ()
        offer, markup = save_offer(title, draft, t, current, can_add=not full)
        await message.answer(offer, reply_markup=markup)


async def on_save_search(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    callback_data: SaveSearchCb,
    state: FSMContext,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    draft = SearchDraft.load((await state.get_data()).get("search"))
    title = chosen_job_title(draft.keywords) if draft is not None else None
    if draft is None or title is None:
        callback_answer.text = t("search.expired")
        return
    if callback_data.new:
        try:
            await services.searches.create_from_search(
                user.id, replace(draft.overrides(), text=title), name=title
            )
        except TooManySearches:
            callback_answer.text = t("searches.too_many", limit=MAX_SEARCHES)
            return
        except NoProfile:
            callback_answer.text = t("searches.no_profile")
            return
        await show(message, added_text(title, draft, t), None, edit=True)
        return
    fields: dict[str, object] = {"job_titles": [title]}
    if draft.area_id:
        fields["area_ids"] = [draft.area_id]
    await services.preferences.update(user.id, **fields)
    await show(message, saved_text(title, draft, t), None, edit=True)


def get_router() -> Router:
    """The handlers of this module on a new Router: a Router joins one Dispatcher
    only, and a process may build several (tests restart the bot in-process)."""
    router = Router(name="text_search")
    router.message.register(on_free_text, StateFilter(None), F.text.func(_is_query), _searchable)
    router.callback_query.register(on_save_search, SaveSearchCb.filter())
    return router
