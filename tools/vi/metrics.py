"""Vietnamese for the metrics registry, its API and the counters of models, exemplars and awards."""

VI = {
    # awards: the marks of a signed decision
    "The decision is issued: its list, typical models included, is part of the signed document and no longer changes. Mark them in a new decision.": "Quyết định đã ban hành: danh sách kèm theo, kể cả các mô hình tiêu biểu, là một phần của văn bản đã ký và không thay đổi nữa. Hãy đánh dấu trong một quyết định mới.",
    # metrics API
    "The start of the period is after its end.": "Ngày bắt đầu của kỳ sau ngày kết thúc.",
    "Unknown metric: %(code)s.": "Không có chỉ số: %(code)s.",
    # initiatives
    "models and exemplars registered": "mô hình, điển hình đăng ký",
    "Models and exemplars registered (past the draft) whose year of registration falls in the period, owned by the unit or its subtree.": "Số mô hình, điển hình đã đăng ký (không tính bản nháp) có năm đăng ký trong kỳ, của đơn vị và các đơn vị trực thuộc.",
    "models registered": "mô hình đăng ký",
    "Collective models (including village self-management models) registered in the period's years.": "Số mô hình tập thể (kể cả mô hình tự quản ở thôn, tổ dân phố) đăng ký trong các năm của kỳ.",
    "village self-management models registered": "mô hình tự quản ở thôn, tổ dân phố",
    "Village self-management models registered in the period's years.": "Số mô hình tự quản ở thôn, tổ dân phố đăng ký trong các năm của kỳ.",
    "exemplars registered": "điển hình đăng ký",
    "Exemplars (collective or individual) registered in the period's years.": "Số điển hình (tập thể hoặc cá nhân) đăng ký trong các năm của kỳ.",
    "models and exemplars being built": "mô hình, điển hình đang xây dựng",
    "Models and exemplars registered in the period's years that are now being implemented, proposed for recognition or being consolidated.": "Số mô hình, điển hình đăng ký trong các năm của kỳ hiện đang triển khai, đang đề nghị công nhận hoặc đang củng cố.",
    "models and exemplars recognized": "mô hình, điển hình được công nhận",
    "Models and exemplars whose latest recognition by the competent level is dated in the period and which still count as recognized (recognized, or recognized and replicated).": "Số mô hình, điển hình được cấp có thẩm quyền công nhận (lần gần nhất) trong kỳ và vẫn đang được công nhận (đã công nhận, hoặc đã công nhận và nhân rộng).",
    "replications": "mô hình nhân rộng",
    "Models registered in the period's years as a replication of another unit's model.": "Số mô hình đăng ký trong các năm của kỳ theo hình thức nhân rộng mô hình của đơn vị khác.",
    # awards
    "recognized by decision": "công nhận bằng quyết định",
    "Models and exemplars listed by issued recognition decisions dated in the period.": "Số mô hình, điển hình có tên trong các quyết định công nhận đã ban hành trong kỳ.",
    "typical": "tiêu biểu",
    "Models and exemplars marked typical by issued recognition decisions dated in the period.": "Số mô hình, điển hình được xác định tiêu biểu trong các quyết định công nhận đã ban hành trong kỳ.",
    "proposed for commendation": "đề nghị khen thưởng",
    "Typical models and exemplars that issued recognition decisions dated in the period propose for commendation.": "Số mô hình, điển hình tiêu biểu được đề nghị khen thưởng trong các quyết định công nhận đã ban hành trong kỳ.",
    "collectives and individuals commended": "tập thể, cá nhân được khen thưởng",
    "Collectives and individuals proposed by the unit's subtree and granted an award by an issued commendation decision dated in the period.": "Số tập thể, cá nhân do đơn vị và các đơn vị trực thuộc đề nghị được khen thưởng bằng quyết định ban hành trong kỳ.",
}
VI.update(
    {
        # one English phrase, two Vietnamese ones (pgettext contexts)
        ("criteria set", "issuing unit"): "đơn vị ban hành",
        ("decision", "At the level of"): "Cấp ban hành",
    }
)
VI["Show all models"] = "Xem tất cả mô hình"
VI["Give the unit (within) whose figure to list."] = "Cần chọn đơn vị (within) có số liệu cần liệt kê."
VI.update(
    {
        "unit path": "đường dẫn đơn vị",
        "stamp": "dấu thay đổi",
        "channel": "kênh thay đổi",
        "rollup stamp": "dấu thay đổi số liệu tổng hợp",
        "rollup stamps": "dấu thay đổi số liệu tổng hợp",
        "computed on": "tính ngày",
        "value": "giá trị",
        "rollup": "số liệu tổng hợp",
        "rollups": "số liệu tổng hợp",
    }
)
