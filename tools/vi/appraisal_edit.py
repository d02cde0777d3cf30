"""Vietnamese for changing a draft appraisal round."""

VI = {
    "Only a draft round can be changed.": "Chỉ sửa được đợt thẩm định đang ở trạng thái dự thảo.",
    "The round has collective candidates: it needs criteria for collective models.": "Đợt thẩm định có ứng viên là tập thể: cần có bộ tiêu chí cho mô hình tập thể.",
    "The round has individual candidates: it needs criteria for individual exemplars.": "Đợt thẩm định có ứng viên là cá nhân: cần có bộ tiêu chí cho điển hình cá nhân.",
    "Changed: %(fields)s": "Đã sửa: %(fields)s",
    "Round changed": "Sửa thông tin đợt",
    "The round has been saved.": "Đã lưu đợt thẩm định.",
    "Change name, year, criteria": "Sửa tên, năm, bộ tiêu chí",
    "Change the round “%(name)s”": "Sửa đợt thẩm định “%(name)s”",
    "Change the round": "Sửa đợt thẩm định",
    "A draft round of %(unit)s. Once scoring opens, its header no longer changes: the council scores against it.": "Đợt thẩm định dự thảo của %(unit)s. Khi đã mở chấm điểm, thông tin của đợt không thay đổi nữa vì hội đồng chấm theo đó.",
}
VI.update(
    {
        # recognition recorded from a paper decision on the model's page
        "The date of recognition cannot be in the future.": "Ngày công nhận không thể sau ngày hôm nay.",
        "The date of recognition is before the year the model was registered (%(year)s).": "Ngày công nhận sớm hơn năm đăng ký mô hình (%(year)s).",
        "Enter the date of the decision as dd/mm/yyyy.": "Nhập ngày quyết định theo dạng ngày/tháng/năm (dd/mm/yyyy).",
        "Date of the recognition decision": "Ngày quyết định công nhận",
        "Leave empty for today. A decision issued in the Decisions menu sets it by itself.": "Để trống nếu là hôm nay. Quyết định ban hành trong trình đơn Quyết định tự ghi ngày này.",
    }
)
