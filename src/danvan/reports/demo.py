"""The demo's periodic reports: the city asks its wards' Party committees for quarterly and annual
reports; the 2025 annual cycle is complete (every ward accepted, the city's summary issued), the
previous quarter closed with some wards late and a few missing, and the current quarter is in
progress. The Front of Tam Kỳ ward asks its blocks' Front committees on calendar quarters.

Everything goes through the services, as officers would do it; the dates of the steps are then set
to when they happened (the services stamp "now"). Deterministic: the same data on every run."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from danvan.core.calendar import add_working_days
from danvan.orgs.models import Unit, UnitType
from danvan.reports import services
from danvan.reports.models import Correction, Period, Regime, Report, ReportEvent

CITY = "Thành ủy Đà Nẵng"
TAMKY_FRONT = "Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ"
TAMKY = "Đảng ủy phường Tam Kỳ"
HAICHAU = "Đảng ủy phường Hải Châu"
MISSING_PREVIOUS_QUARTER = 5  # wards that never sent the previous quarter's report
LATE_PREVIOUS_QUARTER = 8
SUBMITTED_CURRENT_QUARTER = 12

SIGNERS = [
    "Nguyễn Văn Hùng", "Trần Thị Thu", "Lê Quang Vinh", "Phạm Thị Hoa", "Hoàng Minh Tuấn",
    "Võ Văn Thành", "Đặng Thị Lệ", "Bùi Quốc Cường", "Huỳnh Thị Mỹ", "Ngô Đức Thắng",
]  # fmt: skip

RESULTS = (
    "Ban Thường vụ Đảng ủy {place} đã ban hành kế hoạch thực hiện phong trào thi đua “Dân vận khéo” "
    "trong {period_lower}, gắn với nhiệm vụ phát triển kinh tế - xã hội và xây dựng chính quyền "
    "thân thiện, gần dân. Các chi bộ, Mặt trận và các đoàn thể đăng ký mô hình, điển hình; việc "
    "đăng ký, xây dựng và nhân rộng mô hình được theo dõi trên hệ thống."
)
TYPICAL = (
    "Các mô hình tiêu biểu: “Khu dân cư không rác thải nhựa”, “Chính quyền lắng nghe dân nói”, "
    "“Dân vận khéo trong vận động hiến đất mở đường”."
)
SHORTCOMINGS = (
    "Một số chi bộ đăng ký mô hình còn chậm; việc sơ kết, đánh giá hiệu quả mô hình chưa thường "
    "xuyên; kinh phí hỗ trợ xây dựng mô hình còn hạn chế."
)
CAUSES = "Lực lượng cán bộ sau sắp xếp còn mỏng; một số nơi chưa quan tâm đúng mức đến công tác dân vận."
LESSONS = "Phải xuất phát từ nhu cầu thực tế của Nhân dân; cấp ủy vào cuộc, người đứng đầu gương mẫu."
DIRECTIONS = (
    "Tiếp tục đẩy mạnh phong trào thi đua “Dân vận khéo”; hướng dẫn chi bộ hoàn thiện hồ sơ mô hình; "
    "tổ chức sơ kết, nhân rộng các mô hình hiệu quả."
)


def _at(day: date, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def demo_present() -> bool:
    return Regime.objects.filter(issuing_unit__name=CITY, issuing_unit__depth=1).exists()


def seed_reports_demo(today: date | None = None) -> int:
    """Create the demo regimes and reports; returns the number of reports, 0 if already there."""
    if demo_present():
        return 0
    today = today or timezone.localdate()
    User = get_user_model()
    admin = User.objects.get(username="admin")
    reviewer = User.objects.get(username="canbo.danang")
    city = Unit.objects.get(name=CITY, depth=1)
    party = UnitType.objects.get(code="party_committee")
    rng = random.Random(2025)
    with transaction.atomic():
        quarterly = services.create_regime(
            city,
            {
                "name": "Báo cáo quý về công tác dân vận và phong trào thi đua “Dân vận khéo”",
                "basis": "Kế hoạch số 08-KH/BTGDVTU ngày 15/9/2025 của Ban Tuyên giáo và Dân vận Thành ủy",
                "report_type": "quarterly",
                "cutoff_day": 14,
                "due_working_days": 3,
                "reporter_types": [party],
            },
            actor=reviewer,
            reason="Dữ liệu mẫu",
        )
        annual = services.create_regime(
            city,
            {
                "name": "Báo cáo năm về công tác dân vận và phong trào thi đua “Dân vận khéo”",
                "basis": "Kế hoạch số 08-KH/BTGDVTU ngày 15/9/2025 của Ban Tuyên giáo và Dân vận Thành ủy",
                "report_type": "annual",
                "cutoff_day": 14,
                "due_day_of_month": 20,
                "reporter_types": [party],
            },
            actor=reviewer,
            reason="Dữ liệu mẫu",
        )
        # the ward's Front asks its blocks' Front work committees on calendar quarters
        front = Unit.objects.filter(name=TAMKY_FRONT).first()
        if front is not None:
            front_regime = services.create_regime(
                front,
                {
                    "name": "Báo cáo quý của Ban công tác Mặt trận khối phố (theo quý dương lịch)",
                    "basis": "Hướng dẫn của Ban Thường trực Ủy ban MTTQ Việt Nam phường Tam Kỳ",
                    "report_type": "quarterly",
                    "cutoff_day": None,
                    "due_working_days": 5,
                    "reporter_types": [UnitType.objects.get(code="village_front_committee")],
                },
                actor=admin,
                reason="Dữ liệu mẫu",
            )
        count = 0

        # --- the 2025 annual cycle, complete ---
        period = services.open_period(annual, actor=reviewer, year=2025, reason="Dữ liệu mẫu")
        _set_opened(period, period.start)
        count += _complete(period, admin, reviewer, rng, today, late=3, missing=0, returned=2)
        _issue_summary(period, reviewer, period.due_on + timedelta(days=4), number=52)

        # --- the previous quarter: closed, some wards late, a few missing ---
        rule = quarterly.rule
        current = rule.current_period("quarterly", today)
        if current.number > 1:
            previous = rule.window("quarterly", current.year, current.number - 1)
        else:
            previous = rule.window("quarterly", current.year - 1, 4)
        period = services.open_period(quarterly, actor=reviewer, year=previous.year, number=previous.number)
        _set_opened(period, period.start)
        count += _complete(
            period,
            admin,
            reviewer,
            rng,
            today,
            late=LATE_PREVIOUS_QUARTER,
            missing=MISSING_PREVIOUS_QUARTER,
            returned=1,
        )
        issued_on = min(period.due_on + timedelta(days=10), today)
        _issue_summary(period, reviewer, issued_on, number=int(period.number) * 10 + 7)

        # --- the current quarter, in progress ---
        period = services.open_period(quarterly, actor=reviewer, year=current.year, number=current.number)
        _set_opened(period, period.start)
        count += _in_progress(period, admin, reviewer, rng, today)

        if front is not None:
            window = front_regime.rule.current_period("quarterly", today)
            period = services.open_period(front_regime, actor=admin, year=window.year, number=window.number)
            _set_opened(period, period.start)
            count += period.reports.count()
    _read_old_notifications(current)
    return count


def _read_old_notifications(current) -> None:
    """The notifications of the past periods' steps were read long ago (they are created when the
    seeding transaction commits, all "now"); those of the current quarter stay unread."""
    from danvan.notifications.models import Notification

    live = Report.objects.filter(
        period__report_type="quarterly", period__year=current.year, period__number=current.number
    ).values_list("pk", flat=True)
    Notification.objects.filter(key__startswith="reports.", read_at__isnull=True).exclude(
        url__in=[f"/reports/{pk}/" for pk in live]
    ).update(read_at=timezone.now())


def _set_opened(period: Period, day: date) -> None:
    Period.objects.filter(pk=period.pk).update(opened_at=_at(day, 8))
    ReportEvent.objects.filter(report__period=period, action="create").update(at=_at(day, 8))


def _fill(report: Report, admin, rng: random.Random, number: int) -> None:
    place = report.unit.name.removeprefix("Đảng ủy ")
    signer = {TAMKY: "Ngô Văn Sơn", HAICHAU: "Đỗ Thị Ngọc"}.get(report.unit.name) or rng.choice(SIGNERS)
    services.update_report(
        report,
        {
            "number": number,
            "issuer_code": "ĐU",
            "signer_authority": "T/M BAN THƯỜNG VỤ",
            "signer_position": "BÍ THƯ",
            "signer_name": signer,
            "recipients": "Ban Tuyên giáo và Dân vận Thành ủy (báo cáo)\nỦy ban MTTQ Việt Nam " + place,
            "results": RESULTS.format(place=place, period_lower=_lower(report.period.label)),
            "typical_models": TYPICAL,
            "shortcomings": SHORTCOMINGS,
            "causes": CAUSES,
            "lessons": LESSONS,
            "directions": DIRECTIONS,
        },
        actor=admin,
        reason="Dữ liệu mẫu",
    )


def _lower(label: str) -> str:
    return label[:1].lower() + label[1:]


def _submit(report: Report, actor, on: date) -> None:
    services.transition(report, "submit", actor=actor, today=on)
    Report.objects.filter(pk=report.pk).update(
        submitted_at=_at(on, 10), status_changed_at=_at(on, 10), snapshot_at=_at(on, 10)
    )
    _date_last_event(report, "submit", _at(on, 10))


def _date_last_event(report: Report, action: str, when: datetime) -> None:
    event = ReportEvent.objects.filter(report=report, action=action).order_by("-id").first()
    if event is not None:
        ReportEvent.objects.filter(pk=event.pk).update(at=when)


def _review(report: Report, reviewer, action: str, on: date, comment: str = "") -> None:
    services.transition(report, action, actor=reviewer, comment=comment, today=on)
    fields = {"status_changed_at": _at(on, 15)}
    if action == "accept":
        fields["accepted_at"] = _at(on, 15)
    Report.objects.filter(pk=report.pk).update(**fields)
    _date_last_event(report, action, _at(on, 15))


def _complete(
    period: Period,
    admin,
    reviewer,
    rng: random.Random,
    today: date,
    *,
    late: int,
    missing: int,
    returned: int,
) -> int:
    """Every reporter but `missing` submits (`late` of them after the due date), `returned` are
    sent back once and resubmitted, and the city accepts the rest."""
    reports = list(
        period.reports.filter(is_summary=False).select_related("unit", "period").order_by("unit__name_sort")
    )
    demo_wards = [r for r in reports if r.unit.name in (TAMKY, HAICHAU)]
    others = [r for r in reports if r.unit.name not in (TAMKY, HAICHAU)]
    rng.shuffle(others)
    # the first `missing` of the shuffled wards never submit
    late_reports = set(r.pk for r in others[missing : missing + late])
    returned_reports = set(r.pk for r in others[missing + late : missing + late + returned])
    for index, report in enumerate(demo_wards + others[missing:], start=1):
        _fill(report, admin, rng, number=10 + index)
        if report.unit.name == HAICHAU:
            Correction.objects.filter(report=report).delete()
            services.correct(
                report,
                "training.people_trained",
                _people_trained(report) + 45,
                actor=admin,
                reason=(
                    "Bổ sung 45 lượt cán bộ dự hội nghị trực tuyến tại điểm cầu phường, "
                    "chưa nhập vào hệ thống."
                ),
            )
        due = period.due_on
        if report.pk in late_reports:
            on = add_working_days(due, rng.randint(1, 6))
        else:
            on = due - timedelta(days=rng.randint(0, 3))
        on = min(max(on, period.end), today)
        _submit(report, admin, on)
        review_on = min(add_working_days(on, rng.randint(1, 3)), today)
        if report.pk in returned_reports:
            _review(
                report,
                reviewer,
                "return",
                review_on,
                "Đề nghị bổ sung kết quả xây dựng mô hình ở các thôn, tổ dân phố và số liệu tập huấn.",
            )
            on = min(add_working_days(review_on, 2), today)
            services.update_report(
                report,
                {"results": report.results + " Đã bổ sung kết quả ở các khu dân cư theo ý kiến của Ban."},
                actor=admin,
                reason="Bổ sung theo ý kiến trả lại",
            )
            _submit(report, admin, on)
            review_on = min(add_working_days(on, 1), today)
        _review(report, reviewer, "accept", review_on)
    return len(reports) + 1


def _people_trained(report: Report) -> int:
    from danvan.metrics import registry

    return int(
        registry.get("training.people_trained").value_for(report.unit, report.period.start, report.period.end)
    )


def _issue_summary(period: Period, reviewer, on: date, *, number: int) -> None:
    summary = period.reports.get(is_summary=True)
    services.update_report(
        summary,
        {
            "number": number,
            "issuer_code": "TU",
            "signer_authority": "T/M BAN THƯỜNG VỤ",
            "signer_position": "PHÓ BÍ THƯ THƯỜNG TRỰC",
            "signer_name": "Trần Minh Quang",
            "recipients": (
                "Ban Dân vận Trung ương (báo cáo)\nThường trực Thành ủy\nCác đảng ủy phường, xã, đặc khu"
            ),
            "results": (
                "Ban Thường vụ Thành ủy đã lãnh đạo, chỉ đạo các cấp ủy, chính quyền, Mặt trận Tổ quốc và "
                f"các đoàn thể triển khai phong trào thi đua “Dân vận khéo” trong {_lower(period.label)}. "
                "Các đảng ủy phường, xã, đặc khu đã đăng ký, xây dựng và nhân rộng nhiều mô hình hiệu quả; "
                "số liệu chi tiết tại các bảng dưới đây và phụ lục kèm theo."
            ),
            "typical_models": TYPICAL,
            "shortcomings": SHORTCOMINGS,
            "causes": CAUSES,
            "lessons": LESSONS,
            "directions": DIRECTIONS,
        },
        actor=reviewer,
        reason="Dữ liệu mẫu",
    )
    services.transition(summary, "issue", actor=reviewer, today=on)
    Report.objects.filter(pk=summary.pk).update(
        submitted_at=_at(on, 16),
        accepted_at=_at(on, 16),
        status_changed_at=_at(on, 16),
        snapshot_at=_at(on, 16),
    )
    _date_last_event(summary, "issue", _at(on, 16))


def _in_progress(period: Period, admin, reviewer, rng: random.Random, today: date) -> int:
    """A dozen wards have already sent the current quarter's report (a few accepted); Tam Kỳ and
    Hải Châu are still writing theirs."""
    reports = list(
        period.reports.filter(is_summary=False)
        .exclude(unit__name__in=(TAMKY, HAICHAU))
        .select_related("unit", "period")
        .order_by("unit__name_sort")
    )
    rng.shuffle(reports)
    first_day = max(period.start, today - timedelta(days=10))
    for index, report in enumerate(reports[:SUBMITTED_CURRENT_QUARTER], start=1):
        _fill(report, admin, rng, number=40 + index)
        on = min(today, first_day + timedelta(days=rng.randint(0, 9)))
        _submit(report, admin, on)
        if index <= 4:
            _review(report, reviewer, "accept", min(today, add_working_days(on, 1)))
    tamky = period.reports.get(unit__name=TAMKY)
    services.update_report(
        tamky,
        {
            "issuer_code": "ĐU",
            "signer_authority": "T/M BAN THƯỜNG VỤ",
            "signer_position": "BÍ THƯ",
            "signer_name": "Ngô Văn Sơn",
            "recipients": "Ban Tuyên giáo và Dân vận Thành ủy (báo cáo)\nỦy ban MTTQ Việt Nam phường Tam Kỳ",
        },
        actor=admin,
        reason="Dữ liệu mẫu",
    )
    summary = period.reports.get(is_summary=True)
    services.update_report(
        summary,
        {
            "issuer_code": "TU",
            "signer_authority": "T/M BAN THƯỜNG VỤ",
            "signer_position": "PHÓ BÍ THƯ THƯỜNG TRỰC",
            "signer_name": "Trần Minh Quang",
            "recipients": "Ban Dân vận Trung ương (báo cáo)\nThường trực Thành ủy",
        },
        actor=admin,
        reason="Dữ liệu mẫu",
    )
    return period.reports.count()
