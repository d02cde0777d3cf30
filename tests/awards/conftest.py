"""Decisions built through the services for the awards tests.

Personas (tests/conftest.py): canbo.tamky ("owner") steers Ủy ban MTTQ phường Tam Kỳ — the
standing agency of the ward's steering committee — and is an officer of Đảng ủy phường Tam Kỳ;
canbo.danang ("ancestor") steers the whole city; canbo.haichau ("stranger") is an officer of
another ward; lanhdao.danang ("leader") sees the city and changes nothing.

A ward-level decision is issued by the ward's Front (canbo.tamky decides there); a city-level one
by the city's Ban Tuyên giáo và Dân vận at the level of Thành ủy Đà Nẵng (canbo.danang)."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from danvan.awards import services
from danvan.awards.models import AwardForm, Decision
from danvan.awards.workflow import DecisionKind
from danvan.initiatives.models import Holder
from danvan.orgs.models import Unit
from tests.initiatives.conftest import advance, make

DECIDED = date(2026, 10, 15)
SIGNER = {
    "signer_authority": "T/M BAN THƯỜNG TRỰC",
    "signer_position": "Chủ tịch",
    "signer_name": "Trương Thị Hạnh",
}
CITY_SIGNER = {
    "signer_authority": "K/T TRƯỞNG BAN",
    "signer_position": "Phó Trưởng Ban",
    "signer_name": "Bùi Thị Lan",
}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def unit(name: str) -> Unit:
    return Unit.objects.get(name=name)


@pytest.fixture
def leader(db):
    return get_user_model().objects.get(username="lanhdao.danang")


@pytest.fixture
def all_personas(personas, leader):
    from tests.conftest import client_for

    return {**personas, "leader": client_for(leader)}


@pytest.fixture
def tamky_front(db):
    return unit("Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ")


@pytest.fixture
def tamky_women(db):
    return unit("Hội Liên hiệp Phụ nữ phường Tam Kỳ")


@pytest.fixture
def dept(db):
    return unit("Ban Tuyên giáo và Dân vận Thành ủy Đà Nẵng")


@pytest.fixture
def catalogue(city, ancestor) -> dict[str, AwardForm]:
    services.adopt_default_catalogue(city, actor=ancestor)
    return {f.code: f for f in AwardForm.objects.filter(province=city)}


def proposed(owner_unit, editor, reviewer, name: str, **extra):
    """A model of `owner_unit` registered, built and proposed for recognition."""
    return advance(make(owner_unit, editor, name, **extra), editor, reviewer, "proposed")


@pytest.fixture
def ward_models(tamky_front, tamky_women, owner, ancestor):
    """Two proposed models under the ward's Front: its own and the Women's Union's."""
    return [
        proposed(tamky_front, owner, ancestor, "Tổ hòa giải ở cơ sở gắn với Ban công tác Mặt trận"),
        proposed(tamky_women, owner, ancestor, "Chi hội phụ nữ giúp nhau thoát nghèo", year=2025),
    ]


def draft(level, actor, kind=DecisionKind.RECOGNITION, **header) -> Decision:
    data = {"date": DECIDED, **header}
    return services.create_decision(kind, level, data, actor=actor)


@pytest.fixture
def ward_draft(tamky_front, owner, ward_models) -> Decision:
    """A numbered, signed draft of the ward's Front listing both ward models, the first typical."""
    decision = draft(tamky_front, owner, number=7, **SIGNER)
    services.add_initiatives(decision, ward_models, actor=owner, typical={ward_models[0].pk})
    return Decision.objects.get(pk=decision.pk)


@pytest.fixture
def ward_issued(ward_draft, owner) -> Decision:
    return services.transition(ward_draft, "issue", actor=owner)


def proposal(unit_, actor, form, name="Chi hội phụ nữ khối phố An Thổ", **extra):
    data = {
        "year": 2026,
        "award_form": form,
        "holder": Holder.COLLECTIVE,
        "recipient_name": name,
        "occasion": "Hội nghị biểu dương mô hình, điển hình “Dân vận khéo” năm 2026",
        **extra,
    }
    return services.create_proposal(unit_, data, actor=actor)
