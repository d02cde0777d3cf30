from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from danvan.core.text import fold
from danvan.targets.models import ScorecardScheme, Target


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    """Read-mostly: targets are set, changed and withdrawn in the app, where every change is
    checked and recorded with its reason."""

    list_display = ("title", "issuing_unit", "kind", "start_year", "end_year", "goal", "withdrawn_at")
    list_filter = ("kind", "end_year")
    search_fields = ("title_folded",)
    raw_id_fields = ("issuing_unit", "campaign", "unit_type", "created_by")
    list_select_related = ("issuing_unit",)
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, fold(search_term))


@admin.register(ScorecardScheme)
class ScorecardSchemeAdmin(SimpleHistoryAdmin):
    list_display = ("name", "issuing_unit", "year")
    list_filter = ("year",)
    raw_id_fields = ("issuing_unit", "unit_type", "created_by")
    list_select_related = ("issuing_unit",)

    def has_add_permission(self, request):
        return False
