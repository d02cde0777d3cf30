"""Vietnamese UI strings of the reports app's models, workflow, services and scanner
(danvan.reports), merged by tools/vi_catalog.py."""

VI = {
    # models
    "asking unit": "đơn vị yêu cầu báo cáo",
    "basis": "căn cứ",
    "The plan or letter that asks for the reports.": "Kế hoạch, công văn yêu cầu báo cáo.",
    "report type": "loại báo cáo",
    "cut-off day": "ngày chốt số liệu",
    "Data up to this day of the month (14 under NĐ 09/2019); empty for calendar periods.": (
        "Số liệu tính đến ngày này của tháng (ngày 14 theo Nghị định 09/2019/NĐ-CP); để trống nếu tính theo "
        "tháng, quý dương lịch."
    ),
    "due after (working days)": "hạn gửi sau (ngày làm việc)",
    "due on day of month": "hạn gửi vào ngày trong tháng",
    "who reports": "đơn vị báo cáo",
    "Unit types that report.": "Loại đơn vị phải gửi báo cáo.",
    "in force": "còn hiệu lực",
    "reporting regime": "chế độ báo cáo",
    "reporting regimes": "chế độ báo cáo",
    "data from": "số liệu từ ngày",
    "data until": "số liệu đến ngày",
    "period": "kỳ báo cáo",
    "due on": "hạn gửi",
    "opened at": "mở kỳ lúc",
    "reporting period": "kỳ báo cáo",
    "reporting periods": "kỳ báo cáo",
    "summary report": "báo cáo tổng hợp",
    "date of the report": "ngày báo cáo",
    "results achieved": "kết quả đạt được",
    "typical models": "mô hình tiêu biểu",
    "shortcomings and limitations": "hạn chế, tồn tại",
    "causes": "nguyên nhân",
    "lessons learned": "bài học kinh nghiệm",
    "directions and tasks for the next period": "phương hướng, nhiệm vụ kỳ tới",
    "proposals and recommendations": "đề xuất, kiến nghị",
    "frozen figures": "số liệu đã chốt",
    "figures frozen at": "chốt số liệu lúc",
    "first submitted on": "gửi lần đầu ngày",
    "submitted at": "gửi lúc",
    "accepted at": "tiếp nhận lúc",
    "periodic report": "báo cáo định kỳ",
    "periodic reports": "báo cáo định kỳ",
    "figure": "chỉ tiêu số liệu",
    "computed value": "số liệu hệ thống tính",
    "corrected value": "số liệu điều chỉnh",
    "corrected at": "điều chỉnh lúc",
    "correction": "điều chỉnh số liệu",
    "corrections": "điều chỉnh số liệu",
    # workflow
    "Submitted": "Đã gửi",
    "Returned": "Bị trả lại",
    "Accepted": "Đã tiếp nhận",
    "Submit the report": "Gửi báo cáo",
    "Return for revision": "Trả lại để bổ sung",
    "Accept the report": "Tiếp nhận báo cáo",
    "Issue the summary report": "Ban hành báo cáo tổng hợp",
    "Report opened": "Mở báo cáo",
    "Figure corrected": "Điều chỉnh số liệu",
    "Correction removed": "Bỏ điều chỉnh số liệu",
    # services
    "Enter the name of the reporting regime.": "Nhập tên chế độ báo cáo.",
    "The name is too long (at most 255 characters).": "Tên quá dài (tối đa 255 ký tự).",
    "Choose the report type.": "Chọn loại báo cáo.",
    "Enter whole numbers for the cut-off day and the due rule.": "Ngày chốt số liệu và hạn gửi phải là số nguyên.",
    "Choose the types of units that report.": "Chọn loại đơn vị phải gửi báo cáo.",
    "The basis is too long (at most 255 characters).": "Căn cứ quá dài (tối đa 255 ký tự).",
    "Reporting regime set": "Thiết lập chế độ báo cáo",
    "Give a reason for the change.": "Nêu lý do thay đổi.",
    "The report type cannot change once a period has been opened.": (
        "Không thể đổi loại báo cáo khi đã mở kỳ báo cáo."
    ),
    "This reporting regime is no longer in force.": "Chế độ báo cáo này không còn hiệu lực.",
    "Enter the year of the period.": "Nhập năm của kỳ báo cáo.",
    "Enter the first and the last day of the period's data.": "Nhập ngày bắt đầu và ngày kết thúc tính số liệu.",
    "Enter the name of the period, e.g. “Sơ kết 3 năm 2023”.": "Nhập tên kỳ báo cáo, ví dụ “Sơ kết 3 năm 2023”.",
    "%(period)s has already been opened.": "Kỳ báo cáo %(period)s đã được mở.",
    "The due date cannot be before the end of the period's data.": (
        "Hạn gửi không thể trước ngày kết thúc tính số liệu."
    ),
    "Period opened": "Mở kỳ báo cáo",
    "Opened by the scheduler": "Hệ thống tự động mở kỳ báo cáo",
    "The report is %(status)s: it can no longer be changed.": "Báo cáo ở trạng thái %(status)s: không thể sửa nữa.",
    "Unknown fields: %(fields)s.": "Trường không hợp lệ: %(fields)s.",
    "“%(field)s” is too long (at most %(limit)s characters).": "“%(field)s” quá dài (tối đa %(limit)s ký tự).",
    "The issuer abbreviation is written in letters and digits, e.g. ĐU.": (
        "Ký hiệu cơ quan ban hành gồm chữ cái và chữ số, ví dụ ĐU."
    ),
    "Another report of this unit already has the number %(symbol)s this year.": (
        "Trong năm đã có báo cáo khác của đơn vị mang số %(symbol)s."
    ),
    "Report written": "Soạn báo cáo",
    "The number of the report is a whole number, e.g. 15.": "Số báo cáo là số nguyên, ví dụ 15.",
    "The number of the report is between 1 and 99999.": "Số báo cáo từ 1 đến 99999.",
    "Enter the date of the report as dd/mm/yyyy.": "Nhập ngày báo cáo theo dạng ngày/tháng/năm.",
    "The date of the report must fall between 2000 and 2100.": "Ngày báo cáo phải trong khoảng năm 2000 đến 2100.",
    "Give the reason for the correction: it is shown beside the figure.": (
        "Nêu lý do điều chỉnh: lý do được ghi bên cạnh số liệu."
    ),
    "The reason is too long (at most 2000 characters).": "Lý do quá dài (tối đa 2000 ký tự).",
    "Enter the corrected figure as a number.": "Nhập số liệu điều chỉnh bằng chữ số.",
    "A corrected figure is a number from 0 upwards.": "Số liệu điều chỉnh phải từ 0 trở lên.",
    "This report has no figure “%(key)s”.": "Báo cáo không có chỉ tiêu “%(key)s”.",
    "Give a reason for removing the correction.": "Nêu lý do bỏ điều chỉnh.",
    "This figure has not been corrected.": "Số liệu này chưa được điều chỉnh.",
    "“%(action)s” does not apply to this report.": "Không thể “%(action)s” đối với báo cáo này.",
    "“%(action)s” is not possible while the report is %(status)s.": (
        "Không thể “%(action)s” khi báo cáo ở trạng thái %(status)s."
    ),
    "The comment is too long (at most 5000 characters).": "Ý kiến quá dài (tối đa 5000 ký tự).",
    "Write the results achieved before submitting the report.": "Nhập kết quả đạt được trước khi gửi báo cáo.",
    "%(unit)s submitted its report %(period)s": "%(unit)s đã gửi báo cáo %(period)s",
    "Your report %(period)s was returned for revision": "Báo cáo %(period)s của đơn vị bị trả lại để bổ sung",
    "Your report %(period)s was accepted": "Báo cáo %(period)s của đơn vị đã được tiếp nhận",
    # scanner
    "Report %(period)s of %(unit)s is due on %(due)s": "Báo cáo %(period)s của %(unit)s phải gửi trước ngày %(due)s",
    "Report %(period)s of %(unit)s is overdue: it was due on %(due)s": (
        "Báo cáo %(period)s của %(unit)s đã quá hạn: hạn gửi là ngày %(due)s"
    ),
}

PLURALS = {
    "%(count)s report %(period)s is missing after its due date": "%(count)s báo cáo %(period)s chưa gửi dù đã quá hạn",
}

VI.update(
    {
        # metrics
        "reports due": "báo cáo phải gửi",
        "Periodic reports the unit and the units under it had to send, by the due date of the period.": (
            "Số báo cáo định kỳ đơn vị và các đơn vị trực thuộc phải gửi, tính theo hạn gửi của kỳ báo cáo."
        ),
        "reports sent": "báo cáo đã gửi",
        "Periodic reports due in the period that were sent, on time or late.": (
            "Số báo cáo định kỳ có hạn gửi trong kỳ đã được gửi (đúng hạn hoặc trễ hạn)."
        ),
        "reports sent on time": "báo cáo gửi đúng hạn",
        "Periodic reports due in the period whose first sending was on or before the due date.": (
            "Số báo cáo định kỳ có hạn gửi trong kỳ được gửi lần đầu trước hoặc đúng hạn."
        ),
    }
)
