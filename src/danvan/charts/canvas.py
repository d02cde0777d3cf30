"""What charts and maps are drawn as: a list of shapes in points, written as inline SVG for pages
and painted as PNG (Pillow) for documents, so both show the same picture.

Coordinates are SVG user units, one point each (72 to the inch), y growing downwards. A shape
carries SVG presentation attributes (``fill``, ``stroke``, ``font-size``, …), never ``style``:
the pages' Content-Security-Policy (``style-src 'self'``) ignores inline styles.
"""

from __future__ import annotations

import io
import math
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from typing import Literal

from PIL import Image, ImageDraw

from .fonts import CSS, face

SUPERSAMPLING = 2  # PNGs are painted this many times larger, then reduced: smooth edges and text
HALO_WIDTH = 1.5  # points of white outline around a haloed text (names over circles)

# FreeType faces are not safe to share between threads while painting
_painting = threading.Lock()


@dataclass(frozen=True)
class Shape:
    """One thing drawn:

    * ``rect`` (x, y, width, height), rounded by an ``rx`` attribute;
    * ``line`` (x1, y1, x2, y2); ``polyline`` (x1, y1, x2, y2, …);
    * ``circle`` (cx, cy, r);
    * ``wedge`` (cx, cy, outer radius, inner radius, start, end): a ring's sector, angles in degrees
      clockwise from twelve o'clock;
    * ``text`` (x, y of the baseline), anchored by ``text-anchor``; a ``halo`` attribute outlines it
      in white.

    A shape may carry a tooltip (``title``) and a link (``url``)."""

    kind: Literal["rect", "line", "polyline", "circle", "wedge", "text"]
    geometry: tuple[float, ...]
    attrs: tuple[tuple[str, str], ...] = ()
    text: str = ""
    title: str = ""
    url: str = ""


def text(x: float, y: float, content: str, size: float = 10, fill: str = "#1f2933", **attrs: str) -> Shape:
    """A text shape; ``anchor`` ("start", "middle", "end") and ``weight`` ("bold") as keywords."""
    pairs = [("font-size", _r(size)), ("fill", fill)]
    if attrs.get("weight"):
        pairs.append(("font-weight", attrs["weight"]))
    if attrs.get("anchor", "start") != "start":
        pairs.append(("text-anchor", attrs["anchor"]))
    if attrs.get("halo"):
        pairs.append(("halo", "1"))
    return Shape("text", (x, y), tuple(pairs), content)


def _r(value: float) -> str:
    rounded = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if rounded == "-0" else rounded


# --- SVG -----------------------------------------------------------------------------------------


def svg_document(
    shapes: Iterable[Shape], width: float, height: float, *, title: str, description: str
) -> str:
    """Inline-ready markup: a ``viewBox`` and ``width="100%"`` (the picture follows its container),
    ``role="img"`` (``group`` when it holds links) with a name that carries the figures, a
    ``<title>`` and ``<desc>`` for screen readers, and the browser's list of metric-compatible
    fonts. Every text and attribute is escaped."""
    shapes = list(shapes)
    role = "group" if any(s.url for s in shapes) else "img"
    label = " ".join(f"{title}. {description}".split()) if description else title
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_r(width)} {_r(height)}" width="100%"'
        f' role="{role}" aria-label="{escape(label)}" font-family="{escape(CSS)}">',
        f"<title>{escape(title)}</title>",
    ]
    if description:
        out.append(f"<desc>{escape(description)}</desc>")
    out.extend(svg_shape(shape) for shape in shapes)
    out.append("</svg>")
    return "".join(out)


def _svg_attrs(attrs: Iterable[tuple[str, str]]) -> str:
    parts = []
    for name, value in attrs:
        if name == "halo":  # a white outline under the letters keeps names readable over circles
            parts.append(
                f' stroke="#ffffff" stroke-width="{_r(2 * HALO_WIDTH)}" stroke-linejoin="round"'
                ' paint-order="stroke"'
            )
        else:
            parts.append(f' {name}="{escape(value)}"')
    return "".join(parts)


def _wedge_path(cx: float, cy: float, outer: float, inner: float, start: float, end: float) -> str:
    def point(radius: float, angle: float) -> str:
        radians = math.radians(angle)
        return f"{_r(cx + radius * math.sin(radians))} {_r(cy - radius * math.cos(radians))}"

    large = 1 if end - start > 180 else 0
    return (
        f"M{point(outer, start)}A{_r(outer)} {_r(outer)} 0 {large} 1 {point(outer, end)}"
        f"L{point(inner, end)}A{_r(inner)} {_r(inner)} 0 {large} 0 {point(inner, start)}Z"
    )


def svg_shape(shape: Shape) -> str:
    g = [_r(v) for v in shape.geometry]
    attrs = _svg_attrs(shape.attrs)
    if shape.kind == "rect":
        markup = f'<rect x="{g[0]}" y="{g[1]}" width="{g[2]}" height="{g[3]}"{attrs}/>'
    elif shape.kind == "line":
        markup = f'<line x1="{g[0]}" y1="{g[1]}" x2="{g[2]}" y2="{g[3]}"{attrs}/>'
    elif shape.kind == "polyline":
        points = " ".join(f"{g[i]},{g[i + 1]}" for i in range(0, len(g), 2))
        markup = f'<polyline points="{points}" fill="none"{attrs}/>'
    elif shape.kind == "wedge":
        markup = f'<path d="{_wedge_path(*shape.geometry)}"{attrs}/>'
    elif shape.kind == "text":
        markup = f'<text x="{g[0]}" y="{g[1]}" pointer-events="none"{attrs}>{escape(shape.text)}</text>'
    else:
        markup = f'<circle cx="{g[0]}" cy="{g[1]}" r="{g[2]}"{attrs}/>'
    tooltip = f"<title>{escape(shape.title)}</title>" if shape.title else ""
    if shape.url:
        return f'<a href="{escape(shape.url)}">{tooltip}{markup}</a>'
    return f"<g>{tooltip}{markup}</g>" if tooltip else markup


# --- PNG -----------------------------------------------------------------------------------------


def png_size(width: float, height: float, dpi: int) -> tuple[int, int]:
    return round(width * dpi / 72), round(height * dpi / 72)


def png(shapes: Iterable[Shape], width: float, height: float, dpi: int = 150) -> bytes:
    """The shapes painted on white, ``width`` × ``height`` points at ``dpi`` (bytes of a PNG)."""
    size = png_size(width, height, dpi)
    scale = dpi / 72 * SUPERSAMPLING
    with _painting:
        image = Image.new("RGB", (size[0] * SUPERSAMPLING, size[1] * SUPERSAMPLING), "#ffffff")
        painter = ImageDraw.Draw(image, "RGBA")
        for shape in shapes:
            _paint(painter, shape, scale)
        image = image.reduce(SUPERSAMPLING)  # the mean of each square of pixels
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", dpi=(dpi, dpi))
    return buffer.getvalue()


def _colour(attrs: dict[str, str], name: str, opacity: str) -> tuple[int, int, int, int] | None:
    value = attrs.get(name)
    if not value or value == "none":
        return None
    red, green, blue = (int(value[i : i + 2], 16) for i in (1, 3, 5))
    alpha = float(attrs.get(opacity, attrs.get("opacity", "1")))
    return red, green, blue, round(255 * alpha)


def _dashes(
    points: Sequence[tuple[float, float]], pattern: Sequence[float]
) -> list[list[tuple[float, float]]]:
    """A polyline cut into its dashes (``stroke-dasharray``: on, off, on, off, …)."""
    dashes: list[list[tuple[float, float]]] = []
    index, left, drawing = 0, pattern[0], True
    current = [points[0]]
    for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
        length = math.hypot(x2 - x1, y2 - y1)
        done = 0.0
        while length - done > left:
            done += left
            point = (x1 + (x2 - x1) * done / length, y1 + (y2 - y1) * done / length)
            if drawing:
                current.append(point)
                dashes.append(current)
            current = [point]
            drawing = not drawing
            index = (index + 1) % len(pattern)
            left = pattern[index]
        left -= length - done
        if drawing:
            current.append((x2, y2))
    if drawing and len(current) > 1:
        dashes.append(current)
    return dashes


def _stroke(painter: ImageDraw.ImageDraw, points, attrs: dict[str, str], scale: float) -> None:
    colour = _colour(attrs, "stroke", "stroke-opacity")
    if colour is None:
        return
    width = max(1, round(float(attrs.get("stroke-width", "1")) * scale))
    scaled = [(x * scale, y * scale) for x, y in points]
    pattern = attrs.get("stroke-dasharray")
    if pattern:
        for dash in _dashes(scaled, [float(d) * scale for d in pattern.split()]):
            painter.line(dash, fill=colour, width=width)
    else:
        painter.line(scaled, fill=colour, width=width, joint="curve")


def _paint(painter: ImageDraw.ImageDraw, shape: Shape, scale: float) -> None:
    attrs = dict(shape.attrs)
    fill = _colour(attrs, "fill", "fill-opacity")
    g = shape.geometry
    if shape.kind == "rect":
        x, y, w, h = g
        box = [x * scale, y * scale, (x + w) * scale, (y + h) * scale]
        radius = float(attrs.get("rx", 0)) * scale
        if fill:
            painter.rounded_rectangle(box, radius=radius, fill=fill)
        if attrs.get("stroke"):
            if attrs.get("stroke-dasharray") or not radius:
                _stroke(painter, [(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)], attrs, scale)
            else:
                width = max(1, round(float(attrs.get("stroke-width", "1")) * scale))
                painter.rounded_rectangle(
                    box, radius=radius, outline=_colour(attrs, "stroke", "stroke-opacity"), width=width
                )
    elif shape.kind in ("line", "polyline"):
        _stroke(painter, list(zip(g[0::2], g[1::2], strict=True)), attrs, scale)
    elif shape.kind == "circle":
        cx, cy, r = (v * scale for v in g)
        if fill:
            painter.ellipse([cx - r, cy - r, cx + r, cy + r], fill=fill)
        stroke = _colour(attrs, "stroke", "stroke-opacity")
        if stroke:
            width = max(1, round(float(attrs.get("stroke-width", "1")) * scale))
            painter.ellipse([cx - r, cy - r, cx + r, cy + r], outline=stroke, width=width)
    elif shape.kind == "wedge":
        cx, cy, outer, inner, start, end = g
        steps = max(2, math.ceil((end - start) / 2))
        angles = [math.radians(start + (end - start) * i / steps) for i in range(steps + 1)]
        ring = [(cx + outer * math.sin(a), cy - outer * math.cos(a)) for a in angles]
        ring += [(cx + inner * math.sin(a), cy - inner * math.cos(a)) for a in reversed(angles)]
        painter.polygon([(x * scale, y * scale) for x, y in ring], fill=fill)
        _stroke(painter, [*ring, ring[0]], attrs, scale)
    else:
        size = float(attrs.get("font-size", "10")) * scale
        anchor = {"start": "ls", "middle": "ms", "end": "rs"}[attrs.get("text-anchor", "start")]
        font = face(attrs.get("font-weight") == "bold", size)
        x, y = g
        halo = round(HALO_WIDTH * scale) if attrs.get("halo") else 0
        painter.text(
            (x * scale, y * scale),
            shape.text,
            font=font,
            fill=fill or (31, 41, 51, 255),
            anchor=anchor,
            stroke_width=halo,
            stroke_fill="#ffffff" if halo else None,
        )
