"""The writes of targets, reports, milestones and scorecards: permission-checked, bad input refused
with a clear Vietnamese message and nothing changed, every change recorded with who and why."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from danvan.core.services import ServiceError
from danvan.orgs.models import Campaign
from danvan.targets import services
from danvan.targets.models import MilestoneRecord, RateReport, ScorecardScheme, Scoring, Target, TargetKind
from tests.targets.conftest import (
    AN_THO,
    FORMER_FRONT,
    HAICHAU_FRONT,
    TAMKY_FRONT,
    coverage,
    rate,
    report,
    target,
    unit,
    unit_type,
)

pytestmark = pytest.mark.django_db

GOOD = {
    "title": "100% thôn, tổ dân phố xây dựng ít nhất 01 mô hình tự quản",
    "kind": TargetKind.COVERAGE,
    "start_year": 2026,
    "end_year": 2026,
    "metric_code": "initiatives.self_management_registered",
    "per_unit_minimum": 1,
    "comparison": "gte",
    "goal": Decimal(100),
}


def refused(call, message_part: str):
    """The call is refused with a Vietnamese message containing `message_part` (or its
    translation) and changes nothing."""
    counts = (Target.objects.count(), RateReport.objects.count(), MilestoneRecord.objects.count())
    with translation.override("vi"), pytest.raises(ServiceError) as caught:
        call()
    text = " ".join(caught.value.messages)
    with translation.override("vi"):
        expected = translation.gettext(message_part)
    assert expected.split("%")[0].strip(" .“”") in text, text
    assert (Target.objects.count(), RateReport.objects.count(), MilestoneRecord.objects.count()) == counts
    return text


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": "  "}, "Enter the target as the leaders wrote it."),
        ({"kind": "bogus"}, "Choose the kind of target."),
        ({"start_year": 1999}, "%(label)s must be a year from %(min)s to %(max)s."),
        ({"start_year": 2026, "end_year": 2025}, "The last year must not be before the first year."),
        ({"start_year": 2021, "end_year": 2031}, "A target's period is at most %(n)s years."),
        ({"goal": Decimal(-1)}, "The goal must not be negative."),
        ({"goal": Decimal(120)}, "The goal of a coverage or rate target is a share: at most 100%."),
        ({"goal": "nhiều"}, "The goal must be a number."),
        ({"goal": None}, "Enter the goal."),
        ({"metric_code": ""}, "Choose the metric the target is measured by."),
        ({"metric_code": "initiatives.nothing"}, "Unknown metric: %(code)s."),
        ({"unit_type": None}, "Choose the type of the units that must each reach the minimum."),
        ({"per_unit_minimum": 0}, "The minimum per unit must be a whole number of at least 1."),
        ({"comparison": "lte"}, "A coverage target is a lower bound on the share of units (≥ or >)."),
        ({"comparison": "~"}, "Choose how the actual value is compared with the goal."),
        (
            {"kind": TargetKind.MILESTONE, "comparison": "lte", "goal": Decimal(2)},
            "A milestone counts units reaching a standard: its goal is a lower bound (≥ or >).",
        ),
    ],
)
def test_bad_targets_are_refused(city, ancestor, change, message):
    data = {**GOOD, "unit_type": unit_type("village_front_committee"), **change}
    refused(lambda: services.create_target(city, data, actor=ancestor), message)


def test_a_target_needs_the_standing_agency_and_a_unit_in_force(city, tamky, owner, ancestor, admin):
    data = {**GOOD, "unit_type": unit_type("village_front_committee")}
    with pytest.raises(PermissionDenied):
        services.create_target(tamky, data, actor=owner)  # an officer of the ward, not its standing agency
    assert services.create_target(unit(TAMKY_FRONT), data, actor=owner).issuing_unit.name == TAMKY_FRONT
    refused(
        lambda: services.create_target(unit("Đảng ủy phường An Mỹ"), data, actor=admin),
        "%(unit)s is no longer in force: it sets no new targets.",
    )


def test_campaigns_must_fit_the_unit_and_the_period(city, haichau, ancestor):
    old = Campaign.objects.get(start_date__year=2021)  # the former Tam Kỳ's, succeeded by the city
    data = {**GOOD, "unit_type": unit_type("village_front_committee"), "start_year": 2021, "end_year": 2025}
    assert services.create_target(city, {**data, "campaign": old}, actor=ancestor).campaign == old
    refused(
        lambda: services.create_target(
            city, {**data, "start_year": 2027, "end_year": 2027, "campaign": old}, actor=ancestor
        ),
        "The period %(period)s is outside the campaign %(campaign)s.",
    )
    new = Campaign.objects.get(start_date__year=2026)  # the city's 2026–2030
    assert services.create_target(
        haichau, {**data, "start_year": 2026, "end_year": 2026, "campaign": new}, actor=ancestor
    )
    ward_campaign = Campaign.objects.create(
        name="Phong trào của phường Hải Châu",
        issuing_unit=haichau,
        start_date=date(2026, 1, 1),
        end_date=date(2026, 12, 31),
    )
    refused(
        lambda: services.create_target(
            city, {**data, "start_year": 2026, "end_year": 2026, "campaign": ward_campaign}, actor=ancestor
        ),
        "The campaign was not launched for this unit.",
    )


def test_fields_a_kind_does_not_use_are_cleared(city, ancestor):
    data = {**GOOD, "kind": TargetKind.RATE, "goal": Decimal(70), "unit_type": unit_type("fatherland_front")}
    tgt = services.create_target(city, data, actor=ancestor)
    assert tgt.metric_code == "" and tgt.unit_type.code == "fatherland_front"
    tgt = services.create_target(
        city, {**data, "kind": TargetKind.THRESHOLD, "goal": Decimal(5)}, actor=ancestor
    )
    assert tgt.metric_code == GOOD["metric_code"] and tgt.unit_type is None


def test_update_records_the_reason_and_refuses_a_new_kind_once_reported(city, owner, ancestor):
    tgt = rate(city, ancestor)
    services.update_target(tgt, {"goal": Decimal(75)}, actor=ancestor, reason="Nâng chỉ tiêu theo Nghị quyết")
    tgt.refresh_from_db()
    assert tgt.goal == 75
    latest = tgt.history.first()
    assert latest.history_change_reason == "Nâng chỉ tiêu theo Nghị quyết"
    assert latest.history_user.username == "canbo.danang"
    with pytest.raises(PermissionDenied):
        services.update_target(tgt, {"goal": Decimal(10)}, actor=owner)
    report(tgt, unit(TAMKY_FRONT), owner, 8, 10)
    refused(
        lambda: services.update_target(
            tgt, {"kind": TargetKind.THRESHOLD, "metric_code": "initiatives.registered"}, actor=ancestor
        ),
        "Reports or milestones are recorded for this target: its kind can no longer change.",
    )


def test_withdraw_and_restore(city, ancestor, leader):
    tgt = coverage(city, ancestor)
    refused(
        lambda: services.transition(tgt, "withdraw", actor=ancestor),
        "Give the reason for withdrawing the target.",
    )
    with pytest.raises(PermissionDenied):
        services.transition(tgt, "withdraw", actor=leader, comment="Không phù hợp")
    services.transition(tgt, "withdraw", actor=ancestor, comment="Trùng với chỉ tiêu của Mặt trận")
    tgt.refresh_from_db()
    assert not tgt.in_force and tgt.history.first().history_change_reason == "Trùng với chỉ tiêu của Mặt trận"
    refused(
        lambda: services.update_target(tgt, {"goal": 90}, actor=ancestor),
        "A withdrawn target takes no changes: restore it first.",
    )
    refused(
        lambda: services.transition(tgt, "withdraw", actor=ancestor, comment="x"),
        "The target is already withdrawn.",
    )
    services.transition(tgt, "restore", actor=ancestor)
    tgt.refresh_from_db()
    assert tgt.in_force
    refused(lambda: services.transition(tgt, "bogus", actor=ancestor), "Unknown action “%(action)s”.")


# --- reports ------------------------------------------------------------------------------------------


def test_a_report_for_the_same_period_corrects_the_first(city, owner, ancestor):
    tgt = rate(city, ancestor)
    first = report(tgt, unit(TAMKY_FRONT), owner, 700, 1000)
    second, created = services.report_rate(
        tgt,
        unit(TAMKY_FRONT),
        {
            "period_end": date(2026, 6, 30),
            "period_label": "6 tháng đầu năm 2026",
            "numerator": 760,
            "denominator": 1000,
        },
        actor=owner,
    )
    assert not created and second.pk == first.pk and RateReport.objects.count() == 1
    assert [h.numerator for h in second.history.all()] == [760, 700]
    assert second.history.first().history_change_reason


@pytest.mark.parametrize(
    ("where", "data", "message"),
    [
        (
            TAMKY_FRONT,
            {"numerator": 11, "denominator": 10},
            "The number reaching it (%(n)s) cannot exceed the total number (%(d)s).",
        ),
        (TAMKY_FRONT, {"denominator": 0}, "The total number must be at least 1."),
        (TAMKY_FRONT, {"numerator": -1}, "The numbers reported must be whole numbers from 0 to 10.000.000."),
        (TAMKY_FRONT, {"numerator": "7"}, "The numbers reported must be whole numbers from 0 to 10.000.000."),
        (
            TAMKY_FRONT,
            {"period_end": date(2025, 12, 31)},
            "The period reported must end within the target's period %(period)s.",
        ),
        (TAMKY_FRONT, {"period_end": None}, "Choose the period reported."),
        ("Đảng ủy phường Tam Kỳ", {}, "Only units of type “%(type)s” report for this target."),
    ],
)
def test_bad_reports_are_refused(city, owner, ancestor, where, data, message):
    tgt = rate(city, ancestor)
    base = {"period_end": date(2026, 6, 30), "numerator": 7, "denominator": 10}
    refused(lambda: services.report_rate(tgt, unit(where), {**base, **data}, actor=owner), message)


def test_reports_need_the_right_in_the_reporting_unit_and_the_targets_scope(
    city, tamky, owner, ancestor, stranger, leader
):
    tgt = rate(tamky, ancestor)
    base = {"period_end": date(2026, 6, 30), "numerator": 7, "denominator": 10}
    with pytest.raises(PermissionDenied):
        services.report_rate(tgt, unit(TAMKY_FRONT), base, actor=stranger)
    with pytest.raises(PermissionDenied):
        services.report_rate(tgt, unit(TAMKY_FRONT), base, actor=leader)
    refused(
        lambda: services.report_rate(tgt, unit(HAICHAU_FRONT), base, actor=ancestor),
        "%(unit)s is not covered by this target.",
    )
    next_year = {**base, "period_end": date(2027, 6, 30)}
    later = rate(tamky, ancestor, years=(2026, 2027), title="2026–2027")
    refused(
        lambda: services.report_rate(later, unit(TAMKY_FRONT), next_year, actor=owner),
        "A period of a coming year cannot be reported yet.",
    )


def test_a_former_unit_reports_only_for_its_time(city, ancestor, admin):
    tgt = rate(city, ancestor, years=(2021, 2025))
    refused(
        lambda: services.report_rate(
            tgt,
            unit(FORMER_FRONT),
            {"period_end": date(2025, 12, 31), "numerator": 1, "denominator": 2},
            actor=admin,
        ),
        "%(unit)s was not in force on %(date)s.",
    )
    services.report_rate(
        tgt,
        unit(FORMER_FRONT),
        {"period_end": date(2024, 12, 31), "numerator": 1, "denominator": 2},
        actor=admin,
    )


def test_evidence_is_checked_by_content(city, owner, ancestor):
    tgt = rate(city, ancestor)
    base = {"period_end": date(2026, 6, 30), "numerator": 7, "denominator": 10}
    fake = SimpleUploadedFile("bien-ban.pdf", b"MZ\x90\x00 not a pdf")
    refused(
        lambda: services.report_rate(tgt, unit(TAMKY_FRONT), base, actor=owner, upload=fake),
        "Only photos (JPEG, PNG, WebP), PDF, Word (DOCX) and Excel (XLSX) files are accepted.",
    )
    pdf = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    saved, _created = services.report_rate(tgt, unit(TAMKY_FRONT), base, actor=owner, upload=pdf)
    assert saved.evidence_kind == "pdf" and saved.evidence_name == "bien-ban.pdf"
    again = services.attach_evidence(saved, SimpleUploadedFile("anh.pdf", b"%PDF-1.4\n%%EOF\n"), actor=owner)
    assert again.evidence_name == "anh.pdf"


def test_reports_are_refused_by_other_kinds_and_withdrawn_targets(city, owner, ancestor):
    base = {"period_end": date(2026, 6, 30), "numerator": 7, "denominator": 10}
    other = coverage(city, ancestor)
    refused(
        lambda: services.report_rate(other, unit(TAMKY_FRONT), base, actor=owner),
        "Only rate targets take reports.",
    )
    tgt = rate(city, ancestor)
    services.transition(tgt, "withdraw", actor=ancestor, comment="Bỏ")
    refused(
        lambda: services.report_rate(tgt, unit(TAMKY_FRONT), base, actor=owner),
        "The target is withdrawn: it takes no reports.",
    )


# --- milestones --------------------------------------------------------------------------------------


def test_milestones(city, tamky, owner, ancestor, stranger, admin):
    tgt = target(tamky, ancestor, TargetKind.MILESTONE, goal="2")
    data = {
        "subject": "Tuyến phố Phan Bội Châu",
        "reached_on": date(2026, 5, 1),
        "evidence_note": "QĐ số 12/QĐ-UBND",
    }
    record = services.record_milestone(tgt, unit(AN_THO), data, actor=owner)  # the Front's standing agency
    assert record.recorded_by == owner
    refused(
        lambda: services.record_milestone(tgt, unit(AN_THO), data, actor=owner),
        "%(what)s is already recorded for this target.",
    )
    refused(
        lambda: services.record_milestone(
            tgt, unit(AN_THO), {**data, "subject": "X", "reached_on": date(2030, 1, 1)}, actor=owner
        ),
        "The day must fall within the target's period %(period)s.",
    )
    refused(
        lambda: services.record_milestone(
            tgt, unit(AN_THO), {**data, "subject": "X", "reached_on": date(2025, 1, 1)}, actor=owner
        ),
        "The day must fall within the target's period %(period)s.",
    )
    refused(
        lambda: services.record_milestone(
            tgt, unit(AN_THO), {**data, "subject": "X", "reached_on": None}, actor=owner
        ),
        "Enter the day the standard was reached.",
    )
    with pytest.raises(PermissionDenied):
        services.record_milestone(
            tgt, tamky, {**data, "subject": "Y"}, actor=owner
        )  # not the ward's standing agency
    with pytest.raises(PermissionDenied):
        services.record_milestone(tgt, unit(AN_THO), {**data, "subject": "Z"}, actor=stranger)
    refused(
        lambda: services.record_milestone(
            tgt, unit("Đảng ủy phường Hải Châu"), {**data, "subject": "Z"}, actor=admin
        ),
        "%(unit)s is not covered by this target.",
    )
    refused(
        lambda: services.remove_milestone(record, actor=owner), "Give the reason for removing the milestone."
    )
    record_id = record.pk
    services.remove_milestone(record, actor=owner, reason="Ghi nhầm tuyến phố")
    assert not MilestoneRecord.objects.filter(pk=record_id).exists()
    assert (
        MilestoneRecord.history.filter(id=record_id, history_type="-").get().history_change_reason
        == "Ghi nhầm tuyến phố"
    )


def test_milestones_of_a_type(city, ancestor):
    tgt = target(city, ancestor, TargetKind.MILESTONE, goal="2", unit_type=unit_type("party_committee"))
    refused(
        lambda: services.record_milestone(
            tgt, unit(AN_THO), {"reached_on": date(2026, 5, 1)}, actor=ancestor
        ),
        "Only units of type “%(type)s” are recorded for this target.",
    )


# --- scorecard schemes --------------------------------------------------------------------------------


ITEMS = [
    {"source": "initiatives.registered", "weight": Decimal(60)},
    {"source": "targets.share_met", "weight": Decimal(40), "scoring": Scoring.NORM, "norm": Decimal(100)},
]


@pytest.mark.parametrize(
    ("data", "items", "message"),
    [
        ({"name": ""}, ITEMS, "Enter the name of the scorecard."),
        ({"year": 1990}, ITEMS, "%(label)s must be a year from %(min)s to %(max)s."),
        ({}, [], "A scorecard needs at least one item."),
        ({}, [{"source": "initiatives.nothing", "weight": 1}], "Unknown metric: %(code)s."),
        ({}, [ITEMS[0], ITEMS[0]], "“%(item)s” is listed twice."),
        (
            {},
            [{"source": "initiatives.registered", "weight": 0}],
            "The weight of “%(item)s” must be from 0,01 to 1.000.",
        ),
        (
            {},
            [{"source": "initiatives.registered", "weight": "ba"}],
            "The weight of “%(item)s” must be a number.",
        ),
        (
            {},
            [{"source": "initiatives.registered", "weight": 1, "scoring": "norm"}],
            "Enter the norm of “%(item)s”.",
        ),
        (
            {},
            [{"source": "initiatives.registered", "weight": 1, "scoring": "norm", "norm": 0}],
            "The norm of “%(item)s” must be more than 0.",
        ),
        (
            {},
            [{"source": "initiatives.registered", "weight": 1, "scoring": "x"}],
            "Choose how “%(item)s” becomes points.",
        ),
    ],
)
def test_bad_schemes_are_refused(city, ancestor, data, items, message):
    base = {"name": "Bảng điểm năm 2026", "year": 2026}
    with translation.override("vi"), pytest.raises(ServiceError) as caught:
        services.create_scheme(city, {**base, **data}, items, actor=ancestor)
    with translation.override("vi"):
        assert translation.gettext(message).split("%")[0].strip(" .“”") in " ".join(caught.value.messages)
    assert not ScorecardScheme.objects.exists()


def test_schemes_are_set_changed_and_recorded(city, owner, ancestor):
    scheme = services.create_scheme(city, {"name": "Bảng điểm năm 2026", "year": 2026}, ITEMS, actor=ancestor)
    assert [item.source for item in scheme.items.all()] == ["initiatives.registered", "targets.share_met"]
    with pytest.raises(PermissionDenied):
        services.create_scheme(city, {"name": "Khác", "year": 2026}, ITEMS, actor=owner)
    with pytest.raises(ServiceError):
        services.create_scheme(city, {"name": "Bảng điểm năm 2026", "year": 2026}, ITEMS, actor=ancestor)
    services.update_scheme(scheme, {"year": 2025}, ITEMS[:1], actor=ancestor, reason="Chấm năm 2025")
    scheme.refresh_from_db()
    assert scheme.year == 2025 and scheme.items.count() == 1
    assert scheme.history.first().history_change_reason == "Chấm năm 2025"
