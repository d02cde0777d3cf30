"""No N+1 on the pages: the query count does not grow with what a page lists."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.core.permissions import Role
from danvan.orgs import services
from danvan.orgs.models import Campaign, CommitteePosition, SteeringCommittee, UnitType

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    client.get(url)  # warm per-process caches (content types, translations)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def grow(tamky, ancestor, subtree_admin, n=25):
    """Add n children, people, committee members, pilots and accounts under the ward."""
    committee = SteeringCommittee.objects.get(unit=tamky)
    campaign = Campaign.objects.get(issuing_unit__name="Thành ủy Đà Nẵng")
    kind = UnitType.objects.get(code="village_party_cell")
    for i in range(n):
        child = services.add_unit(
            tamky, name=f"Chi bộ khối phố {i}", unit_type=kind, area=tamky.area, actor=ancestor
        )
        services.designate_pilot(ancestor, campaign=campaign, unit=child)
        person = services.add_person(ancestor, unit=tamky, full_name=f"Người Thứ {i}")
        services.add_committee_member(ancestor, committee, person=person, position=CommitteePosition.MEMBER)
        services.create_user(
            subtree_admin,
            username=f"canbo.so{i}",
            full_name=f"Cán Bộ {i}",
            password="Mat-khau-rat-manh-2026",
            unit=child,
            role=Role.UNIT_OFFICER,
        )
    tamky.refresh_from_db()


@pytest.mark.parametrize(
    ("persona", "url"),
    [
        ("ancestor", lambda u: reverse("orgs:unit", args=[u.pk])),
        ("owner", lambda u: reverse("orgs:unit", args=[u.pk])),
        ("ancestor", lambda u: reverse("orgs:unit_history", args=[u.pk])),
        ("ancestor", lambda u: reverse("home")),
        ("ancestor", lambda u: reverse("geo:directory") + "?q=tam+ky"),
        ("ancestor", lambda u: reverse("geo:area", args=[u.area_id])),
        ("subtree_admin", lambda u: reverse("orgs:users", args=[u.pk])),
    ],
    ids=["unit page", "unit page (ward officer)", "history", "home", "directory", "area page", "users page"],
)
def test_pages_run_a_constant_number_of_queries(personas, subtree_admin, ancestor, tamky, persona, url):
    from tests.conftest import client_for

    client = personas.get(persona) or client_for(subtree_admin)
    before = queries(client, url(tamky))
    grow(tamky, ancestor, subtree_admin)
    after = queries(client, url(tamky))
    assert after == before


def test_the_unit_page_lists_what_was_added(personas, subtree_admin, ancestor, tamky):
    grow(tamky, ancestor, subtree_admin, n=3)
    context = personas["ancestor"].get(reverse("orgs:unit", args=[tamky.pk])).context
    assert {"Chi bộ khối phố 0", "Chi bộ khối phố 2"} <= {u.name for u in context["page"]}
    assert {"Người Thứ 0", "Người Thứ 2"} <= {p.full_name for p in context["people"]}
    (_committee, members) = context["committees"][0]
    assert members[0].position == CommitteePosition.HEAD
    assert len(members) == 4 + 3
