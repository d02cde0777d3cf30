"""Django admin is for system administrators (superusers) only."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.conftest import client_for

pytestmark = pytest.mark.django_db

MODELS = [m for m in admin.site._registry if m._meta.app_label in {"geo", "orgs", "accounts", "initiatives"}]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_superuser_opens_every_changelist_and_searches_without_diacritics(admin_user, model):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    client = client_for(admin_user)
    assert client.get(url).status_code == 200
    assert client.get(url, {"q": "tam ky"}).status_code == 200


def test_area_search_folds_vietnamese(admin_user):
    url = reverse("admin:geo_area_changelist")
    body = client_for(admin_user).get(url, {"q": "TAM KỲ"}).content.decode()
    assert "Phường Tam Kỳ" in body


@pytest.mark.parametrize("persona", ["owner", "ancestor", "subtree_admin"])
def test_officers_cannot_enter_the_admin(request, persona):
    user = request.getfixturevalue(persona)
    response = client_for(user).get(reverse("admin:index"))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_unit_change_page_opens(admin_user, tamky):
    url = reverse("admin:orgs_unit_change", args=[tamky.pk])
    assert client_for(admin_user).get(url).status_code == 200
