from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from danvan.core.text import fold
from danvan.training.models import TrainingSession


@admin.register(TrainingSession)
class TrainingSessionAdmin(SimpleHistoryAdmin):
    """Read-mostly: sessions are planned, held and cancelled in the app, where every step is
    logged and the number of people trained is kept."""

    list_display = ("title", "organizer", "topic", "held_on", "status", "people_count")
    list_filter = ("status", "topic", "level", "format")
    search_fields = ("title_folded",)
    raw_id_fields = ("organizer", "campaign", "created_by")
    readonly_fields = ("status", "status_changed_at", "level", "people_count")
    list_select_related = ("organizer",)
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, fold(search_term))
