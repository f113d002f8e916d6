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
from itertools import chain

import snowballstemmer

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
# Vacancy text is a few thousand distinct words repeated: each distinct whitespace-
# separated chunk is normalised once (cached), then the chunks' tokens are concatenated.
_KEPT_COMPOUNDS = frozenset(
    {".net", "asp.net", "ui/ux", "ux/ui", "ci/cd", "a/b", "pl/sql", "t-sql", "tcp/ip"}
)

_MIN_STEM = 3
_RUSSIAN = snowballstemmer.stemmer("russian")
_ENGLISH = snowballstemmer.stemmer("english")


def _fold_mixed_word(match: re.Match[str]) -> str:
    word = match.group(0)
    latin = len(_LATIN.findall(word))
    cyrillic = len(_CYRILLIC.findall(word))
    if latin > cyrillic or any(ch.isdigit() for ch in word):
        return word.translate(_CYR_TO_LAT)
    return word.translate(_LAT_TO_CYR)


def _fold_homoglyphs(chunk: str) -> str:
    # Cheap substring tests first: almost every chunk is single-script and needs nothing.
    if chunk.isascii():
        return chunk
    if "1с" in chunk:
        chunk = _ONE_C.sub("1c", chunk)
    if "с+" in chunk or "с#" in chunk:
        chunk = _CYR_TECH.sub("c", chunk)
    if _LATIN.search(chunk) and _CYRILLIC.search(chunk):
        chunk = _MIXED_WORD.sub(_fold_mixed_word, chunk)
    return chunk


def _keep_compound(token: str) -> bool:
    return token in _KEPT_COMPOUNDS or token.endswith(".js")


def _split_token(token: str) -> list[str]:
    if _keep_compound(token):
        return [token]
    return [part for part in _JOINERS.split(token) if part]


@lru_cache(maxsize=300_000)
def chunk_tokens(chunk: str) -> tuple[str, ...]:
    """Normalised tokens of one lowercased chunk of text (cached: vocabulary is small)."""
    tokens: list[str] = []
    for token in _TOKEN.findall(_fold_homoglyphs(chunk)):
        if "." in token or "/" in token or "-" in token:
            tokens.extend(_split_token(token))
        else:
            tokens.append(token)
    return tuple(tokens)


@lru_cache(maxsize=300_000)
def _chunk_stems(chunk: str) -> tuple[str, ...]:
    return tuple(stem(token) for token in chunk_tokens(chunk))


def split_chunks(text: str) -> list[str]:
    """Lowercased whitespace-separated chunks; feed each to :func:`chunk_tokens`."""
    if not isinstance(text, str) or not text:
        return []
    # str.split() already treats NBSP and other Unicode spaces as separators.
    return text.lower().replace("ё", "е").split()


# Characters that show nothing: zero-width spaces and joiners, the word joiner, soft
# hyphen, direction marks, variation selectors, the BOM, Hangul fillers, tag characters.
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
    "\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\U000e0000-\U000e0fff]"
)


def visible_text(text: str | None) -> str:
    """``text`` without the characters that show nothing, stripped: a message of only
    zero-width characters is empty, as the person sees it."""
    return _INVISIBLE.sub("", text or "").strip()


def tokens_of(text: str) -> list[str]:
    """Normalised tokens of ``text`` (see :func:`normalize_text`)."""
    return list(chain.from_iterable(map(chunk_tokens, split_chunks(text))))


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
    """Snowball stem: Russian for Cyrillic words, English for Latin; symbols untouched.

    A stem shorter than three letters is not used: «going» must not become the
    language «go», nor «опыт» the meaningless «оп».
    """
    if len(token) <= 2 or not token.isalpha():
        return token
    if _is_cyrillic(token[0]):
        stemmed = _RUSSIAN.stemWord(token)
    elif token.isascii():
        stemmed = _ENGLISH.stemWord(token)
    else:
        return token
    return stemmed if len(stemmed) >= _MIN_STEM else token


def stem_tokens(tokens: Iterable[str]) -> list[str]:
    return [stem(token) for token in tokens]


def text_stems(text: str) -> list[str]:
    """Stemmed tokens of free text: the form every matcher compares."""
    return list(chain.from_iterable(map(_chunk_stems, split_chunks(text))))
