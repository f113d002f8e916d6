"""Job titles: what the person wants to work as. Suggested from their skills and fields,
toggled by index or typed; reached from the summary and /preferences ("✏️ Job titles").
Only these titles reach the HH query and the digest header."""

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
from bot.ui.names import job_title_name
from bot.ui.render import echo, trim_html_to
from core.domain.job_titles import chosen_job_title
from core.services.users import UserProfile

MAX_TITLES = 5


def _offered_title(dialog: Dialog, value: str) -> str | None:
    offered: list[str] = dialog.raw.get("title_options") or []
    index = callback_index(value)
    return offered[index] if 0 <= index < len(offered) else None


def _ensure_list(dialog: Dialog) -> None:
    if dialog.answers.job_titles is None:
        dialog.answers.job_titles = []


async def _on_title_toggle(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    callback_data: OnboardingCb,
    state: FSMContext,
    t: Translator,
) -> None:
    dialog = await Dialog.load(state)
    _ensure_list(dialog)
    await dialog.save(state)
    await _toggle(query, message, callback_answer, callback_data, state, t)


_toggle = toggle_handler("job_titles", Step.TITLES, _offered_title)


async def on_titles_done(
    query: CallbackQuery,
    message: Message,
    callback_answer: CallbackAnswer,
    state: FSMContext,
    services: Services,
    user: UserProfile,
    t: Translator,
) -> None:
    dialog = await Dialog.load(state)
    if not dialog.answers.job_titles:
        callback_answer.text = t("onboarding.titles.need_one")
        callback_answer.show_alert = True
        return
    await finish_step(Step.TITLES, message, state, dialog, services, user, t, edit=True)


async def on_title_text(message: Message, state: FSMContext, t: Translator) -> None:
    typed = typed_text(message)
    title = chosen_job_title(typed)
    if title is None:
        error = t("onboarding.titles.not_understood", text=echo(typed))
        await reask(Step.TITLES, message, state, t, error)
        return
    dialog = await Dialog.load(state)
    _ensure_list(dialog)
    assert dialog.answers.job_titles is not None
    if title not in dialog.answers.job_titles:
        dialog.answers.job_titles = [*dialog.answers.job_titles, title][-MAX_TITLES:]
    text, markup = step_view(Step.TITLES, dialog, t)
    await dialog.save(state)
    added = t("onboarding.titles.added", title=echo(job_title_name(title, t), 100))
    await message.answer(trim_html_to(f"{added}\n\n{text}"), reply_markup=markup)


def get_router() -> Router:
    """The handlers of this module on a new Router: a Router joins one Dispatcher
    only, and a process may build several (tests restart the bot in-process)."""
    router = Router(name="onboarding.titles")
    router.callback_query.register(
        _on_title_toggle, Onboarding.titles, OnboardingCb.filter(F.action == OnbAction.TOGGLE)
    )
    router.callback_query.register(
        on_titles_done, Onboarding.titles, OnboardingCb.filter(F.action == OnbAction.NEXT)
    )
    router.message.register(on_title_text, Onboarding.titles)
    return router
