"""Charts and maps drawn on the server: the one code path behind the dashboards (SVG inlined in
pages) and the report documents (PNG in DOCX). See docs/architecture.md, "Charts and maps"."""

from .chart import Chart, DataTable, Series, bar, donut, line, stacked_bar
from .map import MapPoint, PointMap, area_points, point_map
from .numbers import format_compact, format_number, format_percent

__all__ = [
    "Chart",
    "DataTable",
    "MapPoint",
    "PointMap",
    "Series",
    "area_points",
    "bar",
    "donut",
    "format_compact",
    "format_number",
    "format_percent",
    "line",
    "point_map",
    "stacked_bar",
]
