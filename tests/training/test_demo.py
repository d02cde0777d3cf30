"""The demo training sessions (`danvan seed_demo`): idempotent, spread over 2021–2026, in every state,
and made of real history — every write went through the services, with the demo users as actors.

The session database holds the demo organizations only, so each test seeds the sessions itself,
inside its rolled-back transaction."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from danvan.metrics import registry
from danvan.orgs.models import Unit
from danvan.training.demo import DEMOS, MARKER, seed_training_demo
from danvan.training.models import Material, SessionEvent, TrainingSession, TrainingTopic
from danvan.training.workflow import SessionStatus

pytestmark = pytest.mark.django_db


def test_the_demo_is_seeded_once():
    assert seed_training_demo() == len(DEMOS)
    count = TrainingSession.objects.count()
    histories = TrainingSession.history.count()
    assert seed_training_demo() == 0
    assert (TrainingSession.objects.count(), TrainingSession.history.count()) == (count, histories)


def test_the_demo_covers_the_years_the_states_and_the_levels():
    seed_training_demo()
    sessions = list(TrainingSession.objects.select_related("organizer"))
    assert {s.held_on.year for s in sessions} == {2021, 2022, 2023, 2024, 2025, 2026}
    assert {s.status for s in sessions} == set(SessionStatus)
    assert {s.level for s in sessions} == {"province", "district", "commune", "agency"}
    assert {s.topic for s in sessions} == set(TrainingTopic) - {TrainingTopic.OTHER}
    today = timezone.localdate()
    planned = [s for s in sessions if s.status == SessionStatus.PLANNED]
    assert planned and all(s.held_on.year == 2026 for s in planned)
    assert all(s.held_on <= today for s in sessions if s.status == SessionStatus.HELD)
    for session in sessions:  # a unit organizes only while it is in force
        assert session.organizer.is_active(session.held_on)
        assert session.people_count == session.count_people() > 0
    titles = {s.title for s in sessions}
    assert MARKER in titles
    assert "Hội nghị tập huấn phương pháp xây dựng mô hình “Dân vận khéo” năm 2024" in titles


def test_the_demo_is_real_history():
    seed_training_demo()
    for session in TrainingSession.objects.all():
        events = list(session.events.values_list("action", flat=True))
        assert events[0] == "create"
        assert events[1:] == {"planned": [], "held": ["hold"], "cancelled": ["cancel"]}[session.status]
        assert session.history.filter(history_user__isnull=False).exists()
    for event in SessionEvent.objects.filter(action="cancel"):
        assert event.comment.strip()
    assert Material.objects.filter(kind="photo").exclude(thumbnail="").exists()
    assert Material.objects.filter(kind="pdf").exists()


def test_the_demo_city_counts_its_history():
    seed_training_demo()
    city = Unit.objects.get(name="Thành ủy Đà Nẵng")
    sessions = registry.get("training.sessions")
    held = TrainingSession.objects.filter(status=SessionStatus.HELD)
    assert sessions.value_for(city) == held.count()  # former Tam Kỳ units count for their successors
    this_year = sessions.value_for(city, date(2026, 1, 1), date(2026, 12, 31))
    assert this_year == held.filter(held_on__year=2026).count() > 0
