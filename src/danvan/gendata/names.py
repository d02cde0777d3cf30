"""Vietnamese vocabularies: people's names, and models' names built from what they work on."""

from __future__ import annotations

import random

SURNAMES = (
    ["Nguyễn"] * 38
    + ["Trần"] * 11
    + ["Lê"] * 10
    + ["Phạm"] * 7
    + ["Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"] * 2
    + ["Trương", "Đinh", "Đoàn", "Lâm", "Mai", "Trịnh", "Cao", "Tạ", "Hà", "Lương", "Châu", "Thái"]
)
MIDDLE_MALE = ["Văn", "Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Công", "Xuân", "Ngọc", "Đình"]
MIDDLE_FEMALE = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Minh", "Mỹ", "Bích", "Hồng"]
GIVEN_MALE = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Hải",
    "Hiếu",
    "Hùng",
    "Huy",
    "Khoa",
    "Khánh",
    "Long",
    "Lộc",
    "Minh",
    "Nam",
    "Nghĩa",
    "Phong",
    "Phúc",
    "Quang",
    "Sơn",
    "Tài",
    "Tâm",
    "Thắng",
    "Thành",
    "Tiến",
    "Toàn",
    "Trung",
    "Tuấn",
    "Việt",
    "Vinh",
]
GIVEN_FEMALE = [
    "Anh",
    "Châu",
    "Diệp",
    "Dung",
    "Giang",
    "Hà",
    "Hạnh",
    "Hằng",
    "Hoa",
    "Hồng",
    "Hương",
    "Lan",
    "Liên",
    "Linh",
    "Loan",
    "Mai",
    "My",
    "Nga",
    "Ngọc",
    "Nhung",
    "Oanh",
    "Phương",
    "Quyên",
    "Thảo",
    "Thủy",
    "Trang",
    "Tuyết",
    "Vân",
    "Xuân",
    "Yến",
]

VILLAGE_WORDS = [
    "An",
    "Bình",
    "Phú",
    "Hòa",
    "Tân",
    "Thạnh",
    "Mỹ",
    "Phước",
    "Long",
    "Xuân",
    "Đông",
    "Tây",
    "Nam",
    "Bắc",
    "Trung",
    "Thượng",
    "Hạ",
    "Quý",
    "Lộc",
    "Thọ",
    "Hưng",
    "Thịnh",
    "Lợi",
    "Khánh",
    "Hiệp",
    "Đức",
    "Thuận",
    "Hội",
    "Sơn",
    "Thủy",
    "Điền",
    "Lâm",
    "Cát",
    "Trường",
    "Vĩnh",
    "Quang",
]

# what a model works on, by topic code (initiatives.defaults.TOPICS): the start of its name
MODEL_PHRASES: dict[str, list[str]] = {
    "party_building": [
        "Chi bộ kiểu mẫu gắn với dân vận khéo",
        "Đảng viên gần dân, hiểu dân, giúp dân",
        "Mỗi đảng viên nhận đỡ đầu một hộ khó khăn",
    ],
    "administrative_reform": [
        "Bộ phận một cửa thân thiện, phục vụ người dân",
        "Cán bộ đến từng nhà hướng dẫn thủ tục hành chính",
        "Ngày thứ Bảy vì dân",
    ],
    "digital_transformation": [
        "Tổ công nghệ số cộng đồng",
        "Bình dân học vụ số cho người cao tuổi",
        "Hướng dẫn người dân thanh toán không dùng tiền mặt",
        "Cài đặt ứng dụng định danh điện tử tận nhà",
    ],
    "land_clearance": [
        "Vận động nhân dân hiến đất mở rộng đường giao thông nông thôn",
        "Dân vận khéo trong giải phóng mặt bằng dự án",
        "Đối thoại với hộ dân về bồi thường, tái định cư",
    ],
    "environment": [
        "Tuyến đường xanh - sạch - đẹp",
        "Phân loại rác thải tại nguồn",
        "Nói không với rác thải nhựa",
        "Ngày Chủ nhật xanh",
        "Bảo vệ dòng sông quê hương",
    ],
    "new_rural": [
        "Khu dân cư kiểu mẫu",
        "Vườn mẫu, khu dân cư nông thôn mới",
        "Bê tông hóa đường nội đồng",
    ],
    "civilized_urban": [
        "Tuyến phố văn minh, không lấn chiếm vỉa hè",
        "Khu phố không có người nghiện ma túy",
        "Thắp sáng đường quê",
    ],
    "social_security": [
        "Ngôi nhà Đại đoàn kết",
        "Bếp ăn từ thiện",
        "Quỹ tương trợ hội viên",
        "Tủ sách, tủ thuốc nhân ái",
    ],
    "poverty_reduction": [
        "Tổ hợp tác sản xuất giúp hộ nghèo thoát nghèo",
        "Nuôi bò sinh sản giúp hội viên nghèo",
        "Tiết kiệm xoay vòng vốn giúp nhau làm kinh tế",
    ],
    "grassroots_democracy": [
        "Dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng",
        "Hòm thư góp ý tại nhà văn hóa thôn",
        "Hội nghị đối thoại định kỳ với nhân dân",
    ],
    "national_unity": [
        "Ngày hội Đại đoàn kết toàn dân tộc",
        "Khu dân cư đoàn kết, tự quản",
        "Kết nghĩa giữa các khu dân cư",
    ],
    "religion_ethnicity": [
        "Xứ, họ đạo bình yên",
        "Chức sắc tôn giáo cùng chính quyền vận động đồng bào",
        "Người có uy tín trong đồng bào dân tộc thiểu số",
    ],
    "security_order": [
        "Camera an ninh giữ bình yên khu phố",
        "Tổ tự quản an ninh trật tự",
        "Khu dân cư an toàn về an ninh trật tự",
        "Phòng chống ma túy từ gia đình",
    ],
    "economic_development": [
        "Liên kết sản xuất lúa theo chuỗi giá trị",
        "Cánh đồng lớn",
        "Hợp tác xã nông nghiệp kiểu mới",
        "Mỗi xã một sản phẩm OCOP",
    ],
    "culture_family": [
        "Gia đình văn hóa, dòng họ hiếu học",
        "Câu lạc bộ gia đình hạnh phúc",
        "Giữ gìn làn điệu dân ca quê hương",
    ],
    "education_health": [
        "Cung cấp nước sạch cho trường học",
        "Giếng nước sạch cho hộ nghèo",
        "Nước sạch về thôn",
        "Tiếp sức đến trường",
        "Khám bệnh, cấp thuốc miễn phí cho người cao tuổi",
    ],
}
# the field (initiatives.defaults.FIELDS) a topic's models belong to
TOPIC_FIELD = {
    "party_building": "political_system",
    "administrative_reform": "political_system",
    "digital_transformation": "political_system",
    "grassroots_democracy": "political_system",
    "land_clearance": "economy",
    "economic_development": "economy",
    "poverty_reduction": "economy",
    "environment": "new_rural",
    "new_rural": "new_rural",
    "civilized_urban": "culture_society",
    "social_security": "culture_society",
    "culture_family": "culture_society",
    "education_health": "culture_society",
    "national_unity": "culture_society",
    "religion_ethnicity": "defence_security",
    "security_order": "defence_security",
}
# what the search benchmark types (folded words that occur in the phrases above)
SEARCH_TERMS = [
    "nước sạch",
    "an ninh trật tự",
    "rác thải",
    "hiến đất",
    "ngoi nha dai doan ket",
    "công nghệ số",
]


def person_name(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_MALE)} {rng.choice(GIVEN_MALE)}"
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_FEMALE)} {rng.choice(GIVEN_FEMALE)}"


def village_name(rng: random.Random, used: set[str]) -> str:
    """Two words ("Phú Quý"), or a number when the words run out."""
    for _ in range(20):
        name = f"{rng.choice(VILLAGE_WORDS)} {rng.choice(VILLAGE_WORDS)}"
        if name not in used and name.split()[0] != name.split()[1]:
            used.add(name)
            return name
    name = str(len(used) + 1)
    used.add(name)
    return name


# --- petitions: what citizens write about, by topic (petitions.models.Topic) and kind -------------
# "{place}" is the village or residential group the petition is about
PETITION_SUBJECTS: dict[str, dict[str, list[str]]] = {
    "land": {
        "complaint": [
            "Khiếu nại quyết định thu hồi đất của gia đình",
            "Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất",
            "Khiếu nại việc xác định diện tích đất bị thu hồi",
            "Khiếu nại việc giải quyết tranh chấp ranh giới đất",
        ],
        "denunciation": [
            "Tố cáo cán bộ địa chính làm sai lệch hồ sơ đất đai",
            "Tố cáo việc chuyển nhượng đất công trái phép ở {place}",
        ],
        "recommendation": [
            "Đề nghị cấp giấy chứng nhận quyền sử dụng đất",
            "Đề nghị đo đạc lại ranh giới thửa đất ở {place}",
        ],
        "feedback": [
            "Phản ánh việc lấn chiếm đất công ở {place}",
            "Phản ánh tranh chấp ranh giới đất giữa các hộ ở {place}",
        ],
    },
    "compensation": {
        "complaint": [
            "Khiếu nại đơn giá bồi thường dự án qua {place}",
            "Khiếu nại việc không được hỗ trợ tái định cư",
            "Khiếu nại phương án bồi thường, hỗ trợ khi thu hồi đất",
            "Khiếu nại việc không được hỗ trợ chuyển đổi nghề khi thu hồi đất nông nghiệp",
        ],
        "denunciation": ["Tố cáo việc lập khống hồ sơ bồi thường giải phóng mặt bằng"],
        "recommendation": [
            "Đề nghị sớm bố trí đất tái định cư cho các hộ ở {place}",
            "Đề nghị chi trả phần tiền bồi thường còn lại",
        ],
        "feedback": ["Phản ánh chậm chi trả tiền bồi thường giải phóng mặt bằng ở {place}"],
    },
    "construction": {
        "complaint": [
            "Khiếu nại quyết định xử phạt vi phạm hành chính về xây dựng",
            "Khiếu nại quyết định cưỡng chế tháo dỡ công trình",
        ],
        "denunciation": ["Tố cáo cán bộ bao che công trình xây dựng sai phép ở {place}"],
        "recommendation": [
            "Đề nghị lắp đèn chiếu sáng đường ở {place}",
            "Đề nghị sửa chữa cống thoát nước ở {place}",
            "Đề nghị nâng cấp đường bê tông ở {place}",
        ],
        "feedback": [
            "Phản ánh xây dựng nhà trái phép ở {place}",
            "Phản ánh lấn chiếm vỉa hè, lòng đường ở {place}",
            "Phản ánh đường giao thông ở {place} xuống cấp",
        ],
    },
    "environment": {
        "denunciation": ["Tố cáo cơ sở sản xuất xả nước thải chưa xử lý ra kênh ở {place}"],
        "recommendation": [
            "Đề nghị bố trí điểm tập kết rác ở {place}",
            "Đề nghị nạo vét kênh mương ở {place}",
        ],
        "feedback": [
            "Phản ánh rác thải tồn đọng ở {place}",
            "Phản ánh cơ sở chăn nuôi gây ô nhiễm ở {place}",
            "Phản ánh tiếng ồn của cơ sở sản xuất ở {place}",
            "Phản ánh khói bụi từ lò đốt rác ở {place}",
        ],
    },
    "social_policy": {
        "complaint": ["Khiếu nại việc bình xét hộ nghèo", "Khiếu nại việc cắt trợ cấp xã hội hằng tháng"],
        "denunciation": ["Tố cáo việc lập danh sách hỗ trợ không đúng đối tượng ở {place}"],
        "recommendation": [
            "Đề nghị xét công nhận hộ cận nghèo",
            "Đề nghị giải quyết chế độ người có công với cách mạng",
            "Đề nghị hỗ trợ xây nhà cho hộ khó khăn ở {place}",
            "Đề nghị cấp thẻ bảo hiểm y tế cho người cao tuổi",
        ],
        "feedback": ["Phản ánh việc bình xét hộ nghèo ở {place} chưa công khai"],
    },
    "procedures": {
        "complaint": ["Khiếu nại việc từ chối giải quyết hồ sơ đăng ký hộ tịch"],
        "recommendation": [
            "Đề nghị hướng dẫn thủ tục đăng ký khai sinh trực tuyến",
            "Đề nghị rút ngắn thời gian chứng thực hồ sơ",
        ],
        "feedback": [
            "Phản ánh chậm trả kết quả thủ tục hành chính",
            "Phản ánh thái độ phục vụ tại bộ phận một cửa",
        ],
    },
    "officials": {
        "complaint": ["Khiếu nại hành vi của cán bộ khi thi hành công vụ"],
        "denunciation": [
            "Tố cáo cán bộ nhận tiền khi làm thủ tục",
            "Tố cáo trưởng thôn lợi dụng chức vụ ở {place}",
            "Tố cáo việc sử dụng sai mục đích kinh phí ở {place}",
        ],
        "feedback": ["Phản ánh cán bộ thiếu trách nhiệm khi tiếp công dân"],
    },
    "security": {
        "denunciation": ["Tố cáo tụ điểm cờ bạc ở {place}", "Tố cáo điểm mua bán trái phép chất ma túy"],
        "recommendation": ["Đề nghị lắp camera an ninh ở {place}"],
        "feedback": [
            "Phản ánh tụ tập gây mất trật tự ban đêm ở {place}",
            "Phản ánh tình trạng trộm cắp tài sản ở {place}",
            "Phản ánh thanh niên đua xe trái phép",
        ],
    },
    "other": {
        "recommendation": [
            "Đề nghị xây dựng nhà văn hóa ở {place}",
            "Đề nghị hỗ trợ kinh phí sửa chữa nhà văn hóa ở {place}",
        ],
        "feedback": [
            "Phản ánh nước sinh hoạt ở {place} bị mất thường xuyên",
            "Phản ánh mất điện kéo dài ở {place}",
        ],
    },
}
# who forwards petitions to a commune, and where a commune forwards what is not its own
PETITION_FORWARDERS = [
    "Ban Tiếp công dân tỉnh",
    "Đoàn đại biểu Quốc hội tỉnh",
    "Thường trực Hội đồng nhân dân tỉnh",
    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
    "Thanh tra tỉnh",
    "Báo Nhân Dân",
]
PETITION_FORWARD_TO = [
    "Công ty Điện lực tỉnh",
    "Công ty Cấp nước tỉnh",
    "Tòa án nhân dân khu vực",
    "Cơ quan Cảnh sát điều tra Công an tỉnh",
    "Khu Quản lý đường bộ",
    "Chi nhánh Văn phòng đăng ký đất đai",
]
