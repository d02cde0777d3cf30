"""The fields and topics every installation starts with (managed lists: editable in the admin)."""

FIELDS = [
    ("economy", "Kinh tế", 10),
    ("culture_society", "Văn hóa - xã hội", 20),
    ("defence_security", "Quốc phòng - an ninh", 30),
    ("political_system", "Xây dựng hệ thống chính trị", 40),
    ("new_rural", "Xây dựng nông thôn mới", 50),
]

TOPICS = [
    ("party_building", "Xây dựng Đảng"),
    ("administrative_reform", "Cải cách hành chính"),
    ("digital_transformation", "Chuyển đổi số"),
    ("land_clearance", "Giải phóng mặt bằng, bồi thường, tái định cư"),
    ("environment", "Bảo vệ môi trường"),
    ("new_rural", "Xây dựng nông thôn mới"),
    ("civilized_urban", "Đô thị văn minh, tuyến phố văn minh"),
    ("social_security", "An sinh xã hội"),
    ("poverty_reduction", "Giảm nghèo bền vững"),
    ("grassroots_democracy", "Thực hiện dân chủ ở cơ sở"),
    ("national_unity", "Khối đại đoàn kết toàn dân tộc"),
    ("religion_ethnicity", "Công tác tôn giáo, dân tộc"),
    ("security_order", "An ninh trật tự"),
    ("economic_development", "Phát triển kinh tế, sản xuất"),
    ("culture_family", "Văn hóa, gia đình"),
    ("education_health", "Giáo dục, y tế"),
]


def ensure_defaults(Field, Topic) -> None:  # noqa: N803 (model classes, also from migrations)
    for code, name, order in FIELDS:
        Field.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})
    for index, (code, name) in enumerate(TOPICS):
        Topic.objects.get_or_create(code=code, defaults={"name": name, "sort_order": (index + 1) * 10})
