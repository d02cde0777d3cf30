"""Every kind of target evaluated from every level, with the edge cases of a reorganized tree:
units created mid-period, a former commune's history counted for its successor, units with
nothing, periods running and over, rates with missing reports — and a constant number of queries
whatever the number of units."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.initiatives.models import Kind
from danvan.metrics import registry
from danvan.orgs.models import Unit
from danvan.targets import evaluation, services
from danvan.targets.models import Comparison, TargetKind
from danvan.targets.status import Status
from tests.initiatives.conftest import make
from tests.targets.conftest import (
    AN_THO,
    FORMER_FRONT,
    FORMER_WARD,
    HAICHAU_FRONT,
    OVER,
    RUNNING,
    TAMKY_FRONT,
    coverage,
    former_model,
    rate,
    report,
    self_management,
    target,
    unit,
    unit_type,
    villages,
)

pytestmark = pytest.mark.django_db


def evaluate(tgt, where, on, drill=True):
    return evaluation.evaluate(tgt, where, on, drill=drill)


# --- coverage -----------------------------------------------------------------------------------


def test_coverage_counts_the_units_of_the_type_that_reach_the_minimum(city, tamky, owner, ancestor):
    tgt = coverage(city, ancestor, title="100% thôn, tổ dân phố có mô hình tự quản năm 2026")
    all_villages, tamky_villages = villages(), villages(tamky)
    assert len(all_villages) == 15 and len(tamky_villages) == 4
    self_management(tamky_villages[0], owner)
    self_management(tamky_villages[1], owner)
    make(tamky_villages[2], owner, "Mô hình không phải tự quản", kind=Kind.MODEL)  # another kind
    make(tamky_villages[3], owner, "Bản nháp", kind=Kind.SELF_MANAGEMENT, submit=False)  # a draft
    result = evaluate(tgt, city, RUNNING)
    assert (result.numerator, result.denominator) == (2, 15)
    assert float(result.actual) == 13.3 and not result.met
    assert result.status == Status.AT_RISK  # 13% of the goal, half the year gone
    assert {row.unit.pk for row in result.units_short} == {v.pk for v in all_villages} - {
        v.pk for v in tamky_villages[:2]
    }
    assert all(row.actual == 0 and row.list_url for row in result.units_short)
    by_child = {row.unit.name: row for row in result.children}
    assert set(by_child) == {"Đảng ủy phường Tam Kỳ", "Đảng ủy phường Hải Châu", "Đảng ủy phường Quảng Phú",
                             "Đảng ủy phường Bàn Thạch", "Đảng ủy xã Hòa Vang"}  # fmt: skip
    assert (by_child["Đảng ủy phường Tam Kỳ"].numerator, by_child["Đảng ủy phường Tam Kỳ"].denominator) == (
        2,
        4,
    )
    assert all(row.short for row in result.children)
    # seen from the ward: its own villages only
    ward = evaluate(tgt, tamky, RUNNING)
    assert (ward.numerator, ward.denominator, ward.actual) == (2, 4, 50)
    assert ward.status == Status.AT_RISK and not ward.contribution
    # the metric behind it is the registry's
    metric = registry.get("initiatives.self_management_registered")
    assert sum(metric.value_for(v, date(2026, 1, 1), RUNNING) >= 1 for v in all_villages) == 2


def test_coverage_met_and_on_track(tamky, owner, ancestor):
    tgt = coverage(tamky, ancestor, goal="75")
    for village in villages(tamky)[:3]:
        self_management(village, owner)
    assert evaluate(tgt, tamky, RUNNING).status == Status.MET  # 3 of 4 = 75%
    tgt = coverage(tamky, ancestor, title="Mọi khối phố", goal="100")
    assert (
        evaluate(tgt, tamky, date(2026, 3, 1)).status == Status.ON_TRACK
    )  # 75% of the goal, 16% of the year
    assert evaluate(tgt, tamky, date(2027, 1, 5)).status == Status.MISSED


def test_a_unit_created_mid_period_counts_and_one_created_after_does_not(tamky, owner, ancestor):
    """Units in force at the end of the period are counted: the wards of 1 July 2025 count for
    2021–2025, a village created in March 2026 does not (but does for 2026)."""
    front = unit(TAMKY_FRONT)
    late = Unit.objects.add_child(
        front,
        instance=Unit(
            name="Ban công tác Mặt trận Khối phố 8",
            unit_type=unit_type("village_front_committee"),
            area=front.area,
            valid_from=date(2026, 3, 1),
        ),
    )
    old_period = coverage(tamky, ancestor, years=(2021, 2025), title="2021–2025")
    assert evaluate(old_period, tamky, OVER).denominator == 4  # created 01/07/2025: counted
    this_year = coverage(tamky, ancestor, title="2026")
    assert evaluate(this_year, tamky, RUNNING).denominator == 5
    assert evaluate(this_year, tamky, date(2026, 2, 1)).denominator == 4  # not yet in force then
    assert late.pk in {row.unit.pk for row in evaluate(this_year, tamky, RUNNING).units_short}


def test_a_former_communes_history_counts_for_its_successor(city, tamky, owner, ancestor):
    """Đảng ủy phường An Mỹ (ended 30/06/2025) built a model in 2023: the ward Tam Kỳ that
    succeeded it has one for 2021–2025; Hải Châu has none."""
    tgt = coverage(
        city,
        ancestor,
        type_code="party_committee",
        metric="initiatives.registered",
        years=(2021, 2025),
        title="100% xã, phường xây dựng ít nhất 01 mô hình",
    )
    former_model(FORMER_WARD, owner)
    result = evaluate(tgt, city, OVER)
    assert result.denominator == 93  # the wards and communes in force; not the city itself
    assert result.numerator == 1 and result.status == Status.MISSED
    short = {row.unit.name for row in result.units_short}
    assert "Đảng ủy phường Tam Kỳ" not in short and "Đảng ủy phường Hải Châu" in short
    ward = evaluate(tgt, tamky, OVER)
    assert (ward.numerator, ward.denominator, ward.status) == (1, 1, Status.MET)


def test_coverage_with_nothing_to_measure_is_not_applicable(city, ancestor, tamky):
    tgt = coverage(city, ancestor, type_code="state_agency", metric="initiatives.models_registered")
    result = evaluate(tgt, tamky, RUNNING)
    assert not result.applicable and result.status is None and result.actual is None
    assert evaluate(tgt, city, RUNNING).denominator == 2  # the two departments of the city


def test_coverage_per_unit_minimum(tamky, owner, ancestor):
    tgt = coverage(tamky, ancestor, per_unit_minimum=2, title="Mỗi khối phố 2 mô hình")
    first = villages(tamky)[0]
    self_management(first, owner)
    assert evaluate(tgt, tamky, RUNNING).numerator == 0
    self_management(first, owner, name="Mô hình tự quản thứ hai")
    assert evaluate(tgt, tamky, RUNNING).numerator == 1


# --- threshold ------------------------------------------------------------------------------------


def test_threshold_lower_bound_and_contributions(city, tamky, haichau, owner, ancestor):
    tgt = target(city, ancestor, TargetKind.THRESHOLD, goal="4", metric_code="initiatives.registered")
    make(tamky, owner, "Mô hình một")
    make(tamky, owner, "Mô hình hai")
    make(haichau, ancestor, "Mô hình ba")
    result = evaluate(tgt, city, RUNNING)
    assert result.actual == 3 and result.status == Status.ON_TRACK  # 75% of the goal, half the year
    assert result.actual == registry.get("initiatives.registered").value_for(city, date(2026, 1, 1), RUNNING)
    rows = {row.unit.name: row for row in result.children}
    assert rows["Đảng ủy phường Tam Kỳ"].actual == 2 and rows["Đảng ủy phường Hải Châu"].actual == 1
    assert rows["Đảng ủy phường Tam Kỳ"].met is None and not rows["Đảng ủy phường Tam Kỳ"].short
    assert rows["Đảng ủy phường An Hải"].actual == 0 and not rows["Đảng ủy phường An Hải"].short
    assert result.children[0].unit == tamky  # contributions, biggest first
    assert "initiatives" in result.list_url and f"within={city.pk}" in result.list_url
    # seen from a ward: its part of the common total, without a status of its own
    ward = evaluate(tgt, tamky, RUNNING)
    assert ward.contribution and ward.status is None and ward.actual == 2 and ward.percent == 50
    assert evaluate(tgt, city, date(2027, 1, 2)).status == Status.MISSED
    make(haichau, ancestor, "Mô hình bốn")
    assert evaluate(tgt, city, RUNNING).status == Status.MET


def test_threshold_upper_bound_applies_to_every_part(city, tamky, haichau, owner, ancestor):
    """ "No hot spot" (≤ 0 of a metric): broken anywhere, at risk while running, missed when over;
    every part of the tree has a status."""
    tgt = target(
        city,
        ancestor,
        TargetKind.THRESHOLD,
        goal="0",
        comparison=Comparison.AT_MOST,
        metric_code="initiatives.exemplars_registered",
    )
    assert evaluate(tgt, city, RUNNING).status == Status.MET
    make(
        haichau,
        ancestor,
        "Một điển hình",
        kind=Kind.EXEMPLAR,
        holder="individual",
        holder_name="Nguyễn Văn A",
    )
    result = evaluate(tgt, city, RUNNING)
    assert result.status == Status.AT_RISK and result.progress == 0
    rows = {row.unit.name: row for row in result.children}
    assert rows["Đảng ủy phường Hải Châu"].short and rows["Đảng ủy phường Hải Châu"].met is False
    assert not rows["Đảng ủy phường Tam Kỳ"].short and rows["Đảng ủy phường Tam Kỳ"].met is True
    assert (
        evaluate(tgt, tamky, RUNNING).status == Status.MET and not evaluate(tgt, tamky, RUNNING).contribution
    )
    assert evaluate(tgt, haichau, date(2027, 1, 1)).status == Status.MISSED


# --- rate -------------------------------------------------------------------------------------------


def test_rate_adds_up_the_latest_reports_and_lists_who_is_short_or_silent(city, tamky, owner, ancestor):
    tgt = rate(city, ancestor, title="Trên 70% hội viên tham gia sinh hoạt")
    report(tgt, unit(TAMKY_FRONT), owner, 600, 1000, on=date(2026, 3, 31))  # superseded below
    report(tgt, unit(TAMKY_FRONT), owner, 780, 1000, on=date(2026, 6, 30))
    report(tgt, unit(HAICHAU_FRONT), ancestor, 1300, 2000, on=date(2026, 6, 30))
    result = evaluate(tgt, city, RUNNING)
    assert (result.numerator, result.denominator) == (2080, 3000)
    assert float(result.actual) == 69.3 and not result.met
    assert result.status == Status.ON_TRACK  # 99% of the goal, half the year gone
    assert [row.unit.name for row in result.units_short] == [HAICHAU_FRONT]
    silent = {row.unit.name for row in result.not_reported}
    assert TAMKY_FRONT not in silent and HAICHAU_FRONT not in silent
    assert "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Đà Nẵng" in silent
    assert result.reporters == len(silent) + 2
    rows = {row.unit.name: row for row in result.children}
    assert rows["Đảng ủy phường Tam Kỳ"].met and not rows["Đảng ủy phường Tam Kỳ"].short
    assert rows["Đảng ủy phường Hải Châu"].short and rows["Đảng ủy phường An Hải"].reported is False
    ward = evaluate(tgt, tamky, RUNNING)
    assert ward.actual == 78 and ward.status == Status.MET and ward.not_reported == []
    # a report of the first quarter only counted while it was the latest
    assert evaluate(tgt, tamky, date(2026, 5, 1)).actual == 78  # an annual cut-off: the year's latest
    assert evaluate(tgt, city, date(2027, 2, 1)).status == Status.MISSED


def test_rate_without_any_report(city, tamky, ancestor):
    tgt = rate(city, ancestor)
    result = evaluate(tgt, tamky, RUNNING)
    assert result.actual is None and result.applicable and result.status == Status.AT_RISK
    assert [row.unit.name for row in result.not_reported] == [TAMKY_FRONT]
    assert evaluate(tgt, tamky, date(2027, 1, 1)).status == Status.MISSED
    assert not evaluate(tgt, unit(AN_THO), RUNNING).applicable  # no Front in a village


def test_a_former_units_report_stands_for_its_successor_until_the_successor_reports(
    city, tamky, owner, ancestor, admin
):
    tgt = rate(city, ancestor, years=(2021, 2025), title="2021–2025")
    report(tgt, unit(FORMER_FRONT), admin, 720, 1000, on=date(2023, 12, 31), label="Năm 2023")
    result = evaluate(tgt, tamky, OVER)
    assert (result.numerator, result.denominator) == (720, 1000) and result.status == Status.MET
    assert result.not_reported == []  # Tam Kỳ's Front has a figure: its predecessor's
    assert evaluate(tgt, city, OVER).numerator == 720
    report(tgt, unit(TAMKY_FRONT), owner, 4000, 6000, on=date(2025, 12, 31), label="Năm 2025")
    result = evaluate(tgt, city, OVER)
    assert (result.numerator, result.denominator) == (4000, 6000)  # the ward's figure replaces the commune's
    assert result.status == Status.MISSED
    assert [r["unit__name"] for r in result.reports] == [TAMKY_FRONT]


def test_rate_without_a_type_expects_each_subordinate_unit(tamky, owner, ancestor):
    tgt = rate(tamky, ancestor, type_code=None, title="Tỷ lệ hộ tham gia")
    report(tgt, unit(AN_THO), owner, 90, 100)
    result = evaluate(tgt, tamky, RUNNING)
    assert result.actual == 90
    expected = {u.name for u in Unit.objects.get_children(tamky) if u.active}
    assert result.reporters == len(expected)
    assert {row.unit.name for row in result.not_reported} == expected - {TAMKY_FRONT}


# --- milestone --------------------------------------------------------------------------------------


def test_milestones_count_units_and_former_units_count_for_their_successor(city, tamky, ancestor, admin):
    tgt = target(
        city,
        ancestor,
        TargetKind.MILESTONE,
        goal="2",
        years=(2021, 2025),
        unit_type=unit_type("party_committee"),
        title="02 xã nông thôn mới kiểu mẫu",
    )
    services.record_milestone(
        tgt, unit("Đảng ủy xã Tam Thanh"), {"reached_on": date(2023, 12, 20)}, actor=admin
    )
    result = evaluate(tgt, city, OVER)
    assert result.actual == 1 and result.status == Status.MISSED
    rows = {row.unit.name: row.actual for row in result.children}
    assert rows["Đảng ủy phường Quảng Phú"] == 1  # Tam Thanh merged into it
    services.record_milestone(
        tgt, unit("Đảng ủy xã Tam Ngọc"), {"reached_on": date(2024, 11, 28)}, actor=admin
    )
    assert evaluate(tgt, city, OVER).status == Status.MET
    assert evaluate(tgt, city, date(2024, 1, 1)).actual == 1  # as it stood then
    ward = evaluate(tgt, unit("Đảng ủy phường Quảng Phú"), OVER)
    assert ward.actual == 1 and ward.contribution and ward.status is None
    records = evaluation.milestone_records(tgt, unit("Đảng ủy phường Quảng Phú"), OVER)
    assert [r.unit.name for r in records] == ["Đảng ủy xã Tam Thanh"]


def test_milestones_of_named_things_within_units(tamky, ancestor):
    tgt = target(tamky, ancestor, TargetKind.MILESTONE, goal="2", comparison=Comparison.MORE_THAN)
    for street in ("Phan Bội Châu", "Trần Cao Vân", "Hùng Vương"):
        services.record_milestone(
            tgt,
            unit(AN_THO),
            {"subject": f"Tuyến phố {street}", "reached_on": date(2026, 4, 1)},
            actor=ancestor,
        )
    result = evaluate(tgt, tamky, RUNNING)
    assert result.actual == 3 and result.status == Status.MET


# --- many targets ------------------------------------------------------------------------------------


def _grow_villages(front: Unit, count: int) -> None:
    kind = unit_type("village_front_committee")
    for i in range(count):
        Unit.objects.add_child(
            front, instance=Unit(name=f"Ban công tác Mặt trận tổ {i}", unit_type=kind, area=front.area)
        )


def test_results_cost_a_constant_number_of_queries_per_target(city, tamky, owner, ancestor, admin):
    coverage(city, ancestor, title="Thôn có mô hình tự quản")
    coverage(
        city,
        ancestor,
        type_code="party_committee",
        metric="initiatives.registered",
        title="Xã, phường có mô hình",
    )
    tgt = rate(city, ancestor)
    target(city, ancestor, TargetKind.THRESHOLD, goal="5", metric_code="initiatives.recognized")
    target(city, ancestor, TargetKind.MILESTONE, goal="2")
    report(tgt, unit(TAMKY_FRONT), owner, 80, 100)
    self_management(villages(tamky)[0], owner)

    def count(where, drill=False):
        with CaptureQueriesContext(connection) as ctx:
            results = evaluation.results(where, RUNNING)
            if drill:
                for result in results:
                    evaluation.evaluate(result.target, where, RUNNING, drill=True)
        return len(ctx.captured_queries), results

    before, results = count(city)
    assert len(results) == 5 and before <= 1 + 5 * 4
    drilled, _results = count(city, drill=True)
    _grow_villages(unit(TAMKY_FRONT), 40)
    _grow_villages(unit(HAICHAU_FRONT), 40)
    after, results = count(city)
    assert after == before
    assert count(city, drill=True)[0] == drilled
    assert next(r for r in results if r.target.title == "Thôn có mô hình tự quản").denominator == 95


def test_results_list_the_targets_of_the_unit_and_its_ancestors(city, tamky, haichau, ancestor, owner):
    city_target = coverage(city, ancestor, title="Của thành phố")
    ward_target = coverage(tamky, ancestor, title="Của phường Tam Kỳ")
    old = coverage(city, ancestor, years=(2021, 2025), title="Giai đoạn trước")
    later = coverage(city, ancestor, years=(2027, 2027), title="Năm sau")
    services.transition(
        coverage(city, ancestor, title="Đã thu hồi"), "withdraw", actor=ancestor, comment="Trùng"
    )
    titles = [r.target.title for r in evaluation.results(tamky, RUNNING)]
    assert set(titles) == {city_target.title, ward_target.title, old.title}
    assert titles[-1] == old.title  # running targets first
    assert later.title not in titles
    assert [r.target.title for r in evaluation.results(tamky, RUNNING, year=2026)] == [
        city_target.title,
        ward_target.title,
    ]
    assert {r.target.title for r in evaluation.results(haichau, RUNNING)} == {city_target.title, old.title}


def test_year_by_year(city, tamky, owner, ancestor):
    tgt = target(
        city,
        ancestor,
        TargetKind.THRESHOLD,
        goal="2",
        years=(2024, 2026),
        metric_code="initiatives.registered",
    )
    make(tamky, owner, "Mô hình 2024", year=2024)
    make(tamky, owner, "Mô hình 2026", year=2026)
    years = evaluation.by_year(tgt, city, date(2026, 7, 1))
    assert [(r.on.year, r.actual) for r in years] == [(2024, 1), (2025, 1), (2026, 2)]
    assert [r.status for r in years] == [Status.ON_TRACK, Status.AT_RISK, Status.MET]


def test_the_dashboard_reads_results_from_queries(city, tamky, owner, ancestor):
    from danvan.targets.queries import results

    tgt = coverage(city, ancestor, title="100% thôn có mô hình tự quản")
    self_management(villages(tamky)[0], owner)
    [result] = results(tamky, RUNNING)
    assert (result.title, result.goal_text, result.actual_text) == (tgt.title, "≥ 100%", "25%")
    assert result.url.endswith(f"/targets/{tgt.pk}/?unit={tamky.pk}")
    assert result.status_label
