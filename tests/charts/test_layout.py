"""The charts' own layout: shapes sized by the figures, round ticks, wrapped labels, and a PNG that
paints what the SVG shows."""

from __future__ import annotations

import io
import math

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from danvan import charts
from danvan.charts.canvas import Shape, _dashes
from danvan.charts.chart import SWATCH, nice_ticks, wrap
from danvan.charts.fonts import text_width
from danvan.charts.style import PALETTE, color


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def shapes_of(chart: charts.Chart, kind: str, fill: str | None = None) -> list[Shape]:
    return [
        s for s in chart.layout() if s.kind == kind and (fill is None or dict(s.attrs).get("fill") == fill)
    ]


def test_bar_heights_follow_the_values():
    chart = charts.bar([("Hải Châu", 40), ("Tam Kỳ", 10), ("Hòa Vang", 0), ("Sơn Trà", 25)], title="t")
    bars = shapes_of(chart, "rect", PALETTE[0])
    assert len(bars) == 3  # nothing drawn for zero
    heights = [b.geometry[3] for b in bars]
    assert heights[0] / heights[1] == pytest.approx(4)
    assert heights[2] / heights[1] == pytest.approx(2.5)
    assert len({round(b.geometry[1] + b.geometry[3], 6) for b in bars}) == 1  # one baseline
    widths = {round(b.geometry[2], 6) for b in bars}
    assert len(widths) == 1


def test_horizontal_bars_lengths_follow_the_values_first_on_top():
    chart = charts.bar(
        [("Đảng ủy phường Hải Châu", 12), ("Đảng ủy phường Tam Kỳ", 3)], title="t", horizontal=True
    )
    first, second = shapes_of(chart, "rect", PALETTE[0])
    assert first.geometry[2] / second.geometry[2] == pytest.approx(4)
    assert first.geometry[1] < second.geometry[1]
    # the names end before the bars start
    names = [s for s in chart.layout() if s.kind == "text" and s.text.startswith("Đảng ủy")]
    assert all(n.geometry[0] <= first.geometry[0] for n in names)


def test_stacked_segments_add_up_to_the_total():
    chart = charts.stacked_bar(
        ["Hải Châu", "Tam Kỳ"], {"Đăng ký": [3, 2], "Được công nhận": [5, 0]}, title="t", unit_label="mô hình"
    )
    first_series, second_series = (
        [s for s in shapes_of(chart, "rect", color(i)) if s.geometry[2:] != (SWATCH, SWATCH)] for i in (0, 1)
    )
    assert len([s for s in shapes_of(chart, "rect") if s.geometry[2:] == (SWATCH, SWATCH)]) == 2  # legend
    assert len(first_series) == 2 and len(second_series) == 1
    unit = first_series[0].geometry[3] / 3
    assert second_series[0].geometry[3] == pytest.approx(5 * unit)
    # the second segment sits on the first
    assert second_series[0].geometry[1] + second_series[0].geometry[3] == pytest.approx(
        first_series[0].geometry[1]
    )
    totals = [
        s.text for s in chart.layout() if s.kind == "text" and dict(s.attrs).get("font-weight") == "bold"
    ]
    assert totals[-2:] == ["8", "2"]


def test_donut_angles_follow_the_shares():
    chart = charts.donut([("Kinh tế", 1), ("Văn hóa", 3), ("Không có", 0)], title="t")
    wedges = shapes_of(chart, "wedge")
    assert len(wedges) == 2
    sweeps = [w.geometry[5] - w.geometry[4] for w in wedges]
    assert sweeps == pytest.approx([90, 270])
    assert wedges[0].geometry[4] == 0 and wedges[1].geometry[5] == pytest.approx(360)
    whole = charts.donut([("Kinh tế", 5)], title="t")
    assert len(shapes_of(whole, "wedge")) == 2  # a whole ring in two halves
    assert "<path d=" in whole.svg()


def test_a_gap_in_a_line_breaks_it():
    chart = charts.line([2021, 2022, 2023, 2024, 2025], {"Mô hình": [3, 5, None, 9, 11]}, title="t")
    lines = [s for s in chart.layout() if s.kind == "polyline"]
    assert [len(line.geometry) // 2 for line in lines] == [2, 2]
    points = shapes_of(chart, "circle")
    assert len(points) == 4
    # a higher value is drawn higher
    heights = [p.geometry[1] for p in points]
    assert heights == sorted(heights, reverse=True)


def test_line_labels_never_cover_each_other():
    chart = charts.line(
        [2021, 2022], {"Mô hình": [12, 1240], "Điển hình": [3, 11], "Đăng ký": [4, 10]}, title="t"
    )
    labels = [s for s in chart.layout() if s.kind == "text" and dict(s.attrs).get("halo")]
    boxes = []
    for label in labels:
        x, y = label.geometry
        half = text_width(label.text, 9.5) / 2
        boxes.append((x - half, y - 9.5, x + half, y))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])
    assert "1.240" in [label.text for label in labels]  # the highest is always labelled


@pytest.mark.parametrize("kind", ["bar", "horizontal", "donut"])
def test_the_png_paints_what_the_svg_shows(kind):
    """The first coloured shape's centre, scaled to the PNG's pixels, has the shape's colour."""
    chart = {
        "bar": charts.bar([("Hải Châu", 40), ("Tam Kỳ", 10)], title="t"),
        "horizontal": charts.bar([("Hải Châu", 40), ("Tam Kỳ", 10)], title="t", horizontal=True),
        "donut": charts.donut([("Kinh tế", 1), ("Văn hóa", 3)], title="t"),
    }[kind]
    dpi = 100
    image = Image.open(io.BytesIO(chart.png(dpi=dpi))).convert("RGB")
    scale = dpi / 72
    for shape in chart.layout():
        fill = dict(shape.attrs).get("fill", "none")
        if shape.kind == "rect" and fill != "none":
            x, y, w, h = shape.geometry
            centre = (x + w / 2, y + h / 2)
        elif shape.kind == "wedge":
            cx, cy, outer, inner, start, end = shape.geometry
            middle, radius = math.radians((start + end) / 2), (outer + inner) / 2
            centre = (cx + radius * math.sin(middle), cy - radius * math.cos(middle))
        else:
            continue
        expected = tuple(int(fill[i : i + 2], 16) for i in (1, 3, 5))
        assert image.getpixel((int(centre[0] * scale), int(centre[1] * scale))) == expected


@settings(max_examples=300, deadline=None)
@given(
    low=st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
    span=st.floats(min_value=1e-3, max_value=1e9, allow_nan=False),
    integer=st.booleans(),
)
def test_ticks_are_few_round_and_cover_the_range(low, span, integer):
    high = low + span
    ticks = nice_ticks(low, high, integer=integer)
    assert 1 <= len(ticks) <= 7
    assert ticks == sorted(ticks)
    assert ticks[0] <= low + 1e-6 * max(1.0, abs(low))
    assert ticks[-1] <= high + 1e-6 * max(1.0, abs(high))
    if len(ticks) > 1:
        step = ticks[1] - ticks[0]
        assert high - ticks[-1] < step * (1 + 1e-6)  # no round value left out at the top
        assert ticks[0] > low - step * (1 + 1e-6)
        mantissa = step / 10 ** math.floor(math.log10(step))
        assert any(mantissa == pytest.approx(m, rel=1e-3) for m in (1, 2, 2.5, 5, 10))
        if integer:
            assert all(float(t).is_integer() for t in ticks)


WORDS = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạếềểễệ", min_size=1, max_size=12)


@settings(max_examples=200, deadline=None)
@given(words=st.lists(WORDS, min_size=1, max_size=20), width=st.floats(min_value=20, max_value=300))
def test_wrapped_lines_fit_and_keep_every_word(words, width):
    lines = wrap(" ".join(words), width, 10)
    assert " ".join(lines).split() == words
    for line in lines:
        assert text_width(line, 10) <= width or " " not in line  # only a long word alone overflows
    cut = wrap(" ".join(words), width, 10, max_lines=2)
    assert len(cut) <= 2
    if len(lines) > 2:
        assert cut[-1].endswith("…")


def test_dashes_alternate_along_the_line():
    dashes = _dashes([(0, 0), (20, 0)], [4, 3])
    assert [(round(d[0][0], 6), round(d[-1][0], 6)) for d in dashes] == [(0, 4), (7, 11), (14, 18)]
    corner = _dashes([(0, 0), (5, 0), (5, 5)], [6, 1])  # a dash turns the corner
    assert [[tuple(round(v, 6) for v in p) for p in d] for d in corner] == [
        [(0, 0), (5, 0), (5, 1)],
        [(5, 2), (5, 5)],
    ]
