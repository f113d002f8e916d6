"""The services handlers receive. Built once in bot.app.build_app and injected into
every handler both as ``services`` and one by one under these field names
(``users``, ``preferences``, ``recommender``, …)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from bot.i18n import Locales
from core.config import Settings
from core.domain.clock import Clock
from core.hh.client import HHClient
from core.services.users import UserService


@dataclass(slots=True)
class Services:
    settings: Settings
    clock: Clock
    locales: Locales
    hh: HHClient
    users: UserService
    preferences: Any  # core.services.profile.PreferencesService
    mapping: Any  # core.domain.mapping.UserMappingService
    # Filled in by the features that own them (None until they land):
    recommender: Any = None  # core.services.recommender.Recommender
    feedback: Any = None  # core.services.feedback.FeedbackService
    saved: Any = None  # core.services.saved.SavedJobsService
    analytics: Any = None  # core.services.analytics.AnalyticsService
    learner: Any = None  # core.services.learner.Learner (background learning; drain() in tests)

    def as_workflow_data(self) -> dict[str, Any]:
        """``{"services": self, "users": …, …}`` for ``Dispatcher(**data)``."""
        data: dict[str, Any] = {field.name: getattr(self, field.name) for field in fields(self)}
        data["services"] = self
        return data
