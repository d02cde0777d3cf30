"""Vietnamese UI strings of the notifications app (danvan.notifications), merged by tools/vi_catalog.py."""

VI = {
    # the model
    ("notification", "recipient"): "người nhận",
    ("notification", "subject"): "tiêu đề",
    "key": "khóa",
    "What the notification is about; one per recipient.": "Thông báo này nói về việc gì; mỗi người nhận chỉ có một.",
    "link": "đường dẫn",
    "A page of this site.": "Một trang của hệ thống.",
    "read at": "đọc lúc",
    "e-mail pending": "chờ gửi thư điện tử",
    "e-mailed at": "gửi thư điện tử lúc",
    "notification": "thông báo",
    "notifications": "thông báo",
    # the e-mail
    "Open: %(link)s": "Xem chi tiết: %(link)s",
    "An automatic message of the mass-mobilization information system; please do not reply. "
    "All your notifications: %(link)s": (
        "Thư tự động của Hệ thống thông tin công tác dân vận, vui lòng không trả lời thư này. "
        "Tất cả thông báo của bạn: %(link)s"
    ),
    # the bell and the list
    "Notifications": "Thông báo",
    "unread": "chưa đọc",
    "You have read every notification.": "Bạn đã đọc hết các thông báo.",
    "Mark all as read": "Đánh dấu đã đọc tất cả",
    "Unread": "Chưa đọc",
    "new": "mới",
    "No unread notification.": "Không có thông báo chưa đọc.",
    "No notification yet.": "Chưa có thông báo nào.",
}

PLURALS = {
    "%(counter)s unread notification": "%(counter)s thông báo chưa đọc",
    "%(count)d notification marked as read.": "Đã đánh dấu đã đọc %(count)d thông báo.",
}
