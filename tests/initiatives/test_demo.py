"""The demo models and exemplars (`danvan seed_demo`): idempotent, complete, and made of real
history — every write went through the services, with the demo users as actors.

The session database holds the demo organizations only (other tests assume no models exist), so
each test here seeds the models itself, inside its rolled-back transaction."""

from __future__ import annotations

from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count
from django.test import override_settings
from django.utils import timezone

from danvan.geo.models import Area, AreaLevel, Era
from danvan.initiatives import services
from danvan.initiatives.demo import DEMOS, seed_initiatives_demo
from danvan.initiatives.models import (
    Evidence,
    EvidenceKind,
    Field,
    Holder,
    Initiative,
    InitiativeYear,
    Kind,
    ProgressUpdate,
    Topic,
    TransitionRecord,
)
from danvan.initiatives.workflow import REPLICATION_SOURCES, TRANSITIONS, Status
from danvan.orgs.models import Campaign, Unit

pytestmark = pytest.mark.django_db

DEMO_ACTORS = {"admin", "canbo.danang", "canbo.tamky", "canbo.haichau"}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo models, seeded once for this module and rolled back after it (seeding takes a few
    seconds); yields where their files are."""
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            assert seed_initiatives_demo() == len(DEMOS)
            yield media
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def seeded(demo, db, settings):
    settings.MEDIA_ROOT = demo  # each test of this directory gets its own MEDIA_ROOT otherwise
    return demo


def snapshot() -> dict[str, int]:
    models = [Initiative, InitiativeYear, ProgressUpdate, Evidence]
    counts = {m.__name__: m.objects.count() for m in models}
    counts.update({f"history {m.__name__}": m.history.count() for m in models})
    counts["transitions"] = TransitionRecord.objects.count()
    counts["topics"] = Initiative.topics.through.objects.count()
    counts["history topics"] = apps.get_model("initiatives", "HistoricalInitiative_topics").objects.count()
    return counts


def test_seed_demo_command_creates_the_models_once_and_says_how_many(db, settings, tmp_path):
    """(First in this module: before the module's seeded models exist.)"""
    settings.MEDIA_ROOT = tmp_path
    assert not Initiative.objects.exists()
    out = StringIO()
    call_command("seed_demo", stdout=out)
    created = Initiative.objects.count()
    assert 60 <= created <= 120
    assert f"Demo models and exemplars created: {created}." in out.getvalue()
    before = snapshot()
    files = sorted(default_storage.listdir("evidence")[0])

    out = StringIO()
    call_command("seed_demo", stdout=out)  # and the function directly: nothing changes either way
    assert seed_initiatives_demo() == 0
    assert "Demo models and exemplars already present; nothing changed." in out.getvalue()
    assert snapshot() == before
    assert sorted(default_storage.listdir("evidence")[0]) == files


def test_every_state_kind_holder_field_and_many_topics(seeded):
    statuses = Counter(Initiative.objects.values_list("status", flat=True))
    assert set(statuses) == set(Status.values)
    kinds = Counter(Initiative.objects.values_list("kind", "holder"))
    assert {k for k, _h in kinds} == set(Kind.values)
    assert (Kind.EXEMPLAR, Holder.INDIVIDUAL) in kinds and (Kind.EXEMPLAR, Holder.COLLECTIVE) in kinds
    for initiative in Initiative.objects.filter(holder=Holder.INDIVIDUAL):
        assert initiative.holder_name and initiative.holder_name in initiative.name
    used_fields = set(Initiative.objects.values_list("field__code", flat=True))
    assert used_fields == set(Field.objects.values_list("code", flat=True))
    used_topics = Topic.objects.filter(initiatives__isnull=False).distinct().count()
    assert used_topics == Topic.objects.count()
    # every state was reached through the lifecycle rules
    for record in TransitionRecord.objects.exclude(
        action__in=["create", "replicate", "replicated", "carry_over"]
    ):
        rule = TRANSITIONS[record.action]
        assert record.from_status in rule.sources and record.to_status == rule.target
    for initiative in Initiative.objects.all():
        last = initiative.transitions.exclude(action="carry_over").order_by("at", "id").last()
        assert last.to_status == initiative.status, initiative


def test_years_campaigns_and_dates_are_plausible(seeded):
    today = timezone.localdate()
    old = Campaign.objects.get(issuing_unit__name="Thành ủy Tam Kỳ")
    new = Campaign.objects.get(issuing_unit__name="Thành ủy Đà Nẵng")
    years = Counter(Initiative.objects.values_list("year", flat=True))
    assert set(years) == {2021, 2022, 2023, 2024, 2025, 2026}
    for initiative in Initiative.objects.select_related("campaign"):
        assert initiative.start_date is None or (
            initiative.start_date.year == initiative.year and initiative.start_date <= today
        ), initiative
        if initiative.year >= 2026:
            assert initiative.campaign == new, initiative
        elif initiative.campaign is not None:
            assert initiative.campaign == old and initiative.year <= 2025
    assert Initiative.objects.filter(campaign=old).count() >= 15
    for update in ProgressUpdate.objects.select_related("initiative"):
        assert date(update.initiative.year, 1, 1) <= update.reported_on <= today, update
        assert update.has_results and update.narrative
        assert update.created_by.username in DEMO_ACTORS
    evaluated = InitiativeYear.objects.exclude(evaluation="")
    assert evaluated.count() >= 20
    for record in evaluated.select_related("initiative"):
        assert record.initiative.year <= record.year <= today.year
        assert record.evaluated_by.username in DEMO_ACTORS and record.evaluation_note
    # several years of one model (a model lives across years)
    assert InitiativeYear.objects.values("initiative").annotate(n=Count("id")).filter(n__gte=4).exists()


def test_former_units_models_carried_over_keep_their_history(seeded):
    carried = TransitionRecord.objects.filter(action="carry_over").select_related("initiative", "unit")
    assert carried.count() >= 8
    for record in carried:
        initiative = record.initiative
        former, now = record.unit, initiative.owner_unit
        assert not former.active and now.active
        assert former.successor_links.filter(successor=now).exists()
        actions = list(initiative.transitions.order_by("at", "id").values_list("action", flat=True))
        assert actions[0] == "create" and "carry_over" in actions and len(actions) >= 3
        owners = set(initiative.history.values_list("owner_unit_id", flat=True))
        assert {former.pk, now.pk} <= owners  # the history remembers both owners
        assert initiative.history.filter(owner_unit=former, history_user__username="admin").exists()
        assert record.actor.username in {"canbo.danang", "canbo.tamky"}  # the successor's officers
        # the model now lies in the successor's area, in Đà Nẵng
        assert initiative.area.era == Era.CURRENT and initiative.area.is_active()
        assert initiative.area.path.startswith(now.area.path)
        # its yearly records of the former years are still there
        assert initiative.years.filter(year__lt=2025).exists() or initiative.year == 2025
    # and some were left with their former units (finished, not recognized or discontinued)
    left = Initiative.objects.filter(owner_unit__valid_until__isnull=False)
    assert left.count() >= 4
    assert {Status.RECOGNIZED, Status.NOT_RECOGNIZED, Status.DISCONTINUED} <= set(
        left.values_list("status", flat=True)
    )
    legacy_area = Area.objects.filter(era=Era.LEGACY, level=AreaLevel.COMMUNE)
    assert all(i.area in legacy_area for i in left)


def test_replications_have_lineage(seeded):
    replicas = Initiative.objects.filter(replicated_from__isnull=False).select_related("replicated_from")
    assert replicas.count() >= 8
    spread = Counter(r.replicated_from_id for r in replicas)
    assert max(spread.values()) >= 3  # one model spread to three wards
    for replica in replicas:
        source = replica.replicated_from
        assert source.owner_unit_id != replica.owner_unit_id
        assert source.status in REPLICATION_SOURCES
        first = replica.transitions.order_by("at", "id").first()
        assert first.action == "replicate" and first.unit_id == source.owner_unit_id
        assert first.actor.username in DEMO_ACTORS
        assert source.transitions.filter(action="replicated").exists()
    # two generations: a replica that was recognized and spread again
    grandchild = replicas.filter(replicated_from__replicated_from__isnull=False).first()
    assert grandchild is not None
    root, tree = services.lineage(grandchild)
    assert root.replicated_from_id is None
    assert grandchild in [node for node, depth in tree if depth == 2]
    descendants, frontier = set(), {root.pk}
    while frontier:
        frontier = set(replicas.filter(replicated_from__in=frontier).values_list("pk", flat=True))
        descendants |= frontier
    assert {node.pk for node, _depth in tree} == descendants
    # replicas adapted to their place are not reported as copies; the one copied pair is
    city = Unit.objects.get(name="Thành ủy Đà Nẵng")
    groups = services.near_copies(city, 2026)
    assert len(groups) == 1
    pair = groups[0]
    assert len(pair) == 2 and pair[0].name == pair[1].name and pair[0].content == pair[1].content
    assert pair[0].owner_unit.area_id != pair[1].owner_unit.area_id


def test_histories_name_the_actor(seeded):
    users = get_user_model().objects.in_bulk(field_name="username")
    assert set(TransitionRecord.objects.values_list("actor__username", flat=True)) <= DEMO_ACTORS
    assert not Initiative.history.filter(history_user__isnull=True).exists()
    assert not Initiative.history.filter(history_change_reason__in=["", None]).exists()
    assert not ProgressUpdate.history.filter(history_user__isnull=True).exists()
    assert not Evidence.history.filter(history_user__isnull=True).exists()
    # the system administrator only records the former units' past; the current units' officers
    # act for their own units
    for initiative in Initiative.objects.select_related("owner_unit"):
        carried_at = initiative.transitions.filter(action="carry_over").values_list("at", flat=True).first()
        by_admin = initiative.transitions.filter(actor=users["admin"])
        if carried_at is not None:
            assert not by_admin.filter(at__gt=carried_at).exists()
        elif initiative.owner_unit.active:
            assert not by_admin.exists(), initiative
    # every accepted lifecycle step is also a row of the initiative's history, by the same actor
    for record in TransitionRecord.objects.exclude(action__in=["create", "replicate"]):
        assert record.initiative.history.filter(history_user=record.actor).exists()


def test_evidence_is_real_files_with_thumbnails(seeded):
    photos = Evidence.objects.filter(kind=EvidenceKind.PHOTO)
    assert photos.count() >= 5
    assert Evidence.objects.filter(kind=EvidenceKind.PDF).exists()
    for evidence in Evidence.objects.all():
        assert default_storage.exists(evidence.file.name)
        assert evidence.size == default_storage.size(evidence.file.name) < 200_000
        assert evidence.progress_update is not None and evidence.caption
        if evidence.kind == EvidenceKind.PHOTO:
            assert default_storage.exists(evidence.thumbnail.name)
            assert evidence.thumbnail.name.endswith(".jpg")
