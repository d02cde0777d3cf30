"""Sample documents: a recognition decision and a certificate with realistic Vietnamese content.

Used by the tests, by `tools/sample_documents.py` and as a worked example for the apps that will
build documents from their data. Names of people are invented.
"""

from __future__ import annotations

import datetime

from .certificate import Certificate
from .docx import Annex, PartyDocument, Signature

DECISION_DATE = datetime.date(2026, 1, 9)

SIGNATURE = Signature(authority="K/T TRƯỞNG BAN", position="PHÓ TRƯỞNG BAN", name="Nguyễn Văn An")

ANNEX_COLUMNS = ("TT", "Tên mô hình, điển hình", "Tập thể, cá nhân thực hiện", "Lĩnh vực")
ANNEX_WIDTHS_MM = (12, 63, 55, 35)
RECOGNIZED = (
    (
        "Mô hình “Tuyến phố văn minh, không rác thải nhựa”",
        "Ủy ban Mặt trận Tổ quốc Việt Nam phường Thanh Khê",
        "Văn hóa - xã hội",
    ),
    (
        "Mô hình “Dân vận khéo trong vận động Nhân dân hiến đất mở rộng đường giao thông nông thôn”",
        "Đảng ủy xã Hòa Vang",
        "Kinh tế",
    ),
    (
        "Điển hình bà Nguyễn Thị Hoa, Tổ trưởng Tổ dân phố số 12",
        "Phường Hải Châu",
        "Xây dựng hệ thống chính trị",
    ),
)


def sample_recognition_decision(*, extra_rows: int = 0) -> PartyDocument:
    """Decision 12-QĐ/BTGDV recognizing "Dân vận khéo" models; `extra_rows` lengthens the annex
    (to show its header row repeating on the next page)."""
    entries = list(RECOGNIZED)
    for index in range(extra_rows):
        entries.append(
            (
                f"Mô hình “Khu dân cư tự quản về an ninh trật tự” số {index + 1}",
                f"Ban công tác Mặt trận tổ dân phố số {index + 1}, phường Tam Kỳ",
                "Quốc phòng - an ninh",
            )
        )
    rows = [(str(number), *entry) for number, entry in enumerate(entries, start=1)]
    return PartyDocument(
        superior_body="ĐẢNG BỘ THÀNH PHỐ ĐÀ NẴNG",
        issuing_body="BAN TUYÊN GIÁO VÀ DÂN VẬN THÀNH ỦY",
        issuer_name="Ban Tuyên giáo và Dân vận Thành ủy",
        number="12-QĐ/BTGDV",
        place="Đà Nẵng",
        date=DECISION_DATE,
        type_title="QUYẾT ĐỊNH",
        subject="công nhận mô hình, điển hình “Dân vận khéo” năm 2026",
        legal_bases=(
            "- Căn cứ Quyết định số 23-QĐ/TW, ngày 30-7-2021 của Bộ Chính trị ban hành Quy chế "
            "công tác dân vận của hệ thống chính trị;",
            "- Căn cứ Quy chế làm việc của Ban Tuyên giáo và Dân vận Thành ủy;",
            "- Xét đề nghị của Hội đồng thẩm định mô hình, điển hình “Dân vận khéo” thành phố năm 2026,",
        ),
        enacting_line="QUYẾT ĐỊNH",
        articles=(
            f"Công nhận {len(rows):02d} mô hình, điển hình “Dân vận khéo” năm 2026 (có danh sách kèm theo).",
            "Các tập thể, cá nhân có mô hình, điển hình được công nhận tiếp tục duy trì, phát huy "
            "hiệu quả và nhân rộng mô hình; định kỳ báo cáo kết quả thực hiện về Ban Tuyên giáo và "
            "Dân vận Thành ủy.",
            "Văn phòng Ban, các phòng chuyên môn và các tập thể, cá nhân có tên tại Điều 1 căn cứ "
            "Quyết định thi hành.\nQuyết định có hiệu lực kể từ ngày ký.",
        ),
        signature=SIGNATURE,
        recipients=(
            "Như Điều 3",
            "Thường trực Thành ủy (để báo cáo)",
            "Ban Thường trực Ủy ban MTTQ Việt Nam thành phố",
            "Các đảng ủy trực thuộc Thành ủy",
        ),
        archive="Văn phòng Ban",
        annex=Annex(
            title="DANH SÁCH\nMÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” ĐƯỢC CÔNG NHẬN",
            columns=ANNEX_COLUMNS,
            rows=rows,
            column_widths_mm=ANNEX_WIDTHS_MM,
        ),
        keywords=("Dân vận khéo", "công nhận", "mô hình", "điển hình"),
    )


def sample_certificate() -> Certificate:
    """The certificate of the first model the sample decision recognizes."""
    name, owner, _field = RECOGNIZED[0]
    return Certificate(
        superior_body="ĐẢNG BỘ THÀNH PHỐ ĐÀ NẴNG",
        issuing_body="BAN TUYÊN GIÁO VÀ DÂN VẬN\nTHÀNH ỦY",
        issuer_name="Ban Tuyên giáo và Dân vận Thành ủy Đà Nẵng",
        kind="model",
        name=name,
        owner=owner,
        year=2026,
        level="cấp thành phố",
        decision_number="12-QĐ/BTGDV",
        decision_date=DECISION_DATE,
        place="Đà Nẵng",
        signature=SIGNATURE,
        register_number="01/GCN-BTGDV",
    )
