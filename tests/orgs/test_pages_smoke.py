import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_pages_render_for_owner(personas, tamky):
    c = personas["owner"]
    for url in [
        reverse("home"),
        reverse("geo:directory"),
        reverse("geo:directory") + "?q=tam+ky",
        reverse("orgs:unit", args=[tamky.pk]),
        reverse("orgs:unit_history", args=[tamky.pk]),
        reverse("geo:area", args=[tamky.area_id]),
        reverse("accounts:tokens"),
        reverse("accounts:password_change"),
    ]:
        r = c.get(url)
        assert r.status_code == 200, url
