"""The /hidden screen: hidden employers, then hidden vacancies, a page at a time, each
with a "show again" button. (text, keyboard) builders only; nothing is sent here."""

from __future__ import annotations

from dataclasses import dataclass

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.features.hidden.callbacks import HiddenAction, HiddenCb
from bot.i18n import Translator
from bot.ui.keyboards import button
from bot.ui.render import plain, trim_html_to
from core.services.feedback import HiddenItem, HiddenLists

PAGE_SIZE = 8  # lines (and undo buttons) per page: the screen fits a phone


@dataclass(frozen=True, slots=True)
class _Line:
    action: HiddenAction
    item: HiddenItem


def _lines(hidden: HiddenLists) -> list[_Line]:
    return [_Line(HiddenAction.EMPLOYER, item) for item in hidden.employers] + [
        _Line(HiddenAction.VACANCY, item) for item in hidden.vacancies
    ]


def page_count(hidden: HiddenLists) -> int:
    return max(1, -(-len(_lines(hidden)) // PAGE_SIZE))


def hidden_view(
    hidden: HiddenLists, t: Translator, page: int = 0
) -> tuple[str, InlineKeyboardMarkup | None]:
    lines = _lines(hidden)
    if not lines:
        return t("hidden.empty"), None
    pages = page_count(hidden)
    page = min(max(page, 0), pages - 1)
    shown = lines[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    text = [t("hidden.title", employers=len(hidden.employers), vacancies=len(hidden.vacancies))]
    heading: HiddenAction | None = None
    buttons: list[list[InlineKeyboardButton]] = []
    for number, line in enumerate(shown, page * PAGE_SIZE + 1):
        if line.action is not heading:
            heading = line.action
            text += ["", t(f"hidden.heading.{line.action.value}")]
        if line.action is HiddenAction.VACANCY and line.item.employer_name:
            text.append(
                t(
                    "hidden.vacancy_at",
                    number=number,
                    title=line.item.name,
                    employer=line.item.employer_name,
                )
            )
        else:
            text.append(t("hidden.item", number=number, name=line.item.name))
        undo = plain(t, "hidden.undo", number=number, name=line.item.name)
        data = HiddenCb(action=line.action, id=line.item.id, page=page)
        buttons.append([button(undo, data)])
    if pages > 1:
        text += ["", t("hidden.page", page=page + 1, pages=pages)]
        nav = []
        if page > 0:
            nav.append(button(t("hidden.prev"), HiddenCb(action=HiddenAction.PAGE, page=page - 1)))
        if page < pages - 1:
            nav.append(button(t("hidden.next"), HiddenCb(action=HiddenAction.PAGE, page=page + 1)))
        buttons.append(nav)
    return trim_html_to("\n".join(text)), InlineKeyboardMarkup(inline_keyboard=buttons)
