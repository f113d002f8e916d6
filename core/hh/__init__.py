"""HeadHunter API: the async client, its typed errors and the JSON models."""

from core.domain.hh_errors import (
    HHAuthorizationError,
    HHBadRequestError,
    HHBadUserAgentError,
    HHCaptchaRequiredError,
    HHError,
    HHForbiddenError,
    HHInvalidResponseError,
    HHNotFoundError,
    HHRateLimitedError,
    HHUnavailableError,
)
from core.domain.hh_schemas import (
    AreaNode,
    AreaSuggestion,
    Currency,
    Dictionaries,
    Salary,
    Vacancy,
    VacancySearchPage,
    VacancySearchParams,
    strip_highlight,
)
from core.hh.client import DEPTH_LIMIT, HHClient, area_descendants, flatten_areas

__all__ = [
    "DEPTH_LIMIT",
    "AreaNode",
    "AreaSuggestion",
    "Currency",
    "Dictionaries",
    "HHAuthorizationError",
    "HHBadRequestError",
    "HHBadUserAgentError",
    "HHCaptchaRequiredError",
    "HHClient",
    "HHError",
    "HHForbiddenError",
    "HHInvalidResponseError",
    "HHNotFoundError",
    "HHRateLimitedError",
    "HHUnavailableError",
    "Salary",
    "Vacancy",
    "VacancySearchPage",
    "VacancySearchParams",
    "area_descendants",
    "flatten_areas",
    "strip_highlight",
]
