from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from danvan.core.text import fold
from danvan.orgs.models import (
    Campaign,
    Grant,
    Person,
    Pilot,
    SteeringCommittee,
    SteeringCommitteeMember,
    Unit,
    UnitSuccession,
    UnitType,
)


class FoldedSearchMixin:
    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, fold(search_term))


@admin.register(UnitType)
class UnitTypeAdmin(SimpleHistoryAdmin):
    list_display = ("name", "code", "category", "can_be_standing_agency", "sort_order")
    list_filter = ("category",)


@admin.register(Unit)
class UnitAdmin(FoldedSearchMixin, SimpleHistoryAdmin):
    """Units are added under their parent in the app (which keeps the tree consistent)."""

    list_display = ("name", "unit_type", "area", "valid_from", "valid_until")
    list_filter = ("unit_type__category", "unit_type")
    search_fields = ("name_folded",)
    raw_id_fields = ("area",)
    readonly_fields = ("path", "depth", "numchild")
    list_select_related = ("unit_type", "area")
    show_full_result_count = False

    def has_add_permission(self, request):
        return False


@admin.register(UnitSuccession)
class UnitSuccessionAdmin(SimpleHistoryAdmin):
    list_display = ("predecessor", "successor", "is_default", "effective_on")
    raw_id_fields = ("predecessor", "successor")


@admin.register(Person)
class PersonAdmin(FoldedSearchMixin, SimpleHistoryAdmin):
    list_display = ("full_name", "position", "unit", "user")
    search_fields = ("name_folded",)
    raw_id_fields = ("unit", "user")
    list_select_related = ("unit", "user")


@admin.register(Grant)
class GrantAdmin(SimpleHistoryAdmin):
    list_display = ("user", "role", "unit", "granted_at", "revoked_at")
    list_filter = ("role",)
    search_fields = ("user__username", "unit__name_folded")
    raw_id_fields = ("user", "unit", "granted_by", "revoked_by")
    list_select_related = ("user", "unit")


class MemberInline(admin.TabularInline):
    model = SteeringCommitteeMember
    raw_id_fields = ("person",)
    extra = 0


@admin.register(SteeringCommittee)
class SteeringCommitteeAdmin(SimpleHistoryAdmin):
    list_display = ("name", "unit", "standing_agency", "established_on")
    raw_id_fields = ("unit", "standing_agency")
    inlines = [MemberInline]


@admin.register(Campaign)
class CampaignAdmin(SimpleHistoryAdmin):
    list_display = ("name", "issuing_unit", "start_date", "end_date")
    raw_id_fields = ("issuing_unit",)


@admin.register(Pilot)
class PilotAdmin(SimpleHistoryAdmin):
    list_display = ("unit", "campaign", "designated_on")
    raw_id_fields = ("unit", "campaign")
