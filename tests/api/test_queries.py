"""No N+1: a list costs the same number of queries whatever the page size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/units?limit={n}",
        "/api/v1/units?q=phuong&limit={n}",
        "/api/v1/units?active=false&limit={n}",
        "/api/v1/areas?level=commune&limit={n}",
        "/api/v1/areas?q=xa&limit={n}",
    ],
)
def test_lists_run_a_constant_number_of_queries(personas, url):
    client = personas["ancestor"]
    few = client.get(url.format(n=5)).json()
    many = client.get(url.format(n=100)).json()
    assert len(few["items"]) == 5
    assert len(many["items"]) > 5 * 4  # the comparison means something only if the page grew
    queries(client, url.format(n=5))  # warm any per-process cache
    assert queries(client, url.format(n=100)) == queries(client, url.format(n=5))


def test_unit_list_with_a_bearer_token_is_constant_too(token_client, ancestor):
    client = token_client(ancestor)
    client.get("/api/v1/me")  # the first use of a token also records when it was used
    assert queries(client, "/api/v1/units?limit=200") == queries(client, "/api/v1/units?limit=2")


def test_unit_detail_does_not_grow_with_committee_members(personas, tamky, ancestor):
    from danvan.orgs.models import CommitteePosition, SteeringCommittee
    from danvan.orgs.services import add_committee_member, add_person

    client = personas["ancestor"]
    url = f"/api/v1/units/{tamky.pk}"
    before = queries(client, url)
    committee = SteeringCommittee.objects.get(unit=tamky)
    for i in range(15):
        person = add_person(ancestor, unit=tamky, full_name=f"Thành viên {i}")
        add_committee_member(ancestor, committee, person=person, position=CommitteePosition.MEMBER)
    body = client.get(url).json()
    assert len(body["steering_committees"][0]["members"]) == 19
    assert queries(client, url) == before
