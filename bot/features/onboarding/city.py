"""Step 4: the city, typed (resolved against HH's areas) or picked from candidates."""

from __future__ import annotations

import logging

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.features.onboarding.callbacks import OnbAction, OnboardingCb, Step
from bot.features.onboarding.draft import Dialog
from bot.features.onboarding.flow import finish_step, reask, typed_text
from bot.features.onboarding.states import Onboarding
from bot.i18n import Translator
from bot.services import Services
from bot.ui.render import echo
from core.domain.areas import MAX_CITY_TEXT, CityMatch
from core.domain.hh_errors import HHError
from core.domain.place_names import place_name
from core.services.users import UserProfile

logger = logging.getLogger(__name__)


async def _accept_city(
    message: Message,
    state: FSMContext,
    dialog: Dialog,
    area: tuple[str, str | None] | None,
    services: Services,
    user: UserProfile,
    t: Translator,
    *,
    edit: bool,
    note: str | None = None,
) -> None:
    """Store the chosen (area id, name), or no area at all ("anywhere"), and go on."""
    if area is None:
        dialog.answers.area_ids = []
        dialog.raw.pop("area_name", None)
    else:
        dialog.answers.area_ids = [area[0]]
        dialog.raw["area_name"] = area[1]
    dialog.raw.pop("city_options", None)
    await finish_step(Step.CITY, message, state, dialog, services, user, t, edit=edit, note=note)


def _matched_note(typed: str, name: str | None, t: Translator) -> str | None:
    """ "📍 Almaty" when the typed text was not the city's shown name ("Almty", "Алматы")."""
    if not name:
        return None
    shown = place_name(name, t.language)
    if typed.strip().casefold() in {name.casefold(), shown.casefold()}:
        return None
    return t("onboarding.city.matched", name=shown)


def _not_resolved_key(match: CityMatch) -> str:
    if match.kind == "ambiguous":
        return "onboarding.city.ambiguous"
    if match.candidates:
        return "onboarding.city.unknown_with_options"
    return "onboarding.city.unknown"


async def on_city_pick(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    callback_data: OnboardingCb,
    state: FSMContext,
    services: Services,
    user: UserProfile,
    t: Translator,
) -> None:
    dialog = await Dialog.load(state)
    offered = {str(area_id): name for area_id, name in dialog.raw.get("city_options") or []}
    if callback_data.value not in offered:
        callback_answer.text = t("common.expired")
        return
    area = (callback_data.value, offered[callback_data.value])
    await _accept_city(message, state, dialog, area, services, user, t, edit=True)


async def on_city_anywhere(
    query: CallbackQuery,
    message: Message,
    state: FSMContext,
    services: Services,
    user: UserProfile,
    t: Translator,
) -> None:
    dialog = await Dialog.load(state)
    await _accept_city(message, state, dialog, None, services, user, t, edit=True)


async def on_city_text(
    message: Message, state: FSMContext, services: Services, user: UserProfile, t: Translator
) -> None:
    typed = typed_text(message)
    if len(typed) > MAX_CITY_TEXT:
        await reask(Step.CITY, message, state, t, t("onboarding.city.too_long"))
        return
    try:
        match = await services.mapping.resolve_city(typed)
    except HHError:
        logger.warning("cannot load HH areas to resolve a city", exc_info=True)
        await reask(Step.CITY, message, state, t, t("onboarding.city.unavailable"))
        return
    dialog = await Dialog.load(state)
    if match.kind == "anywhere":
        await _accept_city(message, state, dialog, None, services, user, t, edit=False)
        return
    if match.kind == "exact" and match.area_id is not None:
        area = (match.area_id, match.area_name)
        note = _matched_note(typed, match.area_name, t)
        await _accept_city(message, state, dialog, area, services, user, t, edit=False, note=note)
        return
    dialog.raw["city_options"] = [list(pair) for pair in match.candidates]
    await dialog.save(state)
    await reask(Step.CITY, message, state, t, t(_not_resolved_key(match), text=echo(typed)))


def get_router() -> Router:
    """The handlers of this module on a new Router: a Router joins one Dispatcher
    only, and a process may build several (tests restart the bot in-process)."""
    router = Router(name="onboarding.city")
    router.callback_query.register(
        on_city_pick, Onboarding.city, OnboardingCb.filter(F.action == OnbAction.PICK)
    )
    router.callback_query.register(
        on_city_anywhere, Onboarding.city, OnboardingCb.filter(F.action == OnbAction.ANYWHERE)
    )
    router.message.register(on_city_text, Onboarding.city)
    return router
