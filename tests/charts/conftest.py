"""Helpers for reading the charts' SVG back."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def texts(svg: str) -> list[str]:
    """Every piece of text drawn, in document order (not the <title>/<desc>)."""
    return [t.text or "" for t in parse(svg).iter(f"{SVG}text")]


def view_box(svg: str) -> tuple[float, float, float, float]:
    return tuple(float(v) for v in parse(svg).get("viewBox").split())


def references(svg: str) -> set[str]:
    return set(re.findall(r"url\(#([^)]+)\)", svg)) | set(re.findall(r'href="#([^"]+)"', svg))


def ids(svg: str) -> list[str]:
    return [e.get("id") for e in parse(svg).iter() if e.get("id")]
