"""/assessment: a 1–5 self-rating of the user's top skills → strengths and weaknesses →
preferences updated (core.services.profile.PreferencesService.save_assessment)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.features.assessment import keyboards as kb
from bot.features.assessment.callbacks import AssessAction, AssessmentCb, AssessmentNavCb
from bot.features.assessment.states import Assessment
from bot.i18n import Translator
from bot.services import Services
from bot.ui.edits import edit_in_place
from bot.ui.names import skill_name
from core.services.profile import top_skills
from core.services.users import UserProfile


def _question(skills: list[str], index: int, t: Translator) -> tuple[str, InlineKeyboardMarkup]:
    text = t(
        "assessment.question",
        skill=skill_name(skills[index], t),
        number=index + 1,
        total=len(skills),
    )
    return text, kb.rating(index, t)


async def on_assessment(
    message: Message, state: FSMContext, user: UserProfile, services: Services, t: Translator
) -> None:
    await state.clear()
    prefs = await services.preferences.get(user.id)
    skills = top_skills(prefs) if prefs is not None else []
    if not skills:
        await message.answer(t("common.need_onboarding"))
        return
    await state.set_state(Assessment.rating)
    await state.set_data({"skills": skills, "ratings": {}})
    text, markup = _question(skills, 0, t)
    await message.answer(f"{t('assessment.intro')}\n\n{text}", reply_markup=markup)


async def on_rating(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    callback_data: AssessmentCb,
    state: FSMContext,
    user: UserProfile,
    services: Services,
    t: Translator,
) -> None:
    data = await state.get_data()
    skills: list[str] = data.get("skills") or []
    ratings: dict[str, int] = data.get("ratings") or {}
    index = len(ratings) + sum(1 for _ in data.get("skipped") or [])
    if callback_data.skill != index or not 0 <= callback_data.rating <= 5 or index >= len(skills):
        callback_answer.text = t("common.expired")
        return
    if callback_data.rating:
        ratings[skills[index]] = callback_data.rating
    else:
        data["skipped"] = [*(data.get("skipped") or []), skills[index]]
    data["ratings"] = ratings
    if index + 1 < len(skills):
        await state.set_data(data)
        await edit_in_place(message, *_question(skills, index + 1, t))
        return
    await state.clear()
    if not ratings:
        await edit_in_place(message, t("assessment.nothing_rated"), None)
        return
    outcome = await services.preferences.save_assessment(user.id, ratings)
    none = t("common.none")
    await edit_in_place(
        message,
        t(
            "assessment.result",
            strengths=", ".join(outcome.strengths) or none,
            weaknesses=", ".join(outcome.weaknesses) or none,
        ),
        None,
    )


async def on_cancel(
    query: CallbackQuery, message: Message, state: FSMContext, t: Translator
) -> None:
    await state.clear()
    await edit_in_place(message, t("start.cancelled"), None)


async def on_text(message: Message, state: FSMContext, t: Translator) -> None:
    data = await state.get_data()
    skills: list[str] = data.get("skills") or []
    index = len(data.get("ratings") or {}) + len(data.get("skipped") or [])
    if index >= len(skills):
        await state.clear()
        await message.answer(t("common.unknown_message"))
        return
    text, markup = _question(skills, index, t)
    await message.answer(f"{t('assessment.use_buttons')}\n\n{text}", reply_markup=markup)


def get_router() -> Router:
    """The handlers of this module on a new Router: a Router joins one Dispatcher
    only, and a process may build several (tests restart the bot in-process)."""
    router = Router(name="assessment")
    router.message.register(on_assessment, Command("assessment"))
    router.callback_query.register(on_rating, Assessment.rating, AssessmentCb.filter())
    router.callback_query.register(
        on_cancel, Assessment.rating, AssessmentNavCb.filter(F.action == AssessAction.CANCEL)
    )
    router.message.register(on_text, Assessment.rating)
    return router
