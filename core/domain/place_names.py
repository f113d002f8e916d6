"""HH area names in the person's language: «Алматы» is «📍 Almaty» in English, «Караганда»
is «Қарағанды» in Kazakh.

HH's /areas and vacancies name places in Russian. The cities of Kazakhstan and the big
cities around it come from the list below (their official English and Kazakh names:
«Oskemen», not a letter-by-letter «Ust-Kamenogorsk»); any other place is transliterated
to Latin for English (a simplified BGN/PCGN romanisation) and kept in Russian for Kazakh,
which its readers read as written. The list is keyed by the Russian name, not the HH id,
because HH says its region ids "may change at any time".
"""

from __future__ import annotations

import re

# Russian (as HH writes it) → (English, Kazakh).
_NAMES: dict[str, tuple[str, str]] = {
    "Казахстан": ("Kazakhstan", "Қазақстан"),
    "Алматы": ("Almaty", "Алматы"),
    "Астана": ("Astana", "Астана"),
    "Нур-Султан": ("Astana", "Астана"),
    "Шымкент": ("Shymkent", "Шымкент"),
    "Караганда": ("Karaganda", "Қарағанды"),
    "Актобе": ("Aktobe", "Ақтөбе"),
    "Атырау": ("Atyrau", "Атырау"),
    "Актау": ("Aktau", "Ақтау"),
    "Павлодар": ("Pavlodar", "Павлодар"),
    "Усть-Каменогорск": ("Oskemen", "Өскемен"),
    "Семей": ("Semey", "Семей"),
    "Тараз": ("Taraz", "Тараз"),
    "Костанай": ("Kostanay", "Қостанай"),
    "Кызылорда": ("Kyzylorda", "Қызылорда"),
    "Уральск": ("Oral", "Орал"),
    "Петропавловск": ("Petropavl", "Петропавл"),
    "Туркестан": ("Turkistan", "Түркістан"),
    "Кокшетау": ("Kokshetau", "Көкшетау"),
    "Талдыкорган": ("Taldykorgan", "Талдықорған"),
    "Темиртау": ("Temirtau", "Теміртау"),
    "Экибастуз": ("Ekibastuz", "Екібастұз"),
    "Балхаш": ("Balkhash", "Балқаш"),
    "Жезказган": ("Zhezkazgan", "Жезқазған"),
    "Конаев": ("Konaev", "Қонаев"),
    "Жанаозен": ("Zhanaozen", "Жаңаөзен"),
    "Россия": ("Russia", "Ресей"),
    "Москва": ("Moscow", "Мәскеу"),
    "Санкт-Петербург": ("Saint Petersburg", "Санкт-Петербург"),
    "Новосибирск": ("Novosibirsk", "Новосибирск"),
    "Екатеринбург": ("Yekaterinburg", "Екатеринбург"),
    "Омск": ("Omsk", "Омбы"),
    "Узбекистан": ("Uzbekistan", "Өзбекстан"),
    "Ташкент": ("Tashkent", "Ташкент"),
    "Кыргызстан": ("Kyrgyzstan", "Қырғызстан"),
    "Бишкек": ("Bishkek", "Бішкек"),
}

_LATIN: dict[str, str] = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "yo",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
    "ә": "a",
    "ғ": "g",
    "қ": "k",
    "ң": "n",
    "ө": "o",
    "ұ": "u",
    "ү": "u",
    "һ": "h",
    "і": "i",
}
_CYRILLIC_WORD = re.compile(r"[а-яёәғқңөұүһі]+", re.IGNORECASE)


def transliterate_to_latin(name: str) -> str:
    """«Жанатас» → «Zhanatas», «Щучинск» → «Shchuchinsk»; non-Cyrillic text unchanged."""
    return _CYRILLIC_WORD.sub(_latin_word, name)


def _latin_word(match: re.Match[str]) -> str:
    word = match.group(0)
    latin = "".join(_LATIN.get(letter.lower(), letter) for letter in word)
    return latin[:1].upper() + latin[1:] if word[:1].isupper() else latin


def place_name(name: str, language: str) -> str:
    """HH's Russian ``name`` of a place as the person reads it in ``language``."""
    if language == "ru" or not name:
        return name
    known = _NAMES.get(name.strip())
    if language == "kk":
        return known[1] if known else name
    return known[0] if known else transliterate_to_latin(name)
