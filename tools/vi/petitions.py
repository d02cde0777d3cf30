"""Vietnamese UI strings of the officers' side of petitions (danvan.petitions), merged by tools/vi_catalog.py."""

VI = {
    # flags and filters
    "Complex case": "Vụ việc phức tạp",
    "Remote area": "Vùng sâu, vùng xa",
    "Mass petition": "Đơn đông người",
    "Backlog case": "Vụ việc tồn đọng",
    "Protracted case": "Vụ việc kéo dài",
    "Code or subject": "Mã hoặc trích yếu",
    "Being handled": "Đang xử lý",
    "Deadline": "Thời hạn",
    "Overdue": "Quá hạn",
    "Due within 3 days": "Đến hạn trong 3 ngày",
    "Flag": "Đánh dấu",
    "Assigned to me": "Được giao cho tôi",
    "Received": "Đã tiếp nhận",
    "How it was received": "Hình thức tiếp nhận",
    "how it was received": "hình thức tiếp nhận",
    "Due date": "Hạn xử lý",
    "Reception session": "Buổi tiếp công dân",
    "until the end of": "đến hết ngày",
    "%(area)s is a hot spot since %(date)s": "%(area)s là điểm nóng từ ngày %(date)s",
    "Mark the area as a hot spot": "Xác định địa bàn là điểm nóng",
    "Record a petition received at this session": "Ghi nhận đơn nhận tại buổi tiếp này",
    "When it was received at a citizen reception session.": "Khi đơn được nhận tại buổi tiếp công dân.",
    "due by": "hạn xử lý",
    "Accepted for resolution on": "Ngày thụ lý",
    "Received on": "Ngày tiếp nhận",
    "Forwarded by": "Cơ quan chuyển đơn",
    "Commune or ward": "Xã, phường",
    "Where": "Địa điểm",
    "Competent unit": "Đơn vị có thẩm quyền",
    "Left empty, the routing rules choose it (by default the People's Committee of the commune).": (
        "Để trống thì hệ thống tự xác định theo quy tắc phân loại (mặc định là UBND xã, phường nơi phát sinh)."
    ),
    "ID number": "Số CCCD",
    "E-mail": "Thư điện tử",
    "Other petitioners (a joint or mass petition)": "Những người cùng đứng đơn (đơn nhiều người, đông người)",
    "One person per line: full name; phone; address.": "Mỗi người một dòng: họ và tên; điện thoại; địa chỉ.",
    "I checked: this is a new petition, not the same one again": "Tôi đã kiểm tra: đây là đơn mới, không phải đơn trùng",
    "Route automatically": "Tự động xác định",
    "Internal comment": "Ý kiến nội bộ",
    "Reply to the citizen": "Nội dung trả lời công dân",
    "Why you need to see it": "Lý do cần xem",
    "How it was resolved": "Kết quả giải quyết",
    # metrics
    "petitions received": "đơn thư tiếp nhận",
    "Complaints, denunciations, recommendations and feedback received in the period.": (
        "Số đơn khiếu nại, tố cáo, kiến nghị, phản ánh tiếp nhận trong kỳ."
    ),
    "petitions accepted for resolution": "đơn thư đã thụ lý",
    "Complaints and denunciations accepted for resolution (thụ lý) in the period.": (
        "Số đơn khiếu nại, tố cáo được thụ lý giải quyết trong kỳ."
    ),
    "petitions resolved": "đơn thư đã giải quyết",
    "Petitions resolved or answered in the period.": "Số đơn đã giải quyết hoặc trả lời trong kỳ.",
    "petitions resolved on time": "đơn thư giải quyết đúng hạn",
    "Petitions resolved or answered in the period on or before the legal due date.": (
        "Số đơn giải quyết, trả lời trong kỳ trước hoặc đúng thời hạn luật định."
    ),
    "petition deadlines missed": "lượt quá hạn xử lý đơn",
    "Legal deadlines (processing or resolution) that fell in the period and passed with the step not done; "
    "a petition that misses two steps counts twice.": (
        "Số lượt thời hạn luật định (xử lý đơn hoặc giải quyết) đến trong kỳ mà chưa thực hiện xong; "
        "một đơn quá hạn ở hai bước được tính hai lần."
    ),
    "mass petitions": "đơn đông người",
    "Petitions lodged by five or more people together, received in the period.": (
        "Số đơn có từ năm người trở lên cùng đứng tên, tiếp nhận trong kỳ."
    ),
    "hot spots": "điểm nóng",
    "Areas declared hot spots (mass complaints, risk of unrest) in the period.": (
        "Số địa bàn được xác định là điểm nóng (khiếu kiện đông người, nguy cơ mất ổn định) trong kỳ."
    ),
    # topics, channels, grounds
    "Land": "Đất đai",
    "Compensation and site clearance": "Bồi thường, giải phóng mặt bằng",
    "Construction and urban order": "Xây dựng, trật tự đô thị",
    "Environment": "Môi trường",
    "Social policies": "Chính sách xã hội",
    "Administrative procedures": "Thủ tục hành chính",
    "Conduct of officials": "Thái độ, trách nhiệm của cán bộ",
    "Security and order": "An ninh, trật tự",
    "At a citizen reception session": "Tại buổi tiếp công dân",
    "Handed in at the office": "Nộp trực tiếp tại cơ quan",
    "By post": "Qua bưu chính",
    "Forwarded by another body": "Cơ quan khác chuyển đến",
    "Online (public form)": "Trực tuyến (cổng công dân)",
    "Not within the unit's competence": "Không thuộc thẩm quyền giải quyết",
    "The time limit for lodging it has passed": "Đã hết thời hiệu",
    "Already resolved and answered; nothing new": "Đã được giải quyết, trả lời; không có tình tiết mới",
    "The petitioner cannot be identified": "Không xác định được người gửi đơn",
    "The petitioner has no right to lodge it": "Người gửi đơn không có quyền khiếu nại, tố cáo",
    "Withdrawn by the petitioner": "Người gửi đơn đã rút đơn",
    "Already brought before a court": "Đã khởi kiện tại Tòa án",
    "Other legal ground": "Căn cứ pháp lý khác",
    # the model
    "tracking code": "mã tra cứu",
    "where": "địa điểm",
    "Village, street or place the petition is about.": "Thôn, tổ, đường phố hoặc nơi phát sinh sự việc.",
    "competent unit": "đơn vị có thẩm quyền",
    "received": "tiếp nhận",
    "forwarded by": "cơ quan chuyển đơn",
    "reception session": "buổi tiếp công dân",
    "received on": "ngày tiếp nhận",
    "petitioners": "người gửi đơn",
    "number of petitioners": "số người đứng đơn",
    "instance": "lần giải quyết",
    "step": "bước",
    "step started on": "bước bắt đầu ngày",
    "extensions": "số lần gia hạn",
    "deadline rules": "quy định thời hạn",
    "handler": "người xử lý",
    "remote area": "vùng sâu, vùng xa",
    "Remote or hard-to-reach area: longer legal deadlines.": "Vùng sâu, vùng xa, đi lại khó khăn: thời hạn luật định dài hơn.",
    "mass petition": "đơn đông người",
    "backlog case": "vụ việc tồn đọng",
    "protracted case": "vụ việc kéo dài",
    "ground for refusal": "lý do không thụ lý",
    "forwarded to": "chuyển đến",
    "accepted on": "ngày thụ lý",
    "decision number": "số quyết định",
    "decision date": "ngày quyết định",
    "resolved on": "ngày giải quyết",
    "resolved on time": "giải quyết đúng hạn",
    "latest reply to the citizen": "trả lời công dân gần nhất",
    "citizen says it is resolved": "công dân xác nhận đã được giải quyết",
    "citizen's feedback": "ý kiến của công dân",
    "feedback at": "ý kiến lúc",
    "times reopened": "số lần mở lại",
    "breach escalated for due date": "đã báo quá hạn cho hạn",
    "possible duplicate of": "có thể trùng với",
    "petition": "đơn thư",
    "petitions": "đơn thư",
    "complex": "phức tạp",
    "backlog": "tồn đọng",
    "protracted": "kéo dài",
    "by the citizen": "do công dân",
    "internal comment": "ý kiến nội bộ",
    "reply to the citizen": "trả lời công dân",
    "petition event": "diễn biến xử lý đơn",
    "petition events": "diễn biến xử lý đơn",
    "view of a denouncer's identity": "lượt xem thông tin người tố cáo",
    "views of denouncers' identities": "lượt xem thông tin người tố cáo",
    "attachment": "tệp đính kèm",
    "attachments": "tệp đính kèm",
    "priority": "thứ tự ưu tiên",
    "routing rule": "quy tắc chuyển đơn",
    "routing rules": "quy tắc chuyển đơn",
    "Hot spot": "Điểm nóng",
    "Cleared": "Đã giải tỏa",
    "responsible unit": "đơn vị chịu trách nhiệm",
    "declared on": "ngày xác định",
    "why": "lý do",
    "cleared on": "ngày giải tỏa",
    "how it was resolved": "kết quả giải quyết",
    "hot spot": "điểm nóng",
    # services
    "At most %(n)s files can be attached.": "Chỉ đính kèm được tối đa %(n)s tệp.",
    "Give the name of at least one petitioner.": "Cần ghi họ tên ít nhất một người gửi đơn.",
    "Tracking code": "Mã tra cứu",
    "Handling the petition": "Xử lý đơn",
    "Denouncer (confidential)": "Người tố cáo (bảo mật)",
    "(no name)": "(không ghi tên)",
    "“%(field)s” is required.": "Cần nhập “%(field)s”.",
    "At most %(n)s petitioners can be listed.": "Chỉ ghi được tối đa %(n)s người đứng đơn.",
    "Every petitioner needs a full name.": "Mỗi người đứng đơn cần có họ và tên.",
    "The phone number may only contain digits.": "Số điện thoại chỉ gồm các chữ số.",
    "The ID number may only contain letters and digits.": "Số CCCD chỉ gồm chữ và số.",
    "The e-mail address is not valid.": "Địa chỉ thư điện tử không hợp lệ.",
    "Choose a valid “%(field)s”.": "Chọn “%(field)s” hợp lệ.",
    "Choose the commune or ward the petition is about.": "Chọn xã, phường nơi phát sinh sự việc.",
    "Choose a commune or ward in force today.": "Chọn xã, phường đang có hiệu lực.",
    "Online petitions come through the public form.": "Đơn trực tuyến chỉ gửi qua cổng công dân.",
    "The date received is not a valid date.": "Ngày tiếp nhận không hợp lệ.",
    "The date received cannot be in the future.": "Ngày tiếp nhận không được sau ngày hôm nay (ở tương lai).",
    "Petitions received before 2019 are not recorded here.": "Không ghi nhận đơn tiếp nhận trước năm 2019.",
    "Name the body that forwarded the petition.": "Ghi tên cơ quan chuyển đơn.",
    "The reception session does not exist.": "Buổi tiếp công dân không tồn tại.",
    "The reception session is not one of your units.": "Buổi tiếp công dân không thuộc đơn vị của bạn.",
    "No unit is competent for this area; choose the competent unit.": (
        "Chưa xác định được đơn vị có thẩm quyền cho địa bàn này; hãy chọn đơn vị có thẩm quyền."
    ),
    "This person already has an open petition on a similar subject: %(codes)s. Check it, then confirm.": (
        "Người này đã có đơn đang xử lý với nội dung tương tự: %(codes)s. Hãy kiểm tra, rồi xác nhận."
    ),
    "Petition received": "Tiếp nhận đơn",
    "Your petition was received on %(date)s.": "Đơn của ông/bà đã được tiếp nhận ngày %(date)s.",
    "File name": "Tên tệp",
    "File attached": "Đính kèm tệp",
    "“%(field)s” is not a valid date.": "“%(field)s” không phải là ngày hợp lệ.",
    "“%(action)s” does not apply to a %(kind)s.": "Không thể “%(action)s” đối với đơn %(kind)s.",
    "“%(action)s” is not possible while the petition is %(status)s.": (
        "Không thể “%(action)s” khi đơn đang ở trạng thái “%(status)s”."
    ),
    "Only a leader of the unit assigns who handles a denunciation.": (
        "Chỉ lãnh đạo đơn vị mới được giao người xử lý đơn tố cáo."
    ),
    "Write what the citizen is told for “%(action)s”.": "Nhập nội dung trả lời công dân khi “%(action)s”.",
    "Handler: %(name)s": "Người xử lý: %(name)s",
    "Ground for refusal": "Lý do không thụ lý",
    "Choose the competent unit, in force today.": "Chọn đơn vị có thẩm quyền đang hoạt động.",
    "The petition is already with this unit.": "Đơn đang thuộc đơn vị này.",
    "Forwarded to": "Chuyển đến",
    "The law allows no (further) extension of this deadline.": "Pháp luật không cho phép gia hạn (thêm) thời hạn này.",
    "Decision number": "Số quyết định",
    "Decision date": "Ngày quyết định",
    "The decision date cannot be in the future.": "Ngày quyết định không được sau ngày hôm nay.",
    "A second-instance decision is final; the complainant may go to court.": (
        "Quyết định giải quyết lần hai là lần cuối; người khiếu nại có thể khởi kiện tại Tòa án."
    ),
    "The time to lodge a second-instance complaint ended on %(date)s.": "Thời hạn khiếu nại lần hai đã hết ngày %(date)s.",
    "No unit above resolves second-instance complaints here; choose one.": (
        "Không xác định được cấp trên giải quyết khiếu nại lần hai; hãy chọn đơn vị."
    ),
    "The kind can only change before the petition is accepted.": "Chỉ đổi loại đơn được trước khi thụ lý.",
    "Choose a petition handler of the competent unit.": "Chọn cán bộ xử lý đơn của đơn vị có thẩm quyền.",
    "This petition is not waiting for your answer.": "Đơn này không chờ ý kiến của ông/bà.",
    "Explanation": "Giải thích",
    "Explain what is still not resolved.": "Nêu rõ vấn đề nào chưa được giải quyết.",
    "%(area)s is already marked as a hot spot.": "%(area)s đang được xác định là điểm nóng.",
    "This hot spot was already cleared.": "Điểm nóng này đã được giải tỏa.",
    "New %(kind)s to process: %(subject)s": "Đơn %(kind)s mới cần xử lý: %(subject)s",
    "A citizen reopened petition %(code)s": "Công dân đề nghị xem xét lại đơn %(code)s",
    "You were assigned petition %(code)s": "Bạn được giao xử lý đơn %(code)s",
    # views and pages
    "Petitions": "Đơn thư",
    "Petitioners": "Người gửi đơn",
    "Resolved on": "Ngày giải quyết",
    "Flags": "Đánh dấu",
    "Petition %(code)s recorded; it is due on %(date)s.": "Đã ghi nhận đơn %(code)s; hạn xử lý ngày %(date)s.",
    "Say why you need to see the denouncer's identity.": "Nêu lý do cần xem thông tin người tố cáo.",
    "File attached.": "Đã đính kèm tệp.",
    # workflow
    "Accepted for resolution": "Đã thụ lý",
    "Resolved": "Đã giải quyết",
    "Not accepted": "Không thụ lý",
    "Forwarded to another body": "Đã chuyển cơ quan khác",
    "Assign a handler": "Giao người xử lý",
    "Add an investigation note": "Ghi nhận kết quả xác minh",
    "Change the classification": "Phân loại lại",
    "Accept for resolution": "Thụ lý giải quyết",
    "Answer the citizen": "Trả lời công dân",
    "Refuse (not accepted)": "Không thụ lý",
    "Transfer to the competent unit": "Chuyển đơn vị có thẩm quyền",
    "Forward to another body": "Chuyển cơ quan khác",
    "Extend the deadline": "Gia hạn",
    "Record the resolution": "Ghi nhận kết quả giải quyết",
    "Record a second-instance complaint": "Ghi nhận khiếu nại lần hai",
    "Close the petition": "Kết thúc đơn",
    "Confirm it is resolved": "Xác nhận đã được giải quyết",
    "Reopen": "Đề nghị xem xét lại",
    "due today": "đến hạn hôm nay",
    "second instance": "lần hai",
    "The rules in force here have not been checked against the amended law yet.": (
        "Quy định thời hạn đang áp dụng chưa được đối chiếu với luật sửa đổi."
    ),
    "Legal deadlines": "Thời hạn luật định",
    "Handler": "Người xử lý",
    "The People's Committee of the level above": "UBND cấp trên trực tiếp",
    "Lodged late for a lawful reason (illness, disaster…)": "Nộp muộn vì lý do chính đáng (ốm đau, thiên tai…)",
    "e.g. 15/QĐ-UBND": "ví dụ: 15/QĐ-UBND",
    "Reply to the citizen (shown on the tracking page)": "Trả lời công dân (hiển thị trên trang tra cứu)",
    "Reason (internal, not shown to the citizen)": "Lý do (nội bộ, không hiển thị cho công dân)",
    "Internal comment (optional)": "Ý kiến nội bộ (không bắt buộc)",
    "Log": "Diễn biến",
    "Deadline missed": "Quá hạn",
    "the citizen": "công dân",
    "the system": "hệ thống",
    "Internal:": "Nội bộ:",
    "Told the citizen:": "Trả lời công dân:",
    "Possible duplicate of": "Có thể trùng với",
    "The citizen says": "Công dân cho biết",
    "resolved": "đã được giải quyết",
    "not resolved": "chưa được giải quyết",
    "Reopened": "Số lần xem xét lại",
    "Confidential: this showing has been recorded. Do not copy or pass it on.": (
        "Thông tin mật: lượt xem này đã được ghi lại. Không sao chép, không chuyển cho người khác."
    ),
    "ID": "CCCD",
    "The denouncer's identity is confidential. Showing it is recorded with your name and reason.": (
        "Thông tin người tố cáo được giữ bí mật. Mỗi lần xem được ghi lại kèm tên và lý do của bạn."
    ),
    "Show the identity": "Xem thông tin người tố cáo",
    "Denouncer (confidential). Only the assigned handler and the leaders above see the identity.": (
        "Người tố cáo (bảo mật). Chỉ người được giao xử lý và lãnh đạo cấp trên được xem thông tin."
    ),
    "You may not see who lodged it.": "Bạn không được xem thông tin người gửi đơn.",
    "Attachments": "Tệp đính kèm",
    "No file.": "Không có tệp.",
    "Attach": "Đính kèm",
    "Who saw the identity": "Những lượt xem thông tin người tố cáo",
    "Hot spots": "Điểm nóng",
    "Complaints, denunciations, recommendations and feedback handled by %(unit)s and the units under it.": (
        "Đơn khiếu nại, tố cáo, kiến nghị, phản ánh do %(unit)s và các đơn vị trực thuộc xử lý."
    ),
    "Complaints, denunciations, recommendations and feedback.": "Đơn khiếu nại, tố cáo, kiến nghị, phản ánh.",
    "Record a petition": "Ghi nhận đơn",
    "Excel": "Excel",
    "Petition": "Đơn",
    "No petition matches these filters.": "Không có đơn nào phù hợp điều kiện lọc.",
    "No petition yet.": "Chưa có đơn nào.",
    "A petition received at a reception session, handed in, sent by post or forwarded by another body. "
    "Its legal deadline starts on the day it was received.": (
        "Đơn tiếp nhận tại buổi tiếp công dân, nộp trực tiếp, qua bưu chính hoặc do cơ quan khác chuyển đến. "
        "Thời hạn luật định tính từ ngày tiếp nhận."
    ),
    "Open petitions of the same person on a similar subject:": "Đơn đang xử lý của cùng người, nội dung tương tự:",
    "If this is a new petition, tick the box at the end of the form and record it again.": (
        "Nếu đây là đơn mới, đánh dấu ô xác nhận ở cuối biểu mẫu rồi ghi nhận lại."
    ),
    "The petition": "Nội dung đơn",
    "The petitioner": "Người gửi đơn",
    "Stored encrypted. For a denunciation, only the assigned handler and the leaders above see it "
    "(Law on Denunciation, Art. 47).": (
        "Được mã hóa khi lưu. Với đơn tố cáo, chỉ người được giao xử lý và lãnh đạo cấp trên được xem "
        "(Điều 47 Luật Tố cáo)."
    ),
    "A petition of five or more people is marked a mass petition by itself.": (
        "Đơn có từ năm người đứng tên trở lên tự động được đánh dấu là đơn đông người."
    ),
    "Attachments (up to 5 files of 10 MB: photos, PDF, Word, Excel)": (
        "Tệp đính kèm (tối đa 5 tệp, mỗi tệp 10 MB: ảnh, PDF, Word, Excel)"
    ),
    "Each step is counted under the rules in force on the day it starts. Working days skip weekends, "
    "public holidays (Tết included) and the extra days off of the calendar; a period in calendar days "
    "that ends on a day off ends on the next working day.": (
        "Mỗi bước được tính theo quy định có hiệu lực vào ngày bắt đầu bước đó. Ngày làm việc không tính thứ "
        "Bảy, Chủ nhật, ngày lễ, Tết và ngày nghỉ bù; thời hạn tính theo ngày mà ngày cuối cùng là ngày nghỉ "
        "thì kết thúc vào ngày làm việc tiếp theo."
    ),
    "not checked against the official text": "chưa đối chiếu văn bản chính thức",
    "Step": "Bước",
    "Days": "Số ngày",
    "Complex / remote": "Phức tạp / vùng sâu, vùng xa",
    "Extensions": "Gia hạn",
    "Legal basis": "Căn cứ pháp lý",
    "working days": "ngày làm việc",
    "days": "ngày",
}

PLURALS = {
    "%(name)s and %(n)s other": "%(name)s và %(n)s người khác",
    "overdue by %(n)s day": "quá hạn %(n)s ngày",
    "%(n)s day left": "còn %(n)s ngày",
    "extended once": "đã gia hạn %(n)s lần",
    "%(n)s petitioner": "%(n)s người gửi đơn",
    "…of %(n)s in all": "…trong tổng số %(n)s người",
    "%(n)s file, confidential.": "%(n)s tệp, bảo mật.",
    "%(counter)s petition": "%(counter)s đơn",
}
