"""The decision printed by the real LibreOffice (headless): the layout survives conversion."""

import re

import pytest

from danvan.documents.docx import render_party_document
from danvan.documents.libreoffice import convert_docx_to_pdf
from danvan.documents.samples import sample_recognition_decision

from .conftest import page_size_pt, pdf_fonts, pdf_info, pdf_text, require


@pytest.fixture(scope="module")
def decision_pdf(tmp_path_factory):
    require("soffice", "libreoffice-writer-nogui")
    # enough annex rows to run the table over two pages
    data = render_party_document(sample_recognition_decision(extra_rows=45))
    path = tmp_path_factory.mktemp("decision") / "decision.pdf"
    path.write_bytes(convert_docx_to_pdf(data))
    return path


def line_of(lines: list[str], text: str) -> tuple[int, int]:
    """(line number, column) of the first line containing `text`."""
    for number, line in enumerate(lines):
        column = line.find(text)
        if column >= 0:
            return number, column
    raise AssertionError(f"{text!r} not found in:\n" + "\n".join(lines))


def test_pdf_is_a4_portrait(decision_pdf):
    width, height = page_size_pt(pdf_info(decision_pdf))
    assert (round(width), round(height)) == (595, 842)


def test_first_page_header_block_layout(decision_pdf):
    lines = pdf_text(decision_pdf, first=1, last=1).splitlines()
    superior = line_of(lines, "ĐẢNG BỘ THÀNH PHỐ ĐÀ NẴNG")
    party = line_of(lines, "ĐẢNG CỘNG SẢN VIỆT NAM")
    # side by side: the Party title in the right column, level with the superior body
    assert abs(party[0] - superior[0]) <= 1
    assert party[1] > superior[1] + len("ĐẢNG BỘ THÀNH PHỐ ĐÀ NẴNG")
    # the header block comes first on the page: nothing above it (no page number on page 1)
    assert not any(line.strip() for line in lines[: min(party[0], superior[0])])

    issuing = line_of(lines, "BAN TUYÊN GIÁO VÀ DÂN VẬN")
    mark = next(n for n, line in enumerate(lines) if line.strip() == "*")
    number = line_of(lines, "Số 12-QĐ/BTGDV")
    date = line_of(lines, "Đà Nẵng, ngày 09 tháng 01 năm 2026")
    assert superior[0] < issuing[0] < mark < number[0]
    # "Số …" on the left and the place–date line on the right share a line
    assert number[0] == date[0] and number[1] < date[1]
    assert "Số:" not in "\n".join(lines)

    title = line_of(lines, "QUYẾT ĐỊNH")
    subject = line_of(lines, "công nhận mô hình, điển hình “Dân vận khéo” năm 2026")
    assert number[0] < title[0] < subject[0]


def test_first_page_body_and_signature(decision_pdf):
    text = pdf_text(decision_pdf, first=1, last=1)
    assert "Điều 1. Công nhận" in text
    lines = text.splitlines()
    recipients = line_of(lines, "Nơi nhận:")
    authority = line_of(lines, "K/T TRƯỞNG BAN")
    assert recipients[0] == authority[0] and recipients[1] < authority[1]
    assert line_of(lines, "Nguyễn Văn An")[0] > authority[0]
    assert "Độc lập" not in text


def test_page_numbers_from_page_two(decision_pdf):
    pages = int(pdf_info(decision_pdf)["Pages"])
    assert pages >= 3
    for page in range(2, pages + 1):
        first_line = next(
            line for line in pdf_text(decision_pdf, first=page, last=page).splitlines() if line.strip()
        )
        assert first_line.strip() == str(page)


def test_annex_header_row_repeats_on_every_page(decision_pdf):
    pages = int(pdf_info(decision_pdf)["Pages"])
    annex_pages = [pdf_text(decision_pdf, first=page, last=page) for page in range(2, pages + 1)]
    assert len(annex_pages) >= 2
    assert "(Kèm theo Quyết định số 12-QĐ/BTGDV, ngày 09-01-2026" in re.sub(r"\s+", " ", annex_pages[0])
    for text in annex_pages:
        assert "Tên mô hình, điển hình" in text
        assert "Lĩnh vực" in text
    assert "trật tự” số 45" in annex_pages[-1]  # the last row


def test_fonts_are_times_new_roman_or_metric_compatible(decision_pdf):
    fonts = pdf_fonts(decision_pdf)
    assert fonts
    for name in fonts:
        assert any(family in name for family in ("TimesNewRoman", "Tinos", "LiberationSerif")), fonts
