"""Russian/English text normalisation shared by skill matching, scoring and city lookup.

Vacancy text on hh.kz mixes Russian, English and the odd Kazakh word, and people type
skills with Cyrillic look-alikes («1С», «С++»). Everything that compares words goes
through :func:`tokenize` and :func:`stem`, so both sides of a comparison are normalised
the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import snowballstemmer

_LOWER_FOLD = str.maketrans({"ё": "е", "\u00a0": " ", "\u2019": "'", "\u02bc": "'"})

# Visual look-alikes only: folding anything else would change meaning.
_CYR_TO_LAT = str.maketrans("аеорсухкмтнвіј", "aeopcyxkmthbij")
_LAT_TO_CYR = str.maketrans("aeopcyxkmthbij", "аеорсухкмтнвіј")
_CYRILLIC = re.compile(r"[а-яәғқңөұүһі]")
_LATIN = re.compile(r"[a-z]")

# A word mixing scripts («pythоn» with a Cyrillic о) or a Cyrillic «с» in a tech name
# («1с», «с++», «с#»). Scanning with one regex keeps the common, clean case fast.
_MIXED_WORD = re.compile(r"[^\W_]*(?:[a-z][а-яәғқңөұүһі]|[а-яәғқңөұүһі][a-z])[^\W_]*")
_CYR_TECH = re.compile(r"(?<!\w)с(?=\+\+|#)")
_ONE_C = re.compile(r"(?<![\w])1с(?![^\W_])")

# Words joined by ".", "/" or "-" are split unless the joined form is itself a name
# whose parts would mean something else (".net" is not "net", "ci/cd" is one practice).
_TOKEN = re.compile(r"(?:(?<!\w)\.(?=net\b))?[^\W_]+(?:[./\-][^\W_]+)*[+#]*")
_JOINERS = re.compile(r"[./\-]")
_KEPT_COMPOUNDS = frozenset(
    {".net", "asp.net", "ui/ux", "ux/ui", "ci/cd", "a/b", "pl/sql", "t-sql", "tcp/ip"}
)

_RUSSIAN = snowballstemmer.stemmer("russian")
_ENGLISH = snowballstemmer.stemmer("english")


def _fold_mixed_word(match: re.Match[str]) -> str:
    word = match.group(0)
    latin = len(_LATIN.findall(word))
    cyrillic = len(_CYRILLIC.findall(word))
    if latin > cyrillic or any(ch.isdigit() for ch in word):
        return word.translate(_CYR_TO_LAT)
    return word.translate(_LAT_TO_CYR)


def _fold_homoglyphs(text: str) -> str:
    text = _ONE_C.sub("1c", text)
    text = _CYR_TECH.sub("c", text)
    return _MIXED_WORD.sub(_fold_mixed_word, text)


def _keep_compound(token: str) -> bool:
    return token in _KEPT_COMPOUNDS or token.endswith(".js")


def _split_token(token: str) -> list[str]:
    if _keep_compound(token):
        return [token]
    return [part for part in _JOINERS.split(token) if part]


def tokens_of(text: str) -> list[str]:
    """Normalised tokens of ``text`` (see :func:`normalize_text`)."""
    if not isinstance(text, str) or not text:
        return []
    folded = _fold_homoglyphs(text.lower().translate(_LOWER_FOLD))
    tokens: list[str] = []
    for token in _TOKEN.findall(folded):
        if "." in token or "/" in token or "-" in token:
            tokens.extend(_split_token(token))
        else:
            tokens.append(token)
    return tokens


def normalize_text(text: str) -> str:
    """Lowercase, «ё»→«е», homoglyphs folded, punctuation → space, spaces collapsed.

    Tech names keep their symbols: «C++», «C#», «.NET», «Node.js», «UI/UX».
    """
    return " ".join(tokens_of(text))


def tokenize(text: str) -> list[str]:
    return tokens_of(text)


def _is_cyrillic(ch: str) -> bool:
    return "а" <= ch <= "я" or ch in "әғқңөұүһі"


@lru_cache(maxsize=200_000)
def stem(token: str) -> str:
    """Snowball stem: Russian for Cyrillic words, English for Latin; symbols untouched."""
    if len(token) <= 2 or not token.isalpha():
        return token
    if _is_cyrillic(token[0]):
        return _RUSSIAN.stemWord(token)
    if token.isascii():
        return _ENGLISH.stemWord(token)
    return token


def stem_tokens(tokens: Iterable[str]) -> list[str]:
    return [stem(token) for token in tokens]


def text_stems(text: str) -> list[str]:
    """Stemmed tokens of free text: the form every matcher compares."""
    return [stem(token) for token in tokens_of(text)]
