"""A recognition recorded on the model's page from a paper decision carries the decision's date."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from danvan.core.services import ServiceError
from danvan.initiatives import services
from danvan.initiatives.models import Initiative
from tests.conftest import client_for
from tests.initiatives.conftest import advance, make

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposed_2025(tamky, owner, ancestor):
    return advance(make(tamky, owner, year=2025), owner, ancestor, "proposed")


def test_the_date_of_a_paper_decision(proposed_2025, ancestor, city):
    model = services.transition(proposed_2025, "recognize", actor=ancestor, level=city, on=date(2025, 11, 3))
    assert model.recognized_on == date(2025, 11, 3)


@pytest.mark.parametrize("on", [date.today() + timedelta(days=2), date(2024, 12, 31)])
def test_a_future_date_or_one_before_registration_is_refused(proposed_2025, ancestor, city, on):
    with pytest.raises(ServiceError):
        services.transition(proposed_2025, "recognize", actor=ancestor, level=city, on=on)
    assert Initiative.objects.get(pk=proposed_2025.pk).status == "proposed"


def test_the_page_takes_dd_mm_yyyy(proposed_2025, ancestor, city):
    url = reverse("initiatives:transition", args=[proposed_2025.pk])
    client = client_for(ancestor)
    client.post(url, {"action": "recognize", "level": city.pk, "on": "2025-11-03"})  # not dd/mm/yyyy
    assert Initiative.objects.get(pk=proposed_2025.pk).status == "proposed"
    client.post(url, {"action": "recognize", "level": city.pk, "on": "03/11/2025"})
    model = Initiative.objects.get(pk=proposed_2025.pk)
    assert (model.status, model.recognized_on) == ("recognized", date(2025, 11, 3))


def test_the_api_takes_an_iso_date(proposed_2025, ancestor, city):
    url = f"/api/v1/initiatives/{proposed_2025.pk}/transitions"
    client = client_for(ancestor)
    future = (date.today() + timedelta(days=5)).isoformat()
    bad = client.post(
        url, {"action": "recognize", "level": city.pk, "on": future}, content_type="application/json"
    )
    assert bad.status_code == 400 and bad.json()["detail"]
    ok = client.post(
        url, {"action": "recognize", "level": city.pk, "on": "2025-11-03"}, content_type="application/json"
    )
    assert ok.status_code == 200 and ok.json()["recognized_on"] == "2025-11-03"
