"""Demo funding of the movement, on the demo organizations and models.

* the former Thành phố Tam Kỳ, 2021 – June 2025: the city Party committee's yearly budget for the
  movement (training, communication, the yearly reviews, support to two models of its communes)
  and a former commune's own small budget — recorded afterwards by the system administrator;
* Thành phố Đà Nẵng from July 2025: the city's budget and the contributions raised in 2026
  (support to models of the city and of its wards), the budgets of the wards Tam Kỳ and Hải Châu
  and their spending, one mistaken entry voided and one corrected.

Every write goes through `danvan.funding.services` with the demo users as actors, so the rules
hold and the history is real. Support goes to demo models found by name; without the models demo
those lines are left out. Idempotent: a second run finds the dataset and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from danvan.funding import services
from danvan.funding.models import Allocation, Purpose, Source
from danvan.initiatives.models import Initiative
from danvan.orgs.demo import demo_present
from danvan.orgs.models import Unit

STATE, SOCIAL = Source.STATE_BUDGET, Source.SOCIALIZATION
TRAINING, APPRAISAL, SUPPORT = Purpose.TRAINING, Purpose.APPRAISAL, Purpose.MODEL_SUPPORT
COMMUNICATION, OTHER = Purpose.COMMUNICATION, Purpose.OTHER

OLD_CITY = "Thành ủy Tam Kỳ"
OLD_TAM_THANG = "Đảng ủy xã Tam Thăng"
CITY = "Thành ủy Đà Nẵng"
TAM_KY = "Đảng ủy phường Tam Kỳ"
TAM_KY_FRONT = "Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ"
HAI_CHAU = "Đảng ủy phường Hải Châu"


@dataclass(frozen=True)
class Budget:
    key: str
    unit: str
    year: int
    amount: int
    decision: str
    source: str = STATE
    by: str = "canbo.danang"
    note: str = ""


@dataclass(frozen=True)
class Spending:
    unit: str
    on: date
    amount: int
    purpose: str
    description: str
    voucher: str = ""
    budget: str = ""  # the key of the allocation it is charged to
    model: tuple[str, str] | None = None  # (model name, owner unit name)
    by: str = "canbo.danang"
    void: str = ""  # voided afterwards, with this reason
    correct: tuple[int, str] | None = None  # corrected afterwards: (amount, reason)


def _tk(n: int, day: str) -> str:
    return f"Quyết định số {n}/QĐ-UBND ngày {day} của UBND thành phố Tam Kỳ về giao dự toán ngân sách"


def _dn(n: int, day: str) -> str:
    return f"Quyết định số {n}/QĐ-UBND ngày {day} của UBND thành phố Đà Nẵng về giao dự toán ngân sách"


BUDGETS = [
    # the former Thành phố Tam Kỳ (recorded afterwards by the system administrator)
    Budget("tk21", OLD_CITY, 2021, 150_000_000, _tk(3125, "28/12/2020") + " năm 2021", by="admin"),
    Budget("tk22", OLD_CITY, 2022, 160_000_000, _tk(3388, "27/12/2021") + " năm 2022", by="admin"),
    Budget(
        "tk22s",
        OLD_CITY,
        2022,
        40_000_000,
        "Biên bản tiếp nhận tài trợ ngày 15/02/2022 của Ủy ban MTTQ Việt Nam thành phố Tam Kỳ",
        source=SOCIAL,
        by="admin",
        note="Các doanh nghiệp trên địa bàn đồng hành cùng phong trào xây nhà Đại đoàn kết.",
    ),
    Budget("tk23", OLD_CITY, 2023, 180_000_000, _tk(3502, "26/12/2022") + " năm 2023", by="admin"),
    Budget("tk24", OLD_CITY, 2024, 180_000_000, _tk(3617, "25/12/2023") + " năm 2024", by="admin"),
    Budget(
        "tk25",
        OLD_CITY,
        2025,
        90_000_000,
        _tk(3720, "27/12/2024") + " năm 2025",
        by="admin",
        note="Sáu tháng đầu năm, đến khi kết thúc hoạt động cấp huyện (30/6/2025).",
    ),
    *(
        Budget(
            f"tt{year % 100}",
            OLD_TAM_THANG,
            year,
            20_000_000,
            f"Nghị quyết của HĐND xã Tam Thăng về dự toán ngân sách xã năm {year}",
            by="admin",
        )
        for year in (2021, 2022, 2023, 2024)
    ),
    # Thành phố Đà Nẵng after the merger (1 July 2025)
    Budget(
        "dn25",
        CITY,
        2025,
        300_000_000,
        _dn(2156, "15/7/2025") + " 6 tháng cuối năm 2025",
        note="Kinh phí hoạt động của Ban Chỉ đạo phong trào thi đua “Dân vận khéo” thành phố.",
    ),
    Budget("dn26", CITY, 2026, 900_000_000, _dn(3890, "20/12/2025") + " năm 2026"),
    Budget(
        "dn26s",
        CITY,
        2026,
        200_000_000,
        "Thỏa thuận tài trợ ngày 05/3/2026 giữa Ủy ban MTTQ Việt Nam thành phố và các doanh nghiệp",
        source=SOCIAL,
        note="Vận động xã hội hóa hỗ trợ các mô hình tự quản ở thôn, khối phố.",
    ),
    Budget(
        "tk_w25", TAM_KY, 2025, 60_000_000, "Quyết định số 45/QĐ-UBND ngày 20/8/2025 của UBND phường Tam Kỳ"
    ),
    Budget(
        "tk_w26", TAM_KY, 2026, 120_000_000, "Quyết định số 12/QĐ-UBND ngày 08/01/2026 của UBND phường Tam Kỳ"
    ),
    Budget(
        "tk_f26",
        TAM_KY_FRONT,
        2026,
        50_000_000,
        "Biên bản tiếp nhận ủng hộ ngày 10/3/2026 của Ủy ban MTTQ Việt Nam phường Tam Kỳ",
        source=SOCIAL,
        by="canbo.tamky",
    ),
    Budget(
        "hc_w25",
        HAI_CHAU,
        2025,
        50_000_000,
        "Quyết định số 38/QĐ-UBND ngày 18/8/2025 của UBND phường Hải Châu",
    ),
    Budget(
        "hc_w26",
        HAI_CHAU,
        2026,
        110_000_000,
        "Quyết định số 09/QĐ-UBND ngày 06/01/2026 của UBND phường Hải Châu",
    ),
]

MAI_AM = (
    "Mái ấm Mặt trận: vận động xây nhà Đại đoàn kết cho hộ nghèo",
    "Ủy ban Mặt trận Tổ quốc Việt Nam xã Tam Thăng",
)
THANH = (
    "Ông Nguyễn Văn Thạnh – người có uy tín vận động bà con hiến đất làm đường",
    "Ủy ban Mặt trận Tổ quốc Việt Nam xã Tam Ngọc",
)
DIGITAL = ("Dân vận khéo trong chuyển đổi số: Tổ công nghệ số cộng đồng", TAM_KY)
MARCH = (
    "“Hành quân về nguồn – Giúp dân xây dựng nông thôn mới” ở các xã miền núi",
    "Bộ Chỉ huy Quân sự thành phố Đà Nẵng",
)
WOMEN_HC = ("Chi hội phụ nữ tổ dân phố 3 thực hiện “5 không, 3 sạch”", "Hội Liên hiệp Phụ nữ phường Hải Châu")
PHU_TUC = (
    "Thôn Phú Túc tự quản đường giao thông nông thôn “sáng – xanh – sạch”",
    "Ban công tác Mặt trận Thôn Phú Túc",
)
WOMEN_TK = ("Chi hội phụ nữ giúp nhau thoát nghèo", "Hội Liên hiệp Phụ nữ phường Tam Kỳ")
SECURITY = ("Khu dân cư tự quản về an ninh trật tự", TAM_KY_FRONT)
AN_THO = ("Khối phố tự quản về vệ sinh môi trường, trồng cây xanh", "Ban công tác Mặt trận Khối phố An Thổ")
CAMERA = ("Camera an ninh kết nối cộng đồng", "Công an phường Hải Châu")
PLASTIC = ("Tổ dân phố không rác thải nhựa", "Ủy ban Mặt trận Tổ quốc Việt Nam phường Hải Châu")

SPENDING = [
    # --- the former Thành phố Tam Kỳ ---
    Spending(
        OLD_CITY,
        date(2021, 5, 20),
        35_000_000,
        TRAINING,
        "Hội nghị tập huấn nghiệp vụ công tác dân vận và phương pháp xây dựng mô hình “Dân vận khéo” "
        "cho cán bộ các xã, phường",
        "PC-2021/045",
        "tk21",
        by="admin",
    ),
    Spending(
        OLD_CITY,
        date(2021, 9, 10),
        15_000_000,
        COMMUNICATION,
        "In ấn tài liệu, pa-nô tuyên truyền phong trào thi đua “Dân vận khéo” tại các khu dân cư",
        "PC-2021/112",
        "tk21",
        by="admin",
    ),
    Spending(
        OLD_CITY,
        date(2021, 12, 22),
        55_000_000,
        APPRAISAL,
        "Hội nghị sơ kết phong trào năm 2021, khen thưởng các tập thể, cá nhân tiêu biểu",
        "PC-2021/168",
        "tk21",
        by="admin",
    ),
    Spending(
        OLD_CITY,
        date(2022, 3, 15),
        30_000_000,
        SUPPORT,
        "Hỗ trợ một phần kinh phí xây 3 nhà Đại đoàn kết cho hộ nghèo theo mô hình “Mái ấm Mặt trận”",
        "PC-2022/031",
        "tk22s",
        model=MAI_AM,
        by="admin",
    ),
    Spending(
        OLD_CITY,
        date(2022, 6, 8),
        40_000_000,
        TRAINING,
        "Tập huấn kỹ năng vận động Nhân dân trong bồi thường, giải phóng mặt bằng",
        "PC-2022/077",
        "tk22",
        by="admin",
    ),
    Spending(
        OLD_CITY,
        date(2022, 12, 20),
        60_000_000,
        APPRAISAL,
        "Hội nghị sơ kết, biểu dương mô hình “Dân vận khéo” năm 2022 (Quyết định số 312-QĐ/TU)",
        "PC-2022/190",
        "tk22",
        by="admin",
    ),
    Spending(
        OLD_CITY,
        date(2023, 4, 12),
        45_000_000,
        TRAINING,
        "Tập huấn công tác dân vận chính quyền cho cán bộ, công chức cấp xã",
        "PC-2023/052",
        "tk23",
        by="admin",
    ),
    Spending(
        OLD_CITY,
        date(2023, 8, 25),
        10_000_000,
        SUPPORT,
        "Hỗ trợ Ban công tác Mặt trận thôn mua vật liệu làm đường bê tông do Nhân dân hiến đất",
        "PC-2023/118",
        "tk23",
        model=THANH,
        by="admin",
    ),
    Spending(
        OLD_CITY,
        date(2023, 12, 18),
        65_000_000,
        APPRAISAL,
        "Hội nghị sơ kết giữa nhiệm kỳ phong trào thi đua “Dân vận khéo” giai đoạn 2021–2025",
        "PC-2023/201",
        "tk23",
        by="admin",
    ),
    Spending(
        OLD_CITY,
        date(2024, 5, 16),
        40_000_000,
        TRAINING,
        "Tập huấn thực hiện Luật Thực hiện dân chủ ở cơ sở năm 2022",
        "PC-2024/060",
        "tk24",
        by="admin",
    ),
    Spending(
        OLD_CITY,
        date(2024, 10, 15),
        20_000_000,
        COMMUNICATION,
        "Chuyên mục “Dân vận khéo” trên Đài Truyền thanh – Truyền hình thành phố",
        "PC-2024/144",
        "tk24",
        by="admin",
    ),
    Spending(
        OLD_CITY,
        date(2024, 12, 20),
        50_000_000,
        APPRAISAL,
        "Hội nghị biểu dương mô hình, điển hình “Dân vận khéo” năm 2024",
        "PC-2024/196",
        "tk24",
        by="admin",
    ),
    Spending(
        OLD_CITY,
        date(2025, 5, 15),
        45_000_000,
        APPRAISAL,
        "Hội nghị tổng kết 5 năm phong trào thi đua “Dân vận khéo” giai đoạn 2021–2025",
        "PC-2025/071",
        "tk25",
        by="admin",
    ),
    *(
        Spending(
            OLD_TAM_THANG,
            date(year, 7, 10),
            5_000_000,
            TRAINING,
            f"Bồi dưỡng nghiệp vụ cho Ban công tác Mặt trận các thôn năm {year}",
            f"PC-TT{year}/21",
            f"tt{year % 100}",
            by="admin",
        )
        for year in (2021, 2022, 2023, 2024)
    ),
    Spending(
        OLD_TAM_THANG,
        date(2021, 11, 5),
        10_000_000,
        SUPPORT,
        "Hỗ trợ vật liệu sửa nhà cho 2 hộ nghèo theo mô hình “Mái ấm Mặt trận”",
        "PC-TT2021/40",
        "tt21",
        model=MAI_AM,
        by="admin",
    ),
    # --- Thành phố Đà Nẵng ---
    Spending(
        CITY,
        date(2025, 10, 14),
        120_000_000,
        APPRAISAL,
        "Hội nghị biểu dương mô hình, điển hình “Dân vận khéo” nhân kỷ niệm 95 năm Ngày truyền thống "
        "công tác dân vận của Đảng (15/10/1930 – 15/10/2025)",
        "PC-2025/0318",
        "dn25",
    ),
    Spending(
        CITY,
        date(2025, 11, 20),
        80_000_000,
        TRAINING,
        "Tập huấn công tác dân vận và xây dựng mô hình “Dân vận khéo” cho cán bộ các xã, phường sau sắp xếp",
        "PC-2025/0402",
        "dn25",
    ),
    Spending(
        CITY,
        date(2026, 3, 10),
        45_000_000,
        COMMUNICATION,
        "Xây dựng chuyên mục “Dân vận khéo” trên Cổng thông tin điện tử và báo Đà Nẵng",
        "PC-2026/0061",
        "dn26",
    ),
    Spending(
        CITY,
        date(2026, 4, 15),
        50_000_000,
        SUPPORT,
        "Hỗ trợ vật tư cho đợt “Hành quân về nguồn” giúp dân làm đường, sửa nhà ở các xã miền núi",
        "PC-2026/0093",
        "dn26",
        model=MARCH,
    ),
    Spending(
        CITY,
        date(2026, 5, 20),
        30_000_000,
        SUPPORT,
        "Hỗ trợ thiết bị cho Tổ công nghệ số cộng đồng phường Tam Kỳ để nhân rộng mô hình",
        "PC-2026/0125",
        "dn26",
        model=DIGITAL,
    ),
    Spending(
        CITY,
        date(2026, 6, 5),
        25_000_000,
        SUPPORT,
        "Hỗ trợ chi hội phụ nữ tổ dân phố 3 mua thùng phân loại rác, cây xanh",
        "PC-2026/0139",
        "dn26",
        model=WOMEN_HC,
    ),
    Spending(
        CITY,
        date(2026, 7, 22),
        40_000_000,
        SUPPORT,
        "Hỗ trợ lắp đèn năng lượng mặt trời, trồng hoa trên tuyến đường tự quản thôn Phú Túc",
        "PC-2026/0170",
        "dn26s",
        model=PHU_TUC,
    ),
    Spending(
        CITY,
        date(2026, 9, 15),
        90_000_000,
        TRAINING,
        "Tập huấn nghiệp vụ dân vận cho Ban công tác Mặt trận thôn, khối phố năm 2026",
        "PC-2026/0214",
        "dn26",
    ),
    # --- phường Tam Kỳ ---
    Spending(
        TAM_KY,
        date(2025, 10, 20),
        15_000_000,
        SUPPORT,
        "Hỗ trợ Tổ công nghệ số cộng đồng mua máy tính bảng hướng dẫn người dân làm thủ tục trực tuyến",
        "PC-TK2025/088",
        "tk_w25",
        model=DIGITAL,
        by="canbo.tamky",
    ),
    Spending(
        TAM_KY,
        date(2025, 12, 10),
        12_000_000,
        APPRAISAL,
        "Hội nghị tổng kết phong trào thi đua “Dân vận khéo” phường năm 2025",
        "PC-TK2025/121",
        "tk_w25",
        by="canbo.tamky",
    ),
    Spending(
        TAM_KY,
        date(2026, 2, 25),
        18_000_000,
        TRAINING,
        "Tập huấn kỹ năng dân vận cho bí thư chi bộ, trưởng khối phố",
        "PC-TK2026/015",
        "tk_w26",
        by="canbo.tamky",
    ),
    Spending(
        TAM_KY,
        date(2026, 4, 8),
        20_000_000,
        SUPPORT,
        "Hỗ trợ vốn cho chi hội phụ nữ giúp hội viên nghèo phát triển sinh kế",
        "PC-TK2026/034",
        "tk_w26",
        model=WOMEN_TK,
        by="canbo.tamky",
    ),
    Spending(
        TAM_KY,
        date(2026, 4, 9),
        20_000_000,
        SUPPORT,
        "Hỗ trợ vốn cho chi hội phụ nữ giúp hội viên nghèo phát triển sinh kế",
        "PC-TK2026/034",
        "tk_w26",
        model=WOMEN_TK,
        by="canbo.tamky",
        void="Nhập trùng khoản chi ngày 08/4/2026 (cùng chứng từ PC-TK2026/034).",
    ),
    Spending(
        TAM_KY,
        date(2026, 5, 12),
        10_000_000,
        SUPPORT,
        "Hỗ trợ mua đèn chiếu sáng, bộ đàm cho các tổ tự quản an ninh trật tự",
        "PC-TK2026/047",
        "tk_w26",
        model=SECURITY,
        by="canbo.tamky",
    ),
    Spending(
        TAM_KY,
        date(2026, 7, 1),
        8_000_000,
        COMMUNICATION,
        "In tờ rơi, pa-nô tuyên truyền mô hình “Dân vận khéo” tại các khối phố",
        "PC-TK2026/063",
        "tk_w26",
        by="canbo.tamky",
        correct=(8_500_000, "Điều chỉnh theo chứng từ thanh toán (đã gồm thuế giá trị gia tăng)."),
    ),
    Spending(
        TAM_KY_FRONT,
        date(2026, 8, 20),
        15_000_000,
        SUPPORT,
        "Hỗ trợ cây giống, thùng rác cho khối phố tự quản về vệ sinh môi trường",
        "PC-MT2026/012",
        "tk_f26",
        model=AN_THO,
        by="canbo.tamky",
    ),
    # --- phường Hải Châu ---
    Spending(
        HAI_CHAU,
        date(2025, 11, 5),
        25_000_000,
        SUPPORT,
        "Hỗ trợ lắp đặt 12 camera an ninh tại các tổ dân phố",
        "PC-HC2025/067",
        "hc_w25",
        model=CAMERA,
        by="canbo.haichau",
    ),
    Spending(
        HAI_CHAU,
        date(2026, 3, 18),
        10_000_000,
        SUPPORT,
        "Hỗ trợ túi vải, bình nước dùng nhiều lần cho tổ dân phố không rác thải nhựa",
        "PC-HC2026/022",
        "hc_w26",
        model=PLASTIC,
        by="canbo.haichau",
    ),
    Spending(
        HAI_CHAU,
        date(2026, 6, 22),
        15_000_000,
        TRAINING,
        "Tập huấn phương pháp xây dựng mô hình “Dân vận khéo” cho các chi bộ tổ dân phố",
        "PC-HC2026/049",
        "hc_w26",
        by="canbo.haichau",
    ),
    Spending(
        HAI_CHAU,
        date(2026, 10, 10),
        20_000_000,
        APPRAISAL,
        "Hội nghị biểu dương điển hình “Dân vận khéo” phường năm 2026",
        "PC-HC2026/081",
        "hc_w26",
        by="canbo.haichau",
    ),
]


def demo_funding_present() -> bool:
    return Allocation.objects.filter(unit__name=CITY, unit__depth=1).exists()


def _units() -> dict[str, Unit]:
    """The demo units by name; the former commune is the one under the former Tam Kỳ."""
    names = ({b.unit for b in BUDGETS} | {s.unit for s in SPENDING}) - {OLD_TAM_THANG}
    units = {u.name: u for u in Unit.objects.filter(name__in=names)}
    old_city = units[OLD_CITY]
    units[OLD_TAM_THANG] = Unit.objects.get(name=OLD_TAM_THANG, path__startswith=old_city.path)
    return units


def _model(name: str, owner: str) -> Initiative | None:
    return Initiative.objects.filter(name=name, owner_unit__name=owner).select_related("owner_unit").first()


@transaction.atomic
def seed_funding_demo() -> int:
    """Create the demo allocations and spending; the number of expenditures created (0 if the
    dataset was already there). Needs the organizations of `orgs.demo` (and the models demo for
    the support to models)."""
    if demo_funding_present():
        return 0
    if not demo_present():
        raise RuntimeError("Load the demo organizations first: danvan seed_demo")
    users = {
        u.username: u
        for u in get_user_model().objects.filter(
            username__in={"admin", "canbo.danang", "canbo.tamky", "canbo.haichau"}
        )
    }
    units = _units()
    budgets = {}
    for b in BUDGETS:
        data = {
            "year": b.year,
            "source": b.source,
            "amount": Decimal(b.amount),
            "decision_reference": b.decision,
            "note": b.note,
        }
        budgets[b.key] = services.create_allocation(units[b.unit], data, actor=users[b.by])
    created = 0
    for s in SPENDING:
        model = _model(*s.model) if s.model else None
        if s.model and model is None:
            continue  # the models demo is not loaded
        actor = users[s.by]
        data = {
            "date": s.on,
            "amount": Decimal(s.amount),
            "purpose": s.purpose,
            "description": s.description,
            "voucher_reference": s.voucher,
            "initiative": model,
            "allocation": budgets.get(s.budget),
        }
        expenditure = services.create_expenditure(units[s.unit], data, actor=actor)
        created += 1
        if s.correct:
            amount, reason = s.correct
            services.update_expenditure(expenditure, {"amount": Decimal(amount)}, actor=actor, reason=reason)
        if s.void:
            services.void_expenditure(expenditure, actor=actor, reason=s.void)
    return created
