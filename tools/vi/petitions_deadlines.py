"""Vietnamese UI strings of the statutory deadlines of petitions (danvan.petitions.deadlines)."""

VI = {
    # kinds of petition
    "Complaint": "Khiếu nại",
    "Denunciation": "Tố cáo",
    "Recommendation": "Kiến nghị",
    "Feedback": "Phản ánh",
    # steps of the handling
    "Processing the petition": "Xử lý đơn",
    "Resolution": "Giải quyết",
    "Second-instance resolution": "Giải quyết lần hai",
    "Notice of acceptance": "Thông báo thụ lý",
    "Forwarding": "Chuyển đơn",
    "Second-instance complaint window": "Thời hạn khiếu nại lần hai",
    # describe()
    "complex case": "vụ việc phức tạp",
    "remote and difficult area": "vùng sâu, vùng xa đi lại khó khăn",
    "The period ends on %(end)s, a day off, so the deadline is the next working day, %(due)s.": (
        "Ngày cuối của thời hạn (%(end)s) là ngày nghỉ nên hạn chuyển sang ngày làm việc tiếp theo, %(due)s."
    ),
}

PLURALS = {
    "%(days)s working day from %(start)s, under %(basis)s": "%(days)s ngày làm việc kể từ ngày %(start)s, theo %(basis)s",
    "%(days)s day from %(start)s, under %(basis)s": "%(days)s ngày kể từ ngày %(start)s, theo %(basis)s",
    "extended %(counter)s time": "gia hạn %(counter)s lần",
}
