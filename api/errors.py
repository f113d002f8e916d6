"""API errors: every failure is ``{"error": {"code", "message"[, "field"]}}`` with its status.

Messages a person may read (the 409 pointing to the bot) come from the locale files; the
rest are for the Mini App's developer and stay in English.
"""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web
from pydantic import ValidationError


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        field: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.headers = headers or {}

    def response(self) -> web.Response:
        error: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.field is not None:
            error["field"] = self.field
        return web.json_response({"error": error}, status=self.status, headers=self.headers)


def unauthorized(reason: str) -> ApiError:
    messages = {
        "missing": "send the Mini App's initData as 'Authorization: tma <initData>'",
        "malformed": "initData is not what Telegram sends",
        "forged": "initData is not signed for this bot",
        "expired": "initData is too old: reopen the Mini App",
    }
    return ApiError(
        401,
        f"init_data_{reason}",
        messages.get(reason, "not authorised"),
        headers={"WWW-Authenticate": "tma"},
    )


def not_found(what: str = "record") -> ApiError:
    return ApiError(404, "not_found", f"no such {what}")


def invalid(field: str, message: str) -> ApiError:
    return ApiError(422, "invalid", f"{field}: {message}", field=field)


def from_validation(error: ValidationError, prefix: str = "") -> ApiError:
    """The first problem pydantic found, naming its field (``salary.currency``)."""
    first = error.errors()[0]
    location = ".".join(str(part) for part in first["loc"]) or prefix or "body"
    message = str(first["msg"]).removeprefix("Value error, ")
    if first["type"] == "extra_forbidden":
        message = "unknown field"
    elif first["type"] == "missing":
        message = "required"
    return invalid(location, message)


def parse_json(raw: bytes) -> Any:
    try:
        return json.loads(raw) if raw else None
    except (ValueError, UnicodeDecodeError):
        raise ApiError(422, "invalid", "body: malformed JSON", field="body") from None
