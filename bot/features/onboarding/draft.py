"""The onboarding dialog's state: the typed FSM draft, the step order and states.

FSM data (in the database, so it survives a restart):

- ``answers``: the draft, ``core.services.profile.dump_answers(OnboardingAnswers)``
- ``mode``: "new" (step after step) | "summary" (back to the summary) | "preferences"
- ``skill_options``: the skills offered as toggles (callbacks carry an index)
- ``pending_skills``: typed skills not in the catalogue, waiting for "add anyway"
- ``city_options``: [area id, name] pairs offered as buttons; ``area_name``: the city
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State

from bot.features.onboarding.callbacks import Step
from bot.features.onboarding.states import Onboarding
from core.domain.onboarding import OnboardingAnswers
from core.services.profile import dump_answers, load_answers

ORDER: tuple[Step, ...] = (
    Step.CATEGORIES,
    Step.SKILLS,
    Step.EXPERIENCE,
    Step.CITY,
    Step.WORK_FORMAT,
    Step.EMPLOYMENT,
    Step.SALARY,
)
STATES: dict[Step, State] = {
    Step.CATEGORIES: Onboarding.categories,
    Step.SKILLS: Onboarding.skills,
    Step.EXPERIENCE: Onboarding.experience,
    Step.CITY: Onboarding.city,
    Step.WORK_FORMAT: Onboarding.work_format,
    Step.EMPLOYMENT: Onboarding.employment,
    Step.SALARY: Onboarding.salary,
    Step.TITLES: Onboarding.titles,
}

NEW, SUMMARY, PREFERENCES = "new", "summary", "preferences"


@dataclass
class Dialog:
    """The FSM data of the dialog, typed."""

    answers: OnboardingAnswers
    mode: str
    raw: dict[str, Any]

    @classmethod
    async def load(cls, state: FSMContext) -> Dialog:
        data = await state.get_data()
        return cls(load_answers(data.get("answers")), data.get("mode", NEW), data)

    async def save(self, state: FSMContext, **extra: Any) -> None:
        self.raw.update(extra, answers=dump_answers(self.answers), mode=self.mode)
        await state.set_data(self.raw)

    @property
    def back_allowed_first(self) -> bool:
        return self.mode != NEW


def current_step(state_name: str | None) -> Step | None:
    for step, step_state in STATES.items():
        if step_state.state == state_name:
            return step
    return None
