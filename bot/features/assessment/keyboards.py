"""Keyboards of /assessment: a 1–5 row per skill, then Skip and Cancel."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup

from bot.features.assessment.callbacks import AssessAction, AssessmentCb, AssessmentNavCb
from bot.i18n import Translator
from bot.ui.keyboards import button, rows

RATINGS: tuple[int, ...] = (1, 2, 3, 4, 5)


def rating(skill_index: int, t: Translator) -> InlineKeyboardMarkup:
    return rows(
        [button(str(value), AssessmentCb(skill=skill_index, rating=value)) for value in RATINGS],
        [
            button(t("common.skip"), AssessmentCb(skill=skill_index, rating=0)),
            button(t("common.cancel"), AssessmentNavCb(action=AssessAction.CANCEL)),
        ],
    )
