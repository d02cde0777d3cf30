"""The layout: the current unit's path links only to units the user may open."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_breadcrumb_links_only_visible_ancestors(personas, city, tamky):
    body = personas["owner"].get(reverse("home")).content.decode()
    assert city.name in body  # shown for orientation
    assert reverse("orgs:unit", args=[city.pk]) not in body  # but not a link: it would be a 404
    body = personas["ancestor"].get(reverse("orgs:unit", args=[tamky.pk])).content.decode()
    assert reverse("orgs:unit", args=[city.pk]) in body


def test_my_unit_is_highlighted_only_on_my_unit(personas, tamky, city):
    client = personas["ancestor"]
    own = client.get(reverse("orgs:unit", args=[city.pk])).content.decode()
    other = client.get(reverse("orgs:unit", args=[tamky.pk])).content.decode()
    marker = f'nav-link active" href="{reverse("orgs:unit", args=[city.pk])}"'
    assert marker in own
    assert marker not in other
