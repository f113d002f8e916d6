"""Who is calling: the Mini App's ``Telegram.WebApp.initData``, validated as Telegram says.

A request carries ``Authorization: tma <initData>``. initData is a query string signed by
Telegram with the bot's token: ``hash`` is HMAC-SHA256 of the other fields (sorted,
``key=value`` joined by newlines) under the key HMAC-SHA256("WebAppData", bot_token).
aiogram's helper checks only that signature; a captured initData would then be good
forever, so ``auth_date`` must also be recent (``WEB_APP_AUTH_MAX_AGE``).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl

SCHEME = "tma"
# A clock a little behind Telegram's must not refuse initData signed "in the future".
CLOCK_SKEW = timedelta(minutes=5)
MAX_VERIFIED = 10_000


class InitDataError(Exception):
    """initData is missing, malformed, forged or too old; ``reason`` is a stable code."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # missing / malformed / forged / expired


@dataclass(frozen=True, slots=True)
class WebAppUser:
    """The person the Mini App was opened by, as Telegram signed it."""

    id: int
    first_name: str
    username: str | None
    language_code: str | None
    auth_date: datetime


def secret_key(bot_token: str) -> bytes:
    return hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()


def data_check_string(fields: Mapping[str, str]) -> str:
    return "\n".join(f"{key}={fields[key]}" for key in sorted(fields) if key != "hash")


def signature(fields: Mapping[str, str], key: bytes) -> str:
    return hmac.new(key, data_check_string(fields).encode(), hashlib.sha256).hexdigest()


def credentials(header: str | None) -> str:
    """The initData of an ``Authorization: tma <initData>`` header."""
    if not header:
        raise InitDataError("missing")
    scheme, _, value = header.strip().partition(" ")
    if scheme.lower() != SCHEME or not value.strip():
        raise InitDataError("missing")
    return value.strip()


class InitDataValidator:
    """Checks initData for one bot token; the derived key is computed once."""

    def __init__(self, bot_token: str, max_age: timedelta) -> None:
        self._key = secret_key(bot_token)
        self._max_age = max_age
        # initData strings already verified: a Mini App sends the same one with every
        # request, and parsing plus HMAC were a third of a cached request's cost. Only a
        # correctly signed string gets in; its age is still checked on every use.
        self._verified: OrderedDict[str, WebAppUser] = OrderedDict()

    def validate(self, init_data: str, now: datetime) -> WebAppUser:
        user = self._verified.get(init_data)
        if user is None:
            user = self._verify(init_data)
            self._verified[init_data] = user
            if len(self._verified) > MAX_VERIFIED:
                self._verified.popitem(last=False)
        if now - user.auth_date > self._max_age or user.auth_date - now > CLOCK_SKEW:
            raise InitDataError("expired")
        return user

    def _verify(self, init_data: str) -> WebAppUser:
        try:
            pairs = parse_qsl(init_data, keep_blank_values=True, strict_parsing=True)
        except ValueError:
            raise InitDataError("malformed") from None
        fields = dict(pairs)
        if len(fields) != len(pairs):
            raise InitDataError("malformed")  # a repeated field: which one was signed?
        given = fields.get("hash", "")
        if not given or not hmac.compare_digest(signature(fields, self._key), given):
            raise InitDataError("forged")
        return _user(fields.get("user"), _auth_date(fields.get("auth_date")))


def _auth_date(value: str | None) -> datetime:
    if value is None or not value.isdigit():
        raise InitDataError("malformed")
    try:
        return datetime.fromtimestamp(int(value), UTC)
    except (OverflowError, OSError, ValueError):
        raise InitDataError("malformed") from None


def _user(value: str | None, auth_date: datetime) -> WebAppUser:
    try:
        user = json.loads(value) if value else None
    except ValueError:
        user = None
    if not isinstance(user, dict):
        raise InitDataError("malformed")
    user_id = user.get("id")
    if not isinstance(user_id, int) or isinstance(user_id, bool) or user_id <= 0:
        raise InitDataError("malformed")
    name = user.get("first_name")
    username = user.get("username")
    language = user.get("language_code")
    return WebAppUser(
        id=user_id,
        first_name=name if isinstance(name, str) else "",
        username=username if isinstance(username, str) else None,
        language_code=language if isinstance(language, str) else None,
        auth_date=auth_date,
    )
