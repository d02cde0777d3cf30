"""Periodic reports (báo cáo quý, năm, sơ kết, tổng kết) as DOCX in the Party document format.

A `ReportContent` holds what a report says — the header fields a `PartyDocument` has, then
numbered sections of narrative, tables and charts, the signature and the recipients — and
`render_report_docx` lays it out with the same header, title, signature and "Nơi nhận" blocks as
every other Party document (`docx.start_party_document` / `docx.finish_party_document`). The
appendices (`ReportContent.appendices`) go to an XLSX workbook: `report_xlsx`.

Numbers in tables are written the Vietnamese way whatever the reader's interface language:
1.234 (dot between thousands), 12,5% (decimal comma).
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from danvan.charts import Chart, format_number, format_percent

from .docx import (
    PartyDocument,
    Signature,
    _body_paragraph,
    _centred_lines,
    _paragraphs,
    _run,
    finish_party_document,
    grid_table,
    start_party_document,
)
from .party_format import HD36, PartyFormat

REPORT_TYPE_TITLE = "BÁO CÁO"

Number = int | float | Decimal


@dataclass(frozen=True)
class Percent:
    """A share written as a percentage: `Percent(12.5)` reads "12,5%" (the XLSX cell holds 0.125
    formatted as a percentage). `None` is a share that cannot be computed (nothing to divide by)."""

    value: Number | None
    decimals: int = 1


Cell = str | int | float | Decimal | Percent | None


@dataclass(frozen=True)
class ReportTable:
    """A table of a report, or an appendix: a title, the column headers and the rows.

    Cells are text, numbers (written 1.234) or `Percent` (written 12,5%); `None` is an empty
    cell. In the DOCX the header row repeats on every page; `column_widths_mm` fixes the widths,
    which are otherwise shared out by content.
    """

    title: str
    headers: Sequence[str]
    rows: Sequence[Sequence[Cell]]
    column_widths_mm: Sequence[float] | None = None
    note: str = ""  # a line under the title: "(Kèm theo Báo cáo số …)", "Đơn vị tính: …"

    def __post_init__(self) -> None:
        if not self.headers:
            raise ValueError("a table needs at least one column")
        for row in self.rows:
            if len(row) != len(self.headers):
                raise ValueError(f"every row of “{self.title}” needs one value per column")
        if self.column_widths_mm is not None and len(self.column_widths_mm) != len(self.headers):
            raise ValueError(f"“{self.title}” needs one width per column")

    def numeric_columns(self) -> list[bool]:
        """Columns whose filled cells are all numbers or percentages (written centred)."""
        result = []
        for index in range(len(self.headers)):
            values = [row[index] for row in self.rows if row[index] not in (None, "")]
            result.append(bool(values) and all(is_number(value) for value in values))
        return result


@dataclass(frozen=True)
class ReportSection:
    """A numbered part of a report: "I. KẾT QUẢ ĐẠT ĐƯỢC", "1. Công tác lãnh đạo, chỉ đạo".

    `body` holds, in reading order, narrative paragraphs (a "\\n" starts a new paragraph), tables
    and charts; `subsections` follow it, one heading level down.
    """

    heading: str
    body: Sequence[str | ReportTable | Chart] = ()
    subsections: Sequence[ReportSection] = ()


@dataclass(frozen=True)
class ReportContent:
    """What one periodic report says; `render_report_docx` decides how it looks."""

    superior_body: str  # "ĐẢNG BỘ THÀNH PHỐ ĐÀ NẴNG"
    issuing_body: str  # "ĐẢNG ỦY PHƯỜNG HẢI CHÂU"; "\n" forces a line break
    number: str  # "15-BC/ĐU"
    place: str
    date: datetime.date
    subject: str  # "kết quả thực hiện phong trào thi đua “Dân vận khéo” quý I năm 2026"
    signature: Signature
    sections: Sequence[ReportSection] = ()
    issuer_name: str = ""  # "Đảng ủy phường Hải Châu"
    recipients: Sequence[str] = ()
    archive: str = "Văn phòng"
    appendices: Sequence[ReportTable] = ()  # rendered as XLSX by report_xlsx
    keywords: Sequence[str] = ()

    def party_document(self) -> PartyDocument:
        """The report's header, title, signature and recipients as a `PartyDocument` (no body)."""
        return PartyDocument(
            superior_body=self.superior_body,
            issuing_body=self.issuing_body,
            issuer_name=self.issuer_name,
            number=self.number,
            place=self.place,
            date=self.date,
            type_title=REPORT_TYPE_TITLE,
            subject=self.subject,
            signature=self.signature,
            recipients=self.recipients,
            archive=self.archive,
            keywords=self.keywords,
        )


def render_report_docx(content: ReportContent, fmt: PartyFormat = HD36) -> bytes:
    """The report as DOCX bytes: header block, "BÁO CÁO" and its subject, the sections with their
    tables and charts, the signature block beside "Nơi nhận:"."""
    kind = fmt.abbreviation(REPORT_TYPE_TITLE)
    if f"-{kind}/" not in content.number:
        raise ValueError(f"a report's number reads “…-{kind}/…”, not “{content.number}”")
    doc = content.party_document()
    document = start_party_document(doc, fmt)
    numbering = _Numbering()
    for section in content.sections:
        _section(document, section, 0, fmt, numbering)
    return finish_party_document(document, doc, fmt)


# --- numbers --------------------------------------------------------------------------------------


def is_number(value: object) -> bool:
    return isinstance(value, Percent) or (isinstance(value, Number) and not isinstance(value, bool))


@contextmanager
def vietnamese_numbers() -> Iterator[None]:
    """Format numbers the Vietnamese way even in a request whose interface language is English."""
    from django.conf import settings

    if not settings.configured:  # a plain script: the number helpers default to Vietnamese
        yield
        return
    from django.utils import translation

    with translation.override("vi"):
        yield


def format_cell(value: Cell) -> str:
    """A cell as a document writes it: 1234 → "1.234", Percent(12.5) → "12,5%", None → ""."""
    if value is None:
        return ""
    if isinstance(value, Percent):
        with vietnamese_numbers():
            return format_percent(value.value, value.decimals)
    if is_number(value):
        with vietnamese_numbers():
            return format_number(value)
    return str(value)


# --- sections -------------------------------------------------------------------------------------


class _Numbering:
    """Tables and charts are numbered through the report: "Bảng 1", "Biểu đồ 2"."""

    def __init__(self) -> None:
        self.tables = 0
        self.charts = 0


def _section(document, section: ReportSection, depth: int, fmt: PartyFormat, numbering: _Numbering) -> None:
    style = fmt.heading_styles[min(depth, len(fmt.heading_styles) - 1)]
    heading = _body_paragraph(document, fmt)
    heading.paragraph_format.keep_with_next = True  # never alone at the foot of a page
    _run(heading, section.heading.strip(), style, fmt)
    for block in section.body:
        if isinstance(block, ReportTable):
            numbering.tables += 1
            _table(document, block, numbering.tables, fmt)
        elif isinstance(block, Chart):
            numbering.charts += 1
            _chart(document, block, numbering.charts, fmt)
        else:
            for line in _paragraphs(str(block)):
                _run(_body_paragraph(document, fmt), line, fmt.body_style, fmt)
    for subsection in section.subsections:
        _section(document, subsection, depth + 1, fmt, numbering)


def _table(document, table: ReportTable, number: int, fmt: PartyFormat) -> None:
    caption = document.add_paragraph()
    caption.paragraph_format.space_before = Pt(fmt.body_space_after_pt)
    caption.paragraph_format.space_after = Pt(fmt.body_space_after_pt / 2)
    caption.paragraph_format.keep_with_next = True
    _centred_lines(
        caption, f"{fmt.table_label} {number}. {table.title.strip()}", fmt.table_caption_style, fmt
    )
    if table.note.strip():
        note = document.add_paragraph()
        note.paragraph_format.keep_with_next = True
        note.paragraph_format.space_after = Pt(fmt.body_space_after_pt / 2)
        _centred_lines(note, table.note.strip(), fmt.chart_caption_style, fmt)

    widths = list(table.column_widths_mm or fitted_widths_mm(table, fmt.text_width_mm))
    rows = [[format_cell(value) for value in row] for row in table.rows]
    numeric = table.numeric_columns()
    centred = [numeric[index] or (index == 0 and widths[0] <= 15) for index in range(len(widths))]
    grid_table(document, [str(header) for header in table.headers], rows, widths, fmt, centred=centred)
    document.add_paragraph().paragraph_format.space_after = Pt(fmt.body_space_after_pt / 2)


def _chart(document, chart: Chart, number: int, fmt: PartyFormat) -> None:
    width_in, _height = chart.figure_size()
    picture = document.add_paragraph()
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.paragraph_format.space_before = Pt(fmt.body_space_after_pt)
    picture.paragraph_format.keep_with_next = True  # the chart and its caption stay together
    width_mm = min(width_in * 25.4, fmt.text_width_mm)
    picture.add_run().add_picture(io.BytesIO(chart.png(dpi=200)), width=Mm(width_mm))
    caption = document.add_paragraph()
    caption.paragraph_format.space_after = Pt(fmt.body_space_after_pt * 2)
    text = (chart.caption or chart.title).strip()
    _centred_lines(caption, f"{fmt.chart_label} {number}. {text}".rstrip(". "), fmt.chart_caption_style, fmt)


def fitted_widths_mm(table: ReportTable, total_mm: float) -> list[float]:
    """Column widths shared out by content: the longest cell (headers wrap, so their longest
    word), within bounds so that a long name does not squeeze the figures."""
    weights = []
    for index, header in enumerate(table.headers):
        longest_word = max((len(word) for word in str(header).split()), default=1)
        longest_cell = max((len(format_cell(row[index])) for row in table.rows), default=0)
        weights.append(min(max(longest_word, longest_cell, 5), 45))
    scale = total_mm / sum(weights)
    return [round(weight * scale, 1) for weight in weights]
