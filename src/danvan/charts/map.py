"""A plain map of points that needs no tile server: the communes (or models) with a circle sized
by their count, on a graticule, in an equirectangular projection fitted to the points.

The map is laid out once as a list of shapes in SVG user units; ``PointMap.svg()`` writes them as
inline SVG (a tooltip and optionally a drill-down link per point) and ``PointMap.png()`` draws the
same shapes as a PNG for documents (``canvas.py``). When the operator configures a tile server
(``DANVAN_MAP_TILES_URL``), the page template adds Leaflet on top with the same points
(``PointMap.data()``); see ``templates/charts/_map.html`` and ``static/charts/map.js``.
"""

from __future__ import annotations

import hashlib
import math
import statistics
import textwrap
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from . import canvas
from .canvas import Shape
from .chart import RENDERING_VERSION, SVG_CACHE_SECONDS, DataTable, _clean_text, _number
from .numbers import Number, format_number, separators
from .style import AXIS, EMPTY, GRID, INK, MUTED, color

WIDTH = 640.0  # SVG user units (1 unit = 1 pt in the PNG)
FRAME_LEFT = 46.0  # room for latitude labels
FRAME_RIGHT = 14.0
MAX_FRAME_HEIGHT = 560.0
MIN_FRAME_HEIGHT = 220.0
MIN_RADIUS = 4.0
MAX_RADIUS = 22.0
ZERO_RADIUS = 3.0
INSET = MAX_RADIUS + 6  # no circle crosses the frame
MIN_SPAN = 0.02  # degrees: one point, or points on a line, still get a map around them
MIN_MAX_RADIUS = 7.0  # crowded points still get distinguishable circles
NEIGHBOUR_SAMPLE = 400  # enough points to know how crowded a map is
REMOTE_MIN_POINTS = 5  # below this every point is on the map
REMOTE_FACTOR = 3.0  # remote: farther from the median point than 3 x the distance of 90 % of points
REMOTE_MIN_DEGREES = 1.0
REMOTE_BOX_WIDTH = 150.0
REMOTE_GAP = 10.0
BOLD = ("font-weight", "bold")
HALO = ("halo", "1")  # a white outline under the letters
NAMES_UP_TO = 15  # points named on the map when there are at most this many
STEPS = (0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10)
POINT_COLOR = color(0)


@dataclass(frozen=True)
class MapPoint:
    name: str
    latitude: float | None
    longitude: float | None
    count: Number = 0
    url: str = ""

    @property
    def located(self) -> bool:
        return (
            self.latitude is not None
            and self.longitude is not None
            and -90 <= self.latitude <= 90
            and -180 <= self.longitude <= 180
        )


@dataclass(frozen=True)
class Projection:
    """Equirectangular: x follows longitude shrunk by cos(latitude) at the middle of the map, y
    follows latitude, north at the top; fitted so that the points fill the frame."""

    center_lat: float
    center_lon: float
    scale: float  # user units per degree of latitude
    x0: float  # where the center falls
    y0: float

    @classmethod
    def fit(
        cls, points: Sequence[MapPoint], *, left: float, top: float, width: float
    ) -> tuple[Projection, float]:
        """The projection and the frame height for points in a frame ``width`` wide."""
        lats = [p.latitude for p in points]
        lons = [p.longitude for p in points]
        center_lat = (min(lats) + max(lats)) / 2
        center_lon = (min(lons) + max(lons)) / 2
        shrink = math.cos(math.radians(center_lat))
        # a landscape frame at least: points along a parallel (or one point) get room above and below
        span_x = max((max(lons) - min(lons)) * shrink, 2 * MIN_SPAN)
        span_lat = max(max(lats) - min(lats), MIN_SPAN, 0.45 * span_x)
        scale = min((width - 2 * INSET) / span_x, (MAX_FRAME_HEIGHT - 2 * INSET) / span_lat)
        height = max(span_lat * scale + 2 * INSET, MIN_FRAME_HEIGHT)
        return cls(center_lat, center_lon, scale, left + width / 2, top + height / 2), height

    @property
    def shrink(self) -> float:
        return math.cos(math.radians(self.center_lat))

    def __call__(self, latitude: float, longitude: float) -> tuple[float, float]:
        x = self.x0 + (longitude - self.center_lon) * self.shrink * self.scale
        y = self.y0 - (latitude - self.center_lat) * self.scale
        return x, y

    def inverse(self, x: float, y: float) -> tuple[float, float]:
        latitude = self.center_lat - (y - self.y0) / self.scale
        longitude = self.center_lon + (x - self.x0) / (self.shrink * self.scale)
        return latitude, longitude


def radius(count: Number, largest: Number, largest_radius: float = MAX_RADIUS) -> float:
    """Circle area grows with the count (the eye compares areas, not radii)."""
    if not count or count <= 0 or not largest:
        return ZERO_RADIUS
    return MIN_RADIUS + (largest_radius - MIN_RADIUS) * math.sqrt(float(count) / float(largest))


def _drawing_order(point: MapPoint) -> tuple:
    return (-float(point.count or 0), point.name)


def _step(span: float) -> float:
    for step in STEPS:
        if span / step <= 5:
            return step
    return STEPS[-1]


def _degrees(value: float, positive: str, negative: str) -> str:
    """16.5 -> "16,5°B"; whole degrees without decimals ("108°Đ")."""
    thousands, mark = separators()
    text = format_number(round(abs(value), 2), 2).replace(thousands, "")
    text = text.rstrip("0").rstrip(mark)
    template = positive if value >= 0 else negative
    return template % {"degrees": text}


@dataclass(frozen=True, eq=False)
class PointMap:
    points: tuple[MapPoint, ...]
    title: str = ""
    unit_label: str = ""
    caption: str = ""
    show_names: bool | None = None
    _cache: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def located(self) -> list[MapPoint]:
        return [p for p in self.points if p.located]

    @property
    def is_empty(self) -> bool:
        return not self.located

    @property
    def largest(self) -> Number:
        return max((p.count or 0 for p in self.points), default=0)

    def fmt(self, value: Number) -> str:
        return format_number(value)

    # --- the numbers -------------------------------------------------------------------------
    @property
    def table(self) -> DataTable:
        unit = str(self.unit_label) or gettext("Value")
        rows = tuple((p.name, (self.fmt(p.count),)) for p in self.points)
        return DataTable((gettext("Place"), unit), rows)

    def point_title(self, point: MapPoint) -> str:
        unit = str(self.unit_label)
        return f"{point.name}: {self.fmt(point.count)}" + (f" {unit}" if unit else "")

    def description(self) -> str:
        if self.is_empty:
            return gettext("No data yet")
        ranked = sorted(self.located, key=lambda p: -float(p.count or 0))
        text = "; ".join(self.point_title(p) for p in ranked[:40])
        return text + ("; …" if len(ranked) > 40 else "") + "."

    @property
    def dom_id(self) -> str:
        """An id for the page elements of this map (its data script), stable for the same points."""
        digest = hashlib.sha1(repr((self.title, self.points)).encode(), usedforsecurity=False)
        return "map-" + digest.hexdigest()[:10]

    def data(self) -> dict[str, Any]:
        """The points for Leaflet (``json_script``): the same sizes and tooltips as the SVG."""
        largest = self.largest
        if "largest_radius" not in self._cache:
            self.layout()
        largest_radius = self._cache.get("largest_radius", MAX_RADIUS)
        remote = set(map(id, self.split()[1]))
        return {
            "points": [
                {
                    "name": p.name,
                    "lat": p.latitude,
                    "lon": p.longitude,
                    "title": self.point_title(p),
                    "radius": round(radius(p.count, largest, largest_radius), 1),
                    "empty": not p.count,
                    "remote": id(p) in remote,  # on the map, but the first view fits the others
                    "url": p.url,
                }
                for p in self.located
            ],
        }

    @property
    def tiles_url(self) -> str:
        return getattr(settings, "MAP_TILES_URL", "")

    @property
    def tiles_attribution(self) -> str:
        return getattr(settings, "MAP_TILES_ATTRIBUTION", "")

    # --- layout ------------------------------------------------------------------------------
    def split(self) -> tuple[list[MapPoint], list[MapPoint]]:
        """(points on the map, remote points): a point far from all the others (Hoàng Sa from Đà
        Nẵng, Trường Sa from Khánh Hòa) would shrink the map to a corner, so it goes to a box
        beside it, as printed maps of Vietnam show the archipelagos in an inset."""
        located = self.located
        if len(located) < REMOTE_MIN_POINTS:
            return located, []
        lat = statistics.median(p.latitude for p in located)
        lon = statistics.median(p.longitude for p in located)
        shrink = math.cos(math.radians(lat))

        def distance(p: MapPoint) -> float:
            return math.hypot(p.latitude - lat, (p.longitude - lon) * shrink)

        distances = sorted(distance(p) for p in located)
        typical = distances[int(0.9 * (len(distances) - 1))]
        limit = max(REMOTE_FACTOR * typical, REMOTE_MIN_DEGREES)
        core = [p for p in located if distance(p) <= limit]
        return core, [p for p in located if distance(p) > limit]

    def max_radius(self, positions: Sequence[tuple[float, float]]) -> float:
        """The largest circle: smaller when points crowd (three quarters of the median distance
        to the nearest neighbour), so that a city's wards do not hide one another."""
        sample = positions[:NEIGHBOUR_SAMPLE]
        if len(sample) < 2:
            return MAX_RADIUS
        return min(MAX_RADIUS, max(MIN_MAX_RADIUS, 0.75 * statistics.median(_nearest_distances(sample))))

    def layout(self) -> tuple[float, list[Shape]]:
        """(height, shapes) in SVG user units, ``WIDTH`` wide."""
        shapes: list[Shape] = []
        top = 8.0
        title = _clean_text(self.title)
        if title:
            shapes.append(
                Shape("text", (FRAME_LEFT, 22.0), (("font-size", "14"), BOLD, ("fill", INK)), title)
            )
            top = 34.0
        core, remote = self.split()
        frame_width = WIDTH - FRAME_LEFT - FRAME_RIGHT - (REMOTE_BOX_WIDTH + REMOTE_GAP if remote else 0)
        if not core:
            height = 160.0
            shapes.append(self._frame(top, frame_width, height))
            shapes.append(
                Shape(
                    "text",
                    (FRAME_LEFT + frame_width / 2, top + height / 2 + 5),
                    (("font-size", "14"), BOLD, ("fill", EMPTY), ("text-anchor", "middle")),
                    gettext("No data yet"),
                )
            )
            return top + height + 10, shapes

        project, height = Projection.fit(core, left=FRAME_LEFT, top=top, width=frame_width)
        positions = [project(p.latitude, p.longitude) for p in core]
        largest_radius = self.max_radius(positions)
        self._cache["largest_radius"] = largest_radius
        shapes.append(self._frame(top, frame_width, height))
        shapes.extend(self._graticule(project, top, frame_width, height))

        largest = self.largest
        show_names = self.show_names if self.show_names is not None else len(core) <= NAMES_UP_TO
        labels: list[Shape] = []
        # big circles first, so that small ones on top stay visible and clickable
        for (x, y), point in sorted(
            zip(positions, core, strict=True), key=lambda pair: _drawing_order(pair[1])
        ):
            r = radius(point.count, largest, largest_radius)
            shapes.append(self._circle(point, x, y, r))
            labels.extend(self._count_label(point, x, y, r))
            if show_names:
                anchor = "end" if x > FRAME_LEFT + frame_width * 0.78 else "start"
                labels.append(self._name(point.name, x + (-(r + 3) if anchor == "end" else r + 3), y, anchor))
        shapes.extend(labels)

        if remote:
            box_height, box_shapes = self._remote_box(
                remote, FRAME_LEFT + frame_width + REMOTE_GAP, top, largest_radius
            )
            shapes.extend(box_shapes)
            height = max(height, box_height)

        legend_y = top + height + 34
        legend = gettext("Circle area shows the count; largest: %(value)s") % {"value": self.fmt(largest)}
        unit = str(self.unit_label)
        if unit:
            legend += f" {unit}"
        if any(not p.count for p in self.located):
            legend += ". " + gettext("Open circles: none yet")
        shapes.append(
            Shape("text", (FRAME_LEFT, legend_y), (("font-size", "10"), ("fill", MUTED)), legend + ".")
        )
        return legend_y + 8, shapes

    def _circle(self, point: MapPoint, x: float, y: float, r: float) -> Shape:
        if point.count and point.count > 0:
            attrs = (
                ("fill", POINT_COLOR),
                ("fill-opacity", "0.78"),
                ("stroke", "#ffffff"),
                ("stroke-width", "1"),
            )
        else:
            attrs = (("fill", "#ffffff"), ("stroke", AXIS), ("stroke-width", "1.2"))
        return Shape("circle", (x, y, r), attrs, title=self.point_title(point), url=point.url)

    def _count_label(self, point: MapPoint, x: float, y: float, r: float) -> list[Shape]:
        if not point.count or r < 12:
            return []
        attrs = (("font-size", "10"), BOLD, ("fill", "#ffffff"), ("text-anchor", "middle"))
        return [Shape("text", (x, y + 3.5), attrs, self.fmt(point.count))]

    @staticmethod
    def _name(name: str, x: float, y: float, anchor: str) -> Shape:
        return Shape(
            "text", (x, y + 3.5), (("font-size", "10"), ("fill", INK), ("text-anchor", anchor), HALO), name
        )

    def _remote_box(self, remote: list[MapPoint], left: float, top: float, largest_radius: float):
        """The remote points listed in a box beside the map, with circles of the same scale."""
        shapes = [
            Shape(
                "text",
                (left + 8, top + 16),
                (("font-size", "9"), BOLD, ("fill", MUTED)),
                gettext("Outside the map frame"),
            )
        ]
        y = top + 26
        largest = self.largest
        for point in sorted(remote, key=lambda p: (-p.latitude, p.longitude)):
            r = radius(point.count, largest, largest_radius)
            y += max(r, 8) + 2
            x = left + 8 + largest_radius
            shapes.append(self._circle(point, x, y, r))
            shapes.extend(self._count_label(point, x, y, r))
            shapes.append(
                self._name(
                    textwrap.shorten(point.name, 24, placeholder="…"), x + largest_radius + 5, y, "start"
                )
            )
            y += max(r, 8) + 2
        height = y - top + 8
        frame = Shape(
            "rect",
            (left, top, REMOTE_BOX_WIDTH, height),
            (("fill", "#f4f2ee"), ("stroke", AXIS), ("stroke-width", "1")),
        )
        return height, [frame, *shapes]

    def _frame(self, top: float, width: float, height: float) -> Shape:
        return Shape(
            "rect",
            (FRAME_LEFT, top, width, height),
            (("fill", "#f4f2ee"), ("stroke", AXIS), ("stroke-width", "1")),
        )

    def _graticule(self, project: Projection, top: float, width: float, height: float) -> list[Shape]:
        shapes = []
        north, west = project.inverse(FRAME_LEFT, top)
        south, east = project.inverse(FRAME_LEFT + width, top + height)
        line_attrs = (("stroke", GRID), ("stroke-width", "1"), ("stroke-dasharray", "3 3"))
        label_attrs = (("font-size", "9"), ("fill", MUTED))
        step = _step(max(north - south, (east - west) * project.shrink))
        north_label, south_label = gettext("%(degrees)s°N"), gettext("%(degrees)s°S")
        east_label, west_label = gettext("%(degrees)s°E"), gettext("%(degrees)s°W")
        latitude = math.ceil(south / step) * step
        while latitude < north:
            _x, y = project(latitude, west)
            if top + 6 < y < top + height - 6:
                shapes.append(Shape("line", (FRAME_LEFT, y, FRAME_LEFT + width, y), line_attrs))
                shapes.append(
                    Shape(
                        "text",
                        (FRAME_LEFT - 4, y + 3),
                        (*label_attrs, ("text-anchor", "end")),
                        _degrees(latitude, north_label, south_label),
                    )
                )
            latitude += step
        longitude = math.ceil(west / step) * step
        while longitude < east:
            x, _y = project(south, longitude)
            if FRAME_LEFT + 14 < x < FRAME_LEFT + width - 14:
                shapes.append(Shape("line", (x, top, x, top + height), line_attrs))
                shapes.append(
                    Shape(
                        "text",
                        (x, top + height + 13),
                        (*label_attrs, ("text-anchor", "middle")),
                        _degrees(longitude, east_label, west_label),
                    )
                )
            longitude += step
        return shapes

    # --- rendering ----------------------------------------------------------------------------
    def svg(self) -> SafeString:
        """The markup, kept in Django's cache under the map's content as the charts are
        (`Chart.svg`): laying out a province's few hundred communes costs some 10 ms."""
        key = ("svg", get_language())
        if key not in self._cache:
            content = repr(
                (RENDERING_VERSION, get_language(), self.points, str(self.title), str(self.unit_label))
            )
            content += repr((str(self.caption), self.show_names))
            cache_key = "map-svg:" + hashlib.sha256(content.encode()).hexdigest()
            markup = cache.get(cache_key)
            if markup is None:
                markup = self._svg()
                cache.set(cache_key, markup, SVG_CACHE_SECONDS)
            self._cache[key] = mark_safe(markup)  # every text and attribute is escaped
        return self._cache[key]

    def _svg(self) -> str:
        height, shapes = self.layout()
        title = _clean_text(self.title) or gettext("Map")
        return canvas.svg_document(shapes, WIDTH, height, title=title, description=self.description())

    def png(self, dpi: int = 150) -> bytes:
        """The same map for documents: ``WIDTH`` points wide (about 22.6 cm at 72 points an inch)."""
        height, shapes = self.layout()
        return canvas.png(shapes, WIDTH, height, dpi=dpi)


# --- building points --------------------------------------------------------------------------------


def point_map(
    points: Iterable[MapPoint | tuple],
    *,
    title: str = "",
    unit_label: str = "",
    caption: str = "",
    show_names: bool | None = None,
) -> PointMap:
    """A map of points: ``MapPoint`` objects or (name, latitude, longitude, count[, url]) tuples.
    Points without coordinates are listed in the table but not drawn."""
    cleaned = []
    for point in points:
        if not isinstance(point, MapPoint):
            point = MapPoint(*point)
        cleaned.append(
            MapPoint(
                _clean_text(point.name),
                None if point.latitude is None else float(point.latitude),
                None if point.longitude is None else float(point.longitude),
                _number(point.count) or 0,
                point.url or "",
            )
        )
    return PointMap(tuple(cleaned), title, unit_label, caption, show_names)


def area_points(
    counts: Iterable[tuple[Any, Number]], *, url: Callable[[Any], str] | None = None
) -> list[MapPoint]:
    """Points for areas (``geo.Area``: name, latitude, longitude), e.g. the communes of a province
    with the number of models in each; ``url(area)`` gives the drill-down link."""
    return [
        MapPoint(str(area.name), area.latitude, area.longitude, count or 0, url(area) if url else "")
        for area, count in counts
    ]


def _nearest_distances(positions: Sequence[tuple[float, float]]) -> list[float]:
    """The distance from each position to its nearest other position (in ``x`` order): a sweep
    along x that stops once the gap in x alone exceeds the best distance found, so a province's
    few hundred communes cost a few thousand distances, not every pair."""
    ordered = sorted(positions)
    count = len(ordered)
    nearest = []
    for i, (x, y) in enumerate(ordered):
        best = math.inf
        for j in range(i + 1, count):
            dx = ordered[j][0] - x
            if dx >= best:
                break
            best = min(best, math.hypot(dx, ordered[j][1] - y))
        for j in range(i - 1, -1, -1):
            dx = x - ordered[j][0]
            if dx >= best:
                break
            best = min(best, math.hypot(dx, ordered[j][1] - y))
        nearest.append(best)
    return nearest
