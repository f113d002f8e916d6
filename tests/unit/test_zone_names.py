"""zone_for: a time zone typed as a city (en / ru / kk), an IANA name or a UTC offset."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.domain.zone_names import nearest_place, zone_for


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Astana", "Asia/Almaty"),
        ("Астана", "Asia/Almaty"),
        ("Нур-Султан", "Asia/Almaty"),
        ("Almaty", "Asia/Almaty"),
        ("Алматы", "Asia/Almaty"),
        ("г. Алматы", "Asia/Almaty"),
        ("Шымкент", "Asia/Almaty"),
        ("Shymkent", "Asia/Almaty"),
        ("Караганда", "Asia/Almaty"),
        ("Qaraghandy", "Asia/Almaty"),
        ("Қарағанды", "Asia/Almaty"),
        ("Өскемен", "Asia/Almaty"),
        ("Актобе", "Asia/Aqtobe"),
        ("Ақтөбе", "Asia/Aqtobe"),
        ("Атырау", "Asia/Atyrau"),
        ("Қостанай", "Asia/Qostanay"),
        ("Уральск", "Asia/Oral"),
        ("Актау", "Asia/Aqtau"),
        ("Moscow", "Europe/Moscow"),
        ("Москва", "Europe/Moscow"),
        ("Мәскеу", "Europe/Moscow"),
        ("санкт петербург", "Europe/Moscow"),
        ("Новосибирск", "Asia/Novosibirsk"),
        ("Ташкент", "Asia/Tashkent"),
        ("Bishkek", "Asia/Bishkek"),
    ],
)
def test_a_city_in_english_russian_or_kazakh_gives_its_zone(typed: str, zone: str) -> None:
    assert zone_for(typed) == zone


@pytest.mark.parametrize(
    "city",
    [
        "Astana",
        "Алматы",
        "Шымкент",
        "Қарағанды",
        "Ақтөбе",
        "Атырау",
        "Орал",
        "Ақтау",
        "Қостанай",
        "Қызылорда",
    ],
)
def test_every_kazakh_city_is_on_utc_plus_5_since_march_2024(city: str) -> None:
    zone = zone_for(city)
    assert zone is not None
    summer_2026 = datetime(2026, 7, 1, 12, tzinfo=UTC).astimezone(ZoneInfo(zone))
    assert summer_2026.utcoffset() is not None
    assert summer_2026.utcoffset().total_seconds() == 5 * 3600


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("asia/almaty", "Asia/Almaty"),
        (" Europe/Moscow ", "Europe/Moscow"),
        ("UTC", "UTC"),
        ("new york", "America/New_York"),
    ],
)
def test_iana_names_still_work(typed: str, zone: str) -> None:
    assert zone_for(typed) == zone


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("UTC+5", "Etc/GMT-5"),
        ("utc +5", "Etc/GMT-5"),
        ("+05:00", "Etc/GMT-5"),
        ("GMT-3", "Etc/GMT+3"),
        ("+0", "UTC"),
        ("UTC+5:30", "Asia/Kolkata"),
        ("+14", "Etc/GMT-14"),
        ("-12", "Etc/GMT+12"),
    ],
)
def test_a_utc_offset_gives_a_zone_with_that_offset(typed: str, zone: str) -> None:
    assert zone_for(typed) == zone


@pytest.mark.parametrize(
    "typed",
    [
        "Springfield",
        "Mars/Base",
        "UTC+15",
        "+5:17",
        "",
        "   ",
        "<b>Astana</b>x",
        "x" * 500,
        "'; DROP TABLE users; --",
    ],
)
def test_text_that_names_no_zone_gives_none(typed: str) -> None:
    assert zone_for(typed) is None


@pytest.mark.parametrize(
    ("typed", "place"), [("Astna", "Astana"), ("Карагнда", "Караганда"), ("Moskow", "Moscow")]
)
def test_a_misspelt_city_is_offered_back_spelled_right(typed: str, place: str) -> None:
    assert nearest_place(typed) == place


def test_nothing_is_offered_for_text_unlike_any_city() -> None:
    assert nearest_place("Springfield") is None


@given(st.text(max_size=200))
def test_any_text_gives_a_zone_or_none_without_raising(text: str) -> None:
    zone = zone_for(text)
    assert zone is None or ZoneInfo(zone) is not None
    nearest_place(text)
