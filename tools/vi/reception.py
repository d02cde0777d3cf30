"""Vietnamese UI strings of citizen reception and dialogues (danvan.reception), merged by tools/vi_catalog.py.

Only msgids the catalogue does not translate yet: those it already has ("Planned", "Held", "Ad hoc",
"Venue", "Deadline"…) keep their translation."""

VI = {
    # metrics
    "Citizen reception sessions held": "Số buổi tiếp công dân đã tổ chức",
    "Citizen reception sessions held by the heads of the unit and the units under it, periodic and ad hoc, presided by the head or a deputy, counted on the day they were held.": (
        "Số buổi tiếp công dân của người đứng đầu đơn vị và các đơn vị trực thuộc đã tổ chức, gồm tiếp định kỳ "
        "và đột xuất, do người đứng đầu hoặc cấp phó chủ trì, tính theo ngày tiếp."
    ),
    "Periodic reception days held by the head in person": "Số ngày tiếp công dân định kỳ người đứng đầu trực tiếp tiếp",
    "Days of periodic citizen reception held on a schedule by the head in person (a session presided by a deputy does not count); what the compliance of a schedule counts.": (
        "Số ngày tiếp công dân định kỳ theo lịch do người đứng đầu trực tiếp tiếp (buổi do cấp phó chủ trì "
        "không được tính); là số liệu dùng để đánh giá việc thực hiện lịch tiếp công dân."
    ),
    "Citizens received": "Số lượt công dân được tiếp",
    "Citizens received at the reception sessions held, as recorded for each session.": (
        "Số lượt công dân được tiếp tại các buổi tiếp công dân đã tổ chức, theo số liệu ghi nhận của từng buổi."
    ),
    "Dialogues with the people held": "Số hội nghị đối thoại với Nhân dân",
    "Dialogue conferences with the people organized by the unit and the units under it.": (
        "Số hội nghị đối thoại với Nhân dân do đơn vị và các đơn vị trực thuộc tổ chức."
    ),
    "Commitments made at dialogues": "Số việc cam kết tại hội nghị đối thoại",
    "Commitments made at the dialogues organized by the unit and the units under it.": (
        "Số việc lãnh đạo cam kết giải quyết tại các hội nghị đối thoại do đơn vị và các đơn vị trực thuộc tổ chức."
    ),
    "Dialogue commitments done": "Số việc cam kết tại đối thoại đã thực hiện xong",
    "Commitments of the dialogues organized by the unit and the units under it that were done, counted on the day they were done.": (
        "Số việc cam kết tại các hội nghị đối thoại do đơn vị và các đơn vị trực thuộc tổ chức đã thực hiện xong, "
        "tính theo ngày hoàn thành."
    ),
    # periods and rules
    "Write the period as 2026-04 (a month), 2026-Q2 (a quarter) or 2026 (a year).": (
        "Nhập kỳ theo dạng 2026-04 (tháng), 2026-Q2 (quý) hoặc 2026 (năm)."
    ),
    "2026-04 (a month), 2026-Q2 (a quarter) or 2026 (a year).": "2026-04 (tháng), 2026-Q2 (quý) hoặc 2026 (năm).",
    "a week": "một tuần",
    "a month": "một tháng",
    "Chair of the commune People's Committee": "Chủ tịch Ủy ban nhân dân cấp xã",
    "Chair of the province People's Committee": "Chủ tịch Ủy ban nhân dân cấp tỉnh",
    "Head of a state administrative agency": "Thủ trưởng cơ quan hành chính nhà nước",
    "Secretary of the commune Party committee": "Bí thư cấp ủy cấp xã",
    "Secretary of the province Party committee": "Bí thư cấp ủy cấp tỉnh",
    "Other head": "Người đứng đầu khác",
    "no legal minimum": "pháp luật không quy định số ngày tối thiểu",
    ("weekday", "Monday"): "Thứ Hai",
    ("weekday", "Tuesday"): "Thứ Ba",
    ("weekday", "Wednesday"): "Thứ Tư",
    ("weekday", "Thursday"): "Thứ Năm",
    ("weekday", "Friday"): "Thứ Sáu",
    ("weekday", "Saturday"): "Thứ Bảy",
    ("weekday", "Sunday"): "Chủ nhật",
    "Use whole numbers separated by commas.": "Nhập các số nguyên, cách nhau bằng dấu phẩy.",
    "Each number must be between %(low)s and %(high)s.": "Mỗi số phải từ %(low)s đến %(high)s.",
    "%(first)s and %(last)s": "%(first)s và %(last)s",
    "Give either the weekday(s) or the day(s) of the month of the reception.": (
        "Chọn thứ trong tuần hoặc nhập ngày trong tháng tiếp công dân (chỉ một trong hai)."
    ),
    "Weeks of the month go with a weekday.": "Tuần trong tháng phải đi kèm thứ trong tuần.",
    "day %(days)s of every month": "ngày %(days)s hằng tháng",
    "%(weekdays)s of every week": "%(weekdays)s hằng tuần",
    "%(weekdays)s of week %(weeks)s of every month": "%(weekdays)s tuần thứ %(weeks)s hằng tháng",
    # services: bad input
    "%(what)s is too long (at most %(limit)s characters).": "%(what)s quá dài (tối đa %(limit)s ký tự).",
    "The number of %(what)s must be a whole number from 0 to %(max)s.": "Số %(what)s phải là số nguyên từ 0 đến %(max)s.",
    "%(position)s is not a head of %(unit)s: choose the position of this unit's head.": (
        "%(position)s không phải người đứng đầu của %(unit)s: hãy chọn đúng chức danh người đứng đầu đơn vị này."
    ),
    "Choose the head's position.": "Chọn chức danh của người đứng đầu.",
    "The head must be a person of %(unit)s.": "Người đứng đầu phải là cán bộ của %(unit)s.",
    "The head's name": "Họ tên người đứng đầu",
    "Choose the head among the unit's people, or enter the head's name.": (
        "Chọn người đứng đầu trong danh sách cán bộ của đơn vị, hoặc nhập họ tên."
    ),
    "The head's title": "Chức vụ người đứng đầu",
    "Enter the day the schedule starts (between 2000 and 2100).": "Nhập ngày lịch tiếp bắt đầu áp dụng (từ năm 2000 đến 2100).",
    "Enter a valid last day of the schedule.": "Nhập ngày hết hiệu lực hợp lệ của lịch tiếp.",
    "The last day of the schedule cannot be before its first day.": "Ngày hết hiệu lực của lịch tiếp không được trước ngày bắt đầu.",
    "The minimum number of reception days must be a whole number.": "Số ngày tiếp tối thiểu phải là số nguyên.",
    "The minimum cannot be lower than the legal minimum: %(legal)s (%(basis)s).": (
        "Số ngày tiếp không được thấp hơn mức tối thiểu theo quy định: %(legal)s (%(basis)s)."
    ),
    "The minimum cannot be more than %(limit)s days.": "Số ngày tiếp tối thiểu không được quá %(limit)s ngày.",
    "The regular day “%(day)s” gives fewer reception days than the minimum: %(minimum)s.": (
        "Ngày tiếp định kỳ “%(day)s” cho ít ngày tiếp hơn mức tối thiểu: %(minimum)s."
    ),
    "The place": "Địa điểm",
    "The note": "Ghi chú",
    "Reception schedule set": "Ban hành lịch tiếp công dân",
    "The position cannot change once sessions are recorded: end this schedule and set a new one.": (
        "Không thể đổi chức danh khi đã có buổi tiếp được ghi nhận: hãy kết thúc lịch này và ban hành lịch mới."
    ),
    "Sessions of this schedule are recorded outside the new dates.": (
        "Đã có buổi tiếp của lịch này ngoài khoảng thời gian hiệu lực mới."
    ),
    "Enter the date of the session (between 2000 and 2100).": "Nhập ngày tiếp công dân (từ năm 2000 đến 2100).",
    "The schedule was not in force on %(date)s.": "Lịch tiếp không còn hiệu lực vào ngày %(date)s.",
    "Give the reason for an ad hoc session: a complex or mass case, a risk to order…": (
        "Nêu lý do tiếp đột xuất: vụ việc phức tạp, đông người, nguy cơ mất an ninh trật tự…"
    ),
    "Choose who presided: the head in person, or a deputy.": "Chọn người chủ trì: người đứng đầu trực tiếp, hay cấp phó.",
    "The name of who presided": "Họ tên người chủ trì",
    "citizens received": "lượt công dân được tiếp",
    "The notes": "Nội dung ghi chép",
    "A session can be recorded as held on or after its date.": "Chỉ ghi nhận đã tiếp từ ngày tiếp trở đi.",
    "Enter the name and title of the deputy who presided.": "Nhập họ tên, chức vụ của cấp phó chủ trì buổi tiếp.",
    "The session belongs to the unit of its schedule.": "Buổi tiếp thuộc đơn vị của lịch tiếp.",
    "Choose the schedule of the session, or the unit of an ad hoc session.": (
        "Chọn lịch tiếp của buổi tiếp, hoặc đơn vị tiếp đột xuất."
    ),
    "Choose the kind of session.": "Chọn hình thức tiếp.",
    "A periodic session belongs to a schedule: choose it.": "Buổi tiếp định kỳ phải thuộc một lịch tiếp: hãy chọn lịch.",
    "Unknown status of a session.": "Trạng thái buổi tiếp không hợp lệ.",
    "A session of this schedule is already recorded on %(date)s.": "Lịch tiếp này đã có buổi tiếp ngày %(date)s.",
    "Reception session entered": "Nhập thông tin buổi tiếp công dân",
    "A session recorded as not held takes no changes.": "Buổi tiếp đã ghi nhận là không tổ chức thì không sửa được nữa.",
    "Reception session details changed": "Sửa thông tin buổi tiếp công dân",
    "“%(action)s” is not possible while the reception session is %(status)s.": (
        "Không thể “%(action)s” khi buổi tiếp công dân đang ở trạng thái %(status)s."
    ),
    "The comment is too long.": "Nội dung quá dài.",
    "The title": "Tên hội nghị",
    "Enter the title of the dialogue.": "Nhập tên hội nghị đối thoại.",
    "Enter the date of the dialogue (between 2000 and 2100).": "Nhập ngày tổ chức đối thoại (từ năm 2000 đến 2100).",
    "A dialogue is recorded once it has been held: its date cannot be in the future.": (
        "Hội nghị đối thoại được ghi nhận sau khi đã tổ chức: ngày tổ chức không được ở tương lai."
    ),
    "The co-organizer must be a committee of the Fatherland Front.": (
        "Đơn vị phối hợp tổ chức phải là Ủy ban Mặt trận Tổ quốc Việt Nam."
    ),
    "Who chaired": "Người chủ trì",
    "The participants": "Thành phần tham dự",
    "participants": "người tham dự",
    "The summary": "Kết quả hội nghị",
    "Dialogue recorded": "Ghi nhận hội nghị đối thoại",
    "A commitment of this dialogue is due before that date.": "Có việc cam kết của hội nghị này có thời hạn trước ngày đó.",
    "Dialogue details changed": "Sửa thông tin hội nghị đối thoại",
    "The issue": "Ý kiến",
    "Enter the issue raised.": "Nhập ý kiến, kiến nghị của Nhân dân.",
    "Who raised it": "Người nêu ý kiến",
    "The answer": "Nội dung trả lời",
    "Who answered": "Người trả lời",
    "Issue recorded": "Ghi nhận ý kiến của Nhân dân",
    "Issue changed": "Sửa ý kiến của Nhân dân",
    "The commitment": "Việc cam kết",
    "Enter what was committed.": "Nhập nội dung việc cam kết.",
    "Choose the unit that owns the commitment.": "Chọn đơn vị chủ trì thực hiện việc cam kết.",
    "Enter the due date of the commitment (between 2000 and 2100).": "Nhập thời hạn thực hiện việc cam kết (từ năm 2000 đến 2100).",
    "The due date cannot be before the dialogue (%(date)s).": "Thời hạn không được trước ngày đối thoại (%(date)s).",
    "The issue answered must be one raised at this dialogue.": "Ý kiến được trả lời phải là ý kiến nêu tại hội nghị đối thoại này.",
    "The person in charge": "Người chịu trách nhiệm",
    "Commitment recorded": "Ghi nhận việc cam kết",
    "“%(action)s” is not possible while the commitment is %(status)s.": (
        "Không thể “%(action)s” khi việc cam kết đang ở trạng thái %(status)s."
    ),
    "What was done": "Kết quả thực hiện",
    "Say why the commitment is reopened.": "Nêu lý do mở lại việc cam kết.",
    "Say what was done.": "Nêu kết quả đã thực hiện.",
    "The date of a follow-up cannot be in the future.": "Ngày thực hiện không được ở tương lai.",
    "The date of a follow-up cannot be before the dialogue (%(date)s).": "Ngày thực hiện không được trước ngày đối thoại (%(date)s).",
    # the tick job's notifications
    "A dialogue commitment of %(unit)s is due today (%(due)s): %(content)s": (
        "Việc cam kết tại đối thoại của %(unit)s đến hạn hôm nay (%(due)s): %(content)s"
    ),
    "A dialogue commitment of %(unit)s is overdue since %(due)s: %(content)s": (
        "Việc cam kết tại đối thoại của %(unit)s đã quá hạn từ %(due)s: %(content)s"
    ),
    "Dialogue: %(dialogue)s (%(date)s)": "Hội nghị đối thoại: %(dialogue)s (%(date)s)",
    # workflows
    "Not held": "Không tổ chức",
    "Record as not held": "Ghi nhận không tổ chức",
    "Open": "Đang thực hiện",
    "Done": "Đã thực hiện xong",
    "Record progress": "Ghi nhận tiến độ",
    "Record as done": "Ghi nhận đã thực hiện xong",
    "Reopen the commitment": "Mở lại việc cam kết",
    # models
    "head's position": "chức danh người đứng đầu",
    "head": "người đứng đầu",
    "A person of the unit; or give the name and title below.": "Cán bộ của đơn vị; hoặc nhập họ tên, chức vụ ở dưới.",
    "head's name": "họ tên người đứng đầu",
    "head's title": "chức vụ người đứng đầu",
    "minimum reception days": "số ngày tiếp tối thiểu",
    "Per week or per month, as the position's legal minimum; it may only be raised.": (
        "Theo tuần hoặc theo tháng như mức tối thiểu của chức danh; chỉ được tăng, không được giảm."
    ),
    "weekdays": "thứ trong tuần",
    "weeks of the month": "tuần trong tháng",
    "days of the month": "ngày trong tháng",
    "reception schedule": "lịch tiếp công dân",
    "reception schedules": "lịch tiếp công dân",
    "Periodic (on the schedule)": "Định kỳ (theo lịch)",
    "Acute or complex case, or one involving several agencies": (
        "Vụ việc gay gắt, phức tạp, liên quan trách nhiệm của nhiều cơ quan"
    ),
    "Mass case (many people)": "Vụ việc đông người",
    "Risk of serious harm or of a threat to security and order": (
        "Có nguy cơ gây thiệt hại nghiêm trọng, ảnh hưởng an ninh, trật tự"
    ),
    "The head in person": "Người đứng đầu trực tiếp chủ trì",
    "A deputy, authorized by the head": "Cấp phó được người đứng đầu ủy quyền",
    "schedule": "lịch tiếp",
    "reason for an ad hoc session": "lý do tiếp đột xuất",
    "presided by": "người chủ trì",
    "name of who presided": "họ tên người chủ trì",
    "The deputy's name and title.": "Họ tên, chức vụ của cấp phó chủ trì.",
    "notes": "nội dung ghi chép",
    "reason it was not held": "lý do không tổ chức",
    "reception sessions": "buổi tiếp công dân",
    "Front co-organizing": "Mặt trận phối hợp tổ chức",
    "title of the conference": "tên hội nghị",
    "chaired by": "người chủ trì",
    "Names and titles of who chaired.": "Họ tên, chức vụ của người chủ trì.",
    "Who took part: leaders, agencies, the people of which blocks.": (
        "Thành phần tham dự: lãnh đạo, cơ quan, Nhân dân các thôn, khối phố nào."
    ),
    "number of participants": "số người tham dự",
    "summary of the conference": "kết quả hội nghị",
    "dialogue": "hội nghị đối thoại",
    "dialogues": "hội nghị đối thoại",
    "raised by": "người nêu ý kiến",
    "e.g. Mr Nguyễn Văn A, An Thổ block": "ví dụ: ông Nguyễn Văn A, khối phố An Thổ",
    "issue raised": "ý kiến, kiến nghị",
    "answer given": "nội dung trả lời",
    "answered by": "người trả lời",
    "issues raised": "ý kiến, kiến nghị",
    "in answer to": "trả lời ý kiến",
    "commitment": "việc cam kết",
    "unit in charge": "đơn vị chủ trì",
    "person in charge": "người chịu trách nhiệm",
    "Name and title of who answers for it.": "Họ tên, chức vụ người chịu trách nhiệm thực hiện.",
    "deadline": "thời hạn",
    "done on": "ngày hoàn thành",
    "commitments": "việc cam kết",
    "The day the work was done.": "Ngày thực hiện.",
    "follow-up": "theo dõi thực hiện",
    "follow-ups": "theo dõi thực hiện",
    # forms
    "Weekdays": "Thứ trong tuần",
    "Weeks of the month": "Tuần trong tháng",
    "None: every week. The 3rd: the third such weekday of the month.": (
        "Không chọn: tất cả các tuần. Chọn 3: thứ đó của tuần thứ ba trong tháng."
    ),
    "Or days of the month": "Hoặc ngày trong tháng",
    "e.g. 15, or 10, 25 — instead of weekdays.": "ví dụ: 15, hoặc 10, 25 — thay cho thứ trong tuần.",
    "Empty: the legal minimum of the position. It may only be raised.": (
        "Để trống: mức tối thiểu theo quy định của chức danh. Chỉ được tăng, không được giảm."
    ),
    "In force from": "Áp dụng từ ngày",
    "In force until": "Áp dụng đến ngày",
    "e.g. Chair of the ward People's Committee": "ví dụ: Chủ tịch Ủy ban nhân dân phường",
    "e.g. the citizen reception room of the ward People's Committee": (
        "ví dụ: Phòng tiếp công dân của Ủy ban nhân dân phường"
    ),
    "— choose the position —": "— chọn chức danh —",
    "— not in the list: enter the name below —": "— không có trong danh sách: nhập họ tên ở dưới —",
    "It was held": "Đã tổ chức",
    "It was not held": "Không tổ chức",
    "It is planned": "Dự kiến tổ chức",
    "Schedule": "Lịch tiếp",
    "The reception session": "Buổi tiếp",
    "Only a session presided by the head in person counts for compliance.": (
        "Chỉ buổi tiếp do người đứng đầu trực tiếp chủ trì mới được tính vào việc thực hiện lịch tiếp."
    ),
    "Notes": "Nội dung ghi chép",
    "Reason it was not held": "Lý do không tổ chức",
    "— none (an ad hoc session of the unit below) —": "— không (tiếp đột xuất của đơn vị ở dưới) —",
    "e.g. Dialogue between the heads of the ward and the people, 2026": (
        "ví dụ: Hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền phường với Nhân dân năm 2026"
    ),
    "On": "Ngày",
    # messages of the pages
    "The session has been recorded.": "Đã ghi nhận buổi tiếp công dân.",
    "The reception schedule has been set.": "Đã ban hành lịch tiếp công dân.",
    "The dialogue has been recorded: add the issues raised and the commitments.": (
        "Đã ghi nhận hội nghị đối thoại: hãy nhập các ý kiến của Nhân dân và các việc cam kết."
    ),
    "The issue has been recorded.": "Đã ghi nhận ý kiến.",
    "The commitment has been recorded.": "Đã ghi nhận việc cam kết.",
    "The follow-up has been recorded.": "Đã ghi nhận kết quả thực hiện.",
    # pages
    "Citizen reception": "Tiếp công dân",
    "Sessions": "Buổi tiếp",
    "Schedules": "Lịch tiếp",
    "Compliance": "Thực hiện lịch tiếp",
    "Dialogues": "Đối thoại",
    "Dialogues with the people": "Đối thoại với Nhân dân",
    "Commitments": "Việc cam kết",
    "in answer to:": "trả lời ý kiến:",
    "Follow-up": "Theo dõi thực hiện",
    "Why reopen it": "Lý do mở lại",
    "No commitment recorded yet.": "Chưa có việc cam kết nào.",
    "Issues raised by the people": "Ý kiến, kiến nghị của Nhân dân",
    "Answer:": "Trả lời:",
    "No issue recorded yet.": "Chưa có ý kiến nào.",
    "Chaired by": "Người chủ trì",
    "Participants": "Thành phần tham dự",
    "Summary of the conference": "Kết quả hội nghị",
    "%(open)s open of %(total)s": "%(open)s/%(total)s việc đang thực hiện",
    "Add an issue raised": "Thêm ý kiến của Nhân dân",
    "Add the issue": "Thêm ý kiến",
    "Add a commitment": "Thêm việc cam kết",
    "Add the commitment": "Thêm việc cam kết",
    "Citizen reception on %(day)s": "Tiếp công dân ngày %(day)s",
    "Edit the session": "Sửa buổi tiếp",
    "Reception sessions of the heads of %(unit)s and of the units under it.": (
        "Các buổi tiếp công dân của người đứng đầu %(unit)s và các đơn vị trực thuộc."
    ),
    "Record a session": "Ghi nhận buổi tiếp",
    "In %(year)s": "Năm %(year)s",
    "In total": "Tổng số",
    "Head and unit": "Người đứng đầu, đơn vị",
    "Presided by": "Người chủ trì",
    "Citizens": "Công dân",
    "ad hoc": "đột xuất",
    "No reception session matches these filters.": "Không có buổi tiếp nào phù hợp với điều kiện lọc.",
    "No reception session recorded yet.": "Chưa có buổi tiếp công dân nào được ghi nhận.",
    "Reception schedules": "Lịch tiếp công dân",
    "The heads' periodic reception schedules, and the minimum the law sets for each position.": (
        "Lịch tiếp công dân định kỳ của người đứng đầu và mức tối thiểu pháp luật quy định cho từng chức danh."
    ),
    "New schedule": "Ban hành lịch tiếp",
    "Minimum:": "Tối thiểu:",
    "No reception schedule set yet.": "Chưa có lịch tiếp công dân nào.",
    "Record a reception session": "Ghi nhận buổi tiếp công dân",
    "A day of a head's schedule, or an ad hoc session for a complex or mass case. Fields marked * are required.": (
        "Một ngày tiếp theo lịch của người đứng đầu, hoặc buổi tiếp đột xuất đối với vụ việc phức tạp, đông người. "
        "Các mục có dấu * là bắt buộc."
    ),
    "Which session": "Buổi tiếp",
    "What happened": "Kết quả",
    "Record the session": "Ghi nhận buổi tiếp",
    "Dialogue conferences between the heads of the Party committee, the government and the people, the issues raised and the commitments made.": (
        "Hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân, các ý kiến Nhân dân nêu và "
        "các việc lãnh đạo cam kết."
    ),
    "Record a dialogue": "Ghi nhận hội nghị đối thoại",
    "No dialogue matches these filters.": "Không có hội nghị đối thoại nào phù hợp với điều kiện lọc.",
    "No dialogue recorded yet.": "Chưa có hội nghị đối thoại nào được ghi nhận.",
    "Communes with no dialogue in %(year)s": "Xã, phường chưa tổ chức đối thoại năm %(year)s",
    "The People's Committee and the Front of each commune hold at least one dialogue with the people a year (Law on Grassroots Democracy 2022, Art. 32).": (
        "Ủy ban nhân dân và Ủy ban Mặt trận Tổ quốc cấp xã tổ chức đối thoại với Nhân dân ít nhất mỗi năm một "
        "lần (Luật Thực hiện dân chủ ở cơ sở năm 2022, Điều 32)."
    ),
    "Every commune has held its dialogue.": "Tất cả xã, phường đã tổ chức đối thoại.",
    "counts for compliance": "được tính vào việc thực hiện lịch tiếp",
    "Reason for an ad hoc session": "Lý do tiếp đột xuất",
    "Petitions received at the session": "Đơn thư tiếp nhận tại buổi tiếp",
    "Code": "Mã",
    "No petition is linked to this session.": "Chưa có đơn thư nào gắn với buổi tiếp này.",
    "Record what happened": "Ghi nhận kết quả buổi tiếp",
    "The deputy's name and title": "Họ tên, chức vụ cấp phó",
    "Held on": "Ngày tiếp",
    "Compliance of citizen reception": "Thực hiện lịch tiếp công dân",
    "Periodic reception days owed and held by the heads of %(unit)s and of the units under it.": (
        "Số ngày tiếp công dân định kỳ phải tiếp và đã tiếp của người đứng đầu %(unit)s và các đơn vị trực thuộc."
    ),
    "Periodic reception days owed and held by the heads.": (
        "Số ngày tiếp công dân định kỳ phải tiếp và đã tiếp của người đứng đầu."
    ),
    "in progress": "đang diễn ra",
    "schedules": "lịch tiếp",
    "days owed so far": "ngày phải tiếp đến nay",
    "days held by the head in person": "ngày người đứng đầu trực tiếp tiếp",
    "schedules short of the minimum": "lịch tiếp chưa đạt mức tối thiểu",
    "%(rate)s%% of the days owed so far were held by the head in person.": (
        "%(rate)s%% số ngày phải tiếp đến nay do người đứng đầu trực tiếp tiếp."
    ),
    "Minimum": "Mức tối thiểu",
    "Owed": "Phải tiếp",
    "Shortfall": "Còn thiếu",
    "Presided by a deputy: not counted": "Do cấp phó chủ trì: không được tính",
    "deputy": "cấp phó",
    "not held": "không tổ chức",
    "No reception schedule in force in this period.": "Không có lịch tiếp công dân nào có hiệu lực trong kỳ này.",
    "Owed: the minimum days of the weeks (a week belongs to the period holding its Thursday) and months of the period that have ended; while the period is in progress, what it owes in all is shown under it. Held: periodic sessions presided by the head in person — sessions presided by a deputy and ad hoc sessions do not count. A holiday on the regular day does not lower the minimum; a week without any working day owes nothing.": (
        "Phải tiếp: số ngày tối thiểu của các tuần (tuần được tính vào kỳ có ngày thứ Năm của tuần đó) và các "
        "tháng đã kết thúc trong kỳ; khi kỳ đang diễn ra, số ngày phải tiếp của cả kỳ ghi ở dưới. Đã tiếp: các "
        "buổi tiếp định kỳ do người đứng đầu trực tiếp chủ trì — buổi do cấp phó chủ trì và buổi tiếp đột xuất "
        "không được tính. Ngày tiếp trùng ngày nghỉ lễ không làm giảm mức tối thiểu; tuần không có ngày làm việc "
        "nào thì không phải tiếp."
    ),
    "Edit the dialogue": "Sửa hội nghị đối thoại",
    "A dialogue conference once held; then add the issues raised and the commitments made. Fields marked * are required.": (
        "Hội nghị đối thoại đã tổ chức; sau đó nhập các ý kiến của Nhân dân và các việc cam kết. "
        "Các mục có dấu * là bắt buộc."
    ),
    "Record the dialogue": "Ghi nhận hội nghị",
    "Owed so far": "Phải tiếp đến nay",
    "Held by the head": "Người đứng đầu đã tiếp",
    "in progress: %(n)s owed in all": "đang diễn ra: cả kỳ phải tiếp %(n)s ngày",
    "Only periodic sessions presided by the head in person count; a holiday on the regular day does not lower the minimum (the reception moves to the next working day), a week without any working day owes nothing.": (
        "Chỉ tính các buổi tiếp định kỳ do người đứng đầu trực tiếp chủ trì; ngày tiếp trùng ngày nghỉ lễ không "
        "làm giảm mức tối thiểu (lùi sang ngày làm việc kế tiếp), tuần không có ngày làm việc nào thì không phải tiếp."
    ),
    "Days of the schedule with no session recorded": "Ngày tiếp theo lịch chưa ghi nhận buổi tiếp",
    "moved from %(day)s, a day off": "lùi từ ngày %(day)s do trùng ngày nghỉ",
    "No session recorded yet.": "Chưa ghi nhận buổi tiếp nào.",
    "Legal minimum": "Mức tối thiểu theo quy định",
    "This schedule's minimum": "Mức tối thiểu của lịch này",
    "Regular day": "Ngày tiếp định kỳ",
    "Next reception days": "Các ngày tiếp sắp tới",
    "None in the next three months.": "Không có ngày tiếp nào trong ba tháng tới.",
    "Edit the schedule": "Sửa lịch tiếp",
    "New reception schedule": "Ban hành lịch tiếp công dân",
    "Sessions already recorded stay as they are.": "Các buổi tiếp đã ghi nhận được giữ nguyên.",
    "The periodic citizen reception of a unit's head. Fields marked * are required.": (
        "Lịch tiếp công dân định kỳ của người đứng đầu đơn vị. Các mục có dấu * là bắt buộc."
    ),
    "The head": "Người đứng đầu",
    "How often, and when": "Số ngày và ngày tiếp",
    "The legal minimum of each position": "Mức tối thiểu theo quy định của từng chức danh",
    "Set the schedule": "Ban hành lịch tiếp",
}

PLURALS = {
    "%(days)s day a week": "%(days)s ngày/tuần",
    "%(days)s day a month": "%(days)s ngày/tháng",
    "%(counter)s reception session": "%(counter)s buổi tiếp công dân",
    "%(counter)s citizen": "%(counter)s lượt công dân",
    "%(counter)s schedule": "%(counter)s lịch tiếp",
    "%(counter)s dialogue": "%(counter)s hội nghị đối thoại",
    "%(counter)s issue raised": "%(counter)s ý kiến",
    "%(counter)s commitment": "%(counter)s việc cam kết",
    "%(counter)s open": "%(counter)s việc đang thực hiện",
    "+%(counter)s by a deputy": "+%(counter)s buổi do cấp phó chủ trì",
}
