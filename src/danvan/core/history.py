"""Reading django-simple-history records as "who did what, when, why"."""

from django.utils.translation import gettext as _

ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}


def history_entries(obj, limit: int = 200) -> list[dict]:
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            changes = [
                f"{record._meta.get_field(c.field).verbose_name}: {c.old} → {c.new}" for c in delta.changes
            ]
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
