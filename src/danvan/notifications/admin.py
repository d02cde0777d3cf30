from django.contrib import admin

from danvan.notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Read-only: notifications are created by the system, read by their recipients, never deleted."""

    list_display = ("created_at", "recipient", "subject", "unit", "read_at", "emailed_at")
    list_filter = (("read_at", admin.EmptyFieldListFilter), ("emailed_at", admin.EmptyFieldListFilter))
    search_fields = ("key", "subject", "recipient__username")
    list_select_related = ("recipient", "unit")
    raw_id_fields = ("recipient", "unit")
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
