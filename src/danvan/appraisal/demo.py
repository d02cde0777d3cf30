"""Demo appraisal for Thành phố Đà Nẵng, on top of `orgs.demo` and `initiatives.demo`.

* more council members of the city (logins with the same password as the other demo users):
  ``hoidong.long`` — Phạm Văn Long, vice-chair of the city People's Committee, ``hoidong.khoa``
  — Đoàn Minh Khoa, vice-chair of the Tam Kỳ ward People's Committee, and ``hoidong.ngoc`` —
  Đỗ Thị Ngọc, secretary of the Hải Châu ward Party committee; ``hoidong.danang`` (Bùi Thị Lan)
  chairs the councils and the city's standing-agency officer is their secretary;
* the city's criteria sets, from the templates: the common provincial criteria for collective
  models and Đà Lạt's five standards for individual exemplars;
* the 2025 round, closed with its results: four models proposed for recognition by their
  units, scored by Lan, Long and Ngọc (Long, who steers the Department of Home Affairs, recused
  himself from its model): one typical, one recognized, one below the threshold, one failing a
  mandatory condition;
* then the collective criteria revised after the 2025 review — the set was in use, so this is
  version 2, and the 2025 round keeps version 1;
* the 2026 round, scoring, with Lan, Long and Khoa: every model proposed in the city; Lan has
  submitted all her cards, Long some; Khoa is flagged on the model of his own ward People's
  Committee and has neither recused nor scored it yet;
* two late proposals of 2026 (Hải Châu, Bàn Thạch), not yet in a round: a supplementary round
  can gather them (the browser journey does; Ngọc belongs to the Hải Châu Party committee).

Every write goes through the services with the demo users as actors. Idempotent.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from danvan.appraisal import services
from danvan.appraisal.models import AppraisalRound, CriterionKind
from danvan.appraisal.workflow import Position
from danvan.core.permissions import Role
from danvan.core.services import with_reason
from danvan.initiatives import services as initiative_services
from danvan.initiatives.models import Holder, Initiative
from danvan.initiatives.workflow import Status
from danvan.orgs.demo import DEMO_PASSWORD, REASON, DemoLogin, demo_present
from danvan.orgs.models import Campaign, Grant, Person, Unit

CITY = "Thành ủy Đà Nẵng"
ROUND_2025 = "Thẩm định mô hình, điển hình “Dân vận khéo” năm 2025"
ROUND_2026 = "Thẩm định mô hình, điển hình “Dân vận khéo” năm 2026"

LOGINS = [
    DemoLogin("hoidong.long", "Phạm Văn Long", "thành viên hội đồng thẩm định — Phó Chủ tịch UBND thành phố"),
    DemoLogin(
        "hoidong.khoa", "Đoàn Minh Khoa", "thành viên hội đồng thẩm định — Phó Chủ tịch UBND phường Tam Kỳ"
    ),
    DemoLogin(
        "hoidong.ngoc", "Đỗ Thị Ngọc", "thành viên hội đồng thẩm định — Bí thư Đảng ủy phường Hải Châu"
    ),
]

# the 2025 candidates: models still being built that their units propose for recognition
PROPOSALS_2025 = [
    "Dân vận khéo trong sắp xếp, sáp nhập khối phố",
    "Dân vận khéo trong sắp xếp tổ chức bộ máy, vận hành chính quyền địa phương hai cấp",
    "Chính quyền thân thiện vì Nhân dân phục vụ: bộ phận một cửa “4 xin, 4 luôn”",
    "Phân loại rác thải sinh hoạt tại nguồn ở khu dân cư",
]
# (share of each criterion's maximum, pass-or-fail criteria failed by position) per member
SCORES_2025 = {
    PROPOSALS_2025[0]: {
        "hoidong.danang": (Decimal("0.95"), ()),
        "hoidong.long": (Decimal("0.92"), ()),
        "hoidong.ngoc": (Decimal("0.97"), ()),
    },
    PROPOSALS_2025[1]: {"hoidong.danang": (Decimal("0.85"), ()), "hoidong.ngoc": (Decimal("0.82"), ())},
    PROPOSALS_2025[2]: {
        "hoidong.danang": (Decimal("0.7"), ()),
        "hoidong.long": (Decimal("0.65"), ()),
        "hoidong.ngoc": (Decimal("0.6"), ()),
    },
    PROPOSALS_2025[3]: {
        "hoidong.danang": (Decimal("0.8"), (3,)),
        "hoidong.long": (Decimal("0.75"), (3,)),
        "hoidong.ngoc": (Decimal("0.85"), ()),
    },
}
# proposed by its ward before the 2026 round gathers its candidates (Khoa's own People's Committee)
MODEL_2026 = "Dân vận khéo trong bồi thường, giải phóng mặt bằng dự án mở rộng đường Điện Biên Phủ"
# proposed after the 2026 round opened: for a supplementary round
LATE_2026 = [
    ("Dân vận khéo trong chỉnh trang đô thị, xây dựng tuyến phố văn minh Bạch Đằng", "canbo.haichau"),
    ("Tổ công nghệ số cộng đồng ở các khối phố phường Bàn Thạch", None),
]
SURVEYS_2025 = {
    PROPOSALS_2025[0]: (320, "94.5"),
    PROPOSALS_2025[1]: (150, "88"),
    PROPOSALS_2025[2]: (410, "71.2"),
    PROPOSALS_2025[3]: (260, "80"),
}
COMMENTS = {
    "hoidong.danang": "Hồ sơ đầy đủ, số liệu có minh chứng.",
    "hoidong.long": "Đề nghị tiếp tục nhân rộng.",
    "hoidong.ngoc": "Nhân dân đồng tình cao.",
    "hoidong.khoa": "Cách làm phù hợp với cơ sở.",
}


def appraisal_demo_present() -> bool:
    return AppraisalRound.objects.filter(name=ROUND_2025, unit__name=CITY, unit__depth=1).exists()


class _Seeder:
    def __init__(self):
        User = get_user_model()
        self.city = Unit.objects.get(depth=1, name=CITY)
        self.admin = User.objects.get(username="admin")
        self.agency = User.objects.get(username="canbo.danang")
        self.lan = User.objects.get(username="hoidong.danang")
        self.long = self.account("hoidong.long", "Phạm Văn Long")
        self.khoa = self.account("hoidong.khoa", "Đoàn Minh Khoa")
        self.ngoc = self.account("hoidong.ngoc", "Đỗ Thị Ngọc")
        self.members = {
            "hoidong.danang": self.lan,
            "hoidong.long": self.long,
            "hoidong.khoa": self.khoa,
            "hoidong.ngoc": self.ngoc,
        }
        self.officers = {
            u.username: u for u in User.objects.filter(username__in=["canbo.tamky", "canbo.haichau"])
        }

    def account(self, username: str, full_name: str):
        """A login for a demo person, with the council-member role in the city (as orgs.demo does)."""
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        person = Person.objects.get(full_name=full_name, unit__path__startswith=self.city.path)
        if user is None:
            user = User(
                username=username,
                first_name=full_name.split()[-1],
                last_name=" ".join(full_name.split()[:-1]),
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
        if person.user_id != user.pk:
            person.user = user
            with_reason(person, REASON)
            person.save()
        if not Grant.objects.active().filter(user=user, role=Role.COUNCIL_MEMBER, unit=self.city).exists():
            grant = Grant(user=user, role=Role.COUNCIL_MEMBER, unit=self.city, granted_by=self.admin)
            with_reason(grant, REASON)
            grant.save()
        return User.objects.get(pk=user.pk)  # a fresh object: its grants are read anew

    def council(self, round_: AppraisalRound, third) -> None:
        services.appoint(round_, self.lan, Position.CHAIR, actor=self.agency)
        services.appoint(round_, self.long, Position.MEMBER, actor=self.agency)
        services.appoint(round_, third, Position.MEMBER, actor=self.agency)
        services.appoint(round_, self.agency, Position.SECRETARY, actor=self.agency)

    def score(self, round_, candidate, username: str, share: Decimal, fails=(), *, submit=True) -> None:
        criteria = services.member_criteria(round_, candidate.initiative.holder)
        scores = {}
        pass_fail = 0
        for criterion in criteria:
            if criterion.kind == CriterionKind.PASS_FAIL:
                pass_fail += 1
                scores[criterion.pk] = pass_fail not in fails
            else:
                # to the half point, as councils score
                scores[criterion.pk] = (criterion.max_points * share * 2).quantize(Decimal(1)) / 2
        services.save_scorecard(
            candidate, actor=self.members[username], scores=scores, comment=COMMENTS[username], submit=submit
        )

    def propose(self, names: list[str], comment: str, actor=None) -> list[Initiative]:
        """The units propose their models (those still being built, with results reported)."""
        found = []
        for name in names:
            initiative = (
                Initiative.objects.filter(name=name, owner_unit__path__startswith=self.city.path)
                .select_related("owner_unit")
                .first()
            )
            if initiative is None:
                continue
            if initiative.status in (Status.IN_PROGRESS, Status.CONSOLIDATED):
                initiative = initiative_services.transition(
                    initiative, "propose", actor=actor or self.agency, comment=comment
                )
            if initiative.status == Status.PROPOSED:
                found.append(initiative)
        return found

    def round_2025(self, sets) -> AppraisalRound | None:
        proposed = self.propose(PROPOSALS_2025, "Đề nghị công nhận năm 2025.")
        if not proposed:
            return None
        round_ = services.create_round(
            self.city,
            {
                "name": ROUND_2025,
                "year": 2025,
                "collective_set": sets[Holder.COLLECTIVE],
                "individual_set": sets[Holder.INDIVIDUAL],
                "note": "Theo Kế hoạch tổng kết phong trào thi đua “Dân vận khéo” năm 2025 "
                "của Ban Chỉ đạo thành phố.",
            },
            actor=self.agency,
        )
        for initiative in proposed:
            services.add_candidate(round_, initiative, actor=self.agency)
        self.council(round_, self.ngoc)
        candidates = {
            c.initiative.name: c for c in round_.candidates.select_related("initiative__owner_unit")
        }
        for name, candidate in candidates.items():
            surveyed, share = SURVEYS_2025[name]
            services.record_survey(candidate, actor=self.agency, surveyed=surveyed, satisfied_share=share)
        round_ = services.transition(
            round_, "open", actor=self.agency, comment="Hội đồng chấm điểm đến 15/12/2025."
        )
        for name, candidate in candidates.items():
            for username, (share, fails) in SCORES_2025[name].items():
                self.score(round_, candidate, username, share, fails)
            if "hoidong.long" not in SCORES_2025[name]:
                services.recuse(
                    candidate,
                    actor=self.long,
                    reason="Tôi phụ trách khối cơ quan chuyên môn của UBND thành phố, trong đó có Sở Nội vụ.",
                )
        return services.transition(
            round_,
            "close",
            actor=self.agency,
            comment="Hội đồng đã chấm xong; trình Ban Thường vụ xem xét công nhận.",
        )

    def revise(self, criteria_set):
        """After the 2025 review: the people's satisfaction weighs more (R3: "the yardstick")."""
        rows = []
        for criterion in criteria_set.criteria.order_by("position", "id"):
            row = {
                key: getattr(criterion, key)
                for key in ("id", "title", "guidance", "kind", "max_points", "weight", "mandatory")
            }
            if criterion.kind == CriterionKind.SATISFACTION:
                row["max_points"] = Decimal(25)
            elif criterion.title.startswith("Có sức lan tỏa"):
                row["max_points"] = Decimal(15)
            rows.append(row)
        revised, _created = services.edit_set(
            criteria_set,
            {},
            rows,
            actor=self.agency,
            reason="Kết luận Hội nghị tổng kết năm 2025: lấy sự hài lòng của Nhân dân làm thước đo "
            "(25 điểm).",
        )
        return revised

    def round_2026(self, sets) -> AppraisalRound:
        self.propose([MODEL_2026], "Đề nghị công nhận năm 2026.", self.officers["canbo.tamky"])
        campaign = Campaign.objects.filter(issuing_unit=self.city, start_date__year=2026).first()
        round_ = services.create_round(
            self.city,
            {
                "name": ROUND_2026,
                "year": 2026,
                "campaign": campaign,
                "collective_set": sets[Holder.COLLECTIVE],
                "individual_set": sets[Holder.INDIVIDUAL],
            },
            actor=self.agency,
        )
        try:
            services.gather_candidates(round_, actor=self.agency)
        except services.ServiceError:
            return round_  # nothing proposed: the round stays a draft
        self.council(round_, self.khoa)
        candidates = list(round_.candidates.select_related("initiative__owner_unit").order_by("pk"))
        surveyed = [312, 145, 268, 90, 180]
        shares = ["92", "86.5", "78", "81", "88"]
        for index, candidate in enumerate(c for c in candidates if c.initiative.holder == Holder.COLLECTIVE):
            services.record_survey(
                candidate,
                actor=self.agency,
                surveyed=surveyed[index % len(surveyed)],
                satisfied_share=shares[index % len(shares)],
            )
        round_ = services.transition(round_, "open", actor=self.agency)
        flagged = services.conflicts(round_)
        khoa_seat = round_.council.get(user=self.khoa).pk
        for index, candidate in enumerate(candidates):
            self.score(round_, candidate, "hoidong.danang", Decimal("0.8") + Decimal("0.03") * (index % 4))
            if index % 2 == 0:
                self.score(round_, candidate, "hoidong.long", Decimal("0.78") + Decimal("0.02") * index)
            else:
                self.score(round_, candidate, "hoidong.long", Decimal("0.7"), submit=False)
            if (candidate.pk, khoa_seat) in flagged:
                continue  # the flag stays visible: he has neither recused nor scored
            if index < 2:
                self.score(round_, candidate, "hoidong.khoa", Decimal("0.84"))
        return round_

    def late_proposals(self) -> None:
        for name, officer in LATE_2026:
            self.propose([name], "Đề nghị công nhận bổ sung năm 2026.", self.officers.get(officer))


@transaction.atomic
def seed_appraisal_demo() -> int:
    """Create the demo criteria sets and rounds; the number of rounds created (0 if present)."""
    if appraisal_demo_present():
        return 0
    if not demo_present():
        raise RuntimeError("Load the demo organizations first: danvan seed_demo")
    seeder = _Seeder()
    sets = {
        Holder.COLLECTIVE: services.create_set_from_template(
            seeder.city, "province_common", actor=seeder.agency
        ),
        Holder.INDIVIDUAL: services.create_set_from_template(
            seeder.city, "dalat_individual", actor=seeder.agency
        ),
    }
    created = 0
    closed = seeder.round_2025(sets)
    if closed is not None:
        created += 1
        sets[Holder.COLLECTIVE] = seeder.revise(sets[Holder.COLLECTIVE])
    seeder.round_2026(sets)
    seeder.late_proposals()
    return created + 1
