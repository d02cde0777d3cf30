"""Excel: the export of a filtered list, the import template, and the import (preview or a
row-by-row report, then all rows or none)."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from datetime import date, datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook, load_workbook

from danvan.core.services import ServiceError
from danvan.initiatives import services, xlsx
from danvan.initiatives.models import Initiative, Topic
from danvan.initiatives.views_excel import SESSION_KEY
from danvan.initiatives.workflow import Status
from danvan.orgs.models import Campaign, Unit
from tests.conftest import client_for
from tests.initiatives.conftest import advance, make

pytestmark = pytest.mark.django_db

IMPORT = "/initiatives/import/"
TEMPLATE = "/initiatives/import/template/"
EXPORT = "/initiatives/export/"

HEADERS = [
    "STT",
    "Tên mô hình, điển hình *",
    "Đơn vị chủ quản *",
    "Loại",
    "Chủ thể",
    "Tên cá nhân, tập thể",
    "Lĩnh vực *",
    "Chủ đề",
    "Phong trào thi đua",
    "Năm đăng ký *",
    "Nội dung, cách thức thực hiện",
    "Kinh phí dự kiến (đồng)",
    "Ngày công dự kiến",
    "Ngày bắt đầu",
    "Thời điểm đánh giá",
]


def row(name, unit="Đảng ủy phường Tam Kỳ", **extra) -> dict:
    return {"Tên mô hình, điển hình *": name, "Đơn vị chủ quản *": unit, "Lĩnh vực *": "Kinh tế", **extra} | {
        "Năm đăng ký *": extra.get("Năm đăng ký *", 2026)
    }


def build(rows, *, headers=HEADERS, title=True, numbering=False, write_only=False) -> bytes:
    """A workbook as offices make it: title rows (merged) above the header row."""
    wb = Workbook(write_only=write_only)
    ws = wb.create_sheet("Danh sách") if write_only else wb.active
    if not write_only:
        ws.title = "Danh sách"
    if title:
        ws.append(["ĐẢNG ỦY PHƯỜNG TAM KỲ", None, None, "ĐẢNG CỘNG SẢN VIỆT NAM"])
        ws.append(["DANH SÁCH MÔ HÌNH “DÂN VẬN KHÉO” ĐĂNG KÝ NĂM 2026"])
        ws.append([])
        if not write_only:
            ws.merge_cells("A1:C1")
            ws.merge_cells("A2:H2")
    ws.append(headers)
    if numbering:
        ws.append([f"({i})" for i in range(1, len(headers) + 1)])
    for values in rows:
        ws.append([values.get(h) for h in headers])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


FIRST = 5  # the first data row of `build()` with title rows: Excel's row number


def send(client, data: bytes, *, submit=False, name="danh-sach.xlsx"):
    payload = {"action": "upload", "file": SimpleUploadedFile(name, data)}
    if submit:
        payload["submit"] = "on"
    return client.post(IMPORT, payload)


def confirm(client):
    return client.post(IMPORT, {"action": "confirm", "token": client.session[SESSION_KEY]["token"]})


def errors_of(response) -> list[tuple[int, str, str]]:
    result = response.context["result"]
    return [(e.row, e.column, e.message) for e in result.errors]


def stored_imports() -> list[str]:
    try:
        dirs, _files = default_storage.listdir(xlsx_dir := "imports")
    except FileNotFoundError:
        return []
    names = []
    for d in dirs:
        names += default_storage.listdir(f"{xlsx_dir}/{d}")[1]
    return names


@pytest.fixture
def leader_client(db):
    return client_for(get_user_model().objects.get(username="lanhdao.danang"))


def workbook(response):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == xlsx.XLSX_TYPE
    assert "attachment" in response["Content-Disposition"]
    return load_workbook(io.BytesIO(response.content))


# --- who may use the pages ----------------------------------------------------------------------


@pytest.mark.parametrize("url", [IMPORT, TEMPLATE, EXPORT])
@pytest.mark.parametrize("persona", ["owner", "ancestor", "stranger"])
def test_officers_may_open_the_excel_pages(personas, url, persona):
    assert personas[persona].get(url).status_code == 200


@pytest.mark.parametrize("url", [IMPORT, TEMPLATE, EXPORT])
def test_anonymous_is_sent_to_log_in(personas, url):
    response = personas["anonymous"].get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert personas["anonymous"].post(IMPORT, {"action": "upload"}).status_code == 302


def test_a_leader_may_export_but_not_import(leader_client):
    assert leader_client.get(EXPORT).status_code == 200
    assert leader_client.get(IMPORT).status_code == 403
    assert leader_client.get(TEMPLATE).status_code == 403
    assert (
        leader_client.post(
            IMPORT, {"action": "upload", "file": SimpleUploadedFile("a.xlsx", build([]))}
        ).status_code
        == 403
    )


# --- export -------------------------------------------------------------------------------------


@pytest.fixture
def exported_models(tamky, haichau, owner, ancestor, stranger):
    campaign = Campaign.objects.get(name__contains="2026–2030")
    model = make(
        tamky,
        owner,
        "Khu dân cư không rác thải nhựa",
        campaign=campaign,
        funding_planned=150_000_000,
        start_date=date(2026, 3, 15),
        evaluation_date=date(2026, 12, 1),
    )
    model.topics.set(Topic.objects.filter(code__in=["environment", "civilized_urban"]))
    model = advance(model, owner, ancestor, "recognized")
    services.add_progress(
        model, {"narrative": "Đợt 2", "people_reached": 80, "households_benefiting": 12}, actor=owner
    )
    other = make(haichau, stranger, "Tuyến phố văn minh Hải Châu", year=2025)
    return model, other


def test_export_content(personas, exported_models, tamky, city):
    model, other = exported_models
    wb = workbook(personas["ancestor"].get(EXPORT, {"within": city.pk}))
    ws = wb["Mô hình, điển hình"]
    headers = [c.value for c in ws[1]]
    for header in (
        "Tên mô hình, điển hình",
        "Loại",
        "Chủ thể",
        "Đơn vị chủ quản",
        "Lĩnh vực",
        "Chủ đề",
        "Phong trào thi đua",
        "Năm đăng ký",
        "Trạng thái",
        "Cấp công nhận",
        "Thực trạng, lý do xây dựng",
        "Nội dung, cách thức thực hiện",
        "Kinh phí dự kiến (đồng)",
        "Ngày bắt đầu",
        "Thời điểm đánh giá",
        "Số người được vận động, tham gia",
        "Số hộ hưởng lợi",
        "Tiền vận động (đồng)",
    ):
        assert header in headers, header
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "D2"
    assert ws.column_dimensions["C"].width == 42
    rows = {
        r[headers.index("Mã")]: dict(zip(headers, r, strict=True))
        for r in ws.iter_rows(min_row=2, values_only=True)
    }
    assert {model.pk, other.pk} <= set(rows)
    line = rows[model.pk]
    assert line["Tên mô hình, điển hình"] == "Khu dân cư không rác thải nhựa"
    assert line["Đơn vị chủ quản"] == tamky.name
    assert line["Lĩnh vực"] == "Văn hóa - xã hội"
    assert line["Chủ đề"] == "Bảo vệ môi trường; Đô thị văn minh, tuyến phố văn minh"
    assert line["Phong trào thi đua"].startswith("Phong trào thi đua “Dân vận khéo” thành phố Đà Nẵng")
    assert line["Năm đăng ký"] == 2026 and line["Loại"] == "Mô hình" and line["Chủ thể"] == "Tập thể"
    assert line["Trạng thái"] == xlsx.vi_label(Status.RECOGNIZED)
    assert line["Cấp công nhận"] == model.recognized_level.name
    assert line["Kinh phí dự kiến (đồng)"] == 150_000_000
    assert line["Ngày bắt đầu"] == datetime(2026, 3, 15)
    assert line["Số người được vận động, tham gia"] == 400  # 320 + 80 over two updates
    assert line["Số hộ hưởng lợi"] == 12 and line["Tiền vận động (đồng)"] == 1_500_000
    assert line["Số lần cập nhật tiến độ"] == 2
    date_cell = ws.cell(row=2, column=headers.index("Ngày bắt đầu") + 1)
    assert date_cell.number_format == "DD/MM/YYYY"
    about = dict(wb["Thông tin"].iter_rows(values_only=True))
    assert about["Số mô hình, điển hình"] == ws.max_row - 1


def test_export_applies_the_list_filters(personas, exported_models, city, tamky):
    model, other = exported_models

    def names(client, **params):
        ws = workbook(client.get(EXPORT, params)).worksheets[0]
        return {r[2] for r in ws.iter_rows(min_row=2, values_only=True)}

    client = personas["ancestor"]
    assert names(client, within=city.pk, q="khu dan cu") == {model.name}
    assert names(client, within=city.pk, year=2025) == {other.name}
    assert names(client, within=tamky.pk) == {model.name}
    assert names(client, within=city.pk, status="recognized") == {model.name}
    # filters that do not validate are ignored, as on the list page; never a server error
    assert model.name in names(client, within="abc", year="x", field="999999", status="%00")


def test_export_holds_only_what_the_user_may_see(personas, exported_models, tamky):
    model, other = exported_models
    for persona, expected in [("owner", {model.name}), ("stranger", {other.name})]:
        ws = workbook(personas[persona].get(EXPORT)).worksheets[0]
        assert {r[2] for r in ws.iter_rows(min_row=2, values_only=True)} == expected
    # a unit the user may not see is not a filter they can use to peek
    ws = workbook(personas["stranger"].get(EXPORT, {"within": tamky.pk})).worksheets[0]
    assert model.name not in {r[2] for r in ws.iter_rows(min_row=2, values_only=True)}


def test_export_runs_a_constant_number_of_queries(personas, tamky, owner):
    topics = list(Topic.objects.filter(code__in=["environment", "social_security"]))

    def count():
        with CaptureQueriesContext(connection) as ctx:
            workbook(personas["owner"].get(EXPORT, {"within": tamky.pk}))
        return len(ctx.captured_queries)

    for i in range(3):
        make(tamky, owner, f"Mô hình {i}").topics.set(topics)
    few = count()
    for i in range(3, 25):
        make(tamky, owner, f"Mô hình {i}").topics.set(topics)
    assert count() == few


# --- the template -------------------------------------------------------------------------------


def test_template(personas, tamky):
    wb = workbook(personas["owner"].get(TEMPLATE))
    assert wb.sheetnames == ["Hướng dẫn", "Mô hình", "Danh mục"]
    ws = wb["Mô hình"]
    header = [c.value for c in ws[3]]
    assert header[:3] == ["STT", "Tên mô hình, điển hình *", "Đơn vị chủ quản *"]
    assert "Lĩnh vực *" in header and "Năm đăng ký *" in header and "Chủ đề 1" in header
    assert ws["A1"].value.startswith("DANH SÁCH MÔ HÌNH") and "A1:F1" in {
        str(r) for r in ws.merged_cells.ranges
    }
    assert ws.cell(row=4, column=1).value == "Ví dụ"
    assert ws.freeze_panes == "C4"
    lists = wb["Danh mục"]
    columns = {lists.cell(row=1, column=c).value: c for c in range(1, lists.max_column + 1)}

    def listed(title):
        col = columns[title]
        return [
            lists.cell(row=r, column=col).value
            for r in range(2, lists.max_row + 1)
            if lists.cell(row=r, column=col).value
        ]

    assert listed("Lĩnh vực")[:4] == [
        "Kinh tế",
        "Văn hóa - xã hội",
        "Quốc phòng - an ninh",
        "Xây dựng hệ thống chính trị",
    ]
    assert listed("Loại") == ["Mô hình", "Mô hình tự quản", "Điển hình"]
    assert listed("Chủ thể") == ["Tập thể", "Cá nhân"]
    assert "Giải phóng mặt bằng, bồi thường, tái định cư" in listed("Chủ đề")
    units = listed("Đơn vị chủ quản")
    assert tamky.name in units and "Đảng ủy phường Hải Châu" not in units
    validated = {}
    for validation in ws.data_validations.dataValidation:
        for cells in validation.sqref.ranges:
            validated[header[cells.min_col - 1]] = (validation.type, validation.formula1)
    for title in ("Lĩnh vực *", "Loại", "Chủ thể", "Chủ đề 1", "Chủ đề 2", "Chủ đề 3", "Đơn vị chủ quản *"):
        assert validated[title][0] == "list" and validated[title][1].startswith("'Danh mục'!"), title
    guide = wb["Hướng dẫn"]
    assert "HƯỚNG DẪN" in guide["A1"].value
    assert "Tên mô hình, điển hình" in [c.value for c in guide["A"]]


def test_the_filled_template_imports(personas, tamky):
    client = personas["owner"]
    wb = load_workbook(io.BytesIO(client.get(TEMPLATE).content))
    ws = wb["Mô hình"]
    header = [c.value for c in ws[3]]
    values = {
        "STT": 1,
        "Tên mô hình, điển hình *": "Dân vận khéo trong chuyển đổi số ở tổ dân phố",
        "Đơn vị chủ quản *": tamky.name,
        "Loại": "Mô hình",
        "Chủ thể": "Tập thể",
        "Lĩnh vực *": "Xây dựng hệ thống chính trị",
        "Chủ đề 1": "Chuyển đổi số",
        "Chủ đề 2": "Cải cách hành chính",
        "Phong trào thi đua": Campaign.objects.get(name__contains="2026–2030").name,
        "Năm đăng ký *": 2026,
        "Kinh phí dự kiến (đồng)": 25_000_000,
        "Ngày bắt đầu": datetime(2026, 2, 1),
    }
    for col, title in enumerate(header, start=1):
        ws.cell(row=5, column=col, value=values.get(title))
    out = io.BytesIO()
    wb.save(out)
    response = send(client, out.getvalue())
    assert response.status_code == 200
    assert "initiatives/import_preview.html" in [t.name for t in response.templates]
    result = response.context["result"]
    assert [r.row for r in result.rows] == [5]  # the example row 4 is skipped
    confirm(client)
    created = Initiative.objects.get(name="Dân vận khéo trong chuyển đổi số ở tổ dân phố")
    assert created.owner_unit == tamky and created.field.code == "political_system"
    assert {t.code for t in created.topics.all()} == {"digital_transformation", "administrative_reform"}
    assert created.campaign is not None and created.start_date == date(2026, 2, 1)
    assert created.funding_planned == 25_000_000


# --- import: preview, confirm -------------------------------------------------------------------


def test_preview_then_confirm(personas, tamky, owner):
    client = personas["owner"]
    data = build(
        [
            row(
                "Mô hình thứ nhất", **{"Chủ đề": "Bảo vệ môi trường", "Kinh phí dự kiến (đồng)": "1.500.000"}
            ),
            row("Mô hình thứ hai", **{"Ngày bắt đầu": "05/03/2026", "Thời điểm đánh giá": date(2026, 12, 1)}),
        ]
    )
    response = send(client, data, submit=True)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Mô hình thứ nhất" in body and "Mô hình thứ hai" in body
    assert not Initiative.objects.filter(name__startswith="Mô hình thứ").exists()  # nothing before confirming
    assert len(stored_imports()) == 1
    response = confirm(client)
    assert response.status_code == 302 and response["Location"].endswith("/initiatives/")
    first = Initiative.objects.get(name="Mô hình thứ nhất")
    second = Initiative.objects.get(name="Mô hình thứ hai")
    assert first.status == second.status == Status.REGISTERED  # "register at once" was ticked
    assert first.funding_planned == 1_500_000 and [t.code for t in first.topics.all()] == ["environment"]
    assert second.start_date == date(2026, 3, 5) and second.evaluation_date == date(2026, 12, 1)
    assert first.created_by == owner and first.transitions.filter(action="create").exists()
    assert stored_imports() == [] and SESSION_KEY not in client.session
    # a second confirmation of the same upload does nothing
    response = client.post(IMPORT, {"action": "confirm", "token": "whatever"})
    assert response.status_code == 302
    assert Initiative.objects.filter(name="Mô hình thứ nhất").count() == 1


def test_drafts_unless_registered_at_once(personas):
    client = personas["owner"]
    send(client, build([row("Mô hình nháp")]))
    confirm(client)
    assert Initiative.objects.get(name="Mô hình nháp").status == Status.DRAFT


def test_office_habits_are_tolerated(personas, tamky):
    client = personas["owner"]
    decomposed = unicodedata.normalize("NFD", "Mô hình gõ kiểu tổ hợp")
    rows = [
        row(
            "  Mô hình   có khoảng trắng  ",
            **{
                "Lĩnh vực *": "  kinh te  ",
                "Loại": " điển hình ",
                "Chủ thể": "CÁ NHÂN",
                "Tên cá nhân, tập thể": "Nguyễn Văn A ",
                "Kinh phí dự kiến (đồng)": "1,500,000",
                "Ngày bắt đầu": "5-3-2026",
            },
        ),
        row(
            "Mô hình theo mã",
            unit=str(tamky.pk),
            **{
                "Lĩnh vực *": "economy",
                "Loại": "self_management",
                "Chủ đề": "Bảo vệ môi trường; Chuyển đổi số",
                "Kinh phí dự kiến (đồng)": "2 000 000 đ",
                "Ngày công dự kiến": 1200.0,
                "Ngày bắt đầu": 46082,
                "Năm đăng ký *": "2026",
            },
        ),
        row(
            decomposed,
            **{
                "Chủ đề": "Giải phóng mặt bằng, bồi thường, tái định cư",
                "Ngày bắt đầu": "2026-03-05",
                "Ngày công dự kiến": "1.200",
            },
        ),
    ]
    response = send(client, build(rows, numbering=True))
    result = response.context["result"]
    assert result.errors == [], result.errors
    assert [r.row for r in result.rows] == [6, 7, 8]  # header on row 4, "(1) (2) …" on row 5
    confirm(client)
    spaced = Initiative.objects.get(name="Mô hình có khoảng trắng")
    assert spaced.field.code == "economy" and spaced.kind == "exemplar" and spaced.holder == "individual"
    assert spaced.holder_name == "Nguyễn Văn A" and spaced.funding_planned == 1_500_000
    assert spaced.start_date == date(2026, 3, 5)
    coded = Initiative.objects.get(name="Mô hình theo mã")
    assert (
        coded.owner_unit == tamky and coded.kind == "self_management" and coded.funding_planned == 2_000_000
    )
    assert {t.code for t in coded.topics.all()} == {"environment", "digital_transformation"}
    assert coded.workdays_planned == 1200 and coded.start_date == date(2026, 3, 1)  # an Excel day number
    composed = Initiative.objects.get(name=unicodedata.normalize("NFC", decomposed))
    assert [t.code for t in composed.topics.all()] == ["land_clearance"] and composed.workdays_planned == 1200


def test_a_two_level_header_is_read(personas):
    client = personas["owner"]
    wb = Workbook()
    ws = wb.active
    ws.append(["DANH SÁCH ĐĂNG KÝ"])
    ws.append(["STT", "Tên mô hình", "Đơn vị", "Lĩnh vực", "Năm", "Nguồn lực", None])
    ws.append([None, None, None, None, None, "Kinh phí", "Ngày công"])
    ws.merge_cells("F2:G2")
    for col in "ABCDE":
        ws.merge_cells(f"{col}2:{col}3")
    ws.append([1, "Mô hình hai tầng tiêu đề", "Đảng ủy phường Tam Kỳ", "Kinh tế", 2026, "3.000.000", 40])
    out = io.BytesIO()
    wb.save(out)
    result = send(client, out.getvalue()).context["result"]
    assert result.errors == [] and result.header_row == 3
    assert result.rows[0].row == 4 and result.rows[0].data["funding_planned"] == 3_000_000
    assert result.rows[0].data["workdays_planned"] == 40


def test_three_bad_rows_change_nothing_and_are_named(personas):
    client = personas["owner"]
    rows = [row(f"Mô hình số {i}") for i in range(10)]
    rows[2]["Lĩnh vực *"] = "Thể thao"  # row 7: not a field
    rows[5]["Ngày bắt đầu"] = "31/02/2026"  # row 10: no such day
    rows[8]["Đơn vị chủ quản *"] = "Đảng ủy phường Hải Châu"  # row 13: not the owner's unit
    before = Initiative.objects.count()
    response = send(client, build(rows))
    assert "initiatives/import_report.html" in [t.name for t in response.templates]
    errors = errors_of(response)
    assert sorted({e[0] for e in errors}) == [FIRST + 2, FIRST + 5, FIRST + 8]
    assert [(e[0], e[1]) for e in errors] == [
        (FIRST + 2, "Lĩnh vực *"),
        (FIRST + 5, "Ngày bắt đầu"),
        (FIRST + 8, "Đơn vị chủ quản *"),
    ]
    body = response.content.decode()
    for number in (FIRST + 2, FIRST + 5, FIRST + 8):
        assert f'data-row="{number}"' in body
    assert Initiative.objects.count() == before
    assert stored_imports() == [] and SESSION_KEY not in client.session


@pytest.mark.parametrize(
    "change, column",
    [
        ({"Tên mô hình, điển hình *": None}, "Tên mô hình, điển hình *"),
        ({"Tên mô hình, điển hình *": "x" * 301}, "Tên mô hình, điển hình *"),
        ({"Đơn vị chủ quản *": "   "}, "Đơn vị chủ quản *"),
        ({"Đơn vị chủ quản *": "Không có đơn vị này"}, "Đơn vị chủ quản *"),
        ({"Đơn vị chủ quản *": "999999999"}, "Đơn vị chủ quản *"),
        ({"Đơn vị chủ quản *": "Thành ủy Đà Nẵng"}, "Đơn vị chủ quản *"),  # above the owner's grant
        ({"Lĩnh vực *": None}, "Lĩnh vực *"),
        ({"Loại": "Phong trào"}, "Loại"),
        ({"Chủ thể": "Nhóm"}, "Chủ thể"),
        ({"Chủ thể": "Cá nhân"}, "Tên cá nhân, tập thể"),  # an individual needs a name
        ({"Chủ đề": "Thể thao; Chuyển đổi số"}, "Chủ đề"),
        ({"Phong trào thi đua": "Phong trào khác"}, "Phong trào thi đua"),
        ({"Phong trào thi đua": "CAMPAIGN", "Năm đăng ký *": 2025}, "Phong trào thi đua"),
        ({"Năm đăng ký *": "hai nghìn"}, "Năm đăng ký *"),
        ({"Năm đăng ký *": 1999}, "Năm đăng ký *"),
        ({"Năm đăng ký *": None}, "Năm đăng ký *"),
        ({"Kinh phí dự kiến (đồng)": "1,5"}, "Kinh phí dự kiến (đồng)"),
        ({"Kinh phí dự kiến (đồng)": -100}, "Kinh phí dự kiến (đồng)"),
        ({"Kinh phí dự kiến (đồng)": "nhiều"}, "Kinh phí dự kiến (đồng)"),
        ({"Kinh phí dự kiến (đồng)": 10**16}, "Kinh phí dự kiến (đồng)"),
        ({"Ngày công dự kiến": 2.5}, "Ngày công dự kiến"),
        ({"Ngày bắt đầu": "hôm qua"}, "Ngày bắt đầu"),
        ({"Ngày bắt đầu": "12/2026"}, "Ngày bắt đầu"),
        ({"Ngày bắt đầu": 2026}, "Ngày bắt đầu"),
        ({"Ngày bắt đầu": "01/01/1850"}, "Ngày bắt đầu"),
        ({"Ngày bắt đầu": "05/05/2026", "Thời điểm đánh giá": "01/01/2026"}, "Thời điểm đánh giá"),
    ],
)
def test_each_problem_is_told_by_row_and_column(personas, change, column):
    if change.get("Phong trào thi đua") == "CAMPAIGN":
        change = {**change, "Phong trào thi đua": Campaign.objects.get(name__contains="2026–2030").name}
    values = row("Mô hình có lỗi")
    values.update(change)
    before = Initiative.objects.count()
    response = send(personas["owner"], build([row("Mô hình đúng"), values]))
    errors = errors_of(response)
    assert [(e[0], e[1]) for e in errors] == [(FIRST + 1, column)], errors
    assert errors[0][2]  # says what is wrong
    assert Initiative.objects.count() == before


def test_a_missing_column_is_named(personas):
    headers = [h for h in HEADERS if h != "Lĩnh vực *"]
    response = send(personas["owner"], build([row("Mô hình")], headers=headers))
    assert errors_of(response)[0][:2] == (4, "Lĩnh vực")


def test_a_sheet_without_the_header_row(personas):
    wb = Workbook()
    wb.active.append(["Họ tên", "Ngày sinh"])
    wb.active.append(["Nguyễn Văn A", "01/01/1980"])
    out = io.BytesIO()
    wb.save(out)
    response = send(personas["owner"], out.getvalue())
    assert response.status_code == 200 and response.context["form"].errors["file"]


def test_only_the_example_row(personas):
    response = send(personas["owner"], personas["owner"].get(TEMPLATE).content)
    assert [e[0] for e in errors_of(response)] == [4]  # "no rows under the header" (row 3)


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return out.getvalue()


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"STT;Ten mo hinh\n1;Mo hinh\n",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,  # an old .xls
        b"PK\x03\x04 damaged",
        "DOCX",
        "FAKE_XLSX",
        "DAMAGED_SHEET",
        "%PDF-1.4 not a workbook",
    ],
)
def test_only_real_xlsx_files_are_read(personas, content):
    if content == "DOCX":
        content = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
    elif content == "DAMAGED_SHEET":  # a real workbook whose sheet is cut short
        original = zipfile.ZipFile(io.BytesIO(build([row(f"Mô hình {i}") for i in range(50)])))
        entries = {name: original.read(name) for name in original.namelist()}
        sheet = next(name for name in entries if name.startswith("xl/worksheets/sheet"))
        entries[sheet] = entries[sheet][: len(entries[sheet]) // 2]
        content = _zip(entries)
    elif content == "FAKE_XLSX":
        content = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<not really>"})
    elif isinstance(content, str):
        content = content.encode()
    response = send(personas["owner"], content)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert stored_imports() == []


def test_files_over_10_mb_are_refused(personas):
    response = send(personas["owner"], b"PK\x03\x04" + b"\x00" * (10 * 1024 * 1024))
    assert response.context["form"].errors["file"]


def test_an_upload_without_a_file(personas):
    response = personas["owner"].post(IMPORT, {"action": "upload"})
    assert response.status_code == 200 and response.context["form"].errors["file"]


def test_too_many_rows(personas, monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_ROWS", 3)
    response = send(personas["owner"], build([row(f"Mô hình {i}") for i in range(5)]))
    assert len(errors_of(response)) == 1


def test_importing_1000_rows(personas, tamky):
    client = personas["owner"]
    field_names = ["Kinh tế", "Văn hóa - xã hội", "Quốc phòng - an ninh", "Xây dựng hệ thống chính trị"]
    rows = [
        row(
            f"Mô hình nhập hàng loạt số {i}",
            **{
                "STT": i + 1,
                "Lĩnh vực *": field_names[i % 4],
                "Chủ đề": "Bảo vệ môi trường" if i % 50 == 49 else None,  # topics cost history rows
                "Kinh phí dự kiến (đồng)": f"{(i + 1) * 1000:,}".replace(",", "."),
                "Ngày bắt đầu": f"{i % 28 + 1:02d}/03/2026",
                "Nội dung, cách thức thực hiện": "Vận động hộ dân tham gia. " * 5,
            },
        )
        for i in range(1000)
    ]
    before = Initiative.objects.count()
    response = send(client, build(rows, write_only=True))
    result = response.context["result"]
    assert result.errors == [] and len(result.rows) == 1000
    body = response.content.decode()
    # a long preview shows the first rows only
    assert "hàng loạt số 299\n" in body and "hàng loạt số 300\n" not in body
    assert 'data-testid="not-shown"' in body
    assert Initiative.objects.count() == before
    response = confirm(client)
    assert response.status_code == 302
    imported = Initiative.objects.filter(name__startswith="Mô hình nhập hàng loạt số ")
    assert imported.count() == 1000 and Initiative.objects.count() == before + 1000
    last = imported.get(name="Mô hình nhập hàng loạt số 999")
    assert last.funding_planned == 1_000_000 and last.owner_unit == tamky
    assert last.topics.get().code == "environment"


def test_the_commit_is_all_or_nothing(personas, monkeypatch):
    """A refusal by the service at commit time (a rule the preview does not know) undoes every row."""
    client = personas["owner"]
    send(client, build([row(f"Mô hình {i}") for i in range(5)]))
    real = services._checked_registration
    calls = []

    def refuse_the_fourth(*args, **kwargs):
        calls.append(1)
        if len(calls) == 4:
            raise ServiceError("Từ chối")
        return real(*args, **kwargs)

    monkeypatch.setattr(services, "_checked_registration", refuse_the_fourth)
    before = Initiative.objects.count()
    response = confirm(client)
    assert response.status_code == 200
    assert errors_of(response) == [(FIRST + 3, "", "Từ chối")]
    assert Initiative.objects.count() == before
    assert stored_imports() == []


def test_permissions_are_checked_again_at_commit(personas, owner):
    client = personas["owner"]
    send(client, build([row("Mô hình")]))
    from danvan.orgs.models import Grant

    Grant.objects.filter(user=owner).delete()
    owner.__dict__.pop("_danvan_grants", None)
    response = confirm(client)
    assert response.status_code in (200, 403)
    assert not Initiative.objects.filter(name="Mô hình").exists()


def test_only_the_uploader_confirms(personas):
    send(personas["owner"], build([row("Mô hình của người khác")]))
    token = personas["owner"].session[SESSION_KEY]["token"]
    response = personas["ancestor"].post(IMPORT, {"action": "confirm", "token": token})
    assert response.status_code == 302
    response = personas["owner"].post(IMPORT, {"action": "confirm", "token": token + "x"})
    assert response.status_code == 302
    assert not Initiative.objects.filter(name="Mô hình của người khác").exists()
    assert len(stored_imports()) == 1  # still waiting for its owner


def test_cancel_deletes_the_upload(personas):
    client = personas["owner"]
    send(client, build([row("Mô hình bỏ")]))
    assert len(stored_imports()) == 1
    response = client.post(IMPORT, {"action": "cancel"})
    assert response.status_code == 302
    assert stored_imports() == [] and SESSION_KEY not in client.session
    assert not Initiative.objects.filter(name="Mô hình bỏ").exists()


def test_a_new_upload_replaces_the_waiting_one(personas):
    client = personas["owner"]
    send(client, build([row("Lần một")]))
    send(client, build([row("Lần hai")]))
    assert len(stored_imports()) == 1
    confirm(client)
    assert (
        Initiative.objects.filter(name="Lần hai").exists()
        and not Initiative.objects.filter(name="Lần một").exists()
    )


@pytest.mark.parametrize("persona, ok", [("ancestor", True), ("stranger", False)])
def test_who_may_import_for_a_unit(personas, persona, ok, haichau):
    response = send(
        personas[persona], build([row("Mô hình Tam Kỳ"), row("Mô hình Hải Châu", unit=haichau.name)])
    )
    if ok:
        assert errors_of(response) == []
        confirm(personas[persona])
        assert Initiative.objects.filter(name__in=["Mô hình Tam Kỳ", "Mô hình Hải Châu"]).count() == 2
    else:
        assert [(e[0], e[1]) for e in errors_of(response)] == [(FIRST, "Đơn vị chủ quản *")]
        assert not Initiative.objects.filter(name="Mô hình Hải Châu").exists()


def test_ambiguous_unit_names_ask_for_the_id(personas, tamky, city):
    from danvan.orgs.models import UnitType

    twin = Unit.objects.add_child(
        city, instance=Unit(name=tamky.name, unit_type=UnitType.objects.first(), area=tamky.area)
    )
    response = send(personas["ancestor"], build([row("Mô hình"), row("Mô hình theo mã", unit=str(twin.pk))]))
    assert [(e[0], e[1]) for e in errors_of(response)] == [(FIRST, "Đơn vị chủ quản *")]


def test_possible_duplicates_are_flagged_but_allowed(personas, tamky, owner):
    make(tamky, owner, "Mô hình đã có", year=2026)
    client = personas["owner"]
    response = send(client, build([row("Mô hình đã có"), row("Mô hình mới"), row("Mô hình mới")]))
    rows = response.context["result"].rows
    assert [bool(r.warnings) for r in rows] == [True, False, True]
    confirm(client)
    assert Initiative.objects.filter(name="Mô hình mới").count() == 2


def test_an_export_can_be_imported_again(personas, exported_models, tamky):
    model, _other = exported_models
    client = personas["owner"]
    exported = client.get(EXPORT, {"within": tamky.pk}).content
    result = send(client, exported).context["result"]
    assert result.errors == [], result.errors
    assert "Trạng thái" in result.ignored_columns
    again = result.rows[0]
    assert again.data["name"] == model.name and again.owner == tamky and again.warnings
    assert {t.code for t in again.topics} == {"environment", "civilized_urban"}


def test_uploads_left_unconfirmed_are_purged(personas, owner):
    import os
    import time

    from django.core.files.base import ContentFile

    old = default_storage.save(f"imports/{owner.pk}/forgotten.xlsx", ContentFile(b"x"))
    other = default_storage.save("imports/999999/someone-elses.xlsx", ContentFile(b"x"))
    day_ago = time.time() - 2 * 86400
    for name in (old, other):
        os.utime(default_storage.path(name), (day_ago, day_ago))
    send(personas["owner"], build([row("Mô hình")]))
    assert not default_storage.exists(old)
    assert default_storage.exists(other)  # only the uploader's own files
