"""Telegram's side of a Mini App launch, for the emulator: the initData it signs.

When a person opens a bot's Mini App, Telegram loads the app's URL with
``#tgWebAppData=<initData>&tgWebAppVersion=…&tgWebAppThemeParams=…`` and signs initData
with the bot's token: ``hash`` = HMAC-SHA256 of the other fields (sorted ``key=value``
lines) under HMAC-SHA256(key="WebAppData", msg=bot_token). The bot's API checks it
(api/auth.py); this module is deliberately a separate implementation of the same rule.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Mapping
from datetime import datetime
from urllib.parse import quote, urlencode

WEB_APP_VERSION = "8.0"
# A light theme as Telegram's clients send it (the app also works without one).
THEME = {
    "bg_color": "#ffffff",
    "text_color": "#000000",
    "hint_color": "#707579",
    "link_color": "#3390ec",
    "button_color": "#3390ec",
    "button_text_color": "#ffffff",
    "secondary_bg_color": "#f4f4f5",
}


def sign_init_data(fields: Mapping[str, str], bot_token: str) -> str:
    """The fields plus their ``hash``, URL-encoded, as ``Telegram.WebApp.initData``."""
    key = hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()
    check = "\n".join(f"{name}={fields[name]}" for name in sorted(fields))
    digest = hmac.new(key, check.encode(), hashlib.sha256).hexdigest()
    return urlencode({**fields, "hash": digest})


def init_data(user: Mapping[str, object], bot_token: str, auth_date: datetime, **extra: str) -> str:
    """initData for ``user`` (a Telegram user object) opening the app at ``auth_date``."""
    fields = {
        "query_id": extra.pop("query_id", "AA" + secrets.token_urlsafe(12)),
        "user": json.dumps(user, ensure_ascii=False, separators=(",", ":")),
        "auth_date": str(int(auth_date.timestamp())),
        **extra,
    }
    return sign_init_data(fields, bot_token)


def launch_url(app_url: str, signed: str) -> str:
    """The address a client opens: the app with initData and the theme in the fragment."""
    fragment = urlencode(
        {
            "tgWebAppData": signed,
            "tgWebAppVersion": WEB_APP_VERSION,
            "tgWebAppPlatform": "web",
            "tgWebAppThemeParams": json.dumps(THEME, separators=(",", ":")),
        },
        quote_via=quote,
    )
    return f"{app_url.split('#', 1)[0]}#{fragment}"
