"""What handlers receive. :class:`Services` is built once in bot.app.build_services and
injected into every handler both as ``services`` and one by one under its field names
(``users``, ``preferences``, ``recommender``, …). :class:`HandlerData` (aiogram's
``MiddlewareData`` pattern) names every key a handler or middleware finds in its data,
with its type; middlewares write through it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NotRequired, TypedDict

from aiogram.dispatcher.middlewares.data import MiddlewareData

from bot.i18n import Locales, Translator
from core.config import Settings
from core.domain.clock import Clock
from core.domain.mapping import UserMappingService
from core.hh.client import HHClient
from core.services.analytics import AnalyticsService
from core.services.feedback import FeedbackService
from core.services.learner import Learner
from core.services.market import MarketService
from core.services.profile import PreferencesService
from core.services.recommender import Recommender
from core.services.saved import SavedJobsService
from core.services.searches import SearchService
from core.services.users import UserProfile, UserService

if TYPE_CHECKING:
    from bot.app import BotApp


@dataclass(frozen=True, slots=True)
class Services:
    settings: Settings
    clock: Clock
    locales: Locales
    hh: HHClient
    users: UserService
    preferences: PreferencesService
    mapping: UserMappingService
    recommender: Recommender
    feedback: FeedbackService
    saved: SavedJobsService
    searches: SearchService
    analytics: AnalyticsService
    market: MarketService
    learner: Learner  # background learning; drain() in tests and at stop

    def as_workflow_data(self) -> WorkflowData:
        """``{"services": self, "users": …, …}`` for ``Dispatcher(**data)``."""
        return WorkflowData(
            services=self,
            settings=self.settings,
            clock=self.clock,
            locales=self.locales,
            hh=self.hh,
            users=self.users,
            preferences=self.preferences,
            mapping=self.mapping,
            recommender=self.recommender,
            feedback=self.feedback,
            saved=self.saved,
            searches=self.searches,
            analytics=self.analytics,
            market=self.market,
            learner=self.learner,
        )


class WorkflowData(TypedDict):
    """The Dispatcher's workflow data: the services, under ``services`` and by name."""

    services: Services
    settings: Settings
    clock: Clock
    locales: Locales
    hh: HHClient
    users: UserService
    preferences: PreferencesService
    mapping: UserMappingService
    recommender: Recommender
    feedback: FeedbackService
    saved: SavedJobsService
    searches: SearchService
    analytics: AnalyticsService
    market: MarketService
    learner: Learner


class HandlerData(MiddlewareData, WorkflowData, total=False):
    """Everything in a handler's data: aiogram's own keys, the services, the app (set by
    bot.app.build_app) and what bot.middlewares adds."""

    app: BotApp
    t: Translator  # in the sender's language (set for every update)
    user: NotRequired[UserProfile]  # the sender (absent for updates without a person)
