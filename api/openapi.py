"""The API's OpenAPI 3.1 document, built from the pydantic models (api/models.py), so the
document cannot drift from what the handlers validate and answer."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from api import models

REF = "#/components/schemas/{model}"
AUTH: list[dict[str, list[str]]] = [{"tma": []}]


def _ref(model: type[BaseModel]) -> dict[str, str]:
    return {"$ref": REF.format(model=model.__name__)}


def _json(model: type[BaseModel], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ref(model)}}}


def _errors(*statuses: int) -> dict[str, Any]:
    reasons = {
        401: "initData missing, forged or expired",
        404: "not this person's record",
        409: "the person has not started the bot (or finished its setup)",
        422: "a field is invalid: error.field names it",
        429: "over the per-user rate: see Retry-After",
        503: "HeadHunter is unreachable and nothing is stored",
    }
    return {str(status): _json(models.ErrorAnswer, reasons[status]) for status in statuses}


def _operation(
    summary: str,
    answer: type[BaseModel],
    *,
    body: type[BaseModel] | None = None,
    query: type[BaseModel] | None = None,
    path_id: bool = False,
    status: int = 200,
    errors: tuple[int, ...] = (401, 409, 429),
) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "summary": summary,
        "security": AUTH,
        "responses": {str(status): _json(answer, "OK"), **_errors(*errors)},
    }
    parameters: list[dict[str, Any]] = []
    if path_id:
        parameters.append(
            {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
        )
    if query is not None:
        schema = query.model_json_schema()
        for name, prop in schema["properties"].items():
            parameters.append({"name": name, "in": "query", "required": False, "schema": prop})
    if parameters:
        operation["parameters"] = parameters
    if body is not None:
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": _ref(body)}},
        }
    return operation


class _Me(BaseModel):
    id: int
    first_name: str
    language: str
    onboarded: bool
    statuses: list[str]


SCHEMA_MODELS: tuple[type[BaseModel], ...] = (
    models.SearchRequest,
    models.SaveRequest,
    models.SavedJobUpdate,
    models.FeedbackRequest,
    models.PreferencesUpdate,
    models.RecommendationList,
    models.SavedJob,
    models.SavedJobList,
    models.FeedbackAnswer,
    models.Preferences,
    models.Analytics,
    models.ErrorAnswer,
    _Me,
)


@lru_cache(maxsize=1)
def openapi_document() -> dict[str, Any]:
    _, schemas = models_json_schema(
        [(model, "validation") for model in SCHEMA_MODELS], ref_template=REF
    )
    paths: dict[str, Any] = {
        "/api/jobs/recommendations": {
            "get": _operation(
                "The person's feed, ranked",
                models.RecommendationList,
                query=models.RecommendationsQuery,
                errors=(401, 409, 422, 429, 503),
            )
        },
        "/api/jobs/search": {
            "post": _operation(
                "A one-off search scored for the person",
                models.RecommendationList,
                body=models.SearchRequest,
                errors=(401, 409, 422, 429, 503),
            )
        },
        "/api/jobs/save": {
            "post": _operation(
                "Save a recommendation to the board",
                models.SavedJob,
                body=models.SaveRequest,
                status=201,
                errors=(401, 404, 409, 422, 429),
            )
        },
        "/api/jobs/saved": {"get": _operation("The saved jobs (?status=)", models.SavedJobList)},
        "/api/jobs/saved/{id}": {
            "get": _operation(
                "One saved job", models.SavedJob, path_id=True, errors=(401, 404, 409, 429)
            ),
            "put": _operation(
                "Move it on the board; notes; reminder",
                models.SavedJob,
                body=models.SavedJobUpdate,
                path_id=True,
                errors=(401, 404, 409, 422, 429),
            ),
        },
        "/api/jobs/feedback": {
            "post": _operation(
                "👍/👎 and finer feedback (learning runs in the background)",
                models.FeedbackAnswer,
                body=models.FeedbackRequest,
                errors=(401, 404, 409, 422, 429),
            )
        },
        "/api/jobs/preferences": {
            "get": _operation("The stated preferences", models.Preferences),
            "put": _operation(
                "Change preferences",
                models.Preferences,
                body=models.PreferencesUpdate,
                errors=(401, 409, 422, 429),
            ),
        },
        "/api/jobs/analytics": {
            "get": _operation(
                "Accuracy, skills in demand, application funnel, salary context",
                models.Analytics,
            )
        },
        "/api/me": {"get": _operation("Who the initData names", _Me)},
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "hh-jobs-bot Mini App API",
            "version": "1",
            "description": "The JSON API behind the Telegram Mini App. Every call sends "
            "'Authorization: tma <Telegram.WebApp.initData>'.",
        },
        "paths": paths,
        "components": {
            "schemas": schemas["$defs"],
            "securitySchemes": {
                "tma": {
                    "type": "apiKey",
                    "in": "header",
                    "name": "Authorization",
                    "description": "'tma ' followed by the Mini App's initData",
                }
            },
        },
    }
