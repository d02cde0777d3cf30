"""The font charts are drawn with, and the CSS font list their SVG names.

Charts lay out their text with real font metrics, so the browser must show the SVG with a font
of the same widths: Arimo is metric-compatible with Arial (and Liberation Sans 2 is Arimo), so an
SVG laid out with Arimo reads right on Windows (Arial), Linux (Arimo, Liberation Sans) and macOS
(Arial). Debian's ``fonts-liberation`` 1.x also calls itself "Liberation Sans" but has no
Vietnamese letters, so every candidate is checked for them. DejaVu Sans, which matplotlib ships,
is the last resort; Verdana has nearly its widths.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from matplotlib import font_manager, ft2font

# letters that fonts without Vietnamese lack (horn, hook above, dot below, đ)
VIETNAMESE_SAMPLE = "ĐđƠơƯưẠạẢảẾếỆệỮữỲỳ"


@dataclass(frozen=True)
class ChartFont:
    family: str  # the family matplotlib lays text out with
    css: str  # the font-family list the SVG names


CANDIDATES = (
    ChartFont("Arimo", "Arimo, Arial, 'Liberation Sans', Helvetica, sans-serif"),
    ChartFont("Liberation Sans", "'Liberation Sans', Arimo, Arial, Helvetica, sans-serif"),
)
FALLBACK = ChartFont("DejaVu Sans", "'DejaVu Sans', Verdana, 'Bitstream Vera Sans', sans-serif")


def covers_vietnamese(path: str) -> bool:
    charmap = ft2font.FT2Font(path).get_charmap()
    return all(ord(letter) in charmap for letter in VIETNAMESE_SAMPLE)


def _usable(family: str) -> bool:
    for weight in ("normal", "bold"):
        try:
            path = font_manager.findfont(
                font_manager.FontProperties(family=family, weight=weight), fallback_to_default=False
            )
        except ValueError:
            return False
        if not covers_vietnamese(path):
            return False
    return True


@cache
def chart_font() -> ChartFont:
    """The first installed candidate whose regular and bold faces have Vietnamese letters."""
    for candidate in CANDIDATES:
        if _usable(candidate.family):
            return candidate
    return FALLBACK
