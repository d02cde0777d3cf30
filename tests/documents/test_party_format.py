import dataclasses
import datetime

import pytest

from danvan.documents.party_format import (
    HD36,
    PartyFormat,
    authority_line,
    bold_caps_width_pt,
    date_line,
    date_phrase,
    document_symbol,
    number_line,
    short_date,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime.date(2026, 1, 9), "ngày 09 tháng 01 năm 2026"),
        (datetime.date(2025, 10, 15), "ngày 15 tháng 10 năm 2025"),
        (datetime.date(2018, 4, 3), "ngày 03 tháng 4 năm 2018"),
        (datetime.date(2026, 2, 28), "ngày 28 tháng 02 năm 2026"),
        (datetime.date(2025, 12, 1), "ngày 01 tháng 12 năm 2025"),
        (datetime.date(2021, 7, 30), "ngày 30 tháng 7 năm 2021"),
    ],
)
def test_date_phrase_pads_days_below_ten_and_january_february(value, expected):
    assert date_phrase(value) == expected


def test_date_line_and_short_date():
    assert date_line("Đà Nẵng", datetime.date(2026, 1, 9)) == "Đà Nẵng, ngày 09 tháng 01 năm 2026"
    assert short_date(datetime.date(2026, 1, 9)) == "09-01-2026"
    assert short_date(datetime.date(2018, 4, 3)) == "03-4-2018"
    assert short_date(datetime.date(2025, 10, 15)) == "15-10-2025"


def test_number_line_has_no_colon_after_so():
    symbol = document_symbol(12, HD36.abbreviation("QUYẾT ĐỊNH"), "BTGDV")
    assert symbol == "12-QĐ/BTGDV"
    assert number_line(symbol) == "Số 12-QĐ/BTGDV"
    assert ":" not in number_line(symbol)


@pytest.mark.parametrize(
    ("title", "abbreviation"),
    [
        ("QUYẾT ĐỊNH", "QĐ"),
        ("Kế hoạch", "KH"),
        ("BÁO CÁO", "BC"),
        ("HƯỚNG DẪN", "HD"),
        ("THÔNG BÁO", "TB"),
        ("THÔNG TRI", "TT"),
        ("TỜ TRÌNH", "TTr"),
        ("CHƯƠNG TRÌNH", "CTr"),
    ],
)
def test_type_abbreviations(title, abbreviation):
    assert HD36.abbreviation(title) == abbreviation


def test_unknown_type_is_an_error():
    with pytest.raises(KeyError):
        HD36.abbreviation("BIÊN BẢN GHI NHỚ")


def test_signature_authority_prefixes_use_slashes():
    assert (HD36.on_behalf_of, HD36.signing_for, HD36.by_order_of, HD36.acting) == ("T/M", "K/T", "T/L", "Q.")
    assert authority_line(HD36.on_behalf_of, "Ban Thường vụ") == "T/M BAN THƯỜNG VỤ"
    assert authority_line(HD36.signing_for, "trưởng ban") == "K/T TRƯỞNG BAN"


def test_hd36_values_from_the_domain_table():
    assert HD36.font_name == "Times New Roman"
    assert (HD36.page_width_mm, HD36.page_height_mm) == (210, 297)
    margins = (HD36.margin_top_mm, HD36.margin_bottom_mm, HD36.margin_left_mm, HD36.margin_right_mm)
    assert margins == (20, 20, 30, 15)
    assert HD36.party_title_style.size == 15 and HD36.party_title_style.bold
    assert HD36.date_line_style.italic
    assert 15 <= HD36.type_title_style.size <= 16 and HD36.type_title_style.bold
    assert 18 <= HD36.body_line_spacing_pt <= 22
    assert HD36.body_space_after_pt >= 6
    assert HD36.recipients_label_style.underline and HD36.recipients_style.size == 12
    assert HD36.header_left_width_mm + HD36.header_right_width_mm <= HD36.text_width_mm


def test_a_format_is_frozen_and_replaceable():
    with pytest.raises(dataclasses.FrozenInstanceError):
        HD36.margin_top_mm = 25  # type: ignore[misc]
    other = dataclasses.replace(HD36, name="test", margin_top_mm=25)
    assert isinstance(other, PartyFormat)
    assert other.margin_top_mm == 25 and HD36.margin_top_mm == 20


def test_party_title_width_matches_times_bold_metrics():
    # 206.7 pt measured from Tinos-Bold (metric-compatible with Times New Roman Bold) at 15 pt
    assert bold_caps_width_pt("ĐẢNG CỘNG SẢN VIỆT NAM", 15) == pytest.approx(206.7, abs=0.5)
