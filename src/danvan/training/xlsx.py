"""The filtered list of training sessions as an XLSX workbook, in the look of the models' export
(`initiatives.xlsx`): one row per session, attendance by group, the filters on a second sheet."""

from __future__ import annotations

import io

from django.db.models import Prefetch
from django.utils import timezone, translation
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

from danvan.initiatives.xlsx import (
    BOLD,
    DATE_FORMAT,
    MAX_ROW_LINES,
    NUMBER_FORMAT,
    ROW_HEIGHT,
    WRAP_TOP,
    XLSX_TYPE,
    _header_cell,
    _print_setup,
    vi_label,
    wrapped_lines,
)
from danvan.training.models import (
    AttendanceCount,
    AttendeeGroup,
    TrainingFormat,
    TrainingLevel,
    TrainingTopic,
)
from danvan.training.workflow import SessionStatus

__all__ = ["XLSX_TYPE", "describe", "export_workbook"]

CHOICES = {
    "topic": TrainingTopic,
    "level": TrainingLevel,
    "format": TrainingFormat,
    "status": SessionStatus,
}


def _vi(text) -> str:
    with translation.override("vi"):
        return str(text)


def _labels(choices) -> dict[str, str]:
    return {choice.value: vi_label(choice) for choice in choices}


def _count(group: str):
    return lambda s: s.by_group.get(group)


def _columns(labels: dict) -> list:
    """(header, width, value of a session, number format)."""
    columns = [
        ("STT", 6, None, None),
        ("Mã", 8, lambda s: s.pk, None),
        ("Tên hội nghị, lớp tập huấn", 46, lambda s: s.title, None),
        ("Đơn vị tổ chức", 32, lambda s: s.organizer.name, None),
        ("Cấp", 14, lambda s: labels["level"].get(s.level, s.level), None),
        ("Chủ đề", 30, lambda s: labels["topic"].get(s.topic, s.topic), None),
        ("Ngày tổ chức", 13, lambda s: s.held_on, DATE_FORMAT),
        ("Đến ngày", 13, lambda s: s.ends_on, DATE_FORMAT),
        ("Địa điểm", 28, lambda s: s.place, None),
        ("Hình thức", 16, lambda s: labels["format"].get(s.format, s.format), None),
        ("Báo cáo viên", 32, lambda s: s.trainers, None),
        ("Phong trào thi đua", 32, lambda s: s.campaign.name if s.campaign else "", None),
        ("Trạng thái", 14, lambda s: labels["status"].get(s.status, s.status), None),
    ]
    for group in AttendeeGroup:
        columns.append((vi_label(group), 13, _count(group.value), NUMBER_FORMAT))
    columns += [
        ("Số người được tập huấn", 14, lambda s: s.people_count, NUMBER_FORMAT),
        ("Nội dung", 40, lambda s: s.content, None),
    ]
    return columns


def export_workbook(queryset, *, user, filters_text: str = "", totals=()) -> bytes:
    """One row per session of `queryset` (already filtered for the user); `totals` are the list's
    (metric, value) pairs (`queries.totals`), written under the filters."""
    with translation.override("vi"):
        labels = {key: _labels(choices) for key, choices in CHOICES.items()}
    columns = _columns(labels)
    qs = queryset.select_related("organizer", "campaign").prefetch_related(
        Prefetch("counts", queryset=AttendanceCount.objects.order_by())
    )
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Tập huấn")
    ws.freeze_panes = "D2"
    for index, (_header, width, _get, _fmt) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}1"
    _print_setup(ws, landscape=True, fit_width=False)
    ws.print_title_rows = "1:1"
    ws.row_dimensions[1].height = 48
    ws.append([_header_cell(ws, header) for header, _w, _g, _f in columns])
    count = 0
    for count, session in enumerate(qs.iterator(chunk_size=500), start=1):
        session.by_group = {row.group: row.count for row in session.counts.all()}
        row, lines = [], 1
        for _header, width, get, fmt in columns:
            value = count if get is None else get(session)
            cell = WriteOnlyCell(ws, value=value)
            cell.alignment = WRAP_TOP
            if fmt:
                cell.number_format = fmt
            elif isinstance(value, str):
                lines = max(lines, wrapped_lines(value, width))
            row.append(cell)
        ws.row_dimensions[count + 1].height = ROW_HEIGHT * min(lines, MAX_ROW_LINES)
        ws.append(row)
    about = wb.create_sheet("Thông tin")
    about.column_dimensions["A"].width = 28
    about.column_dimensions["B"].width = 80
    person = getattr(user, "person", None)
    for label, value in [
        ("Danh sách", "Hội nghị, lớp tập huấn, bồi dưỡng công tác dân vận"),
        ("Thời điểm xuất", timezone.localtime().strftime("%d/%m/%Y %H:%M")),
        ("Người xuất", person.full_name if person else user.get_username()),
        ("Điều kiện lọc", filters_text or "Tất cả"),
        ("Số hội nghị, lớp trong danh sách", count),
        *((_vi(metric.label), value) for metric, value in totals),
    ]:
        title = WriteOnlyCell(about, value=label)
        title.font = BOLD
        about.append([title, value])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def describe(form, filters: dict, within) -> str:
    """The list's filters in Vietnamese, for the workbook's information sheet."""
    parts = []
    with translation.override("vi"):
        if within is not None:
            parts.append(f"{form.fields['within'].label}: {within.name}")
        for key, value in filters.items():
            if key == "within":
                continue
            if key in CHOICES:
                value = vi_label(CHOICES[key](value))
            parts.append(f"{form.fields[key].label}: {value}")
    return "; ".join(parts)
