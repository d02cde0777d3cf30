"""The XLSX file the import benchmark uploads, in the layout of the import template
(`danvan.initiatives.xlsx.IMPORT_COLUMNS`: the header row found by its labels, codes accepted for
the lists, the owner unit by its id)."""

from __future__ import annotations

import io

from openpyxl import Workbook

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADERS = ["STT", "Tên mô hình, điển hình", "Đơn vị chủ quản", "Loại", "Chủ thể", "Lĩnh vực"]
HEADERS += ["Chủ đề 1", "Chủ đề 2", "Năm đăng ký", "Nội dung, cách thức thực hiện", "Kinh phí dự kiến (đồng)"]
PLACES = ["tổ dân phố", "khu dân cư", "thôn", "khối phố", "ấp", "bản"]
WORKS = [
    "Tự quản vệ sinh môi trường",
    "Thắp sáng đường quê",
    "Hiến đất mở rộng đường giao thông",
    "Camera an ninh trật tự",
    "Nước sạch cho hộ nghèo",
    "Chuyển đổi số trong thủ tục hành chính",
]


def import_workbook(
    rows: int, *, owner_unit: int, field: str, topics: list[str], year: int, prefix: str
) -> bytes:
    """`rows` distinct models of `owner_unit` as the office's Excel file."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Mô hình")
    ws.append(["DANH SÁCH MÔ HÌNH DÂN VẬN KHÉO ĐĂNG KÝ (tệp thử tải)"])
    ws.append(HEADERS)
    topic1 = topics[0] if topics else None
    topic2 = topics[1] if len(topics) > 1 else None
    for i in range(1, rows + 1):
        work = WORKS[i % len(WORKS)]
        place = PLACES[i % len(PLACES)]
        ws.append(
            [
                i,
                f"{work} ở {place} số {i} ({prefix})",
                owner_unit,
                "Mô hình",
                "Tập thể",
                field,
                topic1,
                topic2 if i % 2 else None,
                year,
                f"{work}: họp dân, phân công, ra quân hằng tháng, sơ kết sáu tháng.",
                150_000_000 + i * 1000,
            ]
        )
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
