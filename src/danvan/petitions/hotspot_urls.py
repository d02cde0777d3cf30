"""The hot spot pages, included by `petitions.urls` at /petitions/hot-spots/ (namespace
"petitions")."""

from django.urls import path

from danvan.petitions import hotspot_views as views

urlpatterns = [
    path("", views.hotspot_list, name="hotspot_list"),
    path("new/", views.hotspot_new, name="hotspot_new"),
    path("<int:pk>/", views.hotspot_detail, name="hotspot_detail"),
    path("<int:pk>/clear/", views.hotspot_clear, name="hotspot_clear"),
]
