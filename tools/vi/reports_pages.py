"""Vietnamese UI strings of the report pages (danvan.reports views, forms and templates), merged by
tools/vi_catalog.py. The models', workflow's and services' strings are in reports.py."""

VI = {
    # navigation and tabs
    "Reports": "Báo cáo",
    "Periods": "Kỳ báo cáo",
    "Regimes": "Chế độ báo cáo",
    "Periodic reports": "Báo cáo định kỳ",
    "Reporting periods": "Kỳ báo cáo",
    "Reporting regimes": "Chế độ báo cáo",
    # list of reports
    "Reports of %(unit)s and the units under it, the most recent periods first.": (
        "Báo cáo của %(unit)s và các đơn vị cấp dưới, kỳ gần nhất ở trên."
    ),
    "Report type": "Loại báo cáo",
    "Late only": "Chỉ báo cáo trễ hạn",
    "Not yet submitted": "Chưa gửi",
    "Submitted on": "Ngày gửi",
    "Due on": "Hạn gửi",
    "due": "hạn",
    "submitted": "đã gửi",
    "summary report": "báo cáo tổng hợp",
    "late": "trễ hạn",
    "overdue": "quá hạn",
    "No report matches these filters.": "Không có báo cáo nào phù hợp điều kiện lọc.",
    "No report to show yet: reports appear when the unit that asks for them opens a period.": (
        "Chưa có báo cáo nào: báo cáo xuất hiện khi đơn vị yêu cầu báo cáo mở kỳ báo cáo."
    ),
    # periods
    "Each period of a reporting regime, with how many of the units asked have reported.": (
        "Các kỳ của từng chế độ báo cáo, kèm số đơn vị đã gửi báo cáo."
    ),
    "On time": "Đúng hạn",
    "your unit reports here": "đơn vị của bạn gửi báo cáo trong kỳ này",
    "No period matches these filters.": "Không có kỳ báo cáo nào phù hợp điều kiện lọc.",
    "No reporting period opened yet.": "Chưa mở kỳ báo cáo nào.",
    "due date passed": "đã quá hạn gửi",
    "Data window": "Thời gian tính số liệu",
    "Basis": "Căn cứ",
    "The summary report": "Báo cáo tổng hợp",
    "Reporting rates": "Tình hình gửi báo cáo",
    "expected": "phải gửi",
    "on time": "đúng hạn",
    "not yet submitted": "chưa gửi",
    "accepted": "đã tiếp nhận",
    "returned": "bị trả lại",
    "Submitted: sent at least once. On time: first sent by the due date. Not yet submitted: never sent.": (
        "Đã gửi: đã gửi ít nhất một lần. Đúng hạn: gửi lần đầu trước hoặc đúng hạn gửi. Chưa gửi: chưa gửi lần "
        "nào."
    ),
    "Reports of the units asked": "Báo cáo của các đơn vị",
    "Your units' reports": "Báo cáo của đơn vị bạn",
    "All statuses": "Mọi trạng thái",
    "No unit reports in this period.": "Không có đơn vị nào phải báo cáo trong kỳ này.",
    # regimes
    "What each unit asks of the units under it: the report, its periods and its due dates.": (
        "Yêu cầu báo cáo của từng đơn vị đối với cấp dưới: loại báo cáo, kỳ báo cáo và hạn gửi."
    ),
    "New reporting regime": "Thiết lập chế độ báo cáo",
    "no longer in force": "hết hiệu lực",
    "Who reports:": "Đơn vị báo cáo:",
    "No reporting regime set yet.": "Chưa thiết lập chế độ báo cáo nào.",
    "calendar periods": "theo tháng, quý dương lịch",
    "data up to day %(day)s of the month": "số liệu tính đến ngày %(day)s",
    "due on day %(day)s": "hạn gửi ngày %(day)s",
    "Open a period": "Mở kỳ báo cáo",
    "No period opened yet.": "Chưa mở kỳ báo cáo nào.",
    "Opening a period asks every unit that reports for its report and creates the summary report of the "
    "asking unit.": (
        "Khi mở kỳ, hệ thống tạo báo cáo cho từng đơn vị phải báo cáo và báo cáo tổng hợp của đơn vị yêu cầu."
    ),
    "Open the period": "Mở kỳ báo cáo",
    "Asking unit": "Đơn vị yêu cầu báo cáo",
    "calendar periods (1st to the last day of the month)": "theo tháng, quý dương lịch (từ ngày 1 đến cuối tháng)",
    "up to day %(day)s of the month (the next period starts the day after)": (
        "đến ngày %(day)s của tháng (kỳ sau tính từ ngày kế tiếp)"
    ),
    "Due": "Hạn gửi",
    "on day %(day)s of the month after the cut-off": "ngày %(day)s của tháng sau ngày chốt số liệu",
    "Who reports": "Đơn vị báo cáo",
    "Edit the reporting regime": "Sửa chế độ báo cáo",
    "Periods already opened keep their windows and due dates.": (
        "Các kỳ đã mở giữ nguyên thời gian tính số liệu và hạn gửi."
    ),
    "What your unit asks of the units under it. Fields marked * are required.": (
        "Yêu cầu báo cáo của đơn vị đối với cấp dưới. Các mục có dấu * là bắt buộc."
    ),
    "The report": "Báo cáo",
    "Cut-off and due date": "Ngày chốt số liệu và hạn gửi",
    "Set the regime": "Lưu chế độ báo cáo",
    "The reporting regime has been set.": "Đã thiết lập chế độ báo cáo.",
    "Nothing was opened: %(errors)s": "Chưa mở kỳ báo cáo: %(errors)s",
    "%(period)s has been opened: %(count)s units are asked to report.": (
        "Đã mở kỳ %(period)s: %(count)s đơn vị phải gửi báo cáo."
    ),
    "Units of these types in the asking unit's subtree each send a report.": (
        "Mỗi đơn vị thuộc các loại này, trực thuộc đơn vị yêu cầu báo cáo, phải gửi một báo cáo."
    ),
    "e.g. Quarterly report on mass-mobilization work": "ví dụ: Báo cáo quý về công tác dân vận",
    "e.g. Plan No. 15-KH/TU": "ví dụ: Kế hoạch số 15-KH/TU",
    "Working days after the cut-off (2 if both are empty).": (
        "Số ngày làm việc sau ngày chốt số liệu (mặc định 2 ngày nếu để trống cả hai)."
    ),
    "Or a fixed day of the month after the cut-off.": "Hoặc một ngày cố định của tháng sau ngày chốt số liệu.",
    "— choose the report type —": "— chọn loại báo cáo —",
    "No new period can be opened for a regime no longer in force.": (
        "Không thể mở kỳ báo cáo mới cho chế độ báo cáo đã hết hiệu lực."
    ),
    "Quarter or month": "Quý hoặc tháng",
    "Quarter": "Quý",
    "Month": "Tháng",
    "Data from": "Số liệu từ ngày",
    "Data until": "Số liệu đến ngày",
    "Name of the period": "Tên kỳ báo cáo",
    "Empty: from the regime's due rule.": "Để trống: tính theo hạn gửi của chế độ báo cáo.",
    "Enter the number of the period (1 to %(top)s).": "Nhập số thứ tự của kỳ (từ 1 đến %(top)s).",
    # a report
    "Report": "Báo cáo",
    "Summary report": "Báo cáo tổng hợp",
    "Report %(period)s": "Báo cáo %(period)s",
    "Summary report %(period)s": "Báo cáo tổng hợp %(period)s",
    "No. %(symbol)s": "Số %(symbol)s",
    "Issued on": "Ngày ban hành",
    "First submitted on": "Ngày gửi lần đầu",
    "Accepted on": "Ngày tiếp nhận",
    "Asked by": "Đơn vị yêu cầu",
    "Write the report": "Soạn báo cáo",
    "Download": "Tải về",
    "Returned for revision:": "Trả lại để bổ sung:",
    "The figures below are computed now from the data in the system. Submitting the report freezes them as "
    "they are.": (
        "Số liệu dưới đây được hệ thống tính từ dữ liệu hiện có. Khi gửi báo cáo, số liệu được chốt như tại thời "
        "điểm gửi."
    ),
    "Figures frozen on %(when)s.": "Số liệu chốt lúc %(when)s.",
    "The data have changed since these figures were frozen": "Dữ liệu đã thay đổi kể từ khi chốt số liệu",
    "The report keeps what it said when it was submitted. Today the system counts:": (
        "Báo cáo giữ nguyên số liệu tại thời điểm gửi. Hiện nay hệ thống tính được:"
    ),
    "Corrected:": "Điều chỉnh:",
    "Computed by the system": "Số liệu hệ thống tính",
    "Breakdowns": "Số liệu chi tiết",
    "Nothing to count in this period.": "Không có số liệu trong kỳ.",
    "Achieved": "Kết quả",
    "Reports of the units under it": "Báo cáo của các đơn vị cấp dưới",
    "%(accepted)s of %(expected)s reports accepted; the totals add up the accepted reports.": (
        "Đã tiếp nhận %(accepted)s/%(expected)s báo cáo; dòng tổng cộng số liệu của các báo cáo đã tiếp nhận."
    ),
    "Total of the accepted reports": "Tổng cộng các báo cáo đã tiếp nhận",
    "The report's text": "Nội dung báo cáo",
    "Nothing written yet.": "Chưa soạn nội dung.",
    "Write the results achieved": "Nhập kết quả đạt được",
    "Appendices": "Phụ lục",
    "None in this period.": "Không có trong kỳ.",
    "What should be revised (required)": "Nội dung cần bổ sung, chỉnh sửa (bắt buộc)",
    "The figures are frozen as they are now; later changes of the data do not alter the report.": (
        "Số liệu được chốt như hiện tại; dữ liệu thay đổi sau đó không làm thay đổi báo cáo."
    ),
    "The document": "Văn bản",
    # writing a report
    "Results and assessment": "Kết quả và đánh giá",
    "The figures are written by the system; write here what they do not say. The results achieved are needed "
    "to submit the report.": (
        "Số liệu do hệ thống tổng hợp; tại đây ghi những nội dung số liệu chưa thể hiện. Cần nhập kết quả đạt được "
        "trước khi gửi báo cáo."
    ),
    "Number, header and signature": "Số, đầu văn bản và người ký",
    "Save the report": "Lưu báo cáo",
    "due on %(due)s": "hạn gửi %(due)s",
    "Figures": "Số liệu",
    "Each figure is computed from the data in the system. When the system lacks something, correct the figure "
    "and say why: the reason is printed beside it, and the computed figure stays visible.": (
        "Mỗi số liệu được tính từ dữ liệu trong hệ thống. Khi hệ thống còn thiếu dữ liệu, hãy điều chỉnh số liệu "
        "và nêu lý do: lý do được in bên cạnh, số liệu hệ thống tính vẫn được giữ lại để đối chiếu."
    ),
    "Correct this figure": "Điều chỉnh số liệu này",
    "Change or remove the correction": "Sửa hoặc bỏ điều chỉnh",
    "Corrected figure": "Số liệu điều chỉnh",
    "Reason (shown beside the figure)": "Lý do (ghi bên cạnh số liệu)",
    "Save the correction": "Lưu điều chỉnh",
    "Why go back to the computed figure?": "Vì sao dùng lại số liệu hệ thống tính?",
    "Remove the correction": "Bỏ điều chỉnh",
    "The report has been saved.": "Đã lưu báo cáo.",
    "The figure has been corrected.": "Đã điều chỉnh số liệu.",
    "The correction has been removed.": "Đã bỏ điều chỉnh số liệu.",
    "Nothing was changed: %(errors)s": "Chưa thay đổi gì: %(errors)s",
}

PLURALS = {
    "%(counter)s report": "%(counter)s báo cáo",
    "%(counter)s period": "%(counter)s kỳ báo cáo",
    "%(counter)s reporting regime": "%(counter)s chế độ báo cáo",
    "%(counter)s period opened": "%(counter)s kỳ đã mở",
    "%(counter)s overdue": "%(counter)s quá hạn",
    "due %(counter)s working day after the cut-off": "hạn gửi %(counter)s ngày làm việc sau ngày chốt số liệu",
    "%(counter)s working day after the cut-off": "%(counter)s ngày làm việc sau ngày chốt số liệu",
    "%(counter)s unit has not submitted its report:": "%(counter)s đơn vị chưa gửi báo cáo:",
    "… and %(counter)s more row in the documents (DOCX, XLSX).": (
        "… và %(counter)s dòng khác trong văn bản tải về (DOCX, XLSX)."
    ),
}
