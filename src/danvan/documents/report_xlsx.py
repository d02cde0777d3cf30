"""A report's appendices (phụ lục) as an XLSX workbook: one sheet per appendix, ready to print.

Each sheet: "PHỤ LỤC n" and the appendix title above the table, an optional note, the column
headers in bold with wrapping, real numbers (so offices can sum them) in number formats, column
widths fitted to the content, the header row frozen and repeated on every printed page, A4
landscape fitted to the page width, page numbers in the footer.

Number formats carry the Vietnamese locale tag `[$-42A]`: LibreOffice then writes 1.234 and
12,5% whatever the machine's locale; Excel keeps the tag and takes its separators from Windows'
regional settings (Vietnamese on the offices' machines). The value stays a number either way.
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from danvan.documents import media

from .party_format import HD36, PartyFormat
from .report import Percent, ReportTable, format_cell, is_number

XLSX_TYPE = media.XLSX

VIETNAMESE = "[$-42A]"  # the locale (LCID 0x042A, vi-VN) the number formats are shown in
INTEGER_FORMAT = f"{VIETNAMESE}#,##0"
DECIMAL_FORMAT = f"{VIETNAMESE}#,##0.0"
PERCENT_FORMATS = {0: f"{VIETNAMESE}0%", 1: f"{VIETNAMESE}0.0%", 2: f"{VIETNAMESE}0.00%"}

TITLE_ROWS = 3  # "PHỤ LỤC n", the title, the note
HEADER_ROW = TITLE_ROWS + 2  # a blank row between the title block and the table
FONT_SIZE = 12
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
MIN_WIDTH = 6  # characters
MAX_WIDTH = 50  # longer texts wrap
LINE_HEIGHT = 16.5  # points per line of 12-point text


def render_appendices_xlsx(
    appendices: Sequence[ReportTable], fmt: PartyFormat = HD36, *, author: str = "", title: str = ""
) -> bytes:
    """The appendices as XLSX bytes, one sheet each ("Phụ lục 1", "Phụ lục 2"…)."""
    if not appendices:
        raise ValueError("a workbook needs at least one appendix")
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.creator = author or "danvan"
    workbook.properties.title = title or appendices[0].title
    workbook.properties.language = fmt.language
    for number, appendix in enumerate(appendices, start=1):
        _appendix_sheet(workbook, number, appendix, fmt)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _appendix_sheet(workbook: Workbook, number: int, appendix: ReportTable, fmt: PartyFormat) -> None:
    sheet = workbook.create_sheet(f"Phụ lục {number}")
    columns = len(appendix.headers)
    last = get_column_letter(columns)
    widths = fitted_widths(appendix)

    heading = Font(name=fmt.font_name, size=FONT_SIZE + 1, bold=True)
    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row, text, font in (
        (1, f"PHỤ LỤC {number}", heading),
        (2, appendix.title.strip(), heading),
        (3, appendix.note.strip(), Font(name=fmt.font_name, size=FONT_SIZE, italic=True)),
    ):
        sheet.merge_cells(f"A{row}:{last}{row}")
        cell = sheet.cell(row=row, column=1, value=text or None)
        cell.font = font
        cell.alignment = centred
        # merged cells do not grow with their text: give the row the lines it needs
        lines = max(1, math.ceil(len(text) * 1.1 / max(sum(widths), 1)))
        sheet.row_dimensions[row].height = LINE_HEIGHT * lines + 2

    header_font = Font(name=fmt.font_name, size=FONT_SIZE, bold=True)
    for column, text in enumerate(appendix.headers, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=column, value=str(text))
        cell.font = header_font
        cell.fill = HEADER_FILL
        cell.border = BOX
        cell.alignment = centred

    body_font = Font(name=fmt.font_name, size=FONT_SIZE)
    numeric = appendix.numeric_columns()
    for offset, values in enumerate(appendix.rows, start=1):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=HEADER_ROW + offset, column=column)
            cell.font = body_font
            cell.border = BOX
            if isinstance(value, Percent):
                cell.value = None if value.value is None else Decimal(str(value.value)) / 100
                cell.number_format = PERCENT_FORMATS.get(value.decimals, PERCENT_FORMATS[1])
            elif is_number(value):
                cell.value = value
                whole = value == int(value)
                cell.number_format = INTEGER_FORMAT if whole else DECIMAL_FORMAT
            else:
                cell.value = None if value is None else str(value)
            short_first = column == 1 and widths[0] <= MIN_WIDTH + 2  # the "TT" column
            horizontal = "center" if numeric[column - 1] or short_first else "left"
            cell.alignment = Alignment(horizontal=horizontal, vertical="top", wrap_text=True)

    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    # Spreadsheet programs do not grow rows for wrapped text on opening the file: give each row
    # the lines its longest wrapped cell needs.
    sheet.row_dimensions[HEADER_ROW].height = _row_height(appendix.headers, widths)
    for offset, values in enumerate(appendix.rows, start=1):
        sheet.row_dimensions[HEADER_ROW + offset].height = _row_height(
            [format_cell(value) for value in values], widths
        )
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_area = f"A1:{last}{HEADER_ROW + len(appendix.rows)}"
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = sheet.ORIENTATION_LANDSCAPE
    setup.fitToWidth = 1
    setup.fitToHeight = 0  # as many pages down as the rows need
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.6
    sheet.page_margins.top = sheet.page_margins.bottom = 0.7
    sheet.oddFooter.center.text = "Trang &P/&N"
    sheet.oddFooter.center.font = fmt.font_name


def fitted_widths(appendix: ReportTable) -> list[float]:
    """Column widths in characters: the longest cell as written (1.234, 12,5%) or the longest word
    of the header (headers wrap), between MIN_WIDTH and MAX_WIDTH (longer texts wrap)."""
    widths = []
    for index, header in enumerate(appendix.headers):
        words = str(header).split()
        longest = max([len(word) for word in words] + [math.ceil(len(str(header)) / 3)])
        for row in appendix.rows:
            longest = max(longest, len(format_cell(row[index])))
        widths.append(float(min(max(longest + 2, MIN_WIDTH), MAX_WIDTH)))
    return widths


def _row_height(texts: Sequence[object], widths: Sequence[float]) -> float:
    lines = 1
    for text, width in zip(texts, widths, strict=True):
        wrapped = textwrap.wrap(str(text), width=max(int(width) - 1, 1), break_long_words=False)
        lines = max(lines, len(wrapped))
    return LINE_HEIGHT * lines + 3
