"""Charts drawn on the server: one drawing for the page (SVG) and the document (PNG).

Build a chart with ``bar``, ``stacked_bar``, ``line`` or ``donut``; the ``Chart`` it returns
renders ``.svg()`` (inline markup, see ``svg.py``) and ``.png(dpi=…)`` (bytes for a DOCX), and
gives its numbers as ``.table`` (the accessible data table) and ``.description()``. Nothing is
drawn until asked, and each rendering draws a new matplotlib ``Figure`` (the object API, never
pyplot's global figures).
"""

from __future__ import annotations

import hashlib
import io
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from django.core.cache import cache
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from . import svg as svg_markup
from .fonts import chart_font
from .numbers import Number, format_compact, format_number, format_percent
from .style import GRID, INK, MUTED, color, drawing, text_color_on

Kind = Literal["bar", "stacked_bar", "line", "donut"]

WIDTH = 7.2  # inches: 18 cm, a page of text in a document; the SVG scales to its container
HEIGHT = 3.6
DESCRIBED_ITEMS = 40  # the aria-label names at most this many figures; the table has them all
RENDERING_VERSION = "1"  # change when the drawing code changes, so that cached pictures are redrawn
SVG_CACHE_SECONDS = 24 * 3600


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

        Drawing takes matplotlib a few hundred milliseconds, and a dashboard shows the same figures
        to everyone who opens it until they change: the markup is kept in Django's cache under the
        chart's content (`content_key`), never under a page's address."""
        key = ("svg", get_language())
        if key not in self._cache:
            cache_key = f"chart-svg:{self.content_key()}"
            stored = cache.get(cache_key)
            if stored is not None:
                self._cache[key] = mark_safe(stored)
                return self._cache[key]
            with drawing():
                figure = self._draw()
                buffer = io.BytesIO()
                figure.savefig(
                    buffer, format="svg", transparent=True, metadata={"Date": None, "Creator": None}
                )
            markup = svg_markup.clean(
                buffer.getvalue(),
                title=_clean_text(self.title),
                description=self.description(),
                font_css=chart_font().css,
            )
            self._cache[key] = mark_safe(markup)  # built by ElementTree: every text is escaped
            cache.set(cache_key, markup, SVG_CACHE_SECONDS)
        return self._cache[key]

    def png(self, dpi: int = 150) -> bytes:
        """A PNG of ``figure_size()`` inches at ``dpi`` (white background), for documents."""
        with drawing():
            figure = self._draw()
            buffer = io.BytesIO()
            figure.savefig(buffer, format="png", dpi=dpi, facecolor="white", metadata={"Software": None})
        return buffer.getvalue()

    def _draw(self) -> Figure:
        figure = Figure(figsize=self.figure_size(), layout="constrained")
        title = str(self.title)
        if title:
            figure.suptitle(textwrap.fill(_clean_text(title), 78), x=0.01, ha="left", color=INK)
        axes = figure.add_subplot()
        if self.is_empty:
            _draw_empty(axes)
        else:
            getattr(self, f"_draw_{self.kind}")(figure, axes)
        return figure

    def _value_axis(self, axis, values: Sequence[Number]) -> None:
        large = any(abs(v) >= 1_000_000 for v in values)
        axis.set_major_formatter(FuncFormatter(lambda v, _pos: format_compact(v) if large else self.fmt(v)))
        if all(float(v).is_integer() for v in values):
            axis.set_major_locator(MaxNLocator(nbins=5, integer=True))
        else:
            axis.set_major_locator(MaxNLocator(nbins=5))

    def _draw_bar(self, figure: Figure, axes) -> None:
        values = [float(v or 0) for v in self.series[0].values]
        positions = range(len(values))
        width = 36 if self.horizontal else 14
        labels = [textwrap.fill(c, width) for c in self.categories]
        bar_color = color(0)
        if self.horizontal:
            bars = axes.barh(positions, values, height=0.62, color=bar_color)
            axes.set_yticks(list(positions), labels)
            axes.invert_yaxis()  # the first category on top, as in the table
            axes.margins(x=0.14)
            axes.grid(axis="x")
            axes.spines["left"].set_visible(True)
            axes.spines["bottom"].set_visible(False)
            axes.tick_params(axis="y", length=0)
            axes.tick_params(axis="x", length=0)
            self._value_axis(axes.xaxis, values)
            if self.unit_label:
                axes.set_xlabel(str(self.unit_label))
        else:
            bars = axes.bar(positions, values, width=0.62, color=bar_color)
            axes.set_xticks(list(positions), labels)
            axes.margins(y=0.14)
            axes.grid(axis="y")
            axes.spines["left"].set_visible(False)
            axes.tick_params(axis="y", length=0)
            axes.tick_params(axis="x", length=0)
            self._value_axis(axes.yaxis, values)
            if self.unit_label:
                axes.set_ylabel(str(self.unit_label))
        axes.set_axisbelow(True)
        axes.bar_label(
            bars, labels=[self._label(v) for v in self.series[0].values], padding=3, color=INK, fontsize=10
        )

    def _draw_stacked_bar(self, figure: Figure, axes) -> None:
        positions = list(range(len(self.categories)))
        totals = [float(t) for t in self._totals()]
        tallest = max(totals) if totals else 0
        bottoms = [0.0] * len(positions)
        last = None
        for index, series in enumerate(self.series):
            values = [float(v or 0) for v in series.values]
            fill = color(index)
            last = axes.bar(positions, values, width=0.62, bottom=bottoms, color=fill, label=str(series.name))
            labels = [self._label(v) if v and tallest and v / tallest >= 0.07 else "" for v in series.values]
            axes.bar_label(last, labels=labels, label_type="center", color=text_color_on(fill), fontsize=9.5)
            bottoms = [b + v for b, v in zip(bottoms, values, strict=True)]
        if last is not None:
            axes.bar_label(
                last,
                labels=[self._label(t) for t in self._totals()],
                padding=3,
                color=INK,
                fontsize=10,
                weight="bold",
            )
        axes.set_xticks(positions, [textwrap.fill(c, 14) for c in self.categories])
        axes.margins(y=0.14)
        axes.grid(axis="y")
        axes.set_axisbelow(True)
        axes.spines["left"].set_visible(False)
        axes.tick_params(length=0)
        self._value_axis(axes.yaxis, totals)
        if self.unit_label:
            axes.set_ylabel(str(self.unit_label))
        figure.legend(
            loc="outside lower center", ncols=min(len(self.series), 4), handlelength=1, handleheight=1
        )

    def _draw_line(self, figure: Figure, axes) -> None:
        positions = list(range(len(self.categories)))
        label_every_point = len(positions) <= 12 and len(self.series) <= 3
        top = max((float(v) for s in self.series for v in s.values if v is not None), default=0)
        all_values = []
        for index, series in enumerate(self.series):
            points = [(x, float(v)) for x, v in zip(positions, series.values, strict=True) if v is not None]
            if not points:
                continue
            xs, ys = zip(*points, strict=True)
            all_values.extend(ys)
            line_color = color(index)
            axes.plot(xs, ys, color=line_color, linewidth=2, marker="o", markersize=5, label=str(series.name))
            labelled = points if label_every_point else points[-1:]
            for x, y in labelled:
                # the highest series at a year is labelled above its point, the others below
                # (or above anyway when it is near the axis)
                above = y < 0.12 * top or all(
                    y >= float(other.values[x]) for other in self.series if other.values[x] is not None
                )
                axes.annotate(
                    self._label(y),
                    (x, y),
                    xytext=(0, 7) if above else (0, -8),
                    textcoords="offset points",
                    ha="center",
                    va="bottom" if above else "top",
                    fontsize=9.5,
                    color=line_color if len(self.series) > 1 else INK,
                )
        axes.set_xticks(positions, [str(c) for c in self.categories])  # years: no thousands separator
        axes.set_xlim(-0.4, len(positions) - 0.6)
        if all(v >= 0 for v in all_values):
            axes.set_ylim(bottom=0)
        axes.margins(y=0.18)
        axes.grid(axis="y")
        axes.set_axisbelow(True)
        axes.spines["left"].set_visible(False)
        axes.tick_params(axis="y", length=0)
        self._value_axis(axes.yaxis, all_values)
        if self.unit_label:
            axes.set_ylabel(str(self.unit_label))
        if len(self.series) > 1:
            figure.legend(loc="outside lower center", ncols=min(len(self.series), 4))

    def _draw_donut(self, figure: Figure, axes) -> None:
        pairs = [(c, v) for c, v in zip(self.categories, self.series[0].values, strict=True) if v and v > 0]
        total = sum(v for _c, v in pairs)
        colors = [color(i) for i, _pair in enumerate(pairs)]
        wedges, _texts = axes.pie(
            [float(v) for _c, v in pairs],
            colors=colors,
            startangle=90,
            counterclock=False,
            wedgeprops={"width": 0.36, "edgecolor": "white", "linewidth": 1.5},
        )
        axes.set_aspect("equal")
        axes.text(
            0, 0.08, self._label(total), ha="center", va="center", fontsize=17, weight="bold", color=INK
        )
        if self.unit_label:
            axes.text(
                0,
                -0.18,
                textwrap.fill(str(self.unit_label), 16),
                ha="center",
                va="center",
                fontsize=10,
                color=MUTED,
            )
        labels = [
            f"{textwrap.shorten(c, 40, placeholder='…')} — {self._label(v)} ({self._share(v, total)})"
            for c, v in pairs
        ]
        figure.legend(wedges, labels, loc="outside right center", handlelength=1, handleheight=1)


def _draw_empty(axes) -> None:
    axes.set_axis_off()
    axes.add_patch(
        FancyBboxPatch(
            (0.02, 0.06),
            0.96,
            0.88,
            boxstyle="round,pad=0,rounding_size=0.03",
            transform=axes.transAxes,
            facecolor="none",
            edgecolor=GRID,
            linewidth=1.2,
            linestyle=(0, (4, 3)),
        )
    )
    axes.text(
        0.5,
        0.5,
        gettext("No data yet"),
        ha="center",
        va="center",
        fontsize=14,
        color=MUTED,
        weight="bold",
        transform=axes.transAxes,
    )


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
