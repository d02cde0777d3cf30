"""Vietnamese UI strings of the training app (danvan.training), merged by tools/vi_catalog.py."""

VI = {
    # metrics
    "Training sessions held": "Hội nghị, lớp tập huấn đã tổ chức",
    "Training sessions held by the unit and the units under it, counted on the day they were held.": (
        "Số hội nghị, lớp tập huấn đã tổ chức của đơn vị và các đơn vị cấp dưới, tính theo ngày tổ chức."
    ),
    "People trained": "Lượt người được tập huấn",
    "People trained at the sessions held: for each group of attendees, the number reported or, when more are "
    "named, the number of people named.": (
        "Số người được tập huấn tại các hội nghị, lớp đã tổ chức: với mỗi nhóm đối tượng, lấy số lượng đã báo "
        "cáo, hoặc số người có tên trong danh sách nếu nhiều hơn."
    ),
    "Sessions on the method of building models": "Lớp tập huấn phương pháp xây dựng mô hình",
    "Training sessions held on the method of building “Skillful Mass Mobilization” models.": (
        "Số hội nghị, lớp tập huấn về phương pháp xây dựng mô hình “Dân vận khéo” đã tổ chức."
    ),
    # services: messages
    "Enter the title of the session.": "Nhập tên hội nghị, lớp tập huấn.",
    "Choose the topic of the session.": "Chọn chủ đề tập huấn.",
    "Choose the format of the session.": "Chọn hình thức tổ chức.",
    "Enter the date of the session.": "Nhập ngày tổ chức.",
    "The date of the session must fall between 2000 and 2100.": "Ngày tổ chức phải trong khoảng năm 2000 đến 2100.",
    "The last day must not be before the first day.": "Ngày kết thúc không được trước ngày bắt đầu.",
    "A session that was held cannot have a date in the future.": (
        "Hội nghị, lớp đã tổ chức không thể có ngày tổ chức trong tương lai."
    ),
    "%(unit)s was not in force on %(date)s.": "%(unit)s không hoạt động vào ngày %(date)s.",
    "The date %(date)s is outside the campaign %(campaign)s.": "Ngày %(date)s nằm ngoài thời gian của %(campaign)s.",
    "Unknown group of attendees.": "Nhóm đối tượng tham dự không hợp lệ.",
    "The number of %(group)s must be a whole number from 0 to %(max)s.": (
        "Số %(group)s phải là số nguyên từ 0 đến %(max)s."
    ),
    "A cancelled session takes no changes.": "Hội nghị, lớp đã hủy không thể thay đổi.",
    "A session is marked held on or after its date.": (
        "Chỉ xác nhận đã tổ chức từ ngày tổ chức trở đi; ngày tổ chức không được ở tương lai."
    ),
    "Session planned": "Lập kế hoạch tập huấn",
    "Attendance recorded": "Ghi nhận số người tham dự",
    "Session details changed": "Sửa thông tin hội nghị, lớp tập huấn",
    "Attendance changed": "Sửa số người tham dự",
    "“%(action)s” is not possible while the session is %(status)s.": (
        "Không thể “%(action)s” khi hội nghị, lớp đang ở trạng thái %(status)s."
    ),
    "%(name)s is already listed.": "%(name)s đã có trong danh sách.",
    "Enter the name of the attendee.": "Nhập họ tên người tham dự.",
    "Choose the group of the attendee.": "Chọn nhóm đối tượng của người tham dự.",
    "Attendee listed": "Thêm người tham dự",
    "Removed from the attendees": "Bỏ khỏi danh sách người tham dự",
    "Material uploaded": "Tải lên tài liệu",
    "Material removed": "Bỏ tài liệu",
    # workflow
    "Planned": "Dự kiến",
    "Held": "Đã tổ chức",
    "Mark as held": "Xác nhận đã tổ chức",
    "Cancel the session": "Hủy hội nghị, lớp",
    "Session entered": "Nhập thông tin hội nghị, lớp",
    # api
    "Unknown person.": "Cán bộ không hợp lệ.",
    "The title is too long or contains invalid characters.": "Tên tài liệu quá dài hoặc có ký tự không hợp lệ.",
    # models: choices
    "Method of building “Skillful Mass Mobilization” models": "Phương pháp xây dựng mô hình “Dân vận khéo”",
    "Mass-mobilization skills": "Kỹ năng, nghiệp vụ công tác dân vận",
    "Grassroots democracy": "Thực hiện dân chủ ở cơ sở",
    "Receiving citizens and handling petitions": "Tiếp công dân, giải quyết đơn thư",
    "Digital transformation": "Chuyển đổi số",
    "Other": "Khác",
    "Province level": "Cấp tỉnh, thành phố",
    "District level (until 30/06/2025)": "Cấp huyện (đến 30/06/2025)",
    "Commune level": "Cấp xã, phường",
    "Agency or armed force": "Cơ quan, lực lượng vũ trang",
    "In person": "Trực tiếp",
    "Online": "Trực tuyến",
    "In person and online": "Trực tiếp kết hợp trực tuyến",
    "Party officers": "Cán bộ Đảng",
    "Government officers": "Cán bộ chính quyền",
    "Officers of the Front and mass organizations": "Cán bộ Mặt trận, đoàn thể",
    "Village officers": "Cán bộ thôn, tổ dân phố",
    "Others": "Đối tượng khác",
    "PowerPoint slides": "Bài trình chiếu PowerPoint",
    # models: fields
    "organizing unit": "đơn vị tổ chức",
    "session title": "tên hội nghị, lớp tập huấn",
    "The day it is planned for, or was held on.": "Ngày dự kiến tổ chức, hoặc ngày đã tổ chức.",
    "last day": "đến ngày",
    "For a session of several days.": "Với lớp tổ chức nhiều ngày.",
    "venue": "địa điểm",
    "trainers": "báo cáo viên",
    "Names and positions of the lecturers.": "Họ tên, chức vụ của báo cáo viên, giảng viên.",
    "format": "hình thức",
    "content": "nội dung",
    "people trained": "số người được tập huấn",
    "training session": "hội nghị, lớp tập huấn",
    "training sessions": "hội nghị, lớp tập huấn",
    "group": "nhóm đối tượng",
    "number of people": "số người",
    "attendance by group": "số người tham dự theo nhóm",
    "attendee": "người tham dự",
    "attendees": "người tham dự",
    "material title": "tên tài liệu",
    "training material": "tài liệu tập huấn",
    "training materials": "tài liệu tập huấn",
    "session step": "bước xử lý hội nghị, lớp",
    "session steps": "các bước xử lý hội nghị, lớp",
    # materials
    "Only photos (JPEG, PNG, WebP), PDF, Word (DOCX), Excel (XLSX) and PowerPoint (PPTX) files are accepted.": (
        "Chỉ nhận ảnh (JPEG, PNG, WebP), tệp PDF, Word (DOCX), Excel (XLSX) và PowerPoint (PPTX)."
    ),
    # forms
    "e.g. Training on the method of building “Skillful Mass Mobilization” models, 2026": (
        "Ví dụ: Hội nghị tập huấn phương pháp xây dựng mô hình “Dân vận khéo” năm 2026"
    ),
    "— choose a topic —": "— chọn chủ đề —",
    "Organizing unit": "Đơn vị tổ chức",
    "Title contains": "Tên có chứa",
    "Level": "Cấp",
    "— not in the system: enter the name —": "— chưa có trong hệ thống: nhập họ tên —",
    "Person known to the system": "Cán bộ đã có trong hệ thống",
    "Filled in from the person chosen above when left empty.": "Để trống thì lấy theo cán bộ đã chọn ở trên.",
    "— from the person's unit —": "— theo đơn vị của cán bộ —",
    "e.g. Lecture slides; the file name if empty": "Ví dụ: Bài giảng; để trống thì lấy tên tệp",
    "File": "Tệp",
    # views
    "The session has been recorded as held.": "Đã ghi nhận hội nghị, lớp đã tổ chức.",
    "The session has been planned.": "Đã lập kế hoạch hội nghị, lớp tập huấn.",
    "The attendee has been listed.": "Đã thêm người tham dự.",
    "%(name)s has been removed from the attendees.": "Đã bỏ %(name)s khỏi danh sách người tham dự.",
    "The file has been uploaded.": "Đã tải lên tài liệu.",
    "The file has been removed from the session.": "Đã bỏ tài liệu khỏi hội nghị, lớp.",
    # templates
    "Training": "Tập huấn",
    "Training for mass-mobilization work": "Tập huấn, bồi dưỡng công tác dân vận",
    "Sessions organized by %(unit)s and the units under it.": (
        "Các hội nghị, lớp tập huấn do %(unit)s và các đơn vị cấp dưới tổ chức."
    ),
    "New training session": "Thêm hội nghị, lớp tập huấn",
    "Held, among the sessions listed": "Đã tổ chức, trong danh sách đang lọc",
    "Held, in total": "Đã tổ chức, tính đến nay",
    "More filters": "Thêm điều kiện lọc",
    "Date": "Ngày",
    "Session": "Hội nghị, lớp tập huấn",
    "Trained": "Số người",
    "No session matches these filters.": "Không có hội nghị, lớp nào phù hợp với điều kiện lọc.",
    "No training session recorded yet.": "Chưa có hội nghị, lớp tập huấn nào.",
    "Edit the training session": "Sửa thông tin hội nghị, lớp tập huấn",
    "Plan a session, or record one already held. Fields marked * are required; attendance can be "
    "completed later.": (
        "Lập kế hoạch hội nghị, lớp tập huấn, hoặc ghi nhận lớp đã tổ chức. Các mục có dấu * là bắt buộc; số "
        "người tham dự có thể bổ sung sau."
    ),
    "The session": "Hội nghị, lớp tập huấn",
    "Attendance by group": "Số người tham dự theo nhóm đối tượng",
    "How many people of each group attended (or are expected). People listed by name on the session's page "
    "count within their group.": (
        "Số người của từng nhóm đối tượng đã dự (hoặc dự kiến). Người có tên trong danh sách ở trang hội nghị, "
        "lớp được tính trong nhóm của mình."
    ),
    "Save the changes": "Lưu thay đổi",
    "Save as planned": "Lưu kế hoạch",
    "Record as held": "Ghi nhận đã tổ chức",
    "Cancelled:": "Đã hủy:",
    "The day of this session has passed: mark it held, or cancel it with the reason.": (
        "Đã qua ngày tổ chức: xác nhận đã tổ chức, hoặc hủy và ghi rõ lý do."
    ),
    "people expected": "người dự kiến",
    "listed by name": "người có tên trong danh sách",
    "Group": "Nhóm đối tượng",
    "Reported": "Số báo cáo",
    "Named": "Có tên",
    "People trained: for each group, the number reported, or the number named when more are named.": (
        "Số người được tập huấn: với mỗi nhóm, lấy số báo cáo, hoặc số người có tên nếu nhiều hơn."
    ),
    "No attendance recorded yet.": "Chưa ghi nhận số người tham dự.",
    "Enter the numbers by group": "Nhập số người theo nhóm",
    "Attendees listed by name": "Danh sách người tham dự",
    "Remove this person from the attendees?": "Bỏ người này khỏi danh sách tham dự?",
    "Nobody listed by name.": "Chưa có ai trong danh sách.",
    "Materials": "Tài liệu",
    "Remove this file from the session?": "Bỏ tài liệu này khỏi hội nghị, lớp?",
    "No material uploaded yet.": "Chưa có tài liệu.",
    "Content": "Nội dung",
    "Steps": "Các bước",
    "Cancel this session? It will no longer be held or counted.": (
        "Hủy hội nghị, lớp này? Lớp sẽ không được tổ chức và không được tính vào kết quả."
    ),
    "Held on (if not the planned day)": "Ngày đã tổ chức (nếu khác ngày dự kiến)",
    "List an attendee by name": "Thêm người tham dự",
    "Add to the list": "Thêm vào danh sách",
    "Upload a material": "Tải lên tài liệu",
    "Lectures, slides, handouts or photos of the session: PDF, Word, Excel, PowerPoint, JPEG, PNG or WebP, up "
    "to 10 MB.": (
        "Bài giảng, bài trình chiếu, tài liệu phát tay hoặc ảnh của hội nghị, lớp: PDF, Word, Excel, PowerPoint, "
        "JPEG, PNG hoặc WebP, tối đa 10 MB."
    ),
    "Upload": "Tải lên",
    "Find a person by name": "Tìm cán bộ theo họ tên",
    "Full name, with or without diacritics": "Họ tên, gõ có dấu hoặc không dấu",
    "Nobody found with this name": "Không tìm thấy cán bộ có họ tên này",
    "Details": "Thông tin",
    "Venue": "Địa điểm",
    "Format": "Hình thức",
    "Trainers": "Báo cáo viên",
}

PLURALS = {
    "%(counter)s session": "%(counter)s hội nghị, lớp tập huấn",
    "%(counter)s person": "%(counter)s người",
}
