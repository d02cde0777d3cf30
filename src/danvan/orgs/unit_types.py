"""The unit types every installation starts with (kept as data; provinces may add their own)."""

from danvan.orgs.models import UnitCategory as C

DEFAULT_UNIT_TYPES = [
    # code, Vietnamese name, category, can be a standing agency, order
    ("party_committee", "Cấp ủy Đảng (Tỉnh ủy, Thành ủy, Đảng ủy)", C.PARTY, False, 10),
    ("propaganda_mobilization_dept", "Ban Tuyên giáo và Dân vận", C.PARTY, True, 20),
    ("mobilization_dept", "Ban Dân vận (trước năm 2025)", C.PARTY, True, 21),
    ("party_department", "Ban, cơ quan tham mưu của cấp ủy", C.PARTY, False, 22),
    ("party_cell", "Chi bộ, đảng bộ cơ sở", C.PARTY, False, 25),
    ("peoples_council", "Hội đồng nhân dân", C.GOVERNMENT, False, 30),
    ("peoples_committee", "Ủy ban nhân dân", C.GOVERNMENT, False, 31),
    ("state_agency", "Cơ quan nhà nước (sở, phòng, ban)", C.GOVERNMENT, False, 32),
    ("fatherland_front", "Ủy ban Mặt trận Tổ quốc Việt Nam", C.FRONT, True, 40),
    ("trade_union", "Công đoàn", C.MASS_ORG, False, 50),
    ("youth_union", "Đoàn Thanh niên Cộng sản Hồ Chí Minh", C.MASS_ORG, False, 51),
    ("womens_union", "Hội Liên hiệp Phụ nữ", C.MASS_ORG, False, 52),
    ("farmers_association", "Hội Nông dân", C.MASS_ORG, False, 53),
    ("veterans_association", "Hội Cựu chiến binh", C.MASS_ORG, False, 54),
    ("mass_association", "Hội quần chúng", C.MASS_ORG, False, 59),
    ("police", "Công an", C.ARMED_FORCES, False, 60),
    ("military_command", "Cơ quan quân sự", C.ARMED_FORCES, False, 61),
    ("village_front_committee", "Ban công tác Mặt trận thôn, tổ dân phố", C.VILLAGE, False, 70),
    ("village_mobilization_team", "Tổ dân vận thôn, tổ dân phố", C.VILLAGE, False, 71),
    ("village_party_cell", "Chi bộ thôn, tổ dân phố", C.VILLAGE, False, 72),
]


def ensure_default_unit_types(UnitType) -> int:  # noqa: N803 (a model class, also from migrations)
    created = 0
    for code, name, category, standing, order in DEFAULT_UNIT_TYPES:
        _obj, was_created = UnitType.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "category": category,
                "can_be_standing_agency": standing,
                "sort_order": order,
            },
        )
        created += was_created
    return created
