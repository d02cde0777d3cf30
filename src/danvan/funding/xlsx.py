"""The Excel export of a list of spending (bảng kê các khoản chi), with its total.

Column headers and labels are Vietnamese *data* of the file, written here directly, as in
`initiatives/xlsx.py`, whose styles this file shares."""

from __future__ import annotations

import io

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

from danvan.funding.models import Purpose
from danvan.funding.queries import total_spent
from danvan.initiatives.xlsx import (
    BOLD,
    DATE_FORMAT,
    NUMBER_FORMAT,
    ROW_HEIGHT,
    WRAP_TOP,
    XLSX_TYPE,
    _header_cell,
    _print_setup,
    vi_label,
    wrapped_lines,
)

__all__ = ["XLSX_TYPE", "expenditures_workbook"]

MAX_ROW_LINES = 6

# header, width, value of an expenditure, number format
COLUMNS = [
    ("STT", 6, None, None),
    ("Ngày chi", 12, lambda e: e.date, DATE_FORMAT),
    ("Đơn vị chi", 30, lambda e: e.unit.name, None),
    ("Nội dung chi", 22, lambda e: e.purpose_label, None),
    ("Mô hình, điển hình được hỗ trợ", 36, lambda e: e.initiative.name if e.initiative_id else "", None),
    ("Diễn giải", 44, lambda e: e.description, None),
    ("Số tiền (đồng)", 16, lambda e: int(e.amount), NUMBER_FORMAT),
    ("Tính vào dự toán", 28, lambda e: e.allocation_label, None),
    ("Số chứng từ", 16, lambda e: e.voucher_reference, None),
    ("Tình trạng", 24, lambda e: f"Đã hủy: {e.void_reason}" if e.is_void else "", None),
]
AMOUNT_COLUMN = 7


def expenditures_workbook(queryset, *, user, unit=None, filters_text: str = "") -> bytes:
    """One row per expenditure of `queryset` (already filtered for the user); voided rows are
    listed, marked, and left out of the total."""
    purposes = {p.value: vi_label(p) for p in Purpose}
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Các khoản chi")
    ws.freeze_panes = "C2"
    for index, (_header, width, _get, _fmt) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}1"
    _print_setup(ws, landscape=True, fit_width=True)
    ws.print_title_rows = "1:1"
    ws.row_dimensions[1].height = 32
    ws.append([_header_cell(ws, header) for header, _w, _g, _f in COLUMNS])
    count = 0
    rows = queryset.select_related("unit", "initiative", "allocation")
    for count, expenditure in enumerate(rows.iterator(chunk_size=500), start=1):
        expenditure.purpose_label = purposes.get(expenditure.purpose, expenditure.purpose)
        allocation = expenditure.allocation
        expenditure.allocation_label = (
            f"{allocation.year} — {allocation.decision_reference or allocation.pk}" if allocation else ""
        )
        row, lines = [], 1
        for _header, width, get, fmt in COLUMNS:
            value = count if get is None else get(expenditure)
            cell = WriteOnlyCell(ws, value=value)
            cell.alignment = WRAP_TOP
            if fmt:
                cell.number_format = fmt
            elif isinstance(value, str):
                lines = max(lines, wrapped_lines(value, width))
            row.append(cell)
        ws.row_dimensions[count + 1].height = ROW_HEIGHT * min(lines, MAX_ROW_LINES)
        ws.append(row)
    total = [WriteOnlyCell(ws, value=None) for _column in COLUMNS]
    total[AMOUNT_COLUMN - 2] = WriteOnlyCell(ws, value="Tổng cộng (không tính khoản đã hủy)")
    total[AMOUNT_COLUMN - 2].font = BOLD
    total[AMOUNT_COLUMN - 1] = WriteOnlyCell(ws, value=int(total_spent(queryset)))
    total[AMOUNT_COLUMN - 1].font = BOLD
    total[AMOUNT_COLUMN - 1].number_format = NUMBER_FORMAT
    ws.append(total)

    about = wb.create_sheet("Thông tin")
    about.column_dimensions["A"].width = 24
    about.column_dimensions["B"].width = 80
    person = getattr(user, "person", None)
    for label, value in [
        ("Danh sách", "Các khoản chi kinh phí phong trào thi đua “Dân vận khéo”"),
        ("Đơn vị", f"{unit.name} và các đơn vị trực thuộc" if unit is not None else "Tất cả đơn vị được xem"),
        ("Thời điểm xuất", timezone.localtime().strftime("%d/%m/%Y %H:%M")),
        ("Người xuất", person.full_name if person else user.get_username()),
        ("Điều kiện lọc", filters_text or "Tất cả"),
        ("Số khoản chi", count),
    ]:
        title = WriteOnlyCell(about, value=label)
        title.font = BOLD
        about.append([title, value])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
