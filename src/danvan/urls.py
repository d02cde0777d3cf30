from django.contrib import admin
from django.http import JsonResponse
from django.urls import include, path
from django.utils.translation import gettext as _

from danvan.api import api
from danvan.core.views import healthz
from danvan.orgs import views as org_views

urlpatterns = [
    path("", org_views.home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("accounts/", include("danvan.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("danvan.geo.urls")),
    path("", include("danvan.orgs.urls")),
    path("dashboard/", include("danvan.dashboards.urls")),
    path("initiatives/", include("danvan.initiatives.urls")),
    path("awards/", include("danvan.awards.urls")),
    path("appraisal/", include("danvan.appraisal.urls")),
    path("funding/", include("danvan.funding.urls")),
    path("training/", include("danvan.training.urls")),
    path("targets/", include("danvan.targets.urls")),
    path("reports/", include("danvan.reports.urls")),
    path("reception/", include("danvan.reception.urls")),
    path("petitions/", include("danvan.petitions.urls")),
    path("notifications/", include("danvan.notifications.urls")),
    path("public/petitions/", include("danvan.petitions.public_urls")),
    path("api/v1/", api.urls),
    path(
        "api/v1/<path:unknown>",
        lambda request, unknown: JsonResponse({"detail": _("Not found.")}, status=404),
    ),
    path("django-admin/", admin.site.urls),
]
