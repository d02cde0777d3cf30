"""The rules of training sessions, through the services: what a session is, how many people it
trained, planned → held or cancelled, attendees and materials, and bad input (a Vietnamese message,
nothing changed)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from danvan.core.services import ServiceError
from danvan.orgs.models import Campaign, Person, Unit
from danvan.training import services
from danvan.training.models import (
    AttendanceCount,
    Attendee,
    Material,
    SessionEvent,
    TrainingLevel,
    TrainingSession,
    level_of,
    people_trained,
)
from danvan.training.workflow import SessionStatus
from tests.training.conftest import PDF, days_ago, make, png_bytes, pptx_bytes, upload, vi

pytestmark = pytest.mark.django_db

MODELS = (TrainingSession, AttendanceCount, Attendee, Material, SessionEvent)


def snapshot():
    counts = {m.__name__: m.objects.count() for m in MODELS}
    counts.update({f"history {m.__name__}": m.history.count() for m in MODELS})
    rows = list(
        TrainingSession.objects.order_by("pk").values_list(
            "pk", "title", "status", "held_on", "ends_on", "campaign", "people_count"
        )
    )
    return counts, rows, list(AttendanceCount.objects.order_by("pk").values_list("pk", "group", "count"))


def refused(call, message: str, error=ServiceError):
    """The call is refused with exactly this (Vietnamese) message and changes nothing."""
    before = snapshot()
    with pytest.raises(error) as caught:
        call()
    if error is ServiceError:
        assert " ".join(caught.value.messages) == message
    assert snapshot() == before


# --- the number of people trained -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("counts", "named", "expected"),
    [
        ([], [], 0),
        ([("party", 80)], [], 80),
        ([], ["party", "party", "village"], 3),
        ([("party", 80)], ["party"] * 5, 80),  # the five named are among the eighty
        ([("party", 3)], ["party"] * 5, 5),  # more named than reported: the names count
        ([("government", 30)], ["village"] * 5, 35),  # a group without a count adds its names
        ([("party", 10), ("front_mass_orgs", 0)], ["front_mass_orgs"], 11),
    ],
)
def test_people_trained_is_the_count_or_the_names_per_group(counts, named, expected):
    assert people_trained(counts, named) == expected


def test_the_session_keeps_its_people_count(tamky, owner):
    session = make(tamky, owner, counts={"party": 20, "village": 15})
    assert session.people_count == 35
    bình = Person.objects.get(full_name="Lê Văn Bình")  # an officer of the ward's Party committee
    services.add_attendee(session, {"person": bình}, actor=owner)
    session.refresh_from_db()
    assert session.people_count == 35  # named within the Party officers counted
    guest = services.add_attendee(
        session, {"full_name": "Nguyễn Văn An", "position": "Trưởng khối phố", "group": "other"}, actor=owner
    )
    session.refresh_from_db()
    assert session.people_count == 36
    services.set_counts(session, {"party": 20, "village": 15, "other": 4}, actor=owner)
    session.refresh_from_db()
    assert session.people_count == 39
    services.remove_attendee(guest, actor=owner)
    services.set_counts(session, {"village": 15}, actor=owner)
    session.refresh_from_db()
    assert session.people_count == 16  # Lê Văn Bình, named, and fifteen village officers
    assert session.count_people() == session.people_count


def test_a_person_gets_the_group_of_their_unit(tamky, owner):
    session = make(tamky, owner)
    hạnh = Person.objects.get(full_name="Trương Thị Hạnh")  # the ward's Front
    attendee = services.add_attendee(session, {"person": hạnh}, actor=owner)
    assert (attendee.group, attendee.full_name) == ("front_mass_orgs", "Trương Thị Hạnh")
    assert attendee.unit_name == "Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ"
    assert attendee.position == "Chủ tịch Ủy ban MTTQ Việt Nam phường"


# --- what a session is ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "level"),
    [
        ("Ban Tuyên giáo và Dân vận Thành ủy Đà Nẵng", TrainingLevel.PROVINCE),
        ("Thành ủy Đà Nẵng", TrainingLevel.PROVINCE),
        ("Đảng ủy phường Tam Kỳ", TrainingLevel.COMMUNE),
        ("Ban công tác Mặt trận Khối phố An Thổ", TrainingLevel.COMMUNE),
        ("Công an phường Tam Kỳ", TrainingLevel.AGENCY),
        ("Sở Nội vụ thành phố Đà Nẵng", TrainingLevel.AGENCY),
        ("Ban Dân vận Thành ủy Tam Kỳ", TrainingLevel.DISTRICT),
    ],
)
def test_the_level_comes_from_the_organizer(name, level):
    unit = Unit.objects.get(name=name)
    assert level_of(unit) == level


def test_a_planned_session_is_logged_and_recorded(tamky, owner):
    session = make(tamky, owner, title="  Tập huấn   kỹ năng dân vận  ", on=days_ago(3))
    assert session.title == "Tập huấn kỹ năng dân vận" and session.title_folded == "tap huan ky nang dan van"
    assert session.status == SessionStatus.PLANNED and session.level == TrainingLevel.COMMUNE
    assert list(session.events.values_list("action", "to_status", "actor")) == [
        ("create", "planned", owner.pk)
    ]
    row = session.history.earliest("history_date")
    assert row.history_user_id == owner.pk and row.history_change_reason == vi("Session planned")


def test_record_a_session_already_held(tamky, owner):
    session = make(tamky, owner, held=True, counts={"party": 5})
    assert session.status == SessionStatus.HELD
    assert [e.action for e in session.events.all()] == ["create", "hold"]


def test_a_held_session_may_be_completed_and_corrected(held, owner):
    session = services.update_session(
        held, {"place": "Nhà văn hóa khối phố An Thổ"}, actor=owner, reason="Sửa địa điểm"
    )
    assert session.place == "Nhà văn hóa khối phố An Thổ"
    assert session.history.latest("history_date").history_change_reason == "Sửa địa điểm"
    services.add_material(session, upload("bai-giang.pdf", PDF), actor=owner, title="Bài giảng")
    assert session.materials.get().kind == "pdf"


# --- the workflow ------------------------------------------------------------------------------------------


def test_hold_and_cancel(tamky, owner):
    first = make(tamky, owner, on=days_ago(2))
    first = services.transition(first, "hold", actor=owner, comment="Đạt yêu cầu")
    assert first.status == SessionStatus.HELD
    event = first.events.get(action="hold")
    assert (event.from_status, event.to_status, event.comment, event.actor_id) == (
        "planned",
        "held",
        "Đạt yêu cầu",
        owner.pk,
    )
    second = make(tamky, owner, on=timezone.localdate() + timedelta(days=20))
    second = services.transition(second, "cancel", actor=owner, comment="Trùng lịch hội nghị của thành phố")
    assert second.status == SessionStatus.CANCELLED
    assert second.history.latest("history_date").history_change_reason == "Trùng lịch hội nghị của thành phố"


def test_hold_on_another_day(tamky, owner):
    session = make(tamky, owner, on=days_ago(1))
    session = services.transition(session, "hold", actor=owner, held_on=days_ago(4))
    assert session.held_on == days_ago(4) and session.status == SessionStatus.HELD


def test_workflow_refusals(tamky, owner, stranger):
    future = make(tamky, owner, on=timezone.localdate() + timedelta(days=7))
    refused(
        lambda: services.transition(future, "hold", actor=owner),
        vi("A session is marked held on or after its date."),
    )
    refused(
        lambda: services.transition(future, "cancel", actor=owner, comment="   "),
        vi("Give a reason for “%(action)s”.", action=vi("Cancel the session")),
    )
    refused(
        lambda: services.transition(future, "approve", actor=owner),
        vi("Unknown action “%(action)s”.", action="approve"),
    )
    refused(lambda: services.transition(future, "cancel", actor=stranger, comment="x"), "", PermissionDenied)
    cancelled = services.transition(future, "cancel", actor=owner, comment="Hoãn")
    refused(
        lambda: services.transition(cancelled, "hold", actor=owner),
        vi(
            "“%(action)s” is not possible while the session is %(status)s.",
            action=vi("Mark as held"),
            status=vi("Cancelled").lower(),
        ),
    )
    refused(
        lambda: services.update_session(cancelled, {"place": "Khác"}, actor=owner),
        vi("A cancelled session takes no changes."),
    )
    refused(
        lambda: services.add_attendee(cancelled, {"full_name": "A", "group": "party"}, actor=owner),
        vi("A cancelled session takes no changes."),
    )
    past = make(tamky, owner, on=days_ago(1))
    refused(
        lambda: services.transition(
            past, "hold", actor=owner, held_on=timezone.localdate() + timedelta(days=1)
        ),
        vi("A session is marked held on or after its date."),
    )


def test_a_held_session_keeps_a_date_in_the_past(held, owner):
    refused(
        lambda: services.update_session(
            held, {"held_on": timezone.localdate() + timedelta(days=3)}, actor=owner
        ),
        vi("A session that was held cannot have a date in the future."),
    )


# --- bad input ----------------------------------------------------------------------------------------------


def test_bad_session_input_changes_nothing(tamky, owner, city, former):
    def create(**data):
        return lambda: make(tamky, owner, **data)

    refused(create(title="   "), vi("Enter the title of the session."))
    refused(create(topic="cooking"), vi("Choose the topic of the session."))
    refused(create(format="radio"), vi("Choose the format of the session."))
    refused(create(ends_on=days_ago(20)), vi("The last day must not be before the first day."))
    refused(create(on=date(1999, 12, 31)), vi("The date of the session must fall between 2000 and 2100."))
    refused(
        create(on=date(2024, 5, 1)),
        vi("%(unit)s was not in force on %(date)s.", unit=tamky.name, date="01/05/2024"),
    )
    refused(
        create(held=True, on=timezone.localdate() + timedelta(days=1)),
        vi("A session is marked held on or after its date."),
    )
    refused(
        lambda: make(former, owner),  # a former ward: canbo.tamky has no grant on it
        "",
        PermissionDenied,
    )


def test_a_campaign_must_fit_the_unit_and_the_date(tamky, haichau, owner, stranger):
    campaign = Campaign.objects.get(name__contains="Đà Nẵng giai đoạn 2026–2030")
    old = Campaign.objects.get(name__contains="Tam Kỳ giai đoạn 2021–2025")
    ok = make(tamky, owner, on=date(2026, 3, 2), campaign=campaign)
    assert ok.campaign == campaign
    refused(
        lambda: make(tamky, owner, on=date(2025, 9, 2), campaign=campaign),
        vi(
            "The date %(date)s is outside the campaign %(campaign)s.",
            date="02/09/2025",
            campaign=campaign.name,
        ),
    )
    refused(
        lambda: make(haichau, stranger, on=date(2025, 9, 2), campaign=old),
        vi("The campaign was not launched for this unit."),
    )


@pytest.mark.parametrize(
    "counts",
    [{"party": -1}, {"party": 100_001}, {"party": "mười"}, {"party": 2.5}, {"party": True}],
)
def test_bad_counts_change_nothing(tamky, owner, counts):
    session = make(tamky, owner, counts={"party": 7})
    message = vi(
        "The number of %(group)s must be a whole number from 0 to %(max)s.",
        group=vi("Party officers").lower(),
        max="100.000",
    )
    refused(lambda: services.set_counts(session, counts, actor=owner), message)
    refused(lambda: make(tamky, owner, counts=counts), message)


def test_an_unknown_group_changes_nothing(tamky, owner):
    session = make(tamky, owner)
    refused(
        lambda: services.set_counts(session, {"students": 4}, actor=owner), vi("Unknown group of attendees.")
    )


def test_bad_attendees_change_nothing(tamky, owner, held):
    refused(
        lambda: services.add_attendee(held, {"group": "party"}, actor=owner),
        vi("Enter the name of the attendee."),
    )
    refused(
        lambda: services.add_attendee(held, {"full_name": "Nguyễn Văn A"}, actor=owner),
        vi("Choose the group of the attendee."),
    )
    bình = Person.objects.get(full_name="Lê Văn Bình")
    services.add_attendee(held, {"person": bình}, actor=owner)
    refused(
        lambda: services.add_attendee(held, {"person": bình}, actor=owner),
        vi("%(name)s is already listed.", name="Lê Văn Bình"),
    )
    ngọc = Person.objects.get(full_name="Đỗ Thị Ngọc")  # of Hải Châu: canbo.tamky may not see her
    refused(lambda: services.add_attendee(held, {"person": ngọc}, actor=owner), "", PermissionDenied)


def test_materials_are_checked_by_content(held, owner):
    pdf = services.add_material(held, upload("de-cuong.pdf", PDF), actor=owner)
    assert (pdf.kind, pdf.title, pdf.original_name) == ("pdf", "de-cuong", "de-cuong.pdf")
    slides = services.add_material(held, upload("slide.pptx", pptx_bytes()), actor=owner, title="Bài giảng")
    assert slides.kind == "pptx"
    photo = services.add_material(held, upload("anh.png", png_bytes()), actor=owner, title="Quang cảnh")
    assert photo.kind == "photo" and photo.thumbnail
    accepted = vi(
        "Only photos (JPEG, PNG, WebP), PDF, Word (DOCX), Excel (XLSX) and PowerPoint (PPTX) "
        "files are accepted."
    )
    refused(
        lambda: services.add_material(held, upload("virus.pdf", b"MZ\x90\x00binary"), actor=owner), accepted
    )
    refused(
        lambda: services.add_material(held, upload("empty.pdf", b""), actor=owner), vi("The file is empty.")
    )
    refused(
        lambda: services.add_material(held, upload("anh.jpg", b"\xff\xd8\xff\xe0broken"), actor=owner),
        vi("The photo is damaged or not a real image."),
    )
    removed = slides.pk
    services.remove_material(slides, actor=owner)
    assert list(held.materials.values_list("kind", flat=True)) == ["pdf", "photo"]
    assert Material.history.filter(id=removed, history_type="-").get().history_user_id == owner.pk


def test_others_may_not_write(held, stranger, leader_user):
    for actor in (stranger, leader_user):
        refused(
            lambda actor=actor: services.update_session(held, {"place": "X"}, actor=actor),
            "",
            PermissionDenied,
        )
        refused(
            lambda actor=actor: services.add_attendee(
                held, {"full_name": "A", "group": "party"}, actor=actor
            ),
            "",
            PermissionDenied,
        )
        refused(
            lambda actor=actor: services.add_material(held, upload("a.pdf", PDF), actor=actor),
            "",
            PermissionDenied,
        )


def test_the_ancestor_may_write(held, ancestor):
    services.set_counts(held, {"party": 50}, actor=ancestor)
    held.refresh_from_db()
    assert held.people_count == 50
    assert held.counts.get().history.latest("history_date").history_user_id == ancestor.pk


@pytest.fixture
def leader_user(leader):
    return leader


@pytest.fixture
def former(db):
    return Unit.objects.get(name="Đảng ủy phường An Mỹ")
