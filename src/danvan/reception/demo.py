"""The demo's citizen reception and dialogues, relative to the day it runs:

* the chair of Ủy ban nhân dân phường Tam Kỳ receives citizens every Thursday (a day off moves
  the reception to the next working day): the schedules start on the first day of the month three
  months back, and every day of them until yesterday has its session, one of them not
  held (with the reason) and one presided by the deputy chair;
* the secretary of Đảng ủy phường Tam Kỳ, two days a month (the 2nd and 4th Tuesday);
* the chair of Ủy ban nhân dân thành phố Đà Nẵng, monthly, on the 3rd Tuesday;
* one ad hoc session of the ward's chair for a mass case (land clearance in An Thổ block);
* this year's dialogue of phường Tam Kỳ with the ward's Front: three issues, three commitments —
  one done, one open, one overdue.

Everything goes through the services, as officers would do it; the log entries are then dated
when the steps happened (the services stamp "now"). Deterministic for a given day; idempotent: a
second run finds the schedules and changes nothing. People's names are invented."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from danvan.core.calendar import next_working_day
from danvan.orgs.models import Person, Unit
from danvan.reception import services
from danvan.reception.models import (
    AdHocReason,
    CommitmentFollowUp,
    Presider,
    ReceptionSchedule,
    ReceptionSessionEvent,
    SessionKind,
)
from danvan.reception.rules import HeadPosition
from danvan.reception.workflow import SessionStatus

WARD_PC = "Ủy ban nhân dân phường Tam Kỳ"
WARD_PARTY = "Đảng ủy phường Tam Kỳ"
WARD_FRONT = "Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ"
WARD_POLICE = "Công an phường Tam Kỳ"
CITY_PC = "Ủy ban nhân dân thành phố Đà Nẵng"
REFORM = date(2025, 7, 1)  # the wards and the city's new units are in force from the reorganization
MONTHS_BACK = 91  # the schedules start on the first day of the month three months back

NOTES = [
    "Công dân phản ánh việc cấp giấy chứng nhận quyền sử dụng đất chậm; đã hướng dẫn bổ sung hồ sơ.",
    "Kiến nghị sửa chữa tuyến cống thoát nước; giao bộ phận chuyên môn kiểm tra, trả lời.",
    "Phản ánh tiếng ồn từ cơ sở sản xuất; giao Công an phường phối hợp kiểm tra.",
    "Hỏi về chế độ chính sách người có công; đã giải thích, hướng dẫn trực tiếp.",
    "",
    "",
]


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def demo_present() -> bool:
    return ReceptionSchedule.objects.filter(unit__name=WARD_PC).exists()


def _sessions(schedule, actor, today: date, rng: random.Random, *, missed=None, deputy=None, deputy_name=""):
    """The sessions of a schedule's days in the last three months; `missed` and `deputy` name the
    index of the day not held and of the day presided by the deputy."""
    start = schedule.valid_from
    days = sorted(
        {day for _nominal, day in schedule.regular_day.planned_dates(start, today - timedelta(days=1))}
    )
    days = [day for day in days if day < today]
    created = []
    for index, day in enumerate(days):
        data = {"held_on": day, "citizens_count": rng.randint(2, 14), "notes": rng.choice(NOTES)}
        if index == missed:
            session = services.record_session(
                None,
                {"held_on": day},
                actor=actor,
                schedule=schedule,
                status=SessionStatus.NOT_HELD,
                comment="Chủ tịch dự hội nghị trực tuyến toàn quốc của Chính phủ; đã thông báo lịch tiếp "
                "bù tại bảng tin và trang thông tin điện tử phường.",
            )
        else:
            presided = Presider.DEPUTY if index == deputy else Presider.HEAD
            data.update({"presided_by": presided, "presider_name": deputy_name if index == deputy else ""})
            session = services.record_session(
                None, data, actor=actor, schedule=schedule, status=SessionStatus.HELD
            )
        created.append(session)
    return created


def seed_reception_demo(today: date | None = None) -> int:
    """Create the demo schedules, sessions and dialogue; the number of sessions, 0 if present."""
    if demo_present():
        return 0
    today = today or timezone.localdate()
    User = get_user_model()
    ward_handler = User.objects.get(username="tiepdan.tamky")
    ward_officer = User.objects.get(username="canbo.tamky")
    city_officer = User.objects.get(username="canbo.danang")
    ward_pc = Unit.objects.get(name=WARD_PC)
    ward_party = Unit.objects.get(name=WARD_PARTY)
    ward_front = Unit.objects.get(name=WARD_FRONT)
    ward_police = Unit.objects.get(name=WARD_POLICE)
    city_pc = Unit.objects.get(name=CITY_PC)
    secretary = Person.objects.filter(unit=ward_party, position__startswith="Bí thư").first()
    deputy = Person.objects.filter(unit=ward_pc, position__startswith="Phó Chủ tịch").first()
    deputy_name = (
        f"{deputy.full_name}, {deputy.position}" if deputy else "Phó Chủ tịch Ủy ban nhân dân phường"
    )
    rng = random.Random(2026)
    since = max((today - timedelta(days=MONTHS_BACK)).replace(day=1), REFORM)
    with transaction.atomic():
        chair = services.create_schedule(
            ward_pc,
            {
                "position": HeadPosition.COMMUNE_PC_CHAIR,
                "head_name": "Nguyễn Thành Trung",
                "head_title": "Chủ tịch Ủy ban nhân dân phường Tam Kỳ",
                "weekdays": "3",
                "place": "Phòng tiếp công dân, Ủy ban nhân dân phường Tam Kỳ",
                "valid_from": since,
                "note": "Theo Nội quy tiếp công dân của Ủy ban nhân dân phường; trùng ngày nghỉ lễ thì tiếp "
                "vào ngày làm việc kế tiếp.",
            },
            actor=ward_handler,
            reason="Dữ liệu mẫu",
        )
        party = services.create_schedule(
            ward_party,
            {
                "position": HeadPosition.COMMUNE_PARTY_SECRETARY,
                "person": secretary,
                "head_name": "" if secretary else "Ngô Văn Sơn",
                "head_title": "Bí thư Đảng ủy phường Tam Kỳ",
                "weekdays": "1",
                "weeks_of_month": "2,4",
                "place": "Trụ sở Đảng ủy phường Tam Kỳ",
                "valid_from": since,
            },
            actor=ward_officer,
            reason="Dữ liệu mẫu",
        )
        city = services.create_schedule(
            city_pc,
            {
                "position": HeadPosition.PROVINCE_PC_CHAIR,
                "head_name": "Phan Văn Thịnh",
                "head_title": "Chủ tịch Ủy ban nhân dân thành phố Đà Nẵng",
                "weekdays": "1",
                "weeks_of_month": "3",
                "place": "Trụ sở Tiếp công dân thành phố Đà Nẵng",
                "valid_from": since,
            },
            actor=city_officer,
            reason="Dữ liệu mẫu",
        )
        sessions = _sessions(chair, ward_handler, today, rng, missed=4, deputy=7, deputy_name=deputy_name)
        sessions += _sessions(party, ward_officer, today, rng)
        sessions += _sessions(city, city_officer, today, rng)

        # an ad hoc session of the ward's chair for a mass case
        ad_hoc_day = next_working_day(today - timedelta(days=19))
        if ad_hoc_day >= today:
            ad_hoc_day = today
        sessions.append(
            services.record_session(
                None,
                {
                    "ad_hoc_reason": AdHocReason.MASS,
                    "held_on": ad_hoc_day,
                    "presided_by": Presider.HEAD,
                    "citizens_count": 32,
                    "place": "Hội trường khối phố An Thổ",
                    "notes": "Hơn 30 hộ dân khối phố An Thổ kiến nghị về đơn giá bồi thường, hỗ trợ giải "
                    "phóng mặt bằng dự án mở rộng đường Phan Châu Trinh. Chủ tịch đã đối thoại trực tiếp, "
                    "giao bộ phận chuyên môn rà soát và trả lời bằng văn bản.",
                },
                actor=ward_handler,
                schedule=chair,
                kind=SessionKind.AD_HOC,
                status=SessionStatus.HELD,
            )
        )
        for session in sessions:  # the log as it happened
            ReceptionSessionEvent.objects.filter(session=session).update(at=_at(session.held_on, 11))
        _dialogue(ward_pc, ward_front, ward_police, ward_handler, today)
    return len(sessions)


def _dialogue(ward_pc: Unit, ward_front: Unit, ward_police: Unit, actor, today: date) -> None:
    held_on = max(date(today.year, 1, 2), today - timedelta(days=70))
    held_on = min(next_working_day(held_on), today)
    dialogue = services.create_dialogue(
        ward_pc,
        {
            "front": ward_front,
            "title": "Hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền phường Tam Kỳ với Nhân dân "
            f"năm {held_on.year}",
            "held_on": held_on,
            "place": "Hội trường Ủy ban nhân dân phường Tam Kỳ",
            "chaired_by": "Ông Ngô Văn Sơn, Bí thư Đảng ủy phường; ông Nguyễn Thành Trung, Chủ tịch Ủy "
            "ban nhân dân phường; bà Trương Thị Hạnh, Chủ tịch Ủy ban MTTQ Việt Nam phường",
            "participants": "Ban Thường vụ Đảng ủy, lãnh đạo Ủy ban nhân dân, Ủy ban MTTQ Việt Nam phường và "
            "các đoàn thể; trưởng khối phố, Ban công tác Mặt trận và đại diện Nhân dân các khối phố An Thổ, "
            "Mỹ Thạch Bắc, Trường Đồng, Khối phố 7",
            "participants_count": 126,
            "summary": "Hội nghị do Ủy ban nhân dân phường phối hợp với Ủy ban MTTQ Việt Nam phường tổ chức "
            "theo Luật Thực hiện dân chủ ở cơ sở. Nhân dân nêu 3 nhóm ý kiến; lãnh đạo phường trả lời "
            "trực tiếp và cam kết 3 việc, có đơn vị chủ trì và thời hạn.",
        },
        actor=actor,
    )
    flooding = services.add_issue(
        dialogue,
        {
            "raised_by": "Ông Lê Văn Hòa, khối phố Trường Đồng",
            "content": "Mưa lớn là tuyến đường trong khu dân cư khối phố Trường Đồng ngập sâu do mương thoát "
            "nước bị bồi lấp.",
            "answer": "Phường sẽ nạo vét, khơi thông toàn tuyến mương trước mùa mưa bão.",
            "answered_by": "Chủ tịch Ủy ban nhân dân phường",
        },
        actor=actor,
    )
    compensation = services.add_issue(
        dialogue,
        {
            "raised_by": "Bà Nguyễn Thị Lụa, khối phố An Thổ",
            "content": "Các hộ dân chưa được thông báo phương án bồi thường, hỗ trợ của dự án mở rộng đường "
            "Phan Châu Trinh.",
            "answer": "Phường sẽ trả lời bằng văn bản cho từng hộ sau khi thành phố phê duyệt phương án.",
            "answered_by": "Chủ tịch Ủy ban nhân dân phường",
        },
        actor=actor,
    )
    security = services.add_issue(
        dialogue,
        {
            "raised_by": "Ông Trần Văn Phú, khối phố Mỹ Thạch Bắc",
            "content": "Tuyến kiệt khối phố Mỹ Thạch Bắc thiếu đèn chiếu sáng, ban đêm mất an ninh trật tự.",
            "answer": "Công an phường tăng cường tuần tra; phường lắp bổ sung đèn chiếu sáng.",
            "answered_by": "Trưởng Công an phường",
        },
        actor=actor,
    )
    done = services.add_commitment(
        dialogue,
        {
            "content": "Nạo vét, khơi thông toàn tuyến mương thoát nước khu dân cư khối phố Trường Đồng.",
            "owner_unit": ward_pc,
            "owner_person": "Phó Chủ tịch Ủy ban nhân dân phường phụ trách đô thị",
            "due_on": held_on + timedelta(days=30),
            "issue": flooding,
        },
        actor=actor,
    )
    services.add_commitment(
        dialogue,
        {
            "content": "Trả lời bằng văn bản cho từng hộ dân về phương án bồi thường, hỗ trợ giải phóng mặt "
            "bằng.",
            "owner_unit": ward_pc,
            "owner_person": "Chủ tịch Ủy ban nhân dân phường",
            "due_on": today + timedelta(days=45),
            "issue": compensation,
        },
        actor=actor,
    )
    overdue = services.add_commitment(
        dialogue,
        {
            "content": "Tăng cường tuần tra ban đêm và phối hợp lắp đặt đèn chiếu sáng tuyến kiệt khối "
            "phố Mỹ Thạch Bắc.",
            "owner_unit": ward_police,
            "owner_person": "Trưởng Công an phường",
            "due_on": held_on + max(timedelta(days=1), (today - held_on) * 2 // 3),
            "issue": security,
        },
        actor=actor,
    )
    done_on = min(today, held_on + timedelta(days=21))
    services.follow_up(
        done,
        "complete",
        actor=actor,
        content="Đã nạo vét 650 m mương thoát nước; nghiệm thu với Ban công tác Mặt trận khối phố.",
        happened_on=done_on,
    )
    progress_on = min(today, held_on + timedelta(days=10))
    services.follow_up(
        overdue,
        "progress",
        actor=actor,
        content="Công an phường đã tổ chức tuần tra ban đêm; việc lắp đèn chờ bố trí kinh phí.",
        happened_on=progress_on,
    )
    for step in CommitmentFollowUp.objects.filter(commitment__dialogue=dialogue):
        CommitmentFollowUp.objects.filter(pk=step.pk).update(at=_at(step.happened_on, 16))
