"""Periodic reports 2021–today: every province asks its communes for quarterly and annual reports,
and every commune-level Party committee has one report for each period, in the state its age gives.

Regimes: each province's Party committee asks (its standing agency manages the regimes and reviews
the reports, as `reports.demo` does for Đà Nẵng) for a quarterly and an annual report from the
communes' Party committees, either on the NĐ 09/2019 cut-off (data to the 14th, Đà Nẵng's choice)
or on calendar periods; each regime has its periods from Q1 2021 to the period open today.

Reports: one per commune and period, plus the province's own summary report. Old periods are
almost all accepted (some after being returned once, some late); the period closed last has more
still waiting for review, returned or missing; the periods open today are mostly drafts, a few
already sent. The province issues its summary some days after the due date. Dates and the event
log follow `reports.workflow` (create → submit → [return → submit] → accept; the summary: issue).

The frozen figures. A submitted or accepted report keeps the snapshot `reports.figures.compute`
made when it was sent; the report's page compares it with the live figures and lists what
changed. Computing each of 100,000 snapshots through `compute` (some forty queries each) would take
hours, so `Tally` reads each metric of the registry once per province — the metric's own rows,
filter, date or year field and aggregate, grouped by the depth-2 unit and the date — and adds up
every report's window in Python. The figures, breakdowns and appendices so stored are therefore the
very values `compute` gives on the generated data (a test checks it): the page shows no false
"changed since it was frozen", the documents print the true lists. It is as if every report had
been frozen once all the data was in; whatever a later part of the generator adds changes the live
figures (and shows as a change), so this part runs after the parts whose metrics reports count.
Two things are not copied into the communes' snapshots: the targets table (evaluating every target
for each report costs a dozen queries per report: the page then shows no targets block for a
frozen commune report, the live targets page has them) and the snapshot kept again in each
submission's event (`ReportEvent.snapshot`, which no page reads: it would double the volume). The
provinces' summary reports get the targets as the app evaluates them (`figures._targets`) and the
roll-up of their communes' reports, built as `services.rollup` builds it."""

from __future__ import annotations

import bisect
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import F
from django.db.models.functions import Substr
from django.utils import translation
from django.utils.formats import date_format

from danvan.awards.models import Decision
from danvan.core.calendar import add_working_days
from danvan.core.periods import ReportType
from danvan.gendata import targets as targets_part
from danvan.gendata.bulk import insert, insert_rows
from danvan.gendata.context import BENCH_PROVINCE, Commune, Context, Province, at
from danvan.gendata.names import person_name
from danvan.initiatives.models import Kind
from danvan.initiatives.workflow import Status as InitiativeStatus
from danvan.metrics import registry
from danvan.metrics.registry import reporting_years
from danvan.orgs.models import Unit, UnitType
from danvan.reports import figures
from danvan.reports.models import Period, Regime, Report, ReportEvent
from danvan.reports.workflow import ReportStatus as S

ReporterTypes = Regime.reporter_types.through

# (name, cut-off day, quarterly due after n working days, annual due on day of month)
STYLES = [
    ("theo Nghị định 09/2019/NĐ-CP (số liệu tính đến ngày 14)", 14, 3, 20),
    ("theo quý, năm dương lịch", None, 5, 10),
]
# the state of a commune's report by the age of its period: (accepted, submitted, returned, draft)
STATES = {
    "open": (5, 15, 3, 77),  # the window has not closed yet
    "open_annual": (0, 6, 0, 94),
    "due": (15, 45, 5, 35),  # closed, not yet due
    "recent": (72, 10, 5, 13),  # due in the last hundred days
    "past": (95, 1, 1, 3),
}
LATE = 0.15  # of the reports sent after their period closed
RETURNED_ONCE = 0.08  # of the accepted: returned once before
RETURN_COMMENTS = [
    "Đề nghị bổ sung kết quả xây dựng mô hình ở các thôn, tổ dân phố và số liệu tập huấn.",
    "Số liệu mô hình đăng ký chưa khớp với danh sách gửi kèm; đề nghị rà soát, gửi lại.",
    "Đề nghị đánh giá rõ hạn chế, nguyên nhân và bổ sung phương hướng nhiệm vụ kỳ tới.",
    "Báo cáo chưa có chữ ký của đồng chí Bí thư; đề nghị hoàn thiện thể thức.",
]
SHORTCOMINGS = [
    "Một số chi bộ đăng ký mô hình còn chậm; việc sơ kết, đánh giá hiệu quả mô hình chưa thường "
    "xuyên; kinh phí hỗ trợ xây dựng mô hình còn hạn chế.",
    "Chất lượng một số mô hình chưa cao, thiếu tính bền vững; việc nhân rộng mô hình hiệu quả còn chậm.",
    "Công tác tuyên truyền, biểu dương điển hình có lúc chưa kịp thời; số liệu báo cáo của một số "
    "đơn vị gửi chậm.",
]
CAUSES = [
    "Lực lượng cán bộ sau sắp xếp còn mỏng; một số nơi chưa quan tâm đúng mức đến công tác dân vận.",
    "Một số cấp ủy chưa thực sự vào cuộc; cán bộ làm công tác dân vận kiêm nhiệm nhiều việc.",
    "Nguồn lực hỗ trợ còn hạn chế; việc phối hợp giữa chính quyền và các đoàn thể có lúc chưa chặt chẽ.",
]
LESSONS = [
    "Phải xuất phát từ nhu cầu thực tế của Nhân dân; cấp ủy vào cuộc, người đứng đầu gương mẫu.",
    "Lấy dân làm gốc, phát huy quyền làm chủ của Nhân dân; làm tốt công tác đối thoại, lắng nghe dân.",
]
DIRECTIONS = [
    "Tiếp tục đẩy mạnh phong trào thi đua “Dân vận khéo”; hướng dẫn chi bộ hoàn thiện hồ sơ mô hình; "
    "tổ chức sơ kết, nhân rộng các mô hình hiệu quả.",
    "Tập trung xây dựng mô hình gắn với nhiệm vụ chính trị của địa phương; biểu dương, khen thưởng "
    "kịp thời các tập thể, cá nhân tiêu biểu.",
    "Nâng cao chất lượng mô hình tự quản ở khu dân cư; tăng cường kiểm tra, giám sát việc thực hiện.",
]
PROPOSALS = [
    "",
    "Đề nghị cấp trên quan tâm bố trí kinh phí hỗ trợ xây dựng mô hình và tập huấn cho cán bộ cơ sở.",
    "Đề nghị tổ chức tham quan, học tập kinh nghiệm các mô hình tiêu biểu trong và ngoài tỉnh.",
]


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


# --- the registry's metrics over one province, added up per report window -------------------------


@dataclass
class _Series:
    """One metric's rows of one province grouped by (depth-2 unit path, date or year)."""

    by_year: bool
    distinct: bool
    keys: dict[str, list] = field(default_factory=dict)  # prefix -> sorted dates (or years)
    values: dict[str, list] = field(default_factory=dict)  # prefix -> running totals, or the items

    def bounds(self, start: date, end: date):
        return reporting_years(start, end) if self.by_year else (start, end)

    def value(self, prefixes, start: date, end: date):
        lo, hi = self.bounds(start, end)
        if self.distinct:
            items: set = set()
            for prefix in prefixes:
                keys = self.keys.get(prefix)
                if keys:
                    a, b = bisect.bisect_left(keys, lo), bisect.bisect_right(keys, hi)
                    items.update(x for x in self.values[prefix][a:b] if x is not None)
            return len(items)
        total = 0
        for prefix in prefixes:
            keys = self.keys.get(prefix)
            if keys:
                a, b = bisect.bisect_left(keys, lo), bisect.bisect_right(keys, hi)
                if b > a:
                    running = self.values[prefix]
                    total += running[b - 1] - (running[a - 1] if a else 0)
        return total


class Tally:
    """What `figures.compute` says for any unit at depth ≤ 2 of one province and any window, from a
    handful of grouped queries per province (see the module's docstring)."""

    def __init__(self, root: Unit):
        self.root = root
        self.length = len(root.path) + Unit.steplen
        codes = {spec.code for spec in figures.FIGURES}
        self.series = {code: self._series(registry.get(code)) for code in sorted(codes)}
        self.cuts = {(code, dim): self._cut(code, dim) for code, dim, _title in figures.BREAKDOWNS}
        with translation.override("vi"):
            self.labels = {
                spec.code: spec.label or figures._sentence(str(registry.get(spec.code).label))
                for spec in figures.FIGURES
            }
            self.group_names = {}
            for (_code, dim), (_by_year, groups) in self.cuts.items():
                keys = {key for rows in groups.values() for _k, key, _v in rows if key is not None}
                self.group_names.setdefault(dim, {}).update(figures._group_names(dim, sorted(keys, key=str)))
            self.appendix_rows = {
                "registered": self._registered(),
                "recognized": self._recognized(),
                "commended": self._commended(),
            }
        # the same rows by depth-2 unit (in the same order)
        self.appendix_by_prefix: dict[str, dict[str, list]] = {}
        for name, rows in self.appendix_rows.items():
            for row in rows:
                self.appendix_by_prefix.setdefault(name, {}).setdefault(row[0], []).append(row)

    def _rows(self, metric):
        return (
            metric.rows()
            .filter(**{f"{metric.unit_path}__startswith": self.root.path})
            .annotate(
                _p=Substr(metric.unit_path, 1, self.length), _k=F(metric.date_field or metric.year_field)
            )
            .order_by()
        )

    def _series(self, metric) -> _Series:
        distinct = bool(getattr(metric.value, "distinct", False))
        series = _Series(by_year=metric.year_field is not None, distinct=distinct)
        rows = self._rows(metric)
        if distinct:
            source = metric.value.source_expressions[0]
            found = rows.annotate(_x=source).values_list("_p", "_k", "_x").distinct()
        else:
            found = rows.values("_p", "_k").annotate(_v=metric.value).values_list("_p", "_k", "_v")
        grouped: dict[str, list] = {}
        for prefix, key, value in found:
            grouped.setdefault(prefix, []).append((key, value))
        for prefix, pairs in grouped.items():
            pairs.sort(key=lambda pair: (pair[0], str(pair[1])))
            series.keys[prefix] = [key for key, _value in pairs]
            if distinct:
                series.values[prefix] = [value for _key, value in pairs]
            else:
                running, total = [], 0
                for _key, value in pairs:
                    total += registry._number(value)
                    running.append(total)
                series.values[prefix] = running
        return series

    def _cut(self, code: str, dimension: str):
        metric = registry.get(code)
        if getattr(metric.value, "distinct", False):
            raise ValueError(f"{code}: a breakdown of a distinct count cannot be added up")
        lookup = metric.dimensions[dimension]
        found = (
            self._rows(metric)
            .values("_p", "_k", lookup)
            .annotate(_v=metric.value)
            .values_list("_p", "_k", lookup, "_v")
        )
        groups: dict[str, list] = {}
        for prefix, key, group, value in found:
            groups.setdefault(prefix, []).append((key, group, registry._number(value)))
        for rows in groups.values():
            rows.sort(key=lambda row: (row[0], str(row[1])))
        return metric.year_field is not None, groups

    # the appendices: rows in the order `figures` lists them, with the prefix and key of each
    def _registered(self) -> list[tuple]:
        metric = registry.get("initiatives.registered")
        rows = (
            self._rows(metric)
            .order_by("owner_unit__name_sort", "name", "pk")
            .values_list("_p", "_k", "name", "owner_unit__name", "field__name", "kind", "year", "status")
        )
        return [
            (
                prefix,
                key,
                [name, owner, field_name or "", str(Kind(kind).label), year, str(InitiativeStatus(st).label)],
            )
            for prefix, key, name, owner, field_name, kind, year, st in rows
        ]

    def _recognized(self) -> list[tuple]:
        metric = registry.get("initiatives.recognized")
        rows = (
            self._rows(metric)
            .order_by("recognized_on", "name", "pk")
            .values_list("_p", "_k", "name", "owner_unit__name", "recognized_level__name", "recognized_on")
        )
        return [
            (prefix, key, [name, owner, level or "", date_format(on, "d/m/Y") if on else ""])
            for prefix, key, name, owner, level, on in rows
        ]

    def _commended(self) -> list[tuple]:
        metric = registry.get("awards.commended")
        rows = (
            self._rows(metric)
            .order_by("decision__date", "decision_id", "position", "pk")
            .values_list(
                "_p",
                "_k",
                "proposal__recipient_name",
                "proposal__award_form__name",
                "decision_id",
                "decision__number",
                "decision__issuer_code",
                "decision__date",
            )
        )
        symbols: dict[int, str] = {}  # the decision's own `symbol`, from its number and issuer
        result = []
        for prefix, key, recipient, form, decision, number, issuer, day in rows:
            if decision not in symbols:
                symbols[decision] = Decision(number=number, issuer_code=issuer).symbol
            result.append((prefix, key, [recipient, form, symbols[decision], date_format(day, "d/m/Y")]))
        return result

    # --- one report's figures ---------------------------------------------------------------------
    def prefixes(self, unit: Unit) -> list[str]:
        """The groups a unit's subtree covers: its own (a depth-2 unit), or all (the province)."""
        if unit.pk == self.root.pk:
            return sorted({p for s in self.series.values() for p in s.keys} | self._cut_prefixes())
        return [unit.path]

    def _cut_prefixes(self) -> set[str]:
        return {p for _by_year, groups in self.cuts.values() for p in groups}

    def appendix(self, name: str, unit: Unit) -> list[tuple]:
        """(prefix, key, row) of an appendix over a unit's subtree, in the order of `figures`."""
        if unit.pk == self.root.pk:
            return self.appendix_rows[name]
        return self.appendix_by_prefix.get(name, {}).get(unit.path, [])

    def value(self, code: str, prefixes, start: date, end: date):
        return self.series[code].value(prefixes, start, end)

    def compute(self, unit: Unit, start: date, end: date, computed_at: datetime) -> dict:
        prefixes = self.prefixes(unit)
        result_figures = []
        for spec in figures.FIGURES:
            metric = registry.get(spec.code)
            result_figures.append(
                {
                    "key": spec.code,
                    "code": spec.code,
                    "label": self.labels[spec.code],
                    "section": spec.section,
                    "measure": metric.measure,
                    "by_year": metric.year_field is not None,
                    "value": figures.plain(self.value(spec.code, prefixes, start, end)),
                }
            )
        breakdowns = []
        for code, dimension, title in figures.BREAKDOWNS:
            by_year, groups = self.cuts[(code, dimension)]
            lo, hi = reporting_years(start, end) if by_year else (start, end)
            values: dict = {}
            for prefix in prefixes:
                for key, group, value in groups.get(prefix, ()):
                    if lo <= key <= hi:
                        values[group] = values.get(group, 0) + value
            names = self.group_names.get(dimension, {})
            rows = [
                {
                    "key": figures.breakdown_key(code, dimension, group),
                    "label": names.get(group, "—"),
                    "value": figures.plain(value),
                }
                for group, value in values.items()
            ]
            rows.sort(key=lambda row: (-row["value"], row["label"]))
            breakdowns.append(
                {
                    "key": f"{code}/{dimension}",
                    "code": code,
                    "dimension": dimension,
                    "title": title,
                    "rows": rows,
                }
            )
        appendices = {}
        for name in self.appendix_rows:
            by_year = name == "registered"
            lo, hi = reporting_years(start, end) if by_year else (start, end)
            chosen = [row for _prefix, key, row in self.appendix(name, unit) if lo <= key <= hi]
            appendices[name] = {"total": len(chosen), "rows": chosen[: figures.APPENDIX_LIMIT]}
        return {
            "version": figures.SNAPSHOT_VERSION,
            "unit": {"id": unit.pk, "name": unit.name, "path": unit.path},
            "window": {"start": start.isoformat(), "end": end.isoformat()},
            "computed_at": computed_at.isoformat(),
            "figures": result_figures,
            "breakdowns": breakdowns,
            "targets": [],
            "appendices": appendices,
        }


# --- the reports -----------------------------------------------------------------------------------


@dataclass
class Plan:
    """One report being built, with its steps (action, day, moment, actor, comment)."""

    report: Report
    commune: Commune | None
    steps: list[tuple[str, date, datetime, object, str]] = field(default_factory=list)

    def add(self, rng: random.Random, action: str, day: date, actor, comment: str = "") -> None:
        """A step on `day`, at an office hour after the previous step."""
        previous = self.steps[-1][2] if self.steps else self.report.period.opened_at
        moment = max(at(day, rng), previous + timedelta(minutes=1))
        self.steps.append((action, day, moment, actor, comment))


class Builder:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.rng = ctx.rng("reports")
        self.reporter_type = UnitType.objects.get(code="party_committee")

    # --- regimes and periods ---------------------------------------------------------------------
    def regimes(self, p: Province) -> list[Regime]:
        rng = self.rng
        style = STYLES[0] if p.area.name == BENCH_PROVINCE else rng.choice(STYLES)
        label, cutoff, quarterly_due, annual_day = style
        set_on = date(2021, 1, rng.randint(4, 12))
        basis = (
            f"Hướng dẫn số {rng.randint(10, 60)}-HD/BDVTU ngày {set_on:%d/%m/%Y} "
            f"của Ban Dân vận {p.party.name}"
        )
        movement = "công tác dân vận và phong trào thi đua “Dân vận khéo”"
        made = [
            Regime(
                issuing_unit=p.party,
                name=f"Báo cáo quý về {movement} ({label})",
                basis=basis,
                report_type=ReportType.QUARTERLY,
                cutoff_day=cutoff,
                due_working_days=quarterly_due,
                created_by=p.officer,
                created_at=at(set_on, rng),
            ),
            Regime(
                issuing_unit=p.party,
                name=f"Báo cáo năm về {movement} ({label})",
                basis=basis,
                report_type=ReportType.ANNUAL,
                cutoff_day=cutoff,
                due_day_of_month=annual_day,
                created_by=p.officer,
                created_at=at(set_on, rng),
            ),
        ]
        insert(Regime, made)
        insert_rows(ReporterTypes, ["regime", "unittype"], [(r.pk, self.reporter_type.pk) for r in made])
        return made

    def periods(self, regimes: list[Regime]) -> list[Period]:
        today = self.ctx.today
        made = []
        for regime in regimes:
            rule = regime.rule
            # next year's first windows open in December under a cut-off rule
            for year in [*self.ctx.years, today.year + 1]:
                for window in rule.periods(regime.report_type, year):
                    if window.start > today:
                        continue
                    made.append(
                        Period(
                            regime=regime,
                            report_type=regime.report_type,
                            year=window.year,
                            number=window.number,
                            start=window.start,
                            end=window.end,
                            label=window.label,
                            due_on=rule.due_date(window),
                            opened_by=regime.created_by,
                            opened_at=at(window.start),
                        )
                    )
        made.sort(key=lambda period: (period.end, period.report_type))
        return insert(Period, made)

    def phase(self, period: Period) -> str:
        today = self.ctx.today
        if period.end >= today:
            return "open_annual" if period.report_type == ReportType.ANNUAL else "open"
        if today <= period.due_on:
            return "due"
        if today <= period.due_on + timedelta(days=100):
            return "recent"
        return "past"

    # --- one commune's report ------------------------------------------------------------------------
    def commune_report(self, p: Province, c: Commune, period: Period, *, force_draft: bool = False) -> Plan:
        rng, today = self.rng, self.ctx.today
        phase = self.phase(period)
        weights = STATES[phase]
        state = rng.choices([S.ACCEPTED, S.SUBMITTED, S.RETURNED, S.DRAFT], weights=weights)[0]
        if force_draft:
            state = S.DRAFT
        report = Report(period=period, unit=c.party, status=S.DRAFT, status_changed_at=period.opened_at)
        plan = Plan(report, c)
        if state == S.DRAFT:
            return plan
        due = period.due_on
        if phase.startswith("open"):
            sent = _between(rng, max(period.start, today - timedelta(days=20)), today)
        elif phase == "due":
            sent = _between(rng, period.end + timedelta(days=1), today)
        elif rng.random() < LATE:
            sent = min(add_working_days(due, rng.randint(1, 8)), today)
        else:
            sent = _between(rng, max(period.end + timedelta(days=1), due - timedelta(days=4)), due)
        sent = min(sent, today)
        plan.add(rng, "submit", sent, c.officer)
        review = min(add_working_days(sent, rng.randint(1, 4)), today)
        if state == S.RETURNED or (state == S.ACCEPTED and rng.random() < RETURNED_ONCE):
            plan.add(rng, "return", review, p.officer, rng.choice(RETURN_COMMENTS))
            if state == S.ACCEPTED:
                again = min(add_working_days(review, rng.randint(1, 4)), today)
                plan.add(rng, "submit", again, c.officer)
                review = min(add_working_days(again, rng.randint(1, 3)), today)
        if state == S.ACCEPTED:
            plan.add(rng, "accept", review, p.officer)
        return plan

    def summary_report(self, p: Province, period: Period) -> Plan:
        report = Report(
            period=period, unit=p.party, is_summary=True, status=S.DRAFT, status_changed_at=period.opened_at
        )
        plan = Plan(report, None)
        issue_on = period.due_on + timedelta(days=self.rng.randint(3, 12))
        if period.end < self.ctx.today and issue_on < self.ctx.today:
            plan.add(self.rng, "issue", issue_on, p.officer)
        return plan

    # --- applying the steps ------------------------------------------------------------------------
    def play(self, plan: Plan) -> None:
        """Set the report's state and dates from its steps, as `services.transition` would."""
        report = plan.report
        for action, day, plan_when, _actor, _comment in plan.steps:
            if action in ("submit", "issue"):
                report.submitted_at = plan_when
                report.snapshot_at = plan_when
                if report.first_submitted_on is None:
                    report.first_submitted_on = day
                if report.dated_on is None:
                    report.dated_on = day
            if action in ("accept", "issue"):
                report.accepted_at = plan_when
            if action == "return":
                report.snapshot_at = None
            report.status = {"submit": S.SUBMITTED, "return": S.RETURNED, "accept": S.ACCEPTED}.get(
                action, S.ACCEPTED
            )
            report.status_changed_at = plan_when

    def write(self, plan: Plan, p: Province, tally: Tally) -> None:
        """The header, signature and narrative a unit wrote (nothing yet for most drafts)."""
        rng, report = self.rng, plan.report
        period = report.period
        written = bool(plan.steps) or rng.random() < 0.35
        if not written:
            return
        c = plan.commune
        unit = report.unit
        place = _lower(unit.area.name)
        prefixes = tally.prefixes(unit)
        registered = tally.value("initiatives.registered", prefixes, period.start, period.end)
        recognized = tally.value("initiatives.recognized", prefixes, period.start, period.end)
        replicas = tally.value("initiatives.replicas", prefixes, period.start, period.end)
        report.issuer_code = "ĐU" if c else "TU"
        if c:
            report.signer_authority = "T/M BAN THƯỜNG VỤ"
            if rng.random() < 0.75 and c.leader is not None:
                report.signer_position = "BÍ THƯ"
                report.signer_name = f"{c.leader.last_name} {c.leader.first_name}"
            else:
                report.signer_position = "PHÓ BÍ THƯ"
                report.signer_name = person_name(rng)
            report.recipients = f"{p.dept.name} (báo cáo)\nThường trực {unit.name}\nLưu Văn phòng Đảng ủy"
            who = f"Ban Thường vụ {unit.name}"
            scope = "các chi bộ, Mặt trận Tổ quốc và các đoàn thể"
        else:
            report.signer_authority = "T/M BAN THƯỜNG VỤ"
            report.signer_position = "PHÓ BÍ THƯ THƯỜNG TRỰC"
            report.signer_name = (
                f"{p.leader.last_name} {p.leader.first_name}" if p.leader else person_name(rng)
            )
            report.recipients = (
                f"Ban Dân vận Trung ương (báo cáo)\nThường trực {unit.name}\nCác đảng ủy xã, phường, đặc khu"
            )
            who = f"Ban Thường vụ {unit.name}"
            scope = "các đảng ủy xã, phường, đặc khu, Mặt trận Tổ quốc và các đoàn thể"
        if not plan.steps and rng.random() < 0.5:
            return  # a draft with its header only
        results = (
            f"{who} đã lãnh đạo, chỉ đạo {scope} triển khai phong trào thi đua “Dân vận khéo” trong "
            f"{_lower(period.label)}, gắn với nhiệm vụ phát triển kinh tế - xã hội và xây dựng hệ thống "
            f"chính trị ở {place}."
        )
        if registered or recognized:
            results += (
                f" Trong năm đã đăng ký {registered} mô hình, điển hình “Dân vận khéo”"
                + (f", trong đó {replicas} mô hình nhân rộng" if replicas else "")
                + f"; {recognized} mô hình, điển hình được công nhận trong kỳ."
            )
        report.results = results
        recognized_rows = [
            row[0]
            for _prefix, key, row in tally.appendix("recognized", unit)
            if period.start <= key <= period.end
        ]
        if recognized_rows:
            picked = rng.sample(recognized_rows, min(3, len(recognized_rows)))
            report.typical_models = (
                "Các mô hình tiêu biểu: " + ", ".join(f"“{name}”" for name in picked) + "."
            )
        report.shortcomings = rng.choice(SHORTCOMINGS)
        report.causes = rng.choice(CAUSES)
        report.lessons = (
            rng.choice(LESSONS) if period.report_type == ReportType.ANNUAL or rng.random() < 0.3 else ""
        )
        report.directions = rng.choice(DIRECTIONS)
        report.proposals = rng.choice(PROPOSALS)

    def events(self, plan: Plan) -> list[ReportEvent]:
        report = plan.report
        period = report.period
        made = [
            ReportEvent(
                report=report,
                action="create",
                to_status=S.DRAFT,
                actor=period.opened_by,
                at=period.opened_at,
                comment="Mở kỳ báo cáo",
            )
        ]
        status = S.DRAFT
        for action, _day, when, actor, comment in plan.steps:
            target = {"submit": S.SUBMITTED, "return": S.RETURNED}.get(action, S.ACCEPTED)
            made.append(
                ReportEvent(
                    report=report,
                    action=action,
                    from_status=status,
                    to_status=target,
                    actor=actor,
                    at=when,
                    comment=comment,
                )
            )
            status = target
        return made


def _between(rng: random.Random, start: date, end: date) -> date:
    if end <= start:
        return start
    return start + timedelta(days=rng.randint(0, (end - start).days))


def _number_reports(plans: list[Plan], rng: random.Random) -> None:
    """Numbers of the reports each unit signed, in order within each year ("15-BC/ĐU")."""
    by_unit_year: dict[tuple[int, int], list[Report]] = {}
    for plan in plans:
        report = plan.report
        if report.dated_on is not None:
            by_unit_year.setdefault((report.unit_id, report.dated_on.year), []).append(report)
    for reports in by_unit_year.values():
        reports.sort(key=lambda r: (r.dated_on, r.period.end))
        number = rng.randint(3, 30)
        for report in reports:
            report.number = number
            number += rng.randint(1, 12)


def _rollup(summary: Report, children: list[Report], today: date) -> dict | None:
    """`services.rollup` of a summary report, from its children in memory."""
    if not children:
        return None
    with translation.override("vi"):
        labels = {code: figures._sentence(str(registry.get(code).label)) for code in figures.ROLLUP_CODES}
        status_labels = {status: str(S(status).label) for status in S.values}
    rows, accepted = [], 0
    totals = {code: 0 for code in figures.ROLLUP_CODES}
    for child in children:
        values = {}
        if child.snapshot:
            values = {code: figures.value_of(child.snapshot, code) for code in figures.ROLLUP_CODES}
        if child.status == S.ACCEPTED:
            accepted += 1
            for code in figures.ROLLUP_CODES:
                totals[code] += values.get(code) or 0
        due = child.period.due_on
        late = child.first_submitted_on > due if child.first_submitted_on else today > due
        rows.append(
            {
                "report": child.pk,
                "unit": child.unit.name,
                "status": child.status,
                "status_label": status_labels[child.status],
                "submitted_on": child.first_submitted_on.isoformat() if child.first_submitted_on else None,
                "due_on": due.isoformat(),
                "late": late,
                "values": values,
            }
        )
    return {
        "codes": list(figures.ROLLUP_CODES),
        "labels": labels,
        "rows": rows,
        "expected": len(children),
        "accepted": accepted,
        "missing": [row["unit"] for row in rows if row["status"] not in (S.SUBMITTED, S.ACCEPTED)],
        "totals": totals,
    }


def generate(ctx: Context) -> None:
    with ctx.stage("targets"):
        targets_part.generate(ctx)
    b = Builder(ctx)
    bench = ctx.bench_province_or_none()
    for province in ctx.provinces:
        manifest = _province(ctx, b, province, bench=province is bench)
        if manifest:
            ctx.manifest["report"] = manifest


def _province(ctx: Context, b: Builder, p: Province, *, bench: bool) -> dict | None:
    rng, today = b.rng, ctx.today
    regimes = b.regimes(p)
    periods = b.periods(regimes)
    tally = Tally(p.party)
    communes = sorted(p.communes, key=lambda c: (c.party.name_sort, c.party.path))
    ward = ctx.bench_ward() if bench else None
    current_quarter = max(
        (period for period in periods if period.report_type == ReportType.QUARTERLY), key=lambda x: x.end
    )
    plans: list[Plan] = []
    for period in periods:
        for c in communes:
            plan = b.commune_report(p, c, period, force_draft=c is ward and period is current_quarter)
            b.play(plan)
            b.write(plan, p, tally)
            if plan.report.status in (S.SUBMITTED, S.ACCEPTED):
                plan.report.snapshot = tally.compute(
                    c.party, period.start, period.end, plan.report.snapshot_at
                ) | {"rollup": None}
            plans.append(plan)
    _number_reports(plans, rng)
    insert(Report, [plan.report for plan in plans], batch=500)

    by_period: dict[int, list[Report]] = {}
    for plan in plans:
        by_period.setdefault(plan.report.period_id, []).append(plan.report)
    summaries = []
    for period in periods:
        plan = b.summary_report(p, period)
        b.play(plan)
        b.write(plan, p, tally)
        report = plan.report
        if report.status == S.ACCEPTED:
            snapshot = tally.compute(p.party, period.start, period.end, report.snapshot_at)
            snapshot["targets"] = figures._targets(p.party, period.end, today)
            snapshot["rollup"] = _rollup(report, by_period.get(period.pk, []), today)
            report.snapshot = snapshot
        summaries.append(plan)
    _number_reports(summaries, rng)
    insert(Report, [plan.report for plan in summaries], batch=200)

    events = [event for plan in plans + summaries for event in b.events(plan)]
    insert(ReportEvent, events, batch=5000)
    counts = ctx.counts
    counts["report_regimes"] += len(regimes)
    counts["report_periods"] += len(periods)
    counts["reports"] += len(plans) + len(summaries)
    counts["reports_accepted"] += sum(1 for plan in plans + summaries if plan.report.status == S.ACCEPTED)
    counts["report_events"] += len(events)
    if not bench:
        return None
    last_year = today.year - 1
    annual = next(
        plan.report
        for plan in summaries
        if plan.report.period.report_type == ReportType.ANNUAL and plan.report.period.year == last_year
    )
    current = next(
        plan.report for plan in plans if plan.commune is ward and plan.report.period is current_quarter
    )
    return {"province_annual": annual.pk, "ward_current": current.pk}
