"""Demo targets and a scorecard for the demo units of `orgs.demo`.

* The targets of seed 002 (the Tam Kỳ resolution on mass-mobilization work, 2021–2025, §II.2.2),
  carried by Thành ủy Đà Nẵng for its whole tree, which since 1 July 2025 includes the former
  Thành phố Tam Kỳ: every department and agency builds at least one model and every village one or
  two self-management models (coverage); more than 70% of members take part in activities and more
  than 80% of organizations complete their tasks well (rates, with some reports of the wards and of
  former communes); two model and two advanced new-rural communes and more than twenty civilized
  streets (milestones, recorded on the former communes and wards: the registry counts them for the
  wards that succeeded them). "100% of localities without hot spots" is left out for 2021–2025: no
  hot spots were recorded then.
* 2026 targets of the city for its new wards and villages — among them "no hot spot" (at most 0
  hot spots declared in the year, the `petitions.hot_spots` metric) — and two of the ward Tam Kỳ.
* A 2025 scorecard ranking the city's wards and communes.

Every write goes through `danvan.targets.services` with the demo users as actors (the system
administrator for records of former units). Idempotent: a second run changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from danvan.initiatives.demo import document
from danvan.orgs.demo import demo_present
from danvan.orgs.models import Campaign, Unit, UnitType
from danvan.targets import services
from danvan.targets.models import TARGETS_MET, Comparison, ScorecardScheme, Scoring, Target, TargetKind

CITY = "Thành ủy Đà Nẵng"
WARD = "Đảng ủy phường Tam Kỳ"
BASIS = (
    "Nghị quyết của Ban Chấp hành Đảng bộ thành phố Tam Kỳ về đổi mới, nâng cao năng lực, hiệu quả công tác "
    "dân vận giai đoạn 2021–2025 (tháng 4/2021), mục II.2.2; Thành ủy Đà Nẵng tiếp tục theo dõi từ 01/7/2025"
)
BASIS_2026 = "Kế hoạch công tác dân vận năm 2026 của Ban Thường vụ Thành ủy Đà Nẵng"
MARKER = "Mỗi phòng ban, cơ quan, đơn vị xây dựng ít nhất 01 mô hình “Dân vận khéo”"
SCHEME = "Bảng điểm thi đua “Dân vận khéo” năm 2025 của các xã, phường"
GTE, GT, LTE = Comparison.AT_LEAST, Comparison.MORE_THAN, Comparison.AT_MOST


@dataclass(frozen=True)
class Demo:
    key: str
    issuer: str
    title: str
    kind: str
    years: tuple[int, int]
    goal: str
    comparison: str = GTE
    metric: str = ""
    unit_type: str = ""
    minimum: int = 1
    basis: str = BASIS
    old_campaign: bool = False


TARGETS = [
    Demo(
        "departments",
        CITY,
        MARKER,
        TargetKind.COVERAGE,
        (2021, 2025),
        "100",
        metric="initiatives.models_registered",
        unit_type="state_agency",
        old_campaign=True,
    ),
    Demo(
        "villages",
        CITY,
        "Mỗi thôn, khối phố xây dựng từ 1–2 mô hình tự quản trong nhân dân",
        TargetKind.COVERAGE,
        (2021, 2025),
        "100",
        metric="initiatives.self_management_registered",
        unit_type="village_front_committee",
        old_campaign=True,
    ),
    Demo(
        "participation",
        CITY,
        "Vận động tập hợp đoàn viên, hội viên, Nhân dân tham gia sinh hoạt đạt tỷ lệ trên 70%",
        TargetKind.RATE,
        (2021, 2025),
        "70",
        comparison=GT,
        unit_type="fatherland_front",
        old_campaign=True,
    ),
    Demo(
        "organizations",
        CITY,
        "Hằng năm, trên 80% tổ chức Dân vận, Mặt trận và các đoàn thể chính trị - xã hội "
        "hoàn thành tốt nhiệm vụ",
        TargetKind.RATE,
        (2021, 2025),
        "80",
        comparison=GT,
        unit_type="party_committee",
        old_campaign=True,
    ),
    Demo(
        "model_ntm",
        CITY,
        "Xây dựng thành công 02 xã nông thôn mới kiểu mẫu (Tam Thanh, Tam Ngọc)",
        TargetKind.MILESTONE,
        (2021, 2025),
        "2",
        unit_type="party_committee",
        old_campaign=True,
    ),
    Demo(
        "advanced_ntm",
        CITY,
        "Xây dựng thành công 02 xã nông thôn mới nâng cao (Tam Phú, Tam Thăng)",
        TargetKind.MILESTONE,
        (2021, 2025),
        "2",
        unit_type="party_committee",
        old_campaign=True,
    ),
    Demo(
        "streets",
        CITY,
        "Xây dựng trên 20 tuyến phố văn minh đô thị, đạt 80% so với tổng số trục phố chính",
        TargetKind.MILESTONE,
        (2021, 2025),
        "20",
        comparison=GT,
        old_campaign=True,
    ),
    # 2026: the new wards and villages of the city
    Demo(
        "wards_2026",
        CITY,
        "100% xã, phường xây dựng ít nhất 01 mô hình “Dân vận khéo” trong năm 2026",
        TargetKind.COVERAGE,
        (2026, 2026),
        "100",
        metric="initiatives.registered",
        unit_type="party_committee",
        basis=BASIS_2026,
    ),
    Demo(
        "villages_2026",
        CITY,
        "100% thôn, tổ dân phố xây dựng ít nhất 01 mô hình tự quản năm 2026",
        TargetKind.COVERAGE,
        (2026, 2026),
        "100",
        metric="initiatives.self_management_registered",
        unit_type="village_front_committee",
        basis=BASIS_2026,
    ),
    Demo(
        "recognized_2026",
        CITY,
        "Toàn thành phố có ít nhất 20 mô hình, điển hình “Dân vận khéo” được công nhận trong năm 2026",
        TargetKind.THRESHOLD,
        (2026, 2026),
        "20",
        metric="initiatives.recognized",
        basis=BASIS_2026,
    ),
    Demo(
        "participation_2026",
        CITY,
        "Năm 2026, trên 70% đoàn viên, hội viên tham gia sinh hoạt",
        TargetKind.RATE,
        (2026, 2026),
        "70",
        comparison=GT,
        unit_type="fatherland_front",
        basis=BASIS_2026,
    ),
    Demo(
        "no_hot_spots_2026",
        CITY,
        "Không để xảy ra điểm nóng",
        TargetKind.THRESHOLD,
        (2026, 2026),
        "0",
        comparison=LTE,
        metric="petitions.hot_spots",
        basis=BASIS_2026,
    ),
    Demo(
        "blocks_2026",
        WARD,
        "100% khối phố xây dựng ít nhất 01 mô hình tự quản trong năm 2026",
        TargetKind.COVERAGE,
        (2026, 2026),
        "100",
        metric="initiatives.self_management_registered",
        unit_type="village_front_committee",
        basis="Nghị quyết Đảng ủy phường Tam Kỳ về nhiệm vụ năm 2026",
    ),
    Demo(
        "streets_2026",
        WARD,
        "Công nhận thêm ít nhất 02 tuyến phố văn minh đô thị trên địa bàn phường năm 2026",
        TargetKind.MILESTONE,
        (2026, 2026),
        "2",
        basis="Nghị quyết Đảng ủy phường Tam Kỳ về nhiệm vụ năm 2026",
    ),
]

# (target, reporting unit, year, period, numerator, denominator, actor, note, evidence)
REPORTS = [
    # 2023: former communes of Tam Kỳ (recorded afterwards from their reports)
    (
        "participation",
        "Ủy ban Mặt trận Tổ quốc Việt Nam phường An Mỹ",
        2023,
        "year",
        2140,
        2870,
        "admin",
        "",
        False,
    ),
    (
        "participation",
        "Ủy ban Mặt trận Tổ quốc Việt Nam xã Tam Thanh",
        2023,
        "year",
        1385,
        1920,
        "admin",
        "",
        False,
    ),
    (
        "participation",
        "Ủy ban Mặt trận Tổ quốc Việt Nam phường Hòa Thuận",
        2023,
        "year",
        1050,
        1610,
        "admin",
        "",
        False,
    ),
    (
        "participation",
        "Ủy ban Mặt trận Tổ quốc Việt Nam xã Tam Ngọc",
        2023,
        "year",
        980,
        1350,
        "admin",
        "Số liệu từ báo cáo tổng kết năm 2023 của Ban Thường trực Ủy ban MTTQ xã.",
        True,
    ),
    # 2025: the wards (the communes merged into them are replaced by their figures)
    (
        "participation",
        "Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ",
        2025,
        "year",
        6420,
        8350,
        "canbo.tamky",
        "Tổng hợp từ 5 tổ chức chính trị - xã hội và 4 khối phố.",
        True,
    ),
    (
        "participation",
        "Ủy ban Mặt trận Tổ quốc Việt Nam phường Hải Châu",
        2025,
        "year",
        9860,
        12940,
        "canbo.danang",
        "",
        False,
    ),
    (
        "participation",
        "Ủy ban Mặt trận Tổ quốc Việt Nam phường Quảng Phú",
        2025,
        "year",
        4210,
        6180,
        "canbo.danang",
        "",
        False,
    ),
    (
        "participation",
        "Ủy ban Mặt trận Tổ quốc Việt Nam phường Bàn Thạch",
        2025,
        "year",
        5030,
        6960,
        "canbo.danang",
        "",
        False,
    ),
    (
        "participation",
        "Ủy ban Mặt trận Tổ quốc Việt Nam xã Hòa Vang",
        2025,
        "year",
        3640,
        4720,
        "canbo.danang",
        "",
        False,
    ),
    ("organizations", "Đảng ủy phường An Sơn", 2024, "year", 6, 7, "admin", "", False),
    (
        "organizations",
        "Đảng ủy phường Tam Kỳ",
        2025,
        "year",
        7,
        8,
        "canbo.tamky",
        "Kết quả đánh giá, xếp loại tổ chức năm 2025.",
        False,
    ),
    ("organizations", "Đảng ủy phường Hải Châu", 2025, "year", 6, 8, "canbo.haichau", "", False),
    ("organizations", "Đảng ủy phường Quảng Phú", 2025, "year", 5, 7, "canbo.danang", "", False),
    ("organizations", "Đảng ủy xã Hòa Vang", 2025, "year", 5, 7, "canbo.danang", "", False),
    # 2026: the first nine months
    (
        "participation_2026",
        "Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ",
        2026,
        "m9",
        6180,
        8410,
        "canbo.tamky",
        "",
        False,
    ),
    (
        "participation_2026",
        "Ủy ban Mặt trận Tổ quốc Việt Nam phường Hải Châu",
        2026,
        "m9",
        8950,
        13020,
        "canbo.danang",
        "",
        False,
    ),
    (
        "participation_2026",
        "Ủy ban Mặt trận Tổ quốc Việt Nam xã Hòa Vang",
        2026,
        "m9",
        3560,
        4750,
        "canbo.danang",
        "",
        False,
    ),
]

# (target, unit, subject, reached on, evidence)
MILESTONES = [
    ("model_ntm", "Đảng ủy xã Tam Thanh", "", date(2023, 12, 20),
     "Quyết định của UBND tỉnh Quảng Nam công nhận xã Tam Thanh đạt chuẩn nông thôn mới kiểu mẫu năm 2023."),
    ("model_ntm", "Đảng ủy xã Tam Ngọc", "", date(2024, 11, 28),
     "Quyết định của UBND tỉnh Quảng Nam công nhận xã Tam Ngọc đạt chuẩn nông thôn mới kiểu mẫu năm 2024."),
    ("advanced_ntm", "Đảng ủy xã Tam Phú", "", date(2022, 12, 15),
     "Quyết định của UBND tỉnh Quảng Nam công nhận xã Tam Phú đạt chuẩn nông thôn mới nâng cao năm 2022."),
    ("advanced_ntm", "Đảng ủy xã Tam Thăng", "", date(2024, 12, 10),
     "Quyết định của UBND tỉnh Quảng Nam công nhận xã Tam Thăng đạt chuẩn nông thôn mới nâng cao năm 2024."),
    ("streets_2026", "Ban công tác Mặt trận Khối phố An Thổ",
     "Tuyến phố Lê Lợi (đoạn Hùng Vương – Trần Cao Vân)", date(2026, 9, 2),
     "Quyết định công nhận tuyến phố văn minh đô thị của UBND phường Tam Kỳ."),
]  # fmt: skip

# civilized streets of the former Tam Kỳ wards, 2021–2025 (19: the target asked for more than 20)
STREETS = {
    "Đảng ủy phường An Mỹ": ["Phan Bội Châu", "Trần Cao Vân", "Hùng Vương", "Lê Lợi"],
    "Đảng ủy phường Tân Thạnh": ["Phan Chu Trinh", "Nguyễn Hoàng", "Trần Hưng Đạo"],
    "Đảng ủy phường An Sơn": ["Huỳnh Thúc Kháng", "Trưng Nữ Vương", "Nguyễn Du"],
    "Đảng ủy phường Hòa Thuận": ["Duy Tân", "Bạch Đằng", "Nguyễn Thái Học"],
    "Đảng ủy phường An Xuân": ["Trần Quý Cáp", "Hoàng Diệu", "Lý Thường Kiệt"],
    "Đảng ủy phường Trường Xuân": ["Điện Biên Phủ", "Tôn Đức Thắng", "Phan Đình Phùng"],
}

SCORECARD_ITEMS = [
    {"source": "initiatives.registered", "weight": Decimal(30), "scoring": Scoring.RELATIVE},
    {"source": "initiatives.recognized", "weight": Decimal(30), "scoring": Scoring.RELATIVE},
    {"source": "training.sessions", "weight": Decimal(15), "scoring": Scoring.NORM, "norm": Decimal(1)},
    {"source": TARGETS_MET, "weight": Decimal(25), "scoring": Scoring.NORM, "norm": Decimal(100)},
]


def demo_targets_present() -> bool:
    return Target.objects.filter(title=MARKER).exists()


class _Seeder:
    def __init__(self):
        users = get_user_model().objects.filter(
            username__in=["admin", "canbo.danang", "canbo.tamky", "canbo.haichau"]
        )
        self.users = {user.username: user for user in users}
        self.types = {t.code: t for t in UnitType.objects.all()}
        roots = Unit.objects.filter(depth=1, name__in=[CITY, "Tỉnh ủy Quảng Nam"])
        self.units: dict[str, Unit] = {}
        for root in roots:
            for unit in Unit.objects.filter(path__startswith=root.path).select_related("unit_type"):
                self.units.setdefault(unit.name, unit)
        self.old_campaign = Campaign.objects.filter(
            start_date__year=2021, issuing_unit__name="Thành ủy Tam Kỳ"
        ).first()
        self.targets: dict[str, Target] = {}

    def target(self, demo: Demo) -> None:
        data = {
            "title": demo.title,
            "basis": demo.basis,
            "kind": demo.kind,
            "start_year": demo.years[0],
            "end_year": demo.years[1],
            "campaign": self.old_campaign if demo.old_campaign else None,
            "metric_code": demo.metric,
            "unit_type": self.types[demo.unit_type] if demo.unit_type else None,
            "per_unit_minimum": demo.minimum,
            "comparison": demo.comparison,
            "goal": Decimal(demo.goal),
        }
        self.targets[demo.key] = services.create_target(
            self.units[demo.issuer], data, actor=self.users["canbo.danang"]
        )

    def report(self, key, unit, year, period, numerator, denominator, actor, note, with_file) -> None:
        upload = None
        if with_file:
            body = f"{unit}\n{services.period_label(year, period)}\nTham gia: {numerator}/{denominator}"
            upload = SimpleUploadedFile(
                f"bao-cao-{year}.pdf", document("Báo cáo kết quả tập hợp đoàn viên, hội viên", body)
            )
        services.report_rate(
            self.targets[key],
            self.units[unit],
            {
                "period_end": services.period_end(year, period),
                "period_label": services.period_label(year, period),
                "numerator": numerator,
                "denominator": denominator,
                "note": note,
            },
            actor=self.users[actor],
            upload=upload,
        )

    def milestone(self, key, unit, subject, on, evidence) -> None:
        actor = self.users["canbo.danang" if self.units[unit].is_active() else "admin"]
        services.record_milestone(
            self.targets[key],
            self.units[unit],
            {"subject": subject, "reached_on": on, "evidence_note": evidence},
            actor=actor,
        )

    def streets(self) -> None:
        """Spread over 2021 to the first half of 2025 (the former wards ended on 30/06/2025)."""
        index = 0
        for ward, streets in STREETS.items():
            for street in streets:
                on = date(2021 + index % 5, 3 + index % 4, 10 + index % 15)
                index += 1
                self.milestone(
                    "streets",
                    ward,
                    f"Tuyến phố {street}",
                    on,
                    "Quyết định công nhận tuyến phố văn minh đô thị của UBND thành phố Tam Kỳ "
                    f"năm {on.year}.",
                )

    def scorecard(self) -> ScorecardScheme:
        return services.create_scheme(
            self.units[CITY],
            {
                "name": SCHEME,
                "year": 2025,
                "unit_type": self.types["party_committee"],
                "description": "Chấm điểm các Đảng ủy xã, phường theo kết quả xây dựng mô hình, điển hình, "
                "tập huấn và thực hiện chỉ tiêu năm 2025; điểm tối đa 100.",
            },
            SCORECARD_ITEMS,
            actor=self.users["canbo.danang"],
        )


@transaction.atomic
def seed_targets_demo() -> int:
    """Create the demo targets, reports, milestones and scorecard; the number of targets created
    (0 if they were already there). Needs the organizations of `orgs.demo.seed_demo` first."""
    if demo_targets_present():
        return 0
    if not demo_present():
        raise RuntimeError("Load the demo organizations first: danvan seed_demo")
    seeder = _Seeder()
    for demo in TARGETS:
        seeder.target(demo)
    for row in REPORTS:
        seeder.report(*row)
    for row in MILESTONES:
        seeder.milestone(*row)
    seeder.streets()
    seeder.scorecard()
    return len(TARGETS)
