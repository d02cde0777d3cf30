"""Reading django-simple-history records as "who did what, when, why"."""

from datetime import date, datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}


def history_entries(obj, limit: int = 200) -> list[dict]:
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    entries = []
    related: dict = {}  # (model, pk) -> name, read once per call
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            changes = [_describe(record, c, related) for c in delta.changes]
        entries.append(
            {
                "at": record.history_date,
                "user": record.history_user.get_username() if record.history_user else None,
                "action": ACTIONS.get(record.history_type, record.history_type),
                "action_label": {"+": _("created"), "~": _("changed"), "-": _("deleted")}.get(
                    record.history_type, ""
                ),
                "reason": record.history_change_reason,
                "changes": changes,
            }
        )
    return entries


def _value(field, value, related: dict) -> str:
    """A changed value as people read it: labels of choices, names of related rows, dd/mm/yyyy."""
    if value is None or value == "":
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        key = (field.related_model, value)
        if key not in related:
            obj = field.related_model._default_manager.filter(pk=value).first()
            related[key] = str(obj) if obj is not None else str(value)
        return related[key]
    if isinstance(value, datetime):
        return date_format(
            timezone.localtime(value) if timezone.is_aware(value) else value, "SHORT_DATETIME_FORMAT"
        )
    if isinstance(value, date):
        return date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def _describe(record, change, related: dict) -> str:
    # many-to-many fields (e.g. m2m_fields=[topics]) live on the tracked model, not the historical one,
    # and their values are rows of the through table: show the related objects' names instead
    field = record.instance_type._meta.get_field(change.field)
    if not field.many_to_many:
        old, new = _value(field, change.old, related), _value(field, change.new, related)
        return f"{field.verbose_name}: {old} → {new}"
    key = field.m2m_reverse_field_name()
    ids = {row[key] for row in [*change.old, *change.new]}
    names = {obj.pk: str(obj) for obj in field.related_model._default_manager.filter(pk__in=ids)}

    def listed(rows):
        return ", ".join(sorted(str(names.get(row[key], row[key])) for row in rows)) or "—"

    return f"{field.verbose_name}: {listed(change.old)} → {listed(change.new)}"
