"""A resume file → its text (PDF, DOCX, TXT, MD) → an onboarding draft to confirm.

Extraction is CPU-bound and synchronous (the bot runs it in a worker thread); the file's
bytes live only as long as the call: nothing here writes them anywhere.
"""

from __future__ import annotations

import io
import logging
import zipfile
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Protocol

from core.domain.areas import AreaResolver
from core.domain.clock import utc_now
from core.domain.hh_errors import HHError
from core.domain.onboarding import OnboardingAnswers
from core.domain.resume import ResumeFindings, answers_from_findings, parse_resume

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 20 * 1024 * 1024  # what the Bot API lets a bot download
MAX_PDF_PAGES = 30  # a resume is 1–5 pages; more is something else, and slow to read
MAX_UNPACKED_BYTES = 60 * 1024 * 1024  # a DOCX that unpacks to more is a zip bomb
MIN_TEXT_LETTERS = 20  # fewer letters than this: a scan without a text layer
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # password-protected Office files, old .doc
_IMAGE_EXTENSIONS = frozenset(
    {"jpg", "jpeg", "png", "gif", "webp", "heic", "heif", "bmp", "tif", "tiff"}
)
_TEXT_EXTENSIONS = frozenset({"txt", "md", "markdown", "text"})
_DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class ResumeFileProblem(StrEnum):
    """Why a file gave no text; the bot answers each with its own text."""

    TOO_BIG = "too_big"
    IMAGE = "image"
    UNSUPPORTED = "unsupported"
    OLD_WORD = "old_word"
    ENCRYPTED = "encrypted"
    CORRUPT = "corrupt"
    NO_TEXT = "no_text"
    DOWNLOAD = "download"  # Telegram did not hand the file over (network, timeout)


class ResumeFileError(Exception):
    def __init__(self, problem: ResumeFileProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


class ResumeFormat(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    TEXT = "text"


def _extension(filename: str | None) -> str:
    name = (filename or "").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[-1].casefold() if "." in name else ""


def resume_format(filename: str | None, mime_type: str | None) -> ResumeFormat:
    """The format by the file's name, else its MIME type; a problem for anything else."""
    extension, mime = _extension(filename), (mime_type or "").casefold()
    if extension == "pdf" or (not extension and mime == "application/pdf"):
        return ResumeFormat.PDF
    if extension == "docx" or (not extension and mime == _DOCX_MIME):
        return ResumeFormat.DOCX
    if extension in _TEXT_EXTENSIONS or (not extension and mime.startswith("text/")):
        return ResumeFormat.TEXT
    if extension in _IMAGE_EXTENSIONS or mime.startswith("image/"):
        raise ResumeFileError(ResumeFileProblem.IMAGE)
    if extension in {"doc", "rtf", "odt", "pages"}:
        raise ResumeFileError(ResumeFileProblem.OLD_WORD)
    raise ResumeFileError(ResumeFileProblem.UNSUPPORTED)


def _checked_text(text: str) -> str:
    if sum(ch.isalpha() for ch in text) < MIN_TEXT_LETTERS:
        raise ResumeFileError(ResumeFileProblem.NO_TEXT)
    return text


def pdf_text(data: bytes) -> str:
    """The text layer of a PDF's first pages."""
    from pypdf import PdfReader  # imported on use: the bot starts without paying for it
    from pypdf.errors import PdfReadError

    if not data.lstrip()[:5].startswith(b"%PDF-"):
        raise ResumeFileError(ResumeFileProblem.CORRUPT)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ResumeFileError(ResumeFileProblem.ENCRYPTED)  # needs a user password
        pages = reader.pages[:MAX_PDF_PAGES]
        text = "\n".join(page.extract_text() or "" for page in pages)
    except ResumeFileError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as error:
        # pypdf raises many kinds on broken files; none of them is the person's fault.
        logger.info("unreadable PDF: %r", error)
        raise ResumeFileError(ResumeFileProblem.CORRUPT) from error
    except Exception as error:  # a DependencyError (AES without cryptography) and kin
        if type(error).__name__ == "DependencyError":
            raise ResumeFileError(ResumeFileProblem.ENCRYPTED) from error
        logger.info("unreadable PDF: %r", error)
        raise ResumeFileError(ResumeFileProblem.CORRUPT) from error
    return _checked_text(text)


def docx_text(data: bytes) -> str:
    """Paragraphs and table cells of a DOCX, in document order of each kind."""
    import docx  # python-docx; imported on use like pypdf

    if data.startswith(_OLE_MAGIC):
        raise ResumeFileError(ResumeFileProblem.ENCRYPTED)  # Word wraps protected files so
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise ResumeFileError(ResumeFileProblem.CORRUPT)
        document = docx.Document(io.BytesIO(data))
    except ResumeFileError:
        raise
    except Exception as error:  # BadZipFile, KeyError, PackageNotFoundError, XML errors
        logger.info("unreadable DOCX: %r", error)
        raise ResumeFileError(ResumeFileProblem.CORRUPT) from error
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return _checked_text("\n".join(parts))


def plain_text(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise ResumeFileError(ResumeFileProblem.CORRUPT)  # binary, whatever its name says
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            return _checked_text(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    raise ResumeFileError(ResumeFileProblem.CORRUPT)


def extract_text(data: bytes, filename: str | None, mime_type: str | None) -> str:
    """The text of a resume file, or :class:`ResumeFileError` saying why there is none."""
    kind = resume_format(filename, mime_type)
    if len(data) > MAX_FILE_BYTES:
        raise ResumeFileError(ResumeFileProblem.TOO_BIG)
    if kind is ResumeFormat.PDF:
        return pdf_text(data)
    if kind is ResumeFormat.DOCX:
        return docx_text(data)
    return plain_text(data)


# ----------------------------------------------------------------------------- mapping


class AreaLookup(Protocol):
    async def area_resolver(self) -> AreaResolver: ...


@dataclass(frozen=True, slots=True)
class ResumeDraft:
    """What the resume pre-fills: the findings, the draft answers, the city's name."""

    findings: ResumeFindings
    answers: OnboardingAnswers
    area_name: str | None
    cities_unavailable: bool = False  # HH's areas could not be loaded: the city is left open


def resolve_resume_city(findings: ResumeFindings, resolver: AreaResolver) -> tuple[str, str] | None:
    """(area id, name): a labelled city (typos forgiven), else a city named exactly at
    the top of the resume; a country («Kazakhstan») is not a city."""
    for phrase in findings.city_phrases:
        match = resolver.resolve(phrase)
        if (
            match.kind == "exact"
            and match.area_id
            and resolver.country_of(match.area_id) != (match.area_id)
        ):
            return match.area_id, match.area_name or phrase
    for phrase in findings.header_phrases:
        found = resolver.city_named(phrase)
        if found is not None:
            return found
    return None


class ResumeReader:
    """Resume text → a :class:`ResumeDraft`, with the city resolved against HH's areas."""

    def __init__(self, areas: AreaLookup) -> None:
        self._areas = areas

    async def read(self, text: str, today: date | None = None) -> ResumeDraft:
        findings = parse_resume(text, today or utc_now().date())
        city: tuple[str, str] | None = None
        unavailable = False
        if findings.city_phrases or findings.header_phrases:
            try:
                city = resolve_resume_city(findings, await self._areas.area_resolver())
            except HHError:
                logger.warning("cannot load HH areas for a resume's city", exc_info=True)
                unavailable = True
        answers = answers_from_findings(findings, city[0] if city else None)
        return ResumeDraft(findings, answers, city[1] if city else None, unavailable)
