"""The one permission policy, with the demo personas."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from danvan.core.permissions import (
    ACTIONS,
    Role,
    UnknownAction,
    can,
    can_anywhere,
    can_see_unit,
    forget_grants,
    granted_paths,
    grants_of,
    require,
    scope_q,
    visible_units,
)
from danvan.orgs.models import Grant, Person, SteeringCommittee, Unit

pytestmark = pytest.mark.django_db


def unit(name):
    return Unit.objects.get(name=name)


def fresh(user):
    return get_user_model().objects.get(pk=user.pk)


def test_owner_sees_own_subtree_only(owner, tamky, haichau, city):
    assert can(owner, "unit.view", tamky)
    assert can(owner, "unit.view", unit("Ủy ban nhân dân phường Tam Kỳ"))
    assert can(owner, "unit.view", unit("Ban công tác Mặt trận Khối phố An Thổ"))
    assert not can(owner, "unit.view", haichau)
    assert not can(owner, "unit.view", city)
    assert not can(owner, "unit.view", unit("Ủy ban nhân dân phường Hải Châu"))


def test_ancestor_sees_both_communes(ancestor, tamky, haichau, city):
    for u in (city, tamky, haichau, unit("Hội Nông dân phường Hải Châu")):
        assert can(ancestor, "unit.view", u)
        assert can(ancestor, "steering.change", u)
    assert not can(ancestor, "user.manage", tamky)  # a standing-agency officer is no administrator


def test_roles_decide_actions(owner, tamky):
    front = unit("Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ")
    # unit officer of the party committee: edits people, does not steer
    assert can(owner, "person.change", tamky)
    assert not can(owner, "steering.change", tamky)
    # standing-agency officer of the Front (a second grant): steers there
    assert can(owner, "steering.change", front)
    assert can(owner, "steering.change", unit("Hội Nông dân phường Tam Kỳ"))
    assert not can(owner, "user.manage", front)


def test_objects_are_scoped_by_their_unit(owner, stranger, tamky):
    committee = SteeringCommittee.objects.get(unit=tamky)
    person = Person.objects.filter(unit=tamky).first()
    assert can(owner, "person.view", person)
    assert not can(stranger, "person.view", person)
    assert not can(owner, "steering.change", committee)
    front_person = Person.objects.get(full_name="Trương Thị Hạnh")
    assert can(owner, "person.change", front_person)


def test_subtree_admin_and_superuser(subtree_admin, admin_user, tamky, city):
    old = unit("Tỉnh ủy Quảng Nam")
    assert can(subtree_admin, "user.manage", tamky)
    assert can(subtree_admin, "grant.manage", city)
    assert not can(subtree_admin, "grant.manage", old)
    for action in ACTIONS:
        assert can(admin_user, action, old)
    assert visible_units(admin_user).count() == Unit.objects.count()
    assert scope_q(admin_user, "unit.view").children == []


def test_anonymous_and_inactive_users_may_do_nothing(owner, tamky):
    anonymous = AnonymousUser()
    assert not can(anonymous, "unit.view", tamky)
    assert visible_units(anonymous).count() == 0
    assert Unit.objects.filter(scope_q(anonymous, "unit.view")).count() == 0
    owner.is_active = False
    assert grants_of(owner) == []
    assert not can(owner, "unit.view", tamky)
    assert not can(None, "unit.view", tamky)


def test_unknown_action_is_an_error(owner, tamky, admin_user):
    with pytest.raises(UnknownAction):
        can(owner, "unit.destroy", tamky)
    with pytest.raises(UnknownAction):
        can(admin_user, "unit.destroy", tamky)  # even for a superuser: a typo must not pass silently
    with pytest.raises(UnknownAction):
        scope_q(owner, "nope")


def test_require_raises_permission_denied(stranger, tamky):
    with pytest.raises(PermissionDenied):
        require(stranger, "unit.view", tamky)
    require(stranger, "unit.view", unit("Hội Nông dân phường Hải Châu"))


def test_granted_paths_drop_nested_duplicates(owner, tamky):
    # the Front grant lies inside the party committee's subtree: one path is enough for viewing
    assert granted_paths(owner, "unit.view") == [tamky.path]
    assert granted_paths(owner, "steering.change") == [
        unit("Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ").path
    ]
    assert granted_paths(owner, "user.manage") == []
    assert can_anywhere(owner, "steering.change")
    assert not can_anywhere(owner, "user.manage")


def test_revoked_grants_do_not_count(owner, tamky):
    Grant.objects.filter(user=owner, unit=tamky).update(revoked_at=timezone.now())
    owner = fresh(owner)
    assert not can(owner, "person.change", tamky)
    assert can(owner, "unit.view", unit("Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ"))
    assert not can(owner, "unit.view", tamky)


def test_grants_are_cached_until_forgotten(owner, haichau, django_assert_num_queries):
    with django_assert_num_queries(1):
        grants_of(owner)
        grants_of(owner)
        can(owner, "unit.view", haichau)
    Grant.objects.create(user=owner, role=Role.LEADER, unit=haichau)
    assert not can(owner, "unit.view", haichau)  # cached for the request
    forget_grants(owner)
    assert can(owner, "unit.view", haichau)


def test_visible_units_include_the_former_units_succeeded(owner, stranger, ancestor, tamky):
    visible = set(visible_units(owner).values_list("name", flat=True))
    # the former wards that merged into Phường Tam Kỳ are its history
    assert {"Đảng ủy phường An Mỹ", "Ủy ban nhân dân phường An Xuân", "Đảng ủy phường Trường Xuân"} <= visible
    # ... but not those that went elsewhere, nor the former city above them
    assert "Đảng ủy xã Tam Thanh" not in visible
    assert "Thành ủy Tam Kỳ" not in visible
    assert "Đảng ủy phường Hải Châu" not in visible
    former = unit("Đảng ủy phường An Mỹ")
    assert can_see_unit(owner, former)
    assert not can(owner, "unit.view", former)  # seeing history is not acting on it
    assert not can_see_unit(stranger, former)
    ancestors_view = set(visible_units(ancestor).values_list("name", flat=True))
    assert {"Tỉnh ủy Quảng Nam", "Thành ủy Tam Kỳ", "Đảng ủy xã Tam Thanh"} <= ancestors_view


def test_scope_q_on_a_related_path(owner, stranger, tamky):
    people = Person.objects.filter(scope_q(owner, "person.view", "unit__path"))
    assert people.filter(full_name="Lê Văn Bình").exists()
    assert not people.filter(full_name="Phan Thị Hồng").exists()
    assert all(p.unit.path.startswith(tamky.path) for p in people.select_related("unit"))
    theirs = Person.objects.filter(scope_q(stranger, "person.view", "unit__path"))
    assert set(theirs.values_list("full_name", flat=True)) >= {"Phan Thị Hồng", "Đỗ Thị Ngọc"}
    assert not theirs.filter(unit__path__startswith=tamky.path).exists()
