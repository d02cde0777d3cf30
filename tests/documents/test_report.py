"""The quarterly report DOCX read back with python-docx, and printed by LibreOffice headless."""

import dataclasses
import io
from decimal import Decimal

import docx
import pytest
from docx.oxml.ns import qn

from danvan.documents.libreoffice import convert_docx_to_pdf
from danvan.documents.report import Percent, ReportTable, format_cell, render_report_docx
from danvan.documents.samples import sample_quarterly_report

from .conftest import pdf_info, pdf_text, require
from .test_docx_pdf import line_of


@pytest.fixture(scope="module")
def report_bytes():
    return render_report_docx(sample_quarterly_report())


@pytest.fixture(scope="module")
def document(report_bytes):
    return docx.Document(io.BytesIO(report_bytes))


def texts(document) -> list[str]:
    return [paragraph.text for paragraph in document.paragraphs if paragraph.text.strip()]


def find(document, start: str):
    return next(paragraph for paragraph in document.paragraphs if paragraph.text.startswith(start))


def runs(paragraph):
    return [run for run in paragraph.runs if run.text.strip()]


# --- numbers ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1234, "1.234"),
        (1_250_000_000, "1.250.000.000"),
        (0, "0"),
        (Decimal("2.5"), "2,5"),
        (Percent(12.5), "12,5%"),
        (Percent(75), "75%"),
        (Percent(None), "—"),
        (None, ""),
        ("Kinh tế", "Kinh tế"),
    ],
)
def test_cells_are_written_the_vietnamese_way(value, text):
    assert format_cell(value) == text


def test_cells_stay_vietnamese_under_an_english_interface():
    from django.utils import translation

    with translation.override("en"):
        assert format_cell(1234) == "1.234"
        assert format_cell(Percent(12.5)) == "12,5%"


def test_a_row_with_a_missing_cell_is_refused():
    with pytest.raises(ValueError, match="one value per column"):
        ReportTable(title="Bảng", headers=("A", "B"), rows=[("x",)])


def test_a_report_number_must_be_a_report_symbol():
    content = dataclasses.replace(sample_quarterly_report(), number="15-QĐ/ĐU")
    with pytest.raises(ValueError, match="-BC/"):
        render_report_docx(content)


# --- the DOCX -------------------------------------------------------------------------------------


def test_header_block(document):
    header = document.tables[0]
    left = header.rows[0].cells[0].text
    assert "ĐẢNG BỘ THÀNH PHỐ ĐÀ NẴNG" in left
    assert "ĐẢNG ỦY PHƯỜNG HẢI CHÂU" in left
    assert left.strip().endswith("*")
    assert header.rows[0].cells[1].text.strip() == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert header.rows[1].cells[0].text.strip() == "Số 15-BC/ĐU"
    date = header.rows[1].cells[1].paragraphs[0]
    assert date.text == "Hải Châu, ngày 20 tháng 3 năm 2026"
    assert all(run.italic for run in runs(date))


def test_title_block_and_headings_in_order(document):
    paragraphs = texts(document)
    order = [
        "BÁO CÁO",
        "kết quả thực hiện phong trào thi đua “Dân vận khéo” quý I năm 2026",
        "-----",
        "I. KẾT QUẢ ĐẠT ĐƯỢC",
        "1. Công tác lãnh đạo, chỉ đạo",
        "2. Kết quả xây dựng mô hình, điển hình",
        "Bảng 1. Kết quả xây dựng mô hình",
        "Biểu đồ 1. Mô hình, điển hình được công nhận",
        "3. Hạn chế, nguyên nhân",
        "II. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ II NĂM 2026",
    ]
    positions = [next(i for i, text in enumerate(paragraphs) if text.startswith(item)) for item in order]
    assert positions == sorted(positions)
    assert all(run.bold for run in runs(find(document, "BÁO CÁO")))
    for heading in ("I. KẾT QUẢ ĐẠT ĐƯỢC", "1. Công tác lãnh đạo"):
        paragraph = find(document, heading)
        assert all(run.bold for run in runs(paragraph))
        assert paragraph.paragraph_format.keep_with_next


def test_narrative_numbers_are_vietnamese(document):
    assert "huy động Nhân dân đóng góp 3.985 triệu đồng" in "\n".join(texts(document))


def test_table_cells_and_repeated_header_row(document):
    table = document.tables[1]
    header = [cell.text for cell in table.rows[0].cells]
    assert header == [
        "TT",
        "Lĩnh vực",
        "Đăng ký",
        "Được công nhận",
        "Tỷ lệ công nhận",
        "Huy động (triệu đồng)",
    ]
    assert [cell.text for cell in table.rows[1].cells] == ["1", "Kinh tế", "6", "4", "66,7%", "1.250"]
    assert [cell.text for cell in table.rows[-1].cells] == ["", "Tổng cộng", "24", "18", "75%", "3.985"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:tblHeader")) is None for row in table.rows[1:])
    fonts = {
        run.font.name for row in table.rows for cell in row.cells for p in cell.paragraphs for run in p.runs
    }
    assert fonts == {"Times New Roman"}


def test_chart_is_an_embedded_png(document):
    images = [part for part in document.part.package.parts if part.content_type == "image/png"]
    assert len(images) == 1
    assert images[0].blob.startswith(b"\x89PNG")
    assert len(document.inline_shapes) == 1
    assert document.inline_shapes[0].width.mm <= 165 + 0.5  # within the text width


def test_signature_and_recipients(document):
    block = document.tables[-1]
    recipients, signature = block.rows[0].cells
    assert recipients.paragraphs[0].text == "Nơi nhận:"
    assert recipients.paragraphs[0].runs[0].underline
    assert recipients.paragraphs[-1].text == "- Lưu Văn phòng Đảng ủy."
    assert "- Ban Tuyên giáo và Dân vận Thành ủy (để báo cáo)," in recipients.text
    lines = [paragraph.text for paragraph in signature.paragraphs if paragraph.text.strip()]
    assert lines == ["T/M ĐẢNG ỦY", "BÍ THƯ", "Lê Thị Thu Hà"]


def test_properties(document):
    props = document.core_properties
    assert props.identifier == "15-BC/ĐU"
    assert props.category == "Báo cáo"
    assert props.title.startswith("Báo cáo số 15-BC/ĐU kết quả")


# --- printed by LibreOffice --------------------------------------------------------------------


@pytest.fixture(scope="module")
def report_pdf(report_bytes, tmp_path_factory):
    require("soffice", "libreoffice-writer-nogui")
    path = tmp_path_factory.mktemp("report") / "report.pdf"
    path.write_bytes(convert_docx_to_pdf(report_bytes))
    return path


def test_first_page_layout(report_pdf):
    lines = pdf_text(report_pdf, first=1, last=1).splitlines()
    superior = line_of(lines, "ĐẢNG BỘ THÀNH PHỐ ĐÀ NẴNG")
    party = line_of(lines, "ĐẢNG CỘNG SẢN VIỆT NAM")
    assert abs(party[0] - superior[0]) <= 1 and party[1] > superior[1]
    number = line_of(lines, "Số 15-BC/ĐU")
    date = line_of(lines, "Hải Châu, ngày 20 tháng 3 năm 2026")
    assert number[0] == date[0] and number[1] < date[1]
    title = line_of(lines, "BÁO CÁO")
    assert number[0] < title[0] < line_of(lines, "I. KẾT QUẢ ĐẠT ĐƯỢC")[0]
    text = "\n".join(lines)
    assert "66,7%" in text and "1.250" in text  # the table starts on page 1
    assert "Độc lập" not in text


def test_signature_on_the_last_page(report_pdf):
    pages = int(pdf_info(report_pdf)["Pages"])
    assert pages >= 2
    lines = pdf_text(report_pdf, first=pages, last=pages).splitlines()
    recipients = line_of(lines, "Nơi nhận:")
    authority = line_of(lines, "T/M ĐẢNG ỦY")
    assert recipients[0] == authority[0] and recipients[1] < authority[1]
    assert line_of(lines, "Lê Thị Thu Hà")[0] > authority[0]
    assert lines[next(i for i, line in enumerate(lines) if line.strip())].strip() == str(pages)
