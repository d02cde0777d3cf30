from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from danvan.funding.models import Allocation, Expenditure


@admin.register(Allocation)
class AllocationAdmin(SimpleHistoryAdmin):
    """Read-mostly: allocations are recorded, corrected and voided on the funding pages, with a reason."""

    list_display = ("unit", "year", "source", "amount", "decision_reference", "voided_at")
    list_filter = ("year", "source")
    raw_id_fields = ("unit", "created_by", "voided_by")
    readonly_fields = ("voided_at", "voided_by", "void_reason")
    list_select_related = ("unit",)


@admin.register(Expenditure)
class ExpenditureAdmin(SimpleHistoryAdmin):
    list_display = ("date", "unit", "purpose", "amount", "initiative", "voided_at")
    list_filter = ("purpose",)
    raw_id_fields = ("unit", "initiative", "allocation", "created_by", "voided_by")
    readonly_fields = ("voided_at", "voided_by", "void_reason")
    list_select_related = ("unit", "initiative")
