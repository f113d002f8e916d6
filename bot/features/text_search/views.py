"""The offer under a typed search, and its confirmation."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup

from bot.i18n import Translator
from bot.ui.keyboards import button, rows
from bot.ui.names import job_title_name
from bot.ui.render import Html
from core.domain.place_names import place_name
from core.domain.search_query import SearchDraft


class SaveSearchCb(CallbackData, prefix="tsv"):
    """ "Save as my profile's title and city" (``new``: as a new named search, with its
    own digest): the search itself is in FSM data."""

    new: bool = False


def _what(title: str, draft: SearchDraft, t: Translator) -> Html:
    """«job title “Accountant”, city Астана» (escaped)."""
    shown = job_title_name(title, t)
    if draft.area_name:
        city = place_name(draft.area_name, t.language)
        return Html(t("text_search.what_city", title=shown, city=city))
    return Html(t("text_search.what", title=shown))


def save_offer(
    title: str, draft: SearchDraft, t: Translator, *, can_add: bool = True
) -> tuple[str, InlineKeyboardMarkup]:
    """The offer: into the active search (profile), or, below the limit, as a new one."""
    save = [button(t("text_search.btn.save"), SaveSearchCb())]
    add = [button(t("text_search.btn.new"), SaveSearchCb(new=True))] if can_add else []
    return t("text_search.offer", what=_what(title, draft, t)), rows(save, add)


def saved_text(title: str, draft: SearchDraft, t: Translator) -> str:
    return t("text_search.saved", what=_what(title, draft, t))


def added_text(title: str, draft: SearchDraft, t: Translator) -> str:
    return t("text_search.added", what=_what(title, draft, t))
