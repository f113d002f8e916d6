"""Settings read from the environment and `.env` (names as in DESIGN.md "Configuration")."""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./hh_jobs_bot.db"
TELEGRAM_API_URL = "https://api.telegram.org"


class ConfigError(RuntimeError):
    """A setting is missing or malformed; the message names the variable in one line."""


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

    # Storage
    database_url: str = DEFAULT_DATABASE_URL
    redis_url: str | None = None

    # HeadHunter
    hh_api_base_url: str = "https://api.hh.ru"
    hh_host: str = "hh.kz"
    hh_app_token: SecretStr | None = None
    hh_api_timeout: float = Field(30.0, gt=0)
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


def load_settings(**overrides: object) -> Settings:
    """Build settings, turning a validation error into one line naming the variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        name = "_".join(str(part) for part in first["loc"][:1]).upper() or "SETTINGS"
        raise ConfigError(f"Invalid setting {name}: {first['msg']}") from None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()
