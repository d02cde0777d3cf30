"""Reception schedules, sessions and dialogues built through the services for the reception tests.

The units: Ủy ban nhân dân phường Tam Kỳ (`ward_pc`, under Đảng ủy phường Tam Kỳ, the unit of
canbo.tamky — the "owner"), its Front (`ward_front`), the city's People's Committee (`city_pc`,
under Thành ủy Đà Nẵng, the unit of canbo.danang — the "ancestor") and Ủy ban nhân dân phường Hải
Châu (`hc_pc`, under Đảng ủy phường Hải Châu, the unit of canbo.haichau — the "stranger")."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from danvan.orgs.models import Unit
from danvan.reception import services
from danvan.reception.models import Presider, SessionKind
from danvan.reception.rules import HeadPosition
from danvan.reception.workflow import SessionStatus

SINCE = date(2025, 7, 1)
THURSDAY = "3"


def _unit(name: str) -> Unit:
    return Unit.objects.select_related("unit_type", "area").get(name=name)


@pytest.fixture
def ward_pc(db):
    return _unit("Ủy ban nhân dân phường Tam Kỳ")


@pytest.fixture
def ward_party(db):
    return _unit("Đảng ủy phường Tam Kỳ")


@pytest.fixture
def ward_front(db):
    return _unit("Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ")


@pytest.fixture
def city_pc(db):
    return _unit("Ủy ban nhân dân thành phố Đà Nẵng")


@pytest.fixture
def hc_pc(db):
    return _unit("Ủy ban nhân dân phường Hải Châu")


@pytest.fixture
def leader(db):
    return get_user_model().objects.get(username="lanhdao.danang")


@pytest.fixture
def handler(db):
    """tiepdan.tamky: petition handler of Ủy ban nhân dân phường Tam Kỳ."""
    return get_user_model().objects.get(username="tiepdan.tamky")


@pytest.fixture
def council(db):
    """hoidong.danang: an appraisal council member of the city (sees, changes nothing here)."""
    return get_user_model().objects.get(username="hoidong.danang")


def make_schedule(unit, actor, **data):
    values = {
        "position": HeadPosition.COMMUNE_PC_CHAIR,
        "head_name": "Nguyễn Thành Trung",
        "head_title": "Chủ tịch Ủy ban nhân dân phường",
        "weekdays": THURSDAY,
        "place": "Phòng tiếp công dân",
        "valid_from": SINCE,
    }
    values.update(data)
    return services.create_schedule(unit, values, actor=actor)


def record(schedule, actor, day, status=SessionStatus.HELD, presided=Presider.HEAD, comment="", **data):
    values = {"held_on": day, "citizens_count": 3}
    if status == SessionStatus.HELD:
        values["presided_by"] = presided
        if presided == Presider.DEPUTY:
            values["presider_name"] = "Đoàn Minh Khoa, Phó Chủ tịch"
    values.update(data)
    if status == SessionStatus.NOT_HELD and not comment:
        comment = "Chủ tịch họp đột xuất tại thành phố"
    return services.record_session(
        None, values, actor=actor, schedule=schedule, status=status, comment=comment
    )


def ad_hoc(unit, actor, day, **data):
    values = {"held_on": day, "ad_hoc_reason": "mass", "presided_by": Presider.HEAD, "citizens_count": 30}
    values.update(data)
    return services.record_session(
        unit,
        values,
        actor=actor,
        kind=SessionKind.AD_HOC,
        status=SessionStatus.HELD,
        schedule=data.get("schedule"),
    )


def make_dialogue(organizer, actor, front=None, **data):
    values = {
        "front": front,
        "title": "Hội nghị đối thoại năm 2026",
        "held_on": date(2026, 6, 18),
        "place": "Hội trường phường",
        "chaired_by": "Chủ tịch Ủy ban nhân dân phường",
        "participants_count": 80,
    }
    values.update(data)
    return services.create_dialogue(organizer, values, actor=actor)


def commit(dialogue, actor, owner=None, due=date(2026, 7, 31), **data):
    values = {
        "content": "Nạo vét mương thoát nước khối phố Trường Đồng",
        "owner_unit": owner or dialogue.organizer,
        "owner_person": "Phó Chủ tịch phụ trách đô thị",
        "due_on": due,
    }
    values.update(data)
    return services.add_commitment(dialogue, values, actor=actor)
