"""Pay as HH states it (``salary_range.mode``: per month, hour, shift, rotation, service)
and its monthly equivalent, which is what a person's expectation is compared with."""

from __future__ import annotations

MONTH = "MONTH"
HOUR = "HOUR"
SHIFT = "SHIFT"
FLY_IN_FLY_OUT = "FLY_IN_FLY_OUT"
SERVICE = "SERVICE"

# A month of full-time work in Kazakhstan: a 40-hour week is about 168 hours a month; shift
# work (2/2, 12 h) about 15 shifts; a rotation ("вахта") is paid per rotation of about a
# month. Per service (a piece rate) has no monthly equivalent: it is shown, never compared.
UNITS_PER_MONTH: dict[str, float] = {MONTH: 1.0, HOUR: 168.0, SHIFT: 15.0, FLY_IN_FLY_OUT: 1.0}
PAY_MODES: tuple[str, ...] = (MONTH, HOUR, SHIFT, FLY_IN_FLY_OUT, SERVICE)


def pay_mode(mode_id: str | None) -> str:
    """HH's mode id, upper-cased; absent or unknown reads as per month (HH's default)."""
    mode = (mode_id or MONTH).upper()
    return mode if mode in PAY_MODES else MONTH


def monthly_factor(mode_id: str | None) -> float | None:
    """How many of the stated unit make a month; None when pay per unit is not monthly-
    comparable (per service)."""
    return UNITS_PER_MONTH.get(pay_mode(mode_id))
