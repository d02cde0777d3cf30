"""The plain map of points: projection, circles, tooltips and links, the remote-point box, PNG."""

from __future__ import annotations

import io
import json

import pytest
from django.utils import translation
from django.utils.translation import gettext
from PIL import Image

from danvan import charts
from danvan.charts.map import MAX_RADIUS, MIN_RADIUS, WIDTH, MapPoint, Projection, radius
from tests.charts.conftest import SVG, parse, texts, view_box

# real coordinates of the areas in the demo data (vietnamadminunits)
HAI_CHAU = ("Phường Hải Châu", 16.0762, 108.218, 13, "/areas/1/")
THANH_KHE = ("Phường Thanh Khê", 16.0697, 108.203, 8, "/areas/2/")
LIEN_CHIEU = ("Phường Liên Chiểu", 16.0933, 108.092, 3, "/areas/3/")
TAM_KY = ("Phường Tam Kỳ", 15.57, 108.47, 6, "/areas/4/")
HAI_VAN = ("Phường Hải Vân", 16.1315, 107.972, 0, "/areas/5/")
HOANG_SA = ("Đặc khu Hoàng Sa", 16.4333, 112.05, 1, "/areas/6/")


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def circles(svg: str) -> list[dict]:
    """Each circle with its tooltip and link."""
    found = []
    for parent in parse(svg).iter():
        for child in parent:
            if child.tag in (f"{SVG}a", f"{SVG}g"):
                circle = child.find(f"{SVG}circle")
                title = child.find(f"{SVG}title")
                if circle is not None:
                    found.append(
                        {
                            "x": float(circle.get("cx")),
                            "y": float(circle.get("cy")),
                            "r": float(circle.get("r")),
                            "title": title.text if title is not None else "",
                            "href": child.get("href") if child.tag == f"{SVG}a" else None,
                        }
                    )
    return found


def by_name(svg: str) -> dict[str, dict]:
    return {c["title"].split(":")[0]: c for c in circles(svg)}


def test_projection_puts_north_at_the_top_and_east_on_the_right():
    points = [MapPoint(*p[:4]) for p in (HAI_CHAU, LIEN_CHIEU, TAM_KY, HAI_VAN)]
    project, height = Projection.fit(points, left=40, top=30, width=560)
    xy = {p.name: project(p.latitude, p.longitude) for p in points}
    assert xy["Phường Hải Vân"][1] < xy["Phường Hải Châu"][1] < xy["Phường Tam Kỳ"][1]  # north on top
    assert xy["Phường Hải Vân"][0] < xy["Phường Liên Chiểu"][0] < xy["Phường Tam Kỳ"][0]  # east right
    for x, y in xy.values():
        assert 40 <= x <= 600 and 30 <= y <= 30 + height
    # equirectangular: a degree of longitude is cos(latitude) of a degree of latitude
    x1, _ = project(16, 108)
    x2, _ = project(16, 109)
    _, y1 = project(16, 108)
    _, y2 = project(17, 108)
    assert (x2 - x1) / (y1 - y2) == pytest.approx(project.shrink)
    assert project.inverse(*project(16.1, 108.2)) == pytest.approx((16.1, 108.2))


def test_every_circle_is_inside_the_view_box_and_north_is_on_top():
    plain = charts.point_map(
        [HAI_CHAU, THANH_KHE, LIEN_CHIEU, TAM_KY, HAI_VAN], title="Đà Nẵng", unit_label="mô hình"
    )
    svg = plain.svg()
    _x, _y, width, height = view_box(svg)
    assert width == WIDTH
    drawn = by_name(svg)
    assert len(drawn) == 5
    for circle in drawn.values():
        assert circle["r"] <= circle["x"] <= width - circle["r"]
        assert circle["r"] <= circle["y"] <= height - circle["r"]
    assert drawn["Phường Hải Vân"]["y"] < drawn["Phường Hải Châu"]["y"] < drawn["Phường Tam Kỳ"]["y"]
    assert drawn["Phường Liên Chiểu"]["x"] < drawn["Phường Hải Châu"]["x"] < drawn["Phường Tam Kỳ"]["x"]


def test_circles_are_sized_by_count_with_a_tooltip_and_a_link():
    svg = charts.point_map([HAI_CHAU, THANH_KHE, LIEN_CHIEU, HAI_VAN], unit_label="mô hình").svg()
    drawn = by_name(svg)
    assert drawn["Phường Hải Châu"]["r"] > drawn["Phường Thanh Khê"]["r"] > drawn["Phường Liên Chiểu"]["r"]
    assert drawn["Phường Hải Châu"]["title"] == "Phường Hải Châu: 13 mô hình"
    assert drawn["Phường Hải Châu"]["href"] == "/areas/1/"
    assert drawn["Phường Hải Vân"]["title"] == "Phường Hải Vân: 0 mô hình"  # zero: an open circle
    assert parse(svg).get("role") == "group"  # links inside: not a flat image
    assert "13" in texts(svg)  # the count written in the large circle
    # a few points are named on the map
    assert {"Phường Hải Châu", "Phường Liên Chiểu"} <= set(texts(svg))


def test_circle_area_grows_with_the_count():
    assert radius(0, 10) < MIN_RADIUS
    assert radius(10, 10) == MAX_RADIUS
    assert radius(1, 10) >= MIN_RADIUS
    # area, not radius, is proportional: four times the count, twice the radius above the minimum
    assert (radius(8, 8) - MIN_RADIUS) == pytest.approx(2 * (radius(2, 8) - MIN_RADIUS))


def test_a_remote_point_goes_to_a_box_beside_the_map():
    svg = charts.point_map(
        [HAI_CHAU, THANH_KHE, LIEN_CHIEU, TAM_KY, HAI_VAN, HOANG_SA], unit_label="mô hình"
    ).svg()
    _x, _y, width, height = view_box(svg)
    drawn = by_name(svg)
    assert gettext("Outside the map frame") in texts(svg)
    assert "Đặc khu Hoàng Sa" in texts(svg)
    box = drawn["Đặc khu Hoàng Sa"]
    assert box["href"] == "/areas/6/"
    assert box["x"] > max(c["x"] for n, c in drawn.items() if n != "Đặc khu Hoàng Sa")
    # the mainland points still spread over the map instead of crowding a corner
    mainland = [c for n, c in drawn.items() if n != "Đặc khu Hoàng Sa"]
    assert max(c["y"] for c in mainland) - min(c["y"] for c in mainland) > height / 3
    for circle in drawn.values():
        assert 0 < circle["x"] < width and 0 < circle["y"] < height


def test_graticule_is_labelled_in_vietnamese():
    drawn = texts(charts.point_map([HAI_CHAU, TAM_KY, HAI_VAN]).svg())
    north, east = gettext("%(degrees)s°N"), gettext("%(degrees)s°E")
    assert any(t.endswith(north % {"degrees": ""}) for t in drawn)
    assert any(t.endswith(east % {"degrees": ""}) for t in drawn)
    assert any("," in t and t.endswith(north % {"degrees": ""}) for t in drawn)  # 15,6°… decimal comma


def test_one_point_and_no_points():
    one = charts.point_map([TAM_KY])
    circle = circles(one.svg())[0]
    _x, _y, width, height = view_box(one.svg())
    assert circle["x"] == pytest.approx(width / 2, abs=30)
    assert height < width  # a landscape frame around it, not a tower
    empty = charts.point_map([("Xã chưa có tọa độ", None, None, 3)], title="Bản đồ mô hình")
    assert empty.is_empty
    assert gettext("No data yet") in texts(empty.svg())
    assert circles(empty.svg()) == []
    assert empty.table.rows == (("Xã chưa có tọa độ", ("3",)),)  # still in the table
    assert empty.png(dpi=50).startswith(b"\x89PNG")


def test_names_are_escaped():
    svg = charts.point_map([('<b>Xã</b> & "thôn"', 16.0, 108.0, 2, "/x/?a=1&b=2")]).svg()
    parse(svg)
    assert "<b>" not in svg
    assert 'href="/x/?a=1&amp;b=2"' in svg


def test_map_svg_is_deterministic_and_has_no_style_attributes():
    points = [HAI_CHAU, THANH_KHE, LIEN_CHIEU, TAM_KY, HAI_VAN, HOANG_SA]
    first = charts.point_map(points, title="Đà Nẵng").svg()
    assert first == charts.point_map(points, title="Đà Nẵng").svg()
    assert "style=" not in first and "<script" not in first
    assert parse(first).get("width") == "100%"


def test_png_has_the_size_of_the_svg():
    plain = charts.point_map([HAI_CHAU, THANH_KHE, TAM_KY], title="Đà Nẵng")
    _x, _y, width, height = view_box(plain.svg())
    image = Image.open(io.BytesIO(plain.png(dpi=144)))
    assert image.format == "PNG"
    assert image.size == (pytest.approx(width * 2, abs=1), pytest.approx(height * 2, abs=1))


def test_data_for_leaflet_matches_the_svg():
    plain = charts.point_map([HAI_CHAU, HAI_VAN, ("Xã chưa có tọa độ", None, None, 3)], unit_label="mô hình")
    data = json.loads(json.dumps(plain.data()))
    assert [p["name"] for p in data["points"]] == ["Phường Hải Châu", "Phường Hải Vân"]
    first = data["points"][0]
    assert first["lat"] == 16.0762 and first["lon"] == 108.218
    assert first["title"] == "Phường Hải Châu: 13 mô hình"
    assert first["url"] == "/areas/1/"
    assert data["points"][1]["empty"] is True
    assert first["radius"] == pytest.approx(by_name(plain.svg())["Phường Hải Châu"]["r"], abs=0.1)
    assert not first["remote"]
    with_remote = charts.point_map([HAI_CHAU, THANH_KHE, LIEN_CHIEU, TAM_KY, HAI_VAN, HOANG_SA]).data()
    assert [p["name"] for p in with_remote["points"] if p["remote"]] == ["Đặc khu Hoàng Sa"]


@pytest.mark.django_db
def test_points_from_the_communes_of_a_province():
    from danvan.geo.models import Area

    city = Area.objects.get(era="2025", level="province", name="Thành phố Đà Nẵng")
    communes = list(Area.objects.within(city).filter(level="commune").order_by("path"))
    points = charts.area_points([(a, i % 4) for i, a in enumerate(communes)], url=lambda a: f"/geo/{a.pk}/")
    plain = charts.point_map(points, title="Đà Nẵng", unit_label="mô hình")
    assert len(plain.located) == len(communes) > 50
    svg = plain.svg()
    drawn = circles(svg)
    assert len(drawn) == len(communes)
    _x, _y, width, height = view_box(svg)
    assert all(0 < c["x"] < width and 0 < c["y"] < height for c in drawn)
    assert {c["href"] for c in drawn} == {f"/geo/{a.pk}/" for a in communes}
    assert len(svg) < 60_000
