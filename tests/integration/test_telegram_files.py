"""Files a person sends, as the Telegram emulator serves them to the real aiogram Bot:
the document in the update, getFile with its 20 MB limit, the download URL."""

from __future__ import annotations

import io

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import Document
from aiohttp import ClientResponseError

from sandbox.telegram import TelegramEmulator

USER = 42


async def sent_document(
    tg_emulator: TelegramEmulator, tg_bot: Bot, data: bytes, *, size: int | None = None
) -> Document:
    user = tg_emulator.user(USER)
    await user.send_document("cv.pdf", data, mime_type="application/pdf", file_size=size)
    updates = await tg_bot.get_updates(timeout=0)
    document = updates[-1].message.document if updates[-1].message else None
    assert document is not None
    return document


async def test_a_sent_file_arrives_as_a_document_with_name_type_and_size(
    tg_emulator: TelegramEmulator, tg_bot: Bot
) -> None:
    document = await sent_document(tg_emulator, tg_bot, b"%PDF-1.7 resume")
    assert (document.file_name, document.mime_type, document.file_size) == (
        "cv.pdf",
        "application/pdf",
        15,
    )
    assert document.file_id and document.file_unique_id


async def test_get_file_gives_a_path_the_bot_downloads_the_bytes_from(
    tg_emulator: TelegramEmulator, tg_bot: Bot
) -> None:
    document = await sent_document(tg_emulator, tg_bot, b"%PDF-1.7 resume")
    file = await tg_bot.get_file(document.file_id)
    assert file.file_path is not None and file.file_path.endswith(".pdf")
    buffer = io.BytesIO()
    await tg_bot.download(document, destination=buffer)
    assert buffer.getvalue() == b"%PDF-1.7 resume"
    assert tg_emulator.file_downloads == [document.file_id]


async def test_get_file_refuses_a_file_over_20_mb(
    tg_emulator: TelegramEmulator, tg_bot: Bot
) -> None:
    document = await sent_document(tg_emulator, tg_bot, b"%PDF", size=20 * 1024 * 1024 + 1)
    with pytest.raises(TelegramBadRequest, match="file is too big"):
        await tg_bot.get_file(document.file_id)


async def test_get_file_accepts_a_file_of_exactly_20_mb(
    tg_emulator: TelegramEmulator, tg_bot: Bot
) -> None:
    document = await sent_document(tg_emulator, tg_bot, b"%PDF", size=20 * 1024 * 1024)
    file = await tg_bot.get_file(document.file_id)
    assert file.file_size == 20 * 1024 * 1024


async def test_get_file_refuses_an_unknown_file_id(tg_bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="invalid file_id"):
        await tg_bot.get_file("F99999999")


async def test_a_path_no_get_file_gave_is_not_served(
    tg_emulator: TelegramEmulator, tg_bot: Bot
) -> None:
    with pytest.raises(ClientResponseError, match="404"):
        await tg_bot.download_file("documents/file_1.pdf", destination=io.BytesIO())
