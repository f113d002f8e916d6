"""The house rules on layers, checked on the source: bot/ reaches the database only
through repositories and services (no SQL, no ORM rows of its own)."""

from __future__ import annotations

import re
from pathlib import Path

BOT = Path(__file__).resolve().parents[2] / "bot"
FORBIDDEN = re.compile(
    r"^\s*(?:from|import) (?:db\.models|sqlalchemy(?!\.ext\.asyncio)\b)"  # rows, SQL builders
    r"|\bsession\.(?:add|add_all|execute|scalar|scalars|get|delete|flush|merge|refresh)\("
    r"|\.reminder_message_id\s*=",
    re.MULTILINE,
)


def test_bot_never_builds_sql_or_touches_orm_rows() -> None:
    offenders = [
        f"{path.relative_to(BOT.parent)}: {match.group(0).strip()}"
        for path in sorted(BOT.rglob("*.py"))
        for match in FORBIDDEN.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
