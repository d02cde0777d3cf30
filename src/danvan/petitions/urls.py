from django.urls import include, path

from danvan.petitions import views

app_name = "petitions"

urlpatterns = [
    path("", views.petition_list, name="list"),
    path("new/", views.petition_new, name="new"),
    path("export.xlsx", views.petition_export, name="export"),
    path("rules/", views.rules, name="rules"),
    path("<int:pk>/", views.petition_detail, name="detail"),
    path("<int:pk>/act/<str:action>/", views.petition_act, name="act"),
    path("<int:pk>/identity/", views.petition_identity, name="identity"),
    path("<int:pk>/attachments/", views.attachment_add, name="attachment_add"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("hot-spots/", include("danvan.petitions.hotspot_urls")),
]
