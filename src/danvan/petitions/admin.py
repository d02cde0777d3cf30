"""The Django admin of petitions: routing rules are configured here by system administrators.

Petitions themselves are deliberately not in the admin: its forms would show a denouncer's
identity to any superuser, unrecorded (see docs/decisions/0006-denouncer-confidentiality.md).
They are handled in the app, where every step is logged."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from danvan.petitions.models import RoutingRule


@admin.register(RoutingRule)
class RoutingRuleAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "area", "unit", "priority", "active")
    list_filter = ("active", "kind", "topic")
    raw_id_fields = ("area", "unit")
    list_select_related = ("area", "unit")
