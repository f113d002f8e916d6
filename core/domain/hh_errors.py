"""Typed errors of the HeadHunter client, with messages an operator can act on.

HH answers errors as ``{"errors": [{"type": ..., "value": ...}], "request_id": ...}``
(reference/HH_API.md §7), but 5xx bodies may be HTML and an anti-DDoS edge answers 403
with HTML, so classification relies on the status first and the body second.
"""

from __future__ import annotations

import json
from typing import Any

OAUTH_INVALID_TOKEN = frozenset(
    {"bad_authorization", "token_expired", "token_revoked", "application_not_found"}
)


class HHError(Exception):
    """Any failure talking to HH. ``errors`` is HH's ``errors`` list (may be empty)."""

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        request_id: str | None = None,
        errors: list[dict[str, Any]] | None = None,
        url: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.request_id = request_id
        self.errors = errors or []
        self.url = url

    def __str__(self) -> str:
        details = [f"status={self.status}"] if self.status is not None else []
        if self.request_id:
            details.append(f"request_id={self.request_id}")
        if self.url:
            details.append(f"url={self.url}")
        return f"{self.message} ({', '.join(details)})" if details else self.message


class HHUnavailableError(HHError):
    """5xx, timeouts or connection failures persisted through every retry."""


class HHRateLimitedError(HHError):
    """HH kept answering 429 through every retry."""


class HHCaptchaRequiredError(HHError):
    """403 captcha_required: HH wants a captcha because no application token was sent."""

    def __init__(self, message: str, *, captcha_url: str | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.captcha_url = captcha_url


class HHForbiddenError(HHError):
    """403 without a more specific reason: endpoint not allowed, or an anti-DDoS edge."""


class HHAuthorizationError(HHError):
    """403 oauth: the application token is invalid, expired or revoked."""


class HHBadUserAgentError(HHError):
    """400 bad_user_agent: User-Agent missing or blacklisted."""


class HHBadRequestError(HHError):
    """Any other 400, e.g. bad_argument or the 2000-item depth limit."""

    def __init__(
        self, message: str, *, bad_arguments: list[dict[str, Any]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(message, **kwargs)
        self.bad_arguments = bad_arguments or []


class HHNotFoundError(HHError):
    """404: the vacancy (or other resource) does not exist or may not be viewed."""


class HHInvalidResponseError(HHError):
    """The body is not JSON, or JSON that does not match the expected schema."""


def parse_error_body(text: str) -> dict[str, Any] | None:
    """HH's JSON error body, or None when the body is not a JSON object (HTML, empty)."""
    try:
        body = json.loads(text)
    except ValueError:
        return None
    return body if isinstance(body, dict) else None


def _error_items(body: dict[str, Any] | None) -> list[dict[str, Any]]:
    items = (body or {}).get("errors")
    if not isinstance(items, list):
        return []
    return [item for item in items if isinstance(item, dict)]


def _first_of_type(items: list[dict[str, Any]], kind: str) -> dict[str, Any] | None:
    return next((item for item in items if item.get("type") == kind), None)


def _snippet(text: str, limit: int = 200) -> str:
    flat = " ".join(text.split())
    return flat[:limit] + ("…" if len(flat) > limit else "")


def error_from_response(
    status: int, text: str, *, url: str | None = None, attempts: int = 1
) -> HHError:
    """Map a non-2xx HH answer to the most specific HHError.

    ``attempts`` only shapes the message for statuses the client retries (429, 5xx).
    """
    body = parse_error_body(text)
    items = _error_items(body)
    common: dict[str, Any] = {
        "status": status,
        "request_id": (body or {}).get("request_id"),
        "errors": items,
        "url": url,
    }
    if status == 400:
        return _bad_request(body, items, common)
    if status == 403:
        return _forbidden(body, items, text, common)
    if status == 404:
        return HHNotFoundError("HH resource not found", **common)
    if status == 429:
        return HHRateLimitedError(
            f"HH rate limit (429) persisted after {attempts} attempt(s); lower "
            "HH_REQUESTS_PER_SECOND or MAX_CONCURRENT_API_CALLS and try again later",
            **common,
        )
    if status >= 500:
        return HHUnavailableError(
            f"HH API unavailable (HTTP {status}) after {attempts} attempt(s); "
            f"check HH_API_BASE_URL or retry later. Body: {_snippet(text)!r}",
            **common,
        )
    return HHError(f"Unexpected HH answer HTTP {status}: {_snippet(text)!r}", **common)


def _bad_request(
    body: dict[str, Any] | None, items: list[dict[str, Any]], common: dict[str, Any]
) -> HHError:
    user_agent = _first_of_type(items, "bad_user_agent")
    if user_agent is not None:
        return HHBadUserAgentError(
            f"HH rejected the User-Agent ({user_agent.get('value', 'unset')}): set "
            "HH_USER_AGENT to 'AppName/1.0 (email)'",
            **common,
        )
    bad_arguments = (body or {}).get("bad_arguments")
    if not isinstance(bad_arguments, list):
        bad_arguments = []
    description = (body or {}).get("description") or ", ".join(
        f"{item.get('type')}={item.get('value')}" for item in items
    )
    return HHBadRequestError(
        f"HH rejected the request parameters: {description or 'no details'}",
        bad_arguments=bad_arguments,
        **common,
    )


def _forbidden(
    body: dict[str, Any] | None, items: list[dict[str, Any]], text: str, common: dict[str, Any]
) -> HHError:
    if body is None:
        # Real HH always answers JSON; an HTML 403 comes from the anti-DDoS edge in front.
        return HHForbiddenError(
            "HH's anti-DDoS edge blocked the request (HTML 403): slow down "
            "(HH_REQUESTS_PER_SECOND) or check that this IP is not banned. "
            f"Body: {_snippet(text)!r}",
            **common,
        )
    captcha = _first_of_type(items, "captcha_required")
    if captcha is not None:
        return HHCaptchaRequiredError(
            "HH demands a captcha because the request had no application token: set "
            "HH_APP_TOKEN to an application token from dev.hh.ru — vacancy search needs one "
            f"(captcha_url: {captcha.get('captcha_url')})",
            captcha_url=captcha.get("captcha_url"),
            **common,
        )
    oauth = _first_of_type(items, "oauth")
    if oauth is not None and oauth.get("value") in OAUTH_INVALID_TOKEN:
        return HHAuthorizationError(
            f"HH_APP_TOKEN is invalid or revoked ({oauth.get('value')}): get the current "
            "application token from dev.hh.ru/admin",
            **common,
        )
    reason = oauth.get("value") if oauth else body.get("error_description")
    return HHForbiddenError(
        "HH refused access (403 forbidden): this endpoint is not allowed for the current "
        f"authorisation; set HH_APP_TOKEN to an application token from dev.hh.ru"
        f"{f' ({reason})' if reason else ''}",
        **common,
    )
