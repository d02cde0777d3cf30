"""Regimes, periods, the report workflow, corrections, snapshots, roll-up and reporting rates,
through the services (the pages and the API call the same functions)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from danvan.core.services import ServiceError
from danvan.initiatives.models import Initiative
from danvan.metrics import registry
from danvan.orgs.models import Unit, UnitType
from danvan.reports import services
from danvan.reports.models import Correction, Period, Regime, Report, ReportEvent
from danvan.reports.workflow import ReportStatus
from danvan.training.models import TrainingSession, TrainingTopic

from .conftest import RESULTS, accepted, submitted, write

pytestmark = pytest.mark.django_db

WARDS_AND_COMMUNES = 93  # the city's communes, wards and special zone with a Party committee


def rows(model):
    return list(model.objects.order_by("pk").values())


def unchanged(*models):
    """The rows of `models` (and their history) as they are: compare before and after a refusal."""
    return [rows(m) for m in models] + [m.history.count() for m in models if hasattr(m, "history")]


# --- regimes and periods ---------------------------------------------------------------------------


def test_opening_a_period_expects_one_report_per_ward_and_the_city_summary(period, city):
    reports = period.reports.select_related("unit")
    reporters = [r for r in reports if not r.is_summary]
    assert len(reporters) == WARDS_AND_COMMUNES
    assert {r.unit.unit_type.code for r in reporters} == {"party_committee"}
    assert all(r.unit.path.startswith(city.path) and r.unit != city for r in reporters)
    assert all(r.status == ReportStatus.DRAFT for r in reports)
    summary = reports.get(is_summary=True)
    assert summary.unit == city
    # the former Tam Kỳ's communes (until 30/06/2025) do not report for the fourth quarter of 2026
    assert not period.reports.filter(unit__valid_until__isnull=False).exists()
    assert (period.start, period.end, period.label) == (
        date(2026, 9, 15),
        date(2026, 12, 14),
        "Quý IV năm 2026",
    )
    assert period.due_on == date(2026, 12, 16)  # two working days after Monday 14/12
    assert (
        ReportEvent.objects.filter(report__period=period, action="create").count() == WARDS_AND_COMMUNES + 1
    )
    assert Report.history.filter(period_id=period.pk).count() == WARDS_AND_COMMUNES + 1


def test_a_period_is_opened_once(period, regime, ancestor):
    before = unchanged(Period, Report)
    with pytest.raises(ServiceError, match="Quý IV năm 2026"):
        services.open_period(regime, actor=ancestor, year=2026, number=4)
    assert unchanged(Period, Report) == before


@pytest.mark.parametrize(
    "data, message",
    [
        ({"year": 2026, "number": 5}, "4"),
        ({"year": 1999, "number": 1}, "2000"),
        ({}, "năm|year"),
    ],
)
def test_bad_periods_are_refused(regime, ancestor, data, message):
    before = unchanged(Period, Report)
    with pytest.raises(ServiceError, match=message):
        services.open_period(regime, actor=ancestor, **data)
    assert unchanged(Period, Report) == before


def test_only_the_asking_units_standing_agency_sets_regimes_and_opens_periods(regime, owner, stranger, city):
    for user in (owner, stranger):
        with pytest.raises(PermissionDenied):
            services.open_period(regime, actor=user, year=2026, number=3)
        with pytest.raises(PermissionDenied):
            services.create_regime(
                city, {"name": "X", "report_type": "annual", "reporter_types": [1]}, actor=user
            )
    assert not Period.objects.exists()


def test_a_ward_sets_its_own_regime_for_its_villages_and_the_front_uses_calendar_quarters(owner):
    front = Unit.objects.get(name="Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ")
    village_front = UnitType.objects.get(code="village_front_committee")
    regime = services.create_regime(
        front,
        {
            "name": "Báo cáo quý của Ban công tác Mặt trận",
            "report_type": "quarterly",
            "cutoff_day": None,
            "due_working_days": 5,
            "reporter_types": [village_front],
        },
        actor=owner,  # canbo.tamky is the standing agency of the ward's Front
    )
    period = services.open_period(regime, actor=owner, year=2026, number=1)
    assert (period.start, period.end) == (date(2026, 1, 1), date(2026, 3, 31))
    assert period.due_on == date(2026, 4, 7)  # Tue 31/3 + 5 working days: 1, 2, 3, 6 and 7 April
    assert period.reports.filter(is_summary=False).count() == 4  # the four blocks' Front committees


def test_a_review_has_the_dates_its_plan_sets(city, ancestor):
    regime = services.create_regime(
        city,
        {
            "name": "Tổng kết phong trào 2021–2025",
            "report_type": "final",
            "due_working_days": 10,
            "reporter_types": [UnitType.objects.get(code="party_committee")],
        },
        actor=ancestor,
    )
    with pytest.raises(ServiceError):
        services.open_period(regime, actor=ancestor, start=date(2021, 1, 1), end=date(2025, 10, 31))
    period = services.open_period(
        regime,
        actor=ancestor,
        start=date(2021, 1, 1),
        end=date(2025, 10, 31),
        label="Tổng kết giai đoạn 2021–2025",
    )
    assert (period.year, period.number, period.label) == (2025, 1, "Tổng kết giai đoạn 2021–2025")
    assert period.due_on == date(2025, 11, 14)  # Fri 31/10 + 10 working days
    second = services.open_period(
        regime,
        actor=ancestor,
        start=date(2025, 1, 1),
        end=date(2025, 6, 30),
        label="Sơ kết 6 tháng đầu năm 2025",
        due_on=date(2025, 7, 10),
    )
    assert (second.number, second.due_on) == (2, date(2025, 7, 10))
    with pytest.raises(ServiceError):
        services.open_period(
            regime,
            actor=ancestor,
            start=date(2025, 1, 1),
            end=date(2025, 6, 30),
            label="X",
            due_on=date(2025, 6, 1),
        )


@pytest.mark.parametrize(
    "data, message",
    [
        ({"name": "  "}, "."),
        ({"report_type": "weekly"}, "."),
        ({"cutoff_day": 31}, "28"),
        ({"due_working_days": 2, "due_day_of_month": 18}, "."),
        ({"reporter_types": []}, "."),
        ({"due_day_of_month": "abc", "due_working_days": None}, "."),
        ({"due_day_of_month": 30, "due_working_days": None}, "28"),
    ],
)
def test_bad_regimes_are_refused(city, ancestor, data, message):
    good = {
        "name": "Báo cáo quý",
        "report_type": "quarterly",
        "cutoff_day": 14,
        "reporter_types": [UnitType.objects.get(code="party_committee")],
    }
    before = unchanged(Regime)
    with pytest.raises(ServiceError, match=message):
        services.create_regime(city, {**good, **data}, actor=ancestor)
    assert unchanged(Regime) == before


def test_changing_a_regime_needs_a_reason_and_keeps_opened_periods(regime, period, ancestor):
    with pytest.raises(ServiceError):
        services.update_regime(regime, {"due_working_days": 5}, actor=ancestor, reason=" ")
    services.update_regime(
        regime, {"due_working_days": 5}, actor=ancestor, reason="Theo Công văn số 12-CV/BTGDVTU"
    )
    regime.refresh_from_db()
    assert regime.due_working_days == 5
    assert regime.history.first().history_change_reason == "Theo Công văn số 12-CV/BTGDVTU"
    period.refresh_from_db()
    assert period.due_on == date(2026, 12, 16)
    with pytest.raises(ServiceError):
        services.update_regime(regime, {"report_type": "annual"}, actor=ancestor, reason="Đổi loại")


# --- the workflow ----------------------------------------------------------------------------------


def test_submit_return_resubmit_accept(report, owner, ancestor):
    write(report, owner)
    services.transition(report, "submit", actor=owner)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert report.snapshot is not None and report.first_submitted_on is not None
    first_submitted = report.first_submitted_on
    with pytest.raises(ServiceError):
        services.update_report(report, {"results": "Sửa sau khi gửi"}, actor=owner)
    with pytest.raises(ServiceError, match="lý do|reason"):
        services.transition(report, "return", actor=ancestor, comment="  ")
    services.transition(report, "return", actor=ancestor, comment="Bổ sung số liệu tập huấn.")
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED and report.snapshot is None
    write(report, owner, RESULTS + " Đã bổ sung.")
    services.transition(report, "submit", actor=owner, today=first_submitted + timedelta(days=30))
    report.refresh_from_db()
    assert report.first_submitted_on == first_submitted  # lateness counts from the first submission
    services.transition(report, "accept", actor=ancestor)
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED and report.accepted_at is not None
    events = list(report.events.values_list("action", "from_status", "to_status", "comment"))
    assert [e[0] for e in events] == ["create", "submit", "return", "submit", "accept"]
    assert events[2][3] == "Bổ sung số liệu tập huấn."
    assert report.events.get(action="accept").snapshot is None
    assert all(e.snapshot for e in report.events.filter(action="submit"))
    for action in ("submit", "return", "accept"):
        with pytest.raises(ServiceError):
            services.transition(report, action, actor=ancestor, comment="x")


def test_who_may_do_what(report, summary, owner, ancestor, stranger, leader):
    with pytest.raises(PermissionDenied):
        write(report, stranger)
    with pytest.raises(PermissionDenied):
        write(report, leader)
    write(report, owner)
    for user in (stranger, leader):
        with pytest.raises(PermissionDenied):
            services.transition(report, "submit", actor=user)
    services.transition(report, "submit", actor=owner)
    # the ward cannot accept its own report: reviewing is the asking unit's
    for user in (owner, stranger, leader):
        with pytest.raises(PermissionDenied):
            services.transition(report, "accept", actor=user)
    report.refresh_from_db()
    assert [t.action for t in services.allowed_transitions(report, owner)] == []
    assert [t.action for t in services.allowed_transitions(report, ancestor)] == ["return", "accept"]
    # the summary report is issued by the asking unit, never submitted
    write(summary, ancestor)
    with pytest.raises(ServiceError):
        services.transition(summary, "submit", actor=ancestor)
    with pytest.raises(PermissionDenied):
        services.transition(summary, "issue", actor=owner)
    services.transition(summary, "issue", actor=ancestor)
    summary.refresh_from_db()
    assert summary.status == ReportStatus.ACCEPTED and summary.snapshot["rollup"] is not None


def test_a_report_without_results_is_not_submitted(report, owner):
    before = unchanged(Report)
    with pytest.raises(ServiceError, match="kết quả|results"):
        services.transition(report, "submit", actor=owner)
    assert unchanged(Report) == before


@pytest.mark.parametrize(
    "data",
    [
        {"number": "abc"},
        {"number": 0},
        {"dated_on": "31/02/2026"},
        {"issuer_code": "Đ U!"},
        {"signer_name": "x" * 161},
        {"status": "accepted"},
        {"snapshot": {}},
    ],
)
def test_bad_report_fields_are_refused(report, owner, data):
    before = unchanged(Report)
    with pytest.raises(ServiceError):
        services.update_report(report, data, actor=owner)
    assert unchanged(Report) == before


def test_two_reports_of_a_unit_do_not_share_a_number(period, report, owner, regime, ancestor):
    report = services.update_report(
        report, {"number": 15, "issuer_code": "ĐU", "dated_on": "2026-12-15"}, actor=owner
    )
    assert report.symbol == "15-BC/ĐU"
    other = services.open_period(regime, actor=ancestor, year=2026, number=3).reports.get(unit=report.unit)
    with pytest.raises(ServiceError, match="15-BC/ĐU"):
        services.update_report(
            other, {"number": 15, "issuer_code": "ĐU", "dated_on": "2026-09-20"}, actor=owner
        )


# --- corrections -------------------------------------------------------------------------------------


def test_a_corrected_figure_keeps_the_computed_value_and_the_reason(report, owner, stranger):
    live = services.live_data(report)
    computed = next(f["value"] for f in live["figures"] if f["key"] == "training.people_trained")
    services.correct(
        report, "training.people_trained", computed + 45, actor=owner, reason="Bổ sung hội nghị trực tuyến."
    )
    data = services.live_data(report)
    figure = next(f for f in data["figures"] if f["key"] == "training.people_trained")
    assert (figure["value"], figure["computed"], figure["reason"]) == (
        computed + 45,
        computed,
        "Bổ sung hội nghị trực tuyến.",
    )
    assert report.events.filter(action="correct").count() == 1
    # correcting again replaces the correction; its history keeps both
    services.correct(report, "training.people_trained", "1.234", actor=owner, reason="Số liệu của Văn phòng.")
    assert Correction.objects.get(report=report).value == Decimal(1234)
    assert Correction.history.filter(report_id=report.pk).count() == 2
    write(report, owner)
    services.transition(report, "submit", actor=owner)
    report.refresh_from_db()
    frozen = next(f for f in report.snapshot["figures"] if f["key"] == "training.people_trained")
    assert (frozen["value"], frozen["reason"]) == (1234, "Số liệu của Văn phòng.")
    with pytest.raises(ServiceError):
        services.correct(report, "training.people_trained", 1, actor=owner, reason="Sau khi gửi")
    with pytest.raises(PermissionDenied):
        services.correct(report, "training.people_trained", 1, actor=stranger, reason="x")


def test_a_breakdown_cell_can_be_corrected_and_a_correction_removed(report, owner, settings, tmp_path):
    from danvan.initiatives.demo import seed_initiatives_demo

    settings.MEDIA_ROOT = tmp_path
    seed_initiatives_demo()
    data = services.live_data(report)
    cell = next(row for b in data["breakdowns"] for row in b["rows"])
    services.correct(report, cell["key"], 7, actor=owner, reason="Theo biên bản")
    corrected = next(
        r for b in services.live_data(report)["breakdowns"] for r in b["rows"] if r["key"] == cell["key"]
    )
    assert (corrected["value"], corrected["computed"]) == (7, cell["value"])
    with pytest.raises(ServiceError):
        services.remove_correction(report, cell["key"], actor=owner, reason="")
    services.remove_correction(report, cell["key"], actor=owner, reason="Nhập nhầm")
    assert not report.corrections.exists()
    assert (
        Correction.history.filter(report_id=report.pk, history_type="-").get().history_change_reason
        == "Nhập nhầm"
    )


@pytest.mark.parametrize(
    "key, value, reason",
    [
        ("training.people_trained", 10, ""),
        ("training.people_trained", -1, "Âm"),
        ("training.people_trained", "mười", "Chữ"),
        ("training.people_trained", "NaN", "NaN"),
        ("initiatives.invented", 10, "Không có"),
    ],
)
def test_bad_corrections_are_refused(report, owner, key, value, reason):
    before = unchanged(Correction, ReportEvent)
    with pytest.raises(ServiceError):
        services.correct(report, key, value, actor=owner, reason=reason)
    assert unchanged(Correction, ReportEvent) == before


# --- snapshots -----------------------------------------------------------------------------------------


def _train(unit, owner, people: int):
    from danvan.training import services as training

    return training.create_session(
        unit,
        {"title": "Tập huấn kỹ năng dân vận", "topic": TrainingTopic.SKILLS, "held_on": date(2026, 11, 20)},
        actor=owner,
        counts={"party": people},
        held=True,
    )


def test_an_accepted_report_never_changes_when_the_data_does(report, owner, ancestor, tamky):
    accepted(report, owner, ancestor)
    report.refresh_from_db()
    frozen = report.snapshot
    before = services.report_data(report)
    _train(tamky, owner, 40)
    Initiative.objects.filter(owner_unit=tamky).update(year=2026)
    report.refresh_from_db()
    assert report.snapshot == frozen
    assert services.report_data(report) == before
    changes = {c["key"]: c for c in services.changes_since_frozen(report)}
    trained = changes["training.people_trained"]
    assert trained["live"] - trained["frozen"] == 40
    assert changes["training.sessions"]["live"] == changes["training.sessions"]["frozen"] + 1
    # while a draft, the report follows the data
    draft = (
        Report.objects.filter(period=report.period, status=ReportStatus.DRAFT)
        .exclude(is_summary=True)
        .first()
    )
    assert services.changes_since_frozen(draft) == []


def test_the_summary_rolls_up_the_accepted_reports_and_names_the_missing(
    period, report, summary, owner, ancestor, stranger, haichau
):
    accepted(report, owner, ancestor)
    other = period.reports.get(unit=haichau)
    submitted(other, stranger)
    write(summary, ancestor)
    data = services.live_data(summary)
    rollup = data["rollup"]
    assert rollup["expected"] == WARDS_AND_COMMUNES and rollup["accepted"] == 1
    assert len(rollup["missing"]) == WARDS_AND_COMMUNES - 2
    assert (
        "Đảng ủy phường Tam Kỳ" not in rollup["missing"]
        and "Đảng ủy phường Hải Châu" not in rollup["missing"]
    )
    report.refresh_from_db()
    for code in rollup["codes"]:
        assert rollup["totals"][code] == next(
            f["value"] for f in report.snapshot["figures"] if f["key"] == code
        )
    services.transition(summary, "issue", actor=ancestor)
    summary.refresh_from_db()
    frozen = summary.snapshot["rollup"]
    assert (frozen["accepted"], frozen["missing"], frozen["totals"]) == (
        1,
        rollup["missing"],
        rollup["totals"],
    )
    # a ward accepted after the summary was issued does not change it
    services.transition(other, "accept", actor=ancestor)
    summary.refresh_from_db()
    assert summary.snapshot["rollup"]["accepted"] == 1


def test_every_figure_is_the_registrys_and_the_apis_for_the_same_unit_and_window(
    report, owner, personas, tamky
):
    data = services.live_data(report)
    period = report.period
    response = personas["owner"].get(
        "/api/v1/metrics/values",
        {"unit": tamky.pk, "from": period.start.isoformat(), "to": period.end.isoformat()},
    )
    assert response.status_code == 200
    api = {item["code"]: item["value"] for item in response.json()["values"]}
    for figure in data["figures"]:
        expected = registry.get(figure["code"]).value_for(tamky, period.start, period.end)
        assert figure["value"] == expected == api[figure["code"]], figure["code"]
    for breakdown in data["breakdowns"]:
        metric = registry.get(breakdown["code"])
        values = metric.breakdown(breakdown["dimension"], tamky, period.start, period.end)
        assert sum(r["value"] for r in breakdown["rows"]) == sum(values.values())


def test_a_calendar_year_report_shows_the_dashboards_figures(city, ancestor, personas, tamky):
    regime = services.create_regime(
        city,
        {
            "name": "Báo cáo năm (năm dương lịch)",
            "report_type": "annual",
            "cutoff_day": None,
            "reporter_types": [UnitType.objects.get(code="party_committee")],
        },
        actor=ancestor,
    )
    period = services.open_period(regime, actor=ancestor, year=2025)
    assert (period.start, period.end) == (date(2025, 1, 1), date(2025, 12, 31))
    report = period.reports.get(unit=tamky)
    data = services.live_data(report)
    dashboard = personas["owner"].get(f"/dashboard/{tamky.pk}/?year=2025")
    shown = {f.metric.code: f.value for f in dashboard.context["figures"]}
    compared = [f for f in data["figures"] if f["code"] in shown]
    assert len(compared) >= 4
    for figure in compared:
        assert figure["value"] == shown[figure["code"]], figure["code"]


# --- reporting rates -----------------------------------------------------------------------------------


def test_reporting_rates(period, report, owner, ancestor, stranger, haichau):
    late_day = period.due_on + timedelta(days=3)
    write(report, owner)
    services.transition(report, "submit", actor=owner, today=period.due_on)
    other = period.reports.get(unit=haichau)
    write(other, stranger)
    services.transition(other, "submit", actor=stranger, today=late_day)
    services.transition(other, "return", actor=ancestor, comment="Bổ sung")
    rates = services.rates([period.pk], today=late_day)[period.pk]
    assert rates == {
        "expected": WARDS_AND_COMMUNES,
        "submitted": 2,
        "on_time": 1,
        "late": 1,
        "missing": WARDS_AND_COMMUNES - 2,
        "overdue": WARDS_AND_COMMUNES - 2,
        "accepted": 0,
        "returned": 1,
        "submitted_rate": round(200 / WARDS_AND_COMMUNES, 1),
        "on_time_rate": round(100 / WARDS_AND_COMMUNES, 1),
    }
    assert services.rates([period.pk], today=period.due_on)[period.pk]["overdue"] == 0
    report.refresh_from_db()
    other.refresh_from_db()
    assert not report.is_late and other.is_late


def test_visibility(report, period, owner, ancestor, stranger, leader):
    assert services.visible_reports(owner).filter(pk=report.pk).exists()
    assert services.visible_reports(ancestor).count() == WARDS_AND_COMMUNES + 1
    assert services.visible_reports(leader).count() == WARDS_AND_COMMUNES + 1
    assert not services.visible_reports(stranger).filter(pk=report.pk).exists()
    assert services.visible_reports(stranger).count() == 1  # Hải Châu's own
    assert services.visible_periods(stranger).filter(pk=period.pk).exists()
    assert not services.visible_regimes(stranger).exists()


def test_training_fixture_is_counted(tamky, owner):
    # guards the snapshot test: the session it adds is inside the fourth quarter's window
    session = _train(tamky, owner, 3)
    assert TrainingSession.objects.filter(
        pk=session.pk, held_on__range=(date(2026, 9, 15), date(2026, 12, 14))
    ).exists()


@pytest.mark.parametrize(
    "text, number",
    [
        ("1.234", Decimal(1234)),
        ("1.234.567", Decimal(1234567)),
        ("1.234,5", Decimal("1234.5")),
        ("1,234", Decimal(1234)),
        ("1,234.5", Decimal("1234.5")),
        ("2,5", Decimal("2.5")),
        ("2.5", Decimal("2.5")),
        (" 45 ", Decimal(45)),
        (12, Decimal(12)),
        ("mười", None),
        ("NaN", None),
        ("Infinity", None),
        ("1.2.3", None),
        ("", None),
    ],
)
def test_figures_are_read_as_officers_type_them(text, number):
    assert services.parse_number(text) == number


def test_the_registry_counts_reports_as_the_rates_do(period, report, owner, stranger, haichau, city, tamky):
    write(report, owner)
    services.transition(report, "submit", actor=owner, today=period.due_on)
    other = period.reports.get(unit=haichau)
    write(other, stranger)
    services.transition(other, "submit", actor=stranger, today=period.due_on + timedelta(days=1))
    rates = services.rates([period.pk])[period.pk]
    window = (period.due_on, period.due_on)
    values = {
        code: registry.get(f"reports.{code}").value_for(city, *window)
        for code in ("expected", "submitted", "on_time")
    }
    assert values == {
        "expected": rates["expected"],
        "submitted": rates["submitted"],
        "on_time": rates["on_time"],
    }
    assert registry.get("reports.on_time").value_for(tamky, *window) == 1
    assert registry.get("reports.on_time").value_for(haichau, *window) == 0
