"""A URLconf with one state-changing endpoint protected exactly like the real API (the real API
has no POST endpoint yet), to prove that a session POST needs the CSRF token and a bearer
token does not."""

from django.urls import path
from ninja import NinjaAPI

from danvan.core.api import SessionAuth, TokenAuth, install_error_handlers
from danvan.urls import urlpatterns as real_urlpatterns

probe_api = NinjaAPI(auth=[TokenAuth(), SessionAuth()], urls_namespace="csrf_probe")
install_error_handlers(probe_api)


@probe_api.post("/echo")
def echo(request):
    return {"user": request.user.get_username()}


urlpatterns = [path("probe/", probe_api.urls), *real_urlpatterns]
