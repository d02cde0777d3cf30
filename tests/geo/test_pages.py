"""The directory, the area page and adding a village, for each persona."""

import pytest
from django.urls import reverse

from danvan.geo.models import Area, AreaLevel, Era

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def danang_commune(name):
    danang = Area.objects.get(era=Era.CURRENT, level=AreaLevel.PROVINCE, name="Thành phố Đà Nẵng")
    return Area.objects.get_children(danang).get(name=name)


@pytest.mark.parametrize("persona", ["owner", "ancestor", "stranger", "anonymous"])
@pytest.mark.parametrize(
    "url",
    [
        lambda: reverse("home"),
        lambda: reverse("geo:directory"),
        lambda: reverse("geo:directory") + "?q=tam+ky",
        lambda: reverse("geo:directory") + "?era=legacy",
        lambda: reverse("geo:area", args=[danang_commune("Phường Tam Kỳ").pk]),
        lambda: reverse("geo:area", args=[danang_commune("Phường Tam Kỳ").pk]) + "?q=an+tho",
        lambda: reverse("geo:area", args=[Area.objects.get(era=Era.LEGACY, name="Tỉnh Quảng Nam").pk]),
    ],
    ids=["home", "directory", "directory search", "former provinces", "area", "area search", "former area"],
)
def test_reference_pages_are_open_to_every_officer(personas, persona, url):
    response = personas[persona].get(url())
    if persona == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)
    else:
        assert response.status_code == 200


def test_directory_lists_current_or_former_provinces(personas):
    current = personas["owner"].get(reverse("geo:directory")).context["provinces"]
    assert current.count() == 34
    former = personas["owner"].get(reverse("geo:directory") + "?era=legacy").context["provinces"]
    assert former.count() == 63
    assert "Tỉnh Quảng Nam" in {p.name for p in former}


@pytest.mark.parametrize(
    ("persona", "units_found"),
    [
        ("owner", {"Đảng ủy phường Tam Kỳ", "Ủy ban nhân dân phường Tam Kỳ"}),
        ("ancestor", {"Đảng ủy phường Tam Kỳ", "Thành ủy Tam Kỳ"}),
        ("stranger", set()),
    ],
)
def test_directory_search_shows_areas_to_all_and_units_by_permission(personas, persona, units_found):
    context = personas[persona].get(reverse("geo:directory"), {"q": "tam kỳ"}).context
    assert "Phường Tam Kỳ" in {a.name for a in context["areas"]}
    units = {u.name for u in context["units"]}
    assert units_found <= units
    if not units_found:
        assert units == set()
    assert not any("Hải Châu" in name for name in units)


def test_directory_search_da_nang(personas):
    context = personas["ancestor"].get(reverse("geo:directory"), {"q": "da nang"}).context
    areas = [a.name for a in context["areas"]]
    assert areas[0] == "Thành phố Đà Nẵng"
    assert areas.index("Thành phố Đà Nẵng") < areas.index("Phường Nguyễn Đại Năng")
    assert context["units"][0].name == "Thành ủy Đà Nẵng"


def test_directory_search_with_htmx_returns_the_fragment(personas):
    response = personas["owner"].get(reverse("geo:directory"), {"q": "tam ky"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "geo/_search_results.html"
    assert b"<html" not in response.content


@pytest.mark.parametrize(
    ("persona", "units", "can_add"),
    [
        ("owner", True, True),
        ("ancestor", True, True),
        ("stranger", False, False),
    ],
)
def test_area_page(personas, persona, units, can_add):
    tam_ky = danang_commune("Phường Tam Kỳ")
    context = personas[persona].get(reverse("geo:area", args=[tam_ky.pk])).context
    assert context["area"] == tam_ky
    assert [a.name for a in context["ancestors"]] == ["Thành phố Đà Nẵng"]
    assert {v.name for v in context["page"]} >= {"Khối phố An Thổ", "Khối phố 7"}
    assert bool(list(context["units"])) is units
    assert context["can_add_village"] is can_add
    assert {link.predecessor.name for link in context["predecessors"]} >= {"Phường An Mỹ", "Phường An Xuân"}


def test_area_page_of_a_former_commune_shows_its_successor(personas):
    tam_thanh = next(
        a
        for a in Area.objects.filter(era=Era.LEGACY, name="Xã Tam Thanh")
        if a.ancestors()[-1].name == "Thành phố Tam Kỳ"
    )
    context = personas["stranger"].get(reverse("geo:area", args=[tam_thanh.pk])).context
    assert [link.successor.name for link in context["successors"]] == ["Phường Quảng Phú"]
    assert context["can_add_village"] is False  # nobody adds villages to a former commune


def test_unknown_area_is_404(personas):
    assert personas["owner"].get(reverse("geo:area", args=[10**9])).status_code == 404


@pytest.mark.parametrize(
    ("persona", "status", "created"),
    [("owner", 302, True), ("ancestor", 302, True), ("stranger", 403, False), ("anonymous", 302, False)],
)
def test_add_village_matrix(personas, persona, status, created):
    tam_ky = danang_commune("Phường Tam Kỳ")
    before = Area.objects.get_children(tam_ky).count()
    response = personas[persona].post(
        reverse("geo:add_village", args=[tam_ky.pk]), {"kind": "khoi_pho", "name": "Mỹ Thạch Nam"}
    )
    assert response.status_code == status
    if persona == "anonymous":
        assert response["Location"].startswith(LOGIN)
    elif status == 302:
        assert response["Location"] == reverse("geo:area", args=[tam_ky.pk])
    after = Area.objects.get_children(tam_ky)
    assert after.count() == before + (1 if created else 0)
    assert after.filter(name="Khối phố Mỹ Thạch Nam").exists() is created


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "khoi_pho", "name": "An Thổ"},
        {"kind": "khoi_pho", "name": ""},
        {"kind": "xa", "name": "Mới"},
        {},
    ],
    ids=["duplicate", "no name", "wrong kind", "empty"],
)
def test_add_village_bad_input_changes_nothing(personas, data):
    from django.contrib.messages import ERROR, get_messages

    tam_ky = danang_commune("Phường Tam Kỳ")
    before = list(Area.objects.get_children(tam_ky).values_list("pk", "name"))
    response = personas["owner"].post(reverse("geo:add_village", args=[tam_ky.pk]), data)
    assert response.status_code == 302
    assert list(Area.objects.get_children(tam_ky).values_list("pk", "name")) == before
    assert [m.level for m in get_messages(response.wsgi_request)] == [ERROR]


def test_add_village_to_a_province_is_refused(personas, admin_user):
    from tests.conftest import client_for

    danang = Area.objects.get(era=Era.CURRENT, level=AreaLevel.PROVINCE, name="Thành phố Đà Nẵng")
    before = danang.numchild
    response = client_for(admin_user).post(
        reverse("geo:add_village", args=[danang.pk]), {"kind": "thon", "name": "Thôn Lạ"}
    )
    assert response.status_code == 302
    danang.refresh_from_db()
    assert danang.numchild == before


def test_add_village_refuses_get(personas):
    tam_ky = danang_commune("Phường Tam Kỳ")
    assert personas["owner"].get(reverse("geo:add_village", args=[tam_ky.pk])).status_code == 405
