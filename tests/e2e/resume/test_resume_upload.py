"""Resume → profile, end to end: a file sent through the Telegram emulator is downloaded
by the real bot (getFile + the file URL), read, and opens the onboarding summary
pre-filled; only Confirm saves it."""

from __future__ import annotations

from sqlalchemy import select

from db.models import FsmRecord
from sandbox.resume_files import SAMPLE_EN_RESUME, SAMPLE_RU_RESUME, docx_resume, text_pdf
from sandbox.telegram import ChatUser
from tests.fixtures.bot import BotWorld, onboard

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


async def send_resume(user: ChatUser, name: str, data: bytes, mime: str) -> str:
    await user.send_document(name, data, mime_type=mime)
    reply = await user.wait_for(lambda m: "resume" in m.plain.lower() or "резюме" in m.plain)
    return reply.plain


async def test_a_pdf_resume_opens_the_summary_with_its_skills_and_city(
    bot_world: BotWorld,
) -> None:
    alice = bot_world.user(1)
    await alice.ask("/resume")
    summary = await send_resume(alice, "cv.pdf", text_pdf(SAMPLE_RU_RESUME), PDF)
    assert "Your profile — please check" in summary
    assert "Skills: Python, Django, FastAPI, PostgreSQL, Redis, Docker" in summary
    assert "City: Almaty" in summary
    assert "Experience: 3–6 years" in summary
    assert "Job titles: Python developer" in summary
    assert "Salary: from 600 000 ₸" in summary
    assert await bot_world.fsm_state(1) == "Onboarding:summary"


async def test_the_reply_says_what_was_recognised_and_that_the_file_is_not_kept(
    bot_world: BotWorld,
) -> None:
    alice = bot_world.user(2)
    await alice.ask("/resume")
    reply = await send_resume(alice, "cv.pdf", text_pdf(SAMPLE_RU_RESUME), PDF)
    assert "Found: 11 skills, job titles Python developer, city Almaty, 5 years" in reply
    assert "Languages: Russian (native), Kazakh (C1), English (B2)" in reply
    assert "The file is not kept" in reply


async def test_the_bot_downloads_the_file_through_getfile(bot_world: BotWorld) -> None:
    alice = bot_world.user(3)
    await alice.ask("/resume")
    await send_resume(alice, "cv.pdf", text_pdf(SAMPLE_RU_RESUME), PDF)
    assert bot_world.tg.stats.calls["getFile"] == 1
    assert len(bot_world.tg.file_downloads) == 1


async def test_a_docx_resume_in_english_opens_the_summary_with_its_skills_and_city(
    bot_world: BotWorld,
) -> None:
    bob = bot_world.user(4)
    await bob.ask("/resume")
    summary = await send_resume(bob, "John Smith CV.docx", docx_resume(SAMPLE_EN_RESUME), DOCX)
    assert "Skills: SQL, Python, Power BI, Excel, Tableau" in summary
    assert "City: Astana" in summary
    assert "Experience: More than 6 years" in summary
    assert "Salary: from $3 000" in summary
    assert "Not found:" not in summary


async def test_a_russian_speaker_gets_the_recognition_in_russian(bot_world: BotWorld) -> None:
    aigerim = bot_world.user(5, language_code="ru")
    await aigerim.ask("/resume")
    reply = await send_resume(aigerim, "резюме.pdf", text_pdf(SAMPLE_RU_RESUME), PDF)
    assert "Нашёл: 11 навыков" in reply
    assert "город Алматы" in reply
    assert "опыт 5 лет" in reply
    assert "Файл не хранится" in reply


async def test_nothing_is_saved_until_the_summary_is_confirmed(bot_world: BotWorld) -> None:
    alice = bot_world.user(6)
    await alice.ask("/resume")
    await send_resume(alice, "cv.pdf", text_pdf(SAMPLE_RU_RESUME), PDF)
    assert await bot_world.preferences(6) is None
    await alice.tap("Confirm")
    await alice.wait_for(lambda m: "/jobs" in m.plain)
    prefs = await bot_world.preferences(6)
    assert prefs is not None
    assert prefs.area_ids == ["160"]
    assert prefs.experience == "between3And6"
    assert {"Python", "Django", "PostgreSQL"} <= set(prefs.skills)
    assert prefs.job_titles == ["Python developer"]
    assert prefs.salary.minimum == 600_000


async def test_a_prefilled_field_can_be_edited_before_confirming(bot_world: BotWorld) -> None:
    alice = bot_world.user(7)
    await alice.ask("/resume")
    await send_resume(alice, "cv.pdf", text_pdf(SAMPLE_RU_RESUME), PDF)
    await alice.tap("✏️ City")
    summary = await alice.ask("Астана")
    assert "City: Astana" in summary.plain
    await alice.tap("Confirm")
    await alice.wait_for(lambda m: "/jobs" in m.plain)
    prefs = await bot_world.preferences(7)
    assert prefs is not None and prefs.area_ids == ["159"]


async def test_the_first_onboarding_step_offers_a_resume_and_takes_one(
    bot_world: BotWorld,
) -> None:
    alice = bot_world.user(8)
    await alice.send("/start")
    step = await alice.wait_for(lambda m: "Step 1 of 7" in m.plain)
    assert "Have a resume? Send it as a file" in step.plain
    summary = await send_resume(alice, "cv.pdf", text_pdf(SAMPLE_RU_RESUME), PDF)
    assert "City: Almaty" in summary


async def test_pasted_resume_text_is_read_like_a_file(bot_world: BotWorld) -> None:
    alice = bot_world.user(9)
    await alice.ask("/resume")
    reply = await alice.ask("\n".join(SAMPLE_EN_RESUME))
    assert "Skills: SQL, Python, Power BI, Excel, Tableau" in reply.plain
    assert "City: Astana" in reply.plain


async def test_a_file_sent_outside_any_dialog_is_read_as_a_resume(bot_world: BotWorld) -> None:
    alice = bot_world.user(10)
    await onboard(alice)
    summary = await send_resume(alice, "cv.pdf", text_pdf(SAMPLE_RU_RESUME), PDF)
    assert "Your profile — please check" in summary
    assert "City: Almaty" in summary


async def test_a_confirmed_resume_profile_is_in_the_export_and_gone_after_delete_me(
    bot_world: BotWorld,
) -> None:
    alice = bot_world.user(11)
    await alice.ask("/resume")
    await send_resume(alice, "cv.pdf", text_pdf(SAMPLE_RU_RESUME), PDF)
    await alice.tap("Confirm")
    await alice.wait_for(lambda m: "/jobs" in m.plain)
    await alice.send("/export")
    await alice.wait_for(lambda m: m.document is not None)
    exported = bot_world.tg.documents[-1].data.decode("utf-8")
    assert "Django" in exported and "Python developer" in exported
    await alice.ask("/delete_me")
    await alice.tap("🗑 Yes, delete everything")
    assert await bot_world.preferences(11) is None


async def test_an_unconfirmed_resume_draft_is_in_the_export_and_gone_after_delete_me(
    bot_world: BotWorld,
) -> None:
    alice = bot_world.user(12)
    await alice.ask("/resume")
    await send_resume(alice, "cv.pdf", text_pdf(SAMPLE_RU_RESUME), PDF)
    await alice.send("/export")
    await alice.wait_for(lambda m: m.document is not None)
    assert "Kubernetes" in bot_world.tg.documents[-1].data.decode("utf-8")
    await alice.ask("/delete_me")
    await alice.tap("🗑 Yes, delete everything")
    async with bot_world.session_factory() as session:
        rows = (await session.scalars(select(FsmRecord).where(FsmRecord.user_id == 12))).all()
    assert rows == []
