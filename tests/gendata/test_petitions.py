"""Generated petitions follow the app's rules: every step an allowed action, the state and the due
date where the services would leave them, missed deadlines escalated, identities encrypted with
their blind-index keys, duplicates and hot spots that make sense, the pages render, and the same
seed makes the same petitions. So does citizen reception: schedules the services accept, sessions
on their days, the petitions received at them, dialogues with their commitments."""

from __future__ import annotations

import dataclasses
from collections import Counter
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test import Client

from danvan.gendata import petitions as gen
from danvan.gendata import reception as gen_reception
from danvan.petitions import services
from danvan.petitions.deadlines import Kind
from danvan.petitions.models import (
    HotSpot,
    HotSpotStatus,
    Petition,
    PetitionerKey,
    PetitionEvent,
    normalize_code,
)
from danvan.petitions.workflow import ACTIONS, DECIDED_KINDS, OPEN, PetitionStatus
from danvan.reception import services as reception_services
from danvan.reception.models import Dialogue, ReceptionSchedule, ReceptionSession

pytestmark = pytest.mark.django_db
S = PetitionStatus


def made(ctx):
    """The petitions of the generated province (the demo data has petitions of its own)."""
    return Petition.objects.filter(unit__path__startswith=ctx.provinces[0].party.path)


def spots(ctx):
    return HotSpot.objects.filter(unit__path__startswith=ctx.provinces[0].party.path)


@pytest.fixture
def generated_petitions(generated):
    return made(generated).select_related("unit__area", "area").prefetch_related("events")


def test_every_kind_state_and_channel_is_made(generated, generated_petitions):
    communes = len(generated.provinces[0].communes)
    low, _high = generated.scale.petitions_per_commune
    assert generated_petitions.count() >= low * communes
    assert generated.counts["petitions"] == generated_petitions.count()
    assert {p.kind for p in generated_petitions} == set(Kind.values)
    assert {S.RECEIVED, S.RESOLVED, S.CLOSED, S.REFUSED} <= {p.status for p in generated_petitions}
    assert len({p.channel for p in generated_petitions}) >= 4
    assert (
        generated.counts["petition_events"]
        == PetitionEvent.objects.filter(petition__in=generated_petitions).count()
    )


def test_every_event_is_an_allowed_action_and_ends_in_the_state(generated_petitions):
    for p in generated_petitions:
        events = list(p.events.all())
        assert events[0].action == "receive" and (events[0].from_status, events[0].to_status) == (
            "",
            S.RECEIVED,
        )
        state, kind = S.RECEIVED, p.kind
        for before, event in zip(events, events[1:], strict=False):
            assert event.at >= before.at, p.code
            assert event.from_status == state, (p.code, event.action)
            if event.action in ("breach", "classify"):
                assert event.to_status == state and state in OPEN
                continue
            rule = ACTIONS[event.action]
            assert kind in rule.kinds and state in rule.sources, (p.code, event.action, state)
            assert event.to_status == (rule.target or state)
            assert (event.actor_id is None) == event.by_citizen or event.action == "receive"
            if rule.needs_reply:
                assert event.reply, (p.code, event.action)
            if rule.needs_comment:
                assert event.comment, (p.code, event.action)
            state = event.to_status
        assert state == p.status, p.code


def test_steps_and_due_dates_are_those_the_services_compute(generated, generated_petitions):
    today = generated.today
    for p in generated_petitions:
        events = list(p.events.all())
        if p.status in OPEN:
            assert p.step == services._step_for(p)
            deadline = services.current_deadline(p)
            assert (p.due_on, p.rule_set) == (deadline.due_on, deadline.rule_set.code), p.code
            assert p.step_started_on >= p.received_on
            if p.due_on < today:  # `danvan tick` escalated it
                assert p.escalated_for == p.due_on
                assert any(e.action == "breach" and e.due_on == p.due_on for e in events), p.code
            else:
                assert p.escalated_for is None
        else:
            assert (p.step, p.step_started_on, p.due_on, p.rule_set) == ("", None, None, "")
            assert p.escalated_for is None
        if p.status == S.ACCEPTED:
            assert p.kind in DECIDED_KINDS and p.accepted_on
        if p.status in (S.RESOLVED, S.CLOSED):
            finish = next(e for e in reversed(events) if e.action in ("resolve", "answer"))
            step_due = events[events.index(finish) - 1].due_on
            assert p.resolved_on == finish.at.date() or p.resolved_on == p.resolution_date
            assert p.resolved_on_time == (p.resolved_on <= step_due), p.code
            assert p.reply
        if p.status == S.REFUSED:
            assert p.refusal_ground
        if p.status == S.FORWARDED:
            assert p.forwarded_to
        if p.instance_no == 2:
            assert p.kind == Kind.COMPLAINT and p.unit == generated.provinces[0].government  # the city's
        if p.status == S.CLOSED and events[-1].action == "confirm":
            assert p.satisfied is True and p.feedback_at
        if p.status in OPEN and p.handler_id is None:
            assert p.channel == "online"


def test_breaches_are_logged_once_per_missed_due_date(generated_petitions):
    breaches = Counter(
        PetitionEvent.objects.filter(petition__in=generated_petitions, action="breach").values_list(
            "petition_id", "due_on"
        )
    )
    assert breaches and max(breaches.values()) == 1


def test_petitioners_are_encrypted_with_the_services_keys(generated_petitions):
    sample = [p.pk for p in generated_petitions[:20]]
    with connection.cursor() as cursor:
        marks = ", ".join(["%s"] * len(sample))
        cursor.execute(f"SELECT petitioners FROM {Petition._meta.db_table} WHERE id IN ({marks})", sample)
        assert all(raw.startswith("fernet:") for (raw,) in cursor.fetchall())
    keys = {}
    for petition_id, key in PetitionerKey.objects.filter(petition__in=generated_petitions).values_list(
        "petition_id", "key"
    ):
        keys.setdefault(petition_id, set()).add(key)
    for p in generated_petitions:
        assert len(p.petitioners) == p.petitioner_count and all(person["name"] for person in p.petitioners)
        assert p.is_mass == (p.petitioner_count >= 5)
        assert keys.get(p.pk, set()) == services.person_keys(p.petitioners) == gen.person_keys(p.petitioners)
        assert normalize_code(p.code) == p.code


def test_duplicates_repeat_an_open_petition_of_the_same_people(generated_petitions):
    duplicates = [p for p in generated_petitions.select_related("duplicate_of") if p.duplicate_of_id]
    assert duplicates
    for p in duplicates:
        first = p.duplicate_of
        assert p.petitioners == first.petitioners and p.subject == first.subject
        assert p.received_on >= first.received_on
        changed = [e for e in first.events.all() if e.action != "receive" and e.from_status != e.to_status]
        assert not changed or changed[0].at.date() >= p.received_on


def test_hot_spots_link_mass_petitions_of_their_commune(generated):
    found = list(spots(generated).select_related("area").prefetch_related("petitions__area"))
    assert found
    for spot in found:
        assert spot.area.level == "commune"
        assert (spot.status == HotSpotStatus.CLEARED) == (spot.cleared_on is not None)
        assert spot.petitions.exists()
        for p in spot.petitions.all():
            assert p.area.path.startswith(spot.area.path) and p.is_mass and p.received_on <= spot.declared_on
    active = Counter(spot.area_id for spot in found if spot.status == HotSpotStatus.ACTIVE)
    assert all(n == 1 for n in active.values())


def test_the_manifest_names_an_open_petition_of_the_ward_handler(generated):
    entry = generated.manifest["petitions"]
    ward = generated.bench_ward()
    petition = Petition.objects.get(pk=entry["open_petition"])
    assert entry["handler"] == ward.handler.username == petition.handler.username
    assert petition.status in OPEN and petition.unit == ward.government
    assert entry["area"] == ward.area.pk


def test_the_pages_render_on_generated_petitions(generated, generated_petitions):
    ward = generated.bench_ward()
    province = generated.provinces[0]
    handler = Client()
    handler.force_login(ward.handler)
    sample = generated.manifest["petitions"]["open_petition"]
    for url in (
        "/petitions/",
        "/petitions/?status=open",
        "/petitions/?deadline=overdue",
        f"/petitions/{sample}/",
    ):
        assert handler.get(url).status_code == 200, url
    officer = Client()
    officer.force_login(province.leader)  # sees the whole city
    kinds = {}
    for p in generated_petitions.order_by("pk"):
        kinds.setdefault((p.kind, p.status), p)
    for p in kinds.values():
        response = officer.get(f"/petitions/{p.pk}/")
        assert response.status_code == 200, (p.kind, p.status)
        if p.kind == Kind.DENUNCIATION:
            assert p.petitioners[0]["name"] not in response.content.decode()
        public = Client().get(f"/public/petitions/track/{p.code}/")
        assert public.status_code == 200
    leader = Client()
    leader.force_login(province.leader)
    assert leader.get("/petitions/hot-spots/").status_code == 200
    for spot in spots(generated):
        assert leader.get(f"/petitions/hot-spots/{spot.pk}/").status_code == 200


def snapshot(ctx) -> list:
    """Everything the part wrote, without ids or the time it ran."""
    rows = []
    for p in made(ctx).select_related("unit", "handler", "duplicate_of").order_by("code"):
        values = {
            f.name: getattr(p, f.attname)
            for f in Petition._meta.concrete_fields
            if not f.is_relation and f.name not in ("id", "updated_at")
        }
        rows.append(
            (
                values,
                p.unit.name,
                p.handler.username if p.handler else None,
                p.duplicate_of.code if p.duplicate_of else None,
                sorted(p.person_keys.values_list("key", flat=True)),
                [
                    (
                        e.action,
                        e.from_status,
                        e.to_status,
                        e.actor_id,
                        e.at,
                        e.comment,
                        e.reply,
                        e.due_on,
                        e.unit_id,
                    )
                    for e in p.events.all()
                ],
            )
        )
    for spot in spots(ctx).order_by("area__code", "declared_on"):
        rows.append(
            (spot.area_id, spot.status, spot.declared_on, sorted(p.code for p in spot.petitions.all()))
        )
    return rows


def reception_rows(ctx):
    path = ctx.provinces[0].party.path
    return (
        ReceptionSchedule.objects.filter(unit__path__startswith=path),
        ReceptionSession.objects.filter(unit__path__startswith=path),
        Dialogue.objects.filter(organizer__path__startswith=path),
    )


def reception_snapshot(ctx) -> list:
    schedules, sessions, dialogues = reception_rows(ctx)
    rows = [
        (s.unit_id, s.position, s.person_id, s.head_name, s.weekdays, s.weeks_of_month, s.valid_from)
        for s in schedules.order_by("unit__path", "position")
    ]
    rows += [
        (
            s.unit_id,
            s.kind,
            s.held_on,
            s.status,
            s.presided_by,
            s.citizens_count,
            sorted(p.code for p in s.petitions.all()),
            [(e.action, e.to_status, e.at) for e in s.events.all()],
        )
        for s in sessions.order_by("unit__path", "held_on", "kind")
    ]
    for d in dialogues.order_by("organizer__path", "held_on"):
        rows.append((d.organizer_id, d.title, d.held_on, [i.content for i in d.issues.all()]))
        for c in d.commitments.order_by("due_on", "content"):
            rows.append(
                (
                    c.content,
                    c.due_on,
                    c.status,
                    c.done_on,
                    [(f.action, f.happened_on) for f in c.follow_ups.all()],
                )
            )
    return rows


def test_the_same_seed_makes_the_same_petitions_and_reception(generated):
    first, first_reception = snapshot(generated), reception_snapshot(generated)
    with transaction.atomic():
        schedules, sessions, dialogues = reception_rows(generated)
        made(generated).update(reception_session=None)
        dialogues.delete()
        sessions.delete()
        schedules.delete()
        spots(generated).delete()
        made(generated).delete()
        again = dataclasses.replace(generated, counts=Counter(), manifest={}, timings={})
        gen.generate(again)
        gen_reception.generate(again)
        assert snapshot(again) == first
        assert reception_snapshot(again) == first_reception
        assert again.counts["petitions"] == generated.counts["petitions"]
        transaction.set_rollback(True)


# --- reception -------------------------------------------------------------------------------------


def test_schedules_pass_the_services_checks(generated):
    schedules, _sessions, _dialogues = reception_rows(generated)
    assert schedules.count() == 2 * (1 + len(generated.provinces[0].communes))
    for schedule in schedules.select_related("unit__unit_type", "unit__area", "person"):
        fields = ["position", "person", "head_name", "head_title", "minimum_days", "weekdays"]
        data = {name: getattr(schedule, name) for name in [*fields, "weeks_of_month", "valid_from", "place"]}
        clean = reception_services._clean_schedule(schedule.unit, data)  # raises if the app would refuse it
        assert clean["minimum_days"] == schedule.minimum_days


def test_sessions_fall_on_the_schedule_and_their_state_fits_the_day(generated):
    today = generated.today
    _schedules, sessions, _dialogues = reception_rows(generated)
    assert {s.status for s in sessions} == {"held", "not_held", "planned"}
    days = {}
    for session in sessions.select_related("schedule").prefetch_related("events"):
        schedule = session.schedule
        if schedule.pk not in days:
            days[schedule.pk] = {
                day
                for _nominal, day in schedule.regular_day.planned_dates(
                    schedule.valid_from, today + timedelta(30)
                )
            }
        assert session.unit_id == schedule.unit_id
        if session.kind == "scheduled":
            assert session.held_on in days[schedule.pk]
        events = [(e.action, e.from_status, e.to_status) for e in session.events.all()]
        assert events[0] == ("create", "", "planned")
        if session.status == "planned":
            assert session.held_on >= today and len(events) == 1
        elif session.status == "held":
            assert session.held_on <= today and session.presided_by in ("head", "deputy")
            assert session.presided_by == "head" or session.presider_name
            assert events[1:] == [("hold", "planned", "held")]
        else:
            assert session.not_held_reason and events[1:] == [("miss", "planned", "not_held")]


def test_petitions_received_at_a_session_point_to_it(generated):
    linked = made(generated).filter(reception_session__isnull=False).select_related("reception_session")
    assert linked.exists()
    for p in linked:
        session = p.reception_session
        assert p.channel == "reception" and p.received_on == session.held_on and session.status == "held"
        assert session.citizens_count >= session.petitions.count()


def test_dialogues_and_commitments_follow_the_rules(generated):
    today = generated.today
    _schedules, _sessions, dialogues = reception_rows(generated)
    assert dialogues.exists()
    years = Counter((d.organizer_id, d.held_on.year) for d in dialogues)
    assert max(years.values()) == 1
    for d in dialogues.select_related("organizer").prefetch_related("issues", "commitments__follow_ups"):
        assert d.organizer.is_active(d.held_on) and d.held_on <= today and d.issues.exists()
        for c in d.commitments.all():
            assert c.due_on >= d.held_on and c.issue.dialogue_id == d.pk
            steps = list(c.follow_ups.all())
            assert steps[0].action == "create" and all(d.held_on <= f.happened_on <= today for f in steps)
            if c.status == "done":
                assert steps[-1].action == "complete" and c.done_on == steps[-1].happened_on
            else:
                assert c.done_on is None and steps[-1].action in ("create", "progress")
