"""Vietnamese UI strings of the funding app (kinh phí phong trào), merged by tools/vi_catalog.py."""

VI = {
    # navigation and tabs
    "Funding": "Kinh phí",
    "Funding of the movement": "Kinh phí phong trào",
    "%(unit)s and the units under it": "%(unit)s và các đơn vị trực thuộc",
    "Record spending": "Ghi khoản chi",
    "Record an allocation": "Ghi kinh phí được giao",
    "Summary": "Tổng hợp",
    "Allocations": "Kinh phí được giao",
    "Allocation": "Kinh phí được giao",
    "Spending": "Các khoản chi",
    "Support to models": "Hỗ trợ mô hình",
    # choices
    "State budget of the level": "Ngân sách cấp mình",
    "Contributions raised (socialization)": "Xã hội hóa",
    "Other sources": "Nguồn khác",
    "Training": "Tập huấn",
    "Appraisal and commendation": "Thẩm định, khen thưởng",
    "Communication": "Tuyên truyền",
    "Other": "Khác",
    "In force": "Còn hiệu lực",
    "Voided": "Đã hủy",
    "voided": "đã hủy",
    "Void": "Hủy",
    # model fields
    "voided at": "thời điểm hủy",
    "voided by": "người hủy",
    "recorded by": "người ghi",
    "reason for voiding": "lý do hủy",
    "source": "nguồn kinh phí",
    "amount (VND)": "số tiền (đồng)",
    "e.g. Quyết định số 123/QĐ-UBND ngày 10/01/2025 của UBND thành phố": (
        "Ví dụ: Quyết định số 123/QĐ-UBND ngày 10/01/2025 của UBND thành phố"
    ),
    "funding allocation": "kinh phí được giao",
    "funding allocations": "kinh phí được giao",
    "purpose": "nội dung chi",
    "model or exemplar supported": "mô hình, điển hình được hỗ trợ",
    "charged to": "tính vào dự toán",
    "voucher": "số chứng từ",
    "Number of the payment voucher or invoice.": "Số phiếu chi hoặc hóa đơn.",
    "expenditure": "khoản chi",
    "expenditures": "các khoản chi",
    # metrics
    "funding allocated": "kinh phí được giao",
    "Money allocated to the movement for the period's years (all sources), not voided.": (
        "Kinh phí được giao cho phong trào trong các năm của kỳ (mọi nguồn), không tính khoản đã hủy."
    ),
    "funding spent": "kinh phí đã chi",
    "Money spent on the movement on dates in the period, whatever it was charged to.": (
        "Kinh phí đã chi cho phong trào có ngày chi trong kỳ, dù tính vào dự toán nào."
    ),
    "support to models": "hỗ trợ mô hình",
    "Money spent in the period supporting particular models and exemplars.": (
        "Kinh phí đã chi trong kỳ để hỗ trợ các mô hình, điển hình cụ thể."
    ),
    "models supported": "mô hình được hỗ trợ",
    "Distinct models and exemplars that received support spent in the period.": (
        "Số mô hình, điển hình (không trùng) được hỗ trợ kinh phí chi trong kỳ."
    ),
    # rules and messages
    "The amount must not be negative.": "Số tiền không được âm.",
    "The amount must be greater than zero.": "Số tiền phải lớn hơn 0.",
    "Choose the model or exemplar this money supports.": "Hãy chọn mô hình, điển hình được hỗ trợ khoản chi này.",
    "Enter the amount in đồng.": "Hãy nhập số tiền (đồng).",
    "Enter the amount in whole đồng.": "Hãy nhập số tiền là số đồng chẵn, không có phần lẻ.",
    "Enter the %(field)s.": "Hãy nhập %(field)s.",
    "The %(field)s is too long (at most %(limit)s characters).": (
        "Nội dung “%(field)s” quá dài (tối đa %(limit)s ký tự)."
    ),
    "The reason is too long (at most %(limit)s characters).": "Lý do quá dài (tối đa %(limit)s ký tự).",
    "Enter the date it was spent.": "Hãy nhập ngày chi.",
    "Choose the source of the funding.": "Hãy chọn nguồn kinh phí.",
    "%(unit)s was not in force in %(year)s.": "%(unit)s không hoạt động trong năm %(year)s.",
    "Choose what the money was spent on.": "Hãy chọn nội dung chi.",
    "%(unit)s was not in force on %(date)s.": "%(unit)s không hoạt động vào ngày %(date)s.",
    "Choose a model or exemplar.": "Hãy chọn một mô hình, điển hình.",
    "“%(name)s” is not a model of %(unit)s or of a unit under it.": (
        "“%(name)s” không phải là mô hình của %(unit)s hoặc đơn vị trực thuộc."
    ),
    "“%(name)s” is still a draft: support goes to registered models.": (
        "“%(name)s” mới là bản nháp: chỉ hỗ trợ các mô hình đã đăng ký."
    ),
    "Spending is charged to an allocation of the same unit.": (
        "Khoản chi chỉ được tính vào kinh phí được giao của chính đơn vị chi."
    ),
    "Spending of %(year)s is charged to an allocation of %(year)s.": (
        "Khoản chi năm %(year)s phải tính vào kinh phí được giao năm %(year)s."
    ),
    "This allocation has been voided: charge the spending to another one.": (
        "Khoản kinh phí được giao này đã bị hủy: hãy tính khoản chi vào khoản khác."
    ),
    "This spending would exceed the allocation “%(allocation)s”: %(allocated)s allocated, "
    "%(charged)s already charged, %(left)s left.": (
        "Khoản chi này vượt kinh phí được giao “%(allocation)s”: được giao %(allocated)s, "
        "đã chi %(charged)s, còn lại %(left)s."
    ),
    "Allocation recorded": "Ghi kinh phí được giao",
    "A voided allocation cannot be changed.": "Không thể sửa khoản kinh phí đã hủy.",
    "Give the reason for the change.": "Hãy nêu lý do sửa đổi.",
    "Spending of %(year)s is charged to this allocation: its year cannot change.": (
        "Đã có khoản chi năm %(year)s tính vào khoản kinh phí này: không thể đổi năm."
    ),
    "%(charged)s of spending is charged to this allocation: it cannot be less than that.": (
        "Đã chi %(charged)s tính vào khoản kinh phí này: không thể giảm xuống thấp hơn số đó."
    ),
    "This allocation has already been voided.": "Khoản kinh phí này đã bị hủy trước đó.",
    "Give the reason for voiding it.": "Hãy nêu lý do hủy.",
    "Spending is charged to this allocation: void it or charge it elsewhere first.": (
        "Đang có khoản chi tính vào khoản kinh phí này: hãy hủy các khoản chi đó hoặc chuyển sang khoản khác trước."
    ),
    "Spending recorded": "Ghi khoản chi",
    "A voided expenditure cannot be changed.": "Không thể sửa khoản chi đã hủy.",
    "This expenditure has already been voided.": "Khoản chi này đã bị hủy trước đó.",
    "The allocation has been recorded.": "Đã ghi kinh phí được giao.",
    "The allocation has been changed.": "Đã sửa kinh phí được giao.",
    "The allocation has been voided.": "Đã hủy khoản kinh phí được giao.",
    "The spending has been recorded.": "Đã ghi khoản chi.",
    "The spending has been changed.": "Đã sửa khoản chi.",
    "The spending has been voided.": "Đã hủy khoản chi.",
    # forms
    "Source": "Nguồn kinh phí",
    "Description, voucher or model": "Nội dung, chứng từ hoặc mô hình",
    "Purpose": "Nội dung chi",
    "Kept in the history with your name and the time.": "Được lưu trong lịch sử cùng tên bạn và thời điểm sửa.",
    "%(source)s %(year)s — %(amount)s (%(left)s left)": "%(source)s năm %(year)s — %(amount)s (còn lại %(left)s)",
    "The allocation of the same year this spending is paid from, if any.": (
        "Khoản kinh phí được giao cùng năm mà khoản chi này lấy từ đó (nếu có)."
    ),
    "Required for support to models.": "Bắt buộc khi chi hỗ trợ mô hình.",
    "— not charged to an allocation —": "— không tính vào khoản kinh phí nào —",
    "Reason for voiding": "Lý do hủy",
    # the model page's box
    "Funding support": "Kinh phí hỗ trợ",
    "Record support": "Ghi khoản hỗ trợ",
    "The latest ones are shown.": "Chỉ hiển thị các khoản gần nhất.",
    "No funding support recorded for this model yet.": "Chưa ghi nhận khoản hỗ trợ kinh phí nào cho mô hình này.",
    # pages
    "Void this row? It stays in the records but counts nowhere.": (
        "Hủy khoản này? Khoản vẫn được lưu trong hồ sơ nhưng không được tính vào đâu."
    ),
    "allocated": "được giao",
    "charged to it": "đã chi",
    "left": "còn lại",
    "Recorded": "Ghi nhận",
    "Spending charged to it": "Các khoản chi tính vào khoản này",
    "Nothing is charged to it yet.": "Chưa có khoản chi nào tính vào khoản này.",
    "Only the latest 50 are shown.": "Chỉ hiển thị 50 khoản gần nhất.",
    "Correct it": "Sửa",
    "Void a mistaken allocation (nothing is deleted). Spending charged to it must be voided or charged "
    "elsewhere first.": (
        "Hủy khoản kinh phí ghi nhầm (không xóa dữ liệu). Các khoản chi tính vào khoản này phải được hủy "
        "hoặc chuyển sang khoản khác trước."
    ),
    "Correct an allocation": "Sửa kinh phí được giao",
    "The money a unit is given for the movement in a year, as the decision that gives it says.": (
        "Kinh phí đơn vị được giao cho phong trào trong năm, theo quyết định giao."
    ),
    "Allocated to": "Đơn vị được giao",
    "Total (not voided)": "Tổng cộng (không tính khoản đã hủy)",
    "Amount": "Số tiền",
    "Left": "Còn lại",
    "No allocation matches these filters.": "Không có khoản kinh phí nào phù hợp điều kiện lọc.",
    "No allocation recorded yet.": "Chưa ghi nhận kinh phí được giao.",
    "Date": "Ngày",
    "Model or exemplar supported": "Mô hình, điển hình được hỗ trợ",
    "Charged to": "Tính vào dự toán",
    "Description": "Nội dung",
    "Voucher": "Chứng từ",
    "Void a mistaken record (nothing is deleted): it stays here with your reason and counts nowhere.": (
        "Hủy khoản ghi nhầm (không xóa dữ liệu): khoản vẫn ở đây cùng lý do hủy và không được tính vào đâu."
    ),
    "Correct a record of spending": "Sửa khoản chi",
    "Money a unit spent on the movement. Support to a model names the model it supports.": (
        "Khoản tiền đơn vị đã chi cho phong trào. Chi hỗ trợ mô hình phải ghi rõ mô hình được hỗ trợ."
    ),
    "Spent by": "Đơn vị chi",
    "What for": "Nội dung chi",
    "No spending matches these filters.": "Không có khoản chi nào phù hợp điều kiện lọc.",
    "No spending recorded yet.": "Chưa ghi nhận khoản chi nào.",
    "Support": "Hỗ trợ",
    "Times": "Số lần",
    "Last": "Gần nhất",
    "No model supported yet.": "Chưa hỗ trợ mô hình nào.",
    "allocated in %(year)s": "được giao năm %(year)s",
    "spent in %(year)s": "đã chi năm %(year)s",
    "balance (allocated − spent)": "còn lại (được giao − đã chi)",
    "Allocated, by source": "Được giao, theo nguồn",
    "Spent, by purpose": "Đã chi, theo nội dung",
    "By unit": "Theo đơn vị",
    "Allocated": "Được giao",
    "Spent": "Đã chi",
    "Balance": "Còn lại",
    "%(unit)s itself": "Riêng %(unit)s",
    "Each line covers the unit and the units under it, and the former units whose work continues in them.": (
        "Mỗi dòng gồm đơn vị và các đơn vị trực thuộc, cùng các đơn vị cũ (trước sắp xếp) mà đơn vị "
        "này kế thừa."
    ),
    "Models and exemplars supported": "Mô hình, điển hình được hỗ trợ",
    "No model supported in this year.": "Trong năm chưa hỗ trợ mô hình nào.",
}

PLURALS = {
    "received in %(counter)s payment": "đã nhận qua %(counter)s lần chi",
    "%(counter)s allocation": "%(counter)s khoản kinh phí được giao",
    "%(counter)s expenditure": "%(counter)s khoản chi",
    "%(counter)s model or exemplar supported": "%(counter)s mô hình, điển hình được hỗ trợ",
    "support to %(counter)s model": "hỗ trợ %(counter)s mô hình",
    "%(counter)s subordinate unit with nothing recorded in %(year)s": (
        "%(counter)s đơn vị trực thuộc chưa ghi nhận kinh phí năm %(year)s"
    ),
}
