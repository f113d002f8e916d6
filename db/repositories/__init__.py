"""Repositories: the queries services need, no business rules.

Each takes the caller's ``AsyncSession``; they flush, never commit. Every method that
reads or changes a user's rows takes ``user_id`` and filters by it, so an id taken from
callback data cannot reach another user's row.
"""

from db.repositories._base import Repository, dialect_insert, row_to_dict
from db.repositories.feedback import FeedbackRepository
from db.repositories.preferences import (
    AssessmentRepository,
    PreferenceEventRepository,
    PreferencesRepository,
    columns_from_preferences,
    preferences_from_row,
)
from db.repositories.recommendations import RecommendationRepository
from db.repositories.saved import SavedJobRepository
from db.repositories.searches import SearchRepository, SearchSubscriberRow, info_of, schedule_of
from db.repositories.system import (
    DigestClaim,
    DigestRepository,
    HHCacheRepository,
    HiddenEmployerRepository,
    LeaseRepository,
)
from db.repositories.users import UserRepository

__all__ = [
    "AssessmentRepository",
    "DigestClaim",
    "DigestRepository",
    "FeedbackRepository",
    "HHCacheRepository",
    "HiddenEmployerRepository",
    "LeaseRepository",
    "PreferenceEventRepository",
    "PreferencesRepository",
    "RecommendationRepository",
    "Repository",
    "SavedJobRepository",
    "SearchRepository",
    "SearchSubscriberRow",
    "UserRepository",
    "columns_from_preferences",
    "dialect_insert",
    "info_of",
    "preferences_from_row",
    "row_to_dict",
    "schedule_of",
]
