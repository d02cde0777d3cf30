"""The look of every chart and map: a calm palette that sits well beside Bootstrap and the
project's stylesheet."""

from __future__ import annotations

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
