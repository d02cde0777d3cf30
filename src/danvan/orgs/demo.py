"""The demo dataset: Thành phố Đà Nẵng with its real communes and, as history, the former
Thành phố Tam Kỳ (Quảng Nam) of seed 002 with its former communes linked to their successor wards.

People's names are invented. Idempotent: a second run finds the dataset and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from danvan.core.permissions import Role
from danvan.core.services import with_reason
from danvan.geo.models import LEGACY_UNTIL, REFORM_DATE, Area, AreaKind, AreaLevel, Era
from danvan.orgs.models import (
    Campaign,
    CommitteePosition,
    Grant,
    Person,
    Pilot,
    SteeringCommittee,
    SteeringCommitteeMember,
    Unit,
    UnitSuccession,
    UnitType,
)

DEMO_PASSWORD = "DanVan@2026"
REASON = "Dữ liệu mẫu (danvan seed_demo)"
MOVEMENT = "phong trào thi đua “Dân vận khéo”"

# villages (with their Front work committees) in five demo communes
VILLAGES = {
    "Phường Tam Kỳ": [
        (AreaKind.URBAN_BLOCK, "Khối phố An Thổ"),
        (AreaKind.URBAN_BLOCK, "Khối phố Mỹ Thạch Bắc"),
        (AreaKind.URBAN_BLOCK, "Khối phố Trường Đồng"),
        (AreaKind.URBAN_BLOCK, "Khối phố 7"),
    ],
    "Phường Hải Châu": [
        (AreaKind.RESIDENTIAL_GROUP, "Tổ dân phố 1"),
        (AreaKind.RESIDENTIAL_GROUP, "Tổ dân phố 2"),
        (AreaKind.RESIDENTIAL_GROUP, "Tổ dân phố 3"),
    ],
    "Phường Quảng Phú": [
        (AreaKind.VILLAGE, "Thôn Phú Quý"),
        (AreaKind.VILLAGE, "Thôn Thạch Tân"),
        (AreaKind.VILLAGE, "Thôn Phú Thạnh"),
    ],
    "Phường Bàn Thạch": [
        (AreaKind.URBAN_BLOCK, "Khối phố Phương Hòa"),
        (AreaKind.URBAN_BLOCK, "Khối phố Xuân Quý"),
    ],
    "Xã Hòa Vang": [
        (AreaKind.VILLAGE, "Thôn Phú Túc"),
        (AreaKind.VILLAGE, "Thôn Hòa Phước"),
        (AreaKind.VILLAGE, "Thôn Dương Sơn"),
    ],
}
SOCIO_POLITICAL = [
    ("youth_union", "Đoàn Thanh niên Cộng sản Hồ Chí Minh"),
    ("womens_union", "Hội Liên hiệp Phụ nữ"),
    ("farmers_association", "Hội Nông dân"),
    ("veterans_association", "Hội Cựu chiến binh"),
    ("trade_union", "Công đoàn"),
]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    full_name: str
    description: str


LOGINS = [
    DemoLogin("admin", "Quản trị hệ thống", "quản trị toàn hệ thống (Django admin)"),
    DemoLogin("quantri.danang", "Nguyễn Hữu Phước", "quản trị người dùng trong Thành ủy Đà Nẵng"),
    DemoLogin(
        "canbo.danang", "Đặng Thu Trang", "cán bộ cơ quan thường trực (Ban Tuyên giáo và Dân vận Thành ủy)"
    ),
    DemoLogin("lanhdao.danang", "Trần Minh Quang", "lãnh đạo (xem tổng hợp, báo cáo) — Thành ủy Đà Nẵng"),
    DemoLogin("hoidong.danang", "Bùi Thị Lan", "thành viên hội đồng thẩm định — Thành ủy Đà Nẵng"),
    DemoLogin(
        "canbo.tamky", "Lê Văn Bình", "cán bộ Đảng ủy phường Tam Kỳ và Ủy ban MTTQ phường (hai đơn vị)"
    ),
    DemoLogin("canbo.haichau", "Phan Thị Hồng", "cán bộ Đảng ủy phường Hải Châu"),
    DemoLogin("tiepdan.tamky", "Huỳnh Văn Tài", "cán bộ tiếp công dân, xử lý đơn thư — UBND phường Tam Kỳ"),
]


def locality(area: Area) -> str:
    """ "phường Tam Kỳ" as it follows a unit's name ("Đảng ủy phường Tam Kỳ")."""
    return f"{area.get_kind_display().lower()} {area.short_name}"


class Seeder:
    def __init__(self):
        self.types = {t.code: t for t in UnitType.objects.all()}

    def unit(
        self,
        parent: Unit | None,
        name: str,
        type_code: str,
        area: Area,
        *,
        valid_from=REFORM_DATE,
        valid_until=None,
    ) -> Unit:
        unit = Unit(
            name=name,
            unit_type=self.types[type_code],
            area=area,
            valid_from=valid_from,
            valid_until=valid_until,
        )
        with_reason(unit, REASON)
        if parent is None:
            return Unit.objects.add_root(instance=unit)
        return Unit.objects.add_child(parent, instance=unit)

    def person(self, unit: Unit, full_name: str, position: str, user=None) -> Person:
        person = Person(unit=unit, full_name=full_name, position=position, user=user)
        with_reason(person, REASON)
        person.save()
        return person

    def succession(self, old: Unit, new: Unit, note: str = "") -> None:
        link = UnitSuccession(
            predecessor=old, successor=new, is_default=True, effective_on=REFORM_DATE, note=note
        )
        with_reason(link, REASON)
        link.save()

    def committee(
        self,
        unit: Unit,
        name: str,
        agency: Unit,
        number: str,
        on: date,
        members: list[tuple[Person, str, str]],
    ) -> SteeringCommittee:
        committee = SteeringCommittee(
            unit=unit, name=name, standing_agency=agency, decision_number=number, established_on=on
        )
        with_reason(committee, REASON)
        committee.save()
        for person, position, title in members:
            member = SteeringCommitteeMember(
                committee=committee, person=person, position=position, title=title
            )
            with_reason(member, REASON)
            member.save()
        return committee

    def commune_units(
        self, parent: Unit, commune: Area, *, valid_from=REFORM_DATE, valid_until=None, full: bool = True
    ) -> dict[str, Unit]:
        where = locality(commune)
        kw = {"valid_from": valid_from, "valid_until": valid_until}
        party = self.unit(parent, f"Đảng ủy {where}", "party_committee", commune, **kw)
        units = {"party": party}
        units["government"] = self.unit(party, f"Ủy ban nhân dân {where}", "peoples_committee", commune, **kw)
        units["front"] = self.unit(
            party, f"Ủy ban Mặt trận Tổ quốc Việt Nam {where}", "fatherland_front", commune, **kw
        )
        if full:
            for code, label in SOCIO_POLITICAL:
                units[code] = self.unit(units["front"], f"{label} {where}", code, commune, **kw)
            units["police"] = self.unit(party, f"Công an {where}", "police", commune, **kw)
        return units


def demo_present() -> bool:
    return Unit.objects.filter(depth=1, name="Thành ủy Đà Nẵng").exists()


@transaction.atomic
def seed_demo() -> bool:
    """Create the demo dataset; False if it was already there. Needs `load_areas` first."""
    if demo_present():
        return False
    if not Area.objects.filter(era=Era.CURRENT, level=AreaLevel.PROVINCE).exists():
        raise RuntimeError("Load the administrative areas first: danvan load_areas")
    s = Seeder()
    danang = Area.objects.get(era=Era.CURRENT, level=AreaLevel.PROVINCE, name="Thành phố Đà Nẵng")
    communes = {a.name: a for a in Area.objects.get_children(danang).filter(level=AreaLevel.COMMUNE)}

    # --- the city and its communes (from 1 July 2025) ---
    city = s.unit(None, "Thành ủy Đà Nẵng", "party_committee", danang)
    dept = s.unit(city, "Ban Tuyên giáo và Dân vận Thành ủy Đà Nẵng", "propaganda_mobilization_dept", danang)
    city_gov = s.unit(city, "Ủy ban nhân dân thành phố Đà Nẵng", "peoples_committee", danang)
    s.unit(city_gov, "Sở Nội vụ thành phố Đà Nẵng", "state_agency", danang)
    s.unit(city_gov, "Sở Nông nghiệp và Môi trường thành phố Đà Nẵng", "state_agency", danang)
    city_front = s.unit(
        city, "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Đà Nẵng", "fatherland_front", danang
    )
    for code, label in SOCIO_POLITICAL:
        s.unit(city_front, f"{label} thành phố Đà Nẵng", code, danang)
    city_police = s.unit(city, "Công an thành phố Đà Nẵng", "police", danang)
    s.unit(city, "Bộ Chỉ huy Quân sự thành phố Đà Nẵng", "military_command", danang)

    commune_units: dict[str, dict[str, Unit]] = {}
    for name in sorted(communes):
        if communes[name].kind == AreaKind.SPECIAL_ZONE:
            continue  # Hoàng Sa has no local Party organization on the ground
        commune_units[name] = s.commune_units(city, communes[name])

    # villages and their Front work committees in the demo communes
    for commune_name, villages in VILLAGES.items():
        commune = communes[commune_name]
        for kind, vname in villages:
            village = Area(
                era=Era.CURRENT,
                level=AreaLevel.VILLAGE,
                kind=kind,
                name=vname,
                short_name=vname.split(" ", 2)[-1] if kind != AreaKind.RESIDENTIAL_GROUP else vname,
                valid_from=REFORM_DATE,
            )
            with_reason(village, REASON)
            village = Area.objects.add_child(commune, instance=village)
            s.unit(
                commune_units[commune_name]["front"],
                f"Ban công tác Mặt trận {vname}",
                "village_front_committee",
                village,
            )

    # --- people ---
    p = {}
    p["quang"] = s.person(city, "Trần Minh Quang", "Phó Bí thư Thường trực Thành ủy")
    p["ha"] = s.person(dept, "Lê Thị Thu Hà", "Trưởng Ban Tuyên giáo và Dân vận Thành ủy")
    p["trang"] = s.person(dept, "Đặng Thu Trang", "Chuyên viên Phòng Dân vận")
    p["phuoc"] = s.person(dept, "Nguyễn Hữu Phước", "Chuyên viên phụ trách công nghệ thông tin")
    p["long"] = s.person(city_gov, "Phạm Văn Long", "Phó Chủ tịch Ủy ban nhân dân thành phố")
    p["mai"] = s.person(city_front, "Võ Thị Mai", "Phó Chủ tịch Ủy ban MTTQ Việt Nam thành phố")
    p["nam"] = s.person(city_police, "Hoàng Văn Nam", "Phó Giám đốc Công an thành phố")
    p["lan"] = s.person(dept, "Bùi Thị Lan", "Phó Trưởng Ban Tuyên giáo và Dân vận Thành ủy")
    tk = commune_units["Phường Tam Kỳ"]
    hc = commune_units["Phường Hải Châu"]
    p["tk_sec"] = s.person(tk["party"], "Ngô Văn Sơn", "Bí thư Đảng ủy phường")
    p["tk_binh"] = s.person(tk["party"], "Lê Văn Bình", "Chuyên viên Văn phòng Đảng ủy")
    p["tk_front"] = s.person(tk["front"], "Trương Thị Hạnh", "Chủ tịch Ủy ban MTTQ Việt Nam phường")
    p["tk_gov"] = s.person(tk["government"], "Đoàn Minh Khoa", "Phó Chủ tịch Ủy ban nhân dân phường")
    p["tk_tai"] = s.person(tk["government"], "Huỳnh Văn Tài", "Công chức tiếp công dân")
    p["hc_sec"] = s.person(hc["party"], "Đỗ Thị Ngọc", "Bí thư Đảng ủy phường")
    p["hc_hong"] = s.person(hc["party"], "Phan Thị Hồng", "Chuyên viên Văn phòng Đảng ủy")
    p["hc_front"] = s.person(hc["front"], "Cao Văn Dũng", "Chủ tịch Ủy ban MTTQ Việt Nam phường")

    # --- steering committees ---
    s.committee(
        city,
        f"Ban Chỉ đạo {MOVEMENT} thành phố Đà Nẵng",
        dept,
        "125-QĐ/TU",
        date(2025, 9, 15),
        [
            (p["quang"], CommitteePosition.HEAD, "Phó Bí thư Thường trực Thành ủy"),
            (p["ha"], CommitteePosition.STANDING_DEPUTY, "Trưởng Ban Tuyên giáo và Dân vận Thành ủy"),
            (p["long"], CommitteePosition.DEPUTY, "Phó Chủ tịch UBND thành phố"),
            (p["mai"], CommitteePosition.MEMBER, "Phó Chủ tịch Ủy ban MTTQ Việt Nam thành phố"),
            (p["nam"], CommitteePosition.MEMBER, "Phó Giám đốc Công an thành phố"),
            (p["trang"], CommitteePosition.SECRETARY, "Chuyên viên Ban Tuyên giáo và Dân vận"),
        ],
    )
    s.committee(
        tk["party"],
        f"Ban Chỉ đạo {MOVEMENT} phường Tam Kỳ",
        tk["front"],
        "12-QĐ/ĐU",
        date(2025, 10, 1),
        [
            (p["tk_sec"], CommitteePosition.HEAD, "Bí thư Đảng ủy phường"),
            (p["tk_front"], CommitteePosition.STANDING_DEPUTY, "Chủ tịch Ủy ban MTTQ Việt Nam phường"),
            (p["tk_gov"], CommitteePosition.DEPUTY, "Phó Chủ tịch UBND phường"),
            (p["tk_binh"], CommitteePosition.SECRETARY, "Chuyên viên Văn phòng Đảng ủy"),
        ],
    )
    s.committee(
        hc["party"],
        f"Ban Chỉ đạo {MOVEMENT} phường Hải Châu",
        hc["front"],
        "08-QĐ/ĐU",
        date(2025, 10, 6),
        [
            (p["hc_sec"], CommitteePosition.HEAD, "Bí thư Đảng ủy phường"),
            (p["hc_front"], CommitteePosition.STANDING_DEPUTY, "Chủ tịch Ủy ban MTTQ Việt Nam phường"),
            (p["hc_hong"], CommitteePosition.SECRETARY, "Chuyên viên Văn phòng Đảng ủy"),
        ],
    )

    # --- the former Thành phố Tam Kỳ (Quảng Nam), until 30 June 2025 ---
    old_qn = Area.objects.get(era=Era.LEGACY, level=AreaLevel.PROVINCE, name="Tỉnh Quảng Nam")
    old_tk = Area.objects.get(
        era=Era.LEGACY, level=AreaLevel.DISTRICT, name="Thành phố Tam Kỳ", path__startswith=old_qn.path
    )
    legacy = {"valid_from": None, "valid_until": LEGACY_UNTIL}
    qn = s.unit(None, "Tỉnh ủy Quảng Nam", "party_committee", old_qn, **legacy)
    s.succession(qn, city, "Hợp nhất tỉnh Quảng Nam và thành phố Đà Nẵng (Nghị quyết 202/2025/QH15)")
    tk_city = s.unit(qn, "Thành ủy Tam Kỳ", "party_committee", old_tk, **legacy)
    s.succession(tk_city, city, "Kết thúc hoạt động cấp huyện từ 01/7/2025")
    tk_dept = s.unit(tk_city, "Ban Dân vận Thành ủy Tam Kỳ", "mobilization_dept", old_tk, **legacy)
    s.succession(tk_dept, dept)
    old_communes = Area.objects.get_children(old_tk).order_by("code")
    old_units = {}
    for old in old_communes:
        units = s.commune_units(tk_city, old, full=False, **legacy)
        old_units[old.name] = units
        target = old.successor_links.filter(is_default=True).select_related("successor").first()
        if target and target.successor.name in commune_units:
            for key in ("party", "government", "front"):
                s.succession(
                    units[key],
                    commune_units[target.successor.name][key],
                    f"Sắp xếp đơn vị hành chính: {old.name} → {target.successor.name}",
                )
    p["old_head"] = s.person(tk_city, "Nguyễn Thanh Tùng", "Phó Bí thư Thường trực Thành ủy (2020–2025)")
    p["old_dept"] = s.person(tk_dept, "Lê Thị Kim Oanh", "Trưởng Ban Dân vận Thành ủy (2020–2025)")
    s.committee(
        tk_city,
        f"Ban Chỉ đạo {MOVEMENT} thành phố Tam Kỳ",
        tk_dept,
        "45-QĐ/TU",
        date(2021, 3, 10),
        [
            (p["old_head"], CommitteePosition.HEAD, "Phó Bí thư Thường trực Thành ủy"),
            (p["old_dept"], CommitteePosition.STANDING_DEPUTY, "Trưởng Ban Dân vận Thành ủy"),
        ],
    )

    # --- campaigns and pilots ---
    old_campaign = Campaign(
        name="Phong trào thi đua “Dân vận khéo” thành phố Tam Kỳ giai đoạn 2021–2025",
        issuing_unit=tk_city,
        start_date=date(2021, 1, 1),
        end_date=date(2025, 12, 31),
        description="Theo Nghị quyết của Ban Chấp hành Đảng bộ thành phố Tam Kỳ về công tác dân vận "
        "2021–2025.",
    )
    with_reason(old_campaign, REASON)
    old_campaign.save()
    campaign = Campaign(
        name="Phong trào thi đua “Dân vận khéo” thành phố Đà Nẵng giai đoạn 2026–2030",
        issuing_unit=city,
        start_date=date(2026, 1, 1),
        end_date=date(2030, 12, 31),
    )
    with_reason(campaign, REASON)
    campaign.save()
    for c, unit, note in [
        (campaign, tk["party"], "Điểm chỉ đạo về dân vận chính quyền"),
        (campaign, commune_units["Xã Hòa Vang"]["party"], "Điểm chỉ đạo về mô hình tự quản ở thôn"),
        (old_campaign, old_units["Xã Tam Thanh"]["party"], "Điểm chỉ đạo 2021–2025"),
    ]:
        pilot = Pilot(campaign=c, unit=unit, note=note, designated_on=c.start_date)
        with_reason(pilot, REASON)
        pilot.save()

    # --- accounts ---
    User = get_user_model()
    admin = User.objects.filter(username="admin").first() or User(
        username="admin", email="admin@example.invalid"
    )
    admin.is_staff = admin.is_superuser = True
    admin.first_name, admin.last_name = "trị hệ thống", "Quản"
    admin.set_password(DEMO_PASSWORD)
    admin.save()

    def account(username, person, grants):
        user = User(
            username=username,
            first_name=person.full_name.split()[-1],
            last_name=" ".join(person.full_name.split()[:-1]),
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        person.user = user
        with_reason(person, REASON)
        person.save()
        for role, unit in grants:
            grant = Grant(user=user, role=role, unit=unit, granted_by=admin)
            with_reason(grant, REASON)
            grant.save()

    account("quantri.danang", p["phuoc"], [(Role.SYSTEM_ADMIN, city)])
    account("canbo.danang", p["trang"], [(Role.STANDING_AGENCY_OFFICER, city)])
    account("lanhdao.danang", p["quang"], [(Role.LEADER, city)])
    account("hoidong.danang", p["lan"], [(Role.COUNCIL_MEMBER, city)])
    account(
        "canbo.tamky",
        p["tk_binh"],
        [(Role.UNIT_OFFICER, tk["party"]), (Role.STANDING_AGENCY_OFFICER, tk["front"])],
    )
    account("canbo.haichau", p["hc_hong"], [(Role.UNIT_OFFICER, hc["party"])])
    account("tiepdan.tamky", p["tk_tai"], [(Role.PETITION_HANDLER, tk["government"])])
    return True
