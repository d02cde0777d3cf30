"""Appraisal rounds built through the services, in every state a test needs.

The cast, beyond the suite's personas (owner = canbo.tamky, ancestor = canbo.danang — the city's
standing agency, stranger = canbo.haichau):

* the council of the city's round: ``lan`` (hoidong.danang, chair), ``hanh`` (Trương Thị Hạnh,
  chair of the Tam Kỳ Front, a council member of the city — flagged on the Front's candidate)
  and ``long`` (Phạm Văn Long, city People's Committee); the city's standing-agency officer
  (ancestor) is the secretary;
* three candidates proposed for recognition: a model of the Tam Kỳ People's Committee (``gov``),
  one of the Tam Kỳ Front (``front``) and an individual exemplar of Hải Châu (``person``).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from danvan.appraisal import services
from danvan.appraisal.models import CriterionKind
from danvan.appraisal.workflow import Position
from danvan.core.permissions import Role
from danvan.initiatives.models import Holder, Kind
from danvan.orgs.models import Person, Unit
from danvan.orgs.services import add_grant
from tests.conftest import client_for
from tests.initiatives.conftest import advance, make

GOV = "Ủy ban nhân dân phường Tam Kỳ"
FRONT = "Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def council_user(admin_user, city, username: str, full_name: str):
    """A login for a demo person, with the council-member role in the city."""
    user = get_user_model().objects.create_user(username=username, password="x")
    person = Person.objects.get(full_name=full_name)
    person.user = user
    person.save()
    add_grant(
        admin_user, user=user, role=Role.COUNCIL_MEMBER, unit=city, reason="Hội đồng thẩm định (kiểm thử)"
    )
    return get_user_model().objects.get(pk=user.pk)


@pytest.fixture
def lan(db):
    return get_user_model().objects.get(username="hoidong.danang")


@pytest.fixture
def hanh(admin_user, city):
    return council_user(admin_user, city, "hoidong.hanh", "Trương Thị Hạnh")


@pytest.fixture
def long_(admin_user, city):
    return council_user(admin_user, city, "hoidong.long", "Phạm Văn Long")


@pytest.fixture
def leader(db):
    return get_user_model().objects.get(username="lanhdao.danang")


@pytest.fixture
def sets(city, ancestor):
    """The city's criteria: the common provincial criteria for collectives (with the people's
    satisfaction), Đà Lạt's five standards for individuals."""
    return {
        Holder.COLLECTIVE: services.create_set_from_template(city, "province_common", actor=ancestor),
        Holder.INDIVIDUAL: services.create_set_from_template(city, "dalat_individual", actor=ancestor),
    }


def proposed(unit, actor, reviewer, name, **extra):
    return advance(make(unit, actor, name, **extra), actor, reviewer, "proposed")


@pytest.fixture
def models(owner, ancestor, stranger, haichau):
    gov = Unit.objects.get(name=GOV)
    front = Unit.objects.get(name=FRONT)
    return {
        "gov": proposed(gov, owner, ancestor, "Bộ phận một cửa thân thiện"),
        "front": proposed(front, owner, ancestor, "Mái ấm Mặt trận cho hộ nghèo"),
        "person": proposed(
            haichau,
            stranger,
            ancestor,
            "Bà Nguyễn Thị Hoa – tổ trưởng dân vận khéo",
            kind=Kind.EXEMPLAR,
            holder=Holder.INDIVIDUAL,
            holder_name="Nguyễn Thị Hoa",
        ),
    }


@pytest.fixture
def draft_round(city, ancestor, sets):
    return services.create_round(
        city,
        {
            "name": "Thẩm định mô hình, điển hình “Dân vận khéo” năm 2026",
            "year": 2026,
            "collective_set": sets[Holder.COLLECTIVE],
            "individual_set": sets[Holder.INDIVIDUAL],
        },
        actor=ancestor,
    )


@pytest.fixture
def ready_round(draft_round, ancestor, models, lan, hanh, long_):
    """Candidates gathered, council appointed, surveys entered: ready to open."""
    services.gather_candidates(draft_round, actor=ancestor)
    services.appoint(draft_round, lan, Position.CHAIR, actor=ancestor)
    services.appoint(draft_round, hanh, Position.MEMBER, actor=ancestor)
    services.appoint(draft_round, long_, Position.MEMBER, actor=ancestor)
    services.appoint(draft_round, ancestor, Position.SECRETARY, actor=ancestor)
    for candidate in draft_round.candidates.select_related("initiative"):
        if candidate.initiative.holder == Holder.COLLECTIVE:
            services.record_survey(candidate, actor=ancestor, surveyed=200, satisfied_share="85")
    return draft_round


@pytest.fixture
def scoring_round(ready_round, ancestor):
    return services.transition(ready_round, "open", actor=ancestor)


def candidate_of(round_, initiative):
    return round_.candidates.select_related("initiative__owner_unit", "round").get(initiative=initiative)


def full_scores(round_, candidate, points_share=Decimal("0.8"), passed=True) -> dict:
    """Scores for every member-scored criterion: `points_share` of each maximum, pass or fail."""
    scores = {}
    for criterion in services.member_criteria(round_, candidate.initiative.holder):
        if criterion.kind == CriterionKind.PASS_FAIL:
            scores[criterion.pk] = passed
        else:
            scores[criterion.pk] = (criterion.max_points * points_share).quantize(Decimal("0.01"))
    return scores


@pytest.fixture
def council_clients(lan, hanh, long_, leader):
    return {
        "lan": client_for(lan),
        "hanh": client_for(hanh),
        "long": client_for(long_),
        "leader": client_for(leader),
    }
