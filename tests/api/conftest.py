import pytest
from django.test import Client

from danvan.accounts.models import ApiToken


@pytest.fixture
def token_client():
    """make(user) -> a client that authenticates with a freshly issued bearer token of `user`."""

    def make(user):
        _token, raw = ApiToken.issue(user, "tests")
        return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")

    return make


def get_json(client, url, params=None, status=200):
    response = client.get(url, params or {})
    assert response.status_code == status, (url, params, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    return response.json()
