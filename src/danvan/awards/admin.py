from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from danvan.awards.models import AwardForm, Decision, Proposal


@admin.register(AwardForm)
class AwardFormAdmin(SimpleHistoryAdmin):
    """The catalogue is data: provinces rename, add or retire forms (also on the catalogue page)."""

    list_display = ("name", "province", "issuer_type", "level", "grade", "active")
    list_filter = ("active", "grade", "level")
    raw_id_fields = ("province",)


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    """Read-mostly: decisions are issued and revoked in the app, where every step is logged."""

    list_display = ("__str__", "kind", "issuing_body", "date", "status")
    list_filter = ("kind", "status", "year")
    raw_id_fields = ("issuing_unit", "issuing_body", "award_form", "created_by")
    readonly_fields = ("status", "status_changed_at", "revoke_reason")
    list_select_related = ("issuing_body",)


@admin.register(Proposal)
class ProposalAdmin(SimpleHistoryAdmin):
    list_display = ("recipient_name", "proposing_unit", "award_form", "year", "status")
    list_filter = ("status", "year", "holder")
    raw_id_fields = ("proposing_unit", "recipient_unit", "initiative", "campaign", "award_form", "created_by")
    readonly_fields = ("status", "status_changed_at")
