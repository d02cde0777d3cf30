"""Targets ("chỉ tiêu") of every province and of some communes, with the rates and milestones units
recorded against them, and each province's scorecard of last year — as `targets.demo` does for Đà
Nẵng, on the registered metrics.

Each province's standing agency sets, for the campaign 2021–2025: every commune registering models
(coverage), every village building a self-management model (coverage), a number of models
recognized (threshold), members taking part in activities (rate, reported yearly by the communes'
Fronts) and model new-rural communes (milestone, recorded on the communes that reached it); for
this year: the same coverage and recognition targets, "no hot spot" (an upper bound on
`petitions.hot_spots`) and the participation rate (reported for the half year and nine months).
About one commune in five sets a few targets of its own for this year. The goals of the
thresholds and milestones are set near what the data reaches (read once through the registry), so
some are met and some are not; coverage goals are 100%, as the resolutions write them.

Targets are evaluated live by the app (`targets.evaluation`): nothing derived is stored here."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.models import User

from danvan.core.text import fold
from danvan.gendata.bulk import insert
from danvan.gendata.context import Commune, Context, Province, at, random_day
from danvan.geo.models import AreaKind
from danvan.metrics import registry
from danvan.orgs.models import Campaign, Unit, UnitType
from danvan.targets.models import (
    TARGETS_MET,
    Comparison,
    MilestoneRecord,
    RateReport,
    ScorecardItem,
    ScorecardScheme,
    Scoring,
    Target,
    TargetKind,
)

CAMPAIGN_YEARS = (2021, 2025)
COMMUNES_WITH_TARGETS = 0.2  # share of communes that set targets of their own
SCORECARD_ITEMS = [
    ("initiatives.registered", Decimal(30), Scoring.RELATIVE, None),
    ("initiatives.recognized", Decimal(30), Scoring.RELATIVE, None),
    ("training.sessions", Decimal(15), Scoring.NORM, Decimal(1)),
    (TARGETS_MET, Decimal(25), Scoring.NORM, Decimal(100)),
]


def _target(issuer: Unit, author: User, rng: random.Random, **fields) -> Target:
    title = fields["title"]
    start_year = fields["start_year"]
    created = random_day(rng, date(start_year, 1, 5), date(start_year, 3, 31))
    return Target(
        issuing_unit=issuer,
        title_folded=fold(title),
        created_by=author,
        created_at=at(created, rng),
        comparison=fields.pop("comparison", Comparison.AT_LEAST),
        per_unit_minimum=fields.pop("per_unit_minimum", 1),
        **fields,
    )


class Builder:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.rng = ctx.rng("targets")
        self.types = {t.code: t for t in UnitType.objects.all()}
        self.targets: list[Target] = []
        self.rates: list[RateReport] = []
        self.milestones: list[MilestoneRecord] = []
        self.schemes: list[ScorecardScheme] = []
        self.items: list[ScorecardItem] = []

    # --- the province's targets ----------------------------------------------------------------
    def province(self, p: Province) -> None:
        ctx, rng = self.ctx, self.rng
        first, last = CAMPAIGN_YEARS
        this_year = ctx.today.year
        where = _where(p.area.name)
        basis = (
            f"Nghị quyết của Ban Chấp hành Đảng bộ {where} về công tác dân vận giai đoạn "
            f"{first}–{last}, mục II.2"
        )
        basis_now = f"Kế hoạch công tác dân vận năm {this_year} của Ban Thường vụ {p.party.name}"
        campaign = _campaign(p.party, first, last)
        recognized = registry.get("initiatives.recognized")
        communes = p.communes

        def target(**fields) -> Target:
            made = _target(p.party, p.officer, rng, **fields)
            self.targets.append(made)
            return made

        target(
            title=f"100% xã, phường, đặc khu xây dựng mô hình “Dân vận khéo” trong giai đoạn {first}–{last}",
            basis=basis,
            kind=TargetKind.COVERAGE,
            start_year=first,
            end_year=last,
            campaign=campaign,
            metric_code="initiatives.registered",
            unit_type=self.types["party_committee"],
            goal=Decimal(100),
        )
        target(
            title="Mỗi thôn, tổ dân phố xây dựng ít nhất 01 mô hình tự quản trong Nhân dân",
            basis=basis,
            kind=TargetKind.COVERAGE,
            start_year=first,
            end_year=last,
            campaign=campaign,
            metric_code="initiatives.self_management_registered",
            unit_type=self.types["village_front_committee"],
            goal=Decimal(100),
        )
        reached = recognized.value_for(p.party, date(first, 1, 1), date(last, 12, 31))
        goal = _round_goal(reached * rng.uniform(0.85, 1.15))
        target(
            title=f"Toàn {_level(p.area.name)} có ít nhất {goal} mô hình, điển hình “Dân vận khéo” "
            f"được công nhận giai đoạn {first}–{last}",
            basis=basis,
            kind=TargetKind.THRESHOLD,
            start_year=first,
            end_year=last,
            campaign=campaign,
            metric_code="initiatives.recognized",
            goal=Decimal(goal),
        )
        participation = target(
            title="Vận động tập hợp đoàn viên, hội viên, Nhân dân tham gia sinh hoạt đạt tỷ lệ trên 70%",
            basis=basis,
            kind=TargetKind.RATE,
            start_year=first,
            end_year=last,
            campaign=campaign,
            unit_type=self.types["fatherland_front"],
            comparison=Comparison.MORE_THAN,
            goal=Decimal(70),
        )
        rural = [c for c in communes if c.area.kind == AreaKind.COMMUNE]
        model_rural = [c for c in rural if rng.random() < 0.08]
        goal = max(len(model_rural) + rng.randint(-1, 2), 1)
        ntm = target(
            title=f"Xây dựng thành công {goal:02d} xã nông thôn mới kiểu mẫu",
            basis=basis,
            kind=TargetKind.MILESTONE,
            start_year=first,
            end_year=last,
            campaign=campaign,
            unit_type=self.types["party_committee"],
            goal=Decimal(goal),
        )
        for c in model_rural:
            reached_on = random_day(rng, date(2022, 10, 1), date(last, 12, 20))
            self.milestones.append(
                MilestoneRecord(
                    target=ntm,
                    unit=c.party,
                    reached_on=reached_on,
                    evidence_note=f"Quyết định của UBND {where} công nhận {c.area.name[0].lower()}"
                    f"{c.area.name[1:]} đạt chuẩn nông thôn mới kiểu mẫu năm {reached_on.year}.",
                    recorded_by=p.officer,
                    recorded_at=at(reached_on + timedelta(days=rng.randint(3, 20)), rng),
                )
            )
        # this year's
        if this_year > last:
            target(
                title=f"100% xã, phường, đặc khu xây dựng ít nhất 01 mô hình “Dân vận khéo” năm {this_year}",
                basis=basis_now,
                kind=TargetKind.COVERAGE,
                start_year=this_year,
                end_year=this_year,
                metric_code="initiatives.registered",
                unit_type=self.types["party_committee"],
                goal=Decimal(100),
            )
            target(
                title=f"100% thôn, tổ dân phố xây dựng ít nhất 01 mô hình tự quản năm {this_year}",
                basis=basis_now,
                kind=TargetKind.COVERAGE,
                start_year=this_year,
                end_year=this_year,
                metric_code="initiatives.self_management_registered",
                unit_type=self.types["village_front_committee"],
                goal=Decimal(100),
            )
            reached = recognized.value_for(p.party, date(this_year, 1, 1), ctx.today)
            goal = _round_goal(max(reached, 10) * rng.uniform(0.9, 1.4))
            target(
                title=f"Có ít nhất {goal} mô hình, điển hình “Dân vận khéo” được công nhận năm {this_year}",
                basis=basis_now,
                kind=TargetKind.THRESHOLD,
                start_year=this_year,
                end_year=this_year,
                metric_code="initiatives.recognized",
                goal=Decimal(goal),
            )
            target(
                title="Không để xảy ra điểm nóng về an ninh, trật tự do khiếu kiện đông người",
                basis=basis_now,
                kind=TargetKind.THRESHOLD,
                start_year=this_year,
                end_year=this_year,
                metric_code="petitions.hot_spots",
                comparison=Comparison.AT_MOST,
                goal=Decimal(0),
            )
            participation_now = target(
                title=f"Năm {this_year}, trên 70% đoàn viên, hội viên tham gia sinh hoạt",
                basis=basis_now,
                kind=TargetKind.RATE,
                start_year=this_year,
                end_year=this_year,
                unit_type=self.types["fatherland_front"],
                comparison=Comparison.MORE_THAN,
                goal=Decimal(70),
            )
        else:
            participation_now = None
        for c in communes:
            members = rng.randint(1500, 15000)
            for year in (last - 1, last):
                if rng.random() < 0.75:
                    self.rate(participation, c, year, date(year, 12, 31), f"Năm {year}", members)
            if participation_now is None:
                continue
            for end, label in (
                (date(this_year, 6, 30), f"6 tháng đầu năm {this_year}"),
                (date(this_year, 9, 30), f"9 tháng năm {this_year}"),
            ):
                if end + timedelta(days=15) <= ctx.today and rng.random() < 0.6:
                    self.rate(participation_now, c, this_year, end, label, members)
        self.scorecard(p)

    def rate(self, target: Target, c: Commune, year: int, end: date, label: str, members: int) -> None:
        rng = self.rng
        members = int(members * rng.uniform(0.97, 1.05))
        share = rng.uniform(0.6, 0.92)
        reported = min(end + timedelta(days=rng.randint(5, 30)), self.ctx.today)
        self.rates.append(
            RateReport(
                target=target,
                unit=c.front,
                period_end=end,
                period_label=label,
                numerator=int(members * share),
                denominator=members,
                note=rng.choice(
                    [
                        "",
                        "Tổng hợp từ báo cáo của các tổ chức chính trị - xã hội và ban công tác Mặt trận.",
                        f"Số liệu từ báo cáo tổng kết năm {year} của Ban Thường trực Ủy ban MTTQ.",
                    ]
                ),
                reported_by=c.officer,
                reported_at=at(reported, rng),
            )
        )

    def scorecard(self, p: Province) -> None:
        year = self.ctx.today.year - 1
        scheme = ScorecardScheme(
            issuing_unit=p.party,
            year=year,
            name=f"Bảng điểm thi đua “Dân vận khéo” năm {year} của các xã, phường",
            unit_type=self.types["party_committee"],
            description=(
                "Chấm điểm các Đảng ủy xã, phường, đặc khu theo kết quả xây dựng mô hình, điển hình, "
                f"tập huấn và thực hiện chỉ tiêu năm {year}; điểm tối đa 100."
            ),
            created_by=p.officer,
            created_at=at(date(year, 12, 1), self.rng),
        )
        self.schemes.append(scheme)
        for position, (source, weight, scoring, norm) in enumerate(SCORECARD_ITEMS):
            self.items.append(
                ScorecardItem(
                    scheme=scheme, position=position, source=source, weight=weight, scoring=scoring, norm=norm
                )
            )

    # --- a commune's own ---------------------------------------------------------------------
    def commune(self, p: Province, c: Commune) -> None:
        ctx, rng = self.ctx, self.rng
        year = ctx.today.year
        if year <= CAMPAIGN_YEARS[1]:
            return
        basis = f"Nghị quyết của {c.party.name} về nhiệm vụ năm {year}"
        villages = "tổ dân phố" if c.area.kind == AreaKind.WARD else "thôn"
        options = ["registered", "villages", "milestone"]
        for choice in rng.sample(options, rng.randint(1, 3)):
            if choice == "registered":
                goal = rng.randint(8, 18)
                self.targets.append(
                    _target(
                        c.party,
                        c.officer,
                        rng,
                        title=f"Đăng ký xây dựng ít nhất {goal} mô hình, điển hình “Dân vận khéo” năm {year}",
                        basis=basis,
                        kind=TargetKind.THRESHOLD,
                        start_year=year,
                        end_year=year,
                        metric_code="initiatives.registered",
                        goal=Decimal(goal),
                    )
                )
            elif choice == "villages" and c.village_units:
                self.targets.append(
                    _target(
                        c.party,
                        c.officer,
                        rng,
                        title=f"100% {villages} xây dựng ít nhất 01 mô hình tự quản năm {year}",
                        basis=basis,
                        kind=TargetKind.COVERAGE,
                        start_year=year,
                        end_year=year,
                        metric_code="initiatives.self_management_registered",
                        unit_type=self.types["village_front_committee"],
                        goal=Decimal(100),
                    )
                )
            elif choice == "milestone" and c.village_units:
                what = "tuyến phố văn minh đô thị" if c.area.kind == AreaKind.WARD else "khu dân cư kiểu mẫu"
                goal = rng.randint(1, 3)
                target = _target(
                    c.party,
                    c.officer,
                    rng,
                    title=f"Công nhận thêm ít nhất {goal:02d} {what} năm {year}",
                    basis=basis,
                    kind=TargetKind.MILESTONE,
                    start_year=year,
                    end_year=year,
                    goal=Decimal(goal),
                )
                self.targets.append(target)
                picked = rng.sample(range(len(c.village_units)), min(rng.randint(0, 3), len(c.village_units)))
                for index in picked:
                    village = c.villages[index]
                    reached_on = random_day(rng, date(year, 3, 1), ctx.today - timedelta(days=7))
                    self.milestones.append(
                        MilestoneRecord(
                            target=target,
                            unit=c.village_units[index],
                            subject=f"{what[0].upper()}{what[1:]} {village.name}",
                            reached_on=reached_on,
                            evidence_note=f"Quyết định công nhận của UBND {_where(c.area.name)}, "
                            f"ngày {reached_on:%d/%m/%Y}.",
                            recorded_by=c.officer,
                            recorded_at=at(reached_on + timedelta(days=rng.randint(1, 6)), rng),
                        )
                    )

    def flush(self) -> None:
        insert(Target, self.targets)
        insert(RateReport, self.rates)
        insert(MilestoneRecord, self.milestones)
        insert(ScorecardScheme, self.schemes)
        insert(ScorecardItem, self.items)
        counts = self.ctx.counts
        counts["targets"] += len(self.targets)
        counts["target_rate_reports"] += len(self.rates)
        counts["target_milestones"] += len(self.milestones)
        counts["scorecard_schemes"] += len(self.schemes)
        self.targets, self.rates, self.milestones, self.schemes, self.items = [], [], [], [], []


def _where(name: str) -> str:
    """ "Thành phố Đà Nẵng" → "thành phố Đà Nẵng" (inside a sentence)."""
    return name[0].lower() + name[1:]


def _level(name: str) -> str:
    return "thành phố" if name.startswith("Thành phố") else "tỉnh"


def _round_goal(value) -> int:
    value = float(value)
    step = 10 if value >= 100 else 5 if value >= 20 else 1
    return max(int(round(value / step)) * step, 1)


def _campaign(unit: Unit, first: int, last: int) -> Campaign | None:
    """The campaign the province launched for these years, when one was generated before."""
    return (
        Campaign.objects.filter(issuing_unit=unit, start_date__year=first, end_date__year=last)
        .order_by("pk")
        .first()
    )


def generate(ctx: Context) -> None:
    b = Builder(ctx)
    for province in ctx.provinces:
        b.province(province)
        for commune in province.communes:
            if b.rng.random() < COMMUNES_WITH_TARGETS:
                b.commune(province, commune)
        b.flush()
