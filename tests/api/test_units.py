"""GET /api/v1/units, /units/{id}, /units/{id}/history: the same policy as the pages."""

import pytest

from danvan.core.permissions import visible_units
from danvan.geo.models import Area, Era
from danvan.orgs.models import Unit
from tests.api.conftest import get_json

pytestmark = pytest.mark.django_db

UNITS = "/api/v1/units"


def unit(name):
    return Unit.objects.get(name=name)


def all_items(client, params=None):
    body = get_json(client, UNITS, {"limit": 500, **(params or {})})
    assert body["count"] <= 500 or len(body["items"]) == 500
    return body


def test_each_officer_lists_exactly_what_they_may_see(personas, owner, ancestor, stranger, tamky, haichau):
    for name, user in [("owner", owner), ("ancestor", ancestor), ("stranger", stranger)]:
        body = get_json(personas[name], UNITS, {"limit": 500})
        expected = visible_units(user)
        assert body["count"] == expected.count()
        if body["count"] <= 500:
            assert {i["id"] for i in body["items"]} == set(expected.values_list("pk", flat=True))
    own = {i["name"] for i in all_items(personas["owner"])["items"]}
    assert "Đảng ủy phường Tam Kỳ" in own
    assert "Hội Nông dân phường Tam Kỳ" in own
    assert "Đảng ủy phường An Mỹ" in own  # a former ward merged into Tam Kỳ
    assert not any("Hải Châu" in n for n in own)
    assert "Thành ủy Đà Nẵng" not in own
    theirs = {i["name"] for i in all_items(personas["stranger"])["items"]}
    assert "Đảng ủy phường Hải Châu" in theirs
    assert not any("Tam Kỳ" in n for n in theirs)


def test_the_ancestor_sees_both_wards(personas):
    body = get_json(personas["ancestor"], UNITS, {"q": "dang uy phuong", "limit": 500})
    names = {i["name"] for i in body["items"]}
    assert {"Đảng ủy phường Tam Kỳ", "Đảng ủy phường Hải Châu", "Đảng ủy phường An Mỹ"} <= names


@pytest.mark.parametrize(
    ("persona", "found"),
    [("owner", True), ("ancestor", True), ("stranger", False)],
)
def test_q_tam_ky(personas, persona, found):
    body = get_json(personas[persona], UNITS, {"q": "tam ky"})
    names = [i["name"] for i in body["items"]]
    assert ("Đảng ủy phường Tam Kỳ" in names) is found
    if not found:
        assert body == {"count": 0, "items": []}


def test_q_da_nang_for_the_city_officer(personas):
    body = get_json(personas["ancestor"], UNITS, {"q": "Đà Nẵng"})
    assert body["items"][0]["name"] == "Thành ủy Đà Nẵng"
    assert get_json(personas["owner"], UNITS, {"q": "da nang"})["count"] == 0


def test_within(personas, tamky):
    body = get_json(personas["ancestor"], UNITS, {"within": tamky.pk, "limit": 500})
    subtree = Unit.objects.filter(path__startswith=tamky.path)
    assert body["count"] == subtree.count() > 10
    assert {i["id"] for i in body["items"]} == set(subtree.values_list("pk", flat=True))
    assert get_json(personas["owner"], UNITS, {"within": tamky.pk})["count"] == body["count"]


@pytest.mark.parametrize(
    ("persona", "target"), [("stranger", "tamky"), ("owner", "haichau"), ("owner", "city")]
)
def test_within_an_unseen_unit_is_404(personas, persona, target, request):
    target_unit = request.getfixturevalue(target)
    body = get_json(personas[persona], UNITS, {"within": target_unit.pk}, status=404)
    assert "detail" in body


def test_kind_filters_by_category_or_type_code(personas, tamky):
    party = get_json(personas["ancestor"], UNITS, {"kind": "party", "within": tamky.pk})
    assert {i["kind"] for i in party["items"]} == {"party"}
    assert {i["name"] for i in party["items"]} == {"Đảng ủy phường Tam Kỳ"}
    police = get_json(personas["ancestor"], UNITS, {"kind": "police", "limit": 500})
    assert police["count"] > 10
    assert {i["type"]["code"] for i in police["items"]} == {"police"}
    assert {i["kind"] for i in police["items"]} == {"armed_forces"}
    assert get_json(personas["ancestor"], UNITS, {"kind": "no_such_kind"})["count"] == 0


def test_area_filter(personas):
    tam_ky = Area.objects.get(era=Era.CURRENT, name="Phường Tam Kỳ")
    mine = get_json(personas["owner"], UNITS, {"area": tam_ky.pk, "limit": 500})
    assert mine["count"] == Unit.objects.filter(area=tam_ky).count() > 5
    assert {i["area"]["id"] for i in mine["items"]} == {tam_ky.pk}
    assert get_json(personas["stranger"], UNITS, {"area": tam_ky.pk})["count"] == 0


def test_active_filter(personas):
    former = get_json(personas["ancestor"], UNITS, {"active": "false", "limit": 500})
    assert former["count"] > 10
    assert all(i["active"] is False and i["valid_until"] == "2025-06-30" for i in former["items"])
    assert "Tỉnh ủy Quảng Nam" in {i["name"] for i in former["items"]}
    current = get_json(personas["ancestor"], UNITS, {"active": "true", "limit": 1})
    total = get_json(personas["ancestor"], UNITS, {"limit": 1})
    assert current["count"] + former["count"] == total["count"]
    mine = get_json(personas["owner"], UNITS, {"active": "false"})
    assert {i["name"] for i in mine["items"]} >= {"Đảng ủy phường An Mỹ", "Đảng ủy phường An Xuân"}


def test_parent_ids(personas, tamky, city):
    body = get_json(personas["ancestor"], UNITS, {"within": tamky.pk, "limit": 500})
    by_name = {i["name"]: i for i in body["items"]}
    assert by_name["Đảng ủy phường Tam Kỳ"]["parent_id"] == city.pk
    assert by_name["Ủy ban nhân dân phường Tam Kỳ"]["parent_id"] == tamky.pk
    front = unit("Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ")
    assert by_name["Hội Nông dân phường Tam Kỳ"]["parent_id"] == front.pk
    roots = get_json(personas["ancestor"], UNITS, {"q": "Thành ủy Đà Nẵng"})
    assert roots["items"][0]["parent_id"] is None


@pytest.mark.parametrize(
    ("persona", "status"),
    [("owner", 200), ("ancestor", 200), ("stranger", 404), ("anonymous", 401)],
)
def test_unit_detail_matrix(personas, tamky, persona, status):
    body = get_json(personas[persona], f"{UNITS}/{tamky.pk}", status=status)
    if status != 200:
        assert set(body) == {"detail"}
        return
    assert body["name"] == "Đảng ủy phường Tam Kỳ"
    assert body["kind"] == "party"
    assert body["area"]["name"] == "Phường Tam Kỳ"
    (committee,) = body["steering_committees"]
    assert committee["standing_agency"]["name"] == "Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ"
    assert committee["established_on"] == "2025-10-01"
    heads = [m["person"] for m in committee["members"] if m["position"] == "head"]
    assert heads == ["Ngô Văn Sơn"]
    assert [m["position"] for m in committee["members"]] == ["head", "standing_deputy", "deputy", "secretary"]
    assert [p["name"] for p in body["pilot_of"]] == [
        "Phong trào thi đua “Dân vận khéo” thành phố Đà Nẵng giai đoạn 2026–2030"
    ]
    assert {p["name"] for p in body["predecessors"]} == {
        "Đảng ủy phường An Mỹ",
        "Đảng ủy phường An Xuân",
        "Đảng ủy phường Trường Xuân",
    }
    assert body["successors"] == []


def test_unit_detail_shows_only_visible_ancestors(personas, tamky):
    mine = get_json(personas["owner"], f"{UNITS}/{tamky.pk}")
    assert mine["ancestors"] == []  # the city is above the ward officer's grant
    assert mine["parent_id"] is not None  # where it sits is no secret; what is there is
    theirs = get_json(personas["ancestor"], f"{UNITS}/{tamky.pk}")
    assert [a["name"] for a in theirs["ancestors"]] == ["Thành ủy Đà Nẵng"]
    farmers = unit("Hội Nông dân phường Tam Kỳ")
    body = get_json(personas["owner"], f"{UNITS}/{farmers.pk}")
    assert [a["name"] for a in body["ancestors"]] == [
        "Đảng ủy phường Tam Kỳ",
        "Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ",
    ]


@pytest.mark.parametrize(
    ("persona", "status"),
    [("owner", 200), ("ancestor", 200), ("stranger", 404)],
)
def test_a_former_unit_is_seen_through_its_successor(personas, persona, status, tamky):
    former = unit("Đảng ủy phường An Mỹ")
    body = get_json(personas[persona], f"{UNITS}/{former.pk}", status=status)
    if status == 200:
        assert body["active"] is False
        assert [(s["id"], s["is_default"], s["effective_on"]) for s in body["successors"]] == [
            (tamky.pk, True, "2025-07-01")
        ]


@pytest.mark.parametrize(
    ("persona", "status"),
    [("owner", 200), ("ancestor", 200), ("stranger", 404), ("anonymous", 401)],
)
def test_unit_history_matrix(personas, tamky, persona, status):
    body = get_json(personas[persona], f"{UNITS}/{tamky.pk}/history", status=status)
    if status != 200:
        assert set(body) == {"detail"}
        return
    assert body[-1]["action"] == "created"
    assert body[-1]["reason"] == "Dữ liệu mẫu (danvan seed_demo)"
    assert {"at", "user", "action", "reason", "changes"} <= set(body[0])


def test_unit_history_records_changes_with_who_and_why(personas, tamky, ancestor):
    from danvan.core.services import with_reason

    tamky.phone = "0235 3851 234"
    with_reason(tamky, "Cập nhật số điện thoại")
    tamky._history_user = ancestor
    tamky.save()
    body = get_json(personas["owner"], f"{UNITS}/{tamky.pk}/history")
    latest = body[0]
    assert latest["action"] == "changed"
    assert latest["user"] == "canbo.danang"
    assert latest["reason"] == "Cập nhật số điện thoại"
    assert any("0235 3851 234" in change for change in latest["changes"])


@pytest.mark.parametrize("unit_id", [10**9, 2**63, 10**30])
def test_unknown_unit_is_404(personas, unit_id):
    body = get_json(personas["ancestor"], f"{UNITS}/{unit_id}", status=404)
    assert "detail" in body
    get_json(personas["ancestor"], f"{UNITS}/{unit_id}/history", status=404)
