"""The certificate PDF rendered by the real WeasyPrint and read back with poppler."""

import dataclasses
import re

import pytest

from danvan.documents.certificate import Certificate, certificate_html, render_certificate_pdf
from danvan.documents.samples import sample_certificate

from .conftest import page_size_pt, pdf_fonts, pdf_info, pdf_text


@pytest.fixture(scope="module")
def certificate_pdf(tmp_path_factory):
    path = tmp_path_factory.mktemp("certificate") / "certificate.pdf"
    path.write_bytes(render_certificate_pdf(sample_certificate()))
    return path


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_one_a4_landscape_page(certificate_pdf):
    info = pdf_info(certificate_pdf)
    assert info["Pages"] == "1"
    width, height = page_size_pt(info)
    assert (round(width), round(height)) == (842, 595)


def test_vietnamese_text_with_diacritics(certificate_pdf):
    text = flat(pdf_text(certificate_pdf))
    for expected in (
        "GIẤY CHỨNG NHẬN",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "ĐẢNG BỘ THÀNH PHỐ ĐÀ NẴNG",
        "Ban Tuyên giáo và Dân vận Thành ủy Đà Nẵng chứng nhận",
        "Mô hình “Tuyến phố văn minh, không rác thải nhựa”",
        "Đơn vị thực hiện: Ủy ban Mặt trận Tổ quốc Việt Nam phường Thanh Khê",
        "Được công nhận là mô hình “Dân vận khéo” cấp thành phố năm 2026",
        "Quyết định số 12-QĐ/BTGDV, ngày 09-01-2026",
        "Đà Nẵng, ngày 09 tháng 01 năm 2026",
        "K/T TRƯỞNG BAN",
        "PHÓ TRƯỞNG BAN",
        "Nguyễn Văn An",
    ):
        assert expected in text


def test_fonts_carry_vietnamese(certificate_pdf):
    fonts = pdf_fonts(certificate_pdf)
    assert fonts
    # Times New Roman, or a metric-compatible font with every Vietnamese letter; never a fallback
    for name in fonts:
        assert any(family in name for family in ("TimesNewRoman", "Tinos", "LiberationSerif")), fonts


def test_document_properties(certificate_pdf):
    info = pdf_info(certificate_pdf)
    assert info["Title"].startswith("Giấy chứng nhận mô hình “Dân vận khéo” năm 2026")
    assert info["Author"] == "BAN TUYÊN GIÁO VÀ DÂN VẬN THÀNH ỦY"


def test_exemplar_and_a_long_name_still_fit_one_page(tmp_path):
    cert = dataclasses.replace(
        sample_certificate(),
        kind="exemplar",
        name="Bà Nguyễn Thị Hoa, Tổ trưởng Tổ dân phố số 12, Chi hội trưởng Chi hội Phụ nữ, "
        "người có uy tín trong cộng đồng, gương mẫu vận động Nhân dân hiến đất làm đường " * 2,
        owner="Phường Hải Châu, thành phố Đà Nẵng",
    )
    path = tmp_path / "exemplar.pdf"
    path.write_bytes(render_certificate_pdf(cert))
    assert pdf_info(path)["Pages"] == "1"
    text = flat(pdf_text(path))
    assert "Được công nhận là điển hình “Dân vận khéo” cấp thành phố năm 2026" in text
    assert "Đơn vị: Phường Hải Châu" in text


def test_nothing_is_fetched_and_text_is_escaped():
    cert = dataclasses.replace(sample_certificate(), name='Mô hình <img src="http://example.com/x.png">')
    html = certificate_html(cert)
    assert "<img" not in html and "&lt;img" in html
    without_escaped = html.replace("&lt;img src=&quot;http://example.com/x.png&quot;&gt;", "")
    assert "http" not in without_escaped and "url(" not in without_escaped


def test_kind_is_checked():
    with pytest.raises(ValueError):
        dataclasses.replace(sample_certificate(), kind="award")
    assert isinstance(sample_certificate(), Certificate)
