"""A typed time zone → its IANA name: a city in English, Russian or Kazakh («Astana»,
«Алматы», «Қарағанды»), an IANA name («asia/almaty») or a UTC offset («UTC+5», «+05:00»).

Kazakhstan moved to one time zone, UTC+5, on 1 March 2024 (tzdata 2024a); every Kazakh
city still maps to the IANA zone of its region (Almaty, Aqtobe, Atyrau…), so the right
history is kept and a future regional change comes with tzdata, not with this table.

Everything here is pure and total: any text gives a zone name or None, never an exception.
"""

from __future__ import annotations

import re
from functools import cache
from zoneinfo import available_timezones

from rapidfuzz import fuzz, process

from core.domain.text import normalize_text

MAX_ZONE_TEXT = 64  # longer text is not a place or a zone someone typed
NEAR_PLACE_SCORE = 75  # «Алмата» → «Алматы» is offered as "did you mean", never applied

# IANA zone → every spelling of the places in it (English, Russian, Kazakh Cyrillic and
# Latin, former names). The first spelling is the one offered back in "did you mean".
_PLACES: dict[str, tuple[str, ...]] = {
    "Asia/Almaty": (
        "Almaty",
        "Алматы",
        "Alma-Ata",
        "Алма-Ата",
        "Алмата",
        "Astana",
        "Астана",
        "Nur-Sultan",
        "Нур-Султан",
        "Nursultan",
        "Акмола",
        "Akmola",
        "Целиноград",
        "Shymkent",
        "Шымкент",
        "Chimkent",
        "Чимкент",
        "Şymkent",
        "Karaganda",
        "Караганда",
        "Qaraghandy",
        "Karagandy",
        "Qaragandy",
        "Қарағанды",
        "Qarağandy",
        "Караганды",
        "Taraz",
        "Тараз",
        "Pavlodar",
        "Павлодар",
        "Oskemen",
        "Өскемен",
        "Оскемен",
        "Ust-Kamenogorsk",
        "Усть-Каменогорск",
        "Öskemen",
        "Semey",
        "Семей",
        "Semipalatinsk",
        "Семипалатинск",
        "Petropavl",
        "Петропавл",
        "Petropavlovsk",
        "Петропавловск",
        "Turkistan",
        "Turkestan",
        "Туркестан",
        "Түркістан",
        "Kokshetau",
        "Кокшетау",
        "Көкшетау",
        "Kökşetau",
        "Taldykorgan",
        "Талдыкорган",
        "Талдықорған",
        "Taldyqorgan",
        "Ekibastuz",
        "Экибастуз",
        "Екібастұз",
        "Temirtau",
        "Темиртау",
        "Теміртау",
        "Zhezkazgan",
        "Жезказган",
        "Жезқазған",
        "Konaev",
        "Qonaev",
        "Қонаев",
        "Конаев",
        "Kazakhstan",
        "Казахстан",
        "Қазақстан",
        "Qazaqstan",
    ),
    "Asia/Qostanay": ("Kostanay", "Костанай", "Qostanay", "Қостанай", "Кустанай"),
    "Asia/Aqtobe": ("Aktobe", "Актобе", "Aqtobe", "Ақтөбе", "Актюбинск"),
    "Asia/Qyzylorda": ("Kyzylorda", "Кызылорда", "Qyzylorda", "Қызылорда"),
    "Asia/Atyrau": ("Atyrau", "Атырау", "Гурьев"),
    "Asia/Aqtau": ("Aktau", "Актау", "Aqtau", "Ақтау", "Zhanaozen", "Жанаозен", "Жаңаөзен"),
    "Asia/Oral": ("Oral", "Орал", "Uralsk", "Уральск"),
    "Europe/Moscow": (
        "Moscow",
        "Москва",
        "Мәскеу",
        "Moskva",
        "Saint Petersburg",
        "St Petersburg",
        "Санкт-Петербург",
        "Петербург",
        "Питер",
        "Kazan",
        "Казань",
        "Nizhny Novgorod",
        "Нижний Новгород",
        "Rostov-on-Don",
        "Ростов-на-Дону",
        "Krasnodar",
        "Краснодар",
        "Sochi",
        "Сочи",
    ),
    "Europe/Samara": ("Samara", "Самара"),
    "Asia/Yekaterinburg": (
        "Yekaterinburg",
        "Екатеринбург",
        "Chelyabinsk",
        "Челябинск",
        "Tyumen",
        "Тюмень",
        "Ufa",
        "Уфа",
        "Perm",
        "Пермь",
        "Orenburg",
        "Оренбург",
    ),
    "Asia/Omsk": ("Omsk", "Омск", "Омбы"),
    "Asia/Novosibirsk": ("Novosibirsk", "Новосибирск"),
    "Asia/Barnaul": ("Barnaul", "Барнаул"),
    "Asia/Krasnoyarsk": ("Krasnoyarsk", "Красноярск"),
    "Asia/Irkutsk": ("Irkutsk", "Иркутск"),
    "Asia/Vladivostok": ("Vladivostok", "Владивосток"),
    "Asia/Tashkent": ("Tashkent", "Ташкент", "Тошкент", "Toshkent", "Samarkand", "Самарканд"),
    "Asia/Bishkek": ("Bishkek", "Бишкек", "Бішкек"),
    "Asia/Dushanbe": ("Dushanbe", "Душанбе"),
    "Asia/Ashgabat": ("Ashgabat", "Ашхабад", "Ашгабат"),
    "Asia/Baku": ("Baku", "Баку"),
    "Asia/Tbilisi": ("Tbilisi", "Тбилиси"),
    "Asia/Yerevan": ("Yerevan", "Ереван"),
    "Europe/Minsk": ("Minsk", "Минск"),
    "Europe/Kyiv": ("Kyiv", "Kiev", "Киев", "Київ"),
    "Europe/Istanbul": ("Istanbul", "Стамбул", "Ыстамбұл"),
    "Asia/Dubai": ("Dubai", "Дубай"),
    "Europe/Berlin": ("Berlin", "Берлин"),
    "Europe/London": ("London", "Лондон"),
    "Asia/Shanghai": ("Beijing", "Пекин", "Бейжің", "Shanghai", "Шанхай"),
}

# Words around a city name that do not change it: «г. Алматы», «Astana city».
_PLACE_FILLER = frozenset({"г", "город", "гор", "city", "qala", "қала", "қаласы", "kz"})

# «UTC+5», «GMT -3», «+05:00», «utc+5:30», «+5».
_OFFSET = re.compile(
    r"(?:utc|gmt)?\s*(?P<sign>[+\-−])\s*(?P<hours>\d{1,2})(?:\s*[:.]?\s*(?P<minutes>\d{2}))?"
)
# Offsets that are not whole hours have no Etc/ zone: the zone that keeps them all year.
_FRACTIONAL_OFFSETS: dict[tuple[int, int], str] = {
    (5, 30): "Asia/Kolkata",
    (5, 45): "Asia/Kathmandu",
    (3, 30): "Asia/Tehran",
    (4, 30): "Asia/Kabul",
    (6, 30): "Asia/Yangon",
    (9, 30): "Australia/Darwin",
    (-3, -30): "America/St_Johns",
    (-9, -30): "Pacific/Marquesas",
}


def _place_key(text: str) -> str:
    tokens = normalize_text(text).split()
    meaningful = [token for token in tokens if token not in _PLACE_FILLER]
    return " ".join(meaningful or tokens)


@cache
def _places() -> dict[str, str]:
    """Place key («санкт петербург») → IANA zone, over the zones this tzdata has."""
    known = available_timezones()
    return {
        _place_key(spelling): zone
        for zone, spellings in _PLACES.items()
        if zone in known
        for spelling in spellings
    }


@cache
def _spelling_by_key() -> dict[str, str]:
    return {
        _place_key(spelling): spelling for spellings in _PLACES.values() for spelling in spellings
    }


@cache
def _iana_names() -> tuple[dict[str, str], dict[str, list[str]]]:
    """IANA zones by lower-cased name, and by lower-cased city part ("new_york")."""
    by_name: dict[str, str] = {}
    by_city: dict[str, list[str]] = {}
    for name in sorted(available_timezones()):
        by_name[name.lower()] = name
        if "/" in name and not name.startswith(("Etc/", "SystemV/")):
            by_city.setdefault(name.rsplit("/", 1)[1].lower(), []).append(name)
    return by_name, by_city


def _from_iana(text: str) -> str | None:
    """ "europe/moscow" → "Europe/Moscow"; "new york" → "America/New_York" (one match only)."""
    cleaned = "_".join(text.split()).lower()
    by_name, by_city = _iana_names()
    if cleaned in by_name:
        return by_name[cleaned]
    cities = by_city.get(cleaned, [])
    return cities[0] if len(cities) == 1 else None


def _from_offset(text: str) -> str | None:
    """ "UTC+5" → "Etc/GMT-5" (the Etc/ sign is inverted by POSIX convention)."""
    compact = text.lower().replace(" ", "")
    if compact in {"utc", "gmt", "utc+0", "gmt+0", "+0", "+00:00", "z"}:
        return "UTC"
    match = _OFFSET.fullmatch(compact)
    if match is None:
        return None
    sign = -1 if match["sign"] in "-−" else 1
    hours, minutes = int(match["hours"]), int(match["minutes"] or 0)
    if minutes:
        return _FRACTIONAL_OFFSETS.get((sign * hours, sign * minutes))
    if not -12 <= sign * hours <= 14:
        return None
    if hours == 0:
        return "UTC"
    return f"Etc/GMT{'-' if sign > 0 else '+'}{hours}"


def zone_for(typed: str) -> str | None:
    """The IANA zone a person meant by ``typed``, or None when it names no zone."""
    if not isinstance(typed, str):
        return None
    text = typed.strip()
    if not text or len(text) > MAX_ZONE_TEXT:
        return None
    return _from_iana(text) or _from_offset(text) or _places().get(_place_key(text))


def nearest_place(typed: str) -> str | None:
    """A known place spelled like ``typed`` («Алмата» → «Алматы»), to offer back; or None."""
    if not isinstance(typed, str) or not typed.strip() or len(typed) > MAX_ZONE_TEXT:
        return None
    key = _place_key(typed)
    if not key:
        return None
    found = process.extractOne(
        key, list(_places()), scorer=fuzz.ratio, score_cutoff=NEAR_PLACE_SCORE
    )
    return _spelling_by_key()[found[0]] if found else None
