"""The Mini App's JSON API and its static files, as an aiohttp application.

Built by the composition root on the same services the bot's handlers use
(bot.services.Services), so a 👍 in the Mini App and a 👍 in the chat are one code path.
Every ``/api/jobs/*`` request is authenticated (api.auth), rate-limited per user
(api.limits) and refused with 409 for someone who never started the bot. Routes:

    GET  /api/jobs/recommendations   ?page&per_page&refresh     the feed
    POST /api/jobs/search            SearchRequest              a one-off search
    POST /api/jobs/save              SaveRequest                shortlist a vacancy
    GET  /api/jobs/saved             ?status                    the board
    GET  /api/jobs/saved/{id}        one saved job
    PUT  /api/jobs/saved/{id}        SavedJobUpdate             status, date, notes, reminder
    POST /api/jobs/feedback          FeedbackRequest            👍/👎 and finer feedback
    GET  /api/jobs/preferences | PUT PreferencesUpdate
    GET  /api/jobs/analytics         accuracy, skills in demand, funnel, salary context
    GET  /api/me                     who the initData names, their language
    GET  /api/openapi.json           this API's OpenAPI 3.1 document (no auth)
    GET  /api/i18n/{lang}            the Mini App's texts (no auth)
    GET  /app/                       the Mini App (static files)
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from aiohttp import web
from pydantic import BaseModel, ValidationError

from api import models, presenters
from api.auth import InitDataError, InitDataValidator, WebAppUser, credentials
from api.cache import FeedPageCache, KnownUsers
from api.errors import ApiError, from_validation, invalid, not_found, parse_json, unauthorized
from api.limits import UserRateLimiter, retry_after_header
from bot.i18n import Translator
from bot.services import Services
from core.domain import skills as skill_catalogue
from core.domain.clock import Clock
from core.domain.hh_query import SearchOverrides
from core.domain.preferences import SalaryExpectation, SavedJobStatus, ScoreWeights
from core.services.market import MarketService
from core.services.profile import UnknownPreferenceField
from core.services.recommender import APP_BROWSE, RecommendationsUnavailable
from core.services.users import UserProfile

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "static"
API_PREFIX = "/api"
APP_PREFIX = "/app"
PROFILE_CACHE_SECONDS = 60.0  # api/cache.py KnownUsers
FEED_CACHE_SECONDS = 30.0  # api/cache.py: how long a chat-side change may go unseen
_PUBLIC = frozenset({"/api/openapi.json"})
# The Mini App's own texts, and the chat's names of the board's statuses (one wording).
APP_TEXTS = ("webapp.", "saved.status.")
_JSON_TYPES = frozenset({"application/json", ""})

M = TypeVar("M", bound=BaseModel)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class ApiContext:
    services: Services
    clock: Clock
    validator: InitDataValidator
    limiter: UserRateLimiter
    market: MarketService
    feed_pages: FeedPageCache
    known_users: KnownUsers

    @classmethod
    def of(cls, services: Services) -> ApiContext:
        settings = services.settings
        assert settings.bot_token is not None
        feed_pages = FeedPageCache(FEED_CACHE_SECONDS)
        if services.learner is not None:
            services.learner.on_learned(feed_pages.forget_learned)
        known_users = KnownUsers(PROFILE_CACHE_SECONDS)

        def forget(user_id: int) -> None:  # deleted, blocked, language changed
            known_users.forget(user_id)
            feed_pages.forget(user_id)

        services.users.on_changed(forget)
        return cls(
            services=services,
            clock=services.clock,
            validator=InitDataValidator(
                settings.bot_token.get_secret_value(),
                timedelta(seconds=settings.web_app_auth_max_age),
            ),
            limiter=UserRateLimiter(settings.web_app_rate, settings.web_app_burst),
            market=MarketService(services.recommender),
            feed_pages=feed_pages,
            known_users=known_users,
        )


CONTEXT = web.AppKey("api_context", ApiContext)


@dataclass(frozen=True, slots=True)
class Caller:
    """The authenticated person behind a request."""

    user: WebAppUser
    profile: UserProfile
    t: Translator

    @property
    def id(self) -> int:
        return self.user.id


CALLER = web.RequestKey("caller", Caller)


def _context(request: web.Request) -> ApiContext:
    return request.app[CONTEXT]


# ------------------------------------------------------------------------------ middleware
@web.middleware
async def error_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Every failure as JSON {"error": {"code", "message"}}; never a traceback page."""
    try:
        return await handler(request)
    except ApiError as error:
        return error.response()
    except web.HTTPException as error:
        if error.status < 400:
            raise
        code = error.reason.lower().replace(" ", "_")
        return ApiError(error.status, code, error.reason, headers=_allow(error)).response()
    except Exception:
        logger.exception("API %s %s failed", request.method, request.path)
        return ApiError(500, "internal", "something went wrong; try again").response()


def _allow(error: web.HTTPException) -> dict[str, str]:
    allow = error.headers.get("Allow")
    return {"Allow": allow} if allow else {}


@web.middleware
async def auth_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """401 without valid fresh initData, 429 over the user's rate, 409 before /start."""
    if request.path in _PUBLIC or request.path.startswith("/api/i18n/"):
        return await handler(request)
    context = _context(request)
    try:
        user = context.validator.validate(
            credentials(request.headers.get("Authorization")), context.clock()
        )
    except InitDataError as error:
        raise unauthorized(error.reason) from None
    wait = context.limiter.acquire(user.id)
    if wait > 0:
        raise ApiError(
            429,
            "rate_limited",
            "too many requests; retry later",
            headers={"Retry-After": retry_after_header(wait)},
        )
    profile = context.known_users.get(user.id)
    if profile is None:
        profile = await context.services.users.get(user.id)
        if profile is not None:
            context.known_users.put(user.id, profile)
    locales = context.services.locales
    if profile is None:
        t = locales.for_user(None, user.language_code)
        raise ApiError(409, "not_started", t("webapp.error.not_started"))
    request[CALLER] = Caller(user, profile, locales.for_user(profile.language, None))
    return await handler(request)


def caller(request: web.Request) -> Caller:
    return request[CALLER]


# ------------------------------------------------------------------------------ parsing
async def body_of(request: web.Request, model: type[M]) -> M:
    if request.content_type not in _JSON_TYPES:
        raise ApiError(415, "unsupported_media_type", "send application/json")
    data = parse_json(await request.read())
    if not isinstance(data, dict):
        raise invalid("body", "expected a JSON object")
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise from_validation(error) from None


def query_of(request: web.Request, model: type[M]) -> M:
    try:
        return model.model_validate(dict(request.query))
    except ValidationError as error:
        raise from_validation(error) from None


def record_id(request: web.Request) -> int:
    text = request.match_info["id"]
    if not text.isdigit() or len(text) > 18:
        raise not_found("saved job")
    return int(text)


def answer(model: BaseModel, status: int = 200) -> web.Response:
    return web.Response(
        text=model.model_dump_json(), status=status, content_type="application/json"
    )


def unavailable(error: RecommendationsUnavailable, t: Translator) -> ApiError:
    if error.reason == "not_onboarded":
        return ApiError(409, "not_onboarded", t("webapp.error.not_onboarded"))
    return ApiError(503, error.reason, t("webapp.error.hh_unavailable"))


# ------------------------------------------------------------------------------ handlers
async def get_me(request: web.Request) -> web.Response:
    who = caller(request)
    return web.json_response(
        {
            "id": who.id,
            "first_name": who.user.first_name,
            "language": who.t.language,
            "onboarded": who.profile.onboarded,
            "statuses": [status.value for status in presenters.BOARD],
        }
    )


async def get_recommendations(request: web.Request) -> web.Response:
    who, context = caller(request), _context(request)
    query = query_of(request, models.RecommendationsQuery)
    key = (query.page, query.per_page, who.t.language)
    cached = None if query.refresh else context.feed_pages.get(who.id, key)
    if cached is not None:
        return web.Response(body=cached, content_type="application/json")
    if query.refresh:
        context.feed_pages.forget(who.id)
    try:
        page = await context.services.recommender.get_personalized_recommendations(
            who.id,
            page=query.page - 1,
            per_page=query.per_page,
            refresh=query.refresh,
            browse=APP_BROWSE,
        )
    except RecommendationsUnavailable as error:
        raise unavailable(error, who.t) from None
    body = context.feed_pages.put(who.id, key, presenters.recommendation_list(page, who.t))
    return web.Response(body=body, content_type="application/json")


async def post_search(request: web.Request) -> web.Response:
    who, services = caller(request), _context(request).services
    body = await body_of(request, models.SearchRequest)
    if not body.use_preferences and not (body.text or body.override_skills):
        raise invalid("text", "required (or override_skills) when use_preferences is false")
    overrides = SearchOverrides(
        text=body.text,
        skills=_skills(body.override_skills) if body.override_skills is not None else None,
        area_id=await _area_id(services, body.override_location),
        salary_min=body.override_salary_min,
        include_remote=body.include_remote,
        exclude_applied=body.exclude_applied,
    )
    if body.search_id is not None and await services.searches.get(who.id, body.search_id) is None:
        raise not_found("search")  # not one of this person's
    try:
        page = await services.recommender.search(
            who.id, overrides, page=body.page - 1, per_page=body.per_page, search_id=body.search_id
        )
    except RecommendationsUnavailable as error:
        raise unavailable(error, who.t) from None
    return answer(presenters.recommendation_list(page, who.t))


def _skills(names: list[str]) -> list[str]:
    canonical = (skill_catalogue.canonical_skill(name) or name.strip() for name in names)
    return list(dict.fromkeys(name for name in canonical if name))


async def _area_id(services: Services, location: str | None) -> str | None:
    if location is None or not location.strip():
        return None
    text = location.strip()
    if text.isdigit():
        return text
    match = await services.mapping.resolve_city(text)
    if match.area_id is None:
        raise invalid("override_location", f"unknown city {text!r}")
    return match.area_id


async def post_save(request: web.Request) -> web.Response:
    who, services = caller(request), _context(request).services
    body = await body_of(request, models.SaveRequest)
    view = await services.saved.save(who.id, body.job_recommendation_id)
    if view is None:
        raise not_found("recommendation")
    _context(request).feed_pages.update(who.id, body.job_recommendation_id, saved=True)
    saved_id = view.saved_id
    if body.application_status is not SavedJobStatus.SAVED:
        view = await _move(services, who.id, saved_id, body.application_status, None)
    if body.notes is not None:
        view = await services.saved.set_notes(who.id, saved_id, body.notes) or view
    if body.reminder_date is not None:
        view = await _remind(services, who.id, saved_id, body.reminder_date)
    return answer(presenters.saved_job(view, who.t), status=201)


async def _move(
    services: Services,
    user_id: int,
    saved_id: int,
    status: SavedJobStatus,
    at: datetime | None,
) -> Any:
    view = await services.saved.set_status(user_id, saved_id, status, at=at)
    if view is None:
        raise invalid("application_status", f"cannot move this job to {status.value}")
    return view


async def _remind(services: Services, user_id: int, saved_id: int, at: datetime | None) -> Any:
    view = await services.saved.set_reminder(user_id, saved_id, at)
    if view is None:
        raise invalid("reminder_date", "must be in the future")
    return view


async def get_saved(request: web.Request) -> web.Response:
    who, services = caller(request), _context(request).services
    status_text = request.query.get("status")
    status = None
    if status_text:
        try:
            status = SavedJobStatus(status_text)
        except ValueError:
            raise invalid("status", f"one of {', '.join(presenters.BOARD)}") from None
    views = await services.saved.list(who.id, status)
    return answer(
        models.SavedJobList(
            saved_jobs=[presenters.saved_job(view, who.t) for view in views],
            statuses=list(presenters.BOARD),
        )
    )


async def get_saved_job(request: web.Request) -> web.Response:
    who, services = caller(request), _context(request).services
    view = await services.saved.get(who.id, record_id(request))
    if view is None:
        raise not_found("saved job")
    return answer(presenters.saved_job(view, who.t))


async def put_saved_job(request: web.Request) -> web.Response:
    who, services = caller(request), _context(request).services
    saved_id = record_id(request)
    body = await body_of(request, models.SavedJobUpdate)
    view = await services.saved.get(who.id, saved_id)
    if view is None:  # someone else's, or gone: nothing about it is told
        raise not_found("saved job")
    given = body.model_fields_set
    if body.application_status is not None:
        view = await _move(
            services, who.id, saved_id, body.application_status, body.application_date
        )
    elif "application_date" in given:
        raise invalid("application_date", "send it with application_status")
    if "notes" in given:
        view = await services.saved.set_notes(who.id, saved_id, body.notes) or view
    if "reminder_date" in given:
        view = await _remind(services, who.id, saved_id, body.reminder_date)
    return answer(presenters.saved_job(view, who.t))


async def post_feedback(request: web.Request) -> web.Response:
    who, services = caller(request), _context(request).services
    body = await body_of(request, models.FeedbackRequest)
    rec_id = body.job_recommendation_id
    less_of: list[str] = []
    if body.is_relevant is not None:
        # The learner runs in the background after this (FeedbackService.rate): the
        # answer never waits for the preferences to be recomputed.
        outcome = await services.feedback.rate(who.id, rec_id, body.is_relevant)
        if outcome is None:
            raise not_found("recommendation")
        less_of = outcome.less_of
        _context(request).feed_pages.update(who.id, rec_id, feedback=body.is_relevant)
    recorded = await services.feedback.set_detail(
        who.id,
        rec_id,
        skill_fit=body.skill_match_feedback,
        location_fit=body.location_feedback,
        salary_fit=body.salary_feedback,
        rating=body.relevance_score,
        notes=body.feedback_notes,
        interested=body.is_interested,
    )
    if not recorded:
        raise not_found("recommendation")
    return answer(
        models.FeedbackAnswer(
            job_recommendation_id=rec_id,
            is_relevant=body.is_relevant,
            less_of=[presenters.display_skill(s, who.t.language) for s in less_of],
        )
    )


async def get_preferences(request: web.Request) -> web.Response:
    who, services = caller(request), _context(request).services
    prefs = await services.preferences.get(who.id)
    if prefs is None:
        raise ApiError(409, "not_onboarded", who.t("webapp.error.not_onboarded"))
    return answer(presenters.preferences(prefs))


async def put_preferences(request: web.Request) -> web.Response:
    who, services = caller(request), _context(request).services
    body = await body_of(request, models.PreferencesUpdate)
    current = await services.preferences.get(who.id)
    if current is None:
        raise ApiError(409, "not_onboarded", who.t("webapp.error.not_onboarded"))
    fields = body.model_dump(exclude_unset=True, exclude_none=True)
    if body.skills is not None:
        # A skill kept keeps its learned weight; a new one starts fully wanted.
        fields["skills"] = {name: current.skills.get(name, 1.0) for name in _skills(body.skills)}
    if body.salary is not None:
        fields["salary"] = SalaryExpectation(**body.salary.model_dump())
    if body.weights is not None:
        fields["weights"] = ScoreWeights(**body.weights.model_dump()).normalised()
    try:
        prefs = await services.preferences.update(who.id, **fields)
    except UnknownPreferenceField as error:
        raise invalid("body", str(error)) from None
    _context(request).feed_pages.forget(who.id)  # the feed follows the new preferences
    return answer(presenters.preferences(prefs))


async def get_analytics(request: web.Request) -> web.Response:
    who, context = caller(request), _context(request)
    stats = await context.services.analytics.user_stats(who.id)
    try:
        market = await context.market.report(who.id)
    except RecommendationsUnavailable:
        market = None  # not onboarded, or HH down with nothing cached: no salary context
    return answer(presenters.analytics(stats, market, who.t))


async def get_openapi(request: web.Request) -> web.Response:
    from api.openapi import openapi_document

    return web.json_response(openapi_document())


async def get_texts(request: web.Request) -> web.Response:
    locales = _context(request).services.locales
    language = request.match_info["lang"]
    if language not in locales.languages:
        raise not_found("language")
    catalog = {**locales.app_texts.get("en", {}), **locales.app_texts.get(language, {})}
    t = locales.get(language)
    # The bot's own texts the page shows too (statuses), rendered from their Fluent message.
    catalog |= {
        key: t(key)
        for key in (ident.replace("-", ".") for ident in locales.catalogs[language])
        if key.startswith(APP_TEXTS)
    }
    texts = {key: text for key, text in catalog.items() if key.startswith(APP_TEXTS)}
    return web.json_response(
        {"language": language, "texts": texts}, headers={"Cache-Control": "max-age=300"}
    )


ROUTES: tuple[tuple[str, str, Handler], ...] = (
    ("GET", "/jobs/recommendations", get_recommendations),
    ("POST", "/jobs/search", post_search),
    ("POST", "/jobs/save", post_save),
    ("GET", "/jobs/saved", get_saved),
    ("GET", "/jobs/saved/{id}", get_saved_job),
    ("PUT", "/jobs/saved/{id}", put_saved_job),
    ("POST", "/jobs/feedback", post_feedback),
    ("GET", "/jobs/preferences", get_preferences),
    ("PUT", "/jobs/preferences", put_preferences),
    ("GET", "/jobs/analytics", get_analytics),
    ("GET", "/me", get_me),
    ("GET", "/openapi.json", get_openapi),
    ("GET", "/i18n/{lang}", get_texts),
)


# ------------------------------------------------------------------------------ building
def build_api(services: Services) -> web.Application:
    """The /api sub-application (its middlewares touch nothing else on the server)."""
    api = web.Application(middlewares=[error_middleware, auth_middleware])
    api[CONTEXT] = ApiContext.of(services)
    for method, path, handler in ROUTES:
        api.router.add_route(method, path, handler)
    return api


async def _app_index(request: web.Request) -> web.StreamResponse:
    return web.FileResponse(STATIC_DIR / "index.html", headers={"Cache-Control": "no-cache"})


async def _to_app(request: web.Request) -> web.StreamResponse:
    raise web.HTTPFound(APP_PREFIX + "/")


def mount_web_app(server: web.Application, services: Services) -> None:
    """Add the API (/api) and the Mini App (/app/) to ``server`` (the webhook's, or one
    of its own in polling mode)."""
    server.add_subapp(API_PREFIX, build_api(services))
    server.router.add_get(APP_PREFIX, _to_app)
    server.router.add_get(APP_PREFIX + "/", _app_index)
    server.router.add_static(APP_PREFIX + "/static/", STATIC_DIR)


def build_web_app(services: Services) -> web.Application:
    server = web.Application()
    mount_web_app(server, services)
    return server
