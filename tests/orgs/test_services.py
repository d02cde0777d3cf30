"""The write services of areas, units, grants, committees and pilots: permission, validation, history.

Every refusal must leave the database exactly as it was.
"""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from danvan.core.permissions import Role, can
from danvan.core.services import ServiceError
from danvan.geo.models import Area, AreaKind, AreaLevel, Era
from danvan.orgs import services
from danvan.orgs.models import (
    Campaign,
    CommitteePosition,
    Grant,
    Person,
    Pilot,
    SteeringCommittee,
    SteeringCommitteeMember,
    Unit,
)

pytestmark = pytest.mark.django_db

User = get_user_model()


def unit(name):
    return Unit.objects.get(name=name)


def snapshot():
    """Row counts of every table a service here may write."""
    from danvan.geo.models import AreaSuccession
    from danvan.orgs.models import UnitSuccession

    models = [
        Area, AreaSuccession, Unit, UnitSuccession, Person, Grant, User, SteeringCommittee,
        SteeringCommitteeMember, Campaign, Pilot,
    ]  # fmt: skip
    counts = {m.__name__: m.objects.count() for m in models}
    counts.update({f"history {m.__name__}": m.history.count() for m in models if hasattr(m, "history")})
    counts["active grants"] = Grant.objects.active().count()
    return counts


@pytest.fixture
def unchanged():
    """with unchanged(): ... asserts that nothing was written."""
    from contextlib import contextmanager

    @contextmanager
    def check():
        before = snapshot()
        yield
        assert snapshot() == before

    return check


def commune(name):
    """A current commune of Đà Nẵng (several provinces have a Phường Quảng Phú)."""
    danang = Area.objects.get(era=Era.CURRENT, level=AreaLevel.PROVINCE, name="Thành phố Đà Nẵng")
    return Area.objects.get_children(danang).get(name=name)


# --- villages -------------------------------------------------------------------------------


def test_add_village(owner):
    tam_ky = commune("Phường Tam Kỳ")
    village = services.add_village(tam_ky, name="  Mỹ   Thạch  Nam ", kind=AreaKind.URBAN_BLOCK, actor=owner)
    assert village.name == "Khối phố Mỹ Thạch Nam"
    assert village.short_name == "Mỹ Thạch Nam"
    assert village.level == AreaLevel.VILLAGE
    assert village.parent_area() == tam_ky
    assert village.created_by == owner
    assert village.is_active_now()
    tam_ky.refresh_from_db()
    assert tam_ky.numchild == Area.objects.get_children(tam_ky).count()
    record = village.history.get()
    assert record.history_user == owner
    assert record.history_change_reason


def test_add_village_keeps_a_name_that_already_has_its_kind(ancestor):
    village = services.add_village(
        commune("Phường Hải Châu"), name="tổ dân phố 9", kind=AreaKind.RESIDENTIAL_GROUP, actor=ancestor
    )
    assert village.name == "tổ dân phố 9"


@pytest.mark.parametrize("name", ["An Thổ", "an tho", "Khối phố An Thổ", "KHỐI PHỐ  AN THỔ"])
def test_add_village_refuses_a_duplicate(owner, unchanged, name):
    with unchanged(), pytest.raises(ServiceError) as exc:
        services.add_village(commune("Phường Tam Kỳ"), name=name, kind=AreaKind.URBAN_BLOCK, actor=owner)
    message = " ".join(exc.value.messages)
    assert "Phường Tam Kỳ" in message


@pytest.mark.parametrize(
    "where",
    [
        lambda: Area.objects.get(era=Era.CURRENT, level=AreaLevel.PROVINCE, name="Thành phố Đà Nẵng"),
        lambda: Area.objects.get(era=Era.LEGACY, level=AreaLevel.DISTRICT, name="Thành phố Tam Kỳ"),
        lambda: Area.objects.filter(era=Era.LEGACY, level=AreaLevel.COMMUNE, name="Phường An Mỹ").first(),
        lambda: Area.objects.get(name="Khối phố An Thổ"),
    ],
    ids=["province", "former district", "former commune", "village"],
)
def test_add_village_only_under_a_current_commune(admin_user, unchanged, where):
    area = where()
    with unchanged(), pytest.raises(ServiceError):
        services.add_village(area, name="Thôn Mới", kind=AreaKind.VILLAGE, actor=admin_user)


@pytest.mark.parametrize(("name", "kind"), [("", AreaKind.VILLAGE), ("   ", AreaKind.VILLAGE), ("Mới", "xa")])
def test_add_village_refuses_bad_input(owner, unchanged, name, kind):
    with unchanged(), pytest.raises(ServiceError):
        services.add_village(commune("Phường Tam Kỳ"), name=name, kind=kind, actor=owner)


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [("owner", True), ("ancestor", True), ("stranger", False), ("subtree_admin", True)],
)
def test_add_village_permission(request, unchanged, persona, allowed):
    user = request.getfixturevalue(persona)
    tam_ky = commune("Phường Tam Kỳ")
    assert services.can_add_village(user, tam_ky) is allowed
    if allowed:
        services.add_village(tam_ky, name="Thôn Thử", kind=AreaKind.VILLAGE, actor=user)
        assert Area.objects.get_children(tam_ky).filter(name="Thôn Thử").exists()
    else:
        with unchanged(), pytest.raises(PermissionDenied):
            services.add_village(tam_ky, name="Thôn Thử", kind=AreaKind.VILLAGE, actor=user)


def test_the_ward_officer_may_not_add_villages_elsewhere(owner, stranger):
    assert not services.can_add_village(owner, commune("Phường Hải Châu"))
    assert not services.can_add_village(owner, commune("Phường Quảng Phú"))
    assert services.can_add_village(stranger, commune("Phường Hải Châu"))


# --- grants ---------------------------------------------------------------------------------


def test_subtree_admin_grants_inside_their_subtree(subtree_admin, stranger, tamky):
    grant = services.add_grant(subtree_admin, user=stranger, role=Role.LEADER, unit=tamky, reason="Phân công")
    assert grant.granted_by == subtree_admin
    assert can(stranger, "unit.view", tamky)  # the cache was dropped for this user object
    record = grant.history.get()
    assert record.history_user == subtree_admin
    assert record.history_change_reason == "Phân công"


def test_subtree_admin_cannot_grant_outside_their_subtree(subtree_admin, stranger, unchanged):
    old = unit("Tỉnh ủy Quảng Nam")
    with unchanged(), pytest.raises(PermissionDenied):
        services.add_grant(subtree_admin, user=stranger, role=Role.LEADER, unit=old)


@pytest.mark.parametrize("persona", ["owner", "ancestor", "stranger"])
def test_officers_cannot_grant(request, persona, tamky, unchanged):
    user = request.getfixturevalue(persona)
    with unchanged(), pytest.raises(PermissionDenied):
        services.add_grant(user, user=user, role=Role.SYSTEM_ADMIN, unit=tamky)


def test_administrators_are_appointed_only_below_ones_own_grant(
    subtree_admin, ancestor, city, tamky, unchanged
):
    with unchanged(), pytest.raises(ServiceError):
        services.add_grant(subtree_admin, user=ancestor, role=Role.SYSTEM_ADMIN, unit=city)
    grant = services.add_grant(subtree_admin, user=ancestor, role=Role.SYSTEM_ADMIN, unit=tamky)
    assert grant.role == Role.SYSTEM_ADMIN


def test_grant_refuses_duplicates_and_unknown_roles(subtree_admin, owner, tamky, unchanged):
    with unchanged(), pytest.raises(ServiceError):
        services.add_grant(subtree_admin, user=owner, role=Role.UNIT_OFFICER, unit=tamky)
    with unchanged(), pytest.raises(ServiceError):
        services.add_grant(subtree_admin, user=owner, role="emperor", unit=tamky)


def test_revoke_requires_a_reason_and_records_who_and_why(subtree_admin, owner, tamky, unchanged):
    grant = Grant.objects.get(user=owner, unit=tamky)
    for reason in ["", "   "]:
        with unchanged(), pytest.raises(ServiceError):
            services.revoke_grant(subtree_admin, grant, reason=reason)
    assert can(owner, "person.change", tamky)
    services.revoke_grant(subtree_admin, grant, reason="Chuyển công tác")
    grant.refresh_from_db()
    assert grant.revoked_at is not None
    assert grant.revoked_by == subtree_admin
    latest = grant.history.order_by("-history_date", "-history_id").first()
    assert latest.history_type == "~"
    assert latest.history_user == subtree_admin
    assert latest.history_change_reason == "Chuyển công tác"
    assert grant.history.count() == 2  # created by the demo, then revoked
    fresh = User.objects.get(pk=owner.pk)
    assert not can(fresh, "person.change", tamky)
    with unchanged(), pytest.raises(ServiceError):
        services.revoke_grant(subtree_admin, grant, reason="lần nữa")


def test_revoke_outside_the_subtree_is_refused(subtree_admin, owner, tamky, unchanged):
    old = unit("Tỉnh ủy Quảng Nam")
    grant = Grant.objects.create(user=owner, role=Role.LEADER, unit=old)
    with unchanged(), pytest.raises(PermissionDenied):
        services.revoke_grant(subtree_admin, grant, reason="không được")
    grant = Grant.objects.get(user=owner, unit=tamky)
    with unchanged(), pytest.raises(PermissionDenied):
        services.revoke_grant(owner, grant, reason="tự thu hồi")


def test_a_subtree_admin_cannot_revoke_their_own_admin_role(subtree_admin, city, unchanged):
    grant = Grant.objects.get(user=subtree_admin, unit=city)
    with unchanged(), pytest.raises(ServiceError):
        services.revoke_grant(subtree_admin, grant, reason="thôi việc")


# --- users ----------------------------------------------------------------------------------


def new_user(actor, unit_, **kw):
    data = {
        "username": "canbo.moi",
        "full_name": "Trần Thị Mới",
        "password": "Mat-khau-rat-manh-2026",
        "unit": unit_,
        "role": Role.UNIT_OFFICER,
        "position": "Chuyên viên",
    }
    data.update(kw)
    return services.create_user(actor, **data)


def test_create_user(subtree_admin, tamky):
    user = new_user(subtree_admin, tamky)
    assert user.check_password("Mat-khau-rat-manh-2026")
    assert (user.first_name, user.last_name) == ("Mới", "Trần Thị")
    assert user.person.unit == tamky
    assert user.person.full_name == "Trần Thị Mới"
    grant = Grant.objects.get(user=user)
    assert (grant.role, grant.unit, grant.granted_by) == (Role.UNIT_OFFICER, tamky, subtree_admin)
    assert can(User.objects.get(pk=user.pk), "person.change", tamky)
    assert grant.history.get().history_user == subtree_admin
    assert user.person.history.get().history_user == subtree_admin


@pytest.mark.parametrize(
    "password", ["123", "password123", "12345678901234", "canbo.moi1", "Mới", "", "dânvận"]
)
def test_a_weak_password_is_refused_and_nothing_created(subtree_admin, tamky, unchanged, password):
    with unchanged(), pytest.raises(ServiceError) as exc:
        new_user(subtree_admin, tamky, password=password)
    assert exc.value.messages


@pytest.mark.parametrize(
    "changes",
    [{"username": "canbo.tamky"}, {"username": "CANBO.TAMKY"}, {"username": "  "}, {"full_name": "  "}],
)
def test_create_user_refuses_bad_input(subtree_admin, tamky, unchanged, changes):
    with unchanged(), pytest.raises(ServiceError):
        new_user(subtree_admin, tamky, **changes)


@pytest.mark.parametrize("persona", ["owner", "ancestor", "stranger"])
def test_only_administrators_create_users(request, tamky, unchanged, persona):
    with unchanged(), pytest.raises(PermissionDenied):
        new_user(request.getfixturevalue(persona), tamky)


def test_subtree_admin_cannot_create_users_outside(subtree_admin, unchanged):
    with unchanged(), pytest.raises(PermissionDenied):
        new_user(subtree_admin, unit("Tỉnh ủy Quảng Nam"))


def test_users_in_subtree(tamky, city):
    names = set(services.users_in_subtree(tamky).values_list("username", flat=True))
    assert {"canbo.tamky", "tiepdan.tamky"} <= names
    assert "canbo.haichau" not in names
    assert "canbo.danang" not in names
    everyone = set(services.users_in_subtree(city).values_list("username", flat=True))
    assert {"canbo.tamky", "canbo.haichau", "canbo.danang", "quantri.danang"} <= everyone


# --- people ---------------------------------------------------------------------------------


def test_add_person(owner, tamky, unchanged):
    person = services.add_person(owner, unit=tamky, full_name="  Võ   Văn   Hùng ")
    assert person.full_name == "Võ Văn Hùng"
    assert person.name_folded == "vo van hung"
    assert person.history.get().history_user == owner
    with unchanged(), pytest.raises(ServiceError):
        services.add_person(owner, unit=tamky, full_name="   ")


def test_add_person_elsewhere_is_refused(owner, haichau, unchanged):
    with unchanged(), pytest.raises(PermissionDenied):
        services.add_person(owner, unit=haichau, full_name="Người Lạ")


# --- steering committees ----------------------------------------------------------------------


def test_committee_has_one_head_only(ancestor, tamky, unchanged):
    committee = SteeringCommittee.objects.get(unit=tamky)
    assert committee.head().person.full_name == "Ngô Văn Sơn"
    person = services.add_person(ancestor, unit=tamky, full_name="Phạm Thị Mới")
    with unchanged(), pytest.raises(ServiceError):
        services.add_committee_member(ancestor, committee, person=person, position=CommitteePosition.HEAD)
    member = services.add_committee_member(
        ancestor, committee, person=person, position=CommitteePosition.MEMBER, title="Ủy viên"
    )
    assert member.history.get().history_user == ancestor
    assert committee.members.filter(position=CommitteePosition.HEAD).count() == 1


def test_committee_refuses_a_second_seat_and_a_bad_position(ancestor, tamky, unchanged):
    committee = SteeringCommittee.objects.get(unit=tamky)
    binh = Person.objects.get(full_name="Lê Văn Bình")
    with unchanged(), pytest.raises(ServiceError):
        services.add_committee_member(ancestor, committee, person=binh, position=CommitteePosition.MEMBER)
    person = services.add_person(ancestor, unit=tamky, full_name="Phạm Thị Mới")
    with unchanged(), pytest.raises(ServiceError):
        services.add_committee_member(ancestor, committee, person=person, position="king")


def test_committee_member_must_belong_to_the_committees_unit(ancestor, tamky, unchanged):
    """A committee of Tam Kỳ cannot seat a person of Hải Châu (nor anyone the actor cannot see)."""
    committee = SteeringCommittee.objects.get(unit=tamky)
    outsider = Person.objects.get(full_name="Phan Thị Hồng")  # Đảng ủy phường Hải Châu
    with unchanged(), pytest.raises(ServiceError):
        services.add_committee_member(ancestor, committee, person=outsider, position=CommitteePosition.MEMBER)


def test_a_new_head_after_the_old_one_left(ancestor, tamky):
    committee = SteeringCommittee.objects.get(unit=tamky)
    old_head = committee.members.get(position=CommitteePosition.HEAD)
    services.remove_committee_member(ancestor, old_head, reason="Nghỉ hưu")
    person = services.add_person(ancestor, unit=tamky, full_name="Phạm Thị Mới")
    member = services.add_committee_member(
        ancestor, committee, person=person, position=CommitteePosition.HEAD
    )
    assert SteeringCommittee.objects.get(pk=committee.pk).head() == member


def test_removing_a_member_needs_a_reason_and_permission(ancestor, owner, tamky, unchanged):
    committee = SteeringCommittee.objects.get(unit=tamky)
    member = committee.members.get(person__full_name="Đoàn Minh Khoa")
    with unchanged(), pytest.raises(ServiceError):
        services.remove_committee_member(ancestor, member, reason=" ")
    with unchanged(), pytest.raises(PermissionDenied):
        services.remove_committee_member(owner, member, reason="không có quyền")
    member_id = member.pk
    services.remove_committee_member(ancestor, member, reason="Chuyển công tác")
    assert not committee.members.filter(pk=member_id).exists()
    deleted = SteeringCommitteeMember.history.filter(id=member_id, history_type="-").get()
    assert deleted.history_user == ancestor
    assert deleted.history_change_reason == "Chuyển công tác"


def test_standing_agency_must_be_within_the_unit(ancestor, tamky, unchanged):
    hc_front = unit("Ủy ban Mặt trận Tổ quốc Việt Nam phường Hải Châu")
    with unchanged(), pytest.raises(ServiceError):
        services.create_steering_committee(ancestor, unit=tamky, name="Ban Chỉ đạo", standing_agency=hc_front)
    city_dept = unit("Ban Tuyên giáo và Dân vận Thành ủy Đà Nẵng")  # above, not within
    with unchanged(), pytest.raises(ServiceError):
        services.create_steering_committee(
            ancestor, unit=tamky, name="Ban Chỉ đạo", standing_agency=city_dept
        )
    with unchanged(), pytest.raises(ServiceError):
        services.create_steering_committee(ancestor, unit=tamky, name="   ", standing_agency=None)
    tk_front = unit("Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ")
    committee = services.create_steering_committee(
        ancestor,
        unit=tamky,
        name="Ban Chỉ đạo  thí điểm",
        standing_agency=tk_front,
        decision_number="20-QĐ/ĐU",
        established_on=date(2026, 3, 1),
        reason="Thành lập",
    )
    assert committee.name == "Ban Chỉ đạo thí điểm"
    record = committee.history.get()
    assert (record.history_user, record.history_change_reason) == (ancestor, "Thành lập")


@pytest.mark.parametrize("persona", ["owner", "stranger"])
def test_committee_needs_a_standing_role(request, tamky, unchanged, persona):
    with unchanged(), pytest.raises(PermissionDenied):
        services.create_steering_committee(
            request.getfixturevalue(persona), unit=tamky, name="Ban Chỉ đạo", standing_agency=None
        )


def test_a_standing_officer_of_the_front_steers_there(owner):
    front = unit("Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ")
    committee = services.create_steering_committee(
        owner, unit=front, name="Ban Chỉ đạo MTTQ", standing_agency=front
    )
    assert committee.unit == front


# --- campaigns and pilots ---------------------------------------------------------------------


def city_campaign():
    return Campaign.objects.get(issuing_unit__name="Thành ủy Đà Nẵng")


def test_pilot_within_the_issuing_units_subtree(ancestor):
    pilot = services.designate_pilot(ancestor, campaign=city_campaign(), unit=unit("Đảng ủy phường Hải Châu"))
    assert pilot.history.get().history_user == ancestor


def test_pilot_outside_the_issuing_units_subtree_is_refused(ancestor, admin_user, unchanged):
    old_campaign = Campaign.objects.get(issuing_unit__name="Thành ủy Tam Kỳ")
    # a current ward is not inside the former city that launched the old campaign
    with unchanged(), pytest.raises(ServiceError):
        services.designate_pilot(admin_user, campaign=old_campaign, unit=unit("Đảng ủy phường Tam Kỳ"))
    with unchanged(), pytest.raises(ServiceError):
        services.designate_pilot(ancestor, campaign=city_campaign(), unit=unit("Tỉnh ủy Quảng Nam"))


def test_pilot_twice_is_refused(ancestor, tamky, unchanged):
    with unchanged(), pytest.raises(ServiceError):
        services.designate_pilot(ancestor, campaign=city_campaign(), unit=tamky)


@pytest.mark.parametrize("persona", ["owner", "stranger"])
def test_pilots_are_chosen_by_the_issuing_level(request, tamky, unchanged, persona):
    gov = unit("Ủy ban nhân dân phường Tam Kỳ")
    with unchanged(), pytest.raises(PermissionDenied):
        services.designate_pilot(request.getfixturevalue(persona), campaign=city_campaign(), unit=gov)


def test_remove_pilot(ancestor, owner, tamky, unchanged):
    pilot = Pilot.objects.get(campaign=city_campaign(), unit=tamky)
    with unchanged(), pytest.raises(ServiceError):
        services.remove_pilot(ancestor, pilot, reason="")
    with unchanged(), pytest.raises(PermissionDenied):
        services.remove_pilot(owner, pilot, reason="tự bỏ")
    services.remove_pilot(ancestor, pilot, reason="Hoàn thành")
    assert not Pilot.objects.filter(pk=pilot.pk).exists()


def test_campaign_dates_and_permission(ancestor, owner, city, unchanged):
    with unchanged(), pytest.raises(ServiceError):
        services.create_campaign(
            ancestor,
            issuing_unit=city,
            name="Đợt thi đua",
            start_date=date(2026, 5, 1),
            end_date=date(2026, 4, 1),
        )
    with unchanged(), pytest.raises(ServiceError):
        services.create_campaign(
            ancestor, issuing_unit=city, name=" ", start_date=date(2026, 5, 1), end_date=date(2026, 6, 1)
        )
    with unchanged(), pytest.raises(PermissionDenied):
        services.create_campaign(
            owner,
            issuing_unit=city,
            name="Đợt thi đua",
            start_date=date(2026, 5, 1),
            end_date=date(2026, 6, 1),
        )
    campaign = services.create_campaign(
        ancestor,
        issuing_unit=city,
        name="Đợt thi đua",
        start_date=date(2026, 5, 1),
        end_date=date(2026, 6, 1),
    )
    assert campaign.history.get().history_user == ancestor
