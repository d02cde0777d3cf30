"""Demo models and exemplars of the "Dân vận khéo" movement, for the demo units of `orgs.demo`.

* the former Thành phố Tam Kỳ (Quảng Nam), campaign 2021–2025: models of the former communes'
  Party committees, People's Committees and Fronts, recorded afterwards by the system
  administrator; several carried over to their successor wards on 1 July 2025, the others left
  with the former units (completed, not recognized or discontinued);
* Thành phố Đà Nẵng: models of the new wards and communes from the second half of 2025, and
  of the campaign 2026–2030, in every state, with replications and one pair of near-identical
  copies for the quality guard.

Every write goes through `danvan.initiatives.services` with the demo users as actors, so the
lifecycle log and the history are real. Names of people are invented; the stories are typical of
what commune reports describe. Idempotent: a second run finds the dataset and changes nothing.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from danvan.charts import fonts
from danvan.initiatives import services
from danvan.initiatives.models import Evaluation, Field, Holder, Initiative, Kind, Topic
from danvan.orgs.demo import demo_present
from danvan.orgs.models import Campaign, Unit

MODEL, SELF, EXEMPLAR = Kind.MODEL, Kind.SELF_MANAGEMENT, Kind.EXEMPLAR
EXCELLENT, GOOD, FAIR, WEAK = Evaluation.EXCELLENT, Evaluation.GOOD, Evaluation.FAIR, Evaluation.WEAK

OLD_CITY = "Thành ủy Tam Kỳ"
OLD_DEPT = "Ban Dân vận Thành ủy Tam Kỳ"
OLD_PROVINCE = "Tỉnh ủy Quảng Nam"
CITY = "Thành ủy Đà Nẵng"
DEPT = "Ban Tuyên giáo và Dân vận Thành ủy Đà Nẵng"


# --- unit names, as orgs.demo builds them ----------------------------------------------------
def party(where: str) -> str:
    return f"Đảng ủy {where}"


def gov(where: str) -> str:
    return f"Ủy ban nhân dân {where}"


def front(where: str) -> str:
    return f"Ủy ban Mặt trận Tổ quốc Việt Nam {where}"


def women(where: str) -> str:
    return f"Hội Liên hiệp Phụ nữ {where}"


def youth(where: str) -> str:
    return f"Đoàn Thanh niên Cộng sản Hồ Chí Minh {where}"


def farmers(where: str) -> str:
    return f"Hội Nông dân {where}"


def veterans(where: str) -> str:
    return f"Hội Cựu chiến binh {where}"


def unions(where: str) -> str:
    return f"Công đoàn {where}"


def police(where: str) -> str:
    return f"Công an {where}"


def village(name: str) -> str:
    return f"Ban công tác Mặt trận {name}"


# --- the steps of a model's story --------------------------------------------------------------
@dataclass(frozen=True)
class Step:
    kind: str  # transition | progress | plan | evaluate | carry | edit
    action: str = ""
    comment: str = ""
    level: str | None = None  # recognition level (unit name)
    on: date | None = None
    year: int | None = None
    numbers: tuple = ()
    photo: tuple[str, str] | None = None  # (banner text, colour)
    pdf: str = ""
    text: str = ""
    text2: str = ""
    unit: str = ""  # carry-over successor
    data: tuple = ()  # edit: (field, value) pairs
    by: str = ""  # username, when not the default actor


def go(action: str, comment: str = "", *, level: str | None = None, by: str = "") -> Step:
    return Step("transition", action=action, comment=comment, level=level, by=by)


def progress(
    on: date,
    narrative: str,
    *,
    people=None,
    households=None,
    money=None,
    workdays=None,
    land=None,
    photo: tuple[str, str] | None = None,
    pdf: str = "",
    by: str = "",
) -> Step:
    return Step(
        "progress",
        on=on,
        text=narrative,
        numbers=(people, households, money, workdays, land),
        photo=photo,
        pdf=pdf,
        by=by,
    )


def plan(year: int, text: str, results: str = "", *, by: str = "") -> Step:
    return Step("plan", year=year, text=text, text2=results, by=by)


def evaluate(year: int, evaluation: str, note: str, *, by: str = "") -> Step:
    return Step("evaluate", year=year, action=evaluation, text=note, by=by)


def carry(successor: str, comment: str, *, by: str = "") -> Step:
    return Step("carry", unit=successor, comment=comment, by=by)


def edit(reason: str, *, by: str = "", **data) -> Step:
    return Step("edit", comment=reason, data=tuple(data.items()), by=by)


REGISTER = go("register")
START = go("start")


@dataclass(frozen=True)
class Demo:
    owner: str  # unit name
    name: str
    year: int
    field: str
    topics: tuple[str, ...]
    situation: str
    content: str
    goals: str = ""
    outputs: str = ""
    beneficiaries: str = ""
    forces: str = ""
    kind: str = MODEL
    holder: str = Holder.COLLECTIVE
    holder_name: str = ""
    start: date | None = None
    funding: int | None = None
    workdays: int | None = None
    contributions: int | None = None
    where: tuple[float, float] | None = None
    steps: tuple[Step, ...] = ()
    key: str = ""  # for replications: the key the replicas name in `source`
    source: str = ""  # replicated from the demo model with this key


# Colours of the evidence banners
RED, BLUE, GREEN, ORANGE, TEAL = "#b22222", "#1f4e9c", "#2e7d32", "#d9822b", "#00796b"

# ------------------------------------------------------------------------------------------------
# The former Thành phố Tam Kỳ, campaign 2021–2025 (recorded by the system administrator)
# ------------------------------------------------------------------------------------------------
TAM_KY_2021_2025 = [
    Demo(
        key="bich_hoa",
        owner=party("xã Tam Thanh"),
        name="Dân vận khéo trong xây dựng Làng bích họa Tam Thanh gắn với phát triển du lịch cộng đồng",
        year=2021,
        field="economy",
        topics=("economic_development", "culture_family", "new_rural"),
        situation="Làng chài Tam Thanh có nhiều hộ khó khăn, nghề biển bấp bênh; nhà cửa xuống cấp, "
        "vệ sinh môi trường ven biển chưa tốt. Làng bích họa đã có tiếng nhưng Nhân dân chưa được "
        "hưởng lợi từ du lịch.",
        content="Chi bộ các thôn họp dân bàn cách làm; vận động các hộ cho vẽ tranh trên tường nhà, "
        "tự chỉnh trang nhà cửa, giữ vệ sinh bờ biển; thành lập tổ homestay và tổ hướng dẫn viên "
        "cộng đồng; đoàn viên thanh niên trực hướng dẫn khách cuối tuần.",
        goals="100% hộ trong làng bích họa tham gia giữ vệ sinh; ít nhất 20 hộ làm dịch vụ du lịch "
        "cộng đồng; thu nhập bình quân tăng 15%/năm.",
        outputs="Làng bích họa được chỉnh trang; tổ homestay 24 hộ; số lượt khách, thu nhập của hộ "
        "được ghi chép hằng tháng.",
        start=date(2021, 3, 26),
        funding=250_000_000,
        workdays=1_800,
        contributions=600_000_000,
        where=(15.5925, 108.5128),
        steps=(
            REGISTER,
            START,
            progress(
                date(2021, 10, 15),
                "Ra quân chỉnh trang 96 nhà trong làng; vẽ mới 120 bức tranh tường; Nhân dân góp "
                "công, góp tiền sửa đường bê tông ven biển.",
                people=1_250,
                households=320,
                money=850_000_000,
                workdays=1_800,
                photo=("Làng bích họa Tam Thanh", BLUE),
            ),
            evaluate(2021, GOOD, "Nhân dân đồng tình, tham gia đông; cần thêm sản phẩm du lịch."),
            progress(
                date(2022, 6, 20),
                "Thành lập tổ homestay 24 hộ, tổ hướng dẫn viên cộng đồng 12 người; đón hơn 18.000 "
                "lượt khách trong 6 tháng đầu năm.",
                people=18_000,
                households=24,
                money=1_150_000_000,
            ),
            go("propose", "Đề nghị công nhận tại Hội nghị sơ kết phong trào năm 2022."),
            go(
                "recognize",
                "Công nhận mô hình “Dân vận khéo” cấp thành phố năm 2022 (Quyết định số "
                "312-QĐ/TU ngày 20/12/2022 của Ban Thường vụ Thành ủy Tam Kỳ).",
                level=OLD_CITY,
            ),
            evaluate(2022, EXCELLENT, "Mô hình tiêu biểu, có sức lan tỏa; Nhân dân hưởng lợi rõ."),
            plan(2023, "Mở rộng tour trải nghiệm nghề biển; liên kết với các công ty lữ hành."),
            evaluate(2023, EXCELLENT, "Thu nhập các hộ tham gia tăng khoảng 18%."),
            evaluate(2024, GOOD, "Duy trì tốt; lượng khách giảm nhẹ do thời tiết."),
            progress(
                date(2025, 4, 30),
                "Tổng kết 5 năm: 2 tổ dịch vụ du lịch cộng đồng, 41 hộ có thu nhập ổn định từ "
                "du lịch; bờ biển luôn sạch.",
                people=2_400,
                households=41,
                money=380_000_000,
            ),
            carry(
                party("phường Quảng Phú"),
                "Tiếp nhận mô hình của Đảng ủy xã Tam Thanh khi sắp xếp đơn vị hành chính; tiếp tục "
                "duy trì, phát huy.",
            ),
            evaluate(2025, GOOD, "Duy trì ổn định sau sắp xếp."),
            plan(2026, "Gắn làng bích họa với tuyến du lịch ven biển của phường Quảng Phú."),
        ),
    ),
    Demo(
        key="ven_bien",
        owner=gov("xã Tam Phú"),
        name="Dân vận khéo trong giải phóng mặt bằng tuyến đường ven biển ĐT129",
        year=2021,
        field="economy",
        topics=("land_clearance", "economic_development"),
        situation="Tuyến đường ven biển ĐT129 đi qua địa bàn xã có 146 hộ bị ảnh hưởng; nhiều hộ "
        "chưa đồng thuận với phương án bồi thường, dự án chậm tiến độ.",
        content="Thành lập tổ công tác “bốn cùng” gồm cán bộ xã, Mặt trận, trưởng thôn và người có "
        "uy tín; đến từng hộ lắng nghe, giải thích chính sách; công khai phương án bồi thường tại "
        "nhà văn hóa thôn; đối thoại trực tiếp giữa Chủ tịch UBND xã với các hộ còn vướng mắc.",
        goals="Bàn giao 100% mặt bằng trước 31/12/2022, không có khiếu nại vượt cấp.",
        outputs="Biên bản bàn giao mặt bằng của từng hộ; số hộ đồng thuận; diện tích bàn giao.",
        start=date(2021, 4, 12),
        funding=80_000_000,
        workdays=420,
        where=(15.5516, 108.5443),
        steps=(
            REGISTER,
            START,
            progress(
                date(2021, 11, 30),
                "Tổ chức 38 cuộc tiếp xúc, đối thoại; 112/146 hộ đồng thuận, bàn giao mặt bằng.",
                people=530,
                households=112,
                land=12_500,
                photo=("Đối thoại với hộ dân – ĐT129", ORANGE),
            ),
            progress(
                date(2022, 9, 15),
                "146/146 hộ bàn giao mặt bằng; 17 hộ tự nguyện hiến phần đất dôi dư mở rộng lề đường.",
                households=146,
                land=18_740,
                workdays=420,
            ),
            go("propose", "Đề nghị công nhận: hoàn thành giải phóng mặt bằng trước tiến độ."),
            go(
                "recognize",
                "Công nhận mô hình “Dân vận khéo” cấp thành phố năm 2022 (Quyết định số "
                "312-QĐ/TU ngày 20/12/2022).",
                level=OLD_CITY,
            ),
            evaluate(2022, EXCELLENT, "Không phát sinh khiếu nại; tiến độ vượt kế hoạch."),
            carry(
                gov("phường Quảng Phú"),
                "Tiếp nhận hồ sơ mô hình của UBND xã Tam Phú để chia sẻ kinh nghiệm.",
            ),
        ),
    ),
    Demo(
        key="an_ninh",
        owner=front("phường An Xuân"),
        name="Khu dân cư tự quản về an ninh trật tự",
        year=2022,
        kind=SELF,
        field="defence_security",
        topics=("security_order", "grassroots_democracy"),
        situation="Khối phố có nhiều nhà trọ, người lao động tự do; xảy ra một số vụ trộm cắp "
        "vặt, tụ tập gây mất trật tự về đêm.",
        content="Ban công tác Mặt trận cùng công an khu vực xây dựng hương ước về an ninh trật tự; "
        "lập tổ tự quản liên gia 10–15 hộ; nhóm Zalo “Khối phố bình yên” báo tin nhanh; tuần tra "
        "đêm cuối tuần do cựu chiến binh, đoàn viên thực hiện.",
        goals="Giảm 50% vụ việc mất trật tự; 100% nhà trọ khai báo tạm trú đúng quy định.",
        start=date(2022, 2, 15),
        contributions=45_000_000,
        steps=(
            REGISTER,
            START,
            progress(
                date(2022, 12, 10),
                "Thành lập 18 tổ liên gia tự quản; 146 lượt tuần tra; không xảy ra vụ trộm cắp nào "
                "trong 6 tháng cuối năm.",
                people=2_150,
                households=612,
                workdays=580,
                money=45_000_000,
            ),
            evaluate(2022, GOOD, "Tình hình an ninh trật tự chuyển biến rõ."),
            go("propose", "Đề nghị công nhận sau một năm thực hiện."),
            go(
                "recognize",
                "Công nhận mô hình “Dân vận khéo” cấp phường năm 2023.",
                level=party("phường An Xuân"),
            ),
            evaluate(2023, EXCELLENT, "Được Công an thành phố biểu dương."),
            evaluate(2024, GOOD, "Duy trì tốt."),
            carry(
                front("phường Tam Kỳ"), "Tiếp nhận khi sắp xếp đơn vị hành chính; nhân rộng ra các khối phố."
            ),
        ),
    ),
    Demo(
        owner=party("phường Hòa Hương"),
        name="Chi bộ khối phố lãnh đạo thực hiện “ba sạch”: nhà sạch, đường sạch, khu phố sạch",
        year=2022,
        field="political_system",
        topics=("party_building", "environment"),
        situation="Vệ sinh môi trường ở một số khối phố chưa tốt; nhiều đảng viên chưa gương mẫu "
        "trong phân loại, thu gom rác.",
        content="Mỗi đảng viên phụ trách 10 hộ; chi bộ đưa nội dung “ba sạch” vào sinh hoạt định "
        "kỳ; ra quân tổng vệ sinh ngày Chủ nhật cuối tháng.",
        start=date(2022, 3, 1),
        steps=(
            REGISTER,
            START,
            progress(
                date(2022, 11, 20),
                "Tổ chức 9 đợt ra quân tổng vệ sinh.",
                people=640,
                workdays=320,
            ),
            evaluate(2022, FAIR, "Mới dừng ở các đợt ra quân; chưa thành nền nếp."),
            evaluate(2023, WEAK, "Nội dung trùng với mô hình của Ban công tác Mặt trận khối phố."),
            go(
                "discontinue",
                "Hội nghị rà soát ngày 12/3/2024: mô hình trùng lặp với mô hình của Ban công tác Mặt "
                "trận khối phố, chưa thể hiện vai trò lãnh đạo của chi bộ; kết thúc, chuyển nội dung "
                "sang mô hình của Mặt trận.",
            ),
        ),
    ),
    Demo(
        owner=party("phường Trường Xuân"),
        name="Dân vận khéo trong phát triển đảng viên là đoàn viên thanh niên, người lao động tự do",
        year=2023,
        field="political_system",
        topics=("party_building",),
        situation="Tỷ lệ đảng viên trẻ ở các chi bộ khối phố thấp; thanh niên đi làm ăn xa, ít "
        "tham gia sinh hoạt ở địa phương.",
        content="Mỗi chi bộ lập danh sách quần chúng ưu tú; phân công đảng viên kèm cặp; Đoàn "
        "phường giới thiệu đoàn viên tiêu biểu; bố trí học lớp nhận thức về Đảng vào buổi tối.",
        goals="Kết nạp ít nhất 15 đảng viên mới mỗi năm, trong đó 60% là đoàn viên thanh niên.",
        start=date(2023, 2, 3),
        steps=(
            REGISTER,
            START,
            progress(
                date(2023, 12, 15),
                "Kết nạp 17 đảng viên mới, trong đó 11 đoàn viên thanh niên, 4 người lao động tự do.",
                people=46,
            ),
            go("propose", "Đề nghị công nhận năm 2024."),
            go(
                "recognize",
                "Công nhận mô hình “Dân vận khéo” cấp thành phố năm 2024 (Quyết định số "
                "498-QĐ/TU ngày 18/12/2024).",
                level=OLD_CITY,
            ),
            evaluate(2024, GOOD, "Đạt và vượt chỉ tiêu kết nạp đảng viên."),
            carry(party("phường Tam Kỳ"), "Tiếp nhận khi sắp xếp đơn vị hành chính; áp dụng toàn phường."),
            plan(2026, "Mở rộng ra các chi bộ khối phố của phường Tam Kỳ; kết nạp 25 đảng viên mới."),
        ),
    ),
    Demo(
        owner=gov("phường Hòa Thuận"),
        name="Chính quyền thân thiện vì Nhân dân phục vụ: bộ phận một cửa “4 xin, 4 luôn”",
        year=2021,
        field="political_system",
        topics=("administrative_reform",),
        situation="Người dân phản ánh thái độ phục vụ chưa tốt, phải đi lại nhiều lần để hoàn thiện hồ sơ.",
        content="Công chức bộ phận một cửa thực hiện “4 xin” (xin chào, xin lỗi, xin cảm ơn, xin "
        "phép) và “4 luôn” (luôn mỉm cười, luôn nhẹ nhàng, luôn lắng nghe, luôn giúp đỡ); hòm thư "
        "góp ý và phiếu đánh giá mức độ hài lòng; hẹn trả kết quả qua tin nhắn.",
        start=date(2021, 5, 4),
        steps=(
            REGISTER,
            START,
            progress(
                date(2021, 12, 20),
                "Tiếp nhận 3.240 hồ sơ, 99,2% đúng hạn; 96% người dân hài lòng.",
                people=3_240,
            ),
            go("propose", "Đề nghị công nhận năm 2022."),
            go("recognize", "Công nhận mô hình cấp thành phố năm 2022.", level=OLD_CITY),
            evaluate(2022, GOOD, "Mức độ hài lòng cao."),
            evaluate(2023, FAIR, "Tỷ lệ hồ sơ trực tuyến toàn trình còn thấp."),
            go(
                "consolidate",
                "Rà soát năm 2024: tỷ lệ hồ sơ trực tuyến toàn trình mới đạt 21%; cần củng cố, gắn "
                "với chuyển đổi số.",
            ),
            carry(gov("phường Bàn Thạch"), "Tiếp nhận khi sắp xếp đơn vị hành chính; tiếp tục củng cố."),
        ),
    ),
    Demo(
        owner=front("xã Tam Thăng"),
        name="Mái ấm Mặt trận: vận động xây nhà Đại đoàn kết cho hộ nghèo",
        year=2021,
        field="culture_society",
        topics=("social_security", "poverty_reduction", "national_unity"),
        situation="Trên địa bàn còn 23 hộ nghèo, cận nghèo ở nhà tạm, nhà dột nát.",
        content="Mặt trận vận động doanh nghiệp, con em xa quê, các tôn giáo hỗ trợ kinh phí; các "
        "đoàn thể góp ngày công; hộ được hỗ trợ đối ứng một phần; công khai danh sách tại thôn.",
        goals="Xóa nhà tạm cho 100% hộ nghèo trong giai đoạn 2021–2025.",
        start=date(2021, 3, 10),
        contributions=1_100_000_000,
        steps=(
            REGISTER,
            START,
            progress(
                date(2021, 12, 28),
                "Bàn giao 8 nhà Đại đoàn kết.",
                households=8,
                money=480_000_000,
                workdays=640,
                photo=("Bàn giao nhà Đại đoàn kết", RED),
            ),
            progress(
                date(2022, 12, 26),
                "Bàn giao thêm 9 nhà, sửa chữa 6 nhà.",
                households=15,
                money=610_000_000,
                workdays=720,
            ),
            go("propose", "Đề nghị công nhận năm 2022."),
            go("recognize", "Công nhận mô hình cấp thành phố năm 2022.", level=OLD_CITY),
            evaluate(2023, EXCELLENT, "Hoàn thành mục tiêu xóa nhà tạm trước 2 năm."),
            evaluate(2024, GOOD, "Chuyển sang hỗ trợ sinh kế cho các hộ đã có nhà."),
        ),
    ),
    Demo(
        owner=front("phường An Sơn"),
        name="Tuyến đường hoa, đường cờ Tổ quốc ở khu dân cư",
        year=2022,
        field="culture_society",
        topics=("civilized_urban", "environment"),
        situation="Một số tuyến kiệt, hẻm thiếu cây xanh, chưa có điểm nhấn.",
        content="Vận động các hộ trồng hoa trước nhà, treo cờ Tổ quốc các ngày lễ; mỗi khối phố "
        "chọn một tuyến đường để làm.",
        start=date(2022, 4, 1),
        steps=(
            REGISTER,
            START,
            progress(date(2022, 10, 10), "Trồng hoa trên 3 tuyến đường.", people=210, workdays=90),
            go("propose", "Đề nghị công nhận năm 2022."),
            go(
                "reject",
                "Chưa có số liệu chứng minh hiệu quả, tính lan tỏa hạn chế; nội dung là hoạt động "
                "thường xuyên của cuộc vận động, chưa phải mô hình.",
            ),
        ),
    ),
    Demo(
        owner=party("xã Tam Ngọc"),
        name="Vận động Nhân dân hiến đất, mở rộng đường giao thông nông thôn",
        year=2021,
        field="new_rural",
        topics=("new_rural", "land_clearance"),
        situation="Nhiều tuyến đường liên thôn rộng dưới 3 m, xe cứu thương, xe chở nông sản không "
        "vào được; xã phấn đấu đạt chuẩn nông thôn mới nâng cao.",
        content="Chi bộ thôn họp dân công khai quy hoạch; cán bộ, đảng viên hiến đất trước; người "
        "có uy tín vận động các hộ; Nhà nước hỗ trợ xi măng, Nhân dân góp công.",
        start=date(2021, 2, 25),
        where=(15.5653, 108.4207),
        steps=(
            REGISTER,
            START,
            progress(
                date(2021, 12, 5),
                "Mở rộng 6,4 km đường liên thôn; 187 hộ hiến đất, tháo dỡ tường rào.",
                households=187,
                land=8_600,
                workdays=2_400,
                money=1_200_000_000,
                photo=("Hiến đất mở đường – Tam Ngọc", GREEN),
            ),
            go("propose", "Đề nghị công nhận năm 2022."),
            go("recognize", "Công nhận mô hình cấp thành phố năm 2022.", level=OLD_CITY),
            evaluate(2022, EXCELLENT, "Góp phần đưa xã đạt chuẩn nông thôn mới nâng cao."),
            carry(party("phường Hương Trà"), "Tiếp nhận khi sắp xếp đơn vị hành chính."),
        ),
    ),
    Demo(
        owner=front("xã Tam Ngọc"),
        name="Ông Nguyễn Văn Thạnh – người có uy tín vận động bà con hiến đất làm đường",
        year=2023,
        kind=EXEMPLAR,
        holder=Holder.INDIVIDUAL,
        holder_name="Nguyễn Văn Thạnh",
        field="new_rural",
        topics=("new_rural", "national_unity"),
        situation="Trưởng ban công tác Mặt trận thôn Đàn Trung, 72 tuổi, 45 năm tuổi Đảng.",
        content="Gia đình ông hiến 320 m² đất đầu tiên; ông đến từng nhà vận động 41 hộ hiến đất, "
        "tháo dỡ tường rào mở rộng đường thôn.",
        steps=(
            REGISTER,
            START,
            progress(date(2023, 9, 12), "Vận động 41 hộ hiến 2.150 m² đất.", households=41, land=2_150),
            go("propose", "Đề nghị biểu dương điển hình năm 2023."),
            go(
                "recognize", "Công nhận điển hình “Dân vận khéo” cấp xã năm 2023.", level=party("xã Tam Ngọc")
            ),
        ),
    ),
    Demo(
        owner=front("phường An Phú"),
        name="Bà Trần Thị Bích – chi hội trưởng phụ nữ giúp hội viên thoát nghèo",
        year=2024,
        kind=EXEMPLAR,
        holder=Holder.INDIVIDUAL,
        holder_name="Trần Thị Bích",
        field="culture_society",
        topics=("poverty_reduction", "social_security"),
        situation="Chi hội phụ nữ khối phố Mỹ Thạch Đông có 9 hội viên thuộc hộ nghèo, cận nghèo.",
        content="Bà lập tổ tiết kiệm “nuôi heo đất”, xin vốn ưu đãi, hướng dẫn hội viên làm bánh, "
        "bán hàng trực tuyến; tổ chức giúp nhau ngày công.",
        steps=(
            REGISTER,
            START,
            progress(
                date(2024, 11, 8),
                "7 hộ thoát nghèo; tổ tiết kiệm huy động 126 triệu đồng.",
                households=7,
                money=126_000_000,
            ),
            go("propose", "Đề nghị công nhận điển hình năm 2024."),
            go("recognize", "Công nhận điển hình “Dân vận khéo” cấp thành phố năm 2024.", level=OLD_CITY),
            carry(front("phường Quảng Phú"), "Tiếp nhận khi sắp xếp đơn vị hành chính."),
        ),
    ),
    Demo(
        owner=OLD_DEPT,
        name="Dân vận khéo trong tổ chức đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân",
        year=2022,
        field="political_system",
        topics=("grassroots_democracy", "party_building"),
        situation="Một số kiến nghị của Nhân dân kéo dài nhiều năm; hội nghị đối thoại còn hình thức, "
        "người dân ngại phát biểu.",
        content="Ban Dân vận tham mưu quy trình đối thoại: lấy ý kiến trước qua tổ dân vận; người "
        "đứng đầu trực tiếp trả lời; thông báo kết quả giải quyết sau 30 ngày tại khu dân cư.",
        start=date(2022, 3, 15),
        steps=(
            REGISTER,
            START,
            progress(
                date(2022, 12, 1),
                "Tổ chức 26 hội nghị đối thoại ở 13 xã, phường; giải quyết dứt điểm 214/236 kiến nghị.",
                people=3_900,
            ),
            go("propose", "Đề nghị Tỉnh ủy công nhận."),
            go(
                "recognize",
                "Công nhận mô hình “Dân vận khéo” cấp tỉnh năm 2023 (Ban Chỉ đạo phong trào tỉnh Quảng Nam).",
                level=OLD_PROVINCE,
            ),
            evaluate(2023, EXCELLENT, "Được nhân rộng ra các huyện trong tỉnh."),
            carry(DEPT, "Tiếp nhận hồ sơ mô hình của Ban Dân vận Thành ủy Tam Kỳ.", by="canbo.danang"),
        ),
    ),
    Demo(
        owner=gov("xã Tam Thanh"),
        name="Tổ tự quản bờ biển thôn Hạ Thanh",
        year=2024,
        kind=EXEMPLAR,
        field="defence_security",
        topics=("security_order", "environment"),
        situation="Mùa du lịch biển đông khách, xảy ra đuối nước và xả rác trên bãi biển.",
        content="Tổ tự quản 15 thành viên là ngư dân, thanh niên: cứu hộ, giữ vệ sinh bãi biển, "
        "nhắc nhở du khách; phối hợp với công an xã.",
        steps=(
            REGISTER,
            START,
            progress(date(2024, 9, 5), "Cứu 6 người gặp nạn; 32 đợt thu gom rác.", people=15, workdays=410),
            go("propose", "Đề nghị biểu dương tập thể."),
            go("recognize", "Công nhận điển hình tập thể cấp thành phố năm 2024.", level=OLD_CITY),
            carry(gov("phường Quảng Phú"), "Tiếp nhận khi sắp xếp đơn vị hành chính."),
        ),
    ),
    Demo(
        owner=front("phường Tân Thạnh"),
        name="Phân loại rác thải sinh hoạt tại nguồn ở khu dân cư",
        year=2023,
        field="culture_society",
        topics=("environment", "civilized_urban"),
        situation="Rác thải sinh hoạt tăng nhanh; chưa có thói quen phân loại.",
        content="Phát thùng rác hai ngăn; Chi hội phụ nữ hướng dẫn ủ phân hữu cơ; điểm thu gom "
        "phế liệu gây quỹ khuyến học.",
        start=date(2023, 4, 22),
        steps=(
            REGISTER,
            START,
            progress(
                date(2023, 12, 14),
                "420 hộ phân loại rác; quỹ phế liệu 18 triệu đồng.",
                households=420,
                money=18_000_000,
            ),
            evaluate(2023, GOOD, "Bước đầu hiệu quả."),
            evaluate(2024, FAIR, "Cần duy trì đều ở các khối phố."),
            carry(front("phường Bàn Thạch"), "Tiếp nhận khi sắp xếp đơn vị hành chính; tiếp tục thực hiện."),
            progress(
                date(2026, 6, 5),
                "Mở rộng ra 6 khối phố của phường Bàn Thạch; 1.180 hộ phân loại rác.",
                households=1_180,
                money=42_000_000,
            ),
        ),
    ),
    Demo(
        owner=front("phường An Mỹ"),
        name="Tổ hòa giải ở cơ sở gắn với Ban công tác Mặt trận khối phố",
        year=2024,
        field="political_system",
        topics=("grassroots_democracy", "security_order"),
        situation="Mâu thuẫn về ranh giới đất, lối đi chung phát sinh nhiều, dễ thành khiếu nại.",
        content="Trưởng ban công tác Mặt trận làm tổ trưởng tổ hòa giải; mời người có uy tín, cựu "
        "chiến binh tham gia; hòa giải ngay tại khu dân cư trong 7 ngày.",
        steps=(
            REGISTER,
            START,
            progress(date(2025, 3, 20), "Hòa giải thành 27/29 vụ việc.", people=58),
            go("propose", "Đề nghị công nhận năm 2025."),
            carry(
                front("phường Tam Kỳ"),
                "Tiếp nhận khi sắp xếp đơn vị hành chính; hồ sơ đang đề nghị công nhận.",
            ),
            go("recognize", "Ban Chỉ đạo phường công nhận năm 2026.", level=front("phường Tam Kỳ")),
        ),
    ),
    Demo(
        owner=gov("xã Tam Phú"),
        name="Tổ hợp tác trồng rau an toàn theo tiêu chuẩn VietGAP",
        year=2022,
        field="economy",
        topics=("economic_development", "new_rural"),
        situation="Nông dân trồng rau nhỏ lẻ, giá bấp bênh.",
        content="Thành lập tổ hợp tác 20 hộ; tập huấn VietGAP; ký hợp đồng bao tiêu với bếp ăn trường học.",
        start=date(2022, 1, 20),
        steps=(
            REGISTER,
            START,
            progress(date(2022, 10, 1), "20 hộ tham gia; 3 ha rau.", households=20),
            evaluate(2022, FAIR, "Đầu ra chưa ổn định."),
            evaluate(2023, WEAK, "Hợp đồng bao tiêu không được gia hạn."),
            go(
                "discontinue",
                "Không hiệu quả: đầu ra không ổn định, các hộ đã chuyển đổi cây trồng (rà soát "
                "tháng 3/2024).",
            ),
        ),
    ),
    Demo(
        owner=party("phường An Sơn"),
        name="Dân vận khéo trong sắp xếp, sáp nhập khối phố",
        year=2025,
        field="political_system",
        topics=("administrative_reform", "grassroots_democracy"),
        situation="Sáp nhập 7 khối phố thành 4 theo chủ trương; Nhân dân băn khoăn về tên gọi, nhà văn hóa.",
        content="Lấy ý kiến cử tri từng hộ; đối thoại về tên gọi, sử dụng nhà văn hóa; bố trí cán bộ "
        "khối phố theo nguyện vọng.",
        start=date(2025, 1, 10),
        steps=(
            REGISTER,
            START,
            progress(
                date(2025, 4, 15),
                "98,6% cử tri đồng ý; hoàn thành sáp nhập không có đơn thư.",
                people=5_120,
                households=1_480,
            ),
            carry(party("phường Hương Trà"), "Tiếp nhận khi sắp xếp đơn vị hành chính."),
            evaluate(2025, GOOD, "Kinh nghiệm hữu ích cho sắp xếp thôn, tổ dân phố năm 2026."),
        ),
    ),
    Demo(
        owner=party("xã Tam Thăng"),
        name="Dân vận khéo trong xây dựng nông thôn mới nâng cao",
        year=2023,
        field="new_rural",
        topics=("new_rural", "environment"),
        situation="Xã còn 3 tiêu chí nông thôn mới nâng cao chưa đạt (môi trường, thu nhập, giao thông).",
        content="Mỗi chi bộ thôn nhận một tiêu chí; vận động Nhân dân chỉnh trang vườn, làm hàng "
        "rào xanh, góp công làm đường nội đồng.",
        start=date(2023, 2, 14),
        steps=(
            REGISTER,
            START,
            progress(date(2023, 10, 2), "54% hộ tham gia chỉnh trang vườn.", households=620, workdays=900),
            go("propose", "Đề nghị công nhận năm 2023."),
            go("reject", "Chưa đủ tiêu chí: tỷ lệ hộ tham gia mới đạt 54%; tiếp tục xây dựng."),
            go("resume", "Tiếp tục xây dựng năm 2024."),
            progress(
                date(2024, 10, 20),
                "86% hộ tham gia; làm 4,2 km đường nội đồng.",
                households=990,
                workdays=2_100,
                money=650_000_000,
            ),
            go("propose", "Đề nghị công nhận năm 2024."),
            go("recognize", "Công nhận mô hình cấp thành phố năm 2024.", level=OLD_CITY),
            carry(party("phường Bàn Thạch"), "Tiếp nhận khi sắp xếp đơn vị hành chính."),
        ),
    ),
    Demo(
        owner=gov("phường An Xuân"),
        name="Dân vận khéo trong vận động người dân nộp hồ sơ trực tuyến tại Bộ phận một cửa",
        year=2023,
        field="political_system",
        topics=("administrative_reform", "digital_transformation"),
        situation="Tỷ lệ hồ sơ nộp trực tuyến dưới 10%.",
        content="Công chức hướng dẫn người dân tự nộp hồ sơ trên điện thoại; đoàn viên hỗ trợ "
        "tại nhà cho người cao tuổi.",
        steps=(
            REGISTER,
            go("return", "Đề nghị bổ sung mục tiêu, tiêu chí đánh giá cụ thể và nguồn lực thực hiện."),
            edit(
                "Bổ sung mục tiêu và nguồn lực theo ý kiến của Ban Dân vận",
                goals="Tỷ lệ hồ sơ trực tuyến đạt 50% năm 2023, 70% năm 2024.",
                start_date=date(2023, 5, 2),
                workdays_planned=300,
            ),
            REGISTER,
            START,
            progress(date(2024, 6, 10), "Tỷ lệ hồ sơ trực tuyến đạt 58%.", people=1_960),
            go(
                "discontinue",
                "Đơn vị kết thúc hoạt động từ 01/7/2025; nội dung đã lồng ghép vào mô hình “Tổ công "
                "nghệ số cộng đồng” của phường Tam Kỳ.",
            ),
        ),
    ),
]

# ------------------------------------------------------------------------------------------------
# Thành phố Đà Nẵng from 1 July 2025 (no city campaign yet in the demo), then 2026–2030
# ------------------------------------------------------------------------------------------------
DA_NANG_2025 = [
    Demo(
        key="cong_nghe_so",
        owner=party("phường Tam Kỳ"),
        name="Dân vận khéo trong chuyển đổi số: Tổ công nghệ số cộng đồng",
        year=2025,
        field="political_system",
        topics=("digital_transformation", "administrative_reform"),
        situation="Sau sắp xếp, người dân phải làm thủ tục ở trụ sở phường mới, xa hơn; nhiều "
        "người cao tuổi chưa biết dùng dịch vụ công trực tuyến, định danh điện tử.",
        content="Mỗi khối phố lập một tổ công nghệ số cộng đồng gồm đoàn viên, công an khu vực, "
        "giáo viên; trực hướng dẫn tại nhà văn hóa tối thứ Ba và sáng Chủ nhật; đến tận nhà hỗ trợ "
        "người cao tuổi, người khuyết tật.",
        goals="80% người trưởng thành có tài khoản định danh điện tử mức 2; 60% hồ sơ nộp trực tuyến.",
        outputs="Số người được hướng dẫn, số tài khoản kích hoạt, số hồ sơ trực tuyến (báo cáo tháng).",
        start=date(2025, 8, 1),
        workdays=900,
        where=(15.5736, 108.4740),
        steps=(
            REGISTER,
            START,
            progress(
                date(2025, 10, 20),
                "Thành lập 21 tổ công nghệ số cộng đồng; hướng dẫn 2.150 người kích hoạt định "
                "danh điện tử, 860 hộ cài ứng dụng.",
                people=2_150,
                households=860,
                workdays=640,
                photo=("Tổ công nghệ số cộng đồng", TEAL),
            ),
            go("propose", "Đề nghị công nhận tại Hội nghị tổng kết năm 2025."),
            go(
                "recognize",
                "Ban Chỉ đạo thành phố công nhận mô hình “Dân vận khéo” năm 2025 (Quyết định số "
                "86-QĐ/TU ngày 26/12/2025).",
                level=CITY,
            ),
            evaluate(2025, EXCELLENT, "Tiêu biểu; đề nghị nhân rộng."),
        ),
    ),
    Demo(
        key="camera",
        owner=police("phường Hải Châu"),
        name="Camera an ninh kết nối cộng đồng",
        year=2025,
        field="defence_security",
        topics=("security_order", "digital_transformation"),
        situation="Khu trung tâm đông người qua lại; trộm cắp tài sản, vi phạm giao thông khó xác minh.",
        content="Vận động hộ kinh doanh, nhà dân lắp camera hướng ra đường và chia sẻ hình ảnh với "
        "công an phường qua nền tảng chung; tổ dân phố quản lý, bảo đảm quyền riêng tư.",
        goals="Phủ camera 100% tuyến phố chính; giảm 30% vụ trộm cắp.",
        start=date(2025, 8, 20),
        contributions=420_000_000,
        where=(16.0678, 108.2208),
        steps=(
            REGISTER,
            START,
            progress(
                date(2025, 11, 25),
                "Lắp 146 camera kết nối; hỗ trợ xác minh 23 vụ việc.",
                households=146,
                money=420_000_000,
                photo=("Camera an ninh kết nối cộng đồng", BLUE),
            ),
            go("propose", "Đề nghị công nhận năm 2025."),
            go("recognize", "Ban Chỉ đạo phường công nhận năm 2025.", level=party("phường Hải Châu")),
            evaluate(2025, EXCELLENT, "Hiệu quả rõ; Công an thành phố đề nghị nhân rộng."),
        ),
    ),
    Demo(
        owner=front("phường Hải Châu"),
        name="Tổ dân phố không rác thải nhựa",
        year=2025,
        field="culture_society",
        topics=("environment", "civilized_urban"),
        situation="Túi ni lông, đồ nhựa dùng một lần được dùng tràn lan ở chợ và khu dân cư.",
        content="Chi hội phụ nữ đổi rác nhựa lấy cây xanh; phát túi vải đi chợ; quán ăn, cà phê "
        "trong tổ cam kết không dùng ống hút nhựa.",
        start=date(2025, 9, 1),
        steps=(
            REGISTER,
            START,
            progress(
                date(2025, 12, 10),
                "Thu gom 1,2 tấn rác nhựa; 38 quán cam kết; phát 1.500 túi vải.",
                people=1_500,
                households=410,
                photo=("Tổ dân phố không rác thải nhựa", GREEN),
            ),
            go("propose", "Đề nghị công nhận năm 2025."),
            go("recognize", "Ban Chỉ đạo phường công nhận năm 2025.", level=party("phường Hải Châu")),
            evaluate(2025, GOOD, "Người dân hưởng ứng."),
            plan(2026, "Mở rộng ra chợ Hàn và các tổ dân phố lân cận."),
        ),
    ),
    Demo(
        owner="Sở Nội vụ thành phố Đà Nẵng",
        name="Dân vận khéo trong sắp xếp tổ chức bộ máy, vận hành chính quyền địa phương hai cấp",
        year=2025,
        field="political_system",
        topics=("administrative_reform",),
        situation="Sắp xếp đơn vị hành chính, bố trí cán bộ dôi dư tác động đến tâm tư nhiều cán "
        "bộ, công chức.",
        content="Đối thoại với cán bộ thuộc diện sắp xếp; công khai tiêu chí bố trí; tư vấn chính "
        "sách nghỉ hưu trước tuổi; theo dõi tâm tư sau sắp xếp.",
        start=date(2025, 7, 1),
        steps=(
            REGISTER,
            START,
            progress(date(2025, 12, 20), "Tổ chức 14 buổi đối thoại; 312 cán bộ được tư vấn.", people=312),
            evaluate(2025, GOOD, "Không phát sinh đơn thư."),
        ),
    ),
    Demo(
        owner="Bộ Chỉ huy Quân sự thành phố Đà Nẵng",
        name="“Hành quân về nguồn – Giúp dân xây dựng nông thôn mới” ở các xã miền núi",
        year=2025,
        field="defence_security",
        topics=("new_rural", "national_unity", "religion_ethnicity"),
        situation="Các xã miền núi phía tây còn khó khăn về đường giao thông, nhà ở.",
        content="Cán bộ, chiến sĩ hành quân dã ngoại kết hợp giúp dân làm đường, sửa nhà, khám "
        "bệnh, phát thuốc; tuyên truyền chính sách đến đồng bào.",
        start=date(2025, 7, 15),
        steps=(
            REGISTER,
            START,
            progress(
                date(2025, 9, 30),
                "Giúp dân 3.400 ngày công; làm 2 km đường; khám, cấp thuốc cho 1.200 người.",
                people=1_200,
                workdays=3_400,
                photo=("Hành quân về nguồn giúp dân", GREEN),
            ),
            go("propose", "Đề nghị biểu dương nhân kỷ niệm 95 năm Ngày truyền thống công tác dân vận."),
            go(
                "recognize",
                "Biểu dương tại Hội nghị kỷ niệm 95 năm Ngày truyền thống công tác dân vận của Đảng "
                "(15/10/2025).",
                level=CITY,
            ),
        ),
    ),
]

D26 = date(2026, 1, 1)

DA_NANG_2026 = [
    # --- Phường Tam Kỳ ---
    Demo(
        owner=women("phường Tam Kỳ"),
        name="Chi hội phụ nữ giúp nhau thoát nghèo",
        year=2026,
        field="culture_society",
        topics=("poverty_reduction", "social_security"),
        situation="Phường còn 37 hộ nghèo, cận nghèo do phụ nữ làm chủ hộ.",
        content="Mỗi chi hội nhận giúp ít nhất 1 hội viên; tổ tiết kiệm xoay vòng; giới thiệu việc "
        "làm, vay vốn ưu đãi qua Ngân hàng Chính sách xã hội.",
        start=date(2026, 2, 20),
        contributions=185_000_000,
        steps=(
            REGISTER,
            START,
            progress(
                date(2026, 7, 15),
                "12 hội viên được hỗ trợ vốn, cây con giống; tổ tiết kiệm huy động 185 triệu đồng.",
                households=12,
                money=185_000_000,
                photo=("Chi hội phụ nữ giúp nhau thoát nghèo", RED),
            ),
            go("propose", "Đề nghị công nhận tại Hội nghị sơ kết 6 tháng."),
            go("recognize", "Ban Chỉ đạo phường công nhận năm 2026.", level=front("phường Tam Kỳ")),
        ),
    ),
    Demo(
        owner=youth("phường Tam Kỳ"),
        name="Thanh niên tình nguyện hướng dẫn dịch vụ công trực tuyến",
        year=2026,
        field="political_system",
        topics=("digital_transformation", "administrative_reform"),
        situation="Người dân đến Trung tâm phục vụ hành chính công còn lúng túng khi nộp hồ sơ trực tuyến.",
        content="Đội hình 20 đoàn viên trực tại Trung tâm phục vụ hành chính công mỗi sáng thứ "
        "Bảy; hướng dẫn cài đặt, sử dụng ứng dụng định danh điện tử.",
        start=date(2026, 3, 26),
        steps=(
            REGISTER,
            START,
            progress(date(2026, 9, 30), "Hướng dẫn 1.340 lượt người.", people=1_340, workdays=260),
        ),
    ),
    Demo(
        owner=village("Khối phố An Thổ"),
        name="Khối phố tự quản về vệ sinh môi trường, trồng cây xanh",
        year=2026,
        kind=SELF,
        field="culture_society",
        topics=("environment", "civilized_urban"),
        situation="Kiệt hẻm thiếu bóng mát, còn điểm đổ rác tự phát.",
        content="Mỗi hộ trồng và chăm một cây xanh; xóa điểm đổ rác, làm vườn hoa nhỏ.",
        start=date(2026, 4, 1),
        steps=(REGISTER,),
    ),
    Demo(
        owner=village("Khối phố 7"),
        name="Tự quản “Thắp sáng đường quê” ở khối phố",
        year=2026,
        kind=SELF,
        field="defence_security",
        topics=("security_order", "civilized_urban"),
        situation="Nhiều kiệt hẻm chưa có đèn chiếu sáng.",
        content="Nhân dân góp tiền lắp đèn năng lượng mặt trời; tổ tự quản bảo trì.",
        start=date(2026, 3, 1),
        contributions=96_000_000,
        steps=(
            REGISTER,
            START,
            progress(
                date(2026, 8, 8),
                "Lắp 64 bóng đèn trên 2,8 km kiệt hẻm.",
                households=318,
                money=96_000_000,
                workdays=120,
            ),
            go("propose", "Đề nghị công nhận năm 2026."),
        ),
    ),
    Demo(
        owner=gov("phường Tam Kỳ"),
        name="Dân vận khéo trong bồi thường, giải phóng mặt bằng dự án mở rộng đường Điện Biên Phủ",
        year=2026,
        field="economy",
        topics=("land_clearance", "civilized_urban"),
        situation="Dự án ảnh hưởng 94 hộ; một số hộ có nhà kinh doanh mặt tiền.",
        content="Tổ dân vận của phường gặp từng hộ; công khai đơn giá; bố trí tái định cư tại "
        "chỗ; người đứng đầu đối thoại với các hộ còn vướng mắc.",
        start=date(2026, 2, 10),
        steps=(
            REGISTER,
            START,
            progress(
                date(2026, 10, 30),
                "71/94 hộ nhận tiền, bàn giao mặt bằng; 5 hộ hiến phần đất dôi dư.",
                households=71,
                land=3_460,
                pdf="Bien ban ban giao mat bang",
            ),
        ),
    ),
    Demo(
        owner=party("phường Tam Kỳ"),
        name="Sinh hoạt chi bộ khối phố gắn với đối thoại với Nhân dân",
        year=2026,
        field="political_system",
        topics=("party_building", "grassroots_democracy"),
        situation="Sinh hoạt chi bộ khối phố còn đơn điệu.",
        content="Mỗi quý một kỳ sinh hoạt chi bộ mở, mời đại diện hộ dân dự và nêu ý kiến.",
    ),
    Demo(
        owner=veterans("phường Tam Kỳ"),
        name="Ông Phan Văn Lộc – cựu chiến binh làm kinh tế giỏi, giúp đồng đội thoát nghèo",
        year=2026,
        kind=EXEMPLAR,
        holder=Holder.INDIVIDUAL,
        holder_name="Phan Văn Lộc",
        field="economy",
        topics=("economic_development", "poverty_reduction"),
        situation="Chủ trang trại gà 12.000 con ở khối phố Trường Đồng.",
        content="Tạo việc làm cho 14 lao động; cho 6 hội viên cựu chiến binh mượn vốn không lãi.",
        steps=(
            REGISTER,
            START,
            progress(date(2026, 6, 30), "6 hộ cựu chiến binh thoát nghèo.", households=6, money=240_000_000),
            go("propose", "Đề nghị biểu dương điển hình năm 2026."),
        ),
    ),
    Demo(
        owner=unions("phường Tam Kỳ"),
        name="Tủ sách pháp luật điện tử cho đoàn viên công đoàn",
        year=2026,
        field="political_system",
        topics=("digital_transformation",),
        situation="Đoàn viên ít có điều kiện tìm hiểu pháp luật.",
        content="Trang tài liệu pháp luật trên nhóm Zalo của công đoàn.",
        steps=(
            REGISTER,
            go(
                "discontinue",
                "Trùng với nội dung của Tổ công nghệ số cộng đồng; dừng để tránh chồng chéo.",
            ),
        ),
    ),
    # --- Phường Hải Châu ---
    Demo(
        owner=party("phường Hải Châu"),
        name="Dân vận khéo trong chỉnh trang đô thị, xây dựng tuyến phố văn minh Bạch Đằng",
        year=2026,
        field="culture_society",
        topics=("civilized_urban", "environment"),
        situation="Lấn chiếm vỉa hè, kinh doanh tự phát trên tuyến Bạch Đằng.",
        content="Chi bộ các tổ dân phố ven sông vận động hộ kinh doanh ký cam kết; đoàn viên ra "
        "quân dọn vỉa hè; biểu dương hộ kinh doanh văn minh.",
        start=date(2026, 3, 15),
        where=(16.0718, 108.2240),
        steps=(
            REGISTER,
            START,
            progress(
                date(2026, 9, 2),
                "112 hộ kinh doanh ký cam kết; trả lại 1,6 km vỉa hè thông thoáng.",
                households=112,
                people=2_300,
                photo=("Tuyến phố văn minh Bạch Đằng", BLUE),
            ),
        ),
    ),
    Demo(
        owner=youth("phường Hải Châu"),
        name="Ngày thứ Bảy tình nguyện: thanh niên hướng dẫn người cao tuổi dùng dịch vụ công trực tuyến",
        year=2026,
        field="political_system",
        topics=("digital_transformation",),
        situation="Người cao tuổi khó tiếp cận dịch vụ công trực tuyến.",
        content="Đoàn viên đến tổ dân phố hướng dẫn người cao tuổi vào sáng thứ Bảy.",
        start=date(2026, 4, 4),
        steps=(REGISTER,),
    ),
    Demo(
        owner=village("Tổ dân phố 2"),
        name="Tổ dân phố tự quản “Sáng – xanh – sạch – đẹp”",
        year=2026,
        kind=SELF,
        field="culture_society",
        topics=("environment", "civilized_urban"),
        situation="Tổ dân phố đông dân, nhiều nhà cho thuê.",
        content="Tổng vệ sinh hằng tuần; mỗi hộ treo một chậu hoa.",
        steps=(
            REGISTER,
            START,
            progress(date(2026, 6, 12), "Tổ chức 20 buổi tổng vệ sinh.", people=260),
            go("propose", "Đề nghị công nhận 6 tháng đầu năm."),
            go(
                "reject",
                "Kết quả chưa rõ, chủ yếu là hoạt động thường xuyên; đề nghị bổ sung số liệu, hình "
                "ảnh và tiếp tục xây dựng.",
            ),
        ),
    ),
    Demo(
        owner=women("phường Hải Châu"),
        name="Chi hội phụ nữ tổ dân phố 3 thực hiện “5 không, 3 sạch”",
        year=2026,
        kind=EXEMPLAR,
        field="culture_society",
        topics=("culture_family", "environment"),
        situation="Chi hội 86 hội viên, nhiều năm liền vững mạnh.",
        content="Gia đình “5 không, 3 sạch”; câu lạc bộ gia đình hạnh phúc; không có bạo lực gia đình.",
        steps=(
            REGISTER,
            START,
            progress(date(2026, 5, 20), "100% hộ hội viên đạt “5 không, 3 sạch”.", households=86),
            go("propose", "Đề nghị biểu dương tập thể."),
            go(
                "recognize",
                "Ban Chỉ đạo phường công nhận điển hình năm 2026.",
                level=party("phường Hải Châu"),
            ),
        ),
    ),
    Demo(
        owner=gov("phường Hải Châu"),
        name="Bộ phận một cửa “4 xin, 4 luôn” sau sắp xếp",
        year=2026,
        field="political_system",
        topics=("administrative_reform",),
        situation="Trụ sở mới, lượng hồ sơ tăng gấp đôi sau sắp xếp.",
        content="Áp dụng bộ quy tắc ứng xử “4 xin, 4 luôn”; khảo sát mức độ hài lòng qua mã QR.",
    ),
    # --- Phường Quảng Phú, Bàn Thạch, Hương Trà (successors of the former Tam Kỳ communes) ---
    Demo(
        owner=farmers("phường Quảng Phú"),
        name="Tổ hợp tác trồng rau hữu cơ Thạch Tân",
        year=2026,
        field="economy",
        topics=("economic_development", "environment"),
        situation="Diện tích rau ven sông Tam Kỳ manh mún, sản phẩm khó tiêu thụ.",
        content="15 hộ liên kết; Hội Nông dân hỗ trợ giống, nhà lưới; bán qua sàn thương mại điện tử.",
        start=date(2026, 2, 1),
        steps=(
            REGISTER,
            START,
            progress(date(2026, 8, 15), "Thu hoạch 18 tấn rau, giá bán cao hơn 20%.", households=15),
        ),
    ),
    Demo(
        owner=village("Thôn Phú Thạnh"),
        name="Thôn tự quản phòng, chống thiên tai, bão lũ",
        year=2026,
        kind=SELF,
        field="defence_security",
        topics=("security_order", "social_security"),
        situation="Thôn trũng thấp, mùa mưa bão thường bị ngập.",
        content="Tổ xung kích 20 người; danh sách hộ cần sơ tán; kho vật tư cứu hộ tại nhà văn hóa.",
        steps=(REGISTER,),
    ),
    Demo(
        owner=veterans("phường Bàn Thạch"),
        name="Cựu chiến binh giúp nhau phát triển kinh tế",
        year=2026,
        field="economy",
        topics=("economic_development", "poverty_reduction"),
        situation="Nhiều hội viên cựu chiến binh cao tuổi, thu nhập thấp.",
        content="Tổ tiết kiệm và vay vốn; giúp nhau giống, vật tư, ngày công.",
        start=date(2026, 1, 15),
        steps=(
            REGISTER,
            START,
            progress(
                date(2026, 4, 20), "Giải ngân 640 triệu đồng cho 32 hộ.", households=32, money=640_000_000
            ),
            go("propose", "Đề nghị công nhận."),
            go("recognize", "Ban Chỉ đạo phường công nhận năm 2026.", level=party("phường Bàn Thạch")),
            go("consolidate", "Nhiều hộ vay chậm trả; cần củng cố tổ tiết kiệm và giám sát sử dụng vốn."),
        ),
    ),
    Demo(
        owner=village("Khối phố Phương Hòa"),
        name="Khối phố Phương Hòa không rác thải nhựa",
        year=2026,
        kind=SELF,
        field="culture_society",
        topics=("environment",),
        situation="Rác nhựa ở kênh thoát nước gây ngập cục bộ.",
        content="Đổi chai nhựa lấy quà; làm sạch kênh mỗi tháng; hộ kinh doanh dùng túi giấy.",
        steps=(REGISTER, START, progress(date(2026, 7, 1), "Thu gom 640 kg rác nhựa.", people=520)),
    ),
    # --- Xã Hòa Vang ---
    Demo(
        owner=farmers("xã Hòa Vang"),
        name="Tổ hợp tác nuôi bò vỗ béo giúp nhau phát triển kinh tế",
        year=2026,
        field="economy",
        topics=("economic_development", "new_rural"),
        situation="Nông dân nuôi bò nhỏ lẻ, thiếu vốn và kỹ thuật.",
        content="Hội Nông dân bảo lãnh vay vốn; tập huấn kỹ thuật; liên kết lò mổ tiêu thụ.",
        start=date(2026, 3, 5),
        steps=(
            REGISTER,
            START,
            progress(date(2026, 10, 5), "18 hộ tham gia, 126 con bò.", households=18, money=900_000_000),
        ),
    ),
    Demo(
        owner=village("Thôn Phú Túc"),
        name="Thôn Phú Túc tự quản đường giao thông nông thôn “sáng – xanh – sạch”",
        year=2026,
        kind=SELF,
        field="new_rural",
        topics=("new_rural", "environment"),
        situation="Đường thôn mới làm nhưng thiếu đèn, cây xanh.",
        content="Mỗi hộ tự quản đoạn đường trước nhà; trồng hoa, lắp đèn; quét dọn chiều thứ Bảy.",
        start=date(2026, 2, 15),
        steps=(
            REGISTER,
            START,
            progress(
                date(2026, 6, 28),
                "3,5 km đường có đèn và hoa; 210 hộ tham gia.",
                households=210,
                workdays=640,
                money=150_000_000,
                photo=("Thôn Phú Túc sáng – xanh – sạch", GREEN),
            ),
            go("propose", "Đề nghị công nhận."),
            go("recognize", "Ban Chỉ đạo xã công nhận năm 2026.", level=party("xã Hòa Vang")),
        ),
    ),
    Demo(
        owner=party("xã Hòa Vang"),
        name="Dân vận khéo trong vận động hiến đất mở rộng đường liên thôn",
        year=2026,
        field="new_rural",
        topics=("new_rural", "land_clearance"),
        situation="Đường liên thôn Hòa Phước – Dương Sơn hẹp, xuống cấp.",
        content="Cán bộ, đảng viên gương mẫu hiến đất trước; họp dân công khai phương án.",
        start=date(2026, 3, 1),
        steps=(
            REGISTER,
            START,
            progress(
                date(2026, 9, 20),
                "96 hộ hiến 4.300 m² đất, tháo dỡ 1,1 km tường rào.",
                households=96,
                land=4_300,
                workdays=850,
            ),
            go("propose", "Đề nghị công nhận năm 2026."),
        ),
    ),
    Demo(
        owner=village("Thôn Hòa Phước"),
        name="Tổ hòa giải thôn Hòa Phước “giữ tình làng nghĩa xóm”",
        year=2026,
        kind=SELF,
        field="political_system",
        topics=("grassroots_democracy", "national_unity"),
        situation="Tranh chấp nhỏ về ranh giới, nước tưới.",
        content="Hòa giải tại nhà văn hóa thôn; người có uy tín làm tổ trưởng.",
    ),
    Demo(
        owner=front("xã Hòa Vang"),
        name="Bà Nguyễn Thị Lài – người có uy tín vận động con cháu bảo vệ rừng",
        year=2026,
        kind=EXEMPLAR,
        holder=Holder.INDIVIDUAL,
        holder_name="Nguyễn Thị Lài",
        field="defence_security",
        topics=("environment", "national_unity"),
        situation="Hộ nhận khoán bảo vệ 30 ha rừng đầu nguồn.",
        content="Vận động 40 hộ trong thôn ký cam kết không phá rừng, không đốt nương.",
        steps=(REGISTER,),
    ),
    # --- other wards and communes, city agencies (the near-identical pair is here) ---
    Demo(
        owner=party("phường Hòa Cường"),
        name="Xây dựng tuyến phố văn minh, sạch đẹp",
        year=2026,
        field="culture_society",
        topics=("civilized_urban",),
        situation="Một số tuyến phố còn lấn chiếm vỉa hè, rác thải.",
        content="Vận động các hộ dân giữ gìn vệ sinh, không lấn chiếm vỉa hè, trồng cây xanh, "
        "treo cờ Tổ quốc vào các ngày lễ; tổ chức ra quân tổng vệ sinh hằng tháng.",
        start=date(2026, 3, 1),
        steps=(REGISTER,),
    ),
    Demo(
        owner=party("phường An Khê"),
        name="Xây dựng tuyến phố văn minh, sạch đẹp",
        year=2026,
        field="culture_society",
        topics=("civilized_urban",),
        situation="Một số tuyến phố còn lấn chiếm vỉa hè, rác thải.",
        content="Vận động các hộ dân giữ gìn vệ sinh, không lấn chiếm vỉa hè, trồng cây xanh, "
        "treo cờ Tổ quốc vào các ngày lễ; tổ chức ra quân tổng vệ sinh hằng tháng.",
        start=date(2026, 3, 1),
        steps=(REGISTER, START),
    ),
    Demo(
        owner=gov("phường Sơn Trà"),
        name="Dân vận khéo trong giải phóng mặt bằng tuyến đường ven biển Sơn Trà",
        year=2026,
        field="economy",
        topics=("land_clearance",),
        situation="Dự án nâng cấp tuyến đường ven biển ảnh hưởng 58 hộ, 12 hộ kinh doanh hải sản.",
        content="Đối thoại theo nhóm hộ; hỗ trợ chuyển đổi nghề; bố trí ki-ốt kinh doanh tạm.",
        start=date(2026, 4, 10),
        where=(16.1005, 108.2470),
        steps=(
            REGISTER,
            START,
            progress(
                date(2026, 10, 12),
                "45/58 hộ bàn giao mặt bằng.",
                households=45,
                land=6_820,
                photo=("Giải phóng mặt bằng đường ven biển Sơn Trà", ORANGE),
            ),
        ),
    ),
    Demo(
        owner=front("phường Hội An"),
        name="Phố cổ xanh: nói không với túi ni lông",
        year=2026,
        field="culture_society",
        topics=("environment", "economic_development"),
        situation="Lượng khách đông, túi ni lông dùng một lần thải ra nhiều.",
        content="Hộ kinh doanh phố cổ dùng túi giấy, lá chuối; điểm đổi rác tái chế lấy quà.",
        start=date(2026, 1, 20),
        where=(15.8801, 108.3380),
        steps=(
            REGISTER,
            START,
            progress(date(2026, 5, 30), "420 hộ kinh doanh tham gia.", households=420, people=3_500),
            go("propose", "Đề nghị công nhận."),
            go("recognize", "Ban Chỉ đạo phường công nhận năm 2026.", level=party("phường Hội An")),
        ),
    ),
    Demo(
        owner=party("xã Tây Giang"),
        name="Dân vận khéo trong vận động đồng bào Cơ Tu giữ rừng, phát triển du lịch cộng đồng",
        year=2026,
        field="culture_society",
        topics=("religion_ethnicity", "environment", "economic_development"),
        situation="Rừng đầu nguồn bị xâm hại; đời sống đồng bào còn khó khăn.",
        content="Già làng, người có uy tín làm nòng cốt; giao khoán rừng cho cộng đồng thôn; làng "
        "du lịch cộng đồng giữ nhà Gươl, dệt thổ cẩm.",
        start=date(2026, 2, 5),
        where=(15.8500, 107.5000),
        steps=(
            REGISTER,
            START,
            progress(
                date(2026, 8, 30),
                "4 thôn nhận khoán 1.250 ha rừng; đón 3.200 lượt khách.",
                households=286,
                people=3_200,
            ),
        ),
    ),
    Demo(
        owner=gov("xã Nam Trà My"),
        name="Dân vận khéo trong phát triển cây sâm Ngọc Linh gắn với giảm nghèo",
        year=2026,
        field="economy",
        topics=("economic_development", "poverty_reduction", "religion_ethnicity"),
        situation="Đồng bào Xơ Đăng trồng sâm nhỏ lẻ, dễ bị ép giá, mất trộm.",
        content="Tổ hợp tác trồng sâm dưới tán rừng; hỗ trợ giống; tổ bảo vệ vườn sâm.",
        start=date(2026, 3, 10),
        steps=(
            REGISTER,
            START,
            progress(date(2026, 9, 10), "62 hộ trồng 18.000 cây giống.", households=62),
            go("propose", "Đề nghị công nhận năm 2026."),
        ),
    ),
    Demo(
        owner=women("xã Nam Trà My"),
        name="Vận động trẻ em đồng bào Xơ Đăng đến trường, không tảo hôn",
        year=2026,
        field="culture_society",
        topics=("education_health", "religion_ethnicity"),
        situation="Một số học sinh ở các nóc xa bỏ học theo gia đình lên rẫy; còn tình trạng tảo hôn.",
        content="Chi hội phụ nữ các thôn cùng giáo viên đến từng nhà vận động; hội viên nhận đỡ đầu "
        "học sinh khó khăn; nói chuyện về hậu quả của tảo hôn trong các buổi sinh hoạt thôn.",
        start=date(2026, 8, 15),
        steps=(
            REGISTER,
            START,
            progress(
                date(2026, 10, 25),
                "27 em trở lại lớp; 14 em được hội viên nhận đỡ đầu.",
                people=27,
                households=24,
                money=42_000_000,
            ),
        ),
    ),
    Demo(
        owner=women("xã Duy Xuyên"),
        name="Câu lạc bộ “Gia đình 5 không, 3 sạch”",
        year=2026,
        field="culture_society",
        topics=("culture_family",),
        situation="Phát động theo kế hoạch của Hội cấp trên.",
        content="Sinh hoạt câu lạc bộ hằng tháng.",
        steps=(
            REGISTER,
            START,
            go("discontinue", "Hoạt động hình thức, 6 tháng không sinh hoạt; xóa bỏ mô hình không hiệu quả."),
        ),
    ),
    Demo(
        owner=youth("phường Liên Chiểu"),
        name="Đội hình thanh niên tình nguyện “Vì biển xanh”",
        year=2026,
        field="culture_society",
        topics=("environment",),
        situation="Bãi biển Nguyễn Tất Thành nhiều rác sau mùa mưa.",
        content="Ra quân nhặt rác cuối tuần; tuyên truyền du khách.",
    ),
    Demo(
        owner=gov("phường Cẩm Lệ"),
        name="Hội nghị đối thoại trực tuyến giữa Chủ tịch UBND phường với Nhân dân",
        year=2026,
        field="political_system",
        topics=("grassroots_democracy", "digital_transformation"),
        situation="Người dân bận, ít tham dự hội nghị đối thoại trực tiếp.",
        content="Đối thoại qua nền tảng trực tuyến mỗi quý.",
        steps=(
            REGISTER,
            START,
            progress(date(2026, 6, 25), "2 hội nghị, 140 lượt tham gia.", people=140),
            go("propose", "Đề nghị công nhận."),
            go(
                "reject",
                "Số người tham gia ít, chưa có kết quả giải quyết kiến nghị cụ thể; tiếp tục xây dựng.",
            ),
        ),
    ),
    Demo(
        owner=police("thành phố Đà Nẵng"),
        name="Dân vận khéo trong vận động Nhân dân giao nộp vũ khí, vật liệu nổ",
        year=2026,
        field="defence_security",
        topics=("security_order",),
        situation="Vật liệu nổ sót lại sau chiến tranh, vũ khí tự chế trong dân.",
        content="Công an xã, phường phối hợp Mặt trận vận động từng hộ; tiếp nhận tại nhà; biểu "
        "dương người giao nộp.",
        start=date(2026, 1, 10),
        steps=(
            REGISTER,
            START,
            progress(
                date(2026, 9, 5),
                "Tiếp nhận 126 vũ khí các loại, 2,3 tấn vật liệu nổ.",
                people=18_400,
                households=5_200,
            ),
            go("propose", "Đề nghị công nhận cấp thành phố."),
            go("recognize", "Ban Chỉ đạo thành phố công nhận năm 2026.", level=CITY),
        ),
    ),
    Demo(
        owner=gov("phường Ngũ Hành Sơn"),
        name="Làng đá mỹ nghệ Non Nước: dân vận khéo trong bảo vệ môi trường làng nghề",
        year=2026,
        field="economy",
        topics=("environment", "economic_development"),
        situation="Bụi đá, nước thải từ cơ sở chế tác ảnh hưởng khu dân cư.",
        content="Cơ sở chế tác ký cam kết; lắp hệ thống phun sương; Nhân dân giám sát.",
        steps=(REGISTER,),
    ),
    Demo(
        owner="Sở Nông nghiệp và Môi trường thành phố Đà Nẵng",
        name="Dân vận khéo trong chuyển đổi cây trồng thích ứng biến đổi khí hậu",
        year=2026,
        field="new_rural",
        topics=("new_rural", "economic_development"),
        situation="Ruộng ven biển nhiễm mặn, năng suất lúa giảm.",
        content="Vận động nông dân chuyển sang cây trồng chịu mặn; hỗ trợ giống, kỹ thuật.",
        start=date(2026, 2, 15),
        steps=(
            REGISTER,
            START,
            progress(date(2026, 7, 30), "Chuyển đổi 48 ha; 230 hộ tham gia.", households=230),
        ),
    ),
    Demo(
        owner=party("xã Hòa Tiến"),
        name="Dân vận khéo trong xây dựng xã nông thôn mới kiểu mẫu",
        year=2026,
        field="new_rural",
        topics=("new_rural",),
        situation="Xã đặt mục tiêu đạt nông thôn mới kiểu mẫu năm 2027.",
        content="Vận động Nhân dân.",
        steps=(
            REGISTER,
            go(
                "return",
                "Đề nghị bổ sung nội dung, cách thức thực hiện, nguồn lực và tiêu chí đánh giá cụ thể.",
            ),
        ),
    ),
    Demo(
        owner=party("phường Điện Bàn"),
        name="Hộ kinh doanh văn minh ở chợ Vĩnh Điện",
        year=2026,
        field="culture_society",
        topics=("civilized_urban", "economic_development"),
        situation="Chợ đông, buôn bán lấn chiếm lối đi, cân điêu.",
        content="Tiểu thương ký cam kết; niêm yết giá; cân đối chứng; bình xét hộ kinh doanh văn minh.",
        start=date(2026, 4, 1),
        steps=(REGISTER,),
    ),
    Demo(
        owner=youth("phường Hòa Khánh"),
        name="Anh Trần Quốc Việt – bí thư chi đoàn, người dẫn dắt tổ công nghệ số cộng đồng",
        year=2026,
        kind=EXEMPLAR,
        holder=Holder.INDIVIDUAL,
        holder_name="Trần Quốc Việt",
        field="political_system",
        topics=("digital_transformation",),
        situation="Kỹ sư phần mềm, bí thư chi đoàn khu dân cư.",
        content="Lập nhóm hỗ trợ kỹ thuật miễn phí cho người dân; viết tài liệu hướng dẫn bằng hình.",
        steps=(
            REGISTER,
            START,
            progress(date(2026, 8, 20), "Hỗ trợ 860 lượt người dân.", people=860),
        ),
    ),
]

# ------------------------------------------------------------------------------------------------
# Replications (nhân rộng), in 2026: the replica is adapted to its place, then built
# ------------------------------------------------------------------------------------------------
REPLICAS = [
    # Tổ công nghệ số cộng đồng of phường Tam Kỳ → three successor wards of the former Tam Kỳ
    Demo(
        source="cong_nghe_so",
        owner=party("phường Bàn Thạch"),
        name="Tổ công nghệ số cộng đồng ở các khối phố phường Bàn Thạch",
        year=2026,
        field="political_system",
        topics=(),
        situation="",
        content="Học cách làm của phường Tam Kỳ: mỗi khối phố của phường Bàn Thạch một tổ công nghệ "
        "số; ưu tiên hỗ trợ tiểu thương chợ Tam Kỳ thanh toán không dùng tiền mặt.",
        steps=(
            REGISTER,
            START,
            progress(
                date(2026, 9, 15), "Thành lập 14 tổ; hướng dẫn 1.120 người.", people=1_120, households=430
            ),
        ),
    ),
    Demo(
        source="cong_nghe_so",
        owner=party("phường Hương Trà"),
        name="Tổ công nghệ số cộng đồng phường Hương Trà",
        year=2026,
        field="political_system",
        topics=(),
        situation="",
        content="Nhân rộng từ phường Tam Kỳ; các tổ đặt tại nhà văn hóa thôn, khối phố của phường "
        "Hương Trà, chú trọng người cao tuổi ở các thôn xa trung tâm.",
        steps=(REGISTER,),
    ),
    Demo(
        source="cong_nghe_so",
        owner=party("phường Quảng Phú"),
        name="Tổ công nghệ số cộng đồng phường Quảng Phú",
        year=2026,
        field="political_system",
        topics=(),
        situation="",
        content="Nhân rộng từ phường Tam Kỳ; phường Quảng Phú đang hoàn thiện kế hoạch cho các thôn "
        "ven biển.",
    ),
    # Camera an ninh kết nối cộng đồng of phường Hải Châu → Thanh Khê (→ An Khê), Hòa Vang
    Demo(
        key="camera_thanh_khe",
        source="camera",
        owner=police("phường Thanh Khê"),
        name="Camera an ninh kết nối cộng đồng phường Thanh Khê",
        year=2026,
        field="defence_security",
        topics=(),
        situation="",
        content="Nhân rộng từ phường Hải Châu; camera tập trung ở các kiệt hẻm khu dân cư đông "
        "người lao động thuê trọ của phường Thanh Khê.",
        steps=(
            REGISTER,
            START,
            progress(
                date(2026, 6, 18),
                "Lắp 212 camera; hỗ trợ xác minh 31 vụ việc.",
                households=212,
                money=510_000_000,
            ),
            go("propose", "Đề nghị công nhận."),
            go("recognize", "Ban Chỉ đạo phường công nhận năm 2026.", level=party("phường Thanh Khê")),
        ),
    ),
    Demo(
        source="camera",
        owner=police("xã Hòa Vang"),
        name="Camera an ninh kết nối cộng đồng ở các thôn xã Hòa Vang",
        year=2026,
        field="defence_security",
        topics=(),
        situation="",
        content="Nhân rộng từ phường Hải Châu; ở xã Hòa Vang camera đặt tại các ngã ba đường thôn, "
        "nhà văn hóa; kinh phí do Nhân dân và doanh nghiệp đóng góp.",
        steps=(REGISTER,),
    ),
    Demo(
        source="camera_thanh_khe",
        owner=police("phường An Khê"),
        name="Camera an ninh kết nối cộng đồng phường An Khê",
        year=2026,
        field="defence_security",
        topics=(),
        situation="",
        content="Học cách làm của phường Thanh Khê; phường An Khê khảo sát các tuyến kiệt cần lắp camera.",
    ),
    # ĐT129 land clearance (former Tam Phú, now Quảng Phú) → coastal communes
    Demo(
        source="ven_bien",
        owner=gov("phường Hội An Đông"),
        name="Dân vận khéo trong giải phóng mặt bằng tuyến đường ven biển qua phường Hội An Đông",
        year=2026,
        field="economy",
        topics=(),
        situation="",
        content="Vận dụng kinh nghiệm tổ công tác “bốn cùng” của xã Tam Phú cũ cho đoạn tuyến ven "
        "biển qua phường Hội An Đông; đối thoại riêng với các hộ làm dịch vụ du lịch.",
        steps=(
            REGISTER,
            START,
            progress(date(2026, 10, 5), "38/61 hộ bàn giao mặt bằng.", households=38, land=5_100),
        ),
    ),
    Demo(
        source="ven_bien",
        owner=gov("xã Duy Nghĩa"),
        name="Dân vận khéo trong giải phóng mặt bằng tuyến đường ven biển qua xã Duy Nghĩa",
        year=2026,
        field="economy",
        topics=(),
        situation="",
        content="Vận dụng kinh nghiệm của xã Tam Phú cũ; ưu tiên tái định cư tại chỗ cho ngư dân "
        "xã Duy Nghĩa.",
        steps=(REGISTER,),
    ),
    # Khu dân cư tự quản về an ninh trật tự (former An Xuân, now Tam Kỳ) → two urban blocks
    Demo(
        source="an_ninh",
        owner=village("Khối phố Trường Đồng"),
        name="Khối phố Trường Đồng tự quản về an ninh trật tự",
        year=2026,
        kind=SELF,
        field="defence_security",
        topics=(),
        situation="",
        content="Nhân rộng mô hình của phường An Xuân cũ; khối phố Trường Đồng lập 9 tổ liên gia, "
        "nhóm Zalo báo tin và tuần tra cuối tuần.",
        steps=(
            REGISTER,
            START,
            progress(date(2026, 8, 25), "9 tổ liên gia; 48 lượt tuần tra.", households=286, workdays=150),
        ),
    ),
    Demo(
        source="an_ninh",
        owner=village("Khối phố 7"),
        name="Khối phố 7 tự quản về an ninh trật tự",
        year=2026,
        kind=SELF,
        field="defence_security",
        topics=(),
        situation="",
        content="Nhân rộng mô hình của phường An Xuân cũ cho Khối phố 7; đang lập danh sách tổ liên gia.",
    ),
]

DEMOS = TAM_KY_2021_2025 + DA_NANG_2025 + DA_NANG_2026 + REPLICAS
MARKER = TAM_KY_2021_2025[0].name  # present once the demo models are


# ------------------------------------------------------------------------------------------------
# Evidence pictures (small banners) and a one-page PDF, drawn with Pillow
# ------------------------------------------------------------------------------------------------
FONT_FILES = [
    str(fonts.BOLD),  # the font the project ships for its charts
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/croscore/Arimo-Bold.ttf",
]


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFD", text).replace("đ", "d").replace("Đ", "D").replace("–", "-")
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn").encode("ascii", "ignore").decode()


def _font(size: int):
    from PIL import ImageFont

    for path in FONT_FILES:
        try:
            return ImageFont.truetype(path, size), True
        except OSError:
            continue
    return ImageFont.load_default(size=size), False  # Latin letters only: no Vietnamese marks


def banner(title: str, colour: str, subtitle: str, *, fmt: str = "JPEG") -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 360), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 250, 640, 360), fill="#f4f1e8")
    draw.ellipse((520, 30, 600, 110), fill="#ffd34d")  # a sun: it is a photo of a good day
    big, unicode_ok = _font(30)
    small, _ = _font(20)
    words, lines = (title if unicode_ok else _ascii(title)).split(), [""]
    for word in words:
        if len(lines[-1]) + len(word) > 30:
            lines.append("")
        lines[-1] = f"{lines[-1]} {word}".strip()
    for index, line in enumerate(lines[:4]):
        draw.text((28, 40 + index * 44), line, font=big, fill="white")
    draw.text((28, 280), subtitle if unicode_ok else _ascii(subtitle), font=small, fill="#333333")
    out = io.BytesIO()
    image.save(out, format=fmt, quality=80)
    return out.getvalue()


def document(title: str, body: str) -> bytes:
    from PIL import Image, ImageDraw

    page = Image.new("RGB", (595, 842), "white")  # A4 at 72 dpi
    draw = ImageDraw.Draw(page)
    big, unicode_ok = _font(22)
    small, _ = _font(14)
    draw.text((60, 80), title if unicode_ok else _ascii(title), font=big, fill="black")
    for index, line in enumerate(body.split("\n")):
        draw.text((60, 140 + index * 24), line if unicode_ok else _ascii(line), font=small, fill="black")
    out = io.BytesIO()
    page.save(out, format="PDF", resolution=72)
    return out.getvalue()


# ------------------------------------------------------------------------------------------------
# The seeder
# ------------------------------------------------------------------------------------------------
class _Seeder:
    def __init__(self):
        roots = list(Unit.objects.filter(depth=1, name__in=[CITY, OLD_PROVINCE]))
        units: dict[str, Unit] = {}
        for root in roots:
            for unit in Unit.objects.filter(path__startswith=root.path).select_related("area"):
                units.setdefault(unit.name, unit)
        self.units = units
        self.fields = {f.code: f for f in Field.objects.all()}
        self.topics = {t.code: t for t in Topic.objects.all()}
        self.old_campaign = Campaign.objects.get(issuing_unit__name=OLD_CITY, start_date__year=2021)
        self.campaign = Campaign.objects.get(issuing_unit__name=CITY, start_date__year=2026)
        users = get_user_model().objects.filter(
            username__in=["admin", "canbo.danang", "canbo.tamky", "canbo.haichau"]
        )
        self.users = {u.username: u for u in users}  # one object each: grants are read once
        self.tamky = self.units[party("phường Tam Kỳ")]
        self.tamky_front = self.units[front("phường Tam Kỳ")]
        self.haichau = self.units[party("phường Hải Châu")]
        self.today = timezone.localdate()
        self.by_key: dict[str, Initiative] = {}

    def unit(self, name: str) -> Unit:
        return self.units[name]

    # who acts: the officers of the owner unit, the standing agency above it, or (for the former
    # units, whose data is recorded afterwards) the system administrator
    def editor(self, unit: Unit):
        if not unit.active:
            return self.users["admin"]
        if unit.path.startswith(self.tamky.path):
            return self.users["canbo.tamky"]
        if unit.path.startswith(self.haichau.path):
            return self.users["canbo.haichau"]
        return self.users["canbo.danang"]

    def reviewer(self, unit: Unit):
        if not unit.active:
            return self.users["admin"]
        if unit.path.startswith(self.tamky_front.path):
            return self.users["canbo.tamky"]
        return self.users["canbo.danang"]

    def actor(self, step: Step, unit: Unit, *, review: bool = False):
        if step.by:
            return self.users[step.by]
        return self.reviewer(unit) if review else self.editor(unit)

    def registration(self, demo: Demo, owner: Unit) -> dict:
        where = place(owner.area)
        campaign = None
        if demo.year >= 2026:
            campaign = self.campaign
        elif not owner.active:
            campaign = self.old_campaign
        start = demo.start or date(demo.year, 3, 1)
        data = {
            "name": demo.name,
            "kind": demo.kind,
            "holder": demo.holder,
            "holder_name": demo.holder_name,
            "field": self.fields[demo.field],
            "campaign": campaign,
            "year": demo.year,
            "situation": demo.situation,
            "goals": demo.goals
            or "Giải quyết dứt điểm vấn đề nêu trên; Nhân dân đồng tình, tham gia và hài lòng.",
            "content": demo.content,
            "beneficiaries": demo.beneficiaries or f"Nhân dân {where}",
            "forces": demo.forces
            or f"Chủ trì: {owner.name}. Phối hợp: Ủy ban Mặt trận Tổ quốc và các tổ chức chính trị - "
            f"xã hội {where}. Tham gia: cán bộ, đảng viên, đoàn viên, hội viên và Nhân dân.",
            "funding_planned": Decimal(demo.funding) if demo.funding else None,
            "facilities": "Nhà văn hóa, hệ thống loa truyền thanh, nhóm Zalo của khu dân cư.",
            "workdays_planned": demo.workdays,
            "contributions_planned": Decimal(demo.contributions) if demo.contributions else None,
            "start_date": start,
            "milestones": milestones(demo.year),
            "evaluation_date": date(demo.year, 11, 30),
            "outputs": demo.outputs or "Báo cáo kết quả 6 tháng, năm với số liệu và hình ảnh minh chứng.",
            "sustainability": "Đưa nội dung vào quy ước, hương ước của khu dân cư và chương trình công tác "
            "hằng năm của cấp ủy; có thể nhân rộng ở các địa bàn có điều kiện tương tự.",
        }
        if demo.where:
            data["latitude"], data["longitude"] = demo.where
        return data

    def create(self, demo: Demo) -> Initiative:
        owner = self.unit(demo.owner)
        if demo.source:
            source = Initiative.objects.get(pk=self.by_key[demo.source].pk)
            # the standing agency that steers both ends (in phường Tam Kỳ, its own officer)
            actor = (
                self.editor(owner) if owner.path.startswith(self.tamky.path) else self.users["canbo.danang"]
            )
            initiative = services.replicate(
                source,
                owner,
                actor=actor,
                year=demo.year,
                comment=f"Nhân rộng mô hình của {source.owner_unit} theo chỉ đạo của Ban Chỉ đạo.",
            )
            data = {
                "name": demo.name,
                "content": demo.content,
                "start_date": demo.start or date(demo.year, 4, 1),
                "milestones": milestones(demo.year),
                "evaluation_date": date(demo.year, 11, 30),
            }
            if initiative.campaign_id is None and demo.year >= 2026:
                data["campaign"] = self.campaign
            initiative = services.update_initiative(
                initiative,
                data,
                actor=self.editor(owner),
                reason=f"Điều chỉnh nội dung cho phù hợp với {place(owner.area)}",
            )
        else:
            initiative = services.register_initiative(
                owner,
                self.registration(demo, owner),
                actor=self.editor(owner),
                topics=[self.topics[code] for code in demo.topics],
            )
        if demo.key:
            self.by_key[demo.key] = initiative
        for step in demo.steps:
            initiative = self.apply(initiative, step)
        return initiative

    def recognized_on(self, step: Step) -> date | None:
        """Recognitions happen at the year-end review: "… công nhận năm 2022." is dated 20/11/2022
        (today at the latest), so the figures of each year count them in their year."""
        found = re.search(r"năm (\d{4})", step.comment)
        return min(date(int(found.group(1)), 11, 20), self.today) if found else None

    def apply(self, initiative: Initiative, step: Step) -> Initiative:
        owner = initiative.owner_unit
        if step.kind == "transition":
            review = step.action in ("return", "recognize", "reject", "consolidate")
            level = self.unit(step.level) if step.level else None
            return services.transition(
                initiative,
                step.action,
                actor=self.actor(step, owner, review=review),
                comment=step.comment,
                level=level,
                on=self.recognized_on(step) if step.action == "recognize" else None,
            )
        if step.kind == "progress":
            people, households, money, workdays, land = step.numbers
            files, captions = [], []
            if step.photo:
                text, colour = step.photo
                files.append(
                    ContentFile(
                        banner(text, colour, f"{owner.name} · {step.on:%d/%m/%Y}"),
                        name=f"anh-{initiative.pk}-{step.on:%Y%m%d}.jpg",
                    )
                )
                captions.append(_caption(step.text))
            if step.pdf:
                files.append(
                    ContentFile(
                        document(step.pdf, f"{owner.name}\nNgày {step.on:%d/%m/%Y}\n{step.text}"),
                        name=f"bien-ban-{initiative.pk}-{step.on:%Y%m%d}.pdf",
                    )
                )
                captions.append(step.pdf)
            services.add_progress(
                initiative,
                {
                    "reported_on": min(step.on, self.today),
                    "narrative": step.text,
                    "people_reached": people,
                    "households_benefiting": households,
                    "money_mobilized": Decimal(money) if money is not None else None,
                    "workdays_mobilized": workdays,
                    "land_donated_m2": Decimal(land) if land is not None else None,
                },
                actor=self.actor(step, owner),
                files=files,
                captions=captions,
            )
            return initiative
        if step.kind == "plan":
            if step.year <= self.today.year + 1:
                services.plan_year(
                    initiative, step.year, actor=self.actor(step, owner), plan=step.text, results=step.text2
                )
            return initiative
        if step.kind == "evaluate":
            if step.year <= self.today.year:
                services.evaluate_year(
                    initiative,
                    step.year,
                    actor=self.actor(step, owner, review=True),
                    evaluation=step.action,
                    note=step.text,
                )
            return initiative
        if step.kind == "carry":
            successor = self.unit(step.unit)
            return services.carry_over(
                initiative, successor, actor=self.actor(step, successor), comment=step.comment
            )
        if step.kind == "edit":
            return services.update_initiative(
                initiative, dict(step.data), actor=self.actor(step, owner), reason=step.comment
            )
        raise ValueError(step.kind)


def milestones(year: int) -> str:
    return (
        f"Quý I/{year}: khảo sát, xây dựng kế hoạch, họp dân; quý II–III: triển khai; "
        f"tháng 11/{year}: sơ kết, đánh giá, đề nghị công nhận."
    )


def place(area) -> str:
    """ "phường Tam Kỳ", "tổ dân phố 2": an area's name as it follows a word."""
    return area.name[:1].lower() + area.name[1:]


def _caption(narrative: str) -> str:
    """The first clause of a narrative ("Lắp 146 camera kết nối; …" → "Lắp 146 camera kết nối")."""
    return narrative.split(";")[0].strip().rstrip(".")[:120]


def demo_models_present() -> bool:
    return Initiative.objects.filter(name=MARKER).exists()


@transaction.atomic
def seed_initiatives_demo() -> int:
    """Create the demo models and exemplars; the number created (0 if they were already there).
    Needs the organizations of `danvan.orgs.demo.seed_demo` first."""
    if demo_models_present():
        return 0
    if not demo_present():
        raise RuntimeError("Load the demo organizations first: danvan seed_demo")
    seeder = _Seeder()
    before = Initiative.objects.count()
    for demo in DEMOS:
        seeder.create(demo)
    return Initiative.objects.count() - before
