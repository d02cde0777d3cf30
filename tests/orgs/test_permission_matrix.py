"""Every page and every form action of units, committees, pilots, users and grants, for each persona.

Unseen units (and the objects that belong to them) answer 404; seen but forbidden actions answer
403; the anonymous are sent to the login page; allowed actions redirect back and change the
database exactly as asked, forbidden ones change nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from danvan.core.permissions import Role
from danvan.orgs.models import (
    Campaign,
    Grant,
    Person,
    Pilot,
    SteeringCommittee,
    SteeringCommitteeMember,
    Unit,
    UnitType,
)

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


class World:
    """The demo objects the matrix acts on (looked up inside each test's transaction)."""

    def __init__(self):
        self.tamky = Unit.objects.get(name="Đảng ủy phường Tam Kỳ")
        self.tk_gov = Unit.objects.get(name="Ủy ban nhân dân phường Tam Kỳ")
        self.tk_veterans = Unit.objects.get(name="Hội Cựu chiến binh phường Tam Kỳ")  # under the Front
        self.tk_police = Unit.objects.get(name="Công an phường Tam Kỳ")  # directly under the party
        self.former = Unit.objects.get(name="Đảng ủy phường An Mỹ")
        self.committee = SteeringCommittee.objects.get(unit=self.tamky)
        self.deputy = SteeringCommitteeMember.objects.get(
            committee=self.committee, person__full_name="Đoàn Minh Khoa"
        )
        self.tai = Person.objects.get(full_name="Huỳnh Văn Tài")  # of the ward's People's Committee
        self.campaign = Campaign.objects.get(issuing_unit__name="Thành ủy Đà Nẵng")
        self.pilot = Pilot.objects.get(campaign=self.campaign, unit=self.tamky)
        self.owner_grant = Grant.objects.get(user__username="canbo.tamky", unit=self.tamky)
        self.owner = self.owner_grant.user


@dataclass
class Case:
    name: str
    url: Callable[[World], str]
    expected: dict[str, int]  # persona -> status
    data: Callable[[World], dict] | None = None  # None: GET
    # a number that an allowed POST changes (by `delta`) and a refused one leaves alone
    measure: Callable[[World], int] | None = None
    delta: int = 1
    allowed: set[str] = field(default_factory=set)


# statuses for a page of the owning ward, for actions that editors/standing officers/admins may do
SEEN = {"owner": 200, "ancestor": 200, "stranger": 404, "anonymous": 302, "subtree_admin": 200, "admin": 200}


def active_grants(w):
    return Grant.objects.active().count()


CASES = [
    Case("unit page", lambda w: reverse("orgs:unit", args=[w.tamky.pk]), SEEN),
    Case("unit page, second page", lambda w: reverse("orgs:unit", args=[w.tamky.pk]) + "?page=2", SEEN),
    Case("sub-unit page", lambda w: reverse("orgs:unit", args=[w.tk_veterans.pk]), SEEN),
    Case("former unit page", lambda w: reverse("orgs:unit", args=[w.former.pk]), SEEN),
    Case("unit history", lambda w: reverse("orgs:unit_history", args=[w.tamky.pk]), SEEN),
    Case("former unit history", lambda w: reverse("orgs:unit_history", args=[w.former.pk]), SEEN),
    Case(
        "edit form",
        lambda w: reverse("orgs:edit_unit", args=[w.tamky.pk]),
        {**SEEN, "owner": 403},
    ),
    Case(
        "edit",
        lambda w: reverse("orgs:edit_unit", args=[w.tamky.pk]),
        {**SEEN, "owner": 403, "ancestor": 302, "subtree_admin": 302, "admin": 302},
        data=lambda w: {"name": w.tamky.name, "phone": "0235 3851 234", "reason": "cập nhật"},
        measure=lambda w: Unit.objects.filter(pk=w.tamky.pk, phone="0235 3851 234").count(),
        allowed={"ancestor", "subtree_admin", "admin"},
    ),
    Case(
        "add sub-unit",
        lambda w: reverse("orgs:add_unit", args=[w.tamky.pk]),
        {**SEEN, "owner": 403, "ancestor": 302, "subtree_admin": 302, "admin": 302},
        data=lambda w: {
            "name": "Chi hội Người cao tuổi phường Tam Kỳ",
            "unit_type": UnitType.objects.get(code="mass_association").pk,
            "area": w.tamky.area_id,
        },
        measure=lambda w: Unit.objects.filter(path__startswith=w.tamky.path).count(),
        allowed={"ancestor", "subtree_admin", "admin"},
    ),
    Case(
        "end unit",
        lambda w: reverse("orgs:close_unit", args=[w.tk_police.pk]),
        {**SEEN, "owner": 403, "ancestor": 302, "subtree_admin": 302, "admin": 302},
        data=lambda w: {"valid_until": "31/12/2026", "reason": "Sáp nhập"},
        measure=lambda w: Unit.objects.filter(pk=w.tk_police.pk, valid_until__isnull=False).count(),
        allowed={"ancestor", "subtree_admin", "admin"},
    ),
    Case(
        # the ward officer is a standing-agency officer of the Front: its associations are theirs
        "end a unit under the Front",
        lambda w: reverse("orgs:close_unit", args=[w.tk_veterans.pk]),
        {**SEEN, "owner": 302, "ancestor": 302, "subtree_admin": 302, "admin": 302},
        data=lambda w: {"valid_until": "31/12/2026", "reason": "Sáp nhập"},
        measure=lambda w: Unit.objects.filter(pk=w.tk_veterans.pk, valid_until__isnull=False).count(),
        allowed={"owner", "ancestor", "subtree_admin", "admin"},
    ),
    Case(
        "add person",
        lambda w: reverse("orgs:add_person", args=[w.tamky.pk]),
        {**SEEN, "owner": 302, "ancestor": 302, "subtree_admin": 302, "admin": 302},
        data=lambda w: {"full_name": "Nguyễn Thị Mới", "position": "Chuyên viên"},
        measure=lambda w: Person.objects.filter(unit=w.tamky).count(),
        allowed={"owner", "ancestor", "subtree_admin", "admin"},
    ),
    Case(
        "establish committee",
        lambda w: reverse("orgs:add_committee", args=[w.tamky.pk]),
        {**SEEN, "owner": 403, "ancestor": 302, "subtree_admin": 302, "admin": 302},
        data=lambda w: {"name": "Ban Chỉ đạo thí điểm", "decision_number": "15-QĐ/ĐU"},
        measure=lambda w: SteeringCommittee.objects.filter(unit=w.tamky).count(),
        allowed={"ancestor", "subtree_admin", "admin"},
    ),
    Case(
        "add committee member",
        lambda w: reverse("orgs:add_member", args=[w.committee.pk]),
        {**SEEN, "owner": 403, "ancestor": 302, "subtree_admin": 302, "admin": 302},
        data=lambda w: {"person": w.tai.pk, "position": "member", "title": "Công chức"},
        measure=lambda w: w.committee.members.count(),
        allowed={"ancestor", "subtree_admin", "admin"},
    ),
    Case(
        "remove committee member",
        lambda w: reverse("orgs:remove_member", args=[w.deputy.pk]),
        {**SEEN, "owner": 403, "ancestor": 302, "subtree_admin": 302, "admin": 302},
        data=lambda w: {"reason": "Nghỉ hưu"},
        measure=lambda w: w.committee.members.count(),
        delta=-1,
        allowed={"ancestor", "subtree_admin", "admin"},
    ),
    Case(
        "designate pilot",
        lambda w: reverse("orgs:add_pilot", args=[w.tk_gov.pk]),
        {**SEEN, "owner": 403, "ancestor": 302, "subtree_admin": 302, "admin": 302},
        data=lambda w: {"campaign": w.campaign.pk, "note": "Dân vận chính quyền"},
        measure=lambda w: Pilot.objects.filter(unit=w.tk_gov).count(),
        allowed={"ancestor", "subtree_admin", "admin"},
    ),
    Case(
        "remove pilot",
        lambda w: reverse("orgs:remove_pilot", args=[w.pilot.pk]),
        {**SEEN, "owner": 403, "ancestor": 302, "subtree_admin": 302, "admin": 302},
        data=lambda w: {"reason": "Hoàn thành"},
        measure=lambda w: Pilot.objects.filter(unit=w.tamky).count(),
        delta=-1,
        allowed={"ancestor", "subtree_admin", "admin"},
    ),
    Case(
        "users page",
        lambda w: reverse("orgs:users", args=[w.tamky.pk]),
        {**SEEN, "owner": 403, "ancestor": 403},
    ),
    Case(
        "users page search",
        lambda w: reverse("orgs:users", args=[w.tamky.pk]) + "?q=binh",
        {**SEEN, "owner": 403, "ancestor": 403},
    ),
    Case(
        "create user",
        lambda w: reverse("orgs:create_user", args=[w.tamky.pk]),
        {**SEEN, "owner": 403, "ancestor": 403, "subtree_admin": 302, "admin": 302},
        data=lambda w: {
            "full_name": "Trần Văn Mới",
            "username": "canbo.moi",
            "password": "Mat-khau-rat-manh-2026",
            "unit": w.tamky.pk,
            "role": Role.UNIT_OFFICER,
        },
        measure=lambda w: get_user_model().objects.filter(username="canbo.moi").count(),
        allowed={"subtree_admin", "admin"},
    ),
    Case(
        "grant a role",
        lambda w: reverse("orgs:add_grant", args=[w.tamky.pk]),
        {**SEEN, "owner": 403, "ancestor": 403, "subtree_admin": 302, "admin": 302},
        data=lambda w: {"user": w.owner.pk, "unit": w.tamky.pk, "role": Role.LEADER, "reason": "phân công"},
        measure=active_grants,
        allowed={"subtree_admin", "admin"},
    ),
    Case(
        "revoke a role",
        lambda w: reverse("orgs:revoke_grant", args=[w.owner_grant.pk]),
        {**SEEN, "owner": 403, "ancestor": 403, "subtree_admin": 302, "admin": 302},
        data=lambda w: {"reason": "Chuyển công tác"},
        measure=active_grants,
        delta=-1,
        allowed={"subtree_admin", "admin"},
    ),
]

PERSONAS = ["owner", "ancestor", "stranger", "anonymous", "subtree_admin", "admin"]


@pytest.fixture
def clients(personas, subtree_admin, admin_user):
    result = dict(personas)
    for name, user in [("subtree_admin", subtree_admin), ("admin", admin_user)]:
        client = Client()
        client.force_login(user)
        result[name] = client
    return result


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_matrix(clients, case, persona):
    w = World()
    client = clients[persona]
    before = case.measure(w) if case.measure else None
    url = case.url(w)
    response = client.post(url, case.data(w)) if case.data else client.get(url)
    assert response.status_code == case.expected[persona], (persona, url)
    if persona == "anonymous":
        assert response["Location"].startswith(LOGIN)
    if case.measure:
        expected = before + (case.delta if persona in case.allowed else 0)
        assert case.measure(w) == expected, persona


POST_ONLY = [c for c in CASES if c.data and c.name != "edit"]  # the edit page is also a GET form


@pytest.mark.parametrize("case", POST_ONLY, ids=[c.name for c in POST_ONLY])
def test_actions_refuse_get(clients, case):
    w = World()
    assert clients["admin"].get(case.url(w)).status_code == 405


def test_actions_need_the_csrf_token(ancestor):
    w = World()
    client = Client(enforce_csrf_checks=True)
    client.force_login(ancestor)
    before = Person.objects.count()
    response = client.post(reverse("orgs:add_person", args=[w.tamky.pk]), {"full_name": "Không có mã CSRF"})
    assert response.status_code == 403
    assert Person.objects.count() == before


@pytest.mark.parametrize(
    ("url_name", "status"),
    [("orgs:unit", 200), ("orgs:users", 403)],
)
def test_subtree_admin_outside_their_subtree(clients, url_name, status):
    """The former Tỉnh ủy Quảng Nam merged into the city: its history is visible to the city's
    administrator, but its users are not theirs to manage."""
    old = Unit.objects.get(name="Tỉnh ủy Quảng Nam")
    assert clients["subtree_admin"].get(reverse(url_name, args=[old.pk])).status_code == status


def test_unknown_ids_are_404(clients):
    for url in [
        reverse("orgs:unit", args=[10**9]),
        reverse("orgs:unit_history", args=[10**9]),
        reverse("orgs:users", args=[10**9]),
    ]:
        assert clients["admin"].get(url).status_code == 404
    for url in [
        reverse("orgs:add_member", args=[10**9]),
        reverse("orgs:remove_member", args=[10**9]),
        reverse("orgs:remove_pilot", args=[10**9]),
        reverse("orgs:revoke_grant", args=[10**9]),
        reverse("orgs:add_person", args=[10**9]),
    ]:
        assert clients["admin"].post(url, {"reason": "x"}).status_code == 404


def test_unit_page_shows_only_what_the_persona_may_do(clients):
    w = World()
    url = reverse("orgs:unit", args=[w.tamky.pk])
    mine = clients["owner"].get(url).context
    assert mine["can_change_people"] is True
    assert mine["can_steer"] is False
    assert "pilot_form" not in mine
    assert mine["can_manage_users_here"] is False
    assert mine["ancestors"] == []  # the city is not the ward officer's to see
    theirs = clients["ancestor"].get(url).context
    assert theirs["can_steer"] is True
    assert "pilot_form" in theirs
    assert [a.name for a in theirs["ancestors"]] == ["Thành ủy Đà Nẵng"]
    admins = clients["subtree_admin"].get(url).context
    assert admins["can_manage_users_here"] is True


def test_unit_page_content(clients):
    w = World()
    response = clients["owner"].get(reverse("orgs:unit", args=[w.tamky.pk]))
    html = response.content.decode()
    for text in ["Đảng ủy phường Tam Kỳ", "Ngô Văn Sơn", "Lê Văn Bình", "Ủy ban nhân dân phường Tam Kỳ"]:
        assert text in html
    assert "Hải Châu" not in html
    names = {p.full_name for p in response.context["people"]}
    assert names == set(Person.objects.filter(unit=w.tamky).values_list("full_name", flat=True))


def test_users_page_lists_only_the_subtrees_accounts(clients):
    w = World()
    context = clients["subtree_admin"].get(reverse("orgs:users", args=[w.tamky.pk])).context
    names = {user.username for user, _grants in context["rows"]}
    assert {"canbo.tamky", "tiepdan.tamky"} <= names
    assert "canbo.haichau" not in names
    assert "canbo.danang" not in names
    # grants shown are those inside the unit, never the city-level ones
    for _user, grants in context["rows"]:
        assert all(g.unit.path.startswith(w.tamky.path) for g in grants)


def test_grant_form_offers_only_the_subtrees_users(clients, stranger):
    """Granting a role in Tam Kỳ to an account of Hải Châu through the page is refused."""
    w = World()
    before = Grant.objects.active().count()
    response = clients["subtree_admin"].post(
        reverse("orgs:add_grant", args=[w.tamky.pk]),
        {"user": stranger.pk, "unit": w.tamky.pk, "role": "leader"},
    )
    assert response.status_code == 302
    assert Grant.objects.active().count() == before


def test_revoke_through_the_page_records_who_and_why(clients, subtree_admin):
    w = World()
    response = clients["subtree_admin"].post(
        reverse("orgs:revoke_grant", args=[w.owner_grant.pk]), {"reason": "Chuyển công tác"}
    )
    assert response.status_code == 302
    latest = w.owner_grant.history.order_by("-history_date", "-history_id").first()
    assert (latest.history_user, latest.history_change_reason) == (subtree_admin, "Chuyển công tác")
    before = Grant.objects.active().count()
    response = clients["subtree_admin"].post(
        reverse("orgs:revoke_grant", args=[w.owner_grant.pk]), {"reason": ""}
    )
    assert response.status_code == 302
    assert Grant.objects.active().count() == before


def test_an_account_created_through_the_page_can_log_in(clients):
    w = World()
    clients["subtree_admin"].post(
        reverse("orgs:create_user", args=[w.tamky.pk]),
        {
            "full_name": "Trần Văn Mới",
            "username": "canbo.moi",
            "password": "Mat-khau-rat-manh-2026",
            "unit": w.tamky.pk,
            "role": Role.UNIT_OFFICER,
        },
    )
    client = Client()
    response = client.post(
        "/accounts/login/", {"username": "canbo.moi", "password": "Mat-khau-rat-manh-2026"}
    )
    assert response.status_code == 302
    assert client.get(reverse("orgs:unit", args=[w.tamky.pk])).status_code == 200
    assert (
        client.get(
            reverse("orgs:unit", args=[Unit.objects.get(name="Đảng ủy phường Hải Châu").pk])
        ).status_code
        == 404
    )


def test_a_weak_password_through_the_page_creates_nothing(clients):
    w = World()
    before = get_user_model().objects.count()
    response = clients["subtree_admin"].post(
        reverse("orgs:create_user", args=[w.tamky.pk]),
        {
            "full_name": "Trần Văn Mới",
            "username": "canbo.moi",
            "password": "123",
            "unit": w.tamky.pk,
            "role": "leader",
        },
    )
    assert response.status_code == 302
    assert get_user_model().objects.count() == before
