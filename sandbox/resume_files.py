"""Resume files made on the spot, for the tests, the benchmark and the demo.

:func:`text_pdf` writes a PDF by hand (no generator library): a Type0 font with
Identity-H encoding and a ToUnicode map, so any Unicode text — Cyrillic, Kazakh letters —
has a real, extractable text layer. The glyphs themselves are not embedded (nothing needs
to look right, the text layer is what a resume reader reads). :func:`scanned_pdf` is what
a scanner makes: one image per page and no text at all.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Sequence

LINES_PER_PAGE = 48
_PAGE = "/MediaBox [0 0 595 842]"

SAMPLE_RU_RESUME: tuple[str, ...] = (
    "Айгерим Нурланова",
    "Python-разработчик",
    "Алматы, +7 701 123 45 67, aigerim@example.kz",
    "",
    "Желаемая должность и зарплата",
    "Python-разработчик",
    "Занятость: полная занятость",
    "600 000 ₸ на руки",
    "",
    "Опыт работы — 5 лет 3 месяца",
    "Март 2019 — по настоящее время",
    "ТОО «Kaspi Lab», Алматы",
    "Backend-разработчик: сервисы на Python и Django, базы PostgreSQL, Docker, Redis.",
    "Қызметі: REST API әзірлеу, код тексеру, жаңа әріптестерге тәлімгерлік.",
    "",
    "Образование",
    "2014 — 2018 КазНУ им. аль-Фараби, информационные системы",
    "",
    "Ключевые навыки",
    "Python, Django, FastAPI, PostgreSQL, Redis, Docker, Git, Linux, SQL, Kubernetes",
    "",
    "Знание языков",
    "Русский — Родной",
    "Казахский — C1 — Продвинутый",
    "Английский — B2 — Средне-продвинутый",
)

SAMPLE_EN_RESUME: tuple[str, ...] = (
    "John Smith",
    "Senior Data Analyst",
    "Location: Astana, Kazakhstan",
    "",
    "Summary: 7+ years of experience turning data into decisions.",
    "",
    "Skills: SQL, Python, Power BI, Excel, Tableau",
    "",
    "Experience",
    "Jan 2018 - Present  Data Analyst, Kcell",
    "Built dashboards in Power BI and automated reporting with Python and SQL.",
    "",
    "Expected salary: $3000",
    "Languages: English (native), Russian B1, Kazakh A2",
)


def _pdf_string(text: str) -> str:
    """``text`` as a hex string of 2-byte codes (Identity-H: code = Unicode code point)."""
    return "<" + "".join(f"{ord(ch):04X}" for ch in text if ord(ch) <= 0xFFFF) + ">"


def _to_unicode(chars: set[str]) -> bytes:
    entries = sorted(ord(ch) for ch in chars if ord(ch) <= 0xFFFF)
    blocks = [entries[i : i + 100] for i in range(0, len(entries), 100)]  # ≤100 per block
    body = "".join(
        f"{len(block)} beginbfchar\n"
        + "".join(f"<{code:04X}> <{code:04X}>\n" for code in block)
        + "endbfchar\n"
        for block in blocks
    )
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        f"{body}endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    ).encode("ascii")


class _PdfWriter:
    """Objects in order, then the cross-reference table: the smallest valid PDF."""

    def __init__(self) -> None:
        self._objects: list[bytes] = []

    def reserve(self) -> int:
        self._objects.append(b"")
        return len(self._objects)

    def set(self, number: int, body: str | bytes) -> None:
        self._objects[number - 1] = body.encode("latin-1") if isinstance(body, str) else body

    def add(self, body: str | bytes) -> int:
        number = self.reserve()
        self.set(number, body)
        return number

    def stream(self, data: bytes, extra: str = "") -> int:
        packed = zlib.compress(data)
        head = f"<< /Length {len(packed)} /Filter /FlateDecode {extra}>>\nstream\n"
        return self.add(head.encode("latin-1") + packed + b"\nendstream")

    def bytes(self, root: int) -> bytes:
        out = io.BytesIO()
        out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, body in enumerate(self._objects, start=1):
            offsets.append(out.tell())
            out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
        xref = out.tell()
        out.write(f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode())
        out.writelines(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
        trailer = f"trailer\n<< /Size {len(offsets) + 1} /Root {root} 0 R >>\n"
        out.write(f"{trailer}startxref\n{xref}\n%%EOF\n".encode())
        return out.getvalue()


def _document(writer: _PdfWriter, pages: list[int], pages_id: int) -> bytes:
    kids = " ".join(f"{page} 0 R" for page in pages)
    writer.set(pages_id, f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>")
    root = writer.add(f"<< /Type /Catalog /Pages {pages_id} 0 R >>")
    return writer.bytes(root)


def text_pdf(lines: Sequence[str], lines_per_page: int = LINES_PER_PAGE) -> bytes:
    """A PDF whose text layer is ``lines``, ``lines_per_page`` to a page."""
    writer = _PdfWriter()
    pages_id = writer.reserve()
    descriptor = writer.add(
        "<< /Type /FontDescriptor /FontName /ResumeSans /Flags 32 /FontBBox [0 -200 1000 900]"
        " /ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>"
    )
    cid_font = writer.add(
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ResumeSans /CIDSystemInfo"
        " << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
        f" /FontDescriptor {descriptor} 0 R /DW 500 /CIDToGIDMap /Identity >>"
    )
    to_unicode = writer.stream(_to_unicode(set("".join(lines))))
    font = writer.add(
        "<< /Type /Font /Subtype /Type0 /BaseFont /ResumeSans /Encoding /Identity-H"
        f" /DescendantFonts [{cid_font} 0 R] /ToUnicode {to_unicode} 0 R >>"
    )
    pages: list[int] = []
    chunks = [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)]
    for chunk in chunks or [()]:
        shown = "".join(f"{_pdf_string(line)} Tj T*\n" for line in chunk)
        content = writer.stream(f"BT /F1 11 Tf 14 TL 50 800 Td\n{shown}ET".encode("ascii"))
        pages.append(
            writer.add(
                f"<< /Type /Page /Parent {pages_id} 0 R {_PAGE}"
                f" /Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R >>"
            )
        )
    return _document(writer, pages, pages_id)


def scanned_pdf(pages: int = 1) -> bytes:
    """A PDF as a scanner makes it: each page one grey image, no text layer."""
    writer = _PdfWriter()
    pages_id = writer.reserve()
    side = 64
    pixels = bytes((x * 7 + y * 3) % 256 for y in range(side) for x in range(side))
    image = writer.stream(
        pixels,
        f"/Type /XObject /Subtype /Image /Width {side} /Height {side}"
        " /ColorSpace /DeviceGray /BitsPerComponent 8 ",
    )
    ids: list[int] = []
    for _ in range(pages):
        content = writer.stream(b"q 495 0 0 742 50 50 cm /Im1 Do Q")
        ids.append(
            writer.add(
                f"<< /Type /Page /Parent {pages_id} 0 R {_PAGE}"
                f" /Resources << /XObject << /Im1 {image} 0 R >> >> /Contents {content} 0 R >>"
            )
        )
    return _document(writer, ids, pages_id)


def encrypted_pdf(lines: Sequence[str], password: str = "secret") -> bytes:
    """:func:`text_pdf` locked with a user password (RC4: pypdf writes it without extras)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf(lines))))
    writer.encrypt(user_password=password, owner_password=password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_resume(lines: Sequence[str]) -> bytes:
    """A Word document: section-looking lines as headings, the rest as paragraphs."""
    import docx

    document = docx.Document()
    for line in lines:
        if line and len(line) < 40 and not any(ch.isdigit() for ch in line) and ":" not in line:
            document.add_heading(line, level=2)
        else:
            document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def png_image() -> bytes:
    """A tiny valid PNG: what a phone photo of a resume looks like to a file reader."""
    import struct

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x80"))
        + chunk(b"IEND", b"")
    )


_JOBS: tuple[tuple[str, str, str], ...] = (
    ("Март 2019 — по настоящее время", "ТОО «Kaspi Lab», Алматы", "Backend-разработчик"),
    ("Июнь 2017 — Февраль 2019", "АО «Kcell», Алматы", "Python-разработчик"),
    ("09.2016 — 05.2017", "ТОО «Chocofamily», Алматы", "Junior developer"),
    ("01.2015 — 08.2016", "ИП «Digital Steppe», Астана", "Стажёр-программист"),
)
_DUTIES: tuple[str, ...] = (
    "Разработка микросервисов на Python, Django и FastAPI для платёжной платформы.",
    "Проектирование схем PostgreSQL, оптимизация запросов, миграции без простоя.",
    "Контейнеризация сервисов в Docker, деплой в Kubernetes, настройка CI/CD в GitLab.",
    "Кэширование на Redis, очереди задач на Celery и RabbitMQ.",
    "Қызметі: REST API әзірлеу, код тексеру, жаңа әріптестерге тәлімгерлік.",
    "Wrote integration tests with pytest; reviewed pull requests in English.",
    "Мониторинг в Grafana и Prometheus, разбор инцидентов, дежурства.",
    "Интеграция с внешними API банков, обработка вебхуков, идемпотентность платежей.",
    "Работа в команде по Scrum: планирование, ретроспективы, оценка задач в Jira.",
    "Обучение стажёров, внутренние доклады о Python и асинхронном программировании.",
)


def long_resume(pages: int = 3, lines_per_page: int = LINES_PER_PAGE) -> tuple[str, ...]:
    """A realistic multi-page Russian-Kazakh resume (jobs, duties, courses), about
    ``pages`` pages of :func:`text_pdf` long: what the benchmark reads."""
    head = SAMPLE_RU_RESUME[:10]
    tail = SAMPLE_RU_RESUME[15:]
    body: list[str] = []
    target = pages * lines_per_page - len(head) - len(tail)
    round_ = 0
    while len(body) < target:
        for period, company, title in _JOBS:
            body += ["", period, company, title]
            body += [_DUTIES[(round_ + i) % len(_DUTIES)] for i in range(6)]
        round_ += 1
    return (*head, *body[:target], *tail)
