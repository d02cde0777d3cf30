"""A report's documents built through the services and read back: the DOCX in the Party document
format (python-docx), the appendices (openpyxl) and the PDF printed by the real LibreOffice
(pdftotext). An accepted report's document says what it froze, whatever happens to the data."""

from __future__ import annotations

import io
import re
import unicodedata
from decimal import Decimal

import docx
import pytest
from openpyxl import load_workbook

from danvan.documents.report_xlsx import HEADER_ROW
from danvan.initiatives.models import Field
from danvan.reports import documents, services
from danvan.targets import services as target_services
from danvan.targets.models import Comparison, TargetKind
from tests.initiatives.conftest import make

pytestmark = pytest.mark.django_db

TARGET = "Mỗi phường, xã có ít nhất 3 mô hình “Dân vận khéo” đăng ký năm 2026"
REASON = "Bổ sung 01 mô hình đăng ký muộn chưa nhập vào hệ thống"
NARRATIVE = {
    "results": (
        "Đảng ủy phường ban hành Kế hoạch số 08-KH/ĐU về thực hiện phong trào thi đua “Dân vận khéo” năm "
        "2026.\nBan Chỉ đạo phường tổ chức 02 hội nghị triển khai, 01 đợt kiểm tra tại 06 tổ dân phố."
    ),
    "typical_models": "Mô hình “Khu dân cư không rác thải nhựa” của tổ dân phố 5 được Nhân dân hưởng ứng.",
    "shortcomings": "Một số mô hình chưa có kế hoạch duy trì sau khi được công nhận.",
    "causes": "Cán bộ làm công tác dân vận ở tổ dân phố còn kiêm nhiệm nhiều việc.",
    "lessons": "Phát huy vai trò nêu gương của cán bộ, đảng viên ở khu dân cư.",
    "directions": "Tiếp tục duy trì, nhân rộng các mô hình đã được công nhận.",
    "proposals": "Đề nghị Thành ủy tổ chức tập huấn phương pháp xây dựng mô hình.",
}
HEADER = {
    "number": 15,
    "issuer_code": "ĐU",
    "dated_on": "2026-12-15",
    "signer_authority": "T/M Ban Thường vụ",
    "signer_position": "Phó Bí thư",
    "signer_name": "Lê Thị Thu Hà",
}


@pytest.fixture
def models(tamky, owner):
    """Three models of Tam Kỳ registered for 2026, in two fields."""
    culture = Field.objects.get(code="culture_society")
    economy = Field.objects.get(code="economy")
    return [
        make(tamky, owner, "Khu dân cư không rác thải nhựa", field=culture),
        make(tamky, owner, "Tuyến phố văn minh", field=culture),
        make(tamky, owner, "Chi hội nghề nghiệp hỗ trợ hộ kinh doanh nhỏ", field=economy),
    ]


@pytest.fixture
def target(city, ancestor):
    return target_services.create_target(
        city,
        {
            "title": TARGET,
            "kind": TargetKind.THRESHOLD,
            "metric_code": "initiatives.registered",
            "start_year": 2026,
            "end_year": 2026,
            "goal": Decimal(3),
            "comparison": Comparison.AT_LEAST,
        },
        actor=ancestor,
    )


@pytest.fixture
def accepted_report(report, models, target, owner, ancestor):
    """Tam Kỳ's report, written in full with one figure corrected, submitted and accepted."""
    services.update_report(report, {**NARRATIVE, **HEADER}, actor=owner)
    services.correct(report, "initiatives.registered", 4, actor=owner, reason=REASON)
    services.transition(report, "submit", actor=owner)
    return services.transition(report, "accept", actor=ancestor)


@pytest.fixture
def summary_report(accepted_report, period, stranger, ancestor):
    """The city's summary report, once Tam Kỳ's was accepted and Hải Châu's submitted."""
    haichau = period.reports.get(unit__name="Đảng ủy phường Hải Châu")
    services.update_report(haichau, {"results": "Phường triển khai phong trào."}, actor=stranger)
    services.transition(haichau, "submit", actor=stranger)
    summary = period.reports.get(is_summary=True)
    services.update_report(summary, {"results": "Toàn thành phố triển khai phong trào."}, actor=ancestor)
    return period.reports.select_related("unit", "period").get(pk=summary.pk)


def read_docx(data: bytes):
    return docx.Document(io.BytesIO(data))


def paragraphs(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.text.strip()]


def cells(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def table_with(document, header: str):
    return next(t for t in document.tables if t.rows and header in [c.text for c in t.rows[0].cells])


def caption_of(document, text: str) -> str:
    return next(p for p in paragraphs(document) if p.startswith("Bảng") and text in p)


# --- the DOCX -------------------------------------------------------------------------------------------


def test_the_docx_is_a_party_document(accepted_report):
    document = read_docx(documents.render_docx(accepted_report))
    header = document.tables[0]
    left_top, right_top = (cell.text for cell in header.rows[0].cells)
    left_bottom, right_bottom = header.rows[1].cells
    assert left_top.split("\n") == ["ĐẢNG BỘ THÀNH PHỐ ĐÀ NẴNG", "ĐẢNG ỦY PHƯỜNG TAM KỲ", "*"]
    assert right_top == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert left_bottom.text == "Số 15-BC/ĐU"
    assert right_bottom.text == "Đà Nẵng, ngày 15 tháng 12 năm 2026"
    assert all(run.italic for run in right_bottom.paragraphs[0].runs if run.text.strip())

    texts = paragraphs(document)
    title = texts.index("BÁO CÁO")
    assert texts[title + 1] == (
        "kết quả thực hiện công tác dân vận và phong trào thi đua “Dân vận khéo”\nquý IV năm 2026"
    )
    headings = [t for t in texts if re.match(r"^[IVX]+\. ", t)]
    assert headings == [
        "I. KẾT QUẢ ĐẠT ĐƯỢC",
        "II. HẠN CHẾ, NGUYÊN NHÂN",
        "III. BÀI HỌC KINH NGHIỆM",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ",
        "V. ĐỀ XUẤT, KIẾN NGHỊ",
    ]
    for text in (
        "Ban Chỉ đạo phường tổ chức 02 hội nghị triển khai",
        NARRATIVE["lessons"],
        NARRATIVE["proposals"],
    ):
        assert any(t.startswith(text) for t in texts), text
    parts = [t for t in texts if re.match(r"^\d\. ", t)]
    assert parts[:5] == [
        "1. Mô hình, điển hình “Dân vận khéo”",
        "2. Tập huấn, bồi dưỡng",
        "3. Kinh phí",
        "4. Thực hiện chỉ tiêu",
        "5. Mô hình, điển hình tiêu biểu",
    ]
    assert parts[5:] == ["1. Hạn chế", "2. Nguyên nhân"]

    signature = document.tables[-1]
    recipients, signer = signature.rows[0].cells
    assert recipients.text.split("\n") == [
        "Nơi nhận:",
        "- Thành ủy Đà Nẵng (để báo cáo),",
        "- Lưu Văn phòng.",
    ]
    assert recipients.paragraphs[0].runs[0].underline
    assert signer.text.split("\n") == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Lê Thị Thu Hà"]


def test_the_figures_are_in_tables_with_their_corrections(accepted_report):
    document = read_docx(documents.render_docx(accepted_report))
    assert caption_of(document, "Số liệu mô hình, điển hình").endswith("quý IV năm 2026")
    figures = cells(table_with(document, "Nội dung"))
    assert figures[0] == ["TT", "Nội dung", "Kết quả"]
    assert figures[1] == ["1", f"Mô hình, điển hình đăng ký (đã điều chỉnh: {REASON})", "4"]
    assert ["2", "Mô hình đăng ký", "3"] in figures
    by_field = cells(table_with(document, "Lĩnh vực"))
    assert by_field[1:] == [["1", "Văn hóa - xã hội", "2"], ["2", "Kinh tế", "1"], ["", "Tổng cộng", "3"]]
    money = next(
        t for t in document.tables if "Kinh phí được giao (đồng)" in [c.text for c in t.columns[1].cells]
    )
    assert money is not None
    targets = cells(table_with(document, "Chỉ tiêu"))
    assert targets[0] == ["TT", "Chỉ tiêu", "Mục tiêu", "Kết quả", "Đánh giá"]
    assert targets[1][1] == TARGET
    # the chart of the models by field, as a picture with its caption
    assert len(document.inline_shapes) == 1
    assert "Biểu đồ 1. Mô hình, điển hình đăng ký theo lĩnh vực" in paragraphs(document)


def test_empty_narrative_sections_are_left_out_and_the_rest_renumbered(report, owner):
    services.update_report(report, {"results": "Kết quả.", "proposals": "Đề nghị tập huấn."}, actor=owner)
    report.refresh_from_db()
    document = read_docx(documents.render_docx(report))
    headings = [t for t in paragraphs(document) if re.match(r"^[IVX]+\. ", t)]
    assert headings == ["I. KẾT QUẢ ĐẠT ĐƯỢC", "II. ĐỀ XUẤT, KIẾN NGHỊ"]
    # a draft without a number leaves it blank, to be written by hand
    number = document.tables[0].rows[1].cells[0].text.replace("\u200b", "")
    assert re.fullmatch(r"Số {4,}-BC/ĐU", number), number
    assert documents.filename(report, "docx") == "bao-cao-dang-uy-phuong-tam-ky-quy-IV-2026.docx"
    # no signer written: the Party committee's authority, name and position left to fill in
    signer = document.tables[-1].rows[0].cells[1].text.split("\n")
    assert signer[0] == "T/M BAN THƯỜNG VỤ"


def test_the_header_and_recipients_can_be_written(report, owner):
    services.update_report(
        report,
        {
            "results": "Kết quả.",
            "superior_heading": "THÀNH ỦY ĐÀ NẴNG",
            "issuer_heading": "BAN CHỈ ĐẠO PHONG TRÀO “DÂN VẬN KHÉO” PHƯỜNG TAM KỲ",
            "issuer_code": "BCĐ",
            "number": 7,
            "recipients": "- Ban Tuyên giáo và Dân vận Thành ủy (để báo cáo);\nThường trực Đảng ủy phường",
        },
        actor=owner,
    )
    report.refresh_from_db()
    document = read_docx(documents.render_docx(report))
    header = document.tables[0]
    assert header.rows[0].cells[0].text.split("\n")[:2] == [
        "THÀNH ỦY ĐÀ NẴNG",
        "BAN CHỈ ĐẠO PHONG TRÀO “DÂN VẬN KHÉO” PHƯỜNG TAM KỲ",
    ]
    assert header.rows[1].cells[0].text == "Số 7-BC/BCĐ"
    assert document.tables[-1].rows[0].cells[0].text.split("\n")[1:] == [
        "- Ban Tuyên giáo và Dân vận Thành ủy (để báo cáo),",
        "- Thường trực Đảng ủy phường,",
        "- Lưu Văn phòng.",
    ]
    assert documents.filename(report, "pdf") == "bao-cao-7-BC-BCD-quy-IV-2026.pdf"


def test_a_number_without_an_abbreviation_takes_the_units(report, owner):
    services.update_report(report, {"results": "Kết quả.", "number": 9}, actor=owner)
    report.refresh_from_db()
    document = read_docx(documents.render_docx(report))
    assert document.tables[0].rows[1].cells[0].text == "Số 9-BC/ĐU"
    assert documents.filename(report, "xlsx") == "bao-cao-9-BC-DU-quy-IV-2026.xlsx"


def test_the_summary_report_rolls_up_the_reporters(summary_report, period):
    document = read_docx(documents.render_docx(summary_report))
    header = document.tables[0].rows[0].cells[0].text.split("\n")
    assert header[:2] == ["ĐẢNG BỘ THÀNH PHỐ ĐÀ NẴNG", "THÀNH ỦY ĐÀ NẴNG"]
    texts = paragraphs(document)
    assert "5. Tình hình báo cáo của các đơn vị" in texts or "4. Tình hình báo cáo của các đơn vị" in texts
    reporters = period.reports.filter(is_summary=False).count()
    assert f"Có 02/{reporters:02d} đơn vị đã gửi báo cáo, 01 báo cáo đã được tiếp nhận." in " ".join(texts)
    rollup = cells(table_with(document, "Tình trạng"))
    assert rollup[0] == [
        "TT",
        "Đơn vị",
        "Tình trạng",
        "Mô hình đăng ký",
        "Mô hình công nhận",
        "Khen thưởng",
        "Lượt tập huấn",
    ]
    assert len(rollup) == reporters + 2  # the header, a row per reporter, the totals
    rows = {row[1]: row for row in rollup[1:]}
    # the status and the day it was sent, on two lines of one column
    status, sent = rows["Đảng ủy phường Tam Kỳ"][2].split("\n")[:2]
    assert status == "Đã tiếp nhận" and re.fullmatch(r"\d\d/\d\d/\d{4}", sent)
    assert rows["Đảng ủy phường Tam Kỳ"][3] == "4"  # the corrected figure it froze
    assert rows["Đảng ủy phường Hải Châu"][2].startswith("Đã gửi\n")
    assert rows["Đảng ủy phường An Hải"][2] in ("Chưa gửi", "Chưa gửi\n(trễ hạn)")
    assert rows["Đảng ủy phường An Hải"][3:] == ["", "", "", ""]
    assert rollup[-1][1:4] == ["Tổng cộng (báo cáo đã tiếp nhận)", "", "4"]
    missing = next(t for t in texts if t.startswith("Các đơn vị chưa gửi báo cáo:"))
    assert "Đảng ủy phường An Hải" in missing and "Tam Kỳ" not in missing and "Hải Châu" not in missing
    assert missing.count("Đảng ủy") == reporters - 2
    # the summary report goes to the city's superior when it has one, else only to the archive
    assert document.tables[-1].rows[0].cells[0].text.endswith("- Lưu Văn phòng.")


def test_an_accepted_report_keeps_its_figures_when_the_data_changes(accepted_report, models, tamky, owner):
    before = read_docx(documents.render_docx(accepted_report))
    make(tamky, owner, "Camera an ninh kết nối khu dân cư")
    from danvan.initiatives import services as initiative_services

    initiative_services.update_initiative(models[2], {"name": "Tên đã đổi"}, actor=owner, reason="Sửa tên")
    assert services.changes_since_frozen(accepted_report)  # the live data did change
    after = read_docx(documents.render_docx(accepted_report))
    assert [cells(t) for t in after.tables[1:-1]] == [cells(t) for t in before.tables[1:-1]]
    workbook = load_workbook(io.BytesIO(documents.render_xlsx(accepted_report)))
    names = [row[1] for row in workbook["Phụ lục 2"].iter_rows(min_row=HEADER_ROW + 1, values_only=True)]
    assert "Tên đã đổi" not in names and "Camera an ninh kết nối khu dân cư" not in names


# --- the XLSX ---------------------------------------------------------------------------------------------


def test_the_xlsx_holds_the_figures_and_the_lists_as_numbers(accepted_report):
    workbook = load_workbook(io.BytesIO(documents.render_xlsx(accepted_report)))
    assert workbook.sheetnames == ["Phụ lục 1", "Phụ lục 2", "Phụ lục 3", "Phụ lục 4"]
    sheet = workbook["Phụ lục 1"]
    assert sheet["A1"].value == "PHỤ LỤC 1"
    assert sheet["A2"].value == "SỐ LIỆU KẾT QUẢ THỰC HIỆN QUÝ IV NĂM 2026"
    assert sheet["A3"].value == "(Kèm theo Báo cáo số 15-BC/ĐU, ngày 15-12-2026 của Đảng ủy phường Tam Kỳ)"
    header = [cell.value for cell in sheet[HEADER_ROW]]
    assert header == ["TT", "Nhóm", "Nội dung", "Đơn vị tính", "Kết quả", "Số liệu hệ thống", "Ghi chú"]
    first = [cell.value for cell in sheet[HEADER_ROW + 1]]
    assert first[2:7] == ["Mô hình, điển hình đăng ký", None, 4, 3, f"Đã điều chỉnh: {REASON}"]
    assert all(isinstance(row[4], int) for row in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True))
    money = next(row for row in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True) if row[3] == "đồng")
    assert money[1] == "Kinh phí"

    registered = workbook["Phụ lục 2"]
    assert registered["A2"].value == "DANH SÁCH MÔ HÌNH, ĐIỂN HÌNH ĐĂNG KÝ"
    assert [c.value for c in registered[HEADER_ROW]] == [
        "TT",
        "Tên mô hình, điển hình",
        "Đơn vị",
        "Lĩnh vực",
        "Loại hình",
        "Năm",
        "Trạng thái",
    ]
    rows = list(registered.iter_rows(min_row=HEADER_ROW + 1, values_only=True))
    assert [row[0] for row in rows] == [1, 2, 3]
    assert {row[1] for row in rows} == {
        "Khu dân cư không rác thải nhựa",
        "Tuyến phố văn minh",
        "Chi hội nghề nghiệp hỗ trợ hộ kinh doanh nhỏ",
    }
    assert {row[5] for row in rows} == {"2026"}  # a year, not the number 2.026
    assert [c.value for c in workbook["Phụ lục 4"][HEADER_ROW]][1:4] == [
        "Tập thể, cá nhân",
        "Hình thức khen thưởng",
        "Quyết định",
    ]


def test_the_summary_xlsx_has_the_rollup_sheet(summary_report, period):
    workbook = load_workbook(io.BytesIO(documents.render_xlsx(summary_report)))
    assert workbook.sheetnames[-1] == "Phụ lục 5"
    sheet = workbook["Phụ lục 5"]
    assert sheet["A2"].value == "TÌNH HÌNH BÁO CÁO CỦA CÁC ĐƠN VỊ"
    header = [c.value for c in sheet[HEADER_ROW]]
    assert header[:4] == ["TT", "Đơn vị", "Tình trạng", "Ngày gửi"]  # one column per value
    assert header[4] == "Mô hình, điển hình đăng ký"
    rows = list(sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True))
    tamky = next(row for row in rows if row[1] == "Đảng ủy phường Tam Kỳ")
    assert tamky[4] == 4 and isinstance(tamky[4], int)
    assert rows[-1][1] == "Tổng cộng (báo cáo đã tiếp nhận)" and rows[-1][4] == 4
    assert len(rows) == period.reports.filter(is_summary=False).count() + 1


# --- the PDF, printed by LibreOffice ---------------------------------------------------------------------


def test_the_pdf_keeps_the_vietnamese_text(accepted_report, tmp_path):
    from tests.documents.conftest import pdf_text, require

    require("soffice", "libreoffice-writer-nogui")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(documents.render_pdf(accepted_report))
    text = pdf_text(pdf)
    flat = " ".join(text.split())
    for expected in (
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "ĐẢNG ỦY PHƯỜNG TAM KỲ",
        "Số 15-BC/ĐU",
        "Đà Nẵng, ngày 15 tháng 12 năm 2026",
        "BÁO CÁO",
        "I. KẾT QUẢ ĐẠT ĐƯỢC",
        "V. ĐỀ XUẤT, KIẾN NGHỊ",
        "Văn hóa - xã hội",
        "Nơi nhận:",
        "T/M BAN THƯỜNG VỤ",
        "Lê Thị Thu Hà",
    ):
        assert expected in flat, expected
    assert unicodedata.is_normalized("NFC", text)
    assert "\ufffd" not in text  # no letter lost to a missing glyph
