"""Fixtures shared by the whole suite.

The test database is built once per session with the real administrative areas and the demo
dataset (Đà Nẵng, the former Tam Kỳ, one user per role); each test runs in a transaction that is
rolled back. The three personas of every permission test:

* ``owner``     — canbo.tamky, officer of Đảng ủy phường Tam Kỳ (the owning unit);
* ``ancestor``  — canbo.danang, standing-agency officer of Thành ủy Đà Nẵng (an ancestor unit);
* ``stranger``  — canbo.haichau, officer of Đảng ủy phường Hải Châu (an unrelated unit).
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from danvan.orgs.demo import seed_demo
from danvan.orgs.models import Unit


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_areas", verbosity=0)
        seed_demo()


@pytest.fixture(autouse=True)
def _fresh_calendar():
    """The working-day calendar caches each year per process; a test's rolled-back days off must
    not leak into the next test."""
    from danvan.core import calendar

    calendar.clear_cache()
    yield
    calendar.clear_cache()


def _user(username):
    return get_user_model().objects.get(username=username)


@pytest.fixture
def admin_user(db):
    return _user("admin")


@pytest.fixture
def owner(db):
    return _user("canbo.tamky")


@pytest.fixture
def ancestor(db):
    return _user("canbo.danang")


@pytest.fixture
def stranger(db):
    return _user("canbo.haichau")


@pytest.fixture
def subtree_admin(db):
    return _user("quantri.danang")


@pytest.fixture
def city(db):
    return Unit.objects.get(name="Thành ủy Đà Nẵng")


@pytest.fixture
def tamky(db):
    return Unit.objects.get(name="Đảng ủy phường Tam Kỳ")


@pytest.fixture
def haichau(db):
    return Unit.objects.get(name="Đảng ủy phường Hải Châu")


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def personas(owner, ancestor, stranger):
    """name -> logged-in client, plus anonymous."""
    return {
        "owner": client_for(owner),
        "ancestor": client_for(ancestor),
        "stranger": client_for(stranger),
        "anonymous": Client(),
    }
