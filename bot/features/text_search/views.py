"""The offer under a typed search, and its confirmation."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup

from bot.i18n import Translator
from bot.ui.keyboards import button, rows
from bot.ui.names import job_title_name, job_title_names
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
    title: str,
    draft: SearchDraft,
    t: Translator,
    current_titles: Sequence[str] = (),
    *,
    can_add: bool = True,
) -> tuple[str, InlineKeyboardMarkup]:
    """The offer: first (below the limit) as a new named search, which changes nothing of
    the profile; then into the active search (profile), saying which titles it replaces."""
    shown = job_title_name(title, t)
    city = place_name(draft.area_name, t.language) if draft.area_name else None
    if current_titles:
        old = ", ".join(f"“{name}”" for name in job_title_names(current_titles, t))
        key = "text_search.offer.replace_city" if city else "text_search.offer.replace"
        replace = t(key, titles=old, title=shown, city=city or "")
    else:
        key = "text_search.offer.set_city" if city else "text_search.offer.set"
        replace = t(key, title=shown, city=city or "")
    lines = [t("text_search.offer", what=_what(title, draft, t))]
    buttons = []
    if can_add:
        lines.append(t("text_search.offer.new"))
        buttons.append([button(t("text_search.btn.new"), SaveSearchCb(new=True))])
    lines.append(replace)
    buttons.append([button(t("text_search.btn.save"), SaveSearchCb())])
    return "\n".join(lines), rows(*buttons)


def saved_text(title: str, draft: SearchDraft, t: Translator) -> str:
    return t("text_search.saved", what=_what(title, draft, t))


def added_text(title: str, draft: SearchDraft, t: Translator) -> str:
    return t("text_search.added", what=_what(title, draft, t))
