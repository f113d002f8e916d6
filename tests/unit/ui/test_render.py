"""HTML helpers: escaping outside text and trimming to Telegram's limit safely."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.ui.render import ELLIPSIS, Html, echo, join, quote, trim_html_to, visible_length
from sandbox.telegram_html import parse_html, utf16_len


def test_quote_escapes_tags_and_ampersands() -> None:
    assert quote("<script>alert(1)</script> & co") == (
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"
    )


def test_join_escapes_plain_parts_and_keeps_html_parts() -> None:
    assert join(["<a>", Html("<b>x</b>")], " ") == "&lt;a&gt; <b>x</b>"


def test_echo_shortens_and_escapes_what_the_user_typed() -> None:
    result = echo("<b>" + "x" * 200)
    assert result.startswith("&lt;b&gt;")
    assert result.endswith(ELLIPSIS)
    assert visible_length(result) <= 60


def test_text_within_the_limit_is_unchanged() -> None:
    text = "<b>hello</b> &amp; bye"
    assert trim_html_to(text, 20) == text


def test_visible_length_ignores_tags_and_counts_an_entity_as_one() -> None:
    assert visible_length("<b>a&amp;b</b>") == 3


def test_trimming_closes_open_tags_and_ends_with_an_ellipsis() -> None:
    result = trim_html_to("<b>" + "x" * 50 + "</b>", 10)
    assert result == "<b>" + "x" * 9 + ELLIPSIS + "</b>"


def test_trimming_never_cuts_an_entity_in_half() -> None:
    result = trim_html_to("&amp;" * 10, 5)
    assert result == "&amp;" * 4 + ELLIPSIS


def test_trimming_counts_emoji_as_telegram_does() -> None:
    result = trim_html_to("😀" * 3000, 4096)
    assert utf16_len(parse_html(result).plain) <= 4096


@given(st.text(max_size=300), st.integers(min_value=2, max_value=120))
def test_trimmed_escaped_text_is_valid_telegram_html_within_the_limit(raw: str, limit: int) -> None:
    html_text = f"<b>{quote(raw)}</b> <i>{quote(raw[::-1])}</i>"
    parsed = parse_html(trim_html_to(html_text, limit))  # raises on invalid HTML
    assert utf16_len(parsed.plain) <= limit


def test_invisible_characters_are_not_text() -> None:
    from core.domain.search_query import parse_search
    from core.domain.text import visible_text

    assert visible_text("\u200b\u2060\ufeff \u00ad") == ""
    assert visible_text("py\u200bthon") == "python"
    assert parse_search("\u200b\u200c\u200d").keywords == ""
