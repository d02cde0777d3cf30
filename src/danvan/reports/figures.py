"""The numbers of a report, read from the metrics registry (never counted here).

`compute(unit, start, end)` gives what a report of `unit` says for the window [start, end]: the
figures of `FIGURES` over the unit's subtree, the breakdowns of `BREAKDOWNS`, the targets that apply
to the unit and the appendices (lists of the models registered and recognized and of the
commendations). The result is plain JSON — what `Report.snapshot` freezes on submission — with
Vietnamese labels, since it is the text of an official document.

A figure's key is its metric code ("initiatives.registered"); a breakdown cell's key is the code,
the dimension and the key of the group ("initiatives.registered/field/3"). A `Correction` names
the key it corrects; `apply_corrections` writes the corrected value and the reason beside the
computed one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone, translation
from django.utils.formats import date_format

from danvan.metrics import registry

SNAPSHOT_VERSION = 1
APPENDIX_LIMIT = 10_000  # rows per appendix kept in a snapshot; the count says how many there were


@dataclass(frozen=True)
class FigureSpec:
    code: str
    section: str  # "models", "training", "funding"
    label: str = ""  # the document's wording, when the metric's own label is too short


SECTIONS = {
    "models": "Mô hình, điển hình “Dân vận khéo”",
    "training": "Tập huấn, bồi dưỡng",
    "funding": "Kinh phí",
}

FIGURES = (
    FigureSpec("initiatives.registered", "models"),
    FigureSpec("initiatives.models_registered", "models"),
    FigureSpec("initiatives.self_management_registered", "models"),
    FigureSpec("initiatives.exemplars_registered", "models"),
    FigureSpec("initiatives.replicas", "models"),
    FigureSpec("initiatives.recognized", "models"),
    FigureSpec("awards.typical", "models", "Mô hình, điển hình được công nhận tiêu biểu"),
    FigureSpec("awards.proposed", "models", "Mô hình, điển hình tiêu biểu được đề nghị khen thưởng"),
    FigureSpec("awards.commended", "models"),
    FigureSpec("training.sessions", "training"),
    FigureSpec("training.people_trained", "training"),
    FigureSpec("training.model_method_sessions", "training"),
    FigureSpec("funding.allocated", "funding"),
    FigureSpec("funding.spent", "funding"),
    FigureSpec("funding.model_support", "funding"),
)

# (metric, dimension, title of the table)
BREAKDOWNS = (
    ("initiatives.registered", "field", "Mô hình, điển hình đăng ký theo lĩnh vực"),
    ("initiatives.registered", "owner_type", "Mô hình, điển hình đăng ký theo loại đơn vị"),
    ("initiatives.registered", "kind", "Mô hình, điển hình đăng ký theo loại hình"),
    ("initiatives.recognized", "field", "Mô hình, điển hình được công nhận theo lĩnh vực"),
)

# the figures of each reporter shown in a roll-up (a parent's report lists its children's)
ROLLUP_CODES = (
    "initiatives.registered",
    "initiatives.recognized",
    "awards.commended",
    "training.people_trained",
)


def breakdown_key(code: str, dimension: str, group) -> str:
    return f"{code}/{dimension}/{group}"


def plain(value) -> int | float:
    """A metric value as JSON holds it: money and counts are whole numbers."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def compute(unit, start: date, end: date, *, today: date | None = None) -> dict:
    """What a report of `unit` says for [start, end], before corrections."""
    with translation.override("vi"):
        figures = []
        for spec in FIGURES:
            metric = registry.get(spec.code)
            figures.append(
                {
                    "key": spec.code,
                    "code": spec.code,
                    "label": spec.label or _sentence(str(metric.label)),
                    "section": spec.section,
                    "measure": metric.measure,
                    "by_year": metric.year_field is not None,
                    "value": plain(metric.value_for(unit, start, end)),
                }
            )
        return {
            "version": SNAPSHOT_VERSION,
            "unit": {"id": unit.pk, "name": unit.name, "path": unit.path},
            "window": {"start": start.isoformat(), "end": end.isoformat()},
            "computed_at": timezone.now().isoformat(),
            "figures": figures,
            "breakdowns": [_breakdown(code, dim, title, unit, start, end) for code, dim, title in BREAKDOWNS],
            "targets": _targets(unit, end, today or timezone.localdate()),
            "appendices": _appendices(unit, start, end),
        }


def _sentence(label: str) -> str:
    return label[:1].upper() + label[1:]


def _breakdown(code: str, dimension: str, title: str, unit, start: date, end: date) -> dict:
    metric = registry.get(code)
    values = metric.breakdown(dimension, unit, start, end)
    names = _group_names(dimension, [key for key in values if key is not None])
    rows = [
        {"key": breakdown_key(code, dimension, key), "label": names.get(key, "—"), "value": plain(value)}
        for key, value in values.items()
    ]
    rows.sort(key=lambda row: (-row["value"], row["label"]))
    return {"key": f"{code}/{dimension}", "code": code, "dimension": dimension, "title": title, "rows": rows}


def _group_names(dimension: str, keys: list) -> dict:
    from danvan.initiatives.models import Field, Holder, Kind
    from danvan.initiatives.workflow import Status
    from danvan.orgs.models import UnitType

    if dimension == "field":
        return dict(Field.objects.filter(pk__in=keys).values_list("pk", "name"))
    if dimension == "owner_type":
        return dict(UnitType.objects.filter(pk__in=keys).values_list("pk", "name"))
    choices = {"kind": Kind, "holder": Holder, "status": Status}.get(dimension)
    if choices is not None:
        return {key: str(choices(key).label) for key in keys if key in choices.values}
    return {key: str(key) for key in keys}


def _targets(unit, end: date, today: date) -> list[dict]:
    from danvan.targets.queries import results

    on = min(end, today)
    rows = []
    for result in results(unit, on):
        if not result.applicable:
            continue
        rows.append(
            {
                "title": result.title,
                "goal": result.goal_text,
                "actual": result.actual_text,
                "status": result.status or "",
                "status_label": str(result.status_label or ""),
            }
        )
    return rows


def _appendices(unit, start: date, end: date) -> dict:
    return {
        "registered": _registered(unit, start, end),
        "recognized": _recognized(unit, start, end),
        "commended": _commended(unit, start, end),
    }


def _limited(queryset, row) -> dict:
    total = queryset.count()
    return {"total": total, "rows": [row(item) for item in queryset[:APPENDIX_LIMIT]]}


def _registered(unit, start: date, end: date) -> dict:
    rows = (
        registry.get("initiatives.registered")
        .rows_within(unit, start, end)
        .select_related("owner_unit", "field")
        .order_by("owner_unit__name_sort", "name", "pk")
    )
    return _limited(
        rows,
        lambda i: [
            i.name,
            i.owner_unit.name,
            i.field.name if i.field_id else "",
            str(i.get_kind_display()),
            i.year,
            str(i.get_status_display()),
        ],
    )


def _recognized(unit, start: date, end: date) -> dict:
    rows = (
        registry.get("initiatives.recognized")
        .rows_within(unit, start, end)
        .select_related("owner_unit", "recognized_level")
        .order_by("recognized_on", "name", "pk")
    )
    return _limited(
        rows,
        lambda i: [
            i.name,
            i.owner_unit.name,
            i.recognized_level.name if i.recognized_level_id else "",
            date_format(i.recognized_on, "d/m/Y") if i.recognized_on else "",
        ],
    )


def _commended(unit, start: date, end: date) -> dict:
    rows = (
        registry.get("awards.commended")
        .rows_within(unit, start, end)
        .select_related("proposal__award_form", "decision")
        .order_by("decision__date", "decision_id", "position", "pk")
    )
    return _limited(
        rows,
        lambda e: [
            e.proposal.recipient_name,
            e.proposal.award_form.name,
            e.decision.symbol,
            date_format(e.decision.date, "d/m/Y"),
        ],
    )


APPENDIX_HEADERS = {
    "registered": (
        "Danh sách mô hình, điển hình đăng ký",
        ["Tên mô hình, điển hình", "Đơn vị", "Lĩnh vực", "Loại hình", "Năm", "Trạng thái"],
    ),
    "recognized": (
        "Danh sách mô hình, điển hình được công nhận",
        ["Tên mô hình, điển hình", "Đơn vị", "Cấp công nhận", "Ngày công nhận"],
    ),
    "commended": (
        "Danh sách tập thể, cá nhân được khen thưởng",
        ["Tập thể, cá nhân", "Hình thức khen thưởng", "Quyết định", "Ngày"],
    ),
}


# --- corrections ----------------------------------------------------------------------------------


def apply_corrections(data: dict, corrections) -> dict:
    """`data` (a computed or frozen report) with each corrected figure's `value` replaced and the
    computed one kept as `computed`, the correction's reason as `reason`."""
    by_key = {c.key: c for c in corrections}
    if not by_key:
        return data

    def fix(item: dict) -> dict:
        correction = by_key.get(item["key"])
        if correction is None:
            return item
        return {
            **item,
            "computed": item["value"],
            "value": plain(correction.value),
            "reason": correction.reason,
        }

    return {
        **data,
        "figures": [fix(f) for f in data["figures"]],
        "breakdowns": [{**b, "rows": [fix(r) for r in b["rows"]]} for b in data["breakdowns"]],
    }


def figure_keys(data: dict) -> dict[str, dict]:
    """{key: figure or breakdown cell} of a computed or frozen report."""
    keys = {f["key"]: f for f in data["figures"]}
    for breakdown in data["breakdowns"]:
        for row in breakdown["rows"]:
            keys[row["key"]] = {**row, "label": f"{breakdown['title']}: {row['label']}"}
    return keys


def value_of(data: dict, code: str):
    for figure in data["figures"]:
        if figure["key"] == code:
            return figure["value"]
    return None


def differences(frozen: dict, live: dict) -> list[dict]:
    """The figures whose live value (before corrections) differs from the frozen computed value:
    what changed in the data since the report was submitted."""
    before = figure_keys(frozen)
    after = figure_keys(live)
    changes = []
    for key in list(before) + [k for k in after if k not in before]:
        old = before.get(key, {})
        new = after.get(key, {})
        old_value = old.get("computed", old.get("value", 0))
        new_value = new.get("value", 0)
        if old_value != new_value:
            changes.append(
                {"key": key, "label": (old or new)["label"], "frozen": old_value, "live": new_value}
            )
    return changes
