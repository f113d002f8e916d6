"""parse_salary / format_salary: what people type as a salary expectation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.domain.salary import SALARY_ERRORS, format_salary, parse_salary


@pytest.mark.parametrize(
    ("text", "minimum", "maximum", "currency"),
    [
        ("300000", 300_000, None, "KZT"),
        ("300 000", 300_000, None, "KZT"),
        ("300\u00a0000", 300_000, None, "KZT"),
        ("300k", 300_000, None, "KZT"),
        ("300К", 300_000, None, "KZT"),
        ("300 тыс", 300_000, None, "KZT"),
        ("300 тысяч", 300_000, None, "KZT"),
        ("от 250 до 400 тыс", 250_000, 400_000, "KZT"),
        ("250-400k", 250_000, 400_000, "KZT"),
        ("2 млн", 2_000_000, None, "KZT"),
        ("1,5 млн тенге", 1_500_000, None, "KZT"),
        ("1.5m", 1_500_000, None, "KZT"),
        ("$2000", 2_000, None, "USD"),
        ("2000 usd", 2_000, None, "USD"),
        ("2000$", 2_000, None, "USD"),
        ("€1500", 1_500, None, "EUR"),
        ("400 000 ₸", 400_000, None, "KZT"),
        ("400000 тг", 400_000, None, "KZT"),
        ("150 000 руб", 150_000, None, "RUR"),
        ("₽150000", 150_000, None, "RUR"),
        ("до 500к", None, 500_000, "KZT"),
        ("от 300 000", 300_000, None, "KZT"),
        ("300 000 - 400 000 руб.", 300_000, 400_000, "RUR"),
        ("1-2 млн", 1_000_000, 2_000_000, "KZT"),
        ("300,000", 300_000, None, "KZT"),
        ("300000 ₸ в месяц", 300_000, None, "KZT"),
        ("500 евро", 500, None, "EUR"),
        ("1000 долларов", 1_000, None, "USD"),
        ("400 - 300 тыс", 300_000, 400_000, "KZT"),
        ("500-1 млн", 500_000, 1_000_000, "KZT"),
    ],
)
def test_parse_salary_accepts_common_forms(
    text: str, minimum: int | None, maximum: int | None, currency: str
) -> None:
    result = parse_salary(text)
    assert result.error is None
    assert result.expectation is not None
    assert (result.expectation.minimum, result.expectation.maximum) == (minimum, maximum)
    assert result.expectation.currency == currency


def test_parse_salary_uses_the_default_currency_when_none_is_named() -> None:
    result = parse_salary("150000", default_currency="RUR")
    assert result.expectation is not None
    assert result.expectation.currency == "RUR"


def test_parse_salary_named_currency_beats_the_default() -> None:
    result = parse_salary("$3000", default_currency="RUR")
    assert result.expectation is not None
    assert result.expectation.currency == "USD"


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("-5000", "negative"),
        ("0", "too_small"),
        ("20000000000", "too_large"),
        ("5000 млн", "too_large"),
        ("много", "not_understood"),
        ("<b>300000</b>", "not_understood"),
        ("<script>alert(1)</script>", "not_understood"),
        ("'; DROP TABLE users; --", "not_understood"),
        ("300000; DROP TABLE users", "not_understood"),
        ("💰💰💰", "not_understood"),
        ("💰300000", "not_understood"),
        ("1 2 3 4", "not_understood"),
        ("$2000 руб", "not_understood"),
        ("9" * 4096, "not_understood"),
        ("x" * 4096, "not_understood"),
    ],
)
def test_parse_salary_rejects_with_an_error_code(text: str, error: str) -> None:
    result = parse_salary(text)
    assert (result.expectation, result.error) == (None, error)


def test_parse_salary_error_codes_are_the_documented_ones() -> None:
    assert set(SALARY_ERRORS) == {"empty", "not_understood", "too_large", "too_small", "negative"}


def test_parse_salary_of_non_string_is_empty() -> None:
    assert parse_salary(None).error == "empty"  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_parse_salary_never_raises(text: str) -> None:
    result = parse_salary(text)
    assert (result.expectation is None) != (result.error is None)
    assert result.error is None or result.error in SALARY_ERRORS


@settings(max_examples=200, deadline=None)
@given(st.from_regex(r"\A[0-9 .,kк$€₸₽-]{0,30}\Z"))
def test_parse_salary_never_raises_on_salary_like_text(text: str) -> None:
    result = parse_salary(text)
    expectation = result.expectation
    if expectation is not None:
        amounts = [a for a in (expectation.minimum, expectation.maximum) if a is not None]
        assert all(1 <= amount <= 1_000_000_000 for amount in amounts)


@pytest.mark.parametrize(
    ("amount", "currency", "text"),
    [
        (300_000, "KZT", "300 000 ₸"),
        (2_000, "USD", "$2 000"),
        (150_000, "RUR", "150 000 ₽"),
        (1_500, "EUR", "€1 500"),
        (999, "KZT", "999 ₸"),
    ],
)
def test_format_salary_groups_thousands_with_the_currency_sign(
    amount: int, currency: str, text: str
) -> None:
    assert format_salary(amount, currency) == text


def test_format_salary_shows_unknown_currency_codes() -> None:
    assert format_salary(5_000, "UZS") == "5 000 UZS"


@settings(max_examples=300, deadline=None)
@given(
    st.integers(min_value=1, max_value=100_000_000),
    st.sampled_from(["KZT", "RUR", "USD", "EUR"]),
)
def test_format_then_parse_round_trips(amount: int, currency: str) -> None:
    result = parse_salary(format_salary(amount, currency), default_currency="KZT")
    assert result.expectation is not None
    assert (result.expectation.minimum, result.expectation.currency) == (amount, currency)
