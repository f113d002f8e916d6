"""The Mini App's settings: a bad one stops the start with one line naming it."""

from __future__ import annotations

import pytest

from core.config import ConfigError, load_settings


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("web_app_url", "http://jobs.example.com/app/"),  # Telegram opens HTTPS only
        ("web_app_url", "not a url"),
        ("web_app_port", 70000),
        ("web_app_auth_max_age", 0),
        ("web_app_rate", "inf"),
        ("web_app_burst", 0),
    ],
)
def test_a_bad_web_app_setting_is_named(name: str, value: object) -> None:
    with pytest.raises(ConfigError) as raised:
        load_settings(**{name: value})
    message = str(raised.value)
    assert message.startswith(f"Invalid setting {name.upper()}:") and "\n" not in message


def test_https_and_loopback_http_web_app_urls_are_accepted() -> None:
    assert load_settings(web_app_url="https://jobs.example.com/app/").web_app_url
    assert load_settings(web_app_url="http://127.0.0.1:8081/app/").web_app_url


def test_the_defaults_are_loopback_8081_and_a_day() -> None:
    settings = load_settings()
    assert (settings.web_app_host, settings.web_app_port) == ("127.0.0.1", 8081)
    assert settings.web_app_auth_max_age == 24 * 3600 and settings.web_app_url is None
