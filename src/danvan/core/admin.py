from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from danvan.core.models import CalendarDay


@admin.register(CalendarDay)
class CalendarDayAdmin(SimpleHistoryAdmin):
    """Extra days off and make-up working days, entered as the Government announces them each year.

    Public holidays themselves come from the `holidays` package and are not listed here."""

    list_display = ("date", "kind", "name", "basis")
    list_filter = ("kind",)
    date_hierarchy = "date"
    search_fields = ("name", "basis")
