"""CallbackData shared by features: bounded numbers, list indexes, and the vacancy card's
buttons (a card is shown by /jobs, /search, /saved and the digest alike).

Callback data carries ids and short enums only (packed ≤ 64 bytes). A value is an index
into a list the bot keeps in FSM data, a catalogue id, an HH id or a step name; never free
text. Services re-check ownership of any record id.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from aiogram.filters.callback_data import CallbackData
from pydantic import Field

# Every number in callback data is bounded: a forged one (say 10**30) must fail to parse,
# so the fallback answers the tap, rather than reach the database and overflow there.
MAX_CALLBACK_INT = 2**31 - 1  # every id column and index fits
CbInt = Annotated[int, Field(ge=0, le=MAX_CALLBACK_INT)]


def callback_index(value: str) -> int:
    """A list index carried as text in a callback value; -1 for anything else (not only
    ASCII digits, e.g. "²", which str.isdigit accepts and int() refuses; or too long)."""
    if value.isascii() and value.isdigit() and len(value) <= 9:
        return int(value)
    return -1


# A shared vacancy's deep link: t.me/<bot>?start=v_<HH vacancy id> (bot.features.start).
SHARE_PREFIX = "v_"


class CardAction(StrEnum):
    LIKE = "up"
    DISLIKE = "dn"
    SAVE = "sv"
    DETAILS = "dt"
    HIDE = "hd"
    NOT_INTERESTED = "ni"  # hide this one vacancy: not a 👎 (the vacancy may well fit)
    # The same buttons when their flag is on (👍✓, 👎✓, ★ saved): a tap repeats the
    # action; the code lets a handler re-draw the keyboard from the message alone.
    LIKED = "u1"
    DISLIKED = "d1"
    SAVED = "s1"
    # ⋯ More opens a row of the rarer buttons (more like this, share, hide the employer);
    # the tapped ⋯ says whether the card has an employer to hide ("m" / "m0"), and the
    # open row's ⋯ closes it again.
    MORE = "m"
    MORE_NO_EMPLOYER = "m0"
    LESS = "l"
    SIMILAR = "sm"
    SHARE = "sh"


class CardCb(CallbackData, prefix="jc"):
    """A button on a vacancy card: ``rec`` is the recommendation id."""

    action: CardAction
    rec: CbInt
