"""Sample documents: a recognition decision, a certificate and a ward's quarterly report with
realistic Vietnamese content.

Used by the tests, by `tools/sample_documents.py` and as a worked example for the apps that will
build documents from their data. Names of people are invented.
"""

from __future__ import annotations

import datetime

from danvan.charts import bar

from .certificate import Certificate
from .docx import Annex, PartyDocument, Signature
from .report import Percent, ReportContent, ReportSection, ReportTable, format_cell

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


REPORT_DATE = datetime.date(2026, 3, 20)

# (field, registered, recognized, money and labour mobilized in million đồng)
REPORT_FIELDS = (
    ("Kinh tế", 6, 4, 1250),
    ("Văn hóa - xã hội", 9, 7, 2340),
    ("Quốc phòng - an ninh", 4, 3, 310),
    ("Xây dựng hệ thống chính trị", 5, 4, 85),
)

# (name, carried out by, field, households benefiting, mobilized in đồng, share of the plan done)
REPORT_MODELS = (
    ("Tuyến phố văn minh, không rác thải nhựa", "Ban công tác Mặt trận tổ dân phố 12", "Văn hóa - xã hội",
     1240, 135_000_000, 100),
    ("Camera an ninh kết nối khu dân cư", "Công an phường", "Quốc phòng - an ninh", 860, 233_500_000, 87.5),
    ("Bếp ăn nghĩa tình cho bệnh nhân nghèo", "Hội Liên hiệp Phụ nữ phường", "Văn hóa - xã hội",
     312, 96_000_000, 75),
    ("Chi hội nghề nghiệp hỗ trợ hộ kinh doanh nhỏ", "Hội Cựu chiến binh phường", "Kinh tế",
     45, 1_250_000_000, 62.5),
    ("Dân vận khéo trong giải phóng mặt bằng", "Ủy ban nhân dân phường", "Xây dựng hệ thống chính trị",
     18, 0, 40),
)  # fmt: skip


def sample_quarterly_report() -> ReportContent:
    """Report 15-BC/ĐU of a ward's Party committee on the "Dân vận khéo" movement in quarter I of
    2026: two sections, a table and a chart; the list of models as an appendix (XLSX)."""
    registered = sum(row[1] for row in REPORT_FIELDS)
    recognized = sum(row[2] for row in REPORT_FIELDS)
    mobilized = sum(row[3] for row in REPORT_FIELDS)
    table = ReportTable(
        title="Kết quả xây dựng mô hình, điển hình “Dân vận khéo” quý I năm 2026 theo lĩnh vực",
        headers=("TT", "Lĩnh vực", "Đăng ký", "Được công nhận", "Tỷ lệ công nhận",
                 "Huy động (triệu đồng)"),
        rows=[
            *(
                (str(number), field, reg, rec, Percent(100 * rec / reg), money)
                for number, (field, reg, rec, money) in enumerate(REPORT_FIELDS, start=1)
            ),
            ("", "Tổng cộng", registered, recognized, Percent(100 * recognized / registered), mobilized),
        ],
        column_widths_mm=(10, 54, 22, 27, 24, 28),
    )  # fmt: skip
    chart = bar(
        [(field, rec) for field, _reg, rec, _money in REPORT_FIELDS],
        title="Mô hình, điển hình được công nhận theo lĩnh vực",
        unit_label="mô hình",
        horizontal=True,
        size=(6.3, 2.4),
        caption="Mô hình, điển hình được công nhận trong quý I năm 2026, theo lĩnh vực",
    )
    appendix = ReportTable(
        title="DANH SÁCH MÔ HÌNH “DÂN VẬN KHÉO” ĐĂNG KÝ XÂY DỰNG NĂM 2026",
        note="(Kèm theo Báo cáo số 15-BC/ĐU, ngày 20-3-2026 của Đảng ủy phường Hải Châu)",
        headers=("TT", "Tên mô hình", "Tập thể, cá nhân thực hiện", "Lĩnh vực", "Số hộ hưởng lợi",
                 "Kinh phí huy động (đồng)", "Tỷ lệ hoàn thành kế hoạch"),
        rows=[
            (number, name, owner, field, households, money, Percent(done))
            for number, (name, owner, field, households, money, done) in enumerate(REPORT_MODELS, start=1)
        ],
    )  # fmt: skip
    return ReportContent(
        superior_body="ĐẢNG BỘ THÀNH PHỐ ĐÀ NẴNG",
        issuing_body="ĐẢNG ỦY PHƯỜNG HẢI CHÂU",
        issuer_name="Đảng ủy phường Hải Châu",
        number="15-BC/ĐU",
        place="Hải Châu",
        date=REPORT_DATE,
        subject="kết quả thực hiện phong trào thi đua “Dân vận khéo” quý I năm 2026",
        sections=(
            ReportSection(
                heading="I. KẾT QUẢ ĐẠT ĐƯỢC",
                subsections=(
                    ReportSection(
                        heading="1. Công tác lãnh đạo, chỉ đạo",
                        body=(
                            "Quán triệt Quyết định số 23-QĐ/TW, ngày 30-7-2021 của Bộ Chính trị, Đảng ủy "
                            "phường ban hành Kế hoạch số 08-KH/ĐU về thực hiện phong trào thi đua “Dân vận "
                            "khéo” năm 2026; chỉ đạo các chi bộ, Mặt trận Tổ quốc và các đoàn thể đăng ký "
                            "xây dựng mô hình, điển hình gắn với nhiệm vụ chính trị của địa phương.",
                            "Ban Chỉ đạo phường tổ chức 02 hội nghị triển khai, 01 đợt kiểm tra tại 06 tổ "
                            "dân phố; kịp thời tháo gỡ khó khăn trong vận động Nhân dân chỉnh trang đô thị.",
                        ),
                    ),
                    ReportSection(
                        heading="2. Kết quả xây dựng mô hình, điển hình",
                        body=(
                            f"Trong quý, toàn phường có {registered} mô hình, điển hình đăng ký xây dựng, "
                            f"trong đó {recognized} mô hình được công nhận; huy động Nhân dân đóng góp "
                            f"{format_cell(mobilized)} triệu đồng và hàng nghìn ngày công (Phụ lục 1 "
                            "kèm theo).",
                            table,
                            chart,
                        ),
                    ),
                    ReportSection(
                        heading="3. Hạn chế, nguyên nhân",
                        body=(
                            "Một số mô hình chưa có kế hoạch duy trì sau khi được công nhận; việc sơ kết, "
                            "nhân rộng còn chậm. Nguyên nhân chủ yếu là một số chi bộ chưa quan tâm "
                            "đúng mức, cán bộ làm công tác dân vận ở tổ dân phố còn kiêm nhiệm nhiều việc.",
                        ),
                    ),
                ),
            ),
            ReportSection(
                heading="II. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ II NĂM 2026",
                body=(
                    "1. Tiếp tục chỉ đạo các chi bộ, đoàn thể duy trì, nhân rộng các mô hình đã được "
                    "công nhận; đăng ký bổ sung mô hình mới trong lĩnh vực kinh tế và chuyển đổi số.",
                    "2. Phối hợp với Mặt trận Tổ quốc phường tổ chức biểu dương điển hình “Dân vận khéo” "
                    "tiêu biểu nhân dịp kỷ niệm ngày truyền thống công tác dân vận của Đảng.",
                ),
            ),
        ),
        signature=Signature(authority="T/M ĐẢNG ỦY", position="BÍ THƯ", name="Lê Thị Thu Hà"),
        recipients=(
            "Ban Tuyên giáo và Dân vận Thành ủy (để báo cáo)",
            "Thường trực Đảng ủy phường",
            "Các chi bộ trực thuộc",
        ),
        archive="Văn phòng Đảng ủy",
        appendices=(appendix,),
        keywords=("Dân vận khéo", "báo cáo", "quý I năm 2026"),
    )
