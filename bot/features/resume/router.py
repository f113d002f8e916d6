"""/resume, and a resume file sent at the start of onboarding or outside any dialog.

The file is downloaded with ``bot.download`` into memory, its text extracted in a worker
thread, and dropped; the findings pre-fill the onboarding summary (state
``Onboarding.summary``), whose Confirm button is the only thing that saves them.
"""

from __future__ import annotations

import asyncio
import io
import logging

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramBadRequest, TelegramNetworkError
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import Document, Message
from aiohttp import ClientError

from bot.features.onboarding.draft import SUMMARY, Dialog
from bot.features.onboarding.flow import show_summary
from bot.features.onboarding.states import Onboarding
from bot.features.resume.states import ResumeForm
from bot.features.resume.views import problem_text, recognised_note
from bot.i18n import Translator
from bot.services import Services
from core.services.resume import (
    MAX_FILE_BYTES,
    MIN_TEXT_LETTERS,
    ResumeFileError,
    ResumeFileProblem,
    ResumeReader,
    extract_text,
    resume_format,
)

logger = logging.getLogger(__name__)

# Where a sent file is taken as a resume: after /resume, on the first onboarding step
# (its prompt offers it), and outside any dialog.
FILE_STATES = StateFilter(None, ResumeForm.waiting, Onboarding.categories)


async def on_resume(message: Message, state: FSMContext, t: Translator) -> None:
    await state.clear()
    await state.set_state(ResumeForm.waiting)
    await message.answer(t("resume.ask"))


async def on_resume_file(
    message: Message, bot: Bot, state: FSMContext, services: Services, t: Translator
) -> None:
    document = message.document
    assert document is not None  # the filter
    try:
        text = await _file_text(bot, document)
    except ResumeFileError as error:
        await _offer_paste(message, state, problem_text(error.problem, t))
        return
    await _read(message, state, services, t, text)


async def on_resume_photo(message: Message, state: FSMContext, t: Translator) -> None:
    await _offer_paste(message, state, problem_text(ResumeFileProblem.IMAGE, t))


async def on_resume_text(
    message: Message, state: FSMContext, services: Services, t: Translator
) -> None:
    text = message.text or ""
    if sum(ch.isalpha() for ch in text) < MIN_TEXT_LETTERS:
        await message.answer(t("resume.too_short"))
        return
    await _read(message, state, services, t, text)


async def on_resume_other(message: Message, t: Translator) -> None:
    await message.answer(t("resume.ask"))


async def _file_text(bot: Bot, document: Document) -> str:
    """The file's text; checks what can be checked before downloading anything."""
    if document.file_size is not None and document.file_size > MAX_FILE_BYTES:
        raise ResumeFileError(ResumeFileProblem.TOO_BIG)
    resume_format(document.file_name, document.mime_type)  # raises for images & co
    buffer = io.BytesIO()
    try:
        await bot.download(document, destination=buffer)
    except TelegramBadRequest as error:
        if "too big" in error.message.lower():
            raise ResumeFileError(ResumeFileProblem.TOO_BIG) from error
        logger.warning("cannot download a resume file: %s", error.message)
        raise ResumeFileError(ResumeFileProblem.DOWNLOAD) from error
    except (TelegramNetworkError, ClientError, TimeoutError) as error:  # 404 is ClientError
        logger.warning("cannot download a resume file: %r", error)
        raise ResumeFileError(ResumeFileProblem.DOWNLOAD) from error
    data = buffer.getvalue()
    buffer.close()  # the bytes go with the buffer; only the extracted text lives on
    return await asyncio.to_thread(extract_text, data, document.file_name, document.mime_type)


async def _offer_paste(message: Message, state: FSMContext, text: str) -> None:
    """Say why the file was not read; the next pasted text is read as the resume."""
    await state.clear()
    await state.set_state(ResumeForm.waiting)
    await message.answer(text)


async def _read(
    message: Message, state: FSMContext, services: Services, t: Translator, text: str
) -> None:
    draft = await ResumeReader(services.mapping).read(text)
    if not draft.findings.skills and not draft.findings.job_titles:
        await state.clear()
        await state.set_state(ResumeForm.waiting)
        await message.answer(t("resume.nothing_found"))
        return
    raw = {"area_name": draft.area_name} if draft.area_name else {}
    dialog = Dialog(draft.answers, SUMMARY, raw)
    await state.clear()
    await show_summary(message, state, dialog, t, edit=False, prefix=recognised_note(draft, t))


def get_router() -> Router:
    """The handlers of this module on a new Router: a Router joins one Dispatcher
    only, and a process may build several (tests restart the bot in-process)."""
    router = Router(name="resume")
    router.message.register(on_resume, Command("resume"))
    router.message.register(on_resume_file, FILE_STATES, F.document)
    router.message.register(
        on_resume_photo, StateFilter(ResumeForm.waiting, Onboarding.categories), F.photo
    )
    router.message.register(on_resume_text, ResumeForm.waiting, F.text, ~F.text.startswith("/"))
    router.message.register(on_resume_other, ResumeForm.waiting)
    return router
