from django.urls import path

from danvan.dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("", views.dashboard, name="current"),
    path("<int:unit_id>/", views.dashboard, name="unit"),
    path("country/", views.country, name="country"),
]
