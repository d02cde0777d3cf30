from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from danvan.core.text import fold
from danvan.initiatives.models import Evidence, Field, Initiative, InitiativeYear, ProgressUpdate, Topic


@admin.register(Field)
class FieldAdmin(SimpleHistoryAdmin):
    """The managed list of fields (lĩnh vực): provinces may add one, e.g. new rural development."""

    list_display = ("name", "code", "sort_order", "active")
    list_editable = ("sort_order", "active")


@admin.register(Topic)
class TopicAdmin(SimpleHistoryAdmin):
    list_display = ("name", "code", "sort_order", "active")
    list_editable = ("sort_order", "active")
    search_fields = ("name", "code")


@admin.register(Initiative)
class InitiativeAdmin(SimpleHistoryAdmin):
    """Read-mostly: the lifecycle is changed through the app, where every step is logged."""

    list_display = ("name", "owner_unit", "kind", "status", "year")
    list_filter = ("status", "kind", "holder", "field", "year")
    search_fields = ("name_folded",)
    raw_id_fields = ("owner_unit", "area", "campaign", "recognized_level", "replicated_from", "created_by")
    readonly_fields = ("status", "status_changed_at", "recognized_level", "recognized_on", "replicated_from")
    list_select_related = ("owner_unit",)
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, fold(search_term))


@admin.register(InitiativeYear)
class InitiativeYearAdmin(SimpleHistoryAdmin):
    list_display = ("initiative", "year", "evaluation")
    raw_id_fields = ("initiative", "evaluated_by")


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(SimpleHistoryAdmin):
    list_display = ("initiative", "reported_on", "people_reached", "money_mobilized")
    raw_id_fields = ("initiative", "created_by")


@admin.register(Evidence)
class EvidenceAdmin(SimpleHistoryAdmin):
    list_display = ("original_name", "initiative", "kind", "size", "uploaded_at")
    raw_id_fields = ("initiative", "progress_update", "uploaded_by")
