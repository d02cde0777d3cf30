from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from danvan.appraisal.models import AppraisalRound, CriteriaSet, Criterion


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0
    fields = ("position", "title", "kind", "max_points", "weight", "mandatory")
    readonly_fields = fields
    can_delete = False


@admin.register(CriteriaSet)
class CriteriaSetAdmin(SimpleHistoryAdmin):
    """Read-only: sets are created and versioned in the app, where a set in use is never changed."""

    list_display = ("name", "version", "holder", "issuing_unit", "superseded_at")
    list_filter = ("holder", "rule")
    raw_id_fields = ("issuing_unit", "campaign", "previous", "created_by")
    inlines = [CriterionInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AppraisalRound)
class AppraisalRoundAdmin(SimpleHistoryAdmin):
    """Read-only: rounds are run in the app, where every step is permission-checked and logged."""

    list_display = ("name", "unit", "year", "status")
    list_filter = ("status", "year")
    raw_id_fields = ("unit", "campaign", "collective_set", "individual_set", "created_by")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
