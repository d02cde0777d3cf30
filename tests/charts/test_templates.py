"""The includes pages use, the vendored Leaflet, and the tile-server setting."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.test import override_settings
from django.utils import translation
from django.utils.translation import gettext

from danvan import charts
from tests.charts.conftest import SVG, parse

POINTS = [
    ("Phường Hải Châu", 16.0762, 108.218, 13, "/areas/1/"),
    ("Phường Tam Kỳ", 15.57, 108.47, 6, "/areas/4/"),
]


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def test_chart_include_has_the_figure_and_a_table_of_the_same_figures():
    chart = charts.bar(
        [("Hải Châu", 1500), ("Tam Kỳ", 2.5)],
        title="Mô hình",
        unit_label="mô hình",
        caption="Nguồn: báo cáo năm",
    )
    html = render_to_string("charts/_chart.html", {"chart": chart})
    assert html.count("<figure") == 1
    assert chart.svg() in html  # inlined, not escaped
    assert '<figcaption class="figure-caption">Nguồn: báo cáo năm</figcaption>' in html
    assert gettext("Show the figures") in html
    rows = re.findall(r'<th scope="row"[^>]*>([^<]*)</th><td class="text-end">([^<]*)</td>', html)
    assert rows == [("Hải Châu", "1.500"), ("Tam Kỳ", "2,5")]
    assert "<caption" in html and "Mô hình (mô hình)" in html


def test_chart_include_for_an_empty_chart():
    html = render_to_string("charts/_chart.html", {"chart": charts.line([], {}, title="Khen thưởng")})
    assert html.count(gettext("No data yet")) >= 2  # in the drawing and in the table
    assert "<figcaption" not in html


def test_map_include_without_a_tile_server_is_plain_svg():
    plain = charts.point_map(POINTS, title="Đà Nẵng", unit_label="mô hình")
    html = render_to_string("charts/_map.html", {"map": plain})
    assert plain.svg() in html
    assert "<script" not in html and "leaflet" not in html
    assert "data-map-tiles" not in html
    assert re.findall(r'<th scope="row"[^>]*>([^<]*)</th>', html) == ["Phường Hải Châu", "Phường Tam Kỳ"]


@override_settings(MAP_TILES_URL="https://tiles.example.vn/{z}/{x}/{y}.png", MAP_TILES_ATTRIBUTION="© Bản đồ")
def test_map_include_with_a_tile_server_adds_leaflet_and_the_points():
    plain = charts.point_map(POINTS, title="Đà Nẵng", unit_label="mô hình")
    html = render_to_string("charts/_map.html", {"map": plain})
    assert f'id="{plain.dom_id}"' in html
    assert 'data-map-tiles="https://tiles.example.vn/{z}/{x}/{y}.png"' in html
    assert 'data-map-attribution="© Bản đồ"' in html
    # the points as JSON data (not executed, so the CSP allows it), scripts loaded from files
    found = re.search(r'<script id="([^"]+)" type="application/json">(.*?)</script>', html, re.S)
    assert found and found.group(1) == plain.dom_id + "-points"
    assert f'data-map-points="{found.group(1)}"' in html
    assert json.loads(found.group(2)) == json.loads(json.dumps(plain.data()))
    assert re.findall(r'<script src="([^"]+)" defer></script>', html) == [
        "/static/leaflet/leaflet.js",
        "/static/charts/map.js",
    ]
    assert "/static/leaflet/leaflet.css" in html
    for script in re.findall(r"<script[^>]*>", html):  # no inline JavaScript
        assert "src=" in script or 'type="application/json"' in script


@override_settings(MAP_TILES_URL="https://tiles.example.vn/{z}/{x}/{y}.png")
def test_an_empty_map_needs_no_leaflet():
    html = render_to_string("charts/_map.html", {"map": charts.point_map([])})
    assert "<script" not in html


def test_the_map_svg_inlined_in_html_is_well_formed():
    html = render_to_string("charts/_map.html", {"map": charts.point_map(POINTS)})
    svg = re.search(r"<svg.*</svg>", html, re.S).group()
    assert parse(svg).find(f"{SVG}title") is not None


@pytest.mark.parametrize(
    "path",
    [
        "leaflet/leaflet.js",
        "leaflet/leaflet.css",
        "leaflet/images/layers.png",
        "charts/map.js",
        "charts/map.css",
    ],
)
def test_static_files_are_served(path):
    assert finders.find(path)


def _settings_with(env: dict) -> subprocess.CompletedProcess:
    """The settings module as a fresh process reads it from the environment."""
    code = (
        "import json, danvan.settings as s;"
        "policy = s.CONTENT_SECURITY_POLICY['DIRECTIVES'];"
        "print(json.dumps({'tiles': s.MAP_TILES_URL, 'img': policy['img-src']}))"
    )
    environment = {**os.environ, "DANVAN_SECRET_KEY": "x" * 50, **env}
    return subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True)


def _read(env: dict) -> dict:
    result = _settings_with(env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_tile_server_setting_opens_the_image_policy_to_it_only():
    assert _read({"DANVAN_MAP_TILES_URL": ""}) == {"tiles": "", "img": ["'self'", "data:"]}
    configured = _read({"DANVAN_MAP_TILES_URL": "https://{s}.tile.example.org/{z}/{x}/{y}.png"})
    assert configured["img"] == ["'self'", "data:", "https://*.tile.example.org"]
    wrong = _settings_with({"DANVAN_MAP_TILES_URL": "tiles.example.org/{z}/{x}/{y}.png"})
    assert wrong.returncode != 0 and "DANVAN_MAP_TILES_URL must be an http(s) URL" in wrong.stderr


def test_the_table_under_a_chart_or_map_escapes_its_labels():
    label = '<script>alert("x")</script> & Co'
    chart = charts.bar([(label, 3), ("Tam Kỳ", 1)], title="Mô hình", unit_label="mô hình")
    place = charts.point_map([(label, 16.0, 108.2, 7, "/areas/1/")], title="Đà Nẵng", unit_label="mô hình")
    for html in (
        render_to_string("charts/_chart.html", {"chart": chart}),
        render_to_string("charts/_map.html", {"map": place}),
    ):
        table = html[html.index("<tbody>") : html.index("</tbody>")]
        assert "<script>" not in table
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in table
