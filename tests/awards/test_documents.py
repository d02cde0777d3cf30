"""A decision's documents built from its data: the DOCX read back with python-docx, printed by
the real LibreOffice (headless) and read with poppler; the certificate PDF of a recognized model."""

from __future__ import annotations

import io
import subprocess

import docx
import pytest
from django.urls import reverse

from danvan.awards import documents, services
from danvan.awards.workflow import DecisionKind
from danvan.documents.libreoffice import convert_docx_to_pdf
from danvan.initiatives.models import Holder
from tests.awards.conftest import CITY_SIGNER, draft, proposal, proposed, unit
from tests.documents.conftest import pdf_info, pdf_text, require

pytestmark = pytest.mark.django_db


@pytest.fixture
def city_decision(ancestor, owner, city, tamky_front):
    """12-QĐ/BTGDV of 15/10/2026: the city recognizes two ward models, the second typical."""
    women = unit("Hội Liên hiệp Phụ nữ phường Tam Kỳ")
    models = [
        proposed(tamky_front, owner, ancestor, "Tổ hòa giải ở cơ sở gắn với Ban công tác Mặt trận"),
        proposed(women, owner, ancestor, "Chi hội phụ nữ giúp nhau thoát nghèo", kind="exemplar"),
    ]
    decision = draft(
        city,
        ancestor,
        number=12,
        recipients="Như Điều 3\n- Thường trực Thành ủy (để báo cáo);\nCác đảng ủy trực thuộc Thành ủy",
        archive="Văn phòng Ban",
        **CITY_SIGNER,
    )
    services.add_initiatives(decision, models, actor=ancestor, typical={models[1].pk})
    return services.transition(decision, "issue", actor=ancestor)


def cells(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_docx_reads_back_header_number_date_and_signature(city_decision):
    document = docx.Document(io.BytesIO(documents.decision_docx(city_decision)))
    header = document.tables[0]
    superior, issuing, mark = header.cell(0, 0).paragraphs
    assert (superior.text, issuing.text, mark.text) == ("THÀNH ỦY ĐÀ NẴNG", "BAN TUYÊN GIÁO VÀ DÂN VẬN", "*")
    assert header.cell(1, 0).text == "Số 12-QĐ/BTGDV"
    assert header.cell(0, 1).paragraphs[0].text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert header.cell(1, 1).text == "Đà Nẵng, ngày 15 tháng 10 năm 2026"
    texts = [p.text for p in document.paragraphs if p.text.strip()]
    assert texts[:2] == ["QUYẾT ĐỊNH", "công nhận mô hình, điển hình “Dân vận khéo” cấp thành phố năm 2026"]
    assert any(t.startswith("- Căn cứ Quyết định số 23-QĐ/TW") for t in texts)
    assert (
        "Điều 1. Công nhận 02 mô hình, điển hình “Dân vận khéo” cấp thành phố năm 2026 (có danh sách kèm "
        "theo); trong đó có 01 mô hình, điển hình tiêu biểu." in texts
    )
    assert any(
        t.endswith("báo cáo kết quả thực hiện về Ban Tuyên giáo và Dân vận Thành ủy Đà Nẵng.") for t in texts
    )
    label, *recipients = document.tables[1].cell(0, 0).paragraphs
    assert label.text == "Nơi nhận:"
    assert [p.text for p in recipients] == [
        "- Như Điều 3,",
        "- Thường trực Thành ủy (để báo cáo),",
        "- Các đảng ủy trực thuộc Thành ủy,",
        "- Lưu Văn phòng Ban.",
    ]
    authority, position, name = document.tables[1].cell(0, 1).paragraphs
    assert (authority.text, position.text, name.text) == ("K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Bùi Thị Lan")
    reference = "(Kèm theo Quyết định số 12-QĐ/BTGDV, ngày 15-10-2026 của Ban Tuyên giáo và Dân vận Thành ủy "
    assert reference + "Đà Nẵng)" in texts
    annex = cells(document.tables[2])
    assert annex[0] == ["STT", "Tên mô hình, điển hình", "Đơn vị thực hiện", "Lĩnh vực", "Tiêu biểu"]
    assert annex[1] == [
        "1",
        "Tổ hòa giải ở cơ sở gắn với Ban công tác Mặt trận",
        "Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ",
        "Văn hóa - xã hội",
        "",
    ]
    assert annex[2][1] == "Chi hội phụ nữ giúp nhau thoát nghèo" and annex[2][4] == "x"
    assert document.core_properties.title.startswith("Quyết định số 12-QĐ/BTGDV công nhận")


def test_a_draft_prints_without_a_number(owner, tamky_front):
    decision = draft(tamky_front, owner)
    document = docx.Document(io.BytesIO(documents.decision_docx(decision)))
    assert document.tables[0].cell(1, 0).text == "Số …-QĐ/MTTQ"
    assert document.tables[0].cell(0, 0).paragraphs[0].text == "ĐẢNG ỦY PHƯỜNG TAM KỲ"
    assert len(document.tables) == 2  # no annex while the list is empty
    assert documents.docx_filename(decision) == f"du-thao-quyet-dinh-{decision.pk}.docx"


def test_the_commendation_docx(ancestor, owner, city, tamky, catalogue):
    form = catalogue["province_party_board"]
    decision = draft(
        city,
        ancestor,
        DecisionKind.COMMENDATION,
        award_form=form,
        issuing_body=city,
        number=245,
        citation="trong phong trào thi đua “Dân vận khéo”, nhân dịp kỷ niệm 95 năm Ngày truyền thống "
        "công tác dân vận của Đảng (15/10/1930 – 15/10/2025)",
        signer_authority="T/M BAN THƯỜNG VỤ",
        signer_position="Phó Bí thư Thường trực",
        signer_name="Trần Minh Quang",
    )
    granted = [
        proposal(tamky, owner, form, "Đảng ủy phường Tam Kỳ", achievements="Lãnh đạo xây dựng 12 mô hình."),
        proposal(
            tamky, owner, form, "Bà Trương Thị Hạnh", holder=Holder.INDIVIDUAL,
            recipient_position="Chủ tịch Ủy ban MTTQ Việt Nam phường Tam Kỳ",
        ),
    ]  # fmt: skip
    services.add_proposals(decision, granted, actor=ancestor)
    document = docx.Document(io.BytesIO(documents.decision_docx(decision)))
    header = document.tables[0]
    assert [p.text for p in header.cell(0, 0).paragraphs] == [
        "ĐẢNG BỘ THÀNH PHỐ ĐÀ NẴNG",
        "THÀNH ỦY ĐÀ NẴNG",
        "*",
    ]
    assert header.cell(1, 0).text == "Số 245-QĐ/TU"
    texts = [p.text for p in document.paragraphs]
    assert (
        "Điều 1. Tặng Bằng khen của Ban Thường vụ Tỉnh ủy, Thành ủy cho 01 tập thể và 01 cá nhân (có danh "
        "sách kèm theo) đã có thành tích xuất sắc trong phong trào thi đua “Dân vận khéo”, nhân dịp kỷ niệm "
        "95 năm Ngày truyền thống công tác dân vận của Đảng (15/10/1930 – 15/10/2025)." in texts
    )
    authority, position, name = document.tables[1].cell(0, 1).paragraphs
    assert (authority.text, position.text, name.text) == (
        "T/M BAN THƯỜNG VỤ",
        "PHÓ BÍ THƯ THƯỜNG TRỰC",
        "Trần Minh Quang",
    )
    annex = cells(document.tables[2])
    assert annex[0] == ["STT", "Tập thể, cá nhân", "Chức vụ, đơn vị", "Thành tích"]
    assert annex[2][1:3] == ["Bà Trương Thị Hạnh", "Chủ tịch Ủy ban MTTQ Việt Nam phường Tam Kỳ"]


def test_libreoffice_prints_the_decision_as_the_format_lays_it_out(city_decision, tmp_path):
    require("soffice", "libreoffice-writer-nogui")
    pdf = tmp_path / "decision.pdf"
    pdf.write_bytes(convert_docx_to_pdf(documents.decision_docx(city_decision)))
    assert int(pdf_info(pdf)["Pages"]) == 2
    lines = pdf_text(pdf, first=1, last=1).splitlines()

    def at(text):
        for number, line in enumerate(lines):
            if text in line:
                return number, line.index(text)
        raise AssertionError(f"{text!r} not on page 1:\n" + "\n".join(lines))

    superior, party = at("THÀNH ỦY ĐÀ NẴNG"), at("ĐẢNG CỘNG SẢN VIỆT NAM")
    assert abs(superior[0] - party[0]) <= 1 and party[1] > superior[1]
    issuing, number, date = (
        at("BAN TUYÊN GIÁO VÀ DÂN VẬN"),
        at("Số 12-QĐ/BTGDV"),
        at("Đà Nẵng, ngày 15 tháng 10 năm 2026"),
    )
    assert superior[0] < issuing[0] < number[0] == date[0] and number[1] < date[1]
    title, article = at("QUYẾT ĐỊNH"), at("Điều 1. Công nhận 02 mô hình")
    assert number[0] < title[0] < article[0]
    recipients, authority, name = at("Nơi nhận:"), at("K/T TRƯỞNG BAN"), at("Bùi Thị Lan")
    assert recipients[0] == authority[0] and recipients[1] < authority[1] < name[1] + 20
    assert name[0] > authority[0]
    annex = pdf_text(pdf, first=2, last=2)
    assert annex.split()[0] == "2"  # the page number, from page 2 on
    assert "DANH SÁCH" in annex and "STT" in annex and "Tổ hòa giải ở cơ sở" in annex
    assert "(Kèm theo Quyết định số 12-QĐ/BTGDV" in annex


def test_the_certificate_of_a_recognized_exemplar(personas, city_decision, tmp_path):
    require("pdftotext", "poppler-utils")
    entry = city_decision.entries.get(typical=True)
    response = personas["owner"].get(reverse("awards:certificate", args=[entry.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "giay-chung-nhan-12-QD-BTGDV-02.pdf" in response["Content-Disposition"]
    pdf = tmp_path / "certificate.pdf"
    pdf.write_bytes(response.content)
    text = " ".join(pdf_text(pdf).split())
    assert "Được công nhận là điển hình “Dân vận khéo” cấp thành phố năm 2026" in text
    assert "Chi hội phụ nữ giúp nhau thoát nghèo" in text
    assert "12-QĐ/BTGDV" in text and "Bùi Thị Lan" in text
    assert subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True).returncode == 0
