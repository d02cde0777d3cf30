"""The demo of citizen reception: what `seed_demo` shows, built relative to the day it runs."""

from __future__ import annotations

from datetime import date

import pytest

from danvan.reception import compliance, demo
from danvan.reception.models import (
    Commitment,
    Dialogue,
    Presider,
    ReceptionSchedule,
    ReceptionSession,
    SessionKind,
)
from danvan.reception.workflow import CommitmentStatus, SessionStatus

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 6)


def test_the_demo_is_built_once_with_what_it_promises():
    created = demo.seed_reception_demo(TODAY)
    assert created == ReceptionSession.objects.count() > 20
    assert demo.seed_reception_demo(TODAY) == 0  # idempotent
    assert ReceptionSession.objects.count() == created

    schedules = {s.unit.name: s for s in ReceptionSchedule.objects.select_related("unit", "person")}
    assert set(schedules) == {demo.WARD_PC, demo.WARD_PARTY, demo.CITY_PC}
    chair = schedules[demo.WARD_PC]
    assert (chair.weekdays, chair.weeks_of_month, chair.minimum_days) == ("3", "", 1)
    party = schedules[demo.WARD_PARTY]
    assert party.person.full_name == "Ngô Văn Sơn" and party.minimum_days == 2
    city = schedules[demo.CITY_PC]
    assert (city.weekdays, city.weeks_of_month) == ("1", "3")

    # the ward chair: every Thursday of the last three months (moved off days off), one not held,
    # one presided by the deputy, the rest by the chair in person
    chair_sessions = ReceptionSession.objects.filter(schedule=chair, kind=SessionKind.SCHEDULED)
    days = sorted(chair_sessions.values_list("held_on", flat=True))
    assert chair.valid_from == date(2026, 9, 1)
    assert all(chair.valid_from <= d < TODAY for d in days)
    assert len(days) == 14  # the Thursdays of 3 September to 3 December
    assert chair_sessions.filter(status=SessionStatus.NOT_HELD).count() == 1
    assert chair_sessions.filter(status=SessionStatus.NOT_HELD).get().not_held_reason
    assert chair_sessions.filter(presided_by=Presider.DEPUTY).count() == 1
    assert chair_sessions.filter(presided_by=Presider.HEAD).count() == len(days) - 2
    # the Party secretary on the 2nd and 4th Tuesday: about six days in three months
    assert ReceptionSession.objects.filter(schedule=party).count() == 6  # September to November
    assert ReceptionSession.objects.filter(schedule=city).count() == 3  # 15/9, 20/10, 17/11
    adhoc = ReceptionSession.objects.get(kind=SessionKind.AD_HOC)
    assert (adhoc.unit.name, adhoc.ad_hoc_reason, adhoc.status) == (demo.WARD_PC, "mass", SessionStatus.HELD)

    dialogue = Dialogue.objects.get()
    assert dialogue.organizer.name == demo.WARD_PC and dialogue.front.name == demo.WARD_FRONT
    assert dialogue.held_on.year == TODAY.year and dialogue.issues.count() == 3
    commitments = list(Commitment.objects.order_by("pk"))
    assert [c.status for c in commitments] == [
        CommitmentStatus.DONE,
        CommitmentStatus.OPEN,
        CommitmentStatus.OPEN,
    ]
    assert [c.is_overdue(TODAY) for c in commitments] == [False, False, True]
    assert commitments[0].done_on is not None


def test_the_demo_chairs_compliance_shows_the_missed_day_and_the_deputy():
    demo.seed_reception_demo(TODAY)
    chair = ReceptionSchedule.objects.get(unit__name=demo.WARD_PC)
    quarter = compliance.parse_period("2026-Q4", TODAY)
    counts = compliance.schedule_compliance(chair, quarter, TODAY)
    assert counts.not_held >= 0 and counts.by_deputy >= 0
    total = compliance.table(ReceptionSchedule.objects.all(), compliance.parse_period("2026", TODAY), TODAY)
    assert total.counts[chair.pk].not_held == 1 and total.counts[chair.pk].by_deputy == 1
    assert (
        total.counts[chair.pk].held
        == ReceptionSession.objects.filter(
            schedule=chair, kind=SessionKind.SCHEDULED, presided_by=Presider.HEAD, status=SessionStatus.HELD
        ).count()
    )
