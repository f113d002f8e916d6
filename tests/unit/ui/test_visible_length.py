"""visible_length counts as Telegram does, the same as summing the HTML tokens (a tag is
nothing, an entity one character, UTF-16 units), by whole-string substitutions."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.ui.render import _TOKEN, _units, _visible, visible_length

PIECES = [*"ab <>&;#x1Ф😀/\n", "&amp;", "<b>", "</b>", "&#1234;", "&#x1F600;", "&lt;", "&foo;"]


def by_tokens(text: str) -> int:
    return sum(_units(_visible(token)) for token in _TOKEN.findall(text))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([*PIECES, "<a href='x'>"]), max_size=30).map("".join))
def test_visible_length_is_the_token_count(text: str) -> None:
    assert visible_length(text) == by_tokens(text)


def test_examples() -> None:
    assert visible_length("<b>Python</b> &amp; SQL") == len("Python & SQL")
    assert visible_length("😀") == 2  # one emoji, two UTF-16 units
