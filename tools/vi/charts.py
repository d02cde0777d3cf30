"""Vietnamese UI strings of danvan.charts (charts, maps and their templates)."""

VI = {
    "Item": "Nội dung",
    "Value": "Giá trị",
    "Share": "Tỷ lệ",
    "Total": "Tổng",
    "Place": "Địa bàn",
    "Map": "Bản đồ",
    "Show the figures": "Xem số liệu",
    "No data yet": "Chưa có số liệu",
    "billion": "tỷ",
    "million": "triệu",
    "Circle area shows the count; largest: %(value)s": "Diện tích vòng tròn thể hiện số lượng; lớn nhất: %(value)s",
    "Open circles: none yet": "Vòng tròn rỗng: chưa có",
    "Outside the map frame": "Ngoài khung bản đồ",
    "%(degrees)s°N": "%(degrees)s°B",
    "%(degrees)s°S": "%(degrees)s°N",
    "%(degrees)s°E": "%(degrees)s°Đ",
    "%(degrees)s°W": "%(degrees)s°T",
}
