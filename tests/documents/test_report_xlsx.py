"""The appendices workbook read back with openpyxl, and printed by LibreOffice Calc."""

import io

import pytest
from openpyxl import load_workbook

from danvan.documents.libreoffice import calc_available, convert_xlsx_to_pdf
from danvan.documents.report import Percent, ReportTable
from danvan.documents.report_xlsx import HEADER_ROW, render_appendices_xlsx
from danvan.documents.samples import sample_quarterly_report

from .conftest import page_size_pt, pdf_info, pdf_text, require

SECOND = ReportTable(
    title="DANH SÁCH ĐIỂN HÌNH ĐƯỢC BIỂU DƯƠNG",
    headers=("TT", "Họ và tên", "Số tiền thưởng (đồng)"),
    rows=[(1, "Nguyễn Thị Hoa", 1_500_000), (2, "Trần Văn Bình", 500_000)],
)


@pytest.fixture(scope="module")
def xlsx_bytes():
    return render_appendices_xlsx([*sample_quarterly_report().appendices, SECOND], author="Đảng ủy phường")


@pytest.fixture(scope="module")
def workbook(xlsx_bytes):
    return load_workbook(io.BytesIO(xlsx_bytes))


def test_one_sheet_per_appendix(workbook):
    assert workbook.sheetnames == ["Phụ lục 1", "Phụ lục 2"]
    sheet = workbook["Phụ lục 1"]
    assert sheet["A1"].value == "PHỤ LỤC 1"
    assert sheet["A2"].value == "DANH SÁCH MÔ HÌNH “DÂN VẬN KHÉO” ĐĂNG KÝ XÂY DỰNG NĂM 2026"
    assert sheet["A3"].value.startswith("(Kèm theo Báo cáo số 15-BC/ĐU")
    assert "A2:G2" in {str(cells) for cells in sheet.merged_cells.ranges}


def test_headers_bold_wrapped(workbook):
    sheet = workbook["Phụ lục 1"]
    headers = [cell.value for cell in sheet[HEADER_ROW]]
    assert headers[:3] == ["TT", "Tên mô hình", "Tập thể, cá nhân thực hiện"]
    assert headers[-1] == "Tỷ lệ hoàn thành kế hoạch"
    for cell in sheet[HEADER_ROW]:
        assert cell.font.b and cell.alignment.wrap_text
        assert cell.font.name == "Times New Roman"
    # the header row is tall enough for its wrapped headers
    assert sheet.row_dimensions[HEADER_ROW].height > 30


def test_numbers_stay_numbers_with_vietnamese_formats(workbook):
    sheet = workbook["Phụ lục 1"]
    first = list(sheet[HEADER_ROW + 1])
    assert first[0].value == 1
    assert first[4].value == 1240 and first[4].number_format == "[$-42A]#,##0"
    assert first[5].value == 135_000_000 and first[5].number_format == "[$-42A]#,##0"
    second = list(sheet[HEADER_ROW + 2])
    assert float(second[6].value) == pytest.approx(0.875)
    assert second[6].number_format == "[$-42A]0.0%"
    assert workbook["Phụ lục 2"].cell(HEADER_ROW + 1, 3).value == 1_500_000


def test_widths_fit_the_content(workbook):
    sheet = workbook["Phụ lục 1"]
    width = {column: sheet.column_dimensions[column].width for column in "ABCDEFG"}
    assert width["A"] < 10  # "TT"
    longest_name = len("Chi hội nghề nghiệp hỗ trợ hộ kinh doanh nhỏ")
    assert longest_name <= width["B"] <= longest_name + 4
    assert width["F"] >= len("1.250.000.000")
    assert all(6 <= value <= 50 for value in width.values())


def test_frozen_header_and_print_setup(workbook):
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == f"A{HEADER_ROW + 1}"
        assert sheet.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
        assert sheet.page_setup.orientation == "landscape"
        assert int(sheet.page_setup.paperSize) == 9  # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert int(sheet.page_setup.fitToWidth) == 1 and int(sheet.page_setup.fitToHeight) == 0


def test_an_empty_workbook_is_refused():
    with pytest.raises(ValueError):
        render_appendices_xlsx([])


def test_a_percent_without_a_value_is_an_empty_cell():
    table = ReportTable(title="T", headers=("Đơn vị", "Tỷ lệ"), rows=[("Phường A", Percent(None))])
    sheet = load_workbook(io.BytesIO(render_appendices_xlsx([table]))).active
    assert sheet.cell(HEADER_ROW + 1, 2).value is None


# --- printed by LibreOffice Calc ------------------------------------------------------------------


@pytest.fixture(scope="module")
def appendix_pdf(xlsx_bytes, tmp_path_factory):
    require("soffice", "libreoffice-writer-nogui libreoffice-calc-nogui")
    if not calc_available():
        pytest.skip("LibreOffice Calc is not installed (apt-get install -y libreoffice-calc-nogui)")
    path = tmp_path_factory.mktemp("appendix") / "appendix.pdf"
    path.write_bytes(convert_xlsx_to_pdf(xlsx_bytes))
    return path


def test_printed_a4_landscape_with_vietnamese_numbers(appendix_pdf):
    width, height = page_size_pt(pdf_info(appendix_pdf))
    assert (round(width), round(height)) == (842, 595)
    assert int(pdf_info(appendix_pdf)["Pages"]) == 2  # one page per sheet
    first = pdf_text(appendix_pdf, first=1, last=1)
    assert "DANH SÁCH MÔ HÌNH “DÂN VẬN KHÉO” ĐĂNG KÝ XÂY DỰNG NĂM 2026" in first
    assert "Tuyến phố văn minh, không rác thải nhựa" in first
    assert "1.250.000.000" in first and "87,5%" in first
    assert "Trang 1/" in first
    assert "1.500.000" in pdf_text(appendix_pdf, first=2, last=2)
