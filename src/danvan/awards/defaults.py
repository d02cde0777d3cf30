"""The default catalogue of award forms a province starts from (and then edits as data).

Commendation in the movement follows state law (Luật Thi đua, khen thưởng 2022, Nghị định
98/2023/NĐ-CP) and each province's own regulation (DOMAIN §1), and Party bodies give their own
certificates of merit. A province adopts this list once (`services.adopt_default_catalogue`)
and renames, adds or retires forms afterwards; the granting body of each form is a unit type at a
level, which is what the authority check of a commendation decision compares.
"""

from __future__ import annotations

from danvan.awards.models import AwardGrade as G
from danvan.awards.models import Recipients as R
from danvan.geo.models import AreaLevel as L

BASIS = "Luật Thi đua, khen thưởng năm 2022; Nghị định số 98/2023/NĐ-CP"

# code, name, grade, granting unit type, level, for whom, legal basis
DEFAULT_AWARD_FORMS = [
    (
        "commune_party_board",
        "Giấy khen của Ban Thường vụ Đảng ủy xã, phường",
        G.CERTIFICATE,
        "party_committee",
        L.COMMUNE,
        R.BOTH,
        "Quy định của Ban Thường vụ Tỉnh ủy, Thành ủy về khen thưởng của tổ chức đảng",
    ),
    (
        "commune_chair",
        "Giấy khen của Chủ tịch Ủy ban nhân dân xã, phường",
        G.CERTIFICATE,
        "peoples_committee",
        L.COMMUNE,
        R.BOTH,
        BASIS,
    ),
    (
        "commune_front",
        "Giấy khen của Ban Thường trực Ủy ban MTTQ Việt Nam xã, phường",
        G.CERTIFICATE,
        "fatherland_front",
        L.COMMUNE,
        R.BOTH,
        "Quy định về khen thưởng của Ủy ban Trung ương MTTQ Việt Nam",
    ),
    (
        "province_department",
        "Giấy khen của Ban Tuyên giáo và Dân vận Tỉnh ủy, Thành ủy",
        G.CERTIFICATE,
        "propaganda_mobilization_dept",
        L.PROVINCE,
        R.BOTH,
        "Quy định của Ban Thường vụ Tỉnh ủy, Thành ủy về khen thưởng của tổ chức đảng",
    ),
    (
        "province_chair",
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh, thành phố",
        G.HIGHER_CERTIFICATE,
        "peoples_committee",
        L.PROVINCE,
        R.BOTH,
        BASIS,
    ),
    (
        "province_party_board",
        "Bằng khen của Ban Thường vụ Tỉnh ủy, Thành ủy",
        G.HIGHER_CERTIFICATE,
        "party_committee",
        L.PROVINCE,
        R.BOTH,
        "Quy định của Ban Chấp hành Trung ương về khen thưởng của Đảng",
    ),
]
