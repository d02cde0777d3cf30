"""Vietnamese UI strings of the public side of petitions (danvan.petitions.public_*, the templates
under petitions/public/, the link on the login page), merged by tools/vi_catalog.py."""

VI = {
    # the states as the citizen reads them
    ("public petition status", "Received"): "Đã tiếp nhận",
    ("public petition status", "Accepted for resolution"): "Đã thụ lý giải quyết",
    ("public petition status", "Resolved"): "Đã giải quyết",
    ("public petition status", "Closed"): "Đã kết thúc",
    ("public petition status", "Not accepted"): "Không thụ lý",
    ("public petition status", "Forwarded to another body"): "Đã chuyển cơ quan khác",
    # the kinds, in one line each
    "You ask the authority to review an administrative decision or act that harms your rights.": (
        "Ông/bà đề nghị cơ quan có thẩm quyền xem xét lại quyết định hành chính, hành vi hành chính "
        "xâm phạm quyền, lợi ích hợp pháp của mình."
    ),
    "You report a violation of the law by an official, agency or organization; "
    "your identity is kept confidential.": (
        "Ông/bà báo cho cơ quan có thẩm quyền biết hành vi vi phạm pháp luật của cán bộ, cơ quan, "
        "tổ chức; danh tính người tố cáo được giữ bí mật."
    ),
    "You propose how something should be done, changed or improved.": (
        "Ông/bà đề xuất cách làm, sửa đổi hoặc cải thiện một việc."
    ),
    "You tell the authorities about a problem or situation you have seen.": (
        "Ông/bà cho cơ quan nhà nước biết về một vấn đề, vụ việc mà mình thấy."
    ),
    # the petition form
    "Kind of petition": "Loại đơn",
    "One line: what the petition is about.": "Một dòng: đơn nói về việc gì.",
    "What happened, when and where, and what you ask for.": (
        "Việc gì đã xảy ra, khi nào, ở đâu và ông/bà đề nghị điều gì."
    ),
    "Province or city": "Tỉnh, thành phố",
    "Commune, ward or special zone": "Xã, phường, đặc khu",
    "Where exactly": "Địa điểm cụ thể",
    "Village, residential group, street or place the petition is about.": (
        "Thôn, tổ dân phố, tuyến đường hoặc nơi xảy ra vụ việc."
    ),
    "Attached documents": "Tài liệu kèm theo",
    "Up to 5 files of at most 10 MB each: photos (JPEG, PNG, WebP), PDF, Word or Excel.": (
        "Tối đa 5 tệp, mỗi tệp không quá 10 MB: ảnh (JPEG, PNG, WebP), PDF, Word hoặc Excel."
    ),
    "Leave this field empty": "Không điền vào ô này",
    "— choose the province or city —": "— chọn tỉnh, thành phố —",
    "— choose the province first —": "— chọn tỉnh, thành phố trước —",
    "ID card number": "Số căn cước",
    "“%(name)s” is larger than 10 MB.": "Tệp “%(name)s” lớn hơn 10 MB.",
    "At most %(n)s petitioners can be listed on this form.": (
        "Mẫu đơn này ghi được tối đa %(n)s người gửi đơn."
    ),
    "The form is incomplete; please fill it in again.": "Biểu mẫu chưa đầy đủ, vui lòng điền lại.",
    "Give your address, phone number or e-mail address, so that the answer can reach you.": (
        "Vui lòng ghi địa chỉ, số điện thoại hoặc thư điện tử để cơ quan có thể trả lời ông/bà."
    ),
    "The petition could not be sent.": "Không gửi được đơn.",
    "What is still not resolved?": "Vấn đề nào vẫn chưa được giải quyết?",
    # the tracking-code form
    "A tracking code has 10 letters and digits, e.g. K7QM-3XPA-92. Check it and try again.": (
        "Mã tra cứu gồm 10 chữ cái và chữ số, ví dụ K7QM-3XPA-92. Vui lòng kiểm tra lại."
    ),
    "A tracking code has 10 letters and digits, e.g. K7QM-3XPA-92.": (
        "Mã tra cứu gồm 10 chữ cái và chữ số, ví dụ K7QM-3XPA-92."
    ),
    # limits
    "Too many petitions were sent from this connection recently. "
    "Please try again later, or hand in your petition at the citizen reception office.": (
        "Đã có quá nhiều đơn được gửi từ kết nối này trong thời gian ngắn. Vui lòng thử lại sau, "
        "hoặc nộp đơn trực tiếp tại nơi tiếp công dân."
    ),
    "Too many petitions were sent from this connection recently. Please try again later.": (
        "Đã có quá nhiều đơn được gửi từ kết nối này trong thời gian ngắn. Vui lòng thử lại sau."
    ),
    "Too many look-ups from this connection. Please wait a minute and try again.": (
        "Kết nối này tra cứu quá nhiều lần. Vui lòng chờ một phút rồi thử lại."
    ),
    "No petition has this tracking code.": "Không có đơn nào có mã tra cứu này.",
    # the citizen's answer
    "You confirmed that the problem was resolved.": "Ông/bà đã xác nhận vấn đề đã được giải quyết.",
    "You said that the problem was not resolved; the petition was reopened.": (
        "Ông/bà cho biết vấn đề chưa được giải quyết; đơn đã được mở lại."
    ),
    "Choose whether the problem was resolved.": "Vui lòng chọn vấn đề đã được giải quyết hay chưa.",
    "Thank you. The petition is closed.": "Cảm ơn ông/bà. Đơn đã kết thúc.",
    "Thank you. The petition was reopened; the competent unit will examine it again.": (
        "Cảm ơn ông/bà. Đơn đã được mở lại; cơ quan có thẩm quyền sẽ xem xét lại."
    ),
    "Has your problem been resolved?": "Vấn đề của ông/bà đã được giải quyết chưa?",
    # the pages
    "Citizens’ petitions": "Đơn thư của người dân",
    "Send a petition": "Gửi đơn",
    "Track a petition": "Tra cứu đơn",
    "Track": "Tra cứu",
    "Send a complaint, denunciation, recommendation or feedback to the competent authority without "
    "an account, and follow how it is handled with your tracking code.": (
        "Gửi đơn khiếu nại, tố cáo, kiến nghị, phản ánh đến cơ quan có thẩm quyền mà không cần tài khoản, "
        "và theo dõi kết quả xử lý bằng mã tra cứu."
    ),
    "Write what happened and where. It goes to the competent authority of the commune or ward, which "
    "must answer within the time the law sets. You get a tracking code.": (
        "Ghi rõ sự việc và nơi xảy ra. Đơn được chuyển đến cơ quan có thẩm quyền của xã, phường, nơi phải "
        "trả lời trong thời hạn pháp luật quy định. Ông/bà sẽ nhận được mã tra cứu."
    ),
    "No account is needed. Fields marked * are required.": (
        "Không cần tài khoản. Các ô có dấu * là bắt buộc."
    ),
    "The petition was not sent: please correct what is marked below.": (
        "Đơn chưa được gửi: vui lòng sửa các mục được đánh dấu dưới đây."
    ),
    "What is it about": "Nội dung đơn",
    "Show its communes": "Xem các xã, phường",
    "Who sends it": "Người gửi đơn",
    "The authority needs your name and a way to reach you to answer. For a denunciation, your identity "
    "is kept confidential: only the officer handling it and the leaders who decide see it, and it never "
    "appears on the tracking page.": (
        "Cơ quan cần họ tên và cách liên lạc để trả lời ông/bà. Với đơn tố cáo, danh tính người tố cáo "
        "được giữ bí mật: chỉ cán bộ được giao xử lý và lãnh đạo có thẩm quyền quyết định được biết, "
        "và không bao giờ hiện trên trang tra cứu."
    ),
    "Petitioner %(n)s": "Người gửi đơn thứ %(n)s",
    "Add another person (joint petition)": "Thêm người cùng đứng đơn",
    "Documents": "Tài liệu",
    "Your petition goes to the competent authority of the commune or ward you chose. Write the truth: "
    "a petition that knowingly states false facts is punishable by law.": (
        "Đơn được chuyển đến cơ quan có thẩm quyền của xã, phường ông/bà đã chọn. Vui lòng trình bày trung "
        "thực: cố ý trình bày sai sự thật sẽ bị xử lý theo quy định của pháp luật."
    ),
    "Send the petition": "Gửi đơn",
    "Petition sent": "Đã gửi đơn",
    "Your petition was sent": "Đơn của ông/bà đã được gửi",
    "It was received on %(date)s and goes to:": "Đơn được tiếp nhận ngày %(date)s và chuyển đến:",
    "Your tracking code:": "Mã tra cứu của ông/bà:",
    "The competent authority will answer you by %(date)s at the latest.": (
        "Cơ quan có thẩm quyền sẽ trả lời ông/bà chậm nhất vào ngày %(date)s."
    ),
    "The law gives it %(time)s.": "Thời hạn theo quy định: %(time)s.",
    "How to follow your petition": "Cách theo dõi đơn",
    "Write the code down or take a photo of this page: it is the only way to follow the petition online.": (
        "Hãy ghi lại mã hoặc chụp ảnh trang này: đây là cách duy nhất để theo dõi đơn trên mạng."
    ),
    "Open “Track a petition” on this site at any time and enter the code, or use the link below.": (
        "Vào mục “Tra cứu đơn” trên trang này bất cứ lúc nào và nhập mã, hoặc bấm vào liên kết dưới đây."
    ),
    "When the authority has answered, the tracking page asks whether the problem was resolved.": (
        "Khi cơ quan đã trả lời, trang tra cứu sẽ hỏi ông/bà vấn đề đã được giải quyết chưa."
    ),
    "Anyone who has the code can see the status of the petition (never your name): keep it to yourself.": (
        "Ai có mã đều xem được tình trạng của đơn (không bao giờ thấy tên ông/bà): hãy giữ mã cho riêng mình."
    ),
    "See the status of the petition": "Xem tình trạng của đơn",
    "Send another petition": "Gửi đơn khác",
    "Enter the tracking code you received when you sent the petition.": (
        "Nhập mã tra cứu ông/bà nhận được khi gửi đơn."
    ),
    "Status of the petition": "Tình trạng của đơn",
    "Competent authority": "Cơ quan có thẩm quyền",
    "To be answered by": "Hạn trả lời",
    "Answered on": "Ngày trả lời",
    "Your answer helps the authority know whether its answer solved the problem.": (
        "Ý kiến của ông/bà giúp cơ quan biết việc giải quyết đã thực sự đáp ứng yêu cầu hay chưa."
    ),
    "Yes, it is resolved": "Đã được giải quyết",
    "No, it is not resolved": "Chưa được giải quyết",
    "Reopen the petition": "Đề nghị xem xét lại",
    "What has happened": "Quá trình xử lý",
    "This page shows the progress of the petition and the answers of the authority. It never shows who "
    "sent it.": (
        "Trang này cho biết quá trình xử lý đơn và trả lời của cơ quan có thẩm quyền, không bao giờ hiện "
        "người gửi đơn."
    ),
    "Petition not found": "Không tìm thấy đơn",
    "No petition has this tracking code. Check the code (10 letters and digits, e.g. K7QM-3XPA-92) and "
    "try again.": (
        "Không có đơn nào có mã tra cứu này. Vui lòng kiểm tra lại mã (10 chữ cái và chữ số, ví dụ "
        "K7QM-3XPA-92)."
    ),
    "Please wait": "Vui lòng chờ",
    # the login page
    "Citizens: send a petition, track a petition": "Người dân gửi đơn, tra cứu đơn",
}

PLURALS = {
    "%(days)s working day from %(start)s": "%(days)s ngày làm việc kể từ ngày %(start)s",
    "%(days)s day from %(start)s": "%(days)s ngày kể từ ngày %(start)s",
}
