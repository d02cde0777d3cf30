"""A periodic report as the documents offices file and sign: the report in the Party document
format (DOCX, and PDF printed from it by LibreOffice) and its appendices (XLSX).

The content comes from `services.report_data`: the frozen snapshot of a submitted or accepted
report (so the document of an accepted report never changes, whatever happens to the data
afterwards), else the live figures. The layout is `danvan.documents` (one place for the format);
the text is the official document's, in Vietnamese.

The body follows the usual outline of a report on the movement (DOMAIN §2): I. results (the
narrative, then the figures by section, the breakdowns with a chart, the targets, the roll-up of
the units that report to this one, the typical models), II. shortcomings and causes, III. lessons,
IV. directions, V. proposals; empty narrative parts are left out and the rest renumbered.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from datetime import date

from django.utils import timezone

from danvan.awards.services import default_headings, default_issuer_code, place_of
from danvan.charts import Chart, bar
from danvan.core.text import fold
from danvan.documents import media
from danvan.documents.docx import Signature
from danvan.documents.libreoffice import convert_docx_to_pdf
from danvan.documents.party_format import HD36, document_symbol, short_date
from danvan.documents.report import ReportContent, ReportSection, ReportTable, render_report_docx
from danvan.documents.report_xlsx import render_appendices_xlsx
from danvan.reports import figures, services
from danvan.reports.models import Report
from danvan.reports.workflow import ReportStatus

DOCX_TYPE, PDF_TYPE = media.DOCX, media.PDF
CONTENT_TYPES = media.REPORT_FORMATS

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")
# a number not given yet is left blank, to be written by hand: "Số      -BC/ĐU". The renderer
# strips the symbol, so a zero-width space keeps the blank in front of the dash.
BLANK_NUMBER = "\u200b      "
MOVEMENT = "công tác dân vận và phong trào thi đua “Dân vận khéo”"

FIGURE_HEADERS = ("TT", "Nội dung", "Kết quả")
FIGURE_WIDTHS_MM = (12, 123, 30)
BREAKDOWN_WIDTHS_MM = (12, 123, 30)
TARGET_HEADERS = ("TT", "Chỉ tiêu", "Mục tiêu", "Kết quả", "Đánh giá")
TARGET_WIDTHS_MM = (11, 80, 22, 22, 30)
ROLLUP_COLUMNS = ("TT", "Đơn vị", "Tình trạng", "Ngày gửi")
ROLLUP_COMPACT = ("TT", "Đơn vị", "Tình trạng")
# "TT" and a date (dd/mm/yyyy) each on one line; the unit's name wraps; the figures share the rest
ROLLUP_COMPACT_WIDTHS_MM = (10.5, 47, 26)
# the roll-up's figure columns are narrow: short headers that wrap on whole words
ROLLUP_HEADERS = {
    "initiatives.registered": "Mô hình đăng ký",
    "initiatives.recognized": "Mô hình công nhận",
    "awards.commended": "Khen thưởng",
    "training.people_trained": "Lượt tập huấn",
}
STATUS_WORDS = {
    ReportStatus.DRAFT: "Chưa gửi",
    ReportStatus.RETURNED: "Trả lại",
    ReportStatus.SUBMITTED: "Đã gửi",
    ReportStatus.ACCEPTED: "Đã tiếp nhận",
}
MEASURE_UNITS = {"vnd": "đồng"}


class DocumentError(RuntimeError):
    """A document cannot be produced here (LibreOffice missing for a PDF)."""


# --- content ----------------------------------------------------------------------------------------


def report_content(report: Report, *, today: date | None = None) -> ReportContent:
    """What the report's document says: header, subject, sections, signature, recipients and the
    appendices (for the XLSX)."""
    today = today or timezone.localdate()
    data = services.report_data(report, today=today)
    unit = report.unit
    period = report.period
    superior, heading = default_headings(unit)
    dated = report.dated_on or today
    number = document_symbol(
        BLANK_NUMBER if report.number is None else report.number,
        HD36.abbreviation("BÁO CÁO"),
        _issuer_code(report),
    )
    return ReportContent(
        superior_body=report.superior_heading or superior,
        issuing_body=report.issuer_heading or heading,
        issuer_name=unit.name,
        number=number,
        place=place_of(unit),
        date=dated,
        # the period on a line of its own: "quý IV" never splits at the end of a line
        subject=f"kết quả thực hiện {MOVEMENT}\n{_lower_first(period.label)}",
        signature=_signature(report),
        sections=_sections(report, data),
        recipients=_recipients(report),
        appendices=_appendices(report, data, number.strip("\u200b "), dated),
        keywords=("Dân vận khéo", "báo cáo", period.label),
    )


def render_docx(report: Report) -> bytes:
    """The report in the Party document format."""
    return render_report_docx(report_content(report))


def render_xlsx(report: Report) -> bytes:
    """The figures, the lists of models and commendations and the roll-up, one sheet each."""
    content = report_content(report)
    title = f"Phụ lục báo cáo {_lower_first(report.period.label)} của {report.unit.name}"
    return render_appendices_xlsx(content.appendices, author=content.issuer_name, title=title)


def render_pdf(report: Report) -> bytes:
    """The DOCX printed to PDF by LibreOffice; `DocumentError` when it is not installed."""
    from danvan.documents.libreoffice import LibreOfficeUnavailable

    try:
        return convert_docx_to_pdf(render_docx(report))
    except LibreOfficeUnavailable as exc:
        raise DocumentError(str(exc)) from exc


RENDERERS = {"docx": render_docx, "xlsx": render_xlsx, "pdf": render_pdf}


def render(report: Report, fmt: str) -> bytes:
    return RENDERERS[fmt](report)


def filename(report: Report, ext: str) -> str:
    """An ASCII file name: "bao-cao-15-BC-DU-quy-IV-2026.docx"; without a number, the unit's name
    in its place: "bao-cao-dang-uy-phuong-tam-ky-quy-IV-2026.docx"."""
    period = _slug_words(report.period.label)
    if report.number is not None:
        code = re.sub(r"[^A-Za-z0-9-]+", "-", fold(_issuer_code(report))).strip("-").upper()
        stem = f"bao-cao-{report.number}-BC-{code}-{period}"
    else:
        stem = f"bao-cao-{_slug_words(report.unit.name)}-{period}"
    return f"{stem.strip('-')}.{ext}"


def _issuer_code(report: Report) -> str:
    """ "ĐU": the report's own abbreviation, else the usual one of its unit."""
    return report.issuer_code or default_issuer_code(report.unit)


def _slug_words(text: str) -> str:
    """ "Quý IV năm 2026" → "quy-IV-2026": folded words, Roman numerals kept, "năm" before a
    year dropped."""
    words = text.split()
    out = []
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else ""
        if fold(word) == "nam" and following.isdigit():
            continue
        out.append(word if word in ROMAN else fold(word))
    slug = re.sub(r"[^A-Za-z0-9]+", "-", "-".join(out))
    return slug.strip("-") or "bao-cao"


def _lower_first(text: str) -> str:
    """ "Quý IV năm 2026" → "quý IV năm 2026" (the Roman numeral stays)."""
    return text[:1].lower() + text[1:]


# --- header, signature, recipients ---------------------------------------------------------------------


def _signature(report: Report) -> Signature:
    authority = report.signer_authority
    if not authority and report.unit.unit_type.code == "party_committee":
        authority = "T/M BAN THƯỜNG VỤ"
    return Signature(
        authority=authority.upper() or None,
        position=report.signer_position.upper(),
        name=report.signer_name,
    )


def _recipients(report: Report) -> tuple[str, ...]:
    """The report's own list, else the unit that asked for it ("để báo cáo")."""
    lines = [line.strip().lstrip("-–• ").rstrip(";.,") for line in report.recipients.splitlines()]
    lines = [line for line in lines if line]
    if lines:
        return tuple(lines)
    if report.is_summary:
        parent = report.unit.parent_unit()
        return (f"{parent.name} (để báo cáo)",) if parent is not None else ()
    return (f"{services.reviewing_unit(report).name} (để báo cáo)",)


# --- sections ---------------------------------------------------------------------------------------------


def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


def _sections(report: Report, data: dict) -> list[ReportSection]:
    parts: list[tuple[str, Sequence, Sequence[ReportSection]]] = [
        ("KẾT QUẢ ĐẠT ĐƯỢC", _paragraphs(report.results), _result_parts(report, data)),
    ]
    shortcomings, causes = _paragraphs(report.shortcomings), _paragraphs(report.causes)
    if shortcomings and causes:
        parts.append(
            (
                "HẠN CHẾ, NGUYÊN NHÂN",
                (),
                (
                    ReportSection("1. Hạn chế", shortcomings),
                    ReportSection("2. Nguyên nhân", causes),
                ),
            )
        )
    elif shortcomings or causes:
        parts.append(("HẠN CHẾ, NGUYÊN NHÂN", shortcomings or causes, ()))
    for title, text in (
        ("BÀI HỌC KINH NGHIỆM", report.lessons),
        ("PHƯƠNG HƯỚNG, NHIỆM VỤ", report.directions),
        ("ĐỀ XUẤT, KIẾN NGHỊ", report.proposals),
    ):
        if _paragraphs(text):
            parts.append((title, _paragraphs(text), ()))
    return [
        ReportSection(f"{ROMAN[index]}. {title}", body, subsections)
        for index, (title, body, subsections) in enumerate(parts)
    ]


def _result_parts(report: Report, data: dict) -> list[ReportSection]:
    """The numbered parts of "I. KẾT QUẢ ĐẠT ĐƯỢC" after the narrative."""
    parts: list[tuple[str, list]] = []
    by_section: dict[str, list[dict]] = {}
    for figure in data.get("figures", []):
        by_section.setdefault(figure["section"], []).append(figure)
    for section, title in figures.SECTIONS.items():
        rows = by_section.get(section)
        if not rows:
            continue
        caption = f"Số liệu {_lower_first(title)} {_lower_first(report.period.label)}"
        body: list = [_figure_table(caption, rows)]
        if section == "models":
            body += _breakdowns(data)
            if any(appendix.get("total") for appendix in data.get("appendices", {}).values()):
                body.append(
                    "Danh sách mô hình, điển hình đăng ký, được công nhận và tập thể, cá nhân được "
                    "khen thưởng tại các phụ lục kèm theo."
                )
        parts.append((title, body))
    if data.get("targets"):
        parts.append(("Thực hiện chỉ tiêu", [_targets_table(data["targets"])]))
    rollup = data.get("rollup")
    if rollup and rollup.get("rows"):
        parts.append(("Tình hình báo cáo của các đơn vị", _rollup(rollup)))
    typical = _paragraphs(report.typical_models)
    if typical:
        parts.append(("Mô hình, điển hình tiêu biểu", list(typical)))
    return [ReportSection(f"{number}. {title}", tuple(body)) for number, (title, body) in enumerate(parts, 1)]


def _label(item: dict, label: str | None = None) -> str:
    """A figure's wording, with its unit of measure and, when corrected, the reason."""
    text = label or item["label"]
    unit = MEASURE_UNITS.get(item.get("measure", ""))
    if unit:
        text = f"{text} ({unit})"
    if "reason" in item:
        text = f"{text} (đã điều chỉnh: {item['reason'].strip().rstrip('.')})"
    return text


def _figure_table(title: str, rows: list[dict]) -> ReportTable:
    return ReportTable(
        title=title,
        headers=FIGURE_HEADERS,
        rows=[(str(n), _label(item), item["value"]) for n, item in enumerate(rows, start=1)],
        column_widths_mm=FIGURE_WIDTHS_MM,
    )


def _breakdowns(data: dict) -> list:
    """A table per breakdown that has rows, and a bar chart of the models by field."""
    blocks: list = []
    for breakdown in data.get("breakdowns", []):
        rows = [row for row in breakdown["rows"] if row["value"]]
        if not rows:
            continue
        total = sum(row["value"] for row in rows)
        blocks.append(
            ReportTable(
                title=breakdown["title"],
                headers=(
                    "TT",
                    _breakdown_header(breakdown["dimension"]),
                    "Số lượng",
                ),
                rows=[
                    *((str(n), _label(row), row["value"]) for n, row in enumerate(rows, start=1)),
                    ("", "Tổng cộng", total),
                ],
                column_widths_mm=BREAKDOWN_WIDTHS_MM,
            )
        )
        if breakdown["code"] == "initiatives.registered" and breakdown["dimension"] == "field":
            blocks.append(_field_chart(breakdown["title"], rows))
    return blocks


def _breakdown_header(dimension: str) -> str:
    return {"field": "Lĩnh vực", "owner_type": "Loại đơn vị", "kind": "Loại hình"}.get(dimension, "Nhóm")


def _field_chart(title: str, rows: list[dict]) -> Chart:
    return bar(
        [(row["label"], row["value"]) for row in rows],
        title="",
        unit_label="mô hình",
        horizontal=True,
        caption=title,
    )


def _targets_table(rows: list[dict]) -> ReportTable:
    return ReportTable(
        title="Kết quả thực hiện các chỉ tiêu",
        headers=TARGET_HEADERS,
        rows=[
            (str(n), row["title"], row["goal"], row["actual"], row["status_label"] or "—")
            for n, row in enumerate(rows, start=1)
        ],
        column_widths_mm=TARGET_WIDTHS_MM,
    )


def _rollup_table(rollup: dict, *, title: str, compact: bool) -> ReportTable:
    """The reports of the units under this one, one row each, and the totals of the accepted ones.

    `compact` (the DOCX, on a portrait page): the status, the day it was sent and "trễ hạn" on
    separate lines of one column, and short headers, so that the four figures have room; the
    XLSX keeps one column per value."""
    codes = rollup["codes"]
    labels = {**rollup["labels"], **ROLLUP_HEADERS} if compact else rollup["labels"]
    rows = []
    for n, row in enumerate(rollup["rows"], start=1):
        status = STATUS_WORDS.get(row["status"], row["status_label"])
        late = "(trễ hạn)" if row.get("late") else ""
        sent = date.fromisoformat(row["submitted_on"]).strftime("%d/%m/%Y") if row["submitted_on"] else ""
        values = [(row.get("values") or {}).get(code) for code in codes]
        if compact:
            rows.append((str(n), row["unit"], "\n".join(filter(None, (status, sent, late))), *values))
        else:
            rows.append((str(n), row["unit"], f"{status} {late}".strip(), sent, *values))
    fixed = ROLLUP_COMPACT if compact else ROLLUP_COLUMNS
    totals = [rollup["totals"].get(code, 0) for code in codes]
    rows.append(("", "Tổng cộng (báo cáo đã tiếp nhận)", *([""] * (len(fixed) - 2)), *totals))
    widths = None
    if compact:
        share = (HD36.text_width_mm - sum(ROLLUP_COMPACT_WIDTHS_MM)) / max(len(codes), 1)
        widths = (*ROLLUP_COMPACT_WIDTHS_MM, *([round(share, 1)] * len(codes)))
    return ReportTable(
        title=title,
        headers=(*fixed, *(labels.get(code, code) for code in codes)),
        rows=rows,
        column_widths_mm=widths,
    )


def _rollup(rollup: dict) -> list:
    expected = rollup["expected"]
    missing = rollup["missing"]
    sent = expected - len(missing)
    summary = (
        f"Có {_count(sent)}/{_count(expected)} đơn vị đã gửi báo cáo, "
        f"{_count(rollup['accepted'])} báo cáo đã được tiếp nhận. "
        "Số liệu tổng hợp tính trên các báo cáo đã tiếp nhận."
    )
    if missing:
        tail = f"Các đơn vị chưa gửi báo cáo: {', '.join(missing)}."
    else:
        tail = "Tất cả các đơn vị đã gửi báo cáo."
    return [summary, _rollup_table(rollup, title="Kết quả báo cáo của các đơn vị", compact=True), tail]


def _count(n: int) -> str:
    return f"{n:02d}"


# --- appendices (XLSX) ------------------------------------------------------------------------------------


def _appendices(report: Report, data: dict, symbol: str, dated: date) -> list[ReportTable]:
    reference = (
        f"(Kèm theo Báo cáo số {symbol}, ngày {short_date(dated)} của {report.unit.name})"
        if report.number is not None
        else f"(Kèm theo Báo cáo {_lower_first(report.period.label)} của {report.unit.name})"
    )
    tables = [
        ReportTable(
            title=f"SỐ LIỆU KẾT QUẢ THỰC HIỆN {report.period.label.upper()}",
            note=reference,
            headers=("TT", "Nhóm", "Nội dung", "Đơn vị tính", "Kết quả", "Số liệu hệ thống", "Ghi chú"),
            rows=[
                (
                    str(n),
                    figures.SECTIONS.get(item["section"], ""),
                    item["label"],
                    _measure_unit(item.get("measure", "")),
                    item["value"],
                    item.get("computed", item["value"]),
                    f"Đã điều chỉnh: {item['reason']}" if "reason" in item else "",
                )
                for n, item in enumerate(data.get("figures", []), start=1)
            ],
        )
    ]
    for name, (title, headers) in figures.APPENDIX_HEADERS.items():
        appendix = data.get("appendices", {}).get(name, {"total": 0, "rows": []})
        note = reference
        if appendix["total"] > len(appendix["rows"]):
            note += f" — {len(appendix['rows'])}/{appendix['total']} dòng đầu"
        tables.append(
            ReportTable(
                title=title.upper(),
                note=note,
                headers=("TT", *headers),
                rows=[
                    # a year is a label, not a quantity: 2026, never 2.026
                    (n, *(str(v) if header == "Năm" else v for header, v in zip(headers, row, strict=True)))
                    for n, row in enumerate(appendix["rows"], start=1)
                ],
            )
        )
    rollup = data.get("rollup")
    if rollup and rollup.get("rows"):
        table = _rollup_table(rollup, title="TÌNH HÌNH BÁO CÁO CỦA CÁC ĐƠN VỊ", compact=False)
        tables.append(dataclasses.replace(table, note=reference))
    return tables


def _measure_unit(measure: str) -> str:
    return {"vnd": "đồng", "people": "lượt người"}.get(measure, "")
