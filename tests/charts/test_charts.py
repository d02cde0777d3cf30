"""Charts: SVG to inline in pages, PNG for documents, from one drawing."""

from __future__ import annotations

import io
import threading
import xml.etree.ElementTree as ET
from decimal import Decimal

import docx
import pytest
from django.utils import translation
from django.utils.translation import gettext
from docx.shared import Mm
from PIL import Image

from danvan import charts
from danvan.charts.fonts import CSS, covers, face, text_width
from danvan.charts.style import PALETTE
from tests.charts.conftest import SVG, ids, parse, references, texts, view_box

WARDS = [("Hải Châu", 1500), ("Tam Kỳ", 9), ("Hòa Vang", 7), ("Thanh Khê", 0), ("Sơn Trà", 12)]


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def samples() -> dict[str, charts.Chart]:
    return {
        "bar": charts.bar(WARDS, title="Mô hình được công nhận năm 2025", unit_label="mô hình"),
        "horizontal": charts.bar(
            [("Đảng ủy phường Hải Châu", 12), ("Đảng ủy phường Tam Kỳ", 2.5)],
            title="Mô hình theo đơn vị",
            unit_label="mô hình",
            horizontal=True,
        ),
        "stacked": charts.stacked_bar(
            ["Hải Châu", "Tam Kỳ", "Hòa Vang"],
            {"Đăng ký": [3, 2, 5], "Đang thực hiện": [4, 3, 2], "Được công nhận": [5, 4, 0]},
            title="Mô hình theo trạng thái",
            unit_label="mô hình",
        ),
        "line": charts.line(
            [2021, 2022, 2023, 2024, 2025],
            {"Mô hình": [12, 18, 25, 31, 1240], "Điển hình": [3, 5, None, 9, 11]},
            title="Mô hình và điển hình qua các năm",
            unit_label="số lượng",
        ),
        "donut": charts.donut(
            [("Kinh tế", 14), ("Văn hóa – xã hội", 9), ("Quốc phòng – an ninh", 4)],
            title="Mô hình theo lĩnh vực",
            unit_label="mô hình",
        ),
    }


@pytest.mark.parametrize("kind", list(samples()))
def test_svg_is_inline_ready(kind):
    svg = samples()[kind].svg()
    root = parse(svg)  # well-formed XML
    assert root.tag == f"{SVG}svg"
    assert not svg.startswith("<?xml") and "<!DOCTYPE" not in svg
    # scales with its container, no fixed size
    assert root.get("width") == "100%" and root.get("height") is None
    assert len(view_box(svg)) == 4
    # the Content-Security-Policy forbids inline styles; nothing executable
    assert "style=" not in svg and "<style" not in svg
    assert "<script" not in svg and " on" not in svg.replace(" only", "")
    assert "<metadata" not in svg and "Matplotlib" not in svg
    # accessible: an image with a name that carries the figures
    assert root.get("role") == "img"
    assert root[0].tag == f"{SVG}title" and root[0].text == str(samples()[kind].title)
    assert root.get("aria-label").startswith(str(samples()[kind].title))
    # text stays text, in a font the browser has (a generic family last)
    assert texts(svg) and any(shape in svg for shape in ("<rect ", "<polyline ", "<path d="))
    assert root.get("font-family").endswith("sans-serif")
    # every internal reference resolves
    assert references(svg) <= set(ids(svg))
    assert len(svg) < 15_000


def test_vietnamese_labels_are_text_with_their_diacritics():
    svg = samples()["stacked"].svg()
    drawn = texts(svg)
    for label in ("Hải Châu", "Tam Kỳ", "Hòa Vang", "Đăng ký", "Đang thực hiện", "Được công nhận"):
        assert label in drawn
    assert "Mô hình theo trạng thái" in " ".join(drawn)
    assert "mô hình" in drawn  # the unit on the value axis


def test_the_chart_font_has_vietnamese_letters():
    assert covers(face(bold=False)) and covers(face(bold=True))
    assert not covers(face(), "\ue001")  # the check tells a missing letter
    # the browser's fonts have the widths the layout measured (Arial's), a generic family last
    assert CSS.startswith("Arimo, Arial") and CSS.endswith("sans-serif")
    assert text_width("Hải Châu", 10) == pytest.approx(text_width("Hai Chau", 10))
    assert text_width("Hải Châu", 20) == pytest.approx(2 * text_width("Hải Châu", 10))


def test_values_are_written_on_the_bars_the_vietnamese_way():
    drawn = texts(samples()["bar"].svg())
    assert "1.500" in drawn  # thousands separator "."
    assert {"9", "7", "0", "12"} <= set(drawn)
    horizontal = texts(samples()["horizontal"].svg())
    assert "2,5" in horizontal  # decimal comma
    assert "Đảng ủy phường Hải Châu" in horizontal
    line = texts(samples()["line"].svg())
    assert "1.240" in line
    assert "2021" in line and "2.021" not in line  # years are not amounts
    stacked = texts(samples()["stacked"].svg())
    assert {"12", "9", "7"} <= set(stacked)  # totals above the bars


def test_large_amounts_are_written_in_words():
    chart = charts.bar(
        [("Hải Châu", 1_250_000_000), ("Tam Kỳ", 350_500_000)], title="Kinh phí", unit_label="đồng"
    )
    drawn = texts(chart.svg())
    assert f"1,25 {gettext('billion')}" in drawn
    assert f"350,5 {gettext('million')}" in drawn
    # the table keeps every digit
    assert chart.table.rows[0][1] == ("1.250.000.000",)


def test_donut_shows_the_total_and_the_shares():
    chart = samples()["donut"]
    drawn = " ".join(texts(chart.svg()))
    assert "27" in texts(chart.svg())  # the total in the middle
    assert "Kinh tế — 14 (51,9%)" in drawn
    assert chart.table.headers == (gettext("Item"), "mô hình", gettext("Share"))
    assert chart.table.rows[1] == ("Văn hóa – xã hội", ("9", "33,3%"))


def test_table_and_description_carry_the_same_figures():
    chart = samples()["bar"]
    assert chart.table.rows[0] == ("Hải Châu", ("1.500",))
    assert "Hải Châu: 1.500 mô hình" in chart.description()
    stacked = samples()["stacked"]
    assert stacked.table.headers[-1] == gettext("Total")
    assert stacked.table.rows[0] == ("Hải Châu", ("3", "4", "5", "12"))
    assert "Hải Châu: Đăng ký 3, Đang thực hiện 4, Được công nhận 5, " in stacked.description()
    line = samples()["line"]
    assert line.table.headers == (gettext("Year"), "Mô hình", "Điển hình")
    assert line.table.rows[2] == ("2023", ("25", "—"))  # a gap, not a zero


def test_description_of_a_long_chart_is_cut_but_the_table_is_not():
    chart = charts.bar([(f"Xã {i}", i) for i in range(60)], title="Xã", horizontal=True)
    assert chart.description().endswith("; ….")
    assert len(chart.table.rows) == 60


@pytest.mark.parametrize(
    "chart",
    [
        charts.bar([], title="Khen thưởng năm 2026", unit_label="quyết định"),
        charts.bar([("Hải Châu", None)], title="Khen thưởng năm 2026"),
        charts.stacked_bar([], {}, title="Khen thưởng năm 2026"),
        charts.line([2025, 2026], {"Mô hình": [None, None]}, title="Khen thưởng năm 2026"),
        charts.donut([("Kinh tế", 0)], title="Khen thưởng năm 2026"),
    ],
    ids=["bar", "bar-none", "stacked", "line", "donut-zero"],
)
def test_empty_data_draws_a_clear_chart(chart):
    assert chart.is_empty
    svg = chart.svg()
    assert gettext("No data yet") in texts(svg)
    assert gettext("No data yet") in parse(svg).get("aria-label")
    assert "Khen thưởng năm 2026" in texts(svg)
    assert chart.png(dpi=72).startswith(b"\x89PNG")


def test_no_data_yet_reads_in_vietnamese():
    from pathlib import Path

    namespace: dict = {}
    exec(Path("tools/vi/charts.py").read_text(encoding="utf-8"), namespace)  # the catalogue part
    assert namespace["VI"]["No data yet"] == "Chưa có số liệu"


@pytest.mark.parametrize(("dpi", "size"), [(72, (518, 259)), (100, (720, 360)), (200, (1440, 720))])
def test_png_is_a_real_png_of_the_expected_size(dpi, size):
    data = samples()["bar"].png(dpi=dpi)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    assert image.size == size


def test_png_has_the_chart_colours():
    image = Image.open(io.BytesIO(samples()["bar"].png(dpi=72))).convert("RGB")
    bar_colour = tuple(int(PALETTE[0][i : i + 2], 16) for i in (1, 3, 5))
    assert bar_colour in {colour for _count, colour in image.getcolors(maxcolors=100_000)}


def test_png_goes_into_a_docx():
    document = docx.Document()
    document.add_picture(io.BytesIO(samples()["line"].png(dpi=200)), width=Mm(160))
    out = io.BytesIO()
    document.save(out)
    reread = docx.Document(io.BytesIO(out.getvalue()))
    assert len(reread.inline_shapes) == 1
    assert reread.inline_shapes[0].width == Mm(160)


def test_horizontal_bars_grow_with_the_number_of_categories():
    few = charts.bar([("A", 1), ("B", 2)], title="t", horizontal=True)
    many = charts.bar([(str(i), i) for i in range(20)], title="t", horizontal=True)
    assert many.figure_size()[1] > few.figure_size()[1]
    width, height = Image.open(io.BytesIO(many.png(dpi=100))).size
    assert (width, height) == (720, round(many.figure_size()[1] * 100))


def test_output_is_deterministic():
    first = {kind: chart.svg() for kind, chart in samples().items()}
    second = {kind: chart.svg() for kind, chart in samples().items()}
    assert first == second
    assert samples()["bar"].png(dpi=72) == samples()["bar"].png(dpi=72)


def test_two_charts_on_one_page_share_no_ids():
    """Charts name nothing (no clip paths, no markers), so several on a page cannot clash."""
    for chart in samples().values():
        assert ids(chart.svg()) == [] and references(chart.svg()) == set()


def test_rendering_from_several_threads_gives_the_same_charts():
    expected = {kind: chart.svg() for kind, chart in samples().items()}
    results: list[tuple[str, str]] = []
    errors: list[BaseException] = []

    def work():
        try:
            with translation.override("vi"):
                for kind, chart in samples().items():
                    results.append((kind, chart.svg()))
                samples()["bar"].png(dpi=30)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(results) == 3 * len(expected)
    assert all(svg == expected[kind] for kind, svg in results)


def test_labels_are_escaped_and_taken_literally():
    chart = charts.bar(
        [("<script>alert(1)</script>", 1), ("Quỹ $x^2$ & \x07 bạn", Decimal("2"))],
        title="A & B",
        horizontal=True,
    )
    svg = chart.svg()
    ET.fromstring(svg)
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    drawn = texts(svg)
    assert "Quỹ $x^2$ &   bạn" in drawn  # no TeX, no control character
    assert parse(svg)[0].text == "A & B"


def test_series_must_match_the_categories():
    with pytest.raises(ValueError, match="2 values for 3 categories"):
        charts.stacked_bar(["a", "b", "c"], {"x": [1, 2]}, title="t")


def test_a_chart_in_a_template_is_its_svg_unescaped():
    from django.template import Context, Template

    chart = samples()["bar"]
    assert Template("{{ chart.svg }}").render(Context({"chart": chart})) == chart.svg()


def test_lazy_translated_titles_and_labels_render_in_the_active_language():
    from django.utils.translation import gettext_lazy

    chart = charts.bar(
        [(gettext_lazy("Total"), 3)], title=gettext_lazy("Map"), unit_label=gettext_lazy("Value")
    )
    svg = chart.svg()
    assert parse(svg)[0].text == gettext("Map")
    assert gettext("Total") in texts(svg)
    with translation.override("en"):
        english = chart.svg()
    assert parse(english)[0].text == "Map"


def test_an_equal_chart_is_drawn_once_and_a_changed_one_again(monkeypatch):
    """The SVG is kept under the chart's content: the same figures reuse the picture, other
    figures (or another language) draw a new one."""
    from django.core.cache import cache

    cache.clear()
    drawn = []
    real = charts.Chart.layout

    def counting(self):
        drawn.append(self.title)
        return real(self)

    monkeypatch.setattr(charts.Chart, "layout", counting)
    make = lambda value: charts.bar([("Kinh tế", value), ("Văn hóa", 3)], title="Theo lĩnh vực")  # noqa: E731
    first = make(5).svg()
    assert make(5).svg() == first and len(drawn) == 1
    assert make(6).svg() != first and len(drawn) == 2
    with translation.override("en"):
        make(5).svg()
    assert len(drawn) == 3
