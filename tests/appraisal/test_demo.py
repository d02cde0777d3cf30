"""The demo appraisal (`danvan seed_demo`): Đà Nẵng's criteria sets, a closed 2025 round with
results, a 2026 round being scored with a flagged member — made through the services, idempotent.

The session database holds the demo organizations only, so this module seeds the demo models and
the appraisal once, inside a transaction rolled back after it."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import override_settings

from danvan.appraisal import services
from danvan.appraisal.demo import LOGINS, ROUND_2025, ROUND_2026, seed_appraisal_demo
from danvan.appraisal.models import AppraisalRound, CriteriaSet, RoundEvent, Scorecard
from danvan.appraisal.workflow import CardStatus, RoundStatus
from danvan.core.permissions import Role
from danvan.initiatives.demo import seed_initiatives_demo
from danvan.initiatives.models import Holder
from danvan.orgs.demo import DEMO_PASSWORD
from danvan.orgs.models import Grant
from tests.appraisal.test_services import snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("appraisal-demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            seed_initiatives_demo()
            assert seed_appraisal_demo() == 2
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def test_the_council_members_log_in_with_the_demo_password(seeded):
    for login in LOGINS:
        user = get_user_model().objects.get(username=login.username)
        assert user.check_password(DEMO_PASSWORD) and user.person.full_name == login.full_name
        assert Grant.objects.active().filter(
            user=user, role=Role.COUNCIL_MEMBER, unit__name="Thành ủy Đà Nẵng"
        )


def test_the_city_criteria_and_their_versions(seeded):
    sets = CriteriaSet.objects.filter(issuing_unit__name="Thành ủy Đà Nẵng").order_by("pk")
    assert [(s.template, s.version, s.is_current) for s in sets] == [
        ("province_common", 1, False),
        ("dalat_individual", 1, True),
        ("province_common", 2, True),
    ]
    old, _individual, new = sets
    assert new.previous == old
    assert old.criteria.get(kind="satisfaction").max_points == 20
    assert new.criteria.get(kind="satisfaction").max_points == 25


def test_the_closed_2025_round(seeded):
    round_ = AppraisalRound.objects.get(name=ROUND_2025)
    assert round_.status == RoundStatus.CLOSED and round_.collective_set.version == 1
    candidates = list(round_.candidates.order_by("rank"))
    assert len(candidates) == 4 and all(c.overall is not None for c in candidates)
    assert [c.typical for c in candidates].count(True) == 1
    proposals = list(services.proposal_list(round_))
    assert len(proposals) == 2 and proposals[0].typical
    # one scored above the threshold but failed a mandatory condition
    results = [r for items in services.compute_results(round_).values() for r in items]
    assert any(r.mandatory_failed and r.overall >= 70 and not r.recommended for r in results)
    assert round_.events.filter(action="recuse", actor__username="hoidong.long").count() == 1


def test_the_2026_round_is_being_scored_with_a_flagged_member(seeded):
    round_ = AppraisalRound.objects.get(name=ROUND_2026)
    assert round_.status == RoundStatus.SCORING
    assert round_.collective_set.version == 2 and round_.individual_set.holder == Holder.INDIVIDUAL
    assert {m.user.username for m in round_.council.select_related("user")} == {
        "hoidong.danang",
        "hoidong.long",
        "hoidong.khoa",
        "canbo.danang",
    }
    flags = services.conflicts(round_)
    khoa = round_.council.get(user__username="hoidong.khoa")
    flagged = [c for c, m in flags if m == khoa.pk]
    assert len(flagged) == 1
    assert not Scorecard.objects.filter(candidate_id=flagged[0], member=khoa).exists()
    progress = services.progress(round_)
    assert all(p.submitted >= 1 for p in progress.values())
    lan = round_.council.get(user__username="hoidong.danang")
    assert (
        Scorecard.objects.filter(member=lan, status=CardStatus.SUBMITTED).count() == round_.candidates.count()
    )
    assert Scorecard.objects.filter(candidate__round=round_, status=CardStatus.DRAFT).exists()
    # the late proposals wait for a supplementary round
    assert services.eligible_initiatives(round_).count() == 2


def test_every_action_was_made_by_a_demo_user(seeded):
    actors = set(RoundEvent.objects.values_list("actor__username", flat=True))
    assert actors == {"canbo.danang", "hoidong.danang", "hoidong.long", "hoidong.khoa", "hoidong.ngoc"}


def test_seeding_again_changes_nothing(seeded):
    before = snapshot()
    assert seed_appraisal_demo() == 0
    assert snapshot() == before
