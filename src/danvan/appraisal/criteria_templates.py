"""Ready-made criteria, drawn from the criteria provinces publish (DOMAIN §1).

There is no national score sheet: each province, sector or Party committee sets its own. These
templates give the standing agency a start — the common criteria of provincial guidance
(Quảng Ngãi-type, 2021–2025) and the five standards of Đà Lạt (2017) for collective models and
for individual exemplars — from which it creates its own set and then edits the points, weights,
thresholds and texts. The point allocations are proposals (no official scale was found): each
template totals 100 points, so that the overall score reads as the points of the sheet.

The texts are data in Vietnamese, as the documents write them, not UI strings.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from danvan.appraisal.models import CriterionKind, Rule
from danvan.initiatives.models import Holder

POINTS, PASS_FAIL, SATISFACTION = CriterionKind.POINTS, CriterionKind.PASS_FAIL, CriterionKind.SATISFACTION


@dataclass(frozen=True)
class CriterionTemplate:
    title: str
    guidance: str
    kind: str
    max_points: int = 0
    weight: Decimal = Decimal(1)
    mandatory: bool = False


@dataclass(frozen=True)
class SetTemplate:
    code: str
    name: str
    holder: str
    source: str
    description: str
    criteria: tuple[CriterionTemplate, ...]
    recognition_threshold: Decimal = Decimal(70)
    typical_threshold: Decimal = Decimal(90)
    rule: str = Rule.MEAN


PROVINCE_COMMON = SetTemplate(
    code="province_common",
    name="Tiêu chí chung công nhận mô hình “Dân vận khéo”",
    holder=Holder.COLLECTIVE,
    source="Hướng dẫn của Ban Dân vận Tỉnh ủy (loại Quảng Ngãi, 19/4/2021), giai đoạn 2021–2025",
    description=(
        "Mười tiêu chí chung của hướng dẫn cấp tỉnh. Ba điều kiện bắt buộc (tên gọi và địa chỉ, "
        "lĩnh vực, đăng ký với cơ quan phát động) phải được đa số thành viên hội đồng xác nhận; "
        "bảy tiêu chí còn lại cộng thành 100 điểm, trong đó mức độ hài lòng của Nhân dân lấy từ "
        "kết quả khảo sát."
    ),
    criteria=(
        CriterionTemplate(
            "Có tên gọi, địa chỉ cụ thể",
            "Mô hình có tên gọi rõ ràng, gắn với địa bàn, đơn vị, đối tượng cụ thể.",
            PASS_FAIL,
            mandatory=True,
        ),
        CriterionTemplate(
            "Nội dung thuộc một trong bốn lĩnh vực",
            "Kinh tế; văn hóa - xã hội; quốc phòng - an ninh; xây dựng hệ thống chính trị "
            "(nơi có quy định: xây dựng nông thôn mới).",
            PASS_FAIL,
            mandatory=True,
        ),
        CriterionTemplate(
            "Đã đăng ký với cơ quan phát động",
            "Mô hình được đăng ký xây dựng từ đầu năm (hoặc đầu giai đoạn) với cơ quan phát động phong trào.",
            PASS_FAIL,
            mandatory=True,
        ),
        CriterionTemplate(
            "Gắn với sự lãnh đạo của cấp ủy, sự quản lý, điều hành của chính quyền",
            "Có nghị quyết, kế hoạch hoặc chỉ đạo của cấp ủy, chính quyền; người đứng đầu trực tiếp chỉ đạo.",
            POINTS,
            10,
        ),
        CriterionTemplate(
            "Phối hợp, huy động được nhiều lực lượng tham gia",
            "Sự tham gia của Mặt trận, các đoàn thể, cán bộ, đảng viên và Nhân dân; số lượt người, "
            "ngày công, nguồn lực xã hội hóa huy động được.",
            POINTS,
            15,
        ),
        CriterionTemplate(
            "Có sức lan tỏa rộng, mang lại kết quả thiết thực",
            "Kết quả đo đếm được (số liệu, sản phẩm đầu ra) và mức độ lan tỏa, được nhân rộng ở nơi khác.",
            POINTS,
            20,
        ),
        CriterionTemplate(
            "Được Nhân dân đồng tình, ủng hộ",
            "Tính từ kết quả khảo sát sự hài lòng của Nhân dân nơi thực hiện mô hình (số người được "
            "hỏi, tỷ lệ hài lòng): điểm = điểm tối đa × tỷ lệ hài lòng.",
            SATISFACTION,
            20,
        ),
        CriterionTemplate(
            "Giải quyết được nhiệm vụ khó khăn, bức xúc ở địa phương",
            "Mô hình giải quyết dứt điểm vấn đề khó, nhiệm vụ trọng tâm hoặc vụ việc phức tạp, kéo dài.",
            POINTS,
            15,
        ),
        CriterionTemplate(
            "Được cấp ủy, chính quyền, đoàn thể, ngành ghi nhận",
            "Có ghi nhận, biểu dương, khen thưởng hoặc đánh giá bằng văn bản của cấp có thẩm quyền.",
            POINTS,
            5,
        ),
        CriterionTemplate(
            "Bền vững, có khả năng kế thừa, phát triển",
            "Duy trì hiệu quả qua thời gian, có cơ chế tự vận hành (quy ước, hương ước, tổ tự quản), "
            "có thể nhân rộng.",
            POINTS,
            15,
        ),
    ),
)

DALAT_COLLECTIVE = SetTemplate(
    code="dalat_collective",
    name="Năm tiêu chuẩn mô hình tập thể “Dân vận khéo”",
    holder=Holder.COLLECTIVE,
    source="Năm tiêu chuẩn nhân rộng mô hình “Dân vận khéo” của thành phố Đà Lạt (2017)",
    description="Năm tiêu chuẩn đối với mô hình của tập thể, mỗi tiêu chuẩn 20 điểm.",
    criteria=(
        CriterionTemplate(
            "Cách làm sáng tạo, tiết kiệm thời gian, chi phí",
            "Cách làm mới, phù hợp thực tiễn; tiết kiệm thời gian, kinh phí so với cách làm trước.",
            POINTS,
            20,
        ),
        CriterionTemplate(
            "Người đứng đầu vận động Nhân dân chấp hành pháp luật",
            "Người đứng đầu gương mẫu, trực tiếp vận động Nhân dân chấp hành chủ trương, chính sách, "
            "pháp luật.",
            POINTS,
            20,
        ),
        CriterionTemplate(
            "Huy động được nhiều lực lượng tham gia",
            "Sự phối hợp của các tổ chức trong hệ thống chính trị và sự tham gia của Nhân dân.",
            POINTS,
            20,
        ),
        CriterionTemplate(
            "Hài hòa lợi ích tập thể, cá nhân và xã hội",
            "Kết quả mang lại lợi ích cho cộng đồng mà không làm thiệt hại lợi ích chính đáng của cá nhân.",
            POINTS,
            20,
        ),
        CriterionTemplate(
            "Bền vững",
            "Mô hình duy trì, phát huy hiệu quả lâu dài, có khả năng nhân rộng.",
            POINTS,
            20,
        ),
    ),
)

DALAT_INDIVIDUAL = SetTemplate(
    code="dalat_individual",
    name="Năm tiêu chuẩn điển hình cá nhân “Dân vận khéo”",
    holder=Holder.INDIVIDUAL,
    source="Năm tiêu chuẩn nhân rộng mô hình “Dân vận khéo” của thành phố Đà Lạt (2017)",
    description=(
        "Năm tiêu chuẩn đối với điển hình cá nhân, mỗi tiêu chuẩn 20 điểm; tiêu chuẩn danh hiệu "
        "“Gia đình văn hóa” là điều kiện bắt buộc."
    ),
    criteria=(
        CriterionTemplate(
            "Bản thân và gia đình gương mẫu chấp hành chủ trương, chính sách",
            "Gương mẫu chấp hành chủ trương của Đảng, chính sách, pháp luật của Nhà nước và quy định "
            "của địa phương.",
            POINTS,
            20,
        ),
        CriterionTemplate(
            "Có nhiều ý kiến, sáng kiến hay",
            "Đóng góp ý kiến, sáng kiến, cách làm hay được cấp ủy, chính quyền ghi nhận, áp dụng.",
            POINTS,
            20,
        ),
        CriterionTemplate(
            "Đề xuất giải pháp giải quyết vụ việc tồn đọng, bức xúc kéo dài",
            "Tham gia hòa giải, đề xuất giải pháp giải quyết dứt điểm vụ việc phức tạp, kéo dài ở cơ sở.",
            POINTS,
            20,
        ),
        CriterionTemplate(
            "Tận tụy phục vụ Nhân dân",
            "Gần dân, trọng dân, hiểu dân, có trách nhiệm với dân; được Nhân dân tin yêu.",
            POINTS,
            20,
        ),
        CriterionTemplate(
            "Hằng năm đạt danh hiệu “Gia đình văn hóa”, hoàn thành tốt nhiệm vụ",
            "Đạt danh hiệu “Gia đình văn hóa” và được đánh giá hoàn thành tốt nhiệm vụ trở lên trong năm.",
            PASS_FAIL,
            20,
            mandatory=True,
        ),
    ),
)

TEMPLATES: dict[str, SetTemplate] = {t.code: t for t in (PROVINCE_COMMON, DALAT_COLLECTIVE, DALAT_INDIVIDUAL)}
