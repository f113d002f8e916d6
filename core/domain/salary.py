"""Typed salary → SalaryExpectation, and amounts back to text.

The person types into a Telegram chat, so :func:`parse_salary` accepts any string and
answers with a result or an error code, never an exception; the bot's locale files turn
the codes into words.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from core.domain.preferences import SalaryExpectation

MAX_SALARY = 1_000_000_000
MAX_SALARY_TEXT = 100  # a salary is a few words; longer input is something else
SALARY_ERRORS: tuple[str, ...] = ("empty", "not_understood", "too_large", "too_small", "negative")

_CURRENCY_SIGNS: dict[str, str] = {"₸": "KZT", "₽": "RUR", "$": "USD", "€": "EUR"}
_CURRENCY_SYMBOLS: dict[str, str] = {code: sign for sign, code in _CURRENCY_SIGNS.items()}
_SIGN_BEFORE_AMOUNT = frozenset({"USD", "EUR"})  # "$2 000", but "300 000 ₸"
_CURRENCY_WORDS = re.compile(
    r"(?<![a-zа-я])(?:"
    r"(?P<KZT>тенге|тг|тнг|kzt|tenge)"
    r"|(?P<RUR>руб(?:л[а-я]*)?|rur|rub|rubles?|roubles?)"
    r"|(?P<USD>usd|долл(?:ар[а-я]*)?|dollars?|бакс[а-я]*|у\.?е)"
    r"|(?P<EUR>eur|euros?|евро)"
    r")\.?(?![a-zа-я])"
)
# A whole amount: "300 000" (spaced thousands) or "300000" / "1,5" / "1.5".
_AMOUNT = re.compile(r"(?<![0-9.,])(?:[0-9]{1,3}(?: [0-9]{3})+|[0-9]+(?:[.,][0-9]+)?)(?![0-9])")
_MULTIPLIER = re.compile(
    r" ?(?:(?P<thousand>тысяч[аи]?|тыс\.?|т\.р\.?|мың(?:нан)?|k|к)"
    r"|(?P<million>миллион(?:а|ов)?|млн\.?|mln|kk|кк|m|м))(?![a-zа-я])"
)
# What may surround the amounts once they and the currency are taken out.
_FILLER = re.compile(
    r"(?<![a-zа-я])(?:в месяц|на руки|per month|a month|в мес|мес|месяц|monthly|net|gross"
    r"|зп|з/п|зарплата|salary|примерно|около|~|/мес|/month"
    r"|айына|бастап|жалақы)(?![a-zа-яәғқңөұүһі])"  # Kazakh: a month, from, salary
)
_MIN_SHAPE = re.compile(r"(?:от|from|>=?|≥|min|минимум|не менее|не ниже)? ?N ?\+?")
_MAX_SHAPE = re.compile(r"(?:до|up to|to|<=?|≤|max|максимум|не более|не выше) ?N")
_RANGE_SHAPE = re.compile(r"(?:от|from)? ?N ?(?:-|–|—|до|to|\.\.\.?|…) ?N")
_NEGATIVE_SHAPE = re.compile(r"(?:от|from)? ?[-−–] ?N.*")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")


@dataclass(frozen=True)
class SalaryParse:
    """A parsed salary, or an error code from ``SALARY_ERRORS`` saying why not."""

    expectation: SalaryExpectation | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.expectation is not None


def _failure(code: str) -> SalaryParse:
    return SalaryParse(expectation=None, error=code)


def _take_currencies(text: str) -> tuple[str, set[str]]:
    """Removes currency words and signs; returns the rest and the currencies seen."""
    found = {code for sign, code in _CURRENCY_SIGNS.items() if sign in text}
    for sign in _CURRENCY_SIGNS:
        text = text.replace(sign, " ")
    for match in _CURRENCY_WORDS.finditer(text):
        found.add(next(code for code, value in match.groupdict().items() if value))
    return _CURRENCY_WORDS.sub(" ", text), found


def _amount_value(number: str, multiplier: int) -> float:
    number = number.replace(" ", "")
    if "," in number or "." in number:
        whole, fraction = re.split(r"[.,]", number)
        # "300,000" / "300.000" without a multiplier is a thousands separator.
        if len(fraction) == 3 and multiplier == 1:
            return float(whole + fraction)
        return float(f"{whole}.{fraction}")
    return float(number)


def _take_amounts(text: str) -> tuple[str, list[tuple[float, int]]]:
    """Replaces each amount (with its multiplier) by "N"; returns (value, multiplier)."""
    amounts: list[tuple[float, int]] = []
    pieces: list[str] = []
    position = 0
    for match in _AMOUNT.finditer(text):
        if match.start() < position:
            continue
        multiplier, end = 1, match.end()
        suffix = _MULTIPLIER.match(text, end)
        if suffix is not None:
            multiplier = 1_000 if suffix.group("thousand") else 1_000_000
            end = suffix.end()
        amounts.append((_amount_value(match.group(0), multiplier) * multiplier, multiplier))
        pieces.append(text[position : match.start()] + "N")
        position = end
    pieces.append(text[position:])
    return "".join(pieces), amounts


def _shape(text: str) -> str:
    text = _FILLER.sub(" ", text)
    return _SPACES.sub(" ", text).strip(" .,!")


def _spread_multiplier(amounts: list[tuple[float, int]]) -> list[float]:
    """ "250-400k" means 250k-400k: a bare first number below 1000 takes the second one's
    multiplier, or thousands when that would overshoot ("500-1 млн" is 500k-1M)."""
    values = [value for value, _ in amounts]
    if len(amounts) == 2:
        (first, first_multiplier), (second, second_multiplier) = amounts
        if first_multiplier == 1 and second_multiplier > 1 and first < 1000:
            overshoots = first * second_multiplier > second >= first * 1000
            values[0] = first * (1000 if overshoots else second_multiplier)
    return values


def _bounds(shape: str, values: list[float]) -> tuple[float | None, float | None] | None:
    if len(values) == 1 and _MIN_SHAPE.fullmatch(shape):
        return values[0], None
    if len(values) == 1 and _MAX_SHAPE.fullmatch(shape):
        return None, values[0]
    if len(values) == 2 and _RANGE_SHAPE.fullmatch(shape):
        low, high = sorted(values)
        return low, high
    return None


def _checked(value: float | None) -> tuple[int | None, str | None]:
    """(rounded amount, None), or (None, error code) when it is out of bounds."""
    if value is None:
        return None, None
    amount = round(value)
    if amount > MAX_SALARY:
        return None, "too_large"
    if amount < 1:
        return None, "too_small"
    return amount, None


def _expectation(bounds: tuple[float | None, float | None], currency: str) -> SalaryParse:
    (low, low_error), (high, high_error) = (_checked(value) for value in bounds)
    error = low_error or high_error
    if error is not None:
        return _failure(error)
    return SalaryParse(SalaryExpectation(minimum=low, maximum=high, currency=currency))


def _prepared_salary_text(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower().replace("ё", "е")
    return _SPACES.sub(" ", text).strip()


def parse_salary(text: str, default_currency: str = "KZT") -> SalaryParse:
    """ "300 000", "300к", "от 250 до 400 тыс", "$2000", "до 500к", "1,5 млн тенге" → expectation.

    A single amount is a minimum (a floor), "до X" a maximum, two amounts a range.
    Errors: "empty", "not_understood", "too_large", "too_small", "negative".
    """
    if not isinstance(text, str) or not text.strip():
        return _failure("empty")
    if len(text) > MAX_SALARY_TEXT:
        return _failure("not_understood")
    rest, currencies = _take_currencies(_prepared_salary_text(text))
    if len(currencies) > 1:
        return _failure("not_understood")
    currency = currencies.pop() if currencies else default_currency
    rest, amounts = _take_amounts(rest)
    shape = _shape(rest)
    if not amounts:
        return _failure("not_understood")
    if len(amounts) == 1 and _NEGATIVE_SHAPE.fullmatch(shape):
        return _failure("negative")
    bounds = _bounds(shape, _spread_multiplier(amounts))
    if bounds is None:
        return _failure("not_understood")
    return _expectation(bounds, currency)


def _group_thousands(amount: int) -> str:
    return f"{amount:,}".replace(",", " ")


def format_salary(amount: int, currency: str) -> str:
    """ "300 000 ₸", "$2 000", "150 000 ₽", "€1 500"; parse_salary reads it back."""
    number = _group_thousands(int(amount))
    symbol = _CURRENCY_SYMBOLS.get(currency)
    if symbol is None:
        return f"{number} {currency}"
    if currency in _SIGN_BEFORE_AMOUNT:
        return f"{symbol}{number}"
    return f"{number} {symbol}"
