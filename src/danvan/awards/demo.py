"""Demo decisions for Thành phố Đà Nẵng, on top of the demo organizations, models and rounds.

* Đà Nẵng's award catalogue: the default forms, named for the city;
* recognition decision 12-QĐ/BTGDV of 10/10/2025 of the Ban Tuyên giáo và Dân vận Thành ủy, at
  the city's level: the models on the proposal list of the closed 2025 appraisal round when the
  appraisal demo made one, else models of 2025 its units propose here — one of them typical and
  proposed for commendation;
* commendation decision 245-QĐ/TU of 14/10/2025 of the Ban Thường vụ Thành ủy, on the eve of the
  95th anniversary of the Party's mass-mobilization tradition (15/10/1930 – 15/10/2025): a
  bằng khen for the collective behind the typical model and for an individual exemplar;
* a draft 2026 recognition decision of the city listing two models proposed in 2026 (in the demo,
  candidates of the 2026 appraisal round still being scored: the draft waits for its results).

Every write goes through the services with the demo users as actors. Idempotent.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone, translation

from danvan.awards import services
from danvan.awards.models import AwardForm, Decision
from danvan.awards.workflow import DecisionKind, DecisionStatus
from danvan.initiatives import services as initiative_services
from danvan.initiatives.models import Field, Holder, Initiative, Kind
from danvan.initiatives.workflow import Status
from danvan.orgs.demo import demo_present
from danvan.orgs.models import Unit

CITY = "Thành ủy Đà Nẵng"
DEPT = "Ban Tuyên giáo và Dân vận Thành ủy Đà Nẵng"
RECOGNITION_2025 = date(2025, 10, 10)
COMMENDATION_2025 = date(2025, 10, 14)
ANNIVERSARY = "Kỷ niệm 95 năm Ngày truyền thống công tác dân vận của Đảng (15/10/1930 – 15/10/2025)"
CATALOGUE_NAMES = {
    "commune_party_board": "Giấy khen của Ban Thường vụ Đảng ủy xã, phường",
    "commune_chair": "Giấy khen của Chủ tịch Ủy ban nhân dân xã, phường",
    "province_department": "Giấy khen của Ban Tuyên giáo và Dân vận Thành ủy Đà Nẵng",
    "province_chair": "Bằng khen của Chủ tịch Ủy ban nhân dân thành phố Đà Nẵng",
    "province_party_board": "Bằng khen của Ban Thường vụ Thành ủy Đà Nẵng",
}

# (owner unit, name, field, kind, holder, person, situation, content, numbers)
MODELS_2025 = [
    (
        "Ủy ban Mặt trận Tổ quốc Việt Nam phường Thanh Khê",
        "Tuyến phố văn minh, không rác thải nhựa ở phường Thanh Khê",
        "culture_society",
        Kind.MODEL,
        Holder.COLLECTIVE,
        "",
        "Rác thải nhựa trên các tuyến phố ven biển tăng nhanh sau sáp nhập phường.",
        "Ban công tác Mặt trận các tổ dân phố vận động hộ kinh doanh dùng túi giấy, đổi chai nhựa lấy "
        "cây xanh; mỗi tuyến phố có tổ tự quản vệ sinh.",
        {"people_reached": 4_200, "households_benefiting": 1_150, "money_mobilized": 185_000_000},
    ),
    (
        "Hội Nông dân xã Hòa Vang",
        "Tổ hợp tác rau an toàn Hòa Vang – nông dân giúp nhau làm giàu",
        "economy",
        Kind.MODEL,
        Holder.COLLECTIVE,
        "",
        "Nông dân trồng rau nhỏ lẻ, khó tiêu thụ, dùng thuốc bảo vệ thực vật chưa đúng cách.",
        "Hội Nông dân vận động 46 hộ vào tổ hợp tác, ký hợp đồng bao tiêu với bếp ăn trường học.",
        {"people_reached": 320, "households_benefiting": 46, "workdays_mobilized": 900},
    ),
    (
        "Ủy ban Mặt trận Tổ quốc Việt Nam phường Hải Châu",
        "Bà Nguyễn Thị Hoa – Tổ trưởng Tổ dân phố 3 tận tụy với công việc khu dân cư",
        "political_system",
        Kind.EXEMPLAR,
        Holder.INDIVIDUAL,
        "Nguyễn Thị Hoa",
        "Tổ dân phố đông dân, nhiều hộ thuê trọ, hay phát sinh mâu thuẫn.",
        "Bà Hoa lập nhóm Zalo tổ dân phố, hòa giải thành 12 vụ việc, vận động hộ dân hiến 60 m² đất "
        "mở rộng kiệt.",
        {"people_reached": 850, "households_benefiting": 240, "land_donated_m2": 60},
    ),
]
# the 2026 models of `initiatives.demo` the draft lists (proposed there; none of a ward whose
# officers sit on the appraisal council)
DRAFT_2026 = [
    "Dân vận khéo trong vận động hiến đất mở rộng đường liên thôn",
    "Dân vận khéo trong phát triển cây sâm Ngọc Linh gắn với giảm nghèo",
]
# made by this demo only when those are not there or no longer proposed
MODELS_2026 = [
    (
        "Đoàn Thanh niên Cộng sản Hồ Chí Minh phường Hải Châu",
        "Thanh niên tình nguyện hướng dẫn người cao tuổi làm thủ tục hành chính trực tuyến",
        "political_system",
        Kind.MODEL,
        Holder.COLLECTIVE,
        "",
        "Nhiều người cao tuổi chưa biết nộp hồ sơ trực tuyến, phải đi lại nhiều lần.",
        "Mỗi sáng thứ Bảy đoàn viên trực tại bộ phận một cửa, hướng dẫn cài ứng dụng, nộp hồ sơ.",
        {"people_reached": 1_300, "households_benefiting": 610},
    ),
    (
        "Hội Cựu chiến binh xã Hòa Vang",
        "Cựu chiến binh Hòa Vang vận động hiến đất làm đường vào khu sản xuất",
        "new_rural",
        Kind.MODEL,
        Holder.COLLECTIVE,
        "",
        "Đường vào khu sản xuất hẹp, mùa mưa lầy lội.",
        "Hội viên cựu chiến binh đi đầu hiến đất, vận động 38 hộ hiến 1.200 m² đất làm đường.",
        {"households_benefiting": 38, "land_donated_m2": 1_200, "money_mobilized": 95_000_000},
    ),
]


def awards_demo_present() -> bool:
    return Decision.objects.filter(
        issuing_body__name=DEPT, issuing_body__depth=2, year=2025, number=12, kind=DecisionKind.RECOGNITION
    ).exists()


class _Seeder:
    def __init__(self):
        User = get_user_model()
        self.city = Unit.objects.get(depth=1, name=CITY)
        self.dept = Unit.objects.get(name=DEPT, path__startswith=self.city.path)
        self.agency = User.objects.get(username="canbo.danang")
        self.fields = {f.code: f for f in Field.objects.all()}

    def unit(self, name: str) -> Unit:
        return Unit.objects.get(name=name, path__startswith=self.city.path)

    def catalogue(self) -> dict[str, AwardForm]:
        services.adopt_default_catalogue(self.city, actor=self.agency)
        forms = {f.code: f for f in AwardForm.objects.filter(province=self.city)}
        for code, name in CATALOGUE_NAMES.items():
            if code in forms and forms[code].name != name:
                forms[code] = services.save_award_form(
                    self.city,
                    {"name": name},
                    actor=self.agency,
                    form=forms[code],
                    reason="Đặt tên theo Quy định khen thưởng của thành phố",
                )
        return forms

    def proposed_model(self, row, year: int, reported_on: date) -> Initiative:
        """A model of `year` its unit registers, builds and proposes for recognition."""
        owner, name, field, kind, holder, person, situation, content, numbers = row
        found = Initiative.objects.filter(name=name, owner_unit__name=owner).first()
        if found is not None:
            return found
        initiative = initiative_services.register_initiative(
            self.unit(owner),
            {
                "name": name,
                "field": self.fields[field],
                "year": year,
                "kind": kind,
                "holder": holder,
                "holder_name": person,
                "situation": situation,
                "content": content,
                "start_date": date(year, 3, 1),
            },
            actor=self.agency,
            submit=True,
        )
        initiative = initiative_services.transition(initiative, "start", actor=self.agency)
        initiative_services.add_progress(
            initiative,
            {"narrative": content, "reported_on": min(reported_on, timezone.localdate()), **numbers},
            actor=self.agency,
        )
        return initiative_services.transition(
            initiative, "propose", actor=self.agency, comment=f"Đề nghị công nhận năm {year}."
        )

    def from_round(self) -> tuple[list[Initiative], set[int]]:
        """The 2025 appraisal round's proposal list, when the appraisal demo closed one."""
        try:
            from danvan.appraisal import services as appraisal
            from danvan.appraisal.models import AppraisalRound
            from danvan.appraisal.workflow import RoundStatus
        except ImportError:
            return [], set()
        round_ = AppraisalRound.objects.filter(unit=self.city, year=2025, status=RoundStatus.CLOSED).first()
        if round_ is None or not hasattr(appraisal, "proposal_list"):
            return [], set()
        listed = [
            c
            for c in appraisal.proposal_list(round_)
            if c.initiative.status == Status.PROPOSED and c.initiative.year <= 2025
        ]
        return [c.initiative for c in listed], {c.initiative_id for c in listed if c.typical}

    def recognition_2025(self) -> Decision:
        models, typical = self.from_round()
        if not models:
            models = [self.proposed_model(row, 2025, date(2025, 9, 20)) for row in MODELS_2025]
            typical = {models[0].pk, models[-1].pk}
        if not typical:
            typical = {models[0].pk}
        decision = services.create_decision(
            DecisionKind.RECOGNITION,
            self.city,
            {
                "issuing_body": self.dept,
                "date": RECOGNITION_2025,
                "number": 12,
                "signer_authority": "K/T TRƯỞNG BAN",
                "signer_position": "Phó Trưởng Ban",
                "signer_name": "Bùi Thị Lan",
                "recipients": "Như Điều 3\nThường trực Thành ủy (để báo cáo)\n"
                "Ban Thường trực Ủy ban MTTQ Việt Nam thành phố\nCác đảng ủy trực thuộc Thành ủy",
                "archive": "Văn phòng Ban",
            },
            actor=self.agency,
        )
        services.add_initiatives(decision, models, actor=self.agency, typical=typical)
        first = decision.entries.filter(typical=True).order_by("position").first()
        services.mark_entry(
            first,
            actor=self.agency,
            typical=True,
            proposed=True,
            reason="Đề nghị Ban Thường vụ Thành ủy tặng Bằng khen",
        )
        return services.transition(
            decision, "issue", actor=self.agency, comment="Ban hành sau hội nghị thẩm định"
        )

    def commendation_2025(self, recognition: Decision, forms: dict[str, AwardForm]) -> Decision:
        form = forms["province_party_board"]
        proposed = recognition.entries.filter(proposed=True).select_related("initiative__owner_unit").first()
        model = proposed.initiative
        owner = model.owner_unit
        proposing = owner if owner.unit_type.code == "party_committee" else Unit.objects.get_parent(owner)
        proposals = [
            services.create_proposal(
                proposing,
                {
                    "year": 2025,
                    "award_form": form,
                    "holder": Holder.INDIVIDUAL if model.holder == Holder.INDIVIDUAL else Holder.COLLECTIVE,
                    "recipient_unit": None if model.holder == Holder.INDIVIDUAL else owner,
                    "recipient_name": model.holder_name if model.holder == Holder.INDIVIDUAL else owner.name,
                    "recipient_position": owner.name if model.holder == Holder.INDIVIDUAL else "",
                    "initiative": model,
                    "occasion": ANNIVERSARY,
                    "occasion_date": date(2025, 10, 15),
                    "achievements": f"Xây dựng mô hình “{model.name}”, được công nhận là mô hình tiêu biểu "
                    "cấp thành phố năm 2025.",
                },
                actor=self.agency,
            )
        ]
        haichau = self.unit("Đảng ủy phường Hải Châu")
        proposals.append(
            services.create_proposal(
                haichau,
                {
                    "year": 2025,
                    "award_form": form,
                    "holder": Holder.INDIVIDUAL,
                    "recipient_name": "Ông Lê Văn Sáu",
                    "recipient_position": "Trưởng Ban công tác Mặt trận Tổ dân phố 1, phường Hải Châu",
                    "occasion": ANNIVERSARY,
                    "occasion_date": date(2025, 10, 15),
                    "achievements": "Nhiều năm liền vận động Nhân dân thực hiện tốt dân chủ ở cơ sở; "
                    "hòa giải thành 27 vụ việc, không để phát sinh đơn thư vượt cấp.",
                },
                actor=self.agency,
            )
        )
        decision = services.create_decision(
            DecisionKind.COMMENDATION,
            self.city,
            {
                "issuing_body": self.city,
                "award_form": form,
                "date": COMMENDATION_2025,
                "number": 245,
                "citation": "trong phong trào thi đua “Dân vận khéo”, nhân dịp kỷ niệm 95 năm Ngày truyền "
                "thống công tác dân vận của Đảng (15/10/1930 – 15/10/2025)",
                "signer_authority": "T/M BAN THƯỜNG VỤ",
                "signer_position": "Phó Bí thư Thường trực",
                "signer_name": "Trần Minh Quang",
                "recipients": "Như Điều 2\nBan Tuyên giáo và Dân vận Thành ủy\n"
                "Các đảng ủy trực thuộc Thành ủy",
            },
            actor=self.agency,
        )
        services.add_proposals(decision, proposals, actor=self.agency)
        return services.transition(decision, "issue", actor=self.agency, comment=f"Nhân dịp {ANNIVERSARY}")

    def draft_2026(self) -> Decision:
        today = timezone.localdate()
        when = today if today.year == 2026 else date(2026, 12, 1)
        models = list(
            Initiative.objects.filter(
                name__in=DRAFT_2026,
                status=Status.PROPOSED,
                year__lte=when.year,
                owner_unit__path__startswith=self.city.path,
            )
        )
        if len(models) < 2:
            models = [self.proposed_model(row, 2026, min(date(2026, 9, 30), when)) for row in MODELS_2026]
        decision = services.create_decision(
            DecisionKind.RECOGNITION, self.city, {"issuing_body": self.dept, "date": when}, actor=self.agency
        )
        services.add_initiatives(
            decision, [m for m in models if m.status == Status.PROPOSED], actor=self.agency
        )
        return decision


@transaction.atomic
def seed_awards_demo() -> int:
    """Create the demo catalogue and decisions; how many decisions (0 if already there)."""
    if awards_demo_present():
        return 0
    if not demo_present():
        raise RuntimeError("Load the demo organizations first: danvan seed_demo")
    with translation.override("vi"):
        seeder = _Seeder()
        forms = seeder.catalogue()
        recognition = seeder.recognition_2025()
        seeder.commendation_2025(recognition, forms)
        seeder.draft_2026()
    return Decision.objects.exclude(status=DecisionStatus.REVOKED).count()
