"""`danvan tick` for petitions: a missed deadline is escalated once per due date (logged as a
"breach" event, the handler and the leaders above told), a second run or a second process does
nothing more, an extension re-arms it; the handler is reminded once before the due date; the
notifications never name a denouncer; the scan runs in chunks with a fixed number of reads each.

Data: petitions received at Ủy ban nhân dân phường Tam Kỳ, recorded by tiepdan.tamky (its petition
handler, who then handles them); lanhdao.danang is the leader of the city above it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from danvan.core import tick as core_tick
from danvan.core.calendar import add_working_days
from danvan.core.services import ServiceError
from danvan.geo.models import Area
from danvan.metrics import registry
from danvan.notifications.models import Notification
from danvan.orgs.models import Unit
from danvan.petitions import services, tick
from danvan.petitions.models import Petition, PetitionEvent

pytestmark = pytest.mark.django_db

RECEIVED = date(2026, 3, 2)  # a Monday
CITIZEN = {"name": "Nguyễn Thị Mai", "phone": "0912345678", "address": "Khối phố 3, phường Tam Kỳ"}
DENOUNCER = {"name": "Trương Văn Kín", "phone": "0905123456", "id_number": "049201001234", "address": "Tổ 5"}


def _user(name):
    return get_user_model().objects.get(username=name)


@pytest.fixture
def handler(db):
    return _user("tiepdan.tamky")


@pytest.fixture
def leader(db):
    return _user("lanhdao.danang")


@pytest.fixture
def gov(db):
    return Unit.objects.get(name="Ủy ban nhân dân phường Tam Kỳ")


def record(
    actor, area, *, kind="recommendation", people=None, subject="Rác thải tồn đọng ở kênh Tam Kỳ", **extra
):
    received = extra.pop("received_on", RECEIVED)
    data = {
        "kind": kind,
        "topic": "environment",
        "subject": subject,
        "content": "Đề nghị phường tổ chức thu gom rác dọc kênh.",
        "area": area,
        "channel": "direct",
        "received_on": received,
        "petitioners": people or [CITIZEN],
        **extra,
    }
    return services.record_petition(data, actor=actor, today=received, confirm_duplicate=True)


def escalate(today):
    return tick.escalate(today, timezone.now())


def breaches(petition):
    return list(PetitionEvent.objects.filter(petition=petition, action="breach").order_by("pk"))


def notes(prefix):
    return Notification.objects.filter(key__startswith=prefix)


def test_jobs_are_registered():
    names = [job.name for job in core_tick.jobs()]
    assert "petitions.escalate" in names and "petitions.due_soon" in names
    # the reminders and breaches are created before the e-mail job sends them
    order = {job.name: job.order for job in core_tick.jobs()}
    assert order["petitions.escalate"] < order["notifications.email"]
    assert order["petitions.due_soon"] < order["notifications.email"]


def test_a_missed_deadline_is_escalated_once(handler, leader, gov):
    petition = record(handler, gov.area)
    due = petition.due_on
    assert due == add_working_days(RECEIVED, 10)
    assert escalate(due).count == 0  # the due date itself is not late
    assert breaches(petition) == []

    result = escalate(due + timedelta(days=1))
    assert result.count == 1 and result.ok
    [event] = breaches(petition)
    assert event.due_on == due and event.unit_id == gov.pk
    assert event.from_status == event.to_status == petition.status
    assert event.actor is None and not event.public  # internal: not on the tracking page
    assert event.comment
    petition.refresh_from_db()
    assert petition.escalated_for == due
    key = f"petitions.breach:{petition.pk}:{due.isoformat()}"
    told = set(Notification.objects.filter(key=key).values_list("recipient__username", flat=True))
    assert told == {"tiepdan.tamky", "lanhdao.danang"}
    note = Notification.objects.filter(key=key).first()
    assert petition.code in note.subject and due.strftime("%d/%m/%Y") in note.subject
    assert note.url == petition.get_absolute_url()

    # the same day again, and the days after: nothing more
    for day in (due + timedelta(days=1), due + timedelta(days=2), due + timedelta(days=30)):
        assert escalate(day).count == 0
    assert len(breaches(petition)) == 1
    assert notes("petitions.breach:").count() == 2


def test_the_tick_command_runs_it(handler, gov):
    petition = record(handler, gov.area)
    late = petition.due_on + timedelta(days=3)
    results = core_tick.run_all(today=late, only=["petitions"])
    assert {r.name: r.count for r in results}["petitions.escalate"] == 1
    assert all(r.ok for r in results)
    results = core_tick.run_all(today=late, only=["petitions"])
    assert {r.name: r.count for r in results}["petitions.escalate"] == 0
    assert len(breaches(petition)) == 1


def test_two_processes_claim_a_petition_once(handler, gov):
    petition = record(handler, gov.area)
    late = petition.due_on + timedelta(days=1)
    # both processes read the same chunk before either claimed it
    seen_by_a = list(tick.overdue(late))
    seen_by_b = list(tick.overdue(late))
    assert [p.pk for p in seen_by_a] == [p.pk for p in seen_by_b] == [petition.pk]
    now = timezone.now()
    assert tick.escalate_chunk(seen_by_a, now) == 1
    assert tick.escalate_chunk(seen_by_b, now) == 0
    assert len(breaches(petition)) == 1
    assert not tick.claim(seen_by_b[0])


def test_a_petition_acted_on_meanwhile_is_not_claimed(handler, gov):
    petition = record(handler, gov.area)
    late = petition.due_on + timedelta(days=1)
    [stale] = list(tick.overdue(late))
    services.transition(petition, "answer", actor=handler, reply="Phường đã thu gom rác.", today=late)
    assert tick.escalate_chunk([stale], timezone.now()) == 0
    assert breaches(petition) == []


def test_finished_petitions_are_never_escalated(handler, gov):
    petition = record(handler, gov.area)
    services.transition(petition, "answer", actor=handler, reply="Phường đã thu gom rác.", today=RECEIVED)
    assert escalate(RECEIVED + timedelta(days=60)).count == 0
    assert breaches(petition) == []


def test_an_extension_rearms_the_escalation(handler, leader, gov):
    petition = record(
        handler, gov.area, kind="denunciation", people=[DENOUNCER], subject="Cán bộ địa chính nhận tiền"
    )
    first_due = petition.due_on
    assert first_due == add_working_days(RECEIVED, 7)
    late = first_due + timedelta(days=1)
    assert escalate(late).count == 1

    services.transition(petition, "extend", actor=handler, comment="Cần xác minh ở nhiều nơi.", today=late)
    petition.refresh_from_db()
    second_due = petition.due_on
    assert second_due == add_working_days(RECEIVED, 10) and second_due > first_due
    assert petition.escalated_for is None
    assert escalate(late).count == 0  # the new due date has not passed
    assert escalate(second_due + timedelta(days=1)).count == 1
    assert escalate(second_due + timedelta(days=2)).count == 0
    assert [e.due_on for e in breaches(petition)] == [first_due, second_due]
    keys = set(notes("petitions.breach:").values_list("key", flat=True))
    assert keys == {f"petitions.breach:{petition.pk}:{d.isoformat()}" for d in (first_due, second_due)}
    # the metric counts each missed deadline in the period of its due date
    overdue = registry.get("petitions.overdue")
    assert overdue.value_for(gov, date(2026, 3, 1), date(2026, 3, 31)) == 2
    assert overdue.value_for(gov, second_due, second_due) == 1


def test_without_a_handler_the_units_handlers_are_told(owner, gov):
    # canbo.tamky records it (an officer of the ward's Party committee above the People's
    # Committee) but does not handle petitions: no handler is assigned
    petition = record(owner, gov.area)
    assert petition.handler_id is None
    escalate(petition.due_on + timedelta(days=1))
    told = set(notes("petitions.breach:").values_list("recipient__username", flat=True))
    assert told == {"tiepdan.tamky", "lanhdao.danang"}


def test_supervisors_are_the_nearest_leaders(handler, gov, leader, tamky):
    from danvan.orgs.models import Grant

    assert tick.supervisors_by_unit([gov]) == {gov.pk: [leader.pk]}
    # a leader of the ward's Party committee is nearer: the city's leader is no longer told
    ward_leader = get_user_model().objects.create(username="lanhdao.tamky")
    Grant.objects.create(user=ward_leader, role="leader", unit=tamky)
    assert tick.supervisors_by_unit([gov]) == {gov.pk: [ward_leader.pk]}
    ward_leader.is_active = False
    ward_leader.save()
    assert tick.supervisors_by_unit([gov]) == {gov.pk: [leader.pk]}


def test_no_denouncer_identity_in_the_notifications(handler, gov):
    petition = record(
        handler, gov.area, kind="denunciation", people=[DENOUNCER], subject="Cán bộ địa chính nhận tiền"
    )
    escalate(petition.due_on + timedelta(days=1))
    day = add_working_days(RECEIVED, 5)
    other = record(
        handler,
        gov.area,
        kind="denunciation",
        people=[DENOUNCER],
        subject="Sai phạm đất đai",
        received_on=day,
    )
    assert tick.remind_due_soon(other.due_on, timezone.now()) == 1
    sent = list(
        Notification.objects.filter(
            Q(key__startswith="petitions.breach:") | Q(key__startswith="petitions.due_soon:")
        )
    )
    assert {n.key.split(":")[0] for n in sent} == {"petitions.breach", "petitions.due_soon"}
    events = PetitionEvent.objects.filter(action="breach")
    texts = [n.subject + n.body for n in sent] + [e.comment for e in events]
    for text in texts:
        for secret in (DENOUNCER["name"], "Trương", DENOUNCER["phone"], DENOUNCER["id_number"]):
            assert secret not in text
    assert any(petition.code in n.subject for n in sent)


def test_due_soon_reminds_once_per_due_date(handler, gov):
    petition = record(handler, gov.area)
    due = petition.due_on
    window_opens = due
    while add_working_days(window_opens - timedelta(days=1), tick.DUE_SOON_WORKING_DAYS) >= due:
        window_opens -= timedelta(days=1)
    assert tick.remind_due_soon(window_opens - timedelta(days=1), timezone.now()) == 0
    assert tick.remind_due_soon(window_opens, timezone.now()) == 1
    assert tick.remind_due_soon(window_opens, timezone.now()) == 0
    assert tick.remind_due_soon(due, timezone.now()) == 0
    assert tick.remind_due_soon(due + timedelta(days=1), timezone.now()) == 0  # late: the breach's job
    [note] = notes("petitions.due_soon:")
    assert note.recipient == handler
    assert note.key == f"petitions.due_soon:{petition.pk}:{due.isoformat()}"
    assert due.strftime("%d/%m/%Y") in note.subject


def test_due_soon_without_a_handler_tells_the_units_handlers(owner, gov):
    petition = record(owner, gov.area)
    assert tick.remind_due_soon(petition.due_on, timezone.now()) == 1
    assert list(notes("petitions.due_soon:").values_list("recipient__username", flat=True)) == [
        "tiepdan.tamky"
    ]


def test_the_scan_runs_in_chunks_with_fixed_reads(handler, gov, monkeypatch):
    monkeypatch.setattr(tick, "CHUNK", 2)
    days = [RECEIVED + timedelta(days=i) for i in range(5)]
    petitions = [
        record(handler, gov.area, subject=f"Kiến nghị số {i}", received_on=d) for i, d in enumerate(days)
    ]
    late = max(p.due_on for p in petitions) + timedelta(days=1)
    with CaptureQueriesContext(connection) as queries:
        result = escalate(late)
    assert result.count == 5
    sql = [q["sql"] for q in queries.captured_queries]
    chunk_reads = [s for s in sql if s.startswith("SELECT") and 'FROM "petitions_petition"' in s]
    grant_reads = [s for s in sql if s.startswith("SELECT") and '"orgs_grant"' in s]
    claims = [s for s in sql if s.startswith("UPDATE") and '"petitions_petition"' in s]
    event_inserts = [s for s in sql if s.startswith("INSERT") and '"petitions_petitionevent"' in s]
    # 3 chunks of at most 2 (the last ends the scan with an empty read) …
    assert len(chunk_reads) == 4
    # … one read of the leaders and one of the units' handlers at most per chunk, whatever the
    # number of petitions and units …
    assert len(grant_reads) <= 3 * 2
    # … and the writes: one claim per petition, the events of a chunk in one INSERT
    assert len(claims) == 5 and len(event_inserts) == 3
    assert PetitionEvent.objects.filter(action="breach").count() == 5
    assert escalate(late).count == 0


def test_a_failing_chunk_leaves_its_petitions_for_the_next_run(handler, gov, monkeypatch):
    petition = record(handler, gov.area)
    late = petition.due_on + timedelta(days=1)

    def broken(*args, **kwargs):
        raise RuntimeError("notification store unavailable")

    monkeypatch.setattr("danvan.notifications.services.notify", broken)
    job = next(j for j in core_tick.jobs() if j.name == "petitions.escalate")
    result = core_tick.run_job(job, late, timezone.now())
    assert not result.ok and "unavailable" in result.error
    petition.refresh_from_db()
    assert petition.escalated_for is None and breaches(petition) == []
    monkeypatch.undo()
    assert escalate(late).count == 1


# --- a state machine: days pass, ticks run, deadlines are extended and steps done ---------------------


class EscalationMachine(RuleBasedStateMachine):
    """One petition (a denunciation: its processing deadline may be extended once). The oracle: the
    breach events are exactly the due dates that some tick saw passed while they were current, one
    event each; the petition is marked escalated for its due date exactly when that date was."""

    handler = None
    area = None
    reached: set[str] = set()

    def __init__(self):
        super().__init__()
        from django.db import transaction

        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.petition = record(
            self.handler,
            self.area,
            kind="denunciation",
            people=[DENOUNCER],
            subject="Cán bộ thu tiền sai quy định",
        )
        self.today = RECEIVED
        self.expected: list[date] = []

    def teardown(self):
        from django.db import transaction

        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    def load(self) -> Petition:
        return Petition.objects.get(pk=self.petition.pk)

    @rule(days=st.integers(min_value=1, max_value=12))
    def days_pass(self, days):
        self.today += timedelta(days=days)

    @rule(days=st.integers(min_value=1, max_value=12))
    def days_pass_then_tick(self, days):
        self.today += timedelta(days=days)
        self.tick_runs(1)

    @rule(runs=st.integers(min_value=1, max_value=2))
    def tick_runs(self, runs):
        petition = self.load()
        for _ in range(runs):
            escalate(self.today)
        if petition.is_open and petition.due_on < self.today and petition.due_on not in self.expected:
            self.expected.append(petition.due_on)
            self.reached.add("breach" if len(self.expected) == 1 else "breach again")

    @rule()
    def extend(self):
        petition = self.load()
        try:
            services.transition(
                petition, "extend", actor=self.handler, comment="Xác minh thêm.", today=self.today
            )
            self.reached.add("extended")
        except ServiceError:
            assert not services._extendable(petition) or not petition.is_open

    # accepting starts the 30-day resolution: only once a deadline was missed, so that the short
    # processing deadline and its extension get their share of the examples
    @precondition(lambda self: self.expected and self.load().status == "received")
    @rule()
    def accept(self):
        services.transition(self.load(), "accept", actor=self.handler, reply="Đã thụ lý.", today=self.today)

    @invariant()
    def one_breach_per_missed_due_date(self):
        events = breaches(self.petition)
        assert [e.due_on for e in events] == self.expected
        petition = self.load()
        if petition.escalated_for is not None:
            assert petition.escalated_for == petition.due_on and petition.due_on in self.expected
        keys = set(notes(f"petitions.breach:{self.petition.pk}:").values_list("key", flat=True))
        assert keys == {f"petitions.breach:{self.petition.pk}:{d.isoformat()}" for d in self.expected}


def test_escalation_state_machine(handler, gov):
    EscalationMachine.handler = handler
    EscalationMachine.area = Area.objects.get(pk=gov.area_id)
    run = EscalationMachine.TestCase
    run.settings = settings(
        max_examples=20,
        derandomize=True,
        stateful_step_count=15,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    run().runTest()
    assert {"breach", "breach again", "extended"} <= EscalationMachine.reached
