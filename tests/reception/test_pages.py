"""Every page and form action of citizen reception and dialogues, for each persona, and what the
pages say.

Tam Kỳ ward's schedule, sessions and dialogue do not exist for an officer of Hải Châu (404); a
persona who may see but not manage them (an appraisal council member) is refused the actions
(403) and changes nothing; the anonymous are sent to the login page; allowed actions redirect and
change the database as asked. Bad input is told in Vietnamese and changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from danvan.reception.models import (
    Commitment,
    CommitmentFollowUp,
    Dialogue,
    DialogueIssue,
    ReceptionSchedule,
    ReceptionSession,
)
from danvan.reception.rules import RegularDay, describe_minimum
from danvan.reception.workflow import CommitmentStatus, SessionStatus
from tests.conftest import client_for
from tests.reception.conftest import commit, make_dialogue, make_schedule, record

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
PERSONAS = ["owner", "ancestor", "stranger", "leader", "council", "anonymous"]


def vi(msgid: str, **params) -> str:
    """A message as the Vietnamese UI says it (whether or not the catalogue has it yet)."""
    with translation.override("vi"):
        text = translation.gettext(msgid)
    return text % params if params else text


def shown(msgid: str, **params) -> str:
    return escape(vi(msgid, **params))


def html(response) -> str:
    return response.content.decode()


@pytest.fixture
def all_personas(personas, leader, council):
    return {**personas, "leader": client_for(leader), "council": client_for(council)}


@dataclass
class World:
    schedule: ReceptionSchedule
    held: ReceptionSession
    planned: ReceptionSession
    dialogue: Dialogue
    issue: DialogueIssue
    commitment: Commitment
    ward_pc: object
    ward_front: object
    extra: dict = field(default_factory=dict)


@pytest.fixture
def world(owner, ward_pc, ward_front):
    schedule = make_schedule(ward_pc, owner)
    held = record(schedule, owner, date(2026, 11, 19))
    planned = record(schedule, owner, date(2026, 11, 26), status=SessionStatus.PLANNED)
    dialogue = make_dialogue(ward_pc, owner, front=ward_front)
    from danvan.reception import services

    issue = services.add_issue(
        dialogue, {"content": "Đường ngập khi mưa lớn", "raised_by": "Ông A"}, actor=owner
    )
    commitment = commit(dialogue, owner, issue=issue)
    return World(schedule, held, planned, dialogue, issue, commitment, ward_pc, ward_front)


def seen(**overrides) -> dict[str, int]:
    """Statuses for what belongs to Tam Kỳ ward: seen by the ward, the city's officers and leader,
    and the city's council member; not by Hải Châu."""
    return {
        "owner": 200,
        "ancestor": 200,
        "stranger": 404,
        "leader": 200,
        "council": 200,
        "anonymous": 302,
        **overrides,
    }


def everyone(**overrides) -> dict[str, int]:
    return seen(**{"stranger": 200, **overrides})


def writes(**overrides) -> dict[str, int]:
    """A form action on Tam Kỳ's things: redirects for who may manage them, 403 for who only sees."""
    return seen(owner=302, ancestor=302, leader=302, council=403, **overrides)


@dataclass
class Case:
    name: str
    url: Callable[[World], str]
    expected: dict[str, int]
    data: Callable[[World], dict] | None = None  # None: GET
    measure: Callable[[World], object] | None = None
    allowed: set[str] = field(default_factory=set)


MANAGERS = {"owner", "ancestor", "leader"}


def schedule_form(w, **extra) -> dict:
    return {
        "position": "commune_pc_chair",
        "person": "",
        "head_name": "Nguyễn Thành Trung",
        "head_title": "Chủ tịch UBND phường",
        "weekdays": ["3"],
        "days_of_month": "",
        "minimum_days": "",
        "place": "Phòng tiếp công dân",
        "valid_from": "01/07/2025",
        "valid_until": "",
        "note": "",
        **extra,
    }


def dialogue_form(w, **extra) -> dict:
    return {
        "front": w.ward_front.pk,
        "title": "Hội nghị đối thoại lần 2 năm 2026",
        "held_on": "20/11/2026",
        "place": "Hội trường",
        "chaired_by": "Chủ tịch UBND phường",
        "participants": "",
        "participants_count": "90",
        "summary": "",
        **extra,
    }


def status_of(model, pk):
    return model.objects.get(pk=pk).status


CASES = [
    Case("sessions", lambda w: reverse("reception:sessions"), everyone()),
    Case(
        "sessions, filtered",
        lambda w: reverse("reception:sessions") + "?year=2026&kind=scheduled&status=held",
        everyone(),
    ),  # fmt: skip
    Case("new session form", lambda w: reverse("reception:session_new"), everyone(council=403)),
    Case(
        "new session form, of the schedule",
        lambda w: reverse("reception:session_new") + f"?schedule={w.schedule.pk}",
        everyone(council=403),
    ),  # fmt: skip
    Case("session's page", lambda w: reverse("reception:session", args=[w.held.pk]), seen()),
    Case(
        "session edit form", lambda w: reverse("reception:session_edit", args=[w.held.pk]), seen(council=403)
    ),
    Case("schedules", lambda w: reverse("reception:schedules"), everyone()),
    Case("new schedule form", lambda w: reverse("reception:schedule_new"), everyone(council=403)),
    Case("schedule's page", lambda w: reverse("reception:schedule", args=[w.schedule.pk]), seen()),
    Case(
        "schedule edit form",
        lambda w: reverse("reception:schedule_edit", args=[w.schedule.pk]),
        seen(council=403),
    ),
    Case("compliance", lambda w: reverse("reception:compliance") + "?period=2026-11", everyone()),
    Case("dialogues", lambda w: reverse("reception:dialogues") + "?year=2026", everyone()),
    Case("new dialogue form", lambda w: reverse("reception:dialogue_new"), everyone(council=403)),
    Case("dialogue's page", lambda w: reverse("reception:dialogue", args=[w.dialogue.pk]), seen()),
    Case(
        "dialogue edit form",
        lambda w: reverse("reception:dialogue_edit", args=[w.dialogue.pk]),
        seen(council=403),
    ),
    # --- writes ---
    Case(
        "set a schedule",
        lambda w: reverse("reception:schedule_new"),
        # Hải Châu's officer is not offered Tam Kỳ's People's Committee: the form says so
        everyone(owner=302, ancestor=302, leader=302, council=403),
        data=lambda w: {"unit": w.ward_pc.pk, **schedule_form(w)},
        measure=lambda w: ReceptionSchedule.objects.count(),
        allowed=MANAGERS,
    ),
    Case(
        "edit a schedule",
        lambda w: reverse("reception:schedule_edit", args=[w.schedule.pk]),
        writes(),
        data=lambda w: schedule_form(w, place="Hội trường UBND phường", reason="Đổi phòng tiếp dân"),
        measure=lambda w: ReceptionSchedule.objects.get(pk=w.schedule.pk).place,
        allowed=MANAGERS,
    ),
    Case(
        "record a session",
        lambda w: reverse("reception:session_new"),
        everyone(owner=302, ancestor=302, leader=302, council=403),
        data=lambda w: {
            "schedule": w.schedule.pk,
            "kind": "scheduled",
            "held_on": "05/11/2026",
            "status": "held",
            "presided_by": "head",
            "citizens_count": "4",
        },
        measure=lambda w: ReceptionSession.objects.count(),
        allowed=MANAGERS,
    ),
    Case(
        "edit a session",
        lambda w: reverse("reception:session_edit", args=[w.held.pk]),
        writes(),
        data=lambda w: {
            "held_on": "19/11/2026",
            "place": "Phòng tiếp công dân",
            "presided_by": "head",
            "presider_name": "",
            "citizens_count": "9",
            "notes": "",
            "reason": "Bổ sung số công dân",
        },
        measure=lambda w: ReceptionSession.objects.get(pk=w.held.pk).citizens_count,
        allowed=MANAGERS,
    ),
    Case(
        "record as held",
        lambda w: reverse("reception:session_transition", args=[w.planned.pk]),
        writes(),
        data=lambda w: {
            "action": "hold",
            "presided_by": "head",
            "citizens_count": "6",
            "held_on": "26/11/2026",
        },
        measure=lambda w: status_of(ReceptionSession, w.planned.pk),
        allowed=MANAGERS,
    ),
    Case(
        "record as not held",
        lambda w: reverse("reception:session_transition", args=[w.planned.pk]),
        writes(),
        data=lambda w: {"action": "miss", "comment": "Chủ tịch họp đột xuất tại thành phố"},
        measure=lambda w: status_of(ReceptionSession, w.planned.pk),
        allowed=MANAGERS,
    ),
    Case(
        "record a dialogue",
        lambda w: reverse("reception:dialogue_new"),
        everyone(owner=302, ancestor=302, leader=302, council=403),
        data=lambda w: {"organizer": w.ward_pc.pk, **dialogue_form(w)},
        measure=lambda w: Dialogue.objects.count(),
        allowed=MANAGERS,
    ),
    Case(
        "edit a dialogue",
        lambda w: reverse("reception:dialogue_edit", args=[w.dialogue.pk]),
        writes(),
        data=lambda w: dialogue_form(w, title="Hội nghị đối thoại năm 2026 (sửa)", held_on="18/06/2026"),
        measure=lambda w: Dialogue.objects.get(pk=w.dialogue.pk).title,
        allowed=MANAGERS,
    ),
    Case(
        "add an issue",
        lambda w: reverse("reception:issue_add", args=[w.dialogue.pk]),
        writes(),
        data=lambda w: {
            "content": "Thiếu đèn chiếu sáng",
            "raised_by": "Bà B",
            "answer": "",
            "answered_by": "",
        },
        measure=lambda w: w.dialogue.issues.count(),
        allowed=MANAGERS,
    ),
    Case(
        "add a commitment",
        lambda w: reverse("reception:commitment_add", args=[w.dialogue.pk]),
        writes(),
        data=lambda w: {
            "content": "Lắp đèn chiếu sáng",
            "issue": w.issue.pk,
            "owner_unit": w.ward_pc.pk,
            "owner_person": "Phó Chủ tịch",
            "due_on": "30/09/2026",
        },
        measure=lambda w: w.dialogue.commitments.count(),
        allowed=MANAGERS,
    ),
    Case(
        "follow up a commitment",
        lambda w: reverse("reception:follow_up", args=[w.commitment.pk]),
        writes(),
        data=lambda w: {
            "action": "complete",
            "content": "Đã nạo vét 650 m mương",
            "happened_on": "20/07/2026",
        },
        measure=lambda w: status_of(Commitment, w.commitment.pk),
        allowed=MANAGERS,
    ),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_permission_matrix(all_personas, world, case, persona):
    url = case.url(world)
    client = all_personas[persona]
    if case.data is None:
        response = client.get(url)
    else:
        before = case.measure(world)
        response = client.post(url, case.data(world))
        after = case.measure(world)
        if persona in case.allowed:
            assert after != before, f"{persona} was allowed but nothing changed"
        else:
            assert after == before, f"{persona} was refused but something changed"
    assert response.status_code == case.expected[persona], (persona, response.status_code)
    if response.status_code == 302 and persona == "anonymous":
        assert response["Location"].startswith(LOGIN)


def test_every_url_of_the_app_is_in_the_matrix():
    from danvan.reception import urls

    names = {p.name for p in urls.urlpatterns}
    tested = {
        "sessions", "session_new", "session", "session_edit", "session_transition", "schedules",
        "schedule_new", "schedule", "schedule_edit", "compliance", "dialogues", "dialogue_new", "dialogue",
        "dialogue_edit", "issue_add", "commitment_add", "follow_up",
    }  # fmt: skip
    assert names == tested


# --- navigation ------------------------------------------------------------------------------------


def test_the_menu_shows_citizen_reception_to_users_with_a_role(personas, django_user_model):
    body = html(personas["owner"].get(reverse("home")))
    assert f'href="{reverse("reception:sessions")}" data-testid="nav-reception"' in body
    assert vi("Citizen reception") in body
    page = html(personas["owner"].get(reverse("reception:sessions")))
    assert 'dropdown-item active" href="/reception/" data-testid="nav-reception"' in page
    nobody = django_user_model.objects.create_user("khongvaitro", password="x")
    assert 'data-testid="nav-reception"' not in html(client_for(nobody).get(reverse("home")))


# --- what the pages say -------------------------------------------------------------------------------


def test_the_session_page_tells_who_presided_and_what_counts(personas, world, owner):
    deputy = record(world.schedule, owner, date(2026, 11, 12), presided="deputy")
    body = html(personas["owner"].get(reverse("reception:session", args=[deputy.pk])))
    assert "Đoàn Minh Khoa, Phó Chủ tịch" in body
    assert shown("Only a session presided by the head in person counts for compliance.") in body
    assert 'data-testid="counts"' not in body
    head = html(personas["owner"].get(reverse("reception:session", args=[world.held.pk])))
    assert 'data-testid="counts"' in head and "Nguyễn Thành Trung" in head
    assert shown("No petition is linked to this session.") in head


def _petition(session, number: int, unit):
    """A petition received at the session, written straight to its table (the petitions app's
    services have their own tests)."""
    from django.apps import apps

    Petition = apps.get_model("petitions", "Petition")  # noqa: N806
    kind = Petition._meta.get_field("kind").choices[0][0]
    channel = Petition._meta.get_field("channel")
    return Petition.objects.create(
        kind=kind,
        subject=f"Đơn số {number} về bồi thường giải phóng mặt bằng",
        content="Nội dung đơn",
        area=unit.area,
        unit=unit,
        channel="reception" if "reception" in dict(channel.choices) else channel.choices[0][0],
        reception_session=session,
        received_on=session.held_on,
    )


def test_the_session_page_lists_the_petitions_received_in_constant_queries(personas, world, ward_pc):
    from django.apps import apps
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from danvan.reception import views

    assert views._session_petitions(world.held) == []
    try:
        apps.get_model("petitions", "Petition")._meta.get_field("reception_session")
    except LookupError:
        pytest.skip("the petitions app does not link petitions to sessions yet")
    url = reverse("reception:session", args=[world.held.pk])
    client = personas["owner"]
    _petition(world.held, 1, ward_pc)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    petitions = [_petition(world.held, n, ward_pc) for n in range(2, 7)]
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(many.captured_queries) == len(few.captured_queries)
    body = html(response)
    assert all(p.code in body for p in petitions) and 'data-testid="petitions"' in body
    # who may see the session but not petitions (a council member) is not shown them
    council = client_for_username("hoidong.danang").get(url)
    assert council.status_code == 200 and petitions[0].code not in html(council)


def test_a_schedules_page_shows_the_legal_minimum_and_the_days_to_record(personas, world):
    body = html(personas["owner"].get(reverse("reception:schedule", args=[world.schedule.pk])))
    assert "Luật Tiếp công dân số 42/2013/QH13, điểm d khoản 2 Điều 15" in body
    assert 'data-testid="regular-day"' in body
    assert 'data-testid="missing-days"' in body  # the Thursdays with no session recorded
    assert f"?schedule={world.schedule.pk}&amp;date=" in body
    # who may only see it is not offered to record the missing days
    council = html(
        client_for_username("hoidong.danang").get(reverse("reception:schedule", args=[world.schedule.pk]))
    )
    assert 'data-testid="missing-days"' not in council and 'data-testid="record-session"' not in council


def client_for_username(username):
    from django.contrib.auth import get_user_model

    return client_for(get_user_model().objects.get(username=username))


def test_the_dialogue_page_highlights_an_overdue_commitment(personas, world, owner):
    overdue = commit(world.dialogue, owner, due=date(2026, 7, 1), content="Lắp đặt đèn chiếu sáng")
    body = html(personas["owner"].get(reverse("reception:dialogue", args=[world.dialogue.pk])))
    assert f'id="commitment-{overdue.pk}" data-testid="commitment"' in body
    assert body.count('data-testid="overdue"') == 2  # the one of 31/07/2026 too: today is later
    assert 'data-testid="follow-up-form"' in body
    listing = html(personas["owner"].get(reverse("reception:dialogues")))
    assert 'data-testid="overdue"' in listing


def test_the_dialogues_page_lists_the_communes_without_a_dialogue_this_year(personas, world):
    response = personas["ancestor"].get(reverse("reception:dialogues"), {"year": 2026})
    without = response.context["without"]
    names = [u.name for u in without.paginator.object_list]
    assert "Ủy ban nhân dân phường Hải Châu" in names
    assert "Ủy ban nhân dân phường Tam Kỳ" not in names  # it held one in 2026
    assert without.paginator.count == len(names) > 50
    ward = personas["owner"].get(reverse("reception:dialogues"), {"year": 2025})
    assert [u.name for u in ward.context["without"].paginator.object_list] == [
        "Ủy ban nhân dân phường Tam Kỳ"
    ]


def test_the_compliance_page_highlights_a_shortfall(personas, world):
    response = personas["owner"].get(reverse("reception:compliance"), {"period": "2026-11"})
    row = response.context["page"][0]
    # November 2026: Thursdays 5, 12, 19, 26 — held on 19 only (26 is planned, not held)
    assert (row.counts.required, row.counts.due, row.counts.held, row.counts.shortfall) == (4, 4, 1, 3)
    body = html(response)
    assert 'data-testid="compliance-row" class="table-warning"' in body
    assert response.context["period"].label == "Tháng 11 năm 2026"


def test_a_bad_period_is_said_and_the_current_month_shown(personas, world):
    response = personas["owner"].get(reverse("reception:compliance"), {"period": "2026-13"})
    assert response.status_code == 200
    assert response.context["period"].report_type == "monthly"


# --- bad input: said in Vietnamese, nothing stored ----------------------------------------------------


def test_a_schedule_below_the_legal_minimum_is_refused_and_nothing_is_stored(personas, world, ward_pc):
    before = ReceptionSchedule.objects.count()
    data = {"unit": ward_pc.pk, **schedule_form(world, weekdays=["1"], weeks_of_month=["3"])}
    response = personas["owner"].post(reverse("reception:schedule_new"), data, follow=True)
    assert ReceptionSchedule.objects.count() == before
    with translation.override("vi"):
        expected = translation.gettext(
            "The regular day “%(day)s” gives fewer reception days than the minimum: %(minimum)s."
        ) % {"day": RegularDay.of("1", "3").describe(), "minimum": describe_minimum(1, "week")}
    assert escape(expected) in html(response)


def test_a_session_held_without_who_presided_is_refused(personas, world):
    before = ReceptionSession.objects.count()
    response = personas["owner"].post(
        reverse("reception:session_new"),
        {"schedule": world.schedule.pk, "kind": "scheduled", "held_on": "05/11/2026", "status": "held"},
        follow=True,
    )
    assert ReceptionSession.objects.count() == before
    assert shown("Choose who presided: the head in person, or a deputy.") in html(response)


def test_not_held_without_a_reason_is_refused(personas, world):
    response = personas["owner"].post(
        reverse("reception:session_transition", args=[world.planned.pk]),
        {"action": "miss", "comment": " "},
        follow=True,
    )
    assert status_of(ReceptionSession, world.planned.pk) == SessionStatus.PLANNED
    assert shown("Give a reason for “%(action)s”.", action=vi("Record as not held")) in html(response)


def test_a_follow_up_in_the_future_is_refused(personas, world):
    response = personas["owner"].post(
        reverse("reception:follow_up", args=[world.commitment.pk]),
        {"action": "complete", "content": "Đã xong", "happened_on": "01/01/2099"},
        follow=True,
    )
    assert status_of(Commitment, world.commitment.pk) == CommitmentStatus.OPEN
    assert CommitmentFollowUp.objects.filter(commitment=world.commitment).count() == 1  # its creation only
    assert shown("The date of a follow-up cannot be in the future.") in html(response)


def test_a_commitment_due_before_the_dialogue_is_refused(personas, world):
    before = world.dialogue.commitments.count()
    response = personas["owner"].post(
        reverse("reception:commitment_add", args=[world.dialogue.pk]),
        {"content": "Lắp đèn", "owner_unit": world.ward_pc.pk, "due_on": "01/01/2026"},
    )
    assert response.status_code == 200 and world.dialogue.commitments.count() == before
    assert shown("The due date cannot be before the dialogue (%(date)s).", date="18/06/2026") in html(
        response
    )


def test_the_peoples_committees_handler_records_a_dialogue_with_the_front(handler, ward_pc, ward_front):
    """tiepdan.tamky holds a grant on the ward's People's Committee only: the Front and the police
    beside it are offered (and accepted) though the handler does not see them."""
    client = client_for(handler)
    form = client.get(reverse("reception:dialogue_new"))
    assert [u.pk for u in form.context["form"].fields["organizer"].queryset.filter(pk=ward_pc.pk)] == [
        ward_pc.pk
    ]
    assert (ward_front.pk, ward_front.name) in list(form.context["form"].fields["front"].widget.choices)
    response = client.post(
        reverse("reception:dialogue_new"),
        {"organizer": ward_pc.pk, **dialogue_form(SimpleNamespace(ward_front=ward_front))},
    )
    dialogue = Dialogue.objects.get(title="Hội nghị đối thoại lần 2 năm 2026")
    assert response.status_code == 302 and dialogue.front == ward_front
    page = client.get(reverse("reception:dialogue", args=[dialogue.pk]))
    owners = [name for _pk, name in page.context["commitment_form"].fields["owner_unit"].widget.choices]
    assert {"Ủy ban nhân dân phường Tam Kỳ", "Công an phường Tam Kỳ", ward_front.name} <= set(owners)
    assert "Ủy ban nhân dân phường Hải Châu" not in owners


def test_a_day_that_does_not_exist_in_the_address_is_ignored(personas, world):
    response = personas["owner"].get(
        reverse("reception:session_new"), {"schedule": world.schedule.pk, "date": "2026-02-30"}
    )
    assert response.status_code == 200
