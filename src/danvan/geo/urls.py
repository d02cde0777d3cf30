from django.urls import path

from danvan.geo import views

app_name = "geo"
urlpatterns = [
    path("directory/", views.directory, name="directory"),
    path("areas/<int:area_id>/", views.area_detail, name="area"),
    path("areas/<int:area_id>/villages/", views.area_add_village, name="add_village"),
]
