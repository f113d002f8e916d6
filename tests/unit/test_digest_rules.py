"""Digest rules (core/domain/digest.py), the push texts (bot/push) and the test clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from bot.i18n import Locales
from bot.push.digest import context_line
from bot.push.reminders import reminder_message
from core.domain.clock import FrozenClock, SystemClock, as_utc
from core.domain.digest import (
    ClaimAction,
    ClaimRecord,
    DigestContext,
    Subscriber,
    claim_action,
    digest_context,
    digest_topic,
    due_date,
    due_digests,
    in_quiet_hours,
    parse_local_time,
    zone,
)
from core.domain.preferences import UserPreferences
from core.domain.push import DueReminder
from core.domain.searches import DigestMode, QuietPolicy, SearchSchedule

LOCALES = Locales.load()
NOW = datetime(2026, 3, 10, 4, 0, tzinfo=UTC)  # 09:00 in Almaty (UTC+5), 07:00 in Moscow


def sub(tz: str = "Asia/Almaty", at: str = "09:00", user_id: int = 1) -> Subscriber:
    return Subscriber(user_id, tz, at)


# ------------------------------------------------------------------------------ due rule


@pytest.mark.parametrize(
    ("tz", "at", "now", "expected"),
    [
        ("Asia/Almaty", "09:00", NOW, date(2026, 3, 10)),  # exactly on time
        ("Asia/Almaty", "09:00", NOW - timedelta(minutes=1), None),  # 08:59 local
        ("Asia/Almaty", "09:01", NOW, None),
        ("Europe/Moscow", "09:00", NOW, None),  # 07:00 in Moscow
        ("Europe/Moscow", "09:00", NOW + timedelta(hours=2), date(2026, 3, 10)),
        ("Asia/Almaty", "09:00", NOW + timedelta(hours=14, minutes=59), date(2026, 3, 10)),
        # 00:00 local the next day: a new local date, before its digest time
        ("Asia/Almaty", "09:00", NOW + timedelta(hours=15), None),
        # late evening UTC is already the next local day in Almaty
        ("Asia/Almaty", "00:30", datetime(2026, 3, 10, 20, 0, tzinfo=UTC), date(2026, 3, 11)),
        ("America/New_York", "09:00", datetime(2026, 3, 10, 13, 0, tzinfo=UTC), date(2026, 3, 10)),
    ],
)
def test_due_date_follows_the_local_wall_clock(
    tz: str, at: str, now: datetime, expected: date | None
) -> None:
    assert due_date(sub(tz, at), now, "Asia/Almaty") == expected


def test_a_slot_that_passed_before_the_search_began_is_not_owed() -> None:
    joined_at_three_pm = Subscriber(1, "Asia/Almaty", "09:00", since=NOW + timedelta(hours=6))
    assert due_date(joined_at_three_pm, NOW + timedelta(hours=6, minutes=1), "UTC") is None
    assert due_date(joined_at_three_pm, NOW + timedelta(days=1), "UTC") == date(2026, 3, 11)


def test_a_search_begun_before_its_slot_gets_that_days_digest() -> None:
    joined_at_eight_am = Subscriber(1, "Asia/Almaty", "09:00", since=NOW - timedelta(hours=1))
    assert due_date(joined_at_eight_am, NOW, "UTC") == date(2026, 3, 10)


def test_kazakhstan_is_utc_plus_five() -> None:
    assert zone("Asia/Almaty", "UTC").utcoffset(NOW) == timedelta(hours=5)


def test_daylight_saving_moves_the_utc_moment_not_the_local_time() -> None:
    berlin = sub("Europe/Berlin", "09:00")
    winter = datetime(2026, 3, 27, 8, 0, tzinfo=UTC)  # 09:00 CET
    summer = datetime(2026, 3, 30, 7, 0, tzinfo=UTC)  # 09:00 CEST
    assert due_date(berlin, winter, "UTC") == date(2026, 3, 27)
    assert due_date(berlin, winter - timedelta(minutes=1), "UTC") is None
    assert due_date(berlin, summer, "UTC") == date(2026, 3, 30)
    assert due_date(berlin, summer - timedelta(minutes=1), "UTC") is None


def test_an_unknown_zone_or_time_falls_back_instead_of_failing() -> None:
    assert zone("Mars/Olympus", "Asia/Almaty").key == "Asia/Almaty"
    assert zone("", "nonsense").key == "UTC"
    assert parse_local_time("25:99").hour == 9
    assert parse_local_time("7:05").minute == 5
    assert due_date(sub("Mars/Olympus", "junk"), NOW, "Asia/Almaty") == date(2026, 3, 10)


def test_due_digests_keeps_only_users_whose_time_has_come() -> None:
    subscribers = [sub("Asia/Almaty", user_id=1), sub("Europe/Moscow", user_id=2)]
    assert [d.subscriber.user_id for d in due_digests(subscribers, NOW, "UTC")] == [1]


# ------------------------------------------------------------------------------- claims


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (None, ClaimAction.CLAIM),
        (ClaimRecord("sent", NOW - timedelta(hours=1)), ClaimAction.DONE),
        (ClaimRecord("empty", NOW - timedelta(hours=1)), ClaimAction.DONE),
        (ClaimRecord("pending", NOW - timedelta(minutes=2)), ClaimAction.IN_FLIGHT),
        (ClaimRecord("pending", NOW - timedelta(minutes=10)), ClaimAction.RESUME),
    ],
)
def test_claim_action(record: ClaimRecord | None, expected: ClaimAction) -> None:
    assert claim_action(record, NOW) is expected


def test_a_claim_put_down_part_way_is_taken_up_at_once() -> None:
    assert claim_action(ClaimRecord("partial", NOW, "a"), NOW) is ClaimAction.RESUME


def test_a_fresh_claim_of_a_former_leader_is_taken_up_at_once_by_the_new_one() -> None:
    record = ClaimRecord("pending", NOW, "host:1:old")
    assert claim_action(record, NOW, leader="host:2:new") is ClaimAction.RESUME
    assert claim_action(record, NOW, leader="host:1:old") is ClaimAction.IN_FLIGHT
    assert claim_action(record, NOW) is ClaimAction.IN_FLIGHT  # no lease: cannot tell


def test_a_fresh_claim_of_a_dead_process_is_taken_up_at_once() -> None:
    record = ClaimRecord("pending", NOW, "host:1:old")
    assert claim_action(record, NOW, holder_dead=lambda h: h == "host:1:old") is (
        ClaimAction.RESUME
    )
    assert claim_action(record, NOW, holder_dead=lambda h: False) is ClaimAction.IN_FLIGHT


# ----------------------------------------------------------------------- context line


def test_topic_is_the_first_title_else_the_heaviest_skill() -> None:
    assert digest_topic(UserPreferences(job_titles=[" ", "Data engineer"])) == "Data engineer"
    assert digest_topic(UserPreferences(skills={"SQL": 0.5, "Python": 0.9})) == "Python"
    assert digest_topic(UserPreferences()) is None
    assert digest_topic(None) is None


def test_place_is_the_common_city_of_the_cards_only_when_the_user_chose_one() -> None:
    city = UserPreferences(area_ids=["160"])
    names = ["Алматы", "Астана", "Алматы", None]
    assert digest_context(city, names) == DigestContext(4, None, "Алматы")
    assert digest_context(UserPreferences(), names).place is None


@pytest.mark.parametrize(
    ("count", "matches"),
    [
        (1, "1 новая вакансия"),
        (2, "2 новые вакансии"),
        (4, "4 новые вакансии"),
        (5, "5 новых вакансий"),
        (11, "11 новых вакансий"),
        (12, "12 новых вакансий"),
        (21, "21 новая вакансия"),
        (22, "22 новые вакансии"),
        (111, "111 новых вакансий"),
    ],
)
def test_the_russian_digest_header_agrees_with_its_count(count: int, matches: str) -> None:
    assert context_line(LOCALES.get("ru"), DigestContext(count, None, None)) == (
        f"🔔 {matches} для вас сегодня"
    )


def test_context_line_in_both_languages() -> None:
    ctx = DigestContext(5, "Python", "Almaty")
    assert context_line(LOCALES.get("en"), ctx) == "🔔 5 new matches for <b>Python</b> in Almaty"
    assert context_line(LOCALES.get("en"), DigestContext(1, None, None)) == (
        "🔔 1 new match for you today"
    )
    assert context_line(LOCALES.get("ru"), DigestContext(2, "Go", None)) == (
        "🔔 2 новые вакансии: <b>Go</b>"
    )
    # A suggested title and a catalogue skill in the reader's language; the place is not
    # declined ("в Астана" would be wrong), so it follows a separator.
    assert context_line(LOCALES.get("ru"), DigestContext(5, "Python developer", "Астана")) == (
        "🔔 5 новых вакансий: <b>Python-разработчик</b> · Астана"
    )
    assert context_line(LOCALES.get("ru"), DigestContext(5, "Accounting", None)) == (
        "🔔 5 новых вакансий: <b>Бухгалтерский учёт</b>"
    )
    assert context_line(LOCALES.get("en"), DigestContext(1, "Бухгалтер", None)) == (
        "🔔 1 new match for <b>Accountant</b>"
    )


def test_context_line_escapes_what_the_user_typed() -> None:
    line = context_line(LOCALES.get("en"), DigestContext(3, "C++ & <Qt>", "A&B"))
    assert "C++ &amp; &lt;Qt&gt;" in line and "A&amp;B" in line


def test_reminder_text_escapes_hh_data_and_links_the_vacancy() -> None:
    item = DueReminder(
        1, 2, "ru", "<Senior> Dev", "ТОО «A & B»", "https://hh.kz/vacancy/1", "applied", None
    )
    text, markup = reminder_message(LOCALES.get("ru"), item)
    assert "<b>&lt;Senior&gt; Dev</b>" in text and "A &amp; B" in text
    assert "отклик отправлен" in text
    assert markup is not None and markup.inline_keyboard[-1][0].url == item.url


# -------------------------------------------------------------------------------- clock


def test_frozen_clock_moves_only_when_told() -> None:
    clock = FrozenClock(datetime(2026, 1, 1, 12, 0))
    assert clock() == datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    assert clock.advance(timedelta(minutes=5)) == clock() == clock.now()
    clock.set(datetime(2026, 1, 1, 18, 0, tzinfo=zone("Asia/Almaty", "UTC")))
    assert clock() == datetime(2026, 1, 1, 13, 0, tzinfo=UTC)
    with pytest.raises(ValueError):
        clock.advance(timedelta(seconds=-1))


def test_system_clock_is_aware_utc() -> None:
    now = SystemClock()()
    assert now.tzinfo is UTC
    assert as_utc(datetime(2026, 1, 1)).tzinfo is UTC


# ------------------------------------------------------------- search schedules (weekly, quiet)

TUESDAY = date(2026, 3, 10)  # NOW's local date in Almaty


def scheduled(at: str = "09:00", **schedule: object) -> Subscriber:
    return Subscriber(1, "Asia/Almaty", at, schedule=SearchSchedule(**schedule))  # type: ignore[arg-type]


def local(day: date, hour: int, minute: int = 0) -> datetime:
    """A local Almaty wall-clock moment (UTC+5), as UTC."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC) - timedelta(hours=5)


def test_a_weekly_digest_is_due_only_on_its_day() -> None:
    weekly = scheduled(mode=DigestMode.WEEKLY, weekday=TUESDAY.weekday())
    assert due_date(weekly, NOW, "UTC") == TUESDAY
    for offset in range(1, 7):
        later = NOW + timedelta(days=offset)
        assert due_date(weekly, later, "UTC") is None
    assert due_date(weekly, NOW + timedelta(days=7), "UTC") == TUESDAY + timedelta(days=7)


def test_a_digest_switched_off_is_never_due() -> None:
    off = scheduled(mode=DigestMode.OFF)
    assert all(due_date(off, NOW + timedelta(hours=h), "UTC") is None for h in range(48))


@pytest.mark.parametrize(
    ("moment", "quiet"),
    [((23, 0), True), ((7, 59), True), ((8, 0), False), ((21, 59), False)],
)
def test_quiet_hours_cross_midnight(moment: tuple[int, int], quiet: bool) -> None:
    schedule = SearchSchedule(quiet_start="22:00", quiet_end="08:00")
    assert in_quiet_hours(time(*moment), schedule) is quiet


def test_a_digest_due_in_quiet_hours_is_silent_under_the_silent_policy() -> None:
    night = scheduled("23:00", quiet_start="22:00", quiet_end="08:00")
    [due] = due_digests([night], local(TUESDAY, 23, 0), "UTC")
    assert due.subscriber.silent and due.local_date == TUESDAY
    [day] = due_digests([scheduled("09:00", quiet_start="22:00", quiet_end="08:00")], NOW, "UTC")
    assert not day.subscriber.silent


def test_a_held_digest_goes_out_when_the_quiet_hours_end_for_its_night() -> None:
    held = scheduled("23:00", quiet_start="22:00", quiet_end="08:00", quiet_policy=QuietPolicy.HOLD)
    tomorrow = TUESDAY + timedelta(days=1)
    assert due_date(held, local(TUESDAY, 23, 30), "UTC") is None
    assert due_date(held, local(tomorrow, 7, 59), "UTC") is None
    [due] = due_digests([held], local(tomorrow, 8, 0), "UTC")
    assert due.local_date == TUESDAY and not due.subscriber.silent


def test_the_context_line_names_the_search_when_there_are_several() -> None:
    one = Subscriber(1, "Asia/Almaty", "09:00", search_name="Backend", searches=1)
    two = Subscriber(1, "Asia/Almaty", "09:00", search_name="<Backend>", searches=2)
    assert digest_context(None, ["Almaty"], one).search is None
    context = digest_context(None, ["Almaty"], two)
    line = context_line(LOCALES.get("en"), context)
    assert line.endswith("\n🔎 For «&lt;Backend&gt;»")
