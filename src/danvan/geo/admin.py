from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from danvan.geo.models import Area, AreaSuccession


@admin.register(Area)
class AreaAdmin(SimpleHistoryAdmin):
    """Areas come from `danvan load_areas` and villages from the app: no tree edits here."""

    list_display = ("name", "level", "era", "code", "valid_from", "valid_until")
    list_filter = ("era", "level", "kind")
    search_fields = ("name_folded", "code")
    readonly_fields = ("path", "depth", "numchild", "era", "level", "code", "created_by")
    list_per_page = 50
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def get_search_results(self, request, queryset, search_term):
        from danvan.core.text import fold

        return super().get_search_results(request, queryset, fold(search_term))


@admin.register(AreaSuccession)
class AreaSuccessionAdmin(SimpleHistoryAdmin):
    list_display = ("predecessor", "successor", "is_default", "effective_on")
    list_filter = ("is_default",)
    raw_id_fields = ("predecessor", "successor")
    search_fields = ("predecessor__name_folded", "successor__name_folded")
    show_full_result_count = False
