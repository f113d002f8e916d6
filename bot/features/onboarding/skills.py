"""Step 2: skills, offered as toggles (by index) or typed; typed skills the catalogue
does not know wait for "add anyway"."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.features.onboarding.callbacks import OnbAction, OnboardingCb, Step
from bot.features.onboarding.draft import Dialog
from bot.features.onboarding.flow import finish_step, reask, typed_text
from bot.features.onboarding.navigation import toggle_handler
from bot.features.onboarding.states import Onboarding
from bot.features.onboarding.views import step_view
from bot.i18n import Translator
from bot.services import Services
from bot.ui.callbacks import callback_index
from bot.ui.edits import show
from bot.ui.names import skill_names
from bot.ui.render import Html, echo, trim_html_to
from core.domain.onboarding import OnboardingAnswers
from core.domain.skills import is_known_skill
from core.domain.skills_text import parse_skills_text
from core.services.users import UserProfile


def _offered_skill(dialog: Dialog, value: str) -> str | None:
    """The skill behind a toggle: its callback carries the index of an offered skill."""
    offered: list[str] = dialog.raw.get("skill_options") or []
    index = callback_index(value)
    return offered[index] if 0 <= index < len(offered) else None


def _add_skills(answers: OnboardingAnswers, skills: list[str]) -> None:
    for skill in skills:
        if skill not in answers.skills:
            answers.skills.append(skill)


async def on_skill_add_anyway(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    state: FSMContext,
    t: Translator,
) -> None:
    dialog = await Dialog.load(state)
    pending: list[str] = dialog.raw.pop("pending_skills", None) or []
    if not pending:
        callback_answer.text = t("common.expired")
        return
    _add_skills(dialog.answers, pending)
    text, markup = step_view(Step.SKILLS, dialog, t)
    await dialog.save(state)
    added = t("onboarding.skills.added", skills=", ".join(pending))
    await show(message, trim_html_to(f"{added}\n\n{text}"), markup, edit=True)


async def on_skills_next(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    state: FSMContext,
    services: Services,
    user: UserProfile,
    t: Translator,
) -> None:
    dialog = await Dialog.load(state)
    if not dialog.answers.skills:
        callback_answer.text = t("onboarding.skills.need_one")
        callback_answer.show_alert = True
        return
    dialog.raw.pop("pending_skills", None)
    await finish_step(Step.SKILLS, message, state, dialog, services, user, t, edit=True)


async def on_skills_text(message: Message, state: FSMContext, t: Translator) -> None:
    typed = typed_text(message)
    found = parse_skills_text(typed)
    if not found:
        error = t("onboarding.skills.not_understood", text=echo(typed))
        await reask(Step.SKILLS, message, state, t, error)
        return
    dialog = await Dialog.load(state)
    known = [skill for skill in found if is_known_skill(skill)]
    unknown = [skill for skill in found if not is_known_skill(skill)]
    _add_skills(dialog.answers, known)
    dialog.raw["pending_skills"] = unknown
    notes: list[str] = []
    if known:
        notes.append(t("onboarding.skills.added", skills=", ".join(skill_names(known, t))))
    if unknown:
        # Each unknown skill quoted on its own: «налоги», «ЗУП», not «налоги, ЗУП».
        items = ", ".join(t("onboarding.skills.unknown_item", skill=echo(s, 100)) for s in unknown)
        notes.append(t("onboarding.skills.unknown", skills=Html(items), count=len(unknown)))
    text, markup = step_view(Step.SKILLS, dialog, t)
    await dialog.save(state)
    await message.answer(trim_html_to("\n".join(notes) + "\n\n" + text), reply_markup=markup)


def get_router() -> Router:
    """The handlers of this module on a new Router: a Router joins one Dispatcher
    only, and a process may build several (tests restart the bot in-process)."""
    router = Router(name="onboarding.skills")
    router.callback_query.register(
        toggle_handler("skills", Step.SKILLS, _offered_skill),
        Onboarding.skills,
        OnboardingCb.filter(F.action == OnbAction.TOGGLE),
    )
    router.callback_query.register(
        on_skill_add_anyway, Onboarding.skills, OnboardingCb.filter(F.action == OnbAction.PICK)
    )
    router.callback_query.register(
        on_skills_next, Onboarding.skills, OnboardingCb.filter(F.action == OnbAction.NEXT)
    )
    router.message.register(on_skills_text, Onboarding.skills)
    return router
