"""The Party document format (thể thức văn bản của Đảng): the one place its rules live.

Hướng dẫn 36-HD/VPTW (03/4/2018) is the guide the 2021–2025 documents follow; Hướng dẫn
05-HD/VPTW (2026), issued under Quy định 399-QĐ/TW, reportedly keeps the same typography. Every
renderer takes a `PartyFormat` and defaults to `HD36`, so a 2026 rule set replaces it by passing
another instance (`dataclasses.replace(HD36, margin_top_mm=25, ...)`), never by editing renderers.
See docs/decisions/0004-party-document-format.md for the values that are uncertain.
"""

from __future__ import annotations

import datetime
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class TextStyle:
    """Size (points) and style of one element of a document."""

    size: float
    bold: bool = False
    italic: bool = False
    underline: bool = False


@dataclass(frozen=True)
class PartyFormat:
    """Typography, page set-up and vocabulary of Party documents.

    Sizes are in points, lengths in millimetres. Values come from DOMAIN §7 (HD 36 as summarised
    in public sources); where HD 36 gives a range the middle or the most common value is used.
    """

    name: str
    # The font documents name: Word uses it; LibreOffice substitutes the metric-compatible
    # Tinos / Liberation Serif, so line breaks and page breaks stay where Word puts them.
    font_name: str = "Times New Roman"
    language: str = "vi-VN"

    # A4 paper, margins
    page_width_mm: float = 210
    page_height_mm: float = 297
    margin_top_mm: float = 20
    margin_bottom_mm: float = 20
    margin_left_mm: float = 30
    margin_right_mm: float = 15
    # Margins swap on even pages for duplex printing; off by default (offices mostly print
    # single-sided and Word then shows "inside/outside" instead of "left/right").
    mirror_margins: bool = False

    # Header block (a borderless two-column table), widths of its two columns
    header_left_width_mm: float = 85
    header_right_width_mm: float = 80
    party_title: str = "ĐẢNG CỘNG SẢN VIỆT NAM"
    party_title_style: TextStyle = TextStyle(15, bold=True)
    superior_body_style: TextStyle = TextStyle(14)
    issuing_body_style: TextStyle = TextStyle(14, bold=True)
    issuing_body_mark: str = "*"
    number_style: TextStyle = TextStyle(14)
    number_prefix: str = "Số"
    date_line_style: TextStyle = TextStyle(14, italic=True)

    # Title block
    type_title_style: TextStyle = TextStyle(16, bold=True)
    subject_style: TextStyle = TextStyle(14, bold=True)
    subject_rule: str = "-----"
    letter_subject_style: TextStyle = TextStyle(12, italic=True)  # trích yếu of a công văn

    # Body text
    body_style: TextStyle = TextStyle(14)
    body_first_line_indent_mm: float = 10
    body_space_after_pt: float = 6
    body_line_spacing_pt: float = 20  # "exactly"; HD 36 allows 18–22

    # Headings of a report's sections ("I. KẾT QUẢ ĐẠT ĐƯỢC", "1. …", "a) …") by depth, and the
    # captions of its tables ("Bảng 1. …", above) and charts ("Biểu đồ 1. …", below)
    heading_styles: tuple[TextStyle, ...] = (
        TextStyle(14, bold=True),
        TextStyle(14, bold=True),
        TextStyle(14, bold=True, italic=True),
    )
    table_caption_style: TextStyle = TextStyle(13, bold=True)
    chart_caption_style: TextStyle = TextStyle(13, italic=True)
    table_label: str = "Bảng"
    chart_label: str = "Biểu đồ"

    # Signature block and recipients
    authority_style: TextStyle = TextStyle(14, bold=True)  # T/M BAN THƯỜNG VỤ
    position_style: TextStyle = TextStyle(14)  # PHÓ TRƯỞNG BAN (caps, not bold)
    signer_style: TextStyle = TextStyle(14, bold=True)
    signature_space_mm: float = 25  # room for the hand signature and the seal
    signature_left_width_mm: float = 80  # "Nơi nhận:" column
    signature_right_width_mm: float = 85
    recipients_label: str = "Nơi nhận:"
    recipients_label_style: TextStyle = TextStyle(14, underline=True)
    recipients_style: TextStyle = TextStyle(12)
    archive_prefix: str = "Lưu"

    # Page numbers: centred at the top, from page 2 on, 10 mm from the top edge
    page_number_style: TextStyle = TextStyle(14)
    page_number_top_mm: float = 10

    # Annex (phụ lục) on a new page
    annex_title_style: TextStyle = TextStyle(14, bold=True)
    annex_reference_style: TextStyle = TextStyle(14, italic=True)
    annex_table_style: TextStyle = TextStyle(13)
    annex_table_header_style: TextStyle = TextStyle(13, bold=True)

    # Signature authority prefixes (with slashes, unlike the state's TM., KT., TL.)
    on_behalf_of: str = "T/M"  # thay mặt (a collective body)
    signing_for: str = "K/T"  # ký thay (a deputy for the head)
    by_order_of: str = "T/L"  # thừa lệnh
    acting: str = "Q."  # quyền

    # Document types and their abbreviations in the number/symbol ("12-QĐ/BTGDV")
    type_abbreviations: tuple[tuple[str, str], ...] = (
        ("NGHỊ QUYẾT", "NQ"),
        ("CHỈ THỊ", "CT"),
        ("KẾT LUẬN", "KL"),
        ("QUYẾT ĐỊNH", "QĐ"),
        ("QUY ĐỊNH", "QĐ"),
        ("QUY CHẾ", "QC"),
        ("BÁO CÁO", "BC"),
        ("CHƯƠNG TRÌNH", "CTr"),
        ("THÔNG TRI", "TT"),
        ("TỜ TRÌNH", "TTr"),
        ("HƯỚNG DẪN", "HD"),
        ("KẾ HOẠCH", "KH"),
        ("THÔNG BÁO", "TB"),
        ("CÔNG VĂN", "CV"),
    )

    def abbreviation(self, type_title: str) -> str:
        """The abbreviation of a document type ("QUYẾT ĐỊNH" → "QĐ")."""
        wanted = type_title.strip().upper()
        for title, abbreviation in self.type_abbreviations:
            if title == wanted:
                return abbreviation
        raise KeyError(f"unknown Party document type: {type_title!r}")

    @property
    def text_width_mm(self) -> float:
        return self.page_width_mm - self.margin_left_mm - self.margin_right_mm


HD36 = PartyFormat(name="HD 36-HD/VPTW (2018)")
"""The rule set in force for the documents the system issues today."""


# --- numbers and dates ------------------------------------------------------------------------------


def document_symbol(number: int | str, type_abbreviation: str, issuer_abbreviation: str) -> str:
    """ "12-QĐ/BTGDV": number, type abbreviation, issuer abbreviation."""
    return f"{number}-{type_abbreviation}/{issuer_abbreviation}"


def number_line(symbol: str, fmt: PartyFormat = HD36) -> str:
    """ "Số 12-QĐ/BTGDV" — Party documents put no colon after "Số" (state documents do)."""
    return f"{fmt.number_prefix} {symbol.strip()}"


def _day(value: datetime.date) -> str:
    # Days below 10 and the months January and February are zero-padded so that nobody can
    # turn "ngày 1" into "ngày 15" or "tháng 1" into "tháng 12" by hand.
    return f"{value.day:02d}"


def _month(value: datetime.date) -> str:
    return f"{value.month:02d}" if value.month <= 2 else str(value.month)


def date_phrase(value: datetime.date) -> str:
    """ "ngày 09 tháng 01 năm 2026"."""
    return f"ngày {_day(value)} tháng {_month(value)} năm {value.year}"


def date_line(place: str, value: datetime.date) -> str:
    """ "Đà Nẵng, ngày 09 tháng 01 năm 2026" — the place–date line of the header."""
    return f"{place.strip()}, {date_phrase(value)}"


def short_date(value: datetime.date) -> str:
    """ "09-01-2026", "15-10-2025", "03-4-2018" — how Party texts cite a document's date."""
    return f"{_day(value)}-{_month(value)}-{value.year}"


# --- signature authority ---------------------------------------------------------------------------


def authority_line(prefix: str, body: str) -> str:
    """ "T/M BAN THƯỜNG VỤ", "K/T TRƯỞNG BAN": the prefix and the body or office, in capitals."""
    return f"{prefix} {body.strip().upper()}"


# --- text measurement ------------------------------------------------------------------------------

# Advance widths (1/1000 em) of Times New Roman Bold capitals; Tinos and Liberation Serif share
# them. Vietnamese marks do not change a letter's advance, so "Ả" measures as "A".
_TIMES_BOLD_CAPS = {
    "A": 722, "B": 667, "C": 722, "D": 722, "E": 667, "F": 611, "G": 778, "H": 778, "I": 389,
    "J": 500, "K": 778, "L": 667, "M": 944, "N": 722, "O": 778, "P": 611, "Q": 778, "R": 722,
    "S": 556, "T": 667, "U": 722, "V": 722, "W": 1000, "X": 722, "Y": 722, "Z": 667, " ": 250,
}  # fmt: skip


def bold_caps_width_pt(text: str, size: float) -> float:
    """Width in points of a bold capital line such as "ĐẢNG CỘNG SẢN VIỆT NAM"; the rule under
    the Party title is drawn this long."""
    total = 0
    for char in text:
        base = unicodedata.normalize("NFD", char.replace("Đ", "D"))[0].upper()
        total += _TIMES_BOLD_CAPS.get(base, 722)
    return total * size / 1000
