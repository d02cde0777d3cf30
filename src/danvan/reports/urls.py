from django.urls import path

from danvan.reports import export_views, views

app_name = "reports"
urlpatterns = [
    *views.urlpatterns,
    path("<int:pk>/export/<str:fmt>/", export_views.export, name="export"),
]
