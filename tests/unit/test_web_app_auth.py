"""initData validation (api.auth) against what the sandbox's Telegram signs
(sandbox/telegram_web_app.py), with aiogram's implementation of Telegram's algorithm as an
independent oracle for the signature."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from aiogram.utils.web_app import check_webapp_signature

from api.auth import InitDataError, InitDataValidator, credentials
from sandbox.telegram_web_app import init_data as web_app_init_data
from sandbox.telegram_web_app import sign_init_data

TOKEN = "123456:test-token"
NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
USER = {"id": 42, "first_name": "Алия", "username": "aliya", "language_code": "ru"}


def validator() -> InitDataValidator:
    return InitDataValidator(TOKEN, timedelta(hours=24))


def test_what_the_sandbox_signs_telegrams_algorithm_accepts() -> None:
    assert check_webapp_signature(TOKEN, web_app_init_data(USER, TOKEN, NOW, query_id="q"))


def test_a_valid_init_data_names_the_user() -> None:
    user = validator().validate(web_app_init_data(USER, TOKEN, NOW), NOW)
    assert (user.id, user.first_name, user.language_code) == (42, "Алия", "ru")


def test_a_signature_for_another_token_is_forged() -> None:
    with pytest.raises(InitDataError) as raised:
        validator().validate(web_app_init_data(USER, "654321:other", NOW), NOW)
    assert raised.value.reason == "forged"


def test_init_data_a_day_and_a_minute_old_is_expired() -> None:
    old = web_app_init_data(USER, TOKEN, NOW - timedelta(hours=24, minutes=1))
    with pytest.raises(InitDataError) as raised:
        validator().validate(old, NOW)
    assert raised.value.reason == "expired"


def test_init_data_from_the_far_future_is_expired() -> None:
    future = web_app_init_data(USER, TOKEN, NOW + timedelta(hours=1))
    with pytest.raises(InitDataError):
        validator().validate(future, NOW)


def test_a_signed_init_data_without_a_user_is_malformed() -> None:
    signed = sign_init_data({"auth_date": str(int(NOW.timestamp()))}, TOKEN)
    with pytest.raises(InitDataError) as raised:
        validator().validate(signed, NOW)
    assert raised.value.reason == "malformed"


@pytest.mark.parametrize("header", [None, "", "tma", "tma   ", "Bearer abc"])
def test_a_header_without_tma_credentials_is_missing(header: str | None) -> None:
    with pytest.raises(InitDataError) as raised:
        credentials(header)
    assert raised.value.reason == "missing"
