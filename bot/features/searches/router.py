"""/searches: list, create (from the profile or the last /search), rename, pause and
delete a person's named searches, choose the one /jobs works on, and set each one's
digest: daily at a time, weekly on a day and time, or off; quiet hours, silent or held.

Every button carries the search's id; the service re-checks it is the person's own, so a
forged id answers "not found" and changes nothing."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.features.searches import keyboards as kb
from bot.features.searches import views
from bot.features.searches.callbacks import SearchAction, SearchesCb
from bot.features.searches.states import SearchesForm
from bot.i18n import Translator
from bot.services import Services
from bot.ui.callbacks import callback_index
from bot.ui.edits import edit_in_place, remember_view, replace_view
from bot.ui.render import echo
from core.domain.search_query import SearchDraft
from core.domain.searches import MAX_SEARCHES, NAME_CAP, DigestMode, QuietPolicy, SearchInfo
from core.services.searches import DeleteOutcome, NoProfile, TooManySearches
from core.services.users import UserProfile

VIEW = "searches_view"  # FSM data: the live copy of the screen
RENAMING = "searches_renaming"  # FSM data: the search whose new name is being typed
LAST_SEARCH = "search"  # FSM data of /search: the last search's draft


async def _last_search(state: FSMContext) -> SearchDraft | None:
    return SearchDraft.load((await state.get_data()).get(LAST_SEARCH))


async def on_searches(
    message: Message, state: FSMContext, user: UserProfile, services: Services, t: Translator
) -> None:
    if not user.onboarded:
        await message.answer(t("searches.no_profile"))
        return
    await _leave_typing(state)
    searches = await services.searches.list(user.id)
    text = views.list_text(searches, user.digest_time, t)
    markup = kb.list_menu(searches, t, can_copy_search=await _last_search(state) is not None)
    await replace_view(state, VIEW, message, text, markup)


async def _leave_typing(state: FSMContext) -> None:
    if await state.get_state() == SearchesForm.name.state:
        await state.set_state(None)


async def _show_list(
    message: Message, state: FSMContext, user: UserProfile, services: Services, t: Translator
) -> None:
    searches = await services.searches.list(user.id)
    text = views.list_text(searches, user.digest_time, t)
    markup = kb.list_menu(searches, t, can_copy_search=await _last_search(state) is not None)
    await edit_in_place(message, text, markup)
    await remember_view(state, VIEW, message)


async def _show_search(
    message: Message, state: FSMContext, search: SearchInfo, user: UserProfile, t: Translator
) -> None:
    await edit_in_place(
        message, views.search_text(search, user.digest_time, t), kb.search_menu(search, t)
    )
    await remember_view(state, VIEW, message)


async def on_list(
    query: CallbackQuery,
    message: Message,
    state: FSMContext,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    await _leave_typing(state)
    await _show_list(message, state, user, services, t)


async def _own(
    callback_data: SearchesCb,
    callback_answer: CallbackAnswer,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> SearchInfo | None:
    """The tapped search when it is the person's; else the tap says "not found"."""
    search = await services.searches.get(user.id, callback_data.search_id)
    if search is None:
        callback_answer.text = t("searches.not_found")
    return search


async def on_open(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    callback_data: SearchesCb,
    state: FSMContext,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    await _leave_typing(state)
    search = await _own(callback_data, callback_answer, user, services, t)
    if search is not None:
        await _show_search(message, state, search, user, t)


async def on_new(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    callback_data: SearchesCb,
    state: FSMContext,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    try:
        if callback_data.action is SearchAction.NEW_LAST:
            draft = await _last_search(state)
            if draft is None:
                callback_answer.text = t("searches.no_last_search")
                return
            search = await services.searches.create_from_search(user.id, draft.overrides())
        else:
            search = await services.searches.create_from_profile(user.id)
    except TooManySearches:
        callback_answer.text = t("searches.too_many", limit=MAX_SEARCHES)
        await message.answer(t("searches.too_many", limit=MAX_SEARCHES))
        return
    except NoProfile:
        callback_answer.text = t("searches.no_profile")
        return
    callback_answer.text = t("searches.created", name=views.display_name(search, t))
    await _show_search(message, state, search, user, t)


async def on_simple(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    callback_data: SearchesCb,
    state: FSMContext,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    """Use / pause / resume / mode / time / day / quiet hours / policy: one change, then
    the search again."""
    if await _own(callback_data, callback_answer, user, services, t) is None:
        return
    action, sid, value = callback_data.action, callback_data.search_id, callback_data.value
    searches = services.searches
    updated: SearchInfo | None
    try:
        if action is SearchAction.USE:
            updated = await searches.choose(user.id, sid)
        elif action in (SearchAction.PAUSE, SearchAction.RESUME):
            updated = await searches.set_paused(user.id, sid, action is SearchAction.PAUSE)
        elif action is SearchAction.MODE:
            updated = await searches.set_schedule(user.id, sid, mode=DigestMode(value))
        elif action is SearchAction.TIME_SET:
            time = f"{value[:2]}:{value[2:]}" if value else None
            updated = await searches.set_schedule(user.id, sid, time=time)
        elif action is SearchAction.DAY_SET:
            updated = await searches.set_schedule(user.id, sid, weekday=callback_index(value))
        elif action is SearchAction.QUIET_SET:
            index = callback_index(value)
            if value and not 0 <= index < len(kb.QUIET_PRESETS):
                raise ValueError(value)
            quiet = kb.QUIET_PRESETS[index] if value else None
            updated = await searches.set_schedule(user.id, sid, quiet=quiet)
        elif action is SearchAction.POLICY:
            updated = await searches.set_schedule(user.id, sid, quiet_policy=QuietPolicy(value))
        else:
            return
    except ValueError:  # a forged or stale value
        callback_answer.text = t("common.expired")
        return
    if updated is None:
        callback_answer.text = t("searches.not_found")
        return
    callback_answer.text = t("searches.saved")
    await _show_search(message, state, updated, user, t)


async def on_menu(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    callback_data: SearchesCb,
    state: FSMContext,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    """The time, weekday and quiet-hours pickers; delete's confirmation."""
    search = await _own(callback_data, callback_answer, user, services, t)
    if search is None:
        return
    name = views.display_name(search, t)
    screens = {
        SearchAction.TIME_MENU: (t("searches.time_ask", name=name), kb.time_menu(search, t)),
        SearchAction.DAY_MENU: (t("searches.day_ask", name=name), kb.day_menu(search, t)),
        SearchAction.QUIET_MENU: (t("searches.quiet_ask", name=name), kb.quiet_menu(search, t)),
        SearchAction.DELETE: (t("searches.delete_ask", name=name), kb.delete_confirm(search, t)),
    }
    text, markup = screens[callback_data.action]
    await edit_in_place(message, text, markup)
    await remember_view(state, VIEW, message)


async def on_delete(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    callback_data: SearchesCb,
    state: FSMContext,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    search = await _own(callback_data, callback_answer, user, services, t)
    if search is None:
        return
    outcome = await services.searches.delete(user.id, search.id)
    if outcome is DeleteOutcome.LAST:
        callback_answer.text = t("searches.delete_last")
        await _show_search(message, state, search, user, t)
        return
    if outcome is DeleteOutcome.NOT_FOUND:
        callback_answer.text = t("searches.not_found")
        return
    callback_answer.text = t("searches.deleted", name=views.display_name(search, t))
    await _show_list(message, state, user, services, t)


async def on_rename(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    callback_data: SearchesCb,
    state: FSMContext,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    search = await _own(callback_data, callback_answer, user, services, t)
    if search is None:
        return
    await state.set_state(SearchesForm.name)
    await state.update_data({RENAMING: search.id})
    text = t("searches.rename_ask", name=views.display_name(search, t), limit=NAME_CAP)
    await edit_in_place(message, text, kb.rows_back(search, t))
    await remember_view(state, VIEW, message)


async def on_name_typed(
    message: Message, state: FSMContext, user: UserProfile, services: Services, t: Translator
) -> None:
    search_id = (await state.get_data()).get(RENAMING)
    typed = message.text or message.caption or ""
    if not isinstance(search_id, int):
        await state.set_state(None)
        await message.answer(t("searches.not_found"))
        return
    try:
        search = await services.searches.rename(user.id, search_id, typed)
    except ValueError:
        current = await services.searches.get(user.id, search_id)
        if current is None:
            await state.set_state(None)
            await message.answer(t("searches.not_found"))
            return
        text = t("searches.name_invalid", text=echo(typed), limit=NAME_CAP)
        await replace_view(state, VIEW, message, text, kb.rows_back(current, t))
        return
    await state.set_state(None)
    if search is None:
        await message.answer(t("searches.not_found"))
        return
    notice = t("searches.renamed", name=views.display_name(search, t))
    if len(" ".join(typed.split())) > NAME_CAP:
        notice = f"{notice}\n{t('searches.name_cut', limit=NAME_CAP)}"
    text = f"{notice}\n\n{views.search_text(search, user.digest_time, t)}"
    await replace_view(state, VIEW, message, text, kb.search_menu(search, t))


def get_router() -> Router:
    router = Router(name="searches")
    router.message.register(on_searches, Command("searches"))
    router.message.register(
        on_name_typed, SearchesForm.name, F.text | F.caption, ~F.text.startswith("/")
    )
    router.callback_query.register(on_list, SearchesCb.filter(F.action == SearchAction.LIST))
    router.callback_query.register(on_open, SearchesCb.filter(F.action == SearchAction.OPEN))
    router.callback_query.register(
        on_new,
        SearchesCb.filter(F.action.in_({SearchAction.NEW_PROFILE, SearchAction.NEW_LAST})),
    )
    router.callback_query.register(on_rename, SearchesCb.filter(F.action == SearchAction.RENAME))
    router.callback_query.register(
        on_menu,
        SearchesCb.filter(
            F.action.in_(
                {
                    SearchAction.TIME_MENU,
                    SearchAction.DAY_MENU,
                    SearchAction.QUIET_MENU,
                    SearchAction.DELETE,
                }
            )
        ),
    )
    router.callback_query.register(
        on_delete, SearchesCb.filter(F.action == SearchAction.DELETE_YES)
    )
    router.callback_query.register(
        on_simple,
        SearchesCb.filter(
            F.action.in_(
                {
                    SearchAction.USE,
                    SearchAction.PAUSE,
                    SearchAction.RESUME,
                    SearchAction.MODE,
                    SearchAction.TIME_SET,
                    SearchAction.DAY_SET,
                    SearchAction.QUIET_SET,
                    SearchAction.POLICY,
                }
            )
        ),
    )
    return router
