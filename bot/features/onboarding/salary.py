"""Step 7: the expected salary, typed ("от 300к") or skipped."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.features.onboarding.callbacks import OnbAction, OnboardingCb, Step
from bot.features.onboarding.draft import Dialog
from bot.features.onboarding.flow import finish_step, reask, typed_text
from bot.features.onboarding.states import Onboarding
from bot.i18n import Translator
from bot.services import Services
from bot.ui.render import echo
from core.domain.salary import parse_salary
from core.services.users import UserProfile


async def on_salary_skip(
    query: CallbackQuery,
    message: Message,
    state: FSMContext,
    services: Services,
    user: UserProfile,
    t: Translator,
) -> None:
    dialog = await Dialog.load(state)
    dialog.answers.salary = None
    await finish_step(Step.SALARY, message, state, dialog, services, user, t, edit=True)


async def on_salary_text(
    message: Message, state: FSMContext, services: Services, user: UserProfile, t: Translator
) -> None:
    typed = typed_text(message)
    dialog = await Dialog.load(state)
    # «120000» typed by a person in Moscow is roubles: the default currency is their city's.
    areas = dialog.answers.area_ids
    if not areas:
        stored = await services.preferences.get(user.id)
        areas = stored.area_ids if stored is not None else []
    parsed = parse_salary(typed, await services.mapping.salary_currency(areas))
    if parsed.expectation is None:
        error = t(f"onboarding.salary.error.{parsed.error or 'not_understood'}", text=echo(typed))
        await reask(Step.SALARY, message, state, t, error)
        return
    dialog.answers.salary = parsed.expectation
    await finish_step(Step.SALARY, message, state, dialog, services, user, t, edit=False)


def get_router() -> Router:
    """The handlers of this module on a new Router: a Router joins one Dispatcher
    only, and a process may build several (tests restart the bot in-process)."""
    router = Router(name="onboarding.salary")
    router.callback_query.register(
        on_salary_skip, Onboarding.salary, OnboardingCb.filter(F.action == OnbAction.SKIP)
    )
    router.message.register(on_salary_text, Onboarding.salary)
    return router
