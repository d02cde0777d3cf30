"""The look of every chart and map: a calm palette that sits well beside Bootstrap and the
project's stylesheet, and the matplotlib settings charts are drawn with."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import matplotlib

matplotlib.use("Agg")  # never a GUI backend: charts are drawn on servers

from .fonts import chart_font  # noqa: E402

INK = "#1f2933"  # the project's text colour
MUTED = "#6b7280"  # secondary text, as .stat-label
GRID = "#e6e1da"  # card borders
AXIS = "#b8b1a7"
PAPER = "#faf8f5"  # the page background
EMPTY = "#c9c3ba"  # a place with nothing to count yet

# muted tones of Bootstrap's blue, orange, green, red, purple, teal, brown and grey, in the order
# series take them; each keeps white labels readable except the orange (see text_color_on)
PALETTE = (
    "#3b6ea5",
    "#e0a030",
    "#3f8f5b",
    "#b5473f",
    "#7a68a6",
    "#3a8f8f",
    "#8c6d46",
    "#7b8490",
)


def color(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def text_color_on(background: str) -> str:
    """White or ink, whichever reads better on the background colour (WCAG relative luminance)."""
    red, green, blue = (int(background[i : i + 2], 16) / 255 for i in (1, 3, 5))

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    return INK if luminance > 0.36 else "#ffffff"


# SVG text stays text (small, selectable, searchable); ids derive from this salt, not from a random
# number, so one chart always gives the same bytes; "$" in a label is a dollar, not TeX.
matplotlib.rcParams["svg.fonttype"] = "none"
matplotlib.rcParams["svg.hashsalt"] = "danvan-charts"
matplotlib.rcParams["text.parse_math"] = False
matplotlib.rcParams["text.usetex"] = False


def rc_style() -> dict:
    return {
        "font.family": [chart_font().family],
        "font.size": 11,
        "text.color": INK,
        "axes.edgecolor": AXIS,
        "axes.labelcolor": MUTED,
        "axes.labelsize": 10,
        "axes.titlesize": 13,
        "axes.titleweight": "bold",
        "axes.titlecolor": INK,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.linewidth": 0.8,
        "axes.grid": False,
        "grid.color": GRID,
        "grid.linewidth": 0.8,
        "xtick.color": AXIS,
        "ytick.color": AXIS,
        "xtick.labelcolor": INK,
        "ytick.labelcolor": INK,
        "xtick.labelsize": 10,
        "ytick.labelsize": 10,
        "legend.fontsize": 10,
        "legend.frameon": False,
        "figure.titlesize": 13,
        "figure.titleweight": "bold",
        "figure.facecolor": "white",
        "figure.dpi": 72,
        "savefig.dpi": 72,
        "svg.fonttype": "none",
        "svg.hashsalt": "danvan-charts",
        "text.parse_math": False,
    }


# matplotlib keeps its settings, font caches and text-layout caches process-wide: draw one figure
# at a time (a chart takes tens of milliseconds), with the settings applied only while drawing.
_lock = threading.RLock()


@contextmanager
def drawing() -> Iterator[None]:
    with _lock, matplotlib.rc_context(rc_style()):
        yield
