"""Vietnamese UI strings of hot spots, the escalation of missed deadlines and the due-soon reminders
(danvan.petitions: tick, hotspots, hotspot_forms, hotspot_views, hotspot_api, templates
petitions/hotspots/), merged by tools/vi_catalog.py. Terms as in tools/vi/petitions.py: a hot spot
is "điểm nóng", declared ("xác định") and cleared ("giải tỏa")."""

VI = {
    # tick: escalation and reminders (notifications and the event log)
    "Deadline missed: petition %(code)s (%(kind)s: %(subject)s) was due on %(due)s — %(unit)s": (
        "Quá hạn: đơn %(code)s (%(kind)s: %(subject)s) hết hạn ngày %(due)s — %(unit)s"
    ),
    "the current step": "bước đang xử lý",
    "The legal deadline of “%(step)s” (%(due)s) passed with the step not done; the handler and the "
    "leaders above were notified.": (
        "Đã quá thời hạn luật định của bước “%(step)s” (%(due)s) mà chưa thực hiện xong; đã báo cán bộ "
        "xử lý và lãnh đạo cấp trên."
    ),
    "%(count)s missed deadlines escalated": "đã báo %(count)s trường hợp quá hạn",
    "Petition %(code)s (%(kind)s: %(subject)s) is due on %(due)s — %(unit)s": (
        "Đơn %(code)s (%(kind)s: %(subject)s) đến hạn ngày %(due)s — %(unit)s"
    ),
    # checks of a declaration
    "Choose a responsible unit in force today.": "Chọn đơn vị chịu trách nhiệm đang hoạt động.",
    "%(area)s is not within the area of %(unit)s.": "%(area)s không thuộc địa bàn của %(unit)s.",
    "Choose petitions about this area.": "Chọn các đơn thư về địa bàn này.",
    "At most %(n)s petitions can be linked.": "Chỉ được gắn tối đa %(n)s đơn thư.",
    "These petitions are not about %(area)s or are not yours to see: %(ids)s.": (
        "Các đơn thư sau không thuộc %(area)s hoặc bạn không có quyền xem: %(ids)s."
    ),
    "Choose a unit in which you may declare hot spots.": "Chọn đơn vị mà bạn có quyền xác định điểm nóng.",
    # forms
    "Name, with or without accents": "Tên, có dấu hoặc không dấu",
    "Choose a commune or ward in force in your units' areas.": (
        "Chọn xã, phường đang có hiệu lực thuộc địa bàn các đơn vị của bạn."
    ),
    "Responsible unit": "Đơn vị chịu trách nhiệm",
    "A unit of that commune or ward, or above it, in which you may declare hot spots.": (
        "Đơn vị của xã, phường đó hoặc cấp trên, nơi bạn có quyền xác định điểm nóng."
    ),
    "Choose a unit responsible for this commune or ward.": "Chọn đơn vị chịu trách nhiệm đối với xã, phường này.",
    "Why it is a hot spot": "Lý do xác định là điểm nóng",
    "What is happening: mass or protracted complaints, gatherings, risk to security and order.": (
        "Tình hình cụ thể: khiếu kiện đông người, kéo dài, tụ tập đông người, nguy cơ mất an ninh, trật tự."
    ),
    "Petitions about this area": "Đơn thư về địa bàn này",
    "The petitions that made it a hot spot (optional).": "Các đơn thư làm phát sinh điểm nóng (không bắt buộc).",
    "What was done and why the area is no longer a hot spot.": (
        "Đã làm gì và vì sao địa bàn không còn là điểm nóng."
    ),
    # views (the "Nothing was saved/changed" messages are translated elsewhere)
    "%(area)s has been marked as a hot spot.": "Đã xác định %(area)s là điểm nóng.",
    "%(area)s is no longer a hot spot.": "Đã giải tỏa điểm nóng %(area)s.",
    # list
    "Communes and wards declared hot spots (mass or protracted complaints, risk of unrest).": (
        "Các xã, phường được xác định là điểm nóng (khiếu kiện đông người, kéo dài, nguy cơ mất ổn định)."
    ),
    "Communes and wards declared hot spots (mass or protracted complaints, risk of unrest) by "
    "%(unit)s and the units under it.": (
        "Các xã, phường được %(unit)s và các đơn vị trực thuộc xác định là điểm nóng (khiếu kiện đông "
        "người, kéo dài, nguy cơ mất ổn định)."
    ),
    "Declare a hot spot": "Xác định điểm nóng",
    "Declared on": "Ngày xác định",
    "Cleared on": "Ngày giải tỏa",
    "declared": "xác định",
    "cleared": "giải tỏa",
    "No hot spot matches these filters.": "Không có điểm nóng nào phù hợp với điều kiện lọc.",
    "No hot spot has been declared.": "Chưa có điểm nóng nào được xác định.",
    # declare
    "Mark a commune or ward as a hot spot: mass or protracted complaints, gatherings, a risk to "
    "security and order. Fields marked * are required.": (
        "Xác định một xã, phường là điểm nóng: khiếu kiện đông người, kéo dài, tụ tập đông người, nguy cơ "
        "mất an ninh, trật tự. Các mục có dấu * là bắt buộc."
    ),
    "Show the units and petitions of this commune": "Hiện các đơn vị và đơn thư của xã, phường này",
    "You may not declare a hot spot for this commune or ward.": (
        "Bạn không có quyền xác định điểm nóng cho xã, phường này."
    ),
    "No petition you may see is about this commune or ward.": (
        "Không có đơn thư nào (trong phạm vi bạn được xem) về xã, phường này."
    ),
    "Choose the commune or ward first: the units responsible for it and its petitions are then listed.": (
        "Chọn xã, phường trước: danh sách đơn vị chịu trách nhiệm và đơn thư của địa bàn sẽ hiện ra."
    ),
    "Declare the hot spot": "Xác định điểm nóng",
    # detail
    "Responsible unit:": "Đơn vị chịu trách nhiệm:",
    "Petitions about it": "Đơn thư liên quan",
    "No petition is linked.": "Chưa gắn đơn thư nào.",
    "Clear the hot spot": "Giải tỏa điểm nóng",
    "The area is no longer a hot spot": "Xác nhận địa bàn không còn là điểm nóng",
    "Declare it a hot spot again": "Xác định lại là điểm nóng",
    "History of %(area)s": "Các lần là điểm nóng của %(area)s",
}

PLURALS = {
    "%(counter)s active hot spot": "%(counter)s điểm nóng đang tồn tại",
    "%(counter)s hot spot episode": "%(counter)s lượt điểm nóng",
    "%(counter)s more petition is handled by a unit you may not see.": (
        "Còn %(counter)s đơn thư do đơn vị ngoài phạm vi bạn được xem xử lý."
    ),
}
