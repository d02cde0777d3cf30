"""The decision DOCX read back with python-docx: every element where and how the format says."""

import dataclasses
import datetime
import io

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt

from danvan.documents.docx import Annex, PartyDocument, Signature, render_party_document
from danvan.documents.party_format import HD36, TextStyle
from danvan.documents.samples import sample_recognition_decision


def board_decision(**changes) -> PartyDocument:
    """The sample decision signed on behalf of a standing board (T/M)."""
    signature = Signature(authority="T/M BAN THƯỜNG VỤ", position="PHÓ TRƯỞNG BAN", name="Trần Thị Bình")
    return dataclasses.replace(sample_recognition_decision(), signature=signature, **changes)


def read(data: bytes):
    return docx.Document(io.BytesIO(data))


@pytest.fixture(scope="module")
def document():
    return read(render_party_document(board_decision()))


def runs_with_text(paragraph):
    return [run for run in paragraph.runs if run.text.strip()]


def is_bold(paragraph) -> bool:
    return all(run.bold for run in runs_with_text(paragraph))


def sizes(paragraph) -> set:
    return {run.font.size for run in runs_with_text(paragraph)}


def body_paragraphs(document):
    return [paragraph for paragraph in document.paragraphs if paragraph.text.strip()]


def find(document, start: str):
    return next(paragraph for paragraph in document.paragraphs if paragraph.text.startswith(start))


def mm(length) -> float:
    return round(length.mm, 1)


# --- header block --------------------------------------------------------------------------------------


def test_header_block_left_column(document):
    header = document.tables[0]
    top, bottom = header.cell(0, 0), header.cell(1, 0)
    superior, issuing, mark = top.paragraphs
    assert superior.text == "ĐẢNG BỘ THÀNH PHỐ ĐÀ NẴNG"
    assert not any(run.bold for run in runs_with_text(superior))
    assert issuing.text == "BAN TUYÊN GIÁO VÀ DÂN VẬN THÀNH ỦY"
    assert is_bold(issuing)
    assert mark.text == "*"
    assert bottom.text == "Số 12-QĐ/BTGDV"
    assert "Số:" not in bottom.text
    for paragraph in (superior, issuing, mark, bottom.paragraphs[0]):
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert sizes(paragraph) == {Pt(14)}


def test_header_block_right_column(document):
    header = document.tables[0]
    title = header.cell(0, 1).paragraphs[0]
    assert title.text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert is_bold(title) and sizes(title) == {Pt(15)}
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    # the solid rule below the title, about as long as the title (72.9 mm at 15 pt bold)
    rule = title._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert rule.get(qn("w:val")) == "single"
    cell_mm = HD36.header_right_width_mm - 2
    rule_mm = cell_mm - mm(title.paragraph_format.left_indent) - mm(title.paragraph_format.right_indent)
    assert rule_mm == pytest.approx(72.9, abs=1)

    date = header.cell(1, 1).paragraphs[0]
    assert date.text == "Đà Nẵng, ngày 09 tháng 01 năm 2026"
    assert all(run.italic for run in runs_with_text(date)) and sizes(date) == {Pt(14)}


def test_header_block_is_a_borderless_two_column_table(document):
    header = document.tables[0]
    assert len(header.columns) == 2
    borders = header._tbl.tblPr.find(qn("w:tblBorders"))
    assert {edge.get(qn("w:val")) for edge in borders} == {"nil"}
    widths = [mm(column.width) for column in header.columns]
    assert widths == [HD36.header_left_width_mm, HD36.header_right_width_mm]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime.date(2026, 1, 9), "Đà Nẵng, ngày 09 tháng 01 năm 2026"),
        (datetime.date(2025, 10, 15), "Đà Nẵng, ngày 15 tháng 10 năm 2025"),
        (datetime.date(2026, 2, 3), "Đà Nẵng, ngày 03 tháng 02 năm 2026"),
        (datetime.date(2026, 3, 20), "Đà Nẵng, ngày 20 tháng 3 năm 2026"),
        (datetime.date(2025, 11, 1), "Đà Nẵng, ngày 01 tháng 11 năm 2025"),
    ],
)
def test_date_line_padding(value, expected):
    document = read(render_party_document(board_decision(date=value)))
    date = document.tables[0].cell(1, 1).paragraphs[0]
    assert date.text == expected
    assert all(run.italic for run in runs_with_text(date))


def test_no_state_motto(document):
    texts = [paragraph.text for paragraph in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert not any("Độc lập" in text or "Hạnh phúc" in text for text in texts)
    assert not any("CỘNG HÒA XÃ HỘI CHỦ NGHĨA" in text for text in texts)


# --- page, fonts, properties ----------------------------------------------------------------------------


def test_page_is_a4_with_the_format_margins(document):
    section = document.sections[0]
    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert mm(section.top_margin) == HD36.margin_top_mm
    assert mm(section.bottom_margin) == HD36.margin_bottom_mm
    assert mm(section.left_margin) == HD36.margin_left_mm
    assert mm(section.right_margin) == HD36.margin_right_mm


def test_every_run_names_times_new_roman(document):
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(14)
    paragraphs = list(document.paragraphs)
    paragraphs += [
        p for table in document.tables for row in table.rows for c in row.cells for p in c.paragraphs
    ]
    runs = [run for paragraph in paragraphs for run in runs_with_text(paragraph)]
    assert runs
    for run in runs:
        fonts = run._r.rPr.find(qn("w:rFonts"))
        assert {fonts.get(qn(slot)) for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")} == {
            "Times New Roman"
        }


def test_document_properties(document):
    props = document.core_properties
    assert props.title == "Quyết định số 12-QĐ/BTGDV công nhận mô hình, điển hình “Dân vận khéo” năm 2026"
    assert props.author == "BAN TUYÊN GIÁO VÀ DÂN VẬN THÀNH ỦY"
    assert props.language == "vi-VN"
    assert "python-docx" not in (props.comments or "")


def test_page_numbers_from_page_two(document):
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert section.first_page_header.is_linked_to_previous is False
    assert not "".join(p.text for p in section.first_page_header.paragraphs).strip()
    header = section.header.paragraphs[0]
    assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER
    instructions = [element.text for element in header._p.iter(qn("w:instrText"))]
    assert [text.strip() for text in instructions] == ["PAGE"]
    assert sizes(header) == {Pt(14)}
    assert mm(section.header_distance) == HD36.page_number_top_mm


# --- title, body ----------------------------------------------------------------------------------------


def test_title_subject_and_rule(document):
    paragraphs = body_paragraphs(document)
    title, subject, rule = paragraphs[0], paragraphs[1], paragraphs[2]
    assert title.text == "QUYẾT ĐỊNH"
    assert is_bold(title) and sizes(title) == {Pt(HD36.type_title_style.size)}
    assert subject.text == "công nhận mô hình, điển hình “Dân vận khéo” năm 2026"
    assert is_bold(subject) and sizes(subject) == {Pt(14)}
    assert rule.text == "-----"
    assert {p.alignment for p in (title, subject, rule)} == {WD_ALIGN_PARAGRAPH.CENTER}


def test_legal_bases_and_enacting_line(document):
    basis = find(document, "- Căn cứ Quyết định số 23-QĐ/TW")
    assert basis.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    enacting = [p for p in body_paragraphs(document) if p.text == "QUYẾT ĐỊNH"]
    assert len(enacting) == 2  # the title and the line before the articles
    assert enacting[1].alignment == WD_ALIGN_PARAGRAPH.CENTER and is_bold(enacting[1])


def test_articles_number_themselves_with_bold_dieu(document):
    articles = [p for p in document.paragraphs if p.text.startswith("Điều ")]
    assert [p.text.split(".")[0] for p in articles] == ["Điều 1", "Điều 2", "Điều 3"]
    first = articles[0]
    assert (
        first.text
        == "Điều 1. Công nhận 03 mô hình, điển hình “Dân vận khéo” năm 2026 (có danh sách kèm theo)."
    )
    assert first.runs[0].text == "Điều 1." and first.runs[0].bold
    assert not first.runs[1].bold
    # an article's second paragraph follows it as a body paragraph
    assert find(document, "Quyết định có hiệu lực kể từ ngày ký.")


def test_body_typography_comes_from_the_format(document):
    for paragraph in (find(document, "- Căn cứ Quy chế"), find(document, "Điều 2.")):
        fmt = paragraph.paragraph_format
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert mm(fmt.first_line_indent) == HD36.body_first_line_indent_mm
        assert fmt.space_after == Pt(HD36.body_space_after_pt)
        assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY
        assert fmt.line_spacing == Pt(HD36.body_line_spacing_pt)
        assert sizes(paragraph) == {Pt(14)}


# --- signature block, recipients ------------------------------------------------------------------------


def test_signature_block(document):
    block = document.tables[1]
    signature = block.cell(0, 1).paragraphs
    authority, position, name = signature
    assert authority.text == "T/M BAN THƯỜNG VỤ"
    assert authority.text.isupper() and is_bold(authority)
    assert position.text == "PHÓ TRƯỞNG BAN" and not any(run.bold for run in position.runs)
    assert name.text == "Trần Thị Bình" and is_bold(name)
    # room for the signature and the seal above the name
    assert name.paragraph_format.space_before >= Pt(50)
    assert {p.alignment for p in signature} == {WD_ALIGN_PARAGRAPH.CENTER}
    assert all(sizes(p) == {Pt(14)} for p in signature)
    # the whole block stays on one page
    assert block.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None


def test_recipients_beside_the_signature(document):
    block = document.tables[1]
    assert len(block.columns) == 2
    label, *recipients = block.cell(0, 0).paragraphs
    assert label.text == "Nơi nhận:"
    assert all(run.underline for run in runs_with_text(label)) and sizes(label) == {Pt(14)}
    assert [p.text for p in recipients] == [
        "- Như Điều 3,",
        "- Thường trực Thành ủy (để báo cáo),",
        "- Ban Thường trực Ủy ban MTTQ Việt Nam thành phố,",
        "- Các đảng ủy trực thuộc Thành ủy,",
        "- Lưu Văn phòng Ban.",
    ]
    assert all(sizes(p) == {Pt(12)} for p in recipients)


def test_k_t_signature_has_authority_and_position():
    document = read(render_party_document(sample_recognition_decision()))
    authority, position, name = document.tables[1].cell(0, 1).paragraphs
    assert (authority.text, position.text, name.text) == ("K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Nguyễn Văn An")


# --- annex ----------------------------------------------------------------------------------------------


def test_annex_on_a_new_page(document):
    title = find(document, "DANH SÁCH")
    assert title.paragraph_format.page_break_before
    assert title.text == "DANH SÁCH\nMÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” ĐƯỢC CÔNG NHẬN"
    assert is_bold(title)
    reference = find(document, "(Kèm theo")
    assert reference.text == (
        "(Kèm theo Quyết định số 12-QĐ/BTGDV, ngày 09-01-2026 của Ban Tuyên giáo và Dân vận Thành ủy)"
    )
    assert all(run.italic for run in runs_with_text(reference))


def test_annex_table_with_repeated_header_row(document):
    table = document.tables[2]
    header, *rows = table.rows
    assert [cell.text for cell in header.cells] == [
        "TT",
        "Tên mô hình, điển hình",
        "Tập thể, cá nhân thực hiện",
        "Lĩnh vực",
    ]
    assert all(is_bold(cell.paragraphs[0]) for cell in header.cells)
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:tblHeader")) is None for row in rows)
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    assert [row.cells[0].text for row in rows] == ["1", "2", "3"]
    assert rows[0].cells[1].text == "Mô hình “Tuyến phố văn minh, không rác thải nhựa”"
    assert table.style.name == "Table Grid"


def test_annex_rows_must_match_the_columns():
    annex = Annex(title="DANH SÁCH", columns=("TT", "Tên"), rows=[("1", "a", "b")])
    with pytest.raises(ValueError):
        render_party_document(board_decision(annex=annex))


def test_without_annex_or_superior_body():
    document = read(render_party_document(board_decision(annex=None, superior_body="")))
    assert len(document.tables) == 2
    assert not any(p.text.startswith("DANH SÁCH") for p in document.paragraphs)
    assert [p.text for p in document.tables[0].cell(0, 0).paragraphs] == [
        "BAN TUYÊN GIÁO VÀ DÂN VẬN THÀNH ỦY",
        "*",
    ]


# --- another rule set -----------------------------------------------------------------------------------


def test_another_party_format_changes_the_output():
    other = dataclasses.replace(
        HD36,
        name="test rules",
        margin_top_mm=25,
        margin_bottom_mm=25,
        margin_left_mm=35,
        party_title_style=TextStyle(16, bold=True),
        type_title_style=TextStyle(15, bold=True),
        date_line_style=TextStyle(13, italic=True),
        body_line_spacing_pt=22,
        body_first_line_indent_mm=12.7,
        recipients_style=TextStyle(11),
    )
    document = read(render_party_document(board_decision(), other))
    section = document.sections[0]
    assert (mm(section.top_margin), mm(section.bottom_margin), mm(section.left_margin)) == (25, 25, 35)
    header = document.tables[0]
    assert sizes(header.cell(0, 1).paragraphs[0]) == {Pt(16)}
    assert sizes(header.cell(1, 1).paragraphs[0]) == {Pt(13)}
    assert sizes(body_paragraphs(document)[0]) == {Pt(15)}
    article = find(document, "Điều 1.")
    assert article.paragraph_format.line_spacing == Pt(22)
    assert mm(article.paragraph_format.first_line_indent) == 12.7
    recipients = document.tables[1].cell(0, 0).paragraphs[1:]
    assert all(sizes(p) == {Pt(11)} for p in recipients)
    # and the default is untouched
    default = read(render_party_document(board_decision()))
    assert mm(default.sections[0].top_margin) == 20
