"""The font charts are laid out and drawn with, and the CSS font list their SVG names.

Charts lay out their text with real font metrics, so the browser must show the SVG with a font
of the same widths. The project ships Liberation Sans 2 (``fontfiles/``, SIL Open Font License):
it has every Vietnamese letter and is metric-compatible with Arial and Arimo, so an SVG laid out
with it reads right on Windows (Arial), Linux (Arimo, Liberation Sans) and macOS (Arial), and the
PNG in a document is drawn with the very font the layout measured, on any machine.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT_FILES = Path(__file__).resolve().parent / "fontfiles"
REGULAR = FONT_FILES / "LiberationSans-Regular.ttf"
BOLD = FONT_FILES / "LiberationSans-Bold.ttf"
CSS = "Arimo, Arial, 'Liberation Sans', Helvetica, sans-serif"

# letters that fonts without Vietnamese lack (horn, hook above, dot below, đ)
VIETNAMESE_SAMPLE = "ĐđƠơƯưẠạẢảẾếỆệỮữỲỳ"
METRICS_SIZE = 1000  # widths are measured at this size and scaled: one font object per face


@cache
def face(bold: bool = False, size: float = METRICS_SIZE) -> ImageFont.FreeTypeFont:
    """The font at ``size`` pixels. The basic layout engine (no shaping library) keeps widths the
    same on every machine; Vietnamese needs no shaping, its letters are precomposed."""
    return ImageFont.truetype(str(BOLD if bold else REGULAR), size, layout_engine=ImageFont.Layout.BASIC)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The advance width of ``text`` at ``size`` points, in points."""
    return face(bold).getlength(text) * size / METRICS_SIZE


def covers(font: ImageFont.FreeTypeFont, letters: str = VIETNAMESE_SAMPLE) -> bool:
    """Whether the font draws each letter with a glyph of its own, not its "missing" box."""
    font = font.font_variant(size=40)

    def glyph(letter: str) -> bytes:
        image = Image.new("L", (80, 80))
        ImageDraw.Draw(image).text((10, 10), letter, font=font, fill=255)
        return image.tobytes()

    missing = glyph("\ue000")  # a private-use code point no font draws
    return all(glyph(letter) != missing for letter in letters)
