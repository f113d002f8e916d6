"""Resume files that cannot be read: each gets its own answer and the offer to paste the
text instead; nothing is stored, and the pasted text is read as the resume."""

from __future__ import annotations

import pytest

from sandbox.resume_files import (
    SAMPLE_EN_RESUME,
    SAMPLE_RU_RESUME,
    encrypted_pdf,
    png_image,
    scanned_pdf,
    text_pdf,
)
from sandbox.telegram import ChatUser
from tests.fixtures.bot import BotWorld

PDF = "application/pdf"
TWENTY_ONE_MB = 21 * 1024 * 1024


async def send_bad_file(
    world: BotWorld, user: ChatUser, name: str, data: bytes, mime: str, size: int | None = None
) -> str:
    await user.ask("/resume")
    await user.send_document(name, data, mime_type=mime, file_size=size)
    reply = await user.wait_for()
    assert await world.preferences(user.user_id) is None
    assert await world.fsm_state(user.user_id) == "ResumeForm:waiting"
    return reply.plain


@pytest.mark.parametrize(
    ("name", "data", "mime", "answer"),
    [
        ("scan.pdf", scanned_pdf(), PDF, "looks like a scan"),
        ("locked.pdf", encrypted_pdf(SAMPLE_RU_RESUME), PDF, "password-protected"),
        ("broken.pdf", b"%PDF-1.7\n\x00\x01 not really a pdf", PDF, "seems damaged"),
        ("photo.png", png_image(), "image/png", "This is a picture"),
        ("cv.exe", b"MZ\x90\x00", "application/octet-stream", "cannot read this kind of file"),
        (
            "cv.doc",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
            "application/msword",
            "Save the resume as DOCX or PDF",
        ),
    ],
    ids=["scanned pdf", "encrypted pdf", "corrupt bytes", "image", "unknown extension", "old word"],
)
async def test_an_unreadable_file_gets_its_answer_and_an_offer_to_paste(
    bot_world: BotWorld, name: str, data: bytes, mime: str, answer: str
) -> None:
    reply = await send_bad_file(bot_world, bot_world.user(1), name, data, mime)
    assert answer in reply
    assert "paste" in reply


async def test_a_file_over_20_mb_is_refused_without_downloading_it(
    bot_world: BotWorld,
) -> None:
    alice = bot_world.user(2)
    pdf = text_pdf(SAMPLE_RU_RESUME)
    reply = await send_bad_file(bot_world, alice, "cv.pdf", pdf, PDF, size=TWENTY_ONE_MB)
    assert "larger than 20 MB" in reply
    assert bot_world.tg.stats.calls["getFile"] == 0


async def test_a_corrupt_docx_gets_the_damaged_file_answer(bot_world: BotWorld) -> None:
    docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    reply = await send_bad_file(bot_world, bot_world.user(3), "cv.docx", b"PK\x03\x04??", docx)
    assert "seems damaged" in reply


async def test_after_a_bad_file_the_pasted_text_is_read_as_the_resume(
    bot_world: BotWorld,
) -> None:
    alice = bot_world.user(4)
    await send_bad_file(bot_world, alice, "scan.pdf", scanned_pdf(), PDF)
    summary = await alice.ask("\n".join(SAMPLE_EN_RESUME))
    assert "Skills: SQL, Python, Power BI, Excel, Tableau" in summary.plain
    assert await bot_world.preferences(4) is None


async def test_a_photo_of_a_resume_is_answered_as_an_image(bot_world: BotWorld) -> None:
    alice = bot_world.user(5)
    await alice.ask("/resume")
    await alice.send_document("IMG_0001.jpg", b"\xff\xd8\xff\xe0", mime_type="image/jpeg")
    reply = await alice.wait_for()
    assert "This is a picture" in reply.plain


async def test_a_text_with_no_skills_or_titles_says_so(bot_world: BotWorld) -> None:
    alice = bot_world.user(6)
    await alice.ask("/resume")
    reply = await alice.ask("Меня зовут Алия, я люблю гулять в парке и читать книги вечером.")
    assert "found no skills or job titles" in reply.plain
    assert await bot_world.preferences(6) is None


async def test_a_file_telegram_will_not_hand_over_gets_the_try_again_answer(
    bot_world: BotWorld,
) -> None:
    bot_world.tg.inject("getFile", 400, description="Bad Request: temporarily unavailable")
    pdf = text_pdf(SAMPLE_RU_RESUME)
    reply = await send_bad_file(bot_world, bot_world.user(7), "cv.pdf", pdf, PDF)
    assert "could not download the file" in reply
