"""GET /api/v1/areas and /api/v1/areas/{id}: reference data every signed-in caller may read."""

import pytest

from danvan.geo.models import Area, AreaLevel, Era
from tests.api.conftest import get_json

pytestmark = pytest.mark.django_db

AREAS = "/api/v1/areas"


def area(name, era=Era.CURRENT, **kw):
    return Area.objects.get(name=name, era=era, **kw)


@pytest.mark.parametrize(
    ("params", "count"),
    [
        ({"level": "province", "active": "true"}, 34),
        ({"level": "commune", "active": "true"}, 3321),
        ({"level": "district", "active": "false"}, 696),
        ({"level": "district", "active": "true"}, 0),
        ({"level": "province", "active": "false"}, 63),
        ({"level": "province"}, 97),
        ({"level": "commune", "active": "false"}, 10_035),
    ],
)
def test_level_and_active_filters(personas, params, count):
    body = get_json(personas["owner"], AREAS, params)
    assert set(body) == {"count", "items"}
    assert body["count"] == count
    assert len(body["items"]) == min(count, 50)
    for item in body["items"]:
        assert item["level"] == params["level"]
        if "active" in params:
            assert item["active"] is (params["active"] == "true")


def test_items_have_the_documented_fields(personas):
    body = get_json(personas["owner"], AREAS, {"level": "district", "limit": 1})
    item = body["items"][0]
    assert {
        "id", "code", "name", "short_name", "level", "kind", "kind_label", "era", "active",
        "valid_from", "valid_until", "latitude", "longitude", "area_km2", "depth", "children_count",
    } <= set(item)  # fmt: skip
    assert item["era"] == "legacy"
    assert item["valid_until"] == "2025-06-30"  # ISO dates in JSON
    assert item["valid_from"] is None
    assert item["children_count"] == Area.objects.get(pk=item["id"]).numchild


def test_parent_filter_lists_direct_children(personas):
    danang = area("Thành phố Đà Nẵng", level=AreaLevel.PROVINCE)
    body = get_json(personas["stranger"], AREAS, {"parent": danang.pk, "limit": 500})
    assert body["count"] == danang.numchild
    names = {i["name"] for i in body["items"]}
    assert {"Phường Tam Kỳ", "Phường Hải Châu", "Phường Quảng Phú"} <= names
    assert {i["depth"] for i in body["items"]} == {2}
    tam_ky = area("Phường Tam Kỳ")
    villages = get_json(personas["stranger"], AREAS, {"parent": tam_ky.pk})
    assert {i["name"] for i in villages["items"]} >= {"Khối phố An Thổ", "Khối phố 7"}
    assert {i["level"] for i in villages["items"]} == {"village"}


@pytest.mark.parametrize("query", ["tam ky", "Tam Kỳ", "TAM KY"])
def test_q_finds_tam_ky(personas, query):
    body = get_json(personas["owner"], AREAS, {"q": query, "level": "commune", "active": "true"})
    assert body["items"][0]["name"] == "Phường Tam Kỳ"


def test_q_ranks_the_city_of_da_nang_first(personas):
    body = get_json(personas["ancestor"], AREAS, {"q": "da nang"})
    names = [i["name"] for i in body["items"]]
    assert names[0] == "Thành phố Đà Nẵng"
    assert "Phường Nguyễn Đại Năng" in names
    assert names.index("Thành phố Đà Nẵng") < names.index("Phường Nguyễn Đại Năng")
    current = get_json(personas["ancestor"], AREAS, {"q": "đà nẵng", "active": "true"})
    assert [i["name"] for i in current["items"]][:1] == ["Thành phố Đà Nẵng"]
    assert current["items"][0]["level"] == "province"


def test_limit_and_offset(personas):
    c = personas["owner"]
    params = {"level": "commune", "active": "true"}
    first = get_json(c, AREAS, {**params, "limit": 5})
    second = get_json(c, AREAS, {**params, "limit": 5, "offset": 5})
    both = get_json(c, AREAS, {**params, "limit": 10})
    assert first["count"] == second["count"] == 3321
    assert len(first["items"]) == len(second["items"]) == 5
    assert [i["id"] for i in first["items"] + second["items"]] == [i["id"] for i in both["items"]]
    past_the_end = get_json(c, AREAS, {**params, "offset": 5000})
    assert past_the_end == {"count": 3321, "items": []}
    most = get_json(c, AREAS, {**params, "limit": 500})
    assert len(most["items"]) == 500


def test_detail_of_a_former_commune(personas):
    tam_thanh = next(
        a
        for a in Area.objects.filter(era=Era.LEGACY, name="Xã Tam Thanh")
        if a.ancestors()[-1].name == "Thành phố Tam Kỳ"
    )
    body = get_json(personas["stranger"], f"{AREAS}/{tam_thanh.pk}")
    assert body["name"] == "Xã Tam Thanh"
    assert body["active"] is False
    assert [a["name"] for a in body["ancestors"]] == ["Tỉnh Quảng Nam", "Thành phố Tam Kỳ"]
    assert body["parent"]["name"] == "Thành phố Tam Kỳ"
    assert [(s["name"], s["is_default"]) for s in body["successors"]] == [("Phường Quảng Phú", True)]
    assert body["predecessors"] == []
    quang_phu = get_json(personas["stranger"], f"{AREAS}/{body['successors'][0]['id']}")
    assert quang_phu["active"] is True
    assert tam_thanh.pk in {p["id"] for p in quang_phu["predecessors"]}
    assert [a["name"] for a in quang_phu["ancestors"]] == ["Thành phố Đà Nẵng"]


def test_detail_of_a_split_commune_lists_the_default_first(personas):
    cong_vi = area("Phường Cống Vị", era=Era.LEGACY)
    body = get_json(personas["owner"], f"{AREAS}/{cong_vi.pk}")
    assert [(s["name"], s["is_default"]) for s in body["successors"]] == [
        ("Phường Ngọc Hà", True),
        ("Phường Giảng Võ", False),
    ]


def test_detail_of_a_province_has_no_parent(personas):
    danang = area("Thành phố Đà Nẵng", level=AreaLevel.PROVINCE)
    body = get_json(personas["owner"], f"{AREAS}/{danang.pk}")
    assert body["parent"] is None
    assert body["ancestors"] == []
    assert "Tỉnh Quảng Nam" in {p["name"] for p in body["predecessors"]}


@pytest.mark.parametrize("persona", ["owner", "ancestor", "stranger"])
def test_every_officer_reads_the_same_reference_data(personas, persona):
    body = get_json(personas[persona], AREAS, {"q": "tam ky"})
    assert body["count"] == 3  # Phường Tam Kỳ, the former Thành phố Tam Kỳ, a former Xã Tam Kỳ


@pytest.mark.parametrize("url", [AREAS, f"{AREAS}/1", f"{AREAS}?level=province"])
def test_anonymous_gets_401(personas, url):
    response = personas["anonymous"].get(url)
    assert response.status_code == 401
    assert set(response.json()) == {"detail"}
