"""Charts drawn on the server: one drawing for the page (SVG) and the document (PNG).

Build a chart with ``bar``, ``stacked_bar``, ``line`` or ``donut``; the ``Chart`` it returns
lays itself out as shapes (``layout()``, see ``canvas.py``), renders them as ``.svg()`` (inline
markup) and ``.png(dpi=…)`` (bytes for a DOCX), and gives its numbers as ``.table`` (the accessible
data table) and ``.description()``. Text is measured with the font the project ships
(``fonts.py``), so labels are wrapped and margins sized as they will be drawn. Nothing is drawn
until asked.
"""

from __future__ import annotations

import hashlib
import math
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from django.core.cache import cache
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from . import canvas
from .canvas import Shape
from .fonts import text_width
from .numbers import Number, format_compact, format_number, format_percent
from .style import AXIS, GRID, INK, MUTED, color, text_color_on

Kind = Literal["bar", "stacked_bar", "line", "donut"]

WIDTH = 7.2  # inches: 18 cm, a page of text in a document; the SVG scales to its container
HEIGHT = 3.6
DESCRIBED_ITEMS = 40  # the aria-label names at most this many figures; the table has them all
RENDERING_VERSION = "2"  # change when the drawing code changes, so that cached pictures are redrawn
SVG_CACHE_SECONDS = 24 * 3600
PAD = 8.0  # points around the chart
TITLE_SIZE = 13.0
LABEL_SIZE = 10.0
INSIDE_SIZE = 9.5  # values inside bars and beside points
LEADING = 12.0
SWATCH = 9.0
GRID_LINE = (("stroke", GRID), ("stroke-width", "0.8"))
AXIS_LINE = (("stroke", AXIS), ("stroke-width", "0.8"))


def _clean_text(text: object) -> str:
    """Labels come from users: keep them printable (XML forbids control characters)."""
    return "".join(ch if ch.isprintable() or ch == "\n" else " " for ch in str(text)).strip()


def _number(value: object) -> Number | None:
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    # int and Decimal only: Decimal + float would fail when a chart sums or divides its values
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if not number.is_finite():
        raise ValueError(f"not a number: {value!r}")
    return number


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[Number | None, ...]


@dataclass(frozen=True)
class DataTable:
    """The chart's numbers as text, for the table under the chart."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]  # (row heading, cells)

    def body_html(self) -> str:
        """The rows as table rows (escaped), built here rather than by template loops: a map's
        ~400 places took ~10 ms of a dashboard's rendering as nested template loops."""
        return format_html_join(
            "\n",
            '<tr><th scope="row" class="fw-normal">{}</th>{}</tr>',
            (
                (heading, format_html_join("", '<td class="text-end">{}</td>', ((cell,) for cell in cells)))
                for heading, cells in self.rows
            ),
        )


@dataclass(frozen=True, eq=False)
class Chart:
    kind: Kind
    title: str
    unit_label: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    horizontal: bool = False
    category_label: str = ""
    decimals: int | None = None
    size: tuple[float, float] | None = None  # inches; the default depends on the kind
    caption: str = ""
    _cache: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    # --- the numbers -------------------------------------------------------------------------
    @property
    def is_empty(self) -> bool:
        values = [v for s in self.series for v in s.values if v is not None]
        if self.kind == "donut":
            return not any(v > 0 for v in values)
        return not self.categories or not values

    def fmt(self, value: Number | None) -> str:
        return format_number(value, self.decimals)

    def _label(self, value: Number | None) -> str:
        """A value as written on the chart: large amounts in words ("2,5 tỷ")."""
        if value is not None and abs(value) >= 1_000_000:
            return format_compact(value)
        return self.fmt(value)

    @staticmethod
    def _share(value: Number, total: Number) -> str:
        return format_percent(100 * value / total) if total else "—"

    def _totals(self) -> list[Number]:
        return [sum((s.values[i] or 0) for s in self.series) for i in range(len(self.categories))]

    @property
    def table(self) -> DataTable:
        first = str(self.category_label) or (gettext("Year") if self.kind == "line" else gettext("Item"))
        unit = str(self.unit_label)
        if self.kind == "donut":
            total = sum(v or 0 for v in self.series[0].values) if self.series else 0
            rows = tuple(
                (
                    category,
                    (self.fmt(value), self._share(value or 0, total)),
                )
                for category, value in zip(self.categories, self.series[0].values, strict=True)
            )
            return DataTable((first, unit or gettext("Value"), gettext("Share")), rows)
        if len(self.series) == 1 and self.kind != "stacked_bar":
            rows = tuple(
                (c, (self.fmt(v),)) for c, v in zip(self.categories, self.series[0].values, strict=True)
            )
            return DataTable((first, unit or str(self.series[0].name) or gettext("Value")), rows)
        headers = (first, *(str(s.name) for s in self.series))
        rows = []
        totals = self._totals()
        for i, category in enumerate(self.categories):
            cells = tuple(self.fmt(s.values[i]) for s in self.series)
            if self.kind == "stacked_bar":
                cells += (self.fmt(totals[i]),)
            rows.append((category, cells))
        if self.kind == "stacked_bar":
            headers += (gettext("Total"),)
        return DataTable(headers, tuple(rows))

    def description(self) -> str:
        """The figures in one sentence, for screen readers (the SVG's aria-label and <desc>)."""
        if self.is_empty:
            return gettext("No data yet")
        table = self.table
        unit = str(self.unit_label)
        parts = []
        for heading, cells in table.rows[:DESCRIBED_ITEMS]:
            if len(cells) == 1:
                parts.append(f"{heading}: {cells[0]} {unit}".rstrip())
            elif self.kind == "donut":
                parts.append(f"{heading}: {cells[0]} ({cells[1]})")
            else:
                named = ", ".join(
                    f"{name} {cell}" for name, cell in zip(table.headers[1:], cells, strict=True)
                )
                parts.append(f"{heading}: {named}")
        text = "; ".join(parts)
        if len(table.rows) > DESCRIBED_ITEMS:
            text += "; …"
        if unit and len(table.headers) > 2:  # one figure per row carries its unit already
            text += f" ({unit})"
        return f"{text}."

    # --- rendering ----------------------------------------------------------------------------
    def figure_size(self) -> tuple[float, float]:
        """Inches: the PNG's size at its dpi; the SVG scales to its container."""
        if self.size:
            return self.size
        if self.kind == "bar" and self.horizontal and not self.is_empty:
            return (WIDTH, max(2.4, 0.9 + 0.34 * len(self.categories)))
        return (WIDTH, HEIGHT)

    def content_key(self) -> str:
        """A digest of everything the drawing depends on: equal charts draw the same picture."""
        parts = [
            RENDERING_VERSION,
            get_language() or "",
            self.kind,
            str(self.title),
            str(self.unit_label),
            repr(tuple(str(c) for c in self.categories)),
            repr(tuple((str(s.name), s.values) for s in self.series)),
            repr((self.horizontal, str(self.category_label), self.decimals, self.size, str(self.caption))),
        ]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()

    def svg(self) -> SafeString:
        """Inline markup: no XML declaration, a viewBox and width 100%, text as text.

        A dashboard shows the same figures to everyone who opens it until they change: the markup
        is kept in Django's cache under the chart's content (`content_key`), never under a page's
        address."""
        key = ("svg", get_language())
        if key not in self._cache:
            cache_key = f"chart-svg:{self.content_key()}"
            stored = cache.get(cache_key)
            if stored is None:
                stored = canvas.svg_document(
                    self.layout(),
                    *self._points(),
                    title=_clean_text(self.title),
                    description=self.description(),
                )
                cache.set(cache_key, stored, SVG_CACHE_SECONDS)
            self._cache[key] = mark_safe(stored)  # every text and attribute is escaped
        return self._cache[key]

    def png(self, dpi: int = 150) -> bytes:
        """A PNG of ``figure_size()`` inches at ``dpi`` (white background), for documents: the same
        shapes as the SVG."""
        return canvas.png(self.layout(), *self._points(), dpi=dpi)

    def _points(self) -> tuple[float, float]:
        width, height = self.figure_size()
        return width * 72, height * 72

    def layout(self) -> list[Shape]:
        """The chart as shapes, in points: the title, then the kind's own drawing below it."""
        width, height = self._points()
        shapes: list[Shape] = []
        top = PAD
        for index, title_line in enumerate(
            wrap(_clean_text(self.title), width - 2 * PAD, TITLE_SIZE, bold=True)
        ):
            shapes.append(canvas.text(PAD, top + 12 + index * 16, title_line, TITLE_SIZE, INK, weight="bold"))
            top += 16
        area = Area(PAD, top + (6 if top > PAD else 0), width - PAD, height - PAD)
        if self.is_empty:
            shapes += _empty(area)
        elif self.kind == "bar" and self.horizontal:
            shapes += self._rows(area)
        elif self.kind == "donut":
            shapes += self._donut(area)
        else:
            shapes += self._columns(area)
        return shapes

    def _value_labels(self, ticks: Sequence[float]) -> list[str]:
        large = any(abs(t) >= 1_000_000 for t in ticks)
        return [format_compact(t) if large else self.fmt(t) for t in ticks]

    def _integral(self) -> bool:
        return all(float(v).is_integer() for s in self.series for v in s.values if v is not None)

    def _legend(self, area: Area) -> tuple[list[Shape], float]:
        """The series' names under the chart, centred in rows: (shapes, height taken)."""
        if len(self.series) < 2:
            return [], 0.0
        entries = [
            (color(i), str(s.name), text_width(str(s.name), LABEL_SIZE)) for i, s in enumerate(self.series)
        ]
        rows: list[list[tuple[str, str, float]]] = [[]]
        used = 0.0
        for entry in entries:
            needed = SWATCH + 4 + entry[2] + 14
            if rows[-1] and used + needed > area.width:
                rows.append([])
                used = 0.0
            rows[-1].append(entry)
            used += needed
        height = len(rows) * 16 + 4
        shapes = []
        y = area.bottom - height + 4
        for row in rows:
            row_width = sum(SWATCH + 4 + w + 14 for _c, _n, w in row) - 14
            x = area.left + (area.width - row_width) / 2
            for fill, name, name_width in row:
                shapes.append(Shape("rect", (x, y + 2, SWATCH, SWATCH), (("fill", fill),)))
                shapes.append(canvas.text(x + SWATCH + 4, y + 10, name, LABEL_SIZE, INK))
                x += SWATCH + 4 + name_width + 14
            y += 16
        return shapes, height

    def _columns(self, area: Area) -> list[Shape]:
        """Bars standing on the categories (one series, or stacked series), or lines over them."""
        shapes: list[Shape] = []
        stacked = self.kind == "stacked_bar"
        n = len(self.categories)
        if self.kind == "line":
            plotted = [float(v) for s in self.series for v in s.values if v is not None]
            low, high = min(0.0, *plotted) if min(plotted) < 0 else 0.0, max(plotted)
            margin = 0.18
        else:
            plotted = (
                [float(t) for t in self._totals()]
                if stacked
                else [float(v or 0) for v in self.series[0].values]
            )
            low, high = min(0.0, *plotted), max(0.0, *plotted)
            margin = 0.14
        span = (high - low) or 1.0
        top_value = high + margin * span
        bottom_value = low - margin * span if low < 0 else low
        ticks = nice_ticks(bottom_value, top_value, integer=self._integral())
        tick_labels = self._value_labels(ticks)
        if self.unit_label:
            shapes.append(canvas.text(area.left, area.top + 10, str(self.unit_label), LABEL_SIZE, MUTED))
            area = area.below(16)
        legend, legend_height = self._legend(area)
        shapes += legend
        left = area.left + max(text_width(t, LABEL_SIZE) for t in tick_labels) + 6
        slot = (area.right - left) / n
        label_lines = [wrap(c, max(slot - 4, 24), LABEL_SIZE, max_lines=3) for c in self.categories]
        label_height = max(len(lines) for lines in label_lines) * LEADING + 6
        top, bottom = area.top + 4, area.bottom - legend_height - label_height

        def y(value: float) -> float:
            return bottom - (value - bottom_value) / (top_value - bottom_value) * (bottom - top)

        for tick, label in zip(ticks, tick_labels, strict=True):
            shapes.append(Shape("line", (left, y(tick), area.right, y(tick)), GRID_LINE))
            shapes.append(canvas.text(left - 6, y(tick) + 3.5, label, LABEL_SIZE, INK, anchor="end"))
        for index, lines in enumerate(label_lines):
            x = left + slot * (index + 0.5)
            for number, label_line in enumerate(lines):
                shapes.append(
                    canvas.text(
                        x, bottom + 4 + 9 + number * LEADING, label_line, LABEL_SIZE, INK, anchor="middle"
                    )
                )
        if self.kind == "line":
            shapes += self._lines(left, slot, y)
        else:
            shapes += self._bars(left, slot, y, plotted)
        baseline = y(0.0) if bottom_value <= 0 <= top_value else bottom
        shapes.append(Shape("line", (left, baseline, area.right, baseline), AXIS_LINE))
        return shapes

    def _bars(self, left: float, slot: float, y, totals: Sequence[float]) -> list[Shape]:
        shapes: list[Shape] = []
        width = 0.62 * slot
        tallest = max((abs(t) for t in totals), default=0.0)
        bottoms = [0.0] * len(self.categories)
        for index, series in enumerate(self.series):
            fill = color(index)
            for i, value in enumerate(series.values):
                amount = float(value or 0)
                if not amount:
                    continue
                x = left + slot * i + (slot - width) / 2
                start, end = bottoms[i], bottoms[i] + amount
                upper, lower = y(max(start, end)), y(min(start, end))
                shapes.append(Shape("rect", (x, upper, width, lower - upper), (("fill", fill),)))
                if (
                    self.kind == "stacked_bar"
                    and tallest
                    and abs(amount) / tallest >= 0.07
                    and lower - upper >= 11
                ):
                    shapes.append(
                        canvas.text(
                            x + width / 2,
                            (upper + lower) / 2 + 3.5,
                            self._label(value),
                            INSIDE_SIZE,
                            text_color_on(fill),
                            anchor="middle",
                        )
                    )
                bottoms[i] = end
        labels = self._totals() if self.kind == "stacked_bar" else self.series[0].values
        for i, value in enumerate(labels):
            amount = float(value or 0)
            x = left + slot * (i + 0.5)
            baseline = y(amount) - 4 if amount >= 0 else y(amount) + 12
            weight = "bold" if self.kind == "stacked_bar" else ""
            shapes.append(
                canvas.text(x, baseline, self._label(value), LABEL_SIZE, INK, anchor="middle", weight=weight)
            )
        return shapes

    def _lines(self, left: float, slot: float, y) -> list[Shape]:
        shapes: list[Shape] = []
        candidates: list[tuple[int, float, int, float, bool]] = []
        every_point = len(self.categories) <= 12 and len(self.series) <= 3
        top = max((float(v) for s in self.series for v in s.values if v is not None), default=0.0)
        for index, series in enumerate(self.series):
            stroke = color(index)
            points = [(i, float(v)) for i, v in enumerate(series.values) if v is not None]
            if not points:
                continue
            run: list[float] = []  # a gap (None) breaks the line
            previous = None
            for i, value in points:
                if previous is not None and i != previous + 1:
                    if len(run) > 2:
                        shapes.append(
                            Shape("polyline", tuple(run), (("stroke", stroke), ("stroke-width", "2")))
                        )
                    run = []
                run += [left + slot * (i + 0.5), y(value)]
                previous = i
            if len(run) > 2:
                shapes.append(Shape("polyline", tuple(run), (("stroke", stroke), ("stroke-width", "2"))))
            for i, value in points:
                shapes.append(Shape("circle", (left + slot * (i + 0.5), y(value), 2.8), (("fill", stroke),)))
            for i, value in points if every_point else points[-1:]:
                # the highest series at a year is labelled above its point, the others below
                # (or above anyway when it is near the axis)
                above = value < 0.12 * top or all(
                    value >= float(other.values[i]) for other in self.series if other.values[i] is not None
                )
                candidates.append((i, -value, index, value, above))
        placed: list[tuple[float, float, float, float]] = []
        labels: list[Shape] = []
        for i, _order, index, value, above in sorted(candidates):  # the highest at each year first
            label = self._label(value)
            x, baseline = left + slot * (i + 0.5), y(value) - 7 if above else y(value) + 16
            half = text_width(label, INSIDE_SIZE) / 2 + 1
            box = (x - half, baseline - INSIDE_SIZE, x + half, baseline + 2)
            if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
                continue  # it would cover another label: the table under the chart has it
            placed.append(box)
            stroke = color(index)
            labels.append(
                canvas.text(
                    x,
                    baseline,
                    label,
                    INSIDE_SIZE,
                    stroke if len(self.series) > 1 else INK,
                    anchor="middle",
                    halo="1",
                )
            )
        return shapes + labels

    def _rows(self, area: Area) -> list[Shape]:
        """Horizontal bars: one row per category, its name on the left, its value after the bar."""
        shapes: list[Shape] = []
        values = [float(v or 0) for v in self.series[0].values]
        low, high = min(0.0, *values), max(0.0, *values)
        names = [wrap(c, 0.4 * area.width, LABEL_SIZE, max_lines=2) for c in self.categories]
        name_width = max(text_width(line, LABEL_SIZE) for lines in names for line in lines)
        value_labels = [self._label(v) for v in self.series[0].values]
        left = area.left + name_width + 8
        right = area.right - max(text_width(v, LABEL_SIZE) for v in value_labels) - 6
        bottom = area.bottom - 14 - (16 if self.unit_label else 0)
        top = area.top + 2
        ticks = nice_ticks(low, high or 1.0, integer=self._integral())
        low, high = min(low, ticks[0]), max(high, ticks[-1]) if ticks[-1] <= high * 1.1 else high or 1.0
        ticks = [t for t in ticks if low <= t <= high]

        def x(value: float) -> float:
            return left + (value - low) / ((high - low) or 1.0) * (right - left)

        for tick, label in zip(ticks, self._value_labels(ticks), strict=True):
            shapes.append(Shape("line", (x(tick), top, x(tick), bottom), GRID_LINE))
            shapes.append(canvas.text(x(tick), bottom + 13, label, LABEL_SIZE, INK, anchor="middle"))
        if self.unit_label:
            shapes.append(
                canvas.text(
                    (left + right) / 2,
                    area.bottom - 3,
                    str(self.unit_label),
                    LABEL_SIZE,
                    MUTED,
                    anchor="middle",
                )
            )
        slot = (bottom - top) / len(values)
        for i, (value, lines, label) in enumerate(zip(values, names, value_labels, strict=True)):
            middle = top + slot * (i + 0.5)
            if value:
                start, end = sorted((x(0.0), x(value)))
                shapes.append(
                    Shape(
                        "rect", (start, middle - 0.31 * slot, end - start, 0.62 * slot), (("fill", color(0)),)
                    )
                )
            first = middle + 3.5 - (len(lines) - 1) * LEADING / 2
            for number, line_text in enumerate(lines):
                shapes.append(
                    canvas.text(left - 8, first + number * LEADING, line_text, LABEL_SIZE, INK, anchor="end")
                )
            after = x(value) + 4 if value >= 0 else x(0.0) + 4
            shapes.append(canvas.text(after, middle + 3.5, label, LABEL_SIZE, INK))
        shapes.append(Shape("line", (x(0.0), top, x(0.0), bottom), AXIS_LINE))
        return shapes

    def _donut(self, area: Area) -> list[Shape]:
        """A ring of the parts, the total in its middle, a legend with values and shares beside it."""
        pairs = [(c, v) for c, v in zip(self.categories, self.series[0].values, strict=True) if v and v > 0]
        total = sum(v for _c, v in pairs)
        entries = [
            f"{textwrap.shorten(c, 40, placeholder='…')} — {self._label(v)} ({self._share(v, total)})"
            for c, v in pairs
        ]
        legend_width = SWATCH + 6 + max(text_width(e, LABEL_SIZE) for e in entries)
        diameter = max(60.0, min(area.height, area.width - legend_width - 24))
        group = diameter + 24 + legend_width
        start = area.left + max(0.0, (area.width - group) / 2)
        cx, cy, outer = start + diameter / 2, area.top + area.height / 2, diameter / 2
        shapes: list[Shape] = []
        angle = 0.0
        for index, (_category, value) in enumerate(pairs):
            sweep = 360 * float(value) / float(total)
            edges = (("fill", color(index)), ("stroke", "#ffffff"), ("stroke-width", "1.5"))
            if sweep >= 359.99:  # a whole ring: two halves (one SVG arc cannot close on itself)
                shapes.append(Shape("wedge", (cx, cy, outer, 0.64 * outer, 0.0, 180.0), edges))
                shapes.append(Shape("wedge", (cx, cy, outer, 0.64 * outer, 180.0, 360.0), edges))
            else:
                shapes.append(Shape("wedge", (cx, cy, outer, 0.64 * outer, angle, angle + sweep), edges))
            angle += sweep
        unit_lines = (
            wrap(str(self.unit_label), 1.1 * outer, LABEL_SIZE, max_lines=2) if self.unit_label else []
        )
        total_baseline = cy + 6 - len(unit_lines) * 6
        shapes.append(
            canvas.text(cx, total_baseline, self._label(total), 17, INK, anchor="middle", weight="bold")
        )
        for number, unit_line in enumerate(unit_lines):
            shapes.append(
                canvas.text(
                    cx, total_baseline + 14 + number * LEADING, unit_line, LABEL_SIZE, MUTED, anchor="middle"
                )
            )
        x = start + diameter + 24
        y = cy - len(entries) * 16 / 2
        for index, entry in enumerate(entries):
            shapes.append(Shape("rect", (x, y + 3, SWATCH, SWATCH), (("fill", color(index)),)))
            shapes.append(canvas.text(x + SWATCH + 6, y + 11, entry, LABEL_SIZE, INK))
            y += 16
        return shapes


@dataclass(frozen=True)
class Area:
    """The part of a chart left to draw in, in points."""

    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def below(self, offset: float) -> Area:
        return Area(self.left, self.top + offset, self.right, self.bottom)


def nice_ticks(low: float, high: float, *, integer: bool, most: int = 5) -> list[float]:
    """At most ``most`` + 1 round values from ``low`` to ``high`` (steps of 1, 2, 2.5 or 5 times a
    power of ten; whole steps for whole numbers), the first at or below ``low``."""
    if high <= low:
        high = low + 1
    raw = (high - low) / most
    magnitude = 10 ** math.floor(math.log10(raw))
    step = 10 * magnitude
    for multiple in (1, 2, 2.5, 5, 10):
        candidate = multiple * magnitude
        if integer and (candidate < 1 or not float(candidate).is_integer()):
            continue
        if (high - low) / candidate <= most:
            step = candidate
            break
    if integer:
        step = max(step, 1.0)
    first = math.floor(low / step) * step
    ticks = []
    value = first
    while value <= high + 1e-9 * step:
        ticks.append(round(value, 10))
        value += step
    return ticks


def wrap(
    text: str, width: float, size: float, *, bold: bool = False, max_lines: int | None = None
) -> list[str]:
    """``text`` in lines no wider than ``width`` points (a longer word stands alone); past
    ``max_lines`` the last line ends in "…"."""
    lines: list[str] = []
    for paragraph in str(text).split("\n"):
        if text_width(paragraph, size, bold) <= width:
            lines.append(paragraph)  # as written, spaces and all
            continue
        current = ""
        for word in paragraph.split():
            candidate = f"{current} {word}" if current else word
            if current and text_width(candidate, size, bold) > width:
                lines.append(current)
                current = word
            else:
                current = candidate
        lines.append(current)
    if max_lines and len(lines) > max_lines:
        last = " ".join(lines[max_lines - 1 :])
        while last and text_width(last + "…", size, bold) > width:
            last = last[:-1].rstrip()
        lines = [*lines[: max_lines - 1], last + "…"]
    return lines


def _empty(area: Area) -> list[Shape]:
    box = (area.left + 4, area.top + 4, area.width - 8, area.height - 8)
    frame = (
        ("fill", "none"),
        ("stroke", GRID),
        ("stroke-width", "1.2"),
        ("stroke-dasharray", "4 3"),
        ("rx", "8"),
    )
    return [
        Shape("rect", box, frame),
        canvas.text(
            area.left + area.width / 2,
            area.top + area.height / 2 + 5,
            gettext("No data yet"),
            14,
            MUTED,
            anchor="middle",
            weight="bold",
        ),
    ]


# --- the public constructors ---------------------------------------------------------------------


def bar(
    series: Sequence[tuple[str, Number | None]],
    *,
    title: str,
    unit_label: str = "",
    horizontal: bool = False,
    category_label: str = "",
    decimals: int | None = None,
    size: tuple[float, float] | None = None,
    caption: str = "",
) -> Chart:
    """One bar per (label, value), the value written on the bar. Use ``horizontal=True`` for
    many categories or long names (units, communes)."""
    categories = tuple(_clean_text(label) for label, _value in series)
    values = tuple(_number(value) for _label, value in series)
    return Chart(
        kind="bar",
        title=title,
        unit_label=unit_label,
        categories=categories,
        series=(Series(str(unit_label), values),),
        horizontal=horizontal,
        category_label=category_label,
        decimals=decimals,
        size=size,
        caption=caption,
    )


def stacked_bar(
    categories: Sequence[str],
    series: Mapping[str, Sequence[Number | None]],
    *,
    title: str,
    unit_label: str = "",
    category_label: str = "",
    decimals: int | None = None,
    size: tuple[float, float] | None = None,
    caption: str = "",
) -> Chart:
    """One bar per category, one segment per series (e.g. models by status per ward), the total
    above each bar."""
    return Chart(
        kind="stacked_bar",
        title=title,
        unit_label=unit_label,
        categories=tuple(_clean_text(c) for c in categories),
        series=_series(categories, series),
        category_label=category_label,
        decimals=decimals,
        size=size,
        caption=caption,
    )


def line(
    years: Sequence[int | str],
    series: Mapping[str, Sequence[Number | None]],
    *,
    title: str,
    unit_label: str = "",
    category_label: str = "",
    decimals: int | None = None,
    size: tuple[float, float] | None = None,
    caption: str = "",
) -> Chart:
    """One line per series over the years (or other periods); ``None`` leaves a gap."""
    return Chart(
        kind="line",
        title=title,
        unit_label=unit_label,
        categories=tuple(_clean_text(y) for y in years),
        series=_series(years, series),
        category_label=category_label,
        decimals=decimals,
        size=size,
        caption=caption,
    )


def donut(
    parts: Sequence[tuple[str, Number | None]],
    *,
    title: str,
    unit_label: str = "",
    category_label: str = "",
    decimals: int | None = None,
    size: tuple[float, float] | None = None,
    caption: str = "",
) -> Chart:
    """The parts of a whole, with the total in the middle and shares in the legend."""
    categories = tuple(_clean_text(label) for label, _value in parts)
    values = tuple(_number(value) for _label, value in parts)
    return Chart(
        kind="donut",
        title=title,
        unit_label=unit_label,
        categories=categories,
        series=(Series(str(unit_label), values),),
        category_label=category_label,
        decimals=decimals,
        size=size,
        caption=caption,
    )


def _series(categories: Sequence, series: Mapping[str, Sequence[Number | None]]) -> tuple[Series, ...]:
    result = []
    for name, values in series.items():
        if len(values) != len(categories):
            raise ValueError(f"series {name!r} has {len(values)} values for {len(categories)} categories")
        result.append(Series(_clean_text(name), tuple(_number(v) for v in values)))
    return tuple(result)
