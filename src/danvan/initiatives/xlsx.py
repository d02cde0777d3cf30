"""Excel workbooks of models and exemplars: the export of a list, the import template, and the
reading of an import file into rows checked one by one.

Offices fill these files by hand, so reading is tolerant: title rows (often merged) above the
header, which is found by its labels; a row of column numbers "(1) (2) …" under it; dates as real
dates or as "dd/mm/yyyy" text; "1.500.000" or "1,500,000"; stray spaces; Vietnamese labels or
codes for the lists. Every problem is reported with the row number Excel shows, the column's
header and what is wrong; the caller creates nothing unless every row is right.

Column headers, list labels and the instructions are Vietnamese *data* of the files, written here
directly; the messages of the error report are UI text (gettext).
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db.models import OuterRef, Subquery, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from danvan.core.permissions import scope_q
from danvan.core.text import fold
from danvan.documents import media
from danvan.initiatives.models import Field, Holder, Initiative, Kind, ProgressUpdate, Topic
from danvan.initiatives.workflow import Status
from danvan.orgs.models import Campaign, Unit

XLSX_TYPE = media.XLSX
MAX_BYTES = 10 * 1024 * 1024
MAX_UNZIPPED = 200 * 1024 * 1024  # a 10 MB file that unpacks to more is not an office file
MAX_ROWS = 5000
HEADER_SCAN_ROWS = 30
MAX_SCANNED_ROWS = 50_000  # rows read under the header, blank ones included (formatted but empty)
TEMPLATE_ROWS = 2000  # rows of the template that carry the drop-down lists
MAX_LISTED_UNITS = 3000  # beyond this the template's unit column is free text

# the Vietnamese labels the files use (the importer also accepts the codes)
KIND_LABELS = {Kind.MODEL: "Mô hình", Kind.SELF_MANAGEMENT: "Mô hình tự quản", Kind.EXEMPLAR: "Điển hình"}
HOLDER_LABELS = {Holder.COLLECTIVE: "Tập thể", Holder.INDIVIDUAL: "Cá nhân"}
EXAMPLE_MARK = "Ví dụ"

FONT = "Calibri"  # Excel's default: headers and data look alike (LibreOffice substitutes Carlito)
BOLD = Font(name=FONT, bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
THIN = Side(style="thin", color="9BA7B4")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
HEADER_ALIGN = Alignment(wrap_text=True, vertical="center", horizontal="center")
DATE_FORMAT = "DD/MM/YYYY"
NUMBER_FORMAT = "#,##0"
ROW_HEIGHT = 15  # points per line of 11-point text
MAX_ROW_LINES = 6  # longer texts stay whole in the cell, the row shows the start


def vi_label(choice) -> str:
    """A choice label in Vietnamese (the files are Vietnamese whatever the UI language)."""
    with translation.override("vi"):
        return str(choice.label)


def header_key(text) -> str:
    """A header as compared: folded, without "*", notes in brackets and punctuation."""
    text = re.sub(r"\(.*?\)|\*", " ", str(text or ""))
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", fold(text)).split())


# --- export -------------------------------------------------------------------------------------


def _total(field_name: str):
    """The sum of one number over a model's progress updates (a subquery: no join multiplies it)."""
    return Subquery(
        ProgressUpdate.objects.filter(initiative=OuterRef("pk"))
        .order_by()
        .values("initiative")
        .annotate(total=Sum(field_name))
        .values("total")
    )


def _date(value):
    return value if value else None


def _money(value):
    return int(value) if value is not None else None


# header, width, value of an initiative, number format
EXPORT_COLUMNS = [
    ("STT", 6, None, None),
    ("Mã", 8, lambda i: i.pk, None),
    ("Tên mô hình, điển hình", 42, lambda i: i.name, None),
    ("Loại", 16, lambda i: KIND_LABELS.get(i.kind, i.kind), None),
    ("Chủ thể", 10, lambda i: HOLDER_LABELS.get(i.holder, i.holder), None),
    ("Tên cá nhân, tập thể", 24, lambda i: i.holder_name, None),
    ("Đơn vị chủ quản", 32, lambda i: i.owner_unit.name, None),
    ("Lĩnh vực", 22, lambda i: i.field.name, None),
    ("Chủ đề", 30, lambda i: "; ".join(t.name for t in i.topics.all()), None),
    ("Phong trào thi đua", 34, lambda i: i.campaign.name if i.campaign else "", None),
    ("Năm đăng ký", 9, lambda i: i.year, None),
    ("Trạng thái", 18, lambda i: i.status_label, None),
    ("Cấp công nhận", 28, lambda i: i.recognized_level.name if i.recognized_level else "", None),
    ("Ngày công nhận", 13, lambda i: _date(i.recognized_on), DATE_FORMAT),
    ("Nhân rộng từ", 30, lambda i: i.replicated_from.name if i.replicated_from else "", None),
    ("Thực trạng, lý do xây dựng", 40, lambda i: i.situation, None),
    ("Mục tiêu, tiêu chí đánh giá", 40, lambda i: i.goals, None),
    ("Nội dung, cách thức thực hiện", 40, lambda i: i.content, None),
    ("Địa bàn, đối tượng", 30, lambda i: i.beneficiaries, None),
    ("Lực lượng thực hiện", 30, lambda i: i.forces, None),
    ("Kinh phí dự kiến (đồng)", 16, lambda i: _money(i.funding_planned), NUMBER_FORMAT),
    ("Cơ sở vật chất", 24, lambda i: i.facilities, None),
    ("Ngày công dự kiến", 12, lambda i: i.workdays_planned, NUMBER_FORMAT),
    ("Xã hội hóa dự kiến (đồng)", 16, lambda i: _money(i.contributions_planned), NUMBER_FORMAT),
    ("Ngày bắt đầu", 13, lambda i: _date(i.start_date), DATE_FORMAT),
    ("Tiến độ, các mốc thực hiện", 30, lambda i: i.milestones, None),
    ("Thời điểm đánh giá", 13, lambda i: _date(i.evaluation_date), DATE_FORMAT),
    ("Sản phẩm, kết quả đầu ra", 36, lambda i: i.outputs, None),
    ("Khả năng duy trì, nhân rộng", 36, lambda i: i.sustainability, None),
    ("Địa bàn thực hiện", 24, lambda i: i.area.name if i.area else "", None),
    ("Số lần cập nhật tiến độ", 12, lambda i: i.n_updates, NUMBER_FORMAT),
    ("Số người được vận động, tham gia", 14, lambda i: i.t_people, NUMBER_FORMAT),
    ("Số hộ hưởng lợi", 12, lambda i: i.t_households, NUMBER_FORMAT),
    ("Tiền vận động (đồng)", 16, lambda i: _money(i.t_money), NUMBER_FORMAT),
    ("Ngày công huy động", 12, lambda i: i.t_workdays, NUMBER_FORMAT),
    ("Đất hiến (m²)", 12, lambda i: float(i.t_land) if i.t_land is not None else None, "#,##0.0"),
]


def export_workbook(queryset, *, user, filters_text: str = "") -> bytes:
    """One row per model or exemplar of `queryset` (already filtered for the user)."""
    from django.db.models import Count

    qs = (
        queryset.select_related(
            "owner_unit", "field", "campaign", "recognized_level", "area", "replicated_from"
        )
        .prefetch_related("topics")
        .annotate(
            n_updates=Subquery(
                ProgressUpdate.objects.filter(initiative=OuterRef("pk"))
                .order_by()
                .values("initiative")
                .annotate(n=Count("id"))
                .values("n")
            ),
            t_people=_total("people_reached"),
            t_households=_total("households_benefiting"),
            t_money=_total("money_mobilized"),
            t_workdays=_total("workdays_mobilized"),
            t_land=_total("land_donated_m2"),
        )
    )
    statuses = {s.value: vi_label(s) for s in Status}
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Mô hình, điển hình")
    ws.freeze_panes = "D2"
    for index, (_header, width, _get, _fmt) in enumerate(EXPORT_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.auto_filter.ref = f"A1:{get_column_letter(len(EXPORT_COLUMNS))}1"
    _print_setup(ws, landscape=True, fit_width=False)
    ws.print_title_rows = "1:1"
    ws.row_dimensions[1].height = 48  # the long headers wrap on three lines
    ws.append([_header_cell(ws, header) for header, _w, _g, _f in EXPORT_COLUMNS])
    count = 0
    for count, initiative in enumerate(qs.iterator(chunk_size=500), start=1):
        initiative.status_label = statuses.get(initiative.status, initiative.status)
        row, lines = [], 1
        for _header, width, get, fmt in EXPORT_COLUMNS:
            value = count if get is None else get(initiative)
            cell = WriteOnlyCell(ws, value=value)
            cell.alignment = WRAP_TOP
            if fmt:
                cell.number_format = fmt
            elif isinstance(value, str):
                lines = max(lines, wrapped_lines(value, width))
            row.append(cell)
        # spreadsheet programs do not grow rows for wrapped text on opening a file: say how high
        ws.row_dimensions[count + 1].height = ROW_HEIGHT * min(lines, MAX_ROW_LINES)
        ws.append(row)
    about = wb.create_sheet("Thông tin")
    about.column_dimensions["A"].width = 24
    about.column_dimensions["B"].width = 80
    now = timezone.localtime()
    person = getattr(user, "person", None)
    for label, value in [
        ("Danh sách", "Mô hình, điển hình “Dân vận khéo”"),
        ("Thời điểm xuất", now.strftime("%d/%m/%Y %H:%M")),
        ("Người xuất", person.full_name if person else user.get_username()),
        ("Điều kiện lọc", filters_text or "Tất cả"),
        ("Số mô hình, điển hình", count),
    ]:
        title = WriteOnlyCell(about, value=label)
        title.font = BOLD
        about.append([title, value])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _print_setup(ws, *, landscape: bool, fit_width: bool) -> None:
    """A4, and the whole width on one page where that stays readable."""
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    if fit_width:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0


def wrapped_lines(text: str, width: float) -> int:
    """About how many lines a text takes in a wrapped cell of this width (in characters)."""
    per_line = max(int(width) - 2, 1)
    return sum(max(1, -(-len(paragraph) // per_line)) for paragraph in text.splitlines() or [""])


def _header_cell(ws, text):
    cell = WriteOnlyCell(ws, value=text)
    cell.font = BOLD
    cell.fill = HEADER_FILL
    cell.alignment = HEADER_ALIGN
    cell.border = BOX
    return cell


# --- the import columns -------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # as written in the template
    width: int
    # text | line | int | money | date | year | unit | kind | holder | field | topic | campaign
    kind: str = "text"
    required: bool = False
    max_length: int = 20000
    aliases: tuple[str, ...] = ()  # other headers offices use for it
    help: str = ""

    def header_keys(self) -> set[str]:
        return {header_key(self.header), *(header_key(a) for a in self.aliases)}


IMPORT_COLUMNS = [
    Column("seq", "STT", 6, aliases=("Số TT", "TT", "Số thứ tự"), help="Số thứ tự (không bắt buộc)."),
    Column(
        "name",
        "Tên mô hình, điển hình",
        40,
        kind="line",
        required=True,
        max_length=300,
        aliases=("Tên mô hình", "Tên điển hình", "Tên mô hình Dân vận khéo"),
        help="Tên ngắn gọn, cụ thể, tối đa 300 ký tự.",
    ),
    Column(
        "owner_unit",
        "Đơn vị chủ quản",
        34,
        kind="unit",
        required=True,
        aliases=("Đơn vị", "Đơn vị đăng ký", "Cơ quan, đơn vị", "Mã đơn vị"),
        help="Tên đầy đủ của đơn vị (chọn trong danh sách) hoặc mã số của đơn vị; "
        "chỉ các đơn vị mà anh/chị được giao quyền đăng ký mô hình.",
    ),
    Column(
        "kind",
        "Loại",
        16,
        kind="kind",
        aliases=("Loại mô hình", "Hình thức"),
        help="Mô hình, Mô hình tự quản hoặc Điển hình. Để trống: Mô hình.",
    ),
    Column(
        "holder",
        "Chủ thể",
        10,
        kind="holder",
        aliases=("Tập thể, cá nhân", "Tập thể/Cá nhân"),
        help="Tập thể hoặc Cá nhân. Để trống: Tập thể.",
    ),
    Column(
        "holder_name",
        "Tên cá nhân, tập thể",
        24,
        kind="line",
        max_length=200,
        aliases=("Họ và tên", "Tên cá nhân", "Tên tập thể"),
        help="Bắt buộc với điển hình cá nhân: họ và tên người được giới thiệu.",
    ),
    Column(
        "field",
        "Lĩnh vực",
        22,
        kind="field",
        required=True,
        help="Chọn trong danh sách (trang “Danh mục”).",
    ),
    Column("topics", "Chủ đề 1", 28, kind="topic", aliases=("Chủ đề",), help="Chọn trong danh sách."),
    Column("topics", "Chủ đề 2", 28, kind="topic", help="Không bắt buộc."),
    Column("topics", "Chủ đề 3", 28, kind="topic", help="Không bắt buộc."),
    Column(
        "campaign",
        "Phong trào thi đua",
        34,
        kind="campaign",
        aliases=("Phong trào", "Đợt thi đua"),
        help="Tên phong trào (chọn trong danh sách) hoặc mã số; không bắt buộc.",
    ),
    Column(
        "year",
        "Năm đăng ký",
        10,
        kind="year",
        required=True,
        aliases=("Năm",),
        help="Năm có 4 chữ số, ví dụ 2026.",
    ),
    Column("situation", "Thực trạng, lý do xây dựng", 36, aliases=("Thực trạng", "Lý do xây dựng")),
    Column("goals", "Mục tiêu, tiêu chí đánh giá", 36, aliases=("Mục tiêu",)),
    Column("content", "Nội dung, cách thức thực hiện", 40, aliases=("Nội dung", "Nội dung thực hiện")),
    Column("beneficiaries", "Địa bàn, đối tượng", 30, aliases=("Địa bàn, đối tượng thụ hưởng",)),
    Column(
        "forces",
        "Lực lượng thực hiện",
        30,
        help="Chủ trì, phối hợp, tham gia (đơn vị hoặc người, vai trò).",
    ),
    Column(
        "funding_planned",
        "Kinh phí dự kiến (đồng)",
        16,
        kind="money",
        aliases=("Kinh phí",),
        help="Số nguyên, có thể viết 150.000.000 hoặc 150,000,000.",
    ),
    Column("facilities", "Cơ sở vật chất", 24),
    Column(
        "workdays_planned",
        "Ngày công dự kiến",
        12,
        kind="int",
        aliases=("Ngày công",),
        help="Số nguyên, ví dụ 600.",
    ),
    Column(
        "contributions_planned",
        "Xã hội hóa dự kiến (đồng)",
        16,
        kind="money",
        aliases=("Xã hội hóa", "Kinh phí xã hội hóa"),
        help="Số tiền huy động xã hội hóa dự kiến; số nguyên như cột kinh phí.",
    ),
    Column(
        "start_date",
        "Ngày bắt đầu",
        13,
        kind="date",
        aliases=("Thời gian bắt đầu",),
        help="Ngày dạng dd/mm/yyyy, ví dụ 15/03/2026.",
    ),
    Column("milestones", "Tiến độ, các mốc thực hiện", 30, aliases=("Tiến độ", "Các mốc thực hiện")),
    Column(
        "evaluation_date",
        "Thời điểm đánh giá",
        13,
        kind="date",
        aliases=("Ngày đánh giá",),
        help="Ngày dạng dd/mm/yyyy, không trước ngày bắt đầu.",
    ),
    Column("outputs", "Sản phẩm, kết quả đầu ra", 36, aliases=("Sản phẩm", "Kết quả đầu ra")),
    Column(
        "sustainability",
        "Khả năng duy trì, nhân rộng",
        36,
        aliases=("Khả năng nhân rộng", "Khả năng duy trì"),
    ),
]
HEADER_INDEX: dict[str, Column] = {}
for _column in IMPORT_COLUMNS:
    for _key in _column.header_keys():
        HEADER_INDEX.setdefault(_key, _column)
REQUIRED = [c for c in IMPORT_COLUMNS if c.required]


# --- reference lists ----------------------------------------------------------------------------


def owner_units(user):
    """Units in force where the user may register models (the import's owner units)."""
    return Unit.objects.filter(scope_q(user, "initiative.change", "path")).active()


def campaigns_for(units) -> list[Campaign]:
    """Campaigns launched by the given units or their ancestors."""
    prefixes = set()
    for unit in units:
        prefixes.update(unit.ancestor_paths())
        prefixes.add(unit.path)
    if not prefixes:
        return []
    return list(
        Campaign.objects.filter(issuing_unit__path__in=prefixes)
        .select_related("issuing_unit")
        .order_by("-start_date", "name")
    )


# --- the template -------------------------------------------------------------------------------


def template_workbook(user) -> bytes:
    """The import template: a data sheet with an example row and drop-down lists, the
    instructions, and the lists of accepted values."""
    fields = list(Field.objects.filter(active=True))
    topics = list(Topic.objects.filter(active=True))
    units = list(owner_units(user).order_by("path")[: MAX_LISTED_UNITS + 1])
    campaigns = campaigns_for(units[:MAX_LISTED_UNITS])
    wb = Workbook()
    ws = wb.active
    ws.title = "Mô hình"
    ws["A1"] = "DANH SÁCH MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” ĐĂNG KÝ"
    ws["A1"].font = Font(name=FONT, bold=True, size=14)
    # titles over the first columns, left-aligned: visible when the sheet opens, as office forms do
    ws["A1"].alignment = Alignment(vertical="center")
    ws.merge_cells("A1:F1")
    ws["A2"] = (
        "Các cột có dấu * là bắt buộc. Mỗi dòng là một mô hình, điển hình. Không sửa dòng tiêu đề. "
        "Dòng có STT “Ví dụ” được bỏ qua khi nhập. Xem trang “Hướng dẫn”."
    )
    ws["A2"].font = Font(name=FONT, italic=True)
    ws["A2"].alignment = Alignment(vertical="center", wrap_text=True)
    ws.merge_cells("A2:F2")
    ws.row_dimensions[1].height = 28
    ws.row_dimensions[2].height = 32
    ws.row_dimensions[3].height = 45
    header_row = 3
    for index, column in enumerate(IMPORT_COLUMNS, start=1):
        cell = ws.cell(row=header_row, column=index, value=column.header + (" *" if column.required else ""))
        cell.font = BOLD
        cell.fill = HEADER_FILL
        cell.alignment = HEADER_ALIGN
        cell.border = BOX
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.freeze_panes = f"C{header_row + 1}"
    _print_setup(ws, landscape=True, fit_width=False)
    ws.print_title_rows = f"{header_row}:{header_row}"

    # the example row (skipped by the importer thanks to its STT)
    owner_name = units[0].name if units else "Đảng ủy phường Tam Kỳ"
    year = timezone.localdate().year
    field_name = next((f.name for f in fields if f.code == "economy"), fields[0].name if fields else "")
    topic_names = [t.name for t in topics if t.code in ("land_clearance", "grassroots_democracy")]
    example = {
        "seq": EXAMPLE_MARK,
        "name": "Vận động Nhân dân hiến đất mở rộng đường kiệt",
        "owner_unit": owner_name,
        "kind": KIND_LABELS[Kind.MODEL],
        "holder": HOLDER_LABELS[Holder.COLLECTIVE],
        "field": field_name,
        "year": year,
        "situation": "Nhiều kiệt hẹp, xe cứu thương, xe chữa cháy không vào được.",
        "goals": "Mở rộng 3 tuyến kiệt lên 3,5 m; 100% hộ dân đồng thuận.",
        "content": "Tổ dân vận đến từng hộ; họp dân công khai phương án; biểu dương hộ hiến đất.",
        "beneficiaries": "Tổ dân phố 5; 120 hộ dân.",
        "forces": "Chủ trì: Ban công tác Mặt trận; phối hợp: Chi hội Phụ nữ, Chi đoàn; tham gia: Nhân dân.",
        "funding_planned": 150000000,
        "facilities": "Máy xúc, xe tải của doanh nghiệp trên địa bàn.",
        "workdays_planned": 600,
        "contributions_planned": 80000000,
        "start_date": date(year, 3, 15),
        "milestones": "Quý I: vận động; quý II–III: thi công; quý IV: đánh giá.",
        "evaluation_date": date(year, 12, 15),
        "outputs": "3 tuyến kiệt được mở rộng; biên bản hiến đất của các hộ.",
        "sustainability": "Nhân rộng ra các tổ dân phố khác của phường.",
    }
    ws.row_dimensions[header_row + 1].height = 75  # the example's long texts wrap
    topic_iter = iter(topic_names)
    for index, column in enumerate(IMPORT_COLUMNS, start=1):
        value = next(topic_iter, None) if column.key == "topics" else example.get(column.key)
        cell = ws.cell(row=header_row + 1, column=index, value=value)
        cell.alignment = WRAP_TOP
        cell.font = Font(name=FONT, italic=True, color="5F6B7A")
        if column.kind == "date":
            cell.number_format = DATE_FORMAT
        elif column.kind in ("money", "int"):
            cell.number_format = NUMBER_FORMAT
    for row in range(header_row + 2, header_row + 2 + TEMPLATE_ROWS):
        for index, column in enumerate(IMPORT_COLUMNS, start=1):
            if column.kind == "date":
                ws.cell(row=row, column=index).number_format = DATE_FORMAT
            elif column.kind in ("money", "int"):
                ws.cell(row=row, column=index).number_format = NUMBER_FORMAT

    # the lists of accepted values, on their own sheet (drop-downs refer to them)
    lists = wb.create_sheet("Danh mục")
    columns = [
        ("Lĩnh vực", [f.name for f in fields], "field"),
        ("Loại", list(KIND_LABELS.values()), "kind"),
        ("Chủ thể", list(HOLDER_LABELS.values()), "holder"),
        ("Chủ đề", [t.name for t in topics], "topic"),
        ("Phong trào thi đua", [c.name for c in campaigns], "campaign"),
        ("Đơn vị chủ quản", [u.name for u in units[:MAX_LISTED_UNITS]], "unit"),
        ("Mã đơn vị", [u.pk for u in units[:MAX_LISTED_UNITS]], None),
    ]
    widths = [26, 18, 10, 40, 50, 50, 10]
    first_data = header_row + 1
    last_data = header_row + 1 + TEMPLATE_ROWS
    for index, (title, values, kind) in enumerate(columns, start=1):
        letter = get_column_letter(index)
        head = lists.cell(row=1, column=index, value=title)
        head.font = BOLD
        head.fill = HEADER_FILL
        lists.column_dimensions[letter].width = widths[index - 1]
        for row, value in enumerate(values, start=2):
            lists.cell(row=row, column=index, value=value)
        if kind is None or not values:
            continue
        if kind == "unit" and len(units) > MAX_LISTED_UNITS:
            continue  # too many to choose from: the column stays free text (names or ids)
        source = f"'Danh mục'!${letter}$2:${letter}${len(values) + 1}"
        for col_index, column in enumerate(IMPORT_COLUMNS, start=1):
            if column.kind != kind:
                continue
            target = get_column_letter(col_index)
            validation = DataValidation(
                type="list",
                formula1=source,
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="Giá trị không hợp lệ",
                error=f"Chọn “{column.header}” trong danh sách (trang “Danh mục”).",
                promptTitle=column.header,
                prompt="Chọn trong danh sách.",
                showInputMessage=True,
            )
            if kind == "unit":
                # a unit may also be given by its id: warn instead of refusing
                validation.errorStyle = "warning"
                validation.error = "Tên đơn vị không có trong danh sách; có thể ghi mã số của đơn vị."
            validation.add(f"{target}{first_data}:{target}{last_data}")
            ws.add_data_validation(validation)
    lists.freeze_panes = "A2"
    _print_setup(lists, landscape=True, fit_width=True)

    # the instructions
    guide = wb.create_sheet("Hướng dẫn", 0)
    guide.column_dimensions["A"].width = 34
    guide.column_dimensions["B"].width = 12
    guide.column_dimensions["C"].width = 90
    guide["A1"] = "HƯỚNG DẪN NHẬP DANH SÁCH MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” TỪ EXCEL"
    guide["A1"].font = Font(name=FONT, bold=True, size=13)
    guide["A1"].alignment = Alignment(vertical="center")
    guide.merge_cells("A1:C1")
    guide.row_dimensions[1].height = 30  # room for stacked diacritics (Ẫ, Ậ) of capital letters
    _print_setup(guide, landscape=False, fit_width=True)
    rules = [
        "1. Điền danh sách ở trang “Mô hình”, mỗi dòng một mô hình hoặc điển hình, bắt đầu từ dòng 5.",
        "2. Không đổi tên các cột ở dòng tiêu đề; có thể thêm dòng tiêu đề, tên văn bản phía trên.",
        "3. Dòng có STT là “Ví dụ” được bỏ qua; có thể xóa dòng này.",
        "4. Ngày ghi dạng dd/mm/yyyy (ví dụ 15/03/2026) hoặc định dạng ngày của Excel.",
        "5. Số tiền, số ngày công là số nguyên; có thể dùng dấu chấm hoặc dấu phẩy phân cách hàng nghìn.",
        "6. Lĩnh vực, loại, chủ thể, chủ đề, phong trào: chọn trong danh sách (trang “Danh mục”).",
        "7. Mỗi tệp tối đa "
        + f"{MAX_ROWS:,}".replace(",", ".")
        + " dòng, dung lượng tối đa 10 MB, định dạng .xlsx.",
        "8. Hệ thống kiểm tra tất cả các dòng và cho xem trước; chỉ khi không còn lỗi mới ghi "
        "toàn bộ danh sách (có lỗi thì không ghi dòng nào).",
        "9. Các mô hình được nhập ở trạng thái “Nháp”, hoặc “Đã đăng ký” nếu chọn đăng ký ngay.",
    ]
    for row, text in enumerate(rules, start=3):
        guide.cell(row=row, column=1, value=text)
        guide.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
    start = 3 + len(rules) + 1
    for index, title in enumerate(("Cột", "Bắt buộc", "Cách ghi"), start=1):
        cell = guide.cell(row=start, column=index, value=title)
        cell.font = BOLD
        cell.fill = HEADER_FILL
        cell.border = BOX
    for row, column in enumerate(IMPORT_COLUMNS, start=start + 1):
        guide.cell(row=row, column=1, value=column.header).border = BOX
        guide.cell(row=row, column=2, value="Có" if column.required else "").border = BOX
        cell = guide.cell(row=row, column=3, value=column.help or "Văn bản tự do.")
        cell.border = BOX
        cell.alignment = WRAP_TOP
        lines = len(cell.value) // 85 + 1
        if lines > 1:
            guide.row_dimensions[row].height = 15 * lines
    wb.active = wb.index(ws)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# --- reading an import --------------------------------------------------------------------------


class UnreadableFile(Exception):
    """The upload is not an Excel workbook we can read; the message says why."""


@dataclass
class RowError:
    row: int  # as Excel numbers it
    column: str  # the header as written in the file ("" for the whole row)
    message: str


@dataclass
class ImportRow:
    row: int
    owner: Unit
    data: dict
    topics: list[Topic]
    warnings: list[str] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.data.get("kind"), "")

    @property
    def holder_label(self) -> str:
        return HOLDER_LABELS.get(self.data.get("holder"), "")


@dataclass
class ImportResult:
    sheet: str = ""
    header_row: int = 0
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


def check_upload(upload) -> bytes:
    """The bytes of an uploaded XLSX file, or UnreadableFile (size and content are checked)."""
    if getattr(upload, "size", 0) > MAX_BYTES:
        raise UnreadableFile(_("The file is larger than 10 MB."))
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise UnreadableFile(_("The file is larger than 10 MB."))
    check_content(data)
    return data


def check_content(data: bytes) -> None:
    from danvan.initiatives.evidence import sniff
    from danvan.initiatives.models import EvidenceKind

    if not data:
        raise UnreadableFile(_("The file is empty."))
    if sniff(data[:16], data) != EvidenceKind.XLSX:
        raise UnreadableFile(
            _("This is not an Excel workbook (.xlsx). Save the file as .xlsx and try again.")
        )
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED:
            raise UnreadableFile(_("The workbook is too large once unpacked."))


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    text = unicodedata.normalize("NFC", str(value))
    # keep line breaks and tabs; other control characters are noise (and NUL breaks PostgreSQL)
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    return "\n".join(line.strip() for line in text.strip().splitlines()).strip()


def _is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


_NUMBER_LABEL = re.compile(r"^\(?\d{1,2}\)?$")
_GROUPED = re.compile(r"^\d{1,3}(?:([.,\s])\d{3})(?:\1\d{3})*$")
_DATE_TEXT = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_CURRENCY = re.compile(r"\s*(đồng|đ|vnđ|vnd)\.?$", re.IGNORECASE)


class CellError(ValueError):
    pass


def parse_whole_number(value, *, maximum: int) -> int | None:
    """An integer from a cell: a number, or text with "." / "," / space thousands separators."""
    if _is_blank(value):
        return None
    if isinstance(value, bool):
        raise CellError(_("Enter a whole number."))
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
    else:
        text = _CURRENCY.sub("", _cell_text(value)).replace("\u00a0", " ").strip()
        if _GROUPED.match(text):
            text = re.sub(r"[.,\s]", "", text)
        if not re.fullmatch(r"-?\d+", text):
            raise CellError(_("Enter a whole number, such as 1.500.000."))
        number = Decimal(text)
    if number != number.to_integral_value():
        raise CellError(_("Enter a whole number, without decimals."))
    if number < 0:
        raise CellError(_("The number must not be negative."))
    if number > maximum:
        raise CellError(_("The number is too large."))
    return int(number)


def parse_date(value) -> date | None:
    """A date from a cell: a real date, "dd/mm/yyyy" (or with "-" or "."), "yyyy-mm-dd", or an
    Excel day number in a cell without date format."""
    from openpyxl.utils.datetime import from_excel

    if _is_blank(value):
        return None
    if isinstance(value, datetime):
        result = value.date()
    elif isinstance(value, date):
        result = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if not 20000 <= value <= 80000:  # 1954…2119: anything else is not a day number
            raise CellError(_("Enter a date as dd/mm/yyyy."))
        result = from_excel(value).date()
    else:
        text = _cell_text(value)
        match = _DATE_TEXT.match(text)
        iso = _ISO_DATE.match(text)
        try:
            if match:
                day, month, year = (int(g) for g in match.groups())
                result = date(year, month, day)
            elif iso:
                year, month, day = (int(g) for g in iso.groups())
                result = date(year, month, day)
            else:
                raise CellError(_("Enter a date as dd/mm/yyyy."))
        except ValueError as exc:
            if isinstance(exc, CellError):
                raise
            raise CellError(_("This date does not exist.")) from exc
    if not 1990 <= result.year <= 2100:
        raise CellError(_("The year of the date must be between 1990 and 2100."))
    return result


def parse_year(value) -> int | None:
    if _is_blank(value):
        return None
    if isinstance(value, datetime | date):
        return value.year
    try:
        year = parse_whole_number(value, maximum=9999)
    except CellError:
        raise CellError(_("Enter a year of four digits, such as 2026.")) from None
    if year is None or not 2000 <= year <= 2100:
        raise CellError(_("The year must be between 2000 and 2100."))
    return year


def _values(ws, first: int, last: int):
    """The values of rows `first`…`last`. A read-only sheet is parsed while it is read, so damage
    inside it shows up here: it is bad input, never a server error."""
    rows = ws.iter_rows(min_row=first, max_row=last, values_only=True)
    while True:
        try:
            values = next(rows)
        except StopIteration:
            return
        except Exception as exc:
            raise UnreadableFile(
                _("The workbook cannot be read. Open it in Excel, save it again and retry.")
            ) from exc
        yield values


def _find_header(ws) -> tuple[int, dict[int, tuple[Column, str]], list[str]] | None:
    """The header row (found by its labels, below any title rows), its columns, and the headers
    we do not know. A second header row under merged group headers is read too."""
    rows = list(_values(ws, 1, HEADER_SCAN_ROWS))
    for index, row in enumerate(rows):
        known = {}
        for col, value in enumerate(row):
            column = HEADER_INDEX.get(header_key(value)) if isinstance(value, str) else None
            if column is not None:
                known[col] = (column, _cell_text(value))
        if not any(c.key == "name" for c, _h in known.values()) or len(known) < 3:
            continue
        header_row = index + 1
        # a sub-header row under merged group headers ("Nguồn lực" → "Kinh phí", "Ngày công")
        if index + 1 < len(rows):
            below = rows[index + 1]
            extra = {}
            for col, value in enumerate(below):
                column = HEADER_INDEX.get(header_key(value)) if isinstance(value, str) else None
                if column is not None and col not in known:
                    extra[col] = (column, _cell_text(value))
            if extra:
                known.update(extra)
                header_row += 1
        unknown = [
            _cell_text(value)
            for col, value in enumerate(row)
            if col not in known and not _is_blank(value) and header_key(value)
        ]
        return header_row, known, unknown
    return None


class _Lookup:
    """Names and codes of a reference list, compared folded."""

    def __init__(self, items, *names):
        self.map: dict[str, list] = {}
        for item in items:
            for name in names:
                key = fold(str(getattr(item, name)))
                if key:
                    bucket = self.map.setdefault(key, [])
                    if item not in bucket:
                        bucket.append(item)

    def get(self, text: str) -> list:
        return self.map.get(fold(text), [])


def read_import(data: bytes, user) -> ImportResult:
    """Read and check every row of an import file for `user`; create nothing."""
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # any damage in a user's file is bad input, never a server error
        raise UnreadableFile(
            _("The workbook cannot be read. Open it in Excel, save it again and retry.")
        ) from exc
    try:
        return _read(wb, user)
    finally:
        wb.close()


def _read(wb, user) -> ImportResult:
    result = ImportResult()
    found = None
    for ws in wb.worksheets:
        found = _find_header(ws)
        if found:
            break
    if not found:
        raise UnreadableFile(
            _("No header row was found. Use the template: its header row has the column “%(name)s”.")
            % {"name": IMPORT_COLUMNS[1].header}
        )
    header_row, columns, unknown = found
    result.sheet, result.header_row, result.ignored_columns = ws.title, header_row, unknown
    present = {c.key for c, _h in columns.values()}
    for column in REQUIRED:
        if column.key not in present:
            result.errors.append(
                RowError(header_row, column.header, _("This column is missing from the header row."))
            )
    if result.errors:
        return result

    raw_rows = []
    first = header_row + 1
    for number, values in enumerate(_values(ws, first, first + MAX_SCANNED_ROWS), start=first):
        cells = {col: values[col] if col < len(values) else None for col in columns}
        if all(_is_blank(v) for v in values):
            continue
        if all(_is_blank(v) for v in cells.values()):
            continue  # notes outside the known columns (a signature, "Người lập biểu"…)
        texts = [_cell_text(v) for v in values if not _is_blank(v)]
        if number <= header_row + 1 and texts and all(_NUMBER_LABEL.match(t) for t in texts):
            continue  # the "(1) (2) (3) …" row under a header
        seq = next((v for col, v in cells.items() if columns[col][0].key == "seq"), None)
        if fold(_cell_text(seq)) == fold(EXAMPLE_MARK):
            continue
        raw_rows.append((number, cells))
        if len(raw_rows) > MAX_ROWS:
            result.errors.append(
                RowError(number, "", _("The file has more than %(n)s rows; split it.") % {"n": MAX_ROWS})
            )
            return result
    if not raw_rows:
        result.errors.append(RowError(header_row + 1, "", _("The file has no rows under the header row.")))
        return result

    refs = _references(user, raw_rows, columns)
    for number, cells in raw_rows:
        _read_row(result, number, cells, columns, refs)
    _check_duplicates(result)
    result.errors.sort(key=lambda e: e.row)
    return result


def _references(user, raw_rows, columns) -> dict:
    """Everything the rows refer to, read in a few queries whatever the number of rows."""
    unit_cells = {
        _cell_text(value)
        for _n, cells in raw_rows
        for col, value in cells.items()
        if columns[col][0].kind == "unit" and not _is_blank(value)
    }
    ids = {int(t) for t in unit_cells if t.isdigit() and len(t) < 18}
    names = {fold(t) for t in unit_cells if not t.isdigit()}
    # former units too: their own years' models are recorded afterwards (the service decides)
    allowed = Unit.objects.filter(scope_q(user, "initiative.change", "path")).select_related("area")
    units = list(allowed.filter(pk__in=ids)) + list(allowed.filter(name_folded__in=names))
    return {
        "units_by_id": {u.pk: u for u in units},
        "units": _Lookup(units, "name"),
        "fields": _Lookup(Field.objects.filter(active=True), "name", "code"),
        "topics": _Lookup(Topic.objects.filter(active=True), "name", "code"),
        "campaigns": campaigns_for(units),
        "kinds": _Lookup(_choices(Kind, KIND_LABELS), "label", "vi", "code"),
        "holders": _Lookup(_choices(Holder, HOLDER_LABELS), "label", "vi", "code"),
    }


@dataclass(frozen=True)
class _Choice:
    code: str
    label: str
    vi: str


def _choices(enum, labels) -> list[_Choice]:
    return [_Choice(c.value, str(c.label), labels[c]) for c in enum]


def _one(matches: list, column: Column):
    if not matches:
        raise CellError(_("Not in the list of accepted values (see the “Danh mục” sheet)."))
    if len(matches) > 1:
        raise CellError(_("Several entries have this name; write the id instead."))
    return matches[0]


def _read_row(result: ImportResult, number: int, cells: dict, columns: dict, refs: dict) -> None:
    data: dict = {}
    topics: list[Topic] = []
    owner = None
    errors: list[RowError] = []
    campaign_header = start_header = evaluation_header = holder_name_header = unit_header = ""
    seen_required = set()
    for col, value in cells.items():
        column, header = columns[col]
        try:
            if column.kind in ("text", "line"):
                text = _cell_text(value)
                if column.kind == "line":
                    text = " ".join(text.split())
                if len(text) > column.max_length:
                    raise CellError(_("At most %(n)s characters.") % {"n": column.max_length})
                if text or column.key not in data:
                    data[column.key] = text
            elif column.kind == "unit":
                unit_header = header
                owner = _read_unit(value, refs) if not _is_blank(value) else owner
            elif column.kind == "kind" and not _is_blank(value):
                data["kind"] = _one(refs["kinds"].get(_cell_text(value)), column).code
            elif column.kind == "holder" and not _is_blank(value):
                data["holder"] = _one(refs["holders"].get(_cell_text(value)), column).code
            elif column.kind == "field" and not _is_blank(value):
                data["field"] = _one(refs["fields"].get(_cell_text(value)), column)
            elif column.kind == "topic" and not _is_blank(value):
                topics.extend(_read_topics(_cell_text(value), refs, column))
            elif column.kind == "campaign" and not _is_blank(value):
                data["campaign"] = _read_campaign(_cell_text(value), refs, column)
                campaign_header = header
            elif column.kind == "year":
                year = parse_year(value)
                if year is not None:
                    data["year"] = year
            elif column.kind == "money":
                data[column.key] = parse_whole_number(value, maximum=10**15 - 1)
                if data[column.key] is not None:
                    data[column.key] = Decimal(data[column.key])
            elif column.kind == "int":
                data[column.key] = parse_whole_number(value, maximum=2**31 - 1)
            elif column.kind == "date":
                data[column.key] = parse_date(value)
                if column.key == "start_date":
                    start_header = header
                else:
                    evaluation_header = header
        except CellError as exc:
            errors.append(RowError(number, header, str(exc)))
            seen_required.add(column.key)
            continue
        if column.key == "holder_name":
            holder_name_header = header
        if column.required and not _is_blank(value):
            seen_required.add(column.key)
    for column in REQUIRED:
        if column.key not in seen_required:
            header = next((h for c, h in columns.values() if c.key == column.key), column.header)
            errors.append(RowError(number, header, _("This cell must not be empty.")))
    # the rules of the registration service, told by column (the service checks them again)
    if data.get("holder") == Holder.INDIVIDUAL and not data.get("holder_name"):
        errors.append(
            RowError(
                number,
                holder_name_header or IMPORT_COLUMNS[5].header,
                _("Enter the name of the person for an individual exemplar."),
            )
        )
    campaign = data.get("campaign")
    if (
        campaign is not None
        and data.get("year")
        and not (campaign.start_date.year <= data["year"] <= campaign.end_date.year)
    ):
        errors.append(
            RowError(
                number,
                campaign_header,
                _("The year %(year)s is outside the campaign %(campaign)s.")
                % {"year": data["year"], "campaign": campaign},
            )
        )
    if owner is not None and data.get("year") and not _in_force(owner, data["year"]):
        errors.append(RowError(number, unit_header, _("Models are registered by units in force.")))
    if campaign is not None and owner is not None and not owner.path.startswith(campaign.issuing_unit.path):
        errors.append(RowError(number, campaign_header, _("The campaign was not launched for this unit.")))
    start, evaluation = data.get("start_date"), data.get("evaluation_date")
    if start and evaluation and evaluation < start:
        errors.append(
            RowError(
                number,
                evaluation_header or start_header,
                _("The evaluation point must not be before the start date."),
            )
        )
    if errors:
        result.errors.extend(errors)
        return
    data.setdefault("kind", Kind.MODEL)
    data.setdefault("holder", Holder.COLLECTIVE)
    data.pop("seq", None)
    result.rows.append(ImportRow(number, owner, data, list(dict.fromkeys(topics))))


def _in_force(unit: Unit, year: int) -> bool:
    """In force now, or at some time in `year` (as the registration service decides)."""
    if unit.active:
        return True
    return (unit.valid_from is None or unit.valid_from.year <= year) and (
        unit.valid_until is None or unit.valid_until.year >= year
    )


def _read_unit(value, refs) -> Unit:
    text = _cell_text(value)
    if text.isdigit() and len(text) < 18:
        unit = refs["units_by_id"].get(int(text))
        if unit is not None:
            return unit
    matches = refs["units"].get(text)
    if len(matches) > 1:
        raise CellError(_("Several units have this name; write the unit's id instead."))
    if not matches:
        raise CellError(_("Not a unit where you may register models."))
    return matches[0]


def _read_topics(text: str, refs, column: Column) -> list[Topic]:
    whole = refs["topics"].get(text)
    if whole:  # topic names contain commas: try the whole cell first
        return whole[:1]
    topics = []
    for part in re.split(r"[;\n]+", text):
        part = part.strip(" ,.-•")
        if part:
            topics.append(_one(refs["topics"].get(part), column))
    return topics


def _read_campaign(text: str, refs, column: Column) -> Campaign:
    campaigns = refs["campaigns"]
    if text.isdigit():
        matches = [c for c in campaigns if c.pk == int(text)]
    else:
        key = fold(text)
        matches = [c for c in campaigns if fold(c.name) == key]
    if not matches:
        raise CellError(_("Not a campaign launched for the units you may register models in."))
    if len(matches) > 1:
        raise CellError(_("Several campaigns have this name; write the id instead."))
    return matches[0]


def _check_duplicates(result: ImportResult) -> None:
    """Warn (without refusing) of a model already registered, or twice in the file."""
    if not result.rows:
        return
    keys = {(r.owner.pk, fold(r.data["name"]), r.data["year"]) for r in result.rows}
    existing = set(
        Initiative.objects.filter(
            owner_unit_id__in={k[0] for k in keys},
            name_folded__in={k[1] for k in keys},
            year__in={k[2] for k in keys},
        ).values_list("owner_unit_id", "name_folded", "year")
    )
    first_row: dict[tuple, int] = {}
    for row in result.rows:
        key = (row.owner.pk, fold(row.data["name"]), row.data["year"])
        if key in existing:
            row.warnings.append(_("A model with this name is already registered for this unit and year."))
        if key in first_row:
            row.warnings.append(_("Same name, unit and year as row %(row)s.") % {"row": first_row[key]})
        else:
            first_row[key] = row.row
