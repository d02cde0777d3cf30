"""Turn matplotlib's SVG into markup safe and small to inline in a page.

What a page needs and matplotlib does not give:
* no XML declaration, DOCTYPE or metadata; a ``viewBox`` and ``width="100%"`` instead of a fixed
  size, so the chart follows its container;
* no ``style`` attributes or ``<style>`` element: the Content-Security-Policy (``style-src 'self'``)
  ignores them in a page, which would paint every shape black. They become presentation
  attributes (``fill="#3b6ea5"``), which the policy allows;
* ids unique on a page that shows several charts: the ones referenced (clip paths, markers) are
  renamed with a prefix derived from the chart, the others are dropped;
* ``role="img"``, an ``aria-label``, ``<title>`` and ``<desc>`` for screen readers;
* the browser's font list instead of matplotlib's, and coordinates rounded to 0.01.
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"

# CSS properties matplotlib writes that SVG also accepts as attributes
PRESENTATION = {
    "fill",
    "fill-opacity",
    "fill-rule",
    "stroke",
    "stroke-width",
    "stroke-opacity",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-dasharray",
    "stroke-dashoffset",
    "stroke-miterlimit",
    "opacity",
    "font-size",
    "font-weight",
    "font-style",
    "text-anchor",
    "dominant-baseline",
    "clip-path",
    "visibility",
}
GEOMETRY = ("d", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "width", "height", "points", "transform")
NUMBER = re.compile(r"-?\d+\.\d+")
REFERENCE = re.compile(r"url\(#([^)]+)\)")
NO_ROTATION = re.compile(r"^rotate\(-?0(?:\.0+)? [^)]*\)$")
# matplotlib < 3.10 writes the font as a shorthand: "font: 700 10px 'DejaVu Sans'"
FONT_SHORTHAND = re.compile(r"^(?:(italic|oblique|normal) )?(?:(\w+) )?([\d.]+)px (.*)$")


def _round(match: re.Match) -> str:
    text = f"{float(match.group()):.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _style_to_attributes(element: ET.Element) -> None:
    style = element.attrib.pop("style", "")
    for declaration in style.split(";"):
        name, _, value = declaration.partition(":")
        name, value = name.strip(), value.strip()
        if name == "font":
            found = FONT_SHORTHAND.match(value)
            if found:
                font_style, weight, size, _family = found.groups()
                if font_style and font_style != "normal":
                    element.set("font-style", font_style)
                if weight and weight not in ("normal", "400"):
                    element.set("font-weight", weight)
                element.set("font-size", f"{size}px")
        elif name in PRESENTATION:
            element.set(name, value)


def prefix_for(content: bytes | str) -> str:
    """A short id prefix derived from the content: the same chart always gets the same ids, two
    different charts on one page never share one."""
    data = content.encode() if isinstance(content, str) else content
    return "c" + hashlib.sha1(data, usedforsecurity=False).hexdigest()[:8]


def clean(raw: bytes, *, title: str, description: str, font_css: str, role: str = "img") -> str:
    """The inline-ready markup of an SVG document written by matplotlib."""
    root = ET.fromstring(raw)
    prefix = prefix_for(raw)

    referenced: dict[str, str] = {}

    def new_id(old: str) -> str:
        if old not in referenced:
            referenced[old] = f"{prefix}-{len(referenced) + 1}"
        return referenced[old]

    # first pass: what is referenced, in document order (deterministic numbering)
    for element in root.iter():
        for name, value in element.attrib.items():
            if name in (XLINK_HREF, "href") and value.startswith("#"):
                new_id(value[1:])
            for found in REFERENCE.finditer(value):  # clip-path="url(#…)", also inside style
                new_id(found.group(1))

    for parent in list(root.iter()):
        for child in list(parent):
            if _local(child.tag) in ("metadata", "style", "title", "desc"):
                parent.remove(child)

    for element in root.iter():
        element.tag = _local(element.tag)
        _style_to_attributes(element)
        element.attrib.pop("font-family", None)
        old = element.attrib.pop("id", None)
        if old in referenced:
            element.set("id", referenced[old])
        href = element.attrib.pop(XLINK_HREF, None) or element.attrib.pop("href", None)
        if href:
            element.set("href", "#" + referenced[href[1:]] if href.startswith("#") else href)
        for name, value in list(element.attrib.items()):
            if "url(#" in value:
                element.set(name, REFERENCE.sub(lambda m: f"url(#{referenced[m.group(1)]})", value))
        if element is not root:
            for name in GEOMETRY:
                value = element.get(name)
                if value is not None:
                    value = NUMBER.sub(_round, " ".join(value.split()))
                    if name == "transform" and NO_ROTATION.match(value):
                        element.attrib.pop(name)
                    else:
                        element.set(name, value)

    _unwrap_bare_groups(root)
    for parent in list(root.iter()):  # the transparent figure and axes backgrounds
        for child in list(parent):
            if child.tag == "path" and child.get("fill") == "none" and "stroke" not in child.attrib:
                parent.remove(child)
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag == "defs" and len(child) == 0:
                parent.remove(child)

    view_box = root.get("viewBox", "")
    root.attrib.clear()
    root.set("xmlns", SVG_NS)
    root.set("viewBox", NUMBER.sub(_round, view_box))
    root.set("width", "100%")
    root.set("role", role)
    root.set("aria-label", " ".join(f"{title}. {description}".split()) if description else title)
    root.set("font-family", font_css)
    root.set("stroke-linejoin", "round")
    root.set("stroke-linecap", "butt")
    heading = ET.Element("title")
    heading.text = title
    root.insert(0, heading)
    if description:
        desc = ET.Element("desc")
        desc.text = description
        root.insert(1, desc)
    for element in root.iter():  # pretty-printing whitespace only costs bytes
        if element.tag != "text":
            element.text = element.text if element.text and element.text.strip() else None
        element.tail = None
    return ET.tostring(root, encoding="unicode", short_empty_elements=True)


def _unwrap_bare_groups(parent: ET.Element) -> None:
    """``<g>`` without attributes only groups: put its children in its place."""
    index = 0
    while index < len(parent):
        child = parent[index]
        _unwrap_bare_groups(child)
        if child.tag == "g" and not child.attrib:
            parent.remove(child)
            for offset, grandchild in enumerate(list(child)):
                parent.insert(index + offset, grandchild)
            index += len(child)
        else:
            index += 1
