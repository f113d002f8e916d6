"""Settings read from the environment and `.env` (names as in DESIGN.md "Configuration")."""

from __future__ import annotations

import math
import re
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./hh_jobs_bot.db"
TELEGRAM_API_URL = "https://api.telegram.org"


# The sites HH's API serves (its ``host`` parameter).
HH_HOSTS = frozenset(
    {"hh.ru", "hh.kz", "hh.uz", "rabota.by", "hh1.az", "headhunter.ge", "headhunter.kg"}
)
DATABASE_DRIVERS = ("sqlite+aiosqlite", "postgresql+asyncpg")
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
REDIS_SCHEMES = frozenset({"redis", "rediss", "unix"})
_BOT_TOKEN = re.compile(r"\d{1,20}:[A-Za-z0-9_-]{1,100}")


class ConfigError(RuntimeError):
    """A setting is missing or malformed; the message names the variable in one line."""


def _http_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or " " in value:
        raise ValueError(f"expected an http(s) URL, got {value!r}")
    return value


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    # Telegram
    bot_token: SecretStr | None = None
    telegram_api_url: str = TELEGRAM_API_URL
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_host: str = "0.0.0.0"  # a webhook server listens on all interfaces
    webhook_port: int = Field(8080, ge=1, le=65535)
    telegram_global_rate: float = Field(30.0, gt=0, description="messages/s across all chats")
    telegram_chat_rate: float = Field(1.0, gt=0, description="messages/s into one chat")
    # Every Bot API request: tries in all on 429 / 5xx / network errors, first backoff (s).
    telegram_retry_attempts: int = Field(5, ge=1, le=10)
    telegram_retry_backoff: float = Field(0.5, gt=0, le=30)
    admin_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)

    # The Mini App and its JSON API (api/): served on the webhook's server in webhook mode,
    # on WEB_APP_HOST:WEB_APP_PORT in polling mode. WEB_APP_URL (public HTTPS) sets the
    # bot's menu button to the Mini App.
    web_app_url: str | None = None
    web_app_host: str = "127.0.0.1"
    web_app_port: int = Field(8081, ge=0, le=65535)  # 0: any free port (tests)
    web_app_auth_max_age: int = Field(86400, ge=60, le=30 * 86400, description="seconds")
    web_app_rate: float = Field(5.0, gt=0, description="API requests/s per user")
    web_app_burst: int = Field(30, ge=1, le=10_000)

    # Storage
    database_url: str = DEFAULT_DATABASE_URL
    redis_url: str | None = None

    # HeadHunter
    hh_api_base_url: str = "https://api.hh.ru"
    hh_host: str = "hh.kz"
    hh_app_token: SecretStr | None = None
    hh_api_timeout: float = Field(30.0, gt=0, le=600)
    hh_user_agent: str = "hh-jobs-bot/0.1 (hh-jobs-bot@example.com)"
    hh_requests_per_second: float = Field(8.0, gt=0)
    max_concurrent_api_calls: int = Field(10, ge=1, le=100)
    hh_max_attempts: int = Field(4, ge=1, le=10)

    # Recommendations and learning
    recommendation_cache_hours: float = Field(24.0, ge=0)
    max_recommendations_per_user: int = Field(1000, ge=10)
    preference_update_interval_days: int = Field(30, ge=1)
    recommendation_retention_days: int = Field(90, ge=1)

    # Users
    default_timezone: str = "Asia/Almaty"
    default_digest_time: str = "09:00"
    log_level: str = "INFO"

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_admin_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        if isinstance(value, int):
            return [value]
        return value

    @field_validator("bot_token", mode="before")
    @classmethod
    def _check_bot_token(cls, value: object) -> object:
        text = value.get_secret_value() if isinstance(value, SecretStr) else value
        if text is None or text == "":
            return None  # no token: the offline demo
        if not isinstance(text, str) or not _BOT_TOKEN.fullmatch(text.strip()):
            raise ValueError("expected a token from @BotFather, like 123456:ABC-DEF…")
        return text.strip()

    @field_validator("telegram_api_url", "hh_api_base_url")
    @classmethod
    def _check_url(cls, value: str) -> str:
        return _http_url(value)

    @field_validator("webhook_url")
    @classmethod
    def _check_webhook_url(cls, value: str | None) -> str | None:
        if not value:
            return None
        return _http_url(value)

    @field_validator("web_app_url")
    @classmethod
    def _check_web_app_url(cls, value: str | None) -> str | None:
        if not value:
            return None
        parts = urlsplit(_http_url(value))
        # Telegram opens Mini Apps over HTTPS only; plain HTTP is for loopback (the sandbox).
        if parts.scheme != "https" and parts.hostname not in LOOPBACK_HOSTS:
            raise ValueError(f"expected an https:// URL (Telegram requires it), got {value!r}")
        return value

    @field_validator("database_url")
    @classmethod
    def _check_database_url(cls, value: str) -> str:
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        try:
            url = make_url(value)
        except ArgumentError:
            raise ValueError(f"not a database URL: {value!r}") from None
        if url.drivername not in DATABASE_DRIVERS:
            raise ValueError(
                f"expected {' or '.join(d + '://…' for d in DATABASE_DRIVERS)}, "
                f"got {url.drivername}://…"
            )
        return value

    @field_validator("redis_url")
    @classmethod
    def _check_redis_url(cls, value: str | None) -> str | None:
        if not value:
            return None
        parts = urlsplit(value)
        if parts.scheme not in REDIS_SCHEMES or (parts.scheme != "unix" and not parts.hostname):
            raise ValueError("expected redis://host:port/db")
        return value

    @field_validator("hh_host")
    @classmethod
    def _check_hh_host(cls, value: str) -> str:
        host = value.strip().lower()
        if host not in HH_HOSTS:
            raise ValueError(f"expected one of {', '.join(sorted(HH_HOSTS))}")
        return host

    @field_validator(
        "telegram_global_rate",
        "telegram_chat_rate",
        "telegram_retry_backoff",
        "hh_api_timeout",
        "hh_requests_per_second",
        "recommendation_cache_hours",
        "web_app_rate",
    )
    @classmethod
    def _check_finite(cls, value: float) -> float:
        if not math.isfinite(value):
            raise ValueError("expected a finite number")
        return value

    @field_validator("default_digest_time")
    @classmethod
    def _check_digest_time(cls, value: str) -> str:
        hours, _, minutes = value.partition(":")
        if not (hours.isdigit() and minutes.isdigit() and int(hours) < 24 and int(minutes) < 60):
            raise ValueError("expected HH:MM")
        return f"{int(hours):02d}:{int(minutes):02d}"

    @field_validator("default_timezone")
    @classmethod
    def _check_timezone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def load_settings(**overrides: Any) -> Settings:
    """Build settings, turning a validation error into one line naming the variable.

    Overrides are Any on purpose: like values from the environment, they are raw input that
    pydantic validates and converts field by field."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        first = exc.errors()[0]
        name = "_".join(str(part) for part in first["loc"][:1]).upper() or "SETTINGS"
        message = str(first["msg"]).removeprefix("Value error, ")
        raise ConfigError(f"Invalid setting {name}: {message}") from None
