"""/search: keywords plus overrides of the user's filters (city, minimum salary, remote,
applied), paginated like /jobs. The search itself lives in FSM data (``search``), so page
and toggle buttons carry only a page number; ``search_salary`` holds a typed salary
still waiting for its city to be settled, ``search_cities`` the cities offered."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.features.jobs.views import (
    PER_PAGE,
    ShownPage,
    keyboard,
    pager_row,
    redraw_page,
    retire,
    send_page,
    unavailable_text,
)
from bot.features.search.callbacks import SearchAction, SearchCb
from bot.features.search.states import SearchForm
from bot.i18n import Translator
from bot.services import Services
from bot.ui.keyboards import button, label
from bot.ui.names import job_title_name, skill_name
from bot.ui.render import Html, echo
from core.domain.hh_errors import HHError
from core.domain.place_names import place_name
from core.domain.preferences import UserPreferences
from core.domain.recommendation_cards import RecommendationPage
from core.domain.salary import format_salary, parse_salary
from core.domain.search_query import SearchDraft, SearchRequest, parse_search
from core.domain.skills_text import parse_skills_text
from core.domain.text import visible_text
from core.services.recommender import RecommendationsUnavailable
from core.services.users import UserProfile

MAX_CITY_CHOICES = 5


def _cb(action: SearchAction, page: int = 0) -> SearchCb:
    return SearchCb(action=action, page=page)


def search_nav(
    page: RecommendationPage, draft: SearchDraft, t: Translator
) -> InlineKeyboardMarkup | None:
    pager = [button(text, _cb(SearchAction.PAGE, number)) for text, number in pager_row(page, t)]
    filters = [
        button(t("search.btn.city"), _cb(SearchAction.CITY)),
        button(t("search.btn.salary"), _cb(SearchAction.SALARY)),
    ]
    toggles = [
        button(
            label(t("search.btn.remote"), checked=draft.remote is True), _cb(SearchAction.REMOTE)
        ),  # on: remote included; off: as in the profile
        button(
            label(t("search.btn.hide_applied"), checked=draft.exclude_applied is True),
            _cb(SearchAction.APPLIED),
        ),
    ]
    return keyboard([pager, filters, toggles])


def summary(draft: SearchDraft, t: Translator) -> str:
    parts = [
        t("search.summary.keywords", keywords=echo(draft.keywords, limit=200))
        if draft.keywords
        else t("search.summary.profile")
    ]
    if draft.area_name:
        parts.append(t("search.summary.city", city=place_name(draft.area_name, t.language)))
    if draft.salary_min is not None:
        amount = format_salary(draft.salary_min, draft.salary_currency or "KZT")
        parts.append(t("search.summary.salary", amount=amount))
    if draft.remote is True:
        parts.append(t("search.summary.remote"))
    if draft.exclude_applied is not None:
        key = "applied_hidden" if draft.exclude_applied else "applied_shown"
        parts.append(t(f"search.summary.{key}"))
    # Each part is HTML already (t() escaped what the person typed): joined, not re-escaped.
    return t("search.summary", parts=Html(" · ".join(parts)))


async def run_search(
    message: Message,
    state: FSMContext,
    user: UserProfile,
    services: Services,
    t: Translator,
    draft: SearchDraft,
    page: int = 0,
    *,
    redraw: ShownPage | None = None,
) -> None:
    """Keep ``draft`` as the current search and send its ``page`` (or, with ``redraw``,
    show it in the messages of the page on screen: a filter toggle edits them in place)."""
    await state.set_state(None)
    await state.update_data(search=draft.dump(), search_salary=None, search_cities=None)
    try:
        result = await services.recommender.search(
            user.id, draft.overrides(), page=page, per_page=PER_PAGE
        )
    except RecommendationsUnavailable as error:
        await message.answer(unavailable_text(error, t))
        return
    nav, footer = search_nav(result, draft, t), summary(draft, t)
    if redraw is None:
        shown = await send_page(
            message, result, t, nav=nav, empty_key="search.empty", footer=footer
        )
    else:
        shown = await redraw_page(
            message, redraw, result, t, nav=nav, empty_key="search.empty", footer=footer
        )
    # Only this page's buttons act on the search kept in FSM data; older ones expire.
    await state.update_data(
        search_nav=shown.nav_id, search_page=shown.slots, search_total=result.total
    )


async def settle(
    message: Message,
    state: FSMContext,
    user: UserProfile,
    services: Services,
    t: Translator,
    draft: SearchDraft,
    *,
    city: str | None = None,
    salary: str | None = None,
) -> None:
    """Resolve a typed city, then a typed salary, asking again for what is not understood;
    run the search once both are settled."""
    await state.update_data(search=draft.dump(), search_salary=salary)
    if city is not None:
        match = await services.mapping.resolve_city(city)
        if match.kind == "exact" and match.area_id:
            draft = replace(draft, area_id=match.area_id, area_name=match.area_name or city)
        elif match.kind == "ambiguous" and match.candidates:
            await _offer_cities(message, state, match.candidates, t)
            return
        elif match.kind != "anywhere":
            await state.set_state(SearchForm.city)
            await message.answer(t("search.city_unknown", text=echo(city)))
            return
        else:
            draft = replace(draft, area_id=None, area_name=None)
    if salary is not None:
        parsed = parse_salary(salary)
        expectation = parsed.expectation
        amount = None if expectation is None else (expectation.minimum or expectation.maximum)
        if expectation is None or amount is None:
            await state.update_data(search=draft.dump(), search_salary=None)
            await state.set_state(SearchForm.salary)
            await message.answer(t("search.salary_bad", text=echo(salary)))
            return
        draft = replace(draft, salary_min=amount, salary_currency=expectation.currency)
    await run_search(message, state, user, services, t, draft)


async def _offer_cities(
    message: Message, state: FSMContext, candidates: list[tuple[str, str]], t: Translator
) -> None:
    choices = [list(pair) for pair in candidates[:MAX_CITY_CHOICES]]
    await state.update_data(search_cities=choices)
    await state.set_state(SearchForm.city)
    buttons = [
        [button(place_name(name, t.language), _cb(SearchAction.CITY_PICK, index))]
        for index, (_, name) in enumerate(choices)
    ]
    await message.answer(
        t("search.city_pick"), reply_markup=InlineKeyboardMarkup(inline_keyboard=buttons)
    )


async def _with_typed_city(request: SearchRequest, services: Services) -> SearchRequest:
    """«бухгалтер астана»: a city named at the start or end of the keywords is the city
    (as on hh.kz), unless ``city:`` said one."""
    if request.city is not None or not request.keywords:
        return request
    try:
        split = (await services.mapping.area_resolver()).split_city(request.keywords)
    except HHError:
        return request  # the city stays a keyword; the search itself reports HH's state
    if split is None:
        return request
    keywords, (_, name) = split
    return replace(request, keywords=keywords, city=name)


async def begin_search(
    message: Message,
    state: FSMContext,
    user: UserProfile,
    services: Services,
    t: Translator,
    text: str,
) -> None:
    """Run the search ``text`` describes (/search's arguments, or text typed outside a
    dialog), asking for what it cannot settle."""
    request = await _with_typed_city(parse_search(text), services)
    if not (request.keywords or request.city or request.salary or request.remote):
        await state.set_state(SearchForm.keywords)
        await message.answer(t("search.need_keywords"))
        return
    draft = SearchDraft(
        keywords=request.keywords,
        skills=tuple(parse_skills_text(request.keywords)) if request.keywords else (),
        remote=request.remote,
        exclude_applied=request.exclude_applied,
    )
    await settle(message, state, user, services, t, draft, city=request.city, salary=request.salary)


async def _draft(state: FSMContext) -> tuple[SearchDraft | None, dict[str, Any]]:
    data = await state.get_data()
    return SearchDraft.load(data.get("search")), data


# ---------------------------------------------------------------------------- commands


def search_example(prefs: UserPreferences | None, t: Translator) -> str:
    """Keywords from the person's own field for the prompt's example (an accountant is not
    offered «python django»): their first job title and strongest skill, as shown to them."""
    words: list[str] = []
    if prefs is not None and prefs.job_titles:
        words.append(job_title_name(prefs.job_titles[0], t))
    if prefs is not None and prefs.skills:
        top = skill_name(max(prefs.skills.items(), key=lambda item: (item[1], item[0]))[0], t)
        if not any(top.lower() in word.lower() for word in words):
            words.append(top)
    return " ".join(words) if words else t("search.example")


async def on_search(
    message: Message,
    command: CommandObject,
    state: FSMContext,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    if not user.onboarded:
        await message.answer(t("common.need_onboarding"))
        return
    if not visible_text(command.args):
        await state.set_state(SearchForm.keywords)
        prefs = await services.preferences.get(user.id)
        await message.answer(t("search.ask", example=search_example(prefs, t)))
        return
    await begin_search(message, state, user, services, t, command.args or "")


async def on_keywords(
    message: Message, state: FSMContext, user: UserProfile, services: Services, t: Translator
) -> None:
    await begin_search(message, state, user, services, t, message.text or "")


async def on_city_text(
    message: Message, state: FSMContext, user: UserProfile, services: Services, t: Translator
) -> None:
    draft, data = await _draft(state)
    if draft is None:
        await state.set_state(None)
        await message.answer(t("search.expired"))
        return
    await settle(
        message,
        state,
        user,
        services,
        t,
        draft,
        city=visible_text(message.text),
        salary=data.get("search_salary"),
    )


async def on_salary_text(
    message: Message, state: FSMContext, user: UserProfile, services: Services, t: Translator
) -> None:
    draft, _ = await _draft(state)
    if draft is None:
        await state.set_state(None)
        await message.answer(t("search.expired"))
        return
    await settle(message, state, user, services, t, draft, salary=visible_text(message.text))


async def on_keywords_not_text(message: Message, t: Translator) -> None:
    await message.answer(t("search.need_keywords"))


# ---------------------------------------------------------------------------- buttons


async def on_search_button(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    callback_data: SearchCb,
    state: FSMContext,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    draft, data = await _draft(state)
    if draft is None:
        callback_answer.text = t("search.expired")
        return
    action = callback_data.action
    if action is SearchAction.CITY_PICK:
        cities = data.get("search_cities") or []
        if not 0 <= callback_data.page < len(cities):
            return
        area_id, name = cities[callback_data.page]
        await message.edit_reply_markup(reply_markup=None)
        draft = replace(draft, area_id=str(area_id), area_name=str(name))
        await settle(message, state, user, services, t, draft, salary=data.get("search_salary"))
        return
    if data.get("search_nav") not in (None, message.message_id):
        await retire(message)  # a page of an earlier search: its buttons go
        await message.answer(t("search.expired"))
        return
    if not await retire(message):
        return  # the same navigation tapped twice
    if action is SearchAction.CITY:
        await state.set_state(SearchForm.city)
        await message.answer(t("search.city_ask"))
    elif action is SearchAction.SALARY:
        await state.set_state(SearchForm.salary)
        await message.answer(t("search.salary_ask"))
    elif action in (SearchAction.REMOTE, SearchAction.APPLIED):
        if action is SearchAction.REMOTE:  # on: include remote; off: back to the profile's
            draft = replace(draft, remote=True if draft.remote is not True else None)
        else:
            draft = replace(draft, exclude_applied=draft.exclude_applied is not True)
        shown = ShownPage.load(data.get("search_page"))
        if shown is not None and shown.nav_id != message.message_id:
            shown = None  # not this page's messages: send the page anew
        await run_search(message, state, user, services, t, draft, redraw=shown)
    else:
        await run_search(message, state, user, services, t, draft, max(callback_data.page, 0))


def get_router() -> Router:
    """The handlers of this module on a new Router: a Router joins one Dispatcher
    only, and a process may build several (tests restart the bot in-process)."""
    router = Router(name="search")
    router.message.register(on_search, Command("search"))
    router.message.register(on_keywords, SearchForm.keywords, F.text)
    router.message.register(on_city_text, SearchForm.city, F.text)
    router.message.register(on_salary_text, SearchForm.salary, F.text)
    router.message.register(on_keywords_not_text, SearchForm.keywords)
    router.callback_query.register(on_search_button, SearchCb.filter())
    return router
