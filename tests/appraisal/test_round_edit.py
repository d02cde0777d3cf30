"""Changing a draft round's header: who may, what is checked, and that scoring freezes it."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from danvan.appraisal import services
from danvan.appraisal.models import AppraisalRound
from danvan.core.services import ServiceError
from danvan.initiatives.models import Holder
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def snapshot(round_):
    round_ = AppraisalRound.objects.get(pk=round_.pk)
    return (round_.name, round_.year, round_.collective_set_id, round_.individual_set_id, round_.note)


def test_the_standing_agency_renames_a_draft_round_with_history(draft_round, ancestor):
    services.edit_round(
        draft_round, {"name": "  Thẩm định   bổ sung năm 2026 ", "note": "Đợt 2"}, actor=ancestor
    )
    draft_round.refresh_from_db()
    assert draft_round.name == "Thẩm định bổ sung năm 2026" and draft_round.note == "Đợt 2"
    event = draft_round.events.order_by("-pk").first()
    assert event.action == "edit" and event.actor == ancestor
    assert draft_round.history.first().history_change_reason == event.comment
    assert str(AppraisalRound._meta.get_field("name").verbose_name) in event.comment


def test_nothing_changes_when_nothing_differs(draft_round, ancestor):
    before = draft_round.events.count()
    services.edit_round(draft_round, {"name": draft_round.name}, actor=ancestor)
    assert draft_round.events.count() == before


@pytest.mark.parametrize("persona", ["owner", "stranger", "leader"])
def test_only_the_standing_agency_changes_a_round(request, draft_round, persona):
    user = request.getfixturevalue(persona)
    before = snapshot(draft_round)
    with pytest.raises(PermissionDenied):
        services.edit_round(draft_round, {"name": "Đổi tên"}, actor=user)
    assert snapshot(draft_round) == before


@pytest.mark.parametrize(
    "data",
    [
        {"name": "   "},
        {"year": 1999},
        {"collective_set": None, "individual_set": None},
    ],
)
def test_bad_input_changes_nothing(draft_round, ancestor, data):
    before = snapshot(draft_round)
    with pytest.raises(ServiceError):
        services.edit_round(draft_round, data, actor=ancestor)
    assert snapshot(draft_round) == before


def test_a_set_the_candidates_need_cannot_be_dropped(ready_round, ancestor):
    before = snapshot(ready_round)
    with pytest.raises(ServiceError):
        services.edit_round(ready_round, {"individual_set": None}, actor=ancestor)
    assert snapshot(ready_round) == before


def test_scoring_freezes_the_header(scoring_round, ancestor):
    before = snapshot(scoring_round)
    with pytest.raises(ServiceError):
        services.edit_round(scoring_round, {"name": "Đổi tên khi đang chấm"}, actor=ancestor)
    assert snapshot(scoring_round) == before


@pytest.mark.parametrize(
    ("persona", "status"),
    [("ancestor", 200), ("leader", 403), ("owner", 404), ("stranger", 404), ("anonymous", 302)],
)
def test_edit_page_permission_matrix(request, draft_round, persona, status):
    client = client_for(request.getfixturevalue(persona)) if persona != "anonymous" else client_for(None)
    response = client.get(reverse("appraisal:round_edit", args=[draft_round.pk]))
    assert response.status_code == status


def test_edit_page_saves_and_redirects(draft_round, ancestor, sets):
    client = client_for(ancestor)
    url = reverse("appraisal:round_edit", args=[draft_round.pk])
    response = client.post(
        url,
        {
            "name": "Thẩm định mô hình tập thể năm 2026",
            "year": 2026,
            "collective_set": sets[Holder.COLLECTIVE].pk,
            "individual_set": "",
            "note": "",
        },
    )
    assert response.status_code == 302
    draft_round.refresh_from_db()
    assert draft_round.name == "Thẩm định mô hình tập thể năm 2026" and draft_round.individual_set is None
    page = client.get(reverse("appraisal:round", args=[draft_round.pk]))
    assert b'data-testid="edit-round"' in page.content


def test_api_patch(draft_round, ancestor, stranger):
    url = f"/api/v1/appraisal/rounds/{draft_round.pk}"
    ok = client_for(ancestor).patch(
        url, {"name": "Đợt thẩm định đã đổi tên"}, content_type="application/json"
    )
    assert ok.status_code == 200 and ok.json()["name"] == "Đợt thẩm định đã đổi tên"
    assert client_for(stranger).patch(url, {"name": "x"}, content_type="application/json").status_code == 404
    bad = client_for(ancestor).patch(url, {"collective_set": 999999}, content_type="application/json")
    assert bad.status_code in (400, 422) and bad.json()["detail"]


def test_api_patch_refused_once_scoring(scoring_round, ancestor):
    before = snapshot(scoring_round)
    frozen = client_for(ancestor).patch(
        f"/api/v1/appraisal/rounds/{scoring_round.pk}", {"name": "x y"}, content_type="application/json"
    )
    assert frozen.status_code == 400 and snapshot(scoring_round) == before
