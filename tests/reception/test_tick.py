"""`danvan tick` tells the officers of the unit that owns a dialogue commitment, and of the
dialogue's organizer, once, when the commitment reaches its due date still open."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from danvan.core import tick
from danvan.notifications.models import Notification
from danvan.reception import services
from danvan.reception.tick import notify_commitments_due
from tests.reception.conftest import commit, make_dialogue

pytestmark = pytest.mark.django_db

NOW = tick.as_of(date(2026, 8, 1))[1]


def recipients(commitment) -> set[str]:
    return set(
        Notification.objects.filter(key__startswith=f"reception.commitment_due:{commitment.pk}:").values_list(
            "recipient__username", flat=True
        )
    )


def test_the_job_is_registered():
    assert "reception.commitments_due" in {job.name for job in tick.jobs()}


def test_a_commitment_due_is_told_once_to_the_owner_and_the_organizer(owner, ancestor, ward_pc, ward_front):
    dialogue = make_dialogue(ward_pc, owner, front=ward_front)
    ward = commit(dialogue, owner, due=date(2026, 7, 31))  # the People's Committee owns it
    front = commit(dialogue, owner, owner=ward_front, due=date(2026, 8, 1), content="Vận động Nhân dân")
    later = commit(dialogue, owner, due=date(2026, 8, 2), content="Chưa đến hạn")
    done = commit(dialogue, owner, due=date(2026, 7, 1), content="Đã xong")
    services.follow_up(done, "complete", actor=owner, content="Xong", happened_on=date(2026, 6, 30))

    created = notify_commitments_due(date(2026, 8, 1), NOW)
    # the People's Committee's petition handler; the Front's standing officer is canbo.tamky
    assert recipients(ward) == {"tiepdan.tamky"}
    assert recipients(front) == {"canbo.tamky", "tiepdan.tamky"}
    assert recipients(later) == set() and recipients(done) == set()
    assert created == 3
    overdue = Notification.objects.get(key=f"reception.commitment_due:{ward.pk}:2026-07-31")
    assert "31/07/2026" in overdue.subject and overdue.url.endswith(f"#commitment-{ward.pk}")
    assert overdue.unit_id == ward_pc.pk

    assert notify_commitments_due(date(2026, 8, 1), NOW) == 0  # idempotent
    assert notify_commitments_due(date(2026, 8, 3), NOW) == 1  # `later` reaches its date
    # a due date moved later is told again when it comes
    services.update_commitment(ward, {"due_on": date(2026, 8, 10)}, actor=owner, reason="Chờ kinh phí")
    assert notify_commitments_due(date(2026, 8, 9), NOW) == 0
    assert notify_commitments_due(date(2026, 8, 10), NOW) == 1


def test_an_old_backlog_stays_quiet(owner, ward_pc):
    dialogue = make_dialogue(ward_pc, owner, held_on=date(2026, 1, 5))
    commit(dialogue, owner, due=date(2026, 2, 1))
    assert notify_commitments_due(date(2026, 8, 1), NOW) == 0


def test_nobody_granted_on_the_units_means_no_notification(owner, ancestor, ward_pc, city_pc):
    dialogue = make_dialogue(city_pc, ancestor)
    commit(dialogue, ancestor, due=date(2026, 7, 31))
    assert not get_user_model().objects.filter(grants__unit=city_pc).exists()
    assert notify_commitments_due(date(2026, 8, 1), NOW) == 0
