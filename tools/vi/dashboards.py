"""Vietnamese for the dashboards."""

VI = {
    "Dashboard": "Bảng điều hành",
    "Dashboard — %(unit)s": "Bảng điều hành — %(unit)s",
    "Levels above": "Các cấp trên",
    "Where the movement stands in %(year)s: the unit and every unit under it, compared with the year before.": "Kết quả phong trào năm %(year)s của đơn vị và toàn bộ các đơn vị trực thuộc, so với năm trước.",
    "Year": "Năm",
    "Show": "Xem",
    "Key figures": "Số liệu chính",
    "vs %(previous)s last year": "(năm trước: %(previous)s)",
    "Early warnings": "Cảnh báo sớm",
    "and %(counter)s more": "và %(counter)s đơn vị khác",
    "no update yet": "chưa cập nhật lần nào",
    "Targets": "Mục tiêu",
    "Models and exemplars": "Mô hình, điển hình",
    "see the list": "xem danh sách",
    "Map of models": "Bản đồ mô hình",
    "Units directly under it": "Các đơn vị trực thuộc",
    "Unit": "Đơn vị",
    "Pages": "Trang",
    "Previous": "Trước",
    "Next": "Sau",
    "Page %(n)s of %(total)s": "Trang %(n)s/%(total)s",
    "No unit under it.": "Không có đơn vị trực thuộc.",
    "Target": "Mục tiêu",
    "Goal": "Chỉ tiêu",
    "Actual": "Thực hiện",
    "Status": "Trạng thái",
    "(not set)": "(chưa xác định)",
    "models": "mô hình",
    "Models and exemplars by field, %(year)s": "Mô hình, điển hình theo lĩnh vực, năm %(year)s",
    "By status": "Theo trạng thái",
    "By kind": "Theo loại",
    "By type of owning unit": "Theo loại đơn vị chủ trì",
    "Year by year, %(first)s–%(last)s": "Qua các năm, %(first)s–%(last)s",
    "Models registered in %(year)s by commune and ward": "Mô hình đăng ký năm %(year)s theo xã, phường",
}
PLURALS = {
    "%(counter)s unit directly under it registered no model in %(year)s": "%(counter)s đơn vị trực thuộc chưa đăng ký mô hình nào năm %(year)s",
    "and %(counter)s more": "và %(counter)s đơn vị khác",
    "%(counter)s model without an update for %(stale_days)s days": "%(counter)s mô hình không cập nhật trong %(stale_days)s ngày",
    "%(counter)s target at risk or missed": "%(counter)s mục tiêu có nguy cơ không đạt hoặc không đạt",
}
VI["More"] = "Thêm"
VI["Lists:"] = "Danh sách:"
VI["The whole country"] = "Cả nước"
VI["Some rows were refused; nothing was registered."] = "Có dòng bị từ chối; chưa ghi nhận mô hình nào."
VI["Models registered in %(year)s by province"] = "Mô hình đăng ký năm %(year)s theo tỉnh, thành phố"
