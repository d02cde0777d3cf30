"""The services of citizen reception and dialogues: what they accept, what they refuse (a
Vietnamese message, nothing stored), who may act, and what they record (who, when, why)."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation

from danvan.core.services import ServiceError
from danvan.orgs.models import Person
from danvan.reception import services
from danvan.reception.models import (
    Commitment,
    CommitmentFollowUp,
    Dialogue,
    DialogueIssue,
    Presider,
    ReceptionSchedule,
    ReceptionSession,
    ReceptionSessionEvent,
    SessionKind,
)
from danvan.reception.rules import HeadPosition
from danvan.reception.workflow import CommitmentStatus, SessionStatus
from tests.reception.conftest import SINCE, commit, make_dialogue, make_schedule, record

pytestmark = pytest.mark.django_db


def counts():
    models = [ReceptionSchedule, ReceptionSession, Dialogue, DialogueIssue, Commitment]
    found = {m.__name__: m.objects.count() for m in [*models, ReceptionSessionEvent, CommitmentFollowUp]}
    found.update({f"history {m.__name__}": m.history.count() for m in models})
    return found


def refused(call, message: str | None = None, error=ServiceError):
    """The call is refused with `error` (its message in Vietnamese when given) and stores nothing."""
    before = counts()
    with translation.override("vi"), pytest.raises(error) as caught:
        call()
    assert counts() == before
    if message is not None:
        with translation.override("vi"):
            template = translation.gettext(message)
        # the Vietnamese text, its placeholders filled with anything
        pattern = re.sub(r"%\\\(\w+\\\)s", ".+", re.escape(template))
        assert re.search(pattern, " ".join(caught.value.messages)), (template, caught.value.messages)
    return caught.value


# --- schedules --------------------------------------------------------------------------------------


def test_a_schedule_takes_the_positions_legal_minimum_and_records_who_set_it(owner, ward_pc):
    schedule = make_schedule(ward_pc, owner)
    assert schedule.minimum_days == 1 and schedule.per_week and schedule.weekdays == "3"
    assert schedule.head == "Nguyễn Thành Trung"
    record_ = schedule.history.get()
    assert record_.history_user_id == owner.pk and record_.history_change_reason


def test_a_person_of_the_unit_is_the_head(owner, ward_pc):
    deputy = Person.objects.get(unit=ward_pc, full_name="Đoàn Minh Khoa")
    schedule = make_schedule(ward_pc, owner, person=deputy, head_name="ignored")
    assert schedule.head == "Đoàn Minh Khoa" and schedule.head_name == ""
    other = Person.objects.get(full_name="Ngô Văn Sơn")  # of the ward's Party committee
    refused(lambda: make_schedule(ward_pc, owner, person=other), "The head must be a person of %(unit)s.")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"position": "mayor"}, "Choose the head's position."),
        ({"minimum_days": 0}, "The minimum cannot be lower than the legal minimum: %(legal)s (%(basis)s)."),
        ({"minimum_days": 8}, "The minimum cannot be more than %(limit)s days."),
        ({"minimum_days": "2"}, "The minimum number of reception days must be a whole number."),
        ({"weekdays": "1", "weeks_of_month": "3"}, None),  # a monthly day for a weekly minimum
        ({"minimum_days": 2}, None),  # one Thursday a week cannot give two days
        ({"weekdays": ""}, "Give either the weekday(s) or the day(s) of the month of the reception."),
        ({"days_of_month": "15"}, "Give either the weekday(s) or the day(s) of the month of the reception."),
        ({"weekdays": "9"}, None),
        ({"head_name": " "}, "Choose the head among the unit's people, or enter the head's name."),
        ({"head_name": "x" * 161}, None),
        ({"valid_from": None}, "Enter the day the schedule starts (between 2000 and 2100)."),
        ({"valid_from": date(1999, 1, 1)}, "Enter the day the schedule starts (between 2000 and 2100)."),
        ({"valid_until": date(2025, 1, 1)}, "The last day of the schedule cannot be before its first day."),
        (
            {"valid_from": date(2025, 6, 1)},
            "%(unit)s was not in force on %(date)s.",
        ),  # before the ward existed
    ],
)
def test_a_bad_schedule_is_refused_and_nothing_stored(owner, ward_pc, data, message):
    refused(lambda: make_schedule(ward_pc, owner, **data), message)


def test_a_position_must_be_one_of_the_units_head(owner, ward_pc, ward_party, city_pc):
    refused(
        lambda: make_schedule(city_pc, owner, position=HeadPosition.COMMUNE_PC_CHAIR),
        error=PermissionDenied,  # the ward's officer cannot act on the city: checked first
    )
    message = "%(position)s is not a head of %(unit)s: choose the position of this unit's head."
    refused(lambda: make_schedule(ward_pc, owner, position=HeadPosition.COMMUNE_PARTY_SECRETARY), message)
    refused(lambda: make_schedule(ward_party, owner, position=HeadPosition.COMMUNE_PC_CHAIR), message)
    refused(lambda: make_schedule(ward_pc, owner, position=HeadPosition.PROVINCE_PC_CHAIR), message)
    # any unit may have an "other head" on its own rules, with a minimum of its choice
    other = make_schedule(ward_party, owner, position=HeadPosition.OTHER, weekdays="", days_of_month="15")
    assert other.minimum_days == 0 and not other.per_week


def test_the_minimum_may_only_be_raised(owner, ward_pc):
    raised = make_schedule(ward_pc, owner, minimum_days=2, weekdays="1,3")
    assert raised.minimum_days == 2 and raised.legal.days == 1


def test_only_who_manages_the_unit_sets_a_schedule(stranger, ancestor, council, ward_pc):
    refused(lambda: make_schedule(ward_pc, stranger), error=PermissionDenied)
    refused(lambda: make_schedule(ward_pc, council), error=PermissionDenied)
    assert make_schedule(ward_pc, ancestor).unit == ward_pc


def test_a_schedule_changes_with_a_reason_and_keeps_its_sessions_inside(owner, ward_pc):
    schedule = make_schedule(ward_pc, owner)
    refused(lambda: services.update_schedule(schedule, {"place": "Hội trường"}, actor=owner, reason=" "))
    services.update_schedule(schedule, {"place": "Hội trường"}, actor=owner, reason="Đổi phòng tiếp")
    latest = schedule.history.latest("history_date", "history_id")
    assert (latest.place, latest.history_change_reason, latest.history_user_id) == (
        "Hội trường",
        "Đổi phòng tiếp",
        owner.pk,
    )
    record(schedule, owner, date(2026, 1, 8))
    refused(
        lambda: services.update_schedule(schedule, {"valid_from": date(2026, 2, 1)}, actor=owner, reason="x"),
        "Sessions of this schedule are recorded outside the new dates.",
    )
    refused(
        lambda: services.update_schedule(
            schedule, {"position": HeadPosition.OTHER}, actor=owner, reason="Đổi chức danh"
        ),
        "The position cannot change once sessions are recorded: end this schedule and set a new one.",
    )
    ended = services.update_schedule(
        schedule, {"valid_until": date(2026, 6, 30)}, actor=owner, reason="Hết nhiệm kỳ"
    )
    assert ended.valid_until == date(2026, 6, 30) and not ended.is_active(date(2026, 7, 1))


# --- sessions ---------------------------------------------------------------------------------------


def test_a_session_entered_held_is_logged_created_then_held(owner, ward_pc):
    schedule = make_schedule(ward_pc, owner)
    session = record(schedule, owner, date(2026, 1, 8), citizens_count=7)
    assert (session.status, session.unit, session.place, session.citizens_count) == (
        SessionStatus.HELD,
        ward_pc,
        schedule.place,
        7,
    )
    assert list(session.events.values_list("action", "from_status", "to_status", "actor")) == [
        ("create", "", SessionStatus.PLANNED, owner.pk),
        ("hold", SessionStatus.PLANNED, SessionStatus.HELD, owner.pk),
    ]
    assert session.counts_for_compliance


def test_a_planned_session_is_then_held_by_a_deputy_on_another_day(owner, ward_pc):
    schedule = make_schedule(ward_pc, owner)
    planned = record(schedule, owner, date(2026, 1, 8), status=SessionStatus.PLANNED)
    refused(
        lambda: services.transition_session(planned, "hold", actor=owner, presided_by=Presider.DEPUTY),
        "Enter the name and title of the deputy who presided.",
    )
    held = services.transition_session(
        planned,
        "hold",
        actor=owner,
        presided_by=Presider.DEPUTY,
        presider_name="Đoàn Minh Khoa",
        citizens_count=4,
        held_on=date(2026, 1, 9),
    )
    assert (held.status, held.held_on, held.presided_by, held.citizens_count) == (
        SessionStatus.HELD,
        date(2026, 1, 9),
        Presider.DEPUTY,
        4,
    )
    assert not held.counts_for_compliance  # a deputy's session does not count
    refused(lambda: services.transition_session(held, "hold", actor=owner, presided_by="head"))


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"presided": ""}, "Choose who presided: the head in person, or a deputy."),
        ({"presided": "mayor"}, "Choose who presided: the head in person, or a deputy."),
        ({"day": "tomorrow"}, "A session can be recorded as held on or after its date."),
        ({"day": date(2025, 6, 26)}, "%(unit)s was not in force on %(date)s."),
        ({"day": "2026-01-08"}, "Enter the date of the session (between 2000 and 2100)."),
        ({"citizens_count": -1}, None),
        ({"citizens_count": 100_001}, None),
        ({"citizens_count": True}, None),
    ],
)
def test_a_bad_session_is_refused_and_nothing_stored(owner, ward_pc, overrides, message):
    schedule = make_schedule(ward_pc, owner)
    day = overrides.pop("day", date(2026, 1, 8))
    if day == "tomorrow":
        day = timezone.localdate() + timedelta(days=1)
    presided = overrides.pop("presided", "head")
    refused(lambda: record(schedule, owner, day, presided=presided, **overrides), message)


def test_one_periodic_session_a_day_per_schedule(owner, ward_pc):
    schedule = make_schedule(ward_pc, owner)
    record(schedule, owner, date(2026, 1, 8))
    refused(
        lambda: record(schedule, owner, date(2026, 1, 8), status=SessionStatus.PLANNED),
        "A session of this schedule is already recorded on %(date)s.",
    )
    # an ad hoc session the same day is another session
    ad_hoc = services.record_session(
        None,
        {"held_on": date(2026, 1, 8), "ad_hoc_reason": "complex"},
        actor=owner,
        schedule=schedule,
        kind=SessionKind.AD_HOC,
    )
    assert ad_hoc.kind == SessionKind.AD_HOC and ad_hoc.status == SessionStatus.PLANNED


def test_a_session_outside_its_schedule_or_of_another_unit_is_refused(owner, ward_pc, ward_party):
    schedule = make_schedule(ward_pc, owner, valid_until=date(2026, 1, 31))
    refused(lambda: record(schedule, owner, date(2026, 2, 5)), "The schedule was not in force on %(date)s.")
    refused(
        lambda: services.record_session(
            ward_party, {"held_on": date(2026, 1, 8)}, actor=owner, schedule=schedule
        ),
        "The session belongs to the unit of its schedule.",
    )
    refused(
        lambda: services.record_session(ward_pc, {"held_on": date(2026, 1, 8)}, actor=owner),
        "A periodic session belongs to a schedule: choose it.",
    )
    refused(
        lambda: services.record_session(
            ward_pc, {"held_on": date(2026, 1, 8)}, actor=owner, kind=SessionKind.AD_HOC
        ),
        "Give the reason for an ad hoc session: a complex or mass case, a risk to order…",
    )


def test_not_held_needs_a_reason_and_is_then_closed(owner, ward_pc):
    schedule = make_schedule(ward_pc, owner)
    refused(lambda: record(schedule, owner, date(2026, 1, 8), status=SessionStatus.NOT_HELD, comment=" "))
    missed = record(schedule, owner, date(2026, 1, 8), status=SessionStatus.NOT_HELD, comment="Bão số 5")
    assert missed.not_held_reason == "Bão số 5"
    assert missed.events.last().comment == "Bão số 5"
    refused(
        lambda: services.update_session(missed, {"citizens_count": 3}, actor=owner),
        "A session recorded as not held takes no changes.",
    )
    refused(lambda: services.transition_session(missed, "hold", actor=owner, presided_by="head"))
    refused(
        lambda: services.transition_session(missed, "approve", actor=owner), "Unknown action “%(action)s”."
    )


def test_a_session_is_managed_by_its_unit_only(owner, stranger, council, ward_pc):
    schedule = make_schedule(ward_pc, owner)
    planned = record(schedule, owner, date(2026, 1, 8), status=SessionStatus.PLANNED)
    refused(lambda: record(schedule, stranger, date(2026, 1, 15)), error=PermissionDenied)
    refused(
        lambda: services.transition_session(planned, "hold", actor=council, presided_by="head"),
        error=PermissionDenied,
    )
    refused(
        lambda: services.update_session(planned, {"citizens_count": 2}, actor=stranger),
        error=PermissionDenied,
    )
    assert services.visible_sessions(stranger).count() == 0
    assert list(services.visible_sessions(council)) == [planned]


def test_a_session_is_corrected_with_its_reason_in_the_history(owner, ward_pc):
    schedule = make_schedule(ward_pc, owner)
    session = record(schedule, owner, date(2026, 1, 8))
    services.update_session(session, {"citizens_count": 12}, actor=owner, reason="Đếm lại sổ tiếp dân")
    latest = session.history.latest("history_date", "history_id")
    assert (latest.citizens_count, latest.history_change_reason) == (12, "Đếm lại sổ tiếp dân")


# --- dialogues ----------------------------------------------------------------------------------------


def test_a_dialogue_with_issues_commitments_and_follow_ups(owner, ward_pc, ward_front):
    dialogue = make_dialogue(ward_pc, owner, front=ward_front)
    issue = services.add_issue(dialogue, {"content": "Đường ngập", "raised_by": "Ông A"}, actor=owner)
    commitment = commit(dialogue, owner, issue=issue)
    assert commitment.status == CommitmentStatus.OPEN and commitment.issue == issue
    services.follow_up(
        commitment, "progress", actor=owner, content="Đã khảo sát", happened_on=date(2026, 7, 1)
    )
    services.follow_up(
        commitment, "complete", actor=owner, content="Đã nạo vét", happened_on=date(2026, 7, 20)
    )
    commitment.refresh_from_db()
    assert (commitment.status, commitment.done_on) == (CommitmentStatus.DONE, date(2026, 7, 20))
    assert list(commitment.follow_ups.values_list("action", "to_status")) == [
        ("create", "open"),
        ("progress", "open"),
        ("complete", "done"),
    ]
    latest = commitment.history.latest("history_date", "history_id")
    assert (latest.status, latest.history_change_reason, latest.history_user_id) == (
        "done",
        "Đã nạo vét",
        owner.pk,
    )
    services.follow_up(commitment, "reopen", actor=owner, content="Mương lại bị bồi lấp")
    commitment.refresh_from_db()
    assert (commitment.status, commitment.done_on) == (CommitmentStatus.OPEN, None)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": " "}, "Enter the title of the dialogue."),
        (
            {"held_on": "future"},
            "A dialogue is recorded once it has been held: its date cannot be in the future.",
        ),
        ({"held_on": None}, "Enter the date of the dialogue (between 2000 and 2100)."),
        ({"participants_count": -5}, None),
        ({"front": "ward_pc"}, "The co-organizer must be a committee of the Fatherland Front."),
    ],
)
def test_a_bad_dialogue_is_refused_and_nothing_stored(owner, ward_pc, data, message):
    if data.get("held_on") == "future":
        data["held_on"] = timezone.localdate() + timedelta(days=1)
    if data.get("front") == "ward_pc":
        data["front"] = ward_pc
    refused(lambda: make_dialogue(ward_pc, owner, **data), message)


def test_a_commitment_needs_a_unit_the_actor_may_name_and_a_due_date_after_the_dialogue(
    owner, ancestor, stranger, ward_pc, hc_pc
):
    dialogue = make_dialogue(ward_pc, owner)
    refused(
        lambda: commit(dialogue, owner, due=date(2026, 6, 1)),
        "The due date cannot be before the dialogue (%(date)s).",
    )
    refused(lambda: commit(dialogue, owner, content=" "), "Enter what was committed.")
    other = make_dialogue(ward_pc, owner, title="Đối thoại khác")
    foreign = services.add_issue(other, {"content": "Ý kiến khác"}, actor=owner)
    refused(
        lambda: commit(dialogue, owner, issue=foreign),
        "The issue answered must be one raised at this dialogue.",
    )
    # Hải Châu's People's Committee is neither of the ward's level nor seen by its officer
    refused(lambda: commit(dialogue, owner, owner=hc_pc), error=PermissionDenied)
    refused(lambda: commit(dialogue, stranger), error=PermissionDenied)
    # the city's officer sees it: the commitment is Hải Châu's to follow up, and Hải Châu sees it
    shared = commit(dialogue, ancestor, owner=hc_pc)
    assert list(services.visible_dialogues(stranger)) == [dialogue]
    assert list(services.visible_commitments(stranger)) == [shared]
    assert services.can_follow_up(stranger, shared) and not services.can_follow_up(
        stranger, commit(dialogue, owner)
    )
    services.follow_up(shared, "complete", actor=stranger, content="Đã trả lời bằng văn bản")


def test_follow_ups_refuse_what_the_rules_refuse(owner, stranger, ward_pc):
    dialogue = make_dialogue(ward_pc, owner)
    commitment = commit(dialogue, owner)
    refused(
        lambda: services.follow_up(commitment, "complete", actor=owner, content=" "), "Say what was done."
    )
    refused(
        lambda: services.follow_up(
            commitment, "complete", actor=owner, content="x", happened_on=date(2026, 6, 1)
        ),
        "The date of a follow-up cannot be before the dialogue (%(date)s).",
    )
    refused(
        lambda: services.follow_up(
            commitment,
            "complete",
            actor=owner,
            content="x",
            happened_on=timezone.localdate() + timedelta(days=1),
        ),
        "The date of a follow-up cannot be in the future.",
    )
    refused(lambda: services.follow_up(commitment, "reopen", actor=owner, content="x"))
    refused(
        lambda: services.follow_up(commitment, "cancel", actor=owner, content="x"),
        "Unknown action “%(action)s”.",
    )
    refused(
        lambda: services.follow_up(commitment, "complete", actor=stranger, content="x"),
        error=PermissionDenied,
    )


def test_a_commitments_due_date_moves_with_a_reason(owner, ward_pc):
    dialogue = make_dialogue(ward_pc, owner)
    commitment = commit(dialogue, owner)
    refused(
        lambda: services.update_commitment(commitment, {"due_on": date(2026, 9, 30)}, actor=owner, reason="")
    )
    services.update_commitment(commitment, {"due_on": date(2026, 9, 30)}, actor=owner, reason="Chờ kinh phí")
    commitment.refresh_from_db()
    assert commitment.due_on == date(2026, 9, 30)
    refused(
        lambda: services.update_dialogue(dialogue, {"held_on": date(2026, 10, 1)}, actor=owner),
        "A commitment of this dialogue is due before that date.",
    )


def test_the_communes_without_a_dialogue_in_a_year(owner, ancestor, ward_pc, hc_pc, city):
    before = list(services.communes_without_dialogue(city, 2026))
    assert ward_pc in before and hc_pc in before
    make_dialogue(ward_pc, owner)
    after = list(services.communes_without_dialogue(city, 2026))
    assert ward_pc not in after and hc_pc in after and len(after) == len(before) - 1
    assert ward_pc in services.communes_without_dialogue(city, 2025)
    assert (
        list(services.communes_without_dialogue(city, 2026, user=owner)) == []
    )  # the ward sees its own only
    assert all(u.unit_type.code == "peoples_committee" for u in after)


def test_the_overdue_rule(owner, ward_pc):
    dialogue = make_dialogue(ward_pc, owner)
    commitment = commit(dialogue, owner, due=date(2026, 7, 31))
    assert commitment.is_overdue(date(2026, 8, 1)) and not commitment.is_overdue(date(2026, 7, 31))
    services.follow_up(commitment, "complete", actor=owner, content="Xong", happened_on=date(2026, 8, 5))
    commitment.refresh_from_db()
    assert not commitment.is_overdue(date(2026, 9, 1))
    assert dialogue.held_on > SINCE
