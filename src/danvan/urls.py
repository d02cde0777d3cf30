from django.contrib import admin
from django.urls import include, path

from danvan.api import api
from danvan.orgs import views as org_views

urlpatterns = [
    path("", org_views.home, name="home"),
    path("accounts/", include("danvan.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("danvan.geo.urls")),
    path("", include("danvan.orgs.urls")),
    path("api/v1/", api.urls),
    path("django-admin/", admin.site.urls),
]
