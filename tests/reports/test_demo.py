"""The demo reports (`danvan seed_demo`): the 2025 annual cycle complete, the previous quarter
closed with wards late and missing, the current quarter in progress — made through the services,
idempotent, and with the same numbers as the registry, the metrics API and the dashboard.

The session database holds the demo organizations only; the models, decisions, training,
funding, targets and reports are seeded here once for the module (as of 06/12/2026), inside a
transaction rolled back after it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import transaction
from django.test import override_settings

from danvan.metrics import registry
from danvan.orgs.models import Unit
from danvan.reports import demo as reports_demo
from danvan.reports import services
from danvan.reports.models import Period, Report
from danvan.reports.workflow import ReportStatus

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 6)
WARDS = 93


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    from danvan.appraisal.demo import seed_appraisal_demo
    from danvan.awards.demo import seed_awards_demo
    from danvan.funding.demo import seed_funding_demo
    from danvan.initiatives.demo import seed_initiatives_demo
    from danvan.targets.demo import seed_targets_demo
    from danvan.training.demo import seed_training_demo

    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            seed_initiatives_demo()
            seed_appraisal_demo()
            seed_awards_demo()
            seed_funding_demo()
            seed_training_demo()
            seed_targets_demo()
            created = reports_demo.seed_reports_demo(today=TODAY)
            yield created
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def periods():
    return {p.label: p for p in Period.objects.select_related("regime__issuing_unit")}


def test_the_demo_is_seeded_once(demo):
    assert demo > 3 * WARDS
    assert reports_demo.seed_reports_demo(today=TODAY) == 0


def test_the_2025_annual_cycle_is_complete(demo):
    period = periods()["Năm 2025"]
    assert (period.start, period.end, period.due_on) == (
        date(2024, 12, 15),
        date(2025, 12, 14),
        date(2025, 12, 20),
    )
    rates = services.rates([period.pk], today=TODAY)[period.pk]
    assert rates["expected"] == rates["submitted"] == rates["accepted"] == WARDS
    assert rates["late"] == 3 and rates["missing"] == 0
    summary = period.reports.get(is_summary=True)
    assert summary.status == ReportStatus.ACCEPTED and summary.symbol == "52-BC/TU"
    assert summary.snapshot["rollup"]["accepted"] == WARDS and summary.snapshot["rollup"]["missing"] == []
    # Hải Châu corrected the number of people trained, with its reason
    haichau = period.reports.get(unit__name="Đảng ủy phường Hải Châu")
    trained = next(f for f in haichau.snapshot["figures"] if f["key"] == "training.people_trained")
    assert trained["value"] == trained["computed"] + 45 and "trực tuyến" in trained["reason"]
    returned = Report.objects.filter(period=period, events__action="return").distinct()
    assert returned.count() == 2 and all(r.status == ReportStatus.ACCEPTED for r in returned)


def test_the_previous_quarter_has_late_and_missing_wards(demo):
    period = periods()["Quý III năm 2026"]
    assert (period.start, period.end, period.due_on) == (
        date(2026, 6, 15),
        date(2026, 9, 14),
        date(2026, 9, 17),
    )
    rates = services.rates([period.pk], today=TODAY)[period.pk]
    assert rates["missing"] == rates["overdue"] == reports_demo.MISSING_PREVIOUS_QUARTER
    assert rates["late"] == reports_demo.LATE_PREVIOUS_QUARTER
    assert (
        rates["on_time"] == WARDS - reports_demo.MISSING_PREVIOUS_QUARTER - reports_demo.LATE_PREVIOUS_QUARTER
    )
    summary = period.reports.get(is_summary=True)
    assert len(summary.snapshot["rollup"]["missing"]) == reports_demo.MISSING_PREVIOUS_QUARTER


def test_the_current_quarter_is_in_progress(demo):
    period = periods()["Quý IV năm 2026"]
    assert (period.start, period.end, period.due_on) == (
        date(2026, 9, 15),
        date(2026, 12, 14),
        date(2026, 12, 17),
    )
    rates = services.rates([period.pk], today=TODAY)[period.pk]
    assert rates["submitted"] == reports_demo.SUBMITTED_CURRENT_QUARTER and rates["accepted"] == 4
    assert rates["overdue"] == 0
    for name in ("Đảng ủy phường Tam Kỳ", "Đảng ủy phường Hải Châu"):
        assert period.reports.get(unit__name=name).status == ReportStatus.DRAFT
    assert period.reports.get(is_summary=True).status == ReportStatus.DRAFT
    # the ward's Front asks its four blocks' Front committees on calendar quarters
    front = Period.objects.get(regime__issuing_unit__name="Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ")
    assert (front.start, front.end, front.due_on) == (date(2026, 10, 1), date(2026, 12, 31), date(2027, 1, 8))
    assert services.rates([front.pk], today=TODAY)[front.pk]["expected"] == 4


@pytest.mark.parametrize("name", ["Đảng ủy phường Tam Kỳ", "Thành ủy Đà Nẵng"])
def test_every_number_of_the_2025_report_is_the_registrys_and_the_apis(demo, personas, name):
    report = Report.objects.get(period__label="Năm 2025", unit__name=name)
    unit, period = report.unit, report.period
    client = personas["ancestor"]
    response = client.get(
        "/api/v1/metrics/values",
        {"unit": unit.pk, "from": period.start.isoformat(), "to": period.end.isoformat()},
    )
    api = {item["code"]: item["value"] for item in response.json()["values"]}
    nonzero = 0
    for figure in report.snapshot["figures"]:
        live = registry.get(figure["code"]).value_for(unit, period.start, period.end)
        frozen = figure.get("computed", figure["value"])
        assert Decimal(str(frozen)) == live == Decimal(str(api[figure["code"]])), figure["code"]
        nonzero += bool(live)
    assert nonzero >= 5


def test_the_demo_city_report_lists_the_wards_and_their_figures(demo):
    summary = Report.objects.get(period__label="Năm 2025", is_summary=True)
    rows = {row["unit"]: row for row in summary.snapshot["rollup"]["rows"]}
    tamky = Report.objects.get(period=summary.period, unit__name="Đảng ủy phường Tam Kỳ")
    assert rows["Đảng ủy phường Tam Kỳ"]["values"]["initiatives.registered"] == next(
        f["value"] for f in tamky.snapshot["figures"] if f["key"] == "initiatives.registered"
    )
    city = Unit.objects.get(name="Thành ủy Đà Nẵng")
    assert summary.unit == city
