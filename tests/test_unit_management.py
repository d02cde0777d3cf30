"""Adding, editing and ending units from the unit page: permissions, tree, history."""

from datetime import date

import pytest
from django.urls import reverse

from danvan.core.services import ServiceError
from danvan.orgs import services
from danvan.orgs.models import Unit, UnitSuccession, UnitType

pytestmark = pytest.mark.django_db


def _post_add(client, unit, **data):
    payload = {
        "name": "Chi hội Người cao tuổi phường Tam Kỳ",
        "unit_type": UnitType.objects.get(code="mass_association").pk,
        "area": unit.area_id,
    }
    payload.update(data)
    return client.post(reverse("orgs:add_unit", args=[unit.pk]), payload)


@pytest.mark.parametrize(
    "persona, expected", [("owner", 403), ("ancestor", 302), ("stranger", 404), ("anonymous", 302)]
)
def test_add_subordinate_unit_permission_matrix(personas, tamky, persona, expected):
    before = Unit.objects.count()
    response = _post_add(personas[persona], tamky)
    assert response.status_code == expected
    created = Unit.objects.count() - before
    assert created == (1 if persona == "ancestor" else 0)
    if persona == "anonymous":
        assert "/accounts/login/" in response["Location"]


def test_added_unit_sits_under_its_parent_with_history(personas, tamky, ancestor):
    _post_add(personas["ancestor"], tamky)
    child = Unit.objects.get(name="Chi hội Người cao tuổi phường Tam Kỳ")
    assert child.path.startswith(tamky.path) and child.depth == tamky.depth + 1
    tamky.refresh_from_db()
    assert tamky.numchild == Unit.objects.filter(path__startswith=tamky.path, depth=tamky.depth + 1).count()
    record = child.history.get()
    assert record.history_user == ancestor


def test_unit_area_must_lie_within_the_parent_area(personas, tamky, haichau):
    before = Unit.objects.count()
    response = _post_add(personas["ancestor"], tamky, area=haichau.area_id)
    assert response.status_code == 302
    assert Unit.objects.count() == before


def test_duplicate_sibling_name_is_refused(ancestor, tamky):
    existing = Unit.objects.get_children(tamky).first()
    with pytest.raises(ServiceError):
        services.add_unit(
            tamky, name=existing.name.upper(), unit_type=existing.unit_type, area=tamky.area, actor=ancestor
        )


@pytest.mark.parametrize("persona, expected", [("owner", 403), ("ancestor", 200), ("stranger", 404)])
def test_edit_page_permission_matrix(personas, tamky, persona, expected):
    assert personas[persona].get(reverse("orgs:edit_unit", args=[tamky.pk])).status_code == expected


def test_edit_records_who_and_why(personas, tamky, ancestor):
    url = reverse("orgs:edit_unit", args=[tamky.pk])
    response = personas["ancestor"].post(
        url,
        {"name": tamky.name, "phone": "0235 3812 345", "address": "Số 1 Phan Bội Châu", "reason": "Cập nhật"},
    )
    assert response.status_code == 302
    tamky.refresh_from_db()
    assert tamky.phone == "0235 3812 345"
    latest = tamky.history.first()
    assert latest.history_user == ancestor and latest.history_change_reason == "Cập nhật"


def test_end_unit_closes_its_subtree_and_links_the_successor(personas, tamky, ancestor):
    successor = Unit.objects.get(name="Đảng ủy phường Bàn Thạch")
    subtree = Unit.objects.filter(path__startswith=tamky.path).count()
    response = personas["ancestor"].post(
        reverse("orgs:close_unit", args=[tamky.pk]),
        {"valid_until": "31/12/2026", "successor": successor.pk, "reason": "Sáp nhập theo nghị quyết"},
    )
    assert response.status_code == 302
    closed = Unit.objects.filter(path__startswith=tamky.path, valid_until=date(2026, 12, 31)).count()
    assert closed == subtree
    link = UnitSuccession.objects.get(predecessor=tamky)
    assert link.successor == successor and link.effective_on == date(2027, 1, 1)
    assert tamky.history.first().history_change_reason == "Sáp nhập theo nghị quyết"


def test_end_unit_needs_a_reason_and_changes_nothing_without_it(personas, tamky):
    response = personas["ancestor"].post(
        reverse("orgs:close_unit", args=[tamky.pk]), {"valid_until": "31/12/2026"}
    )
    assert response.status_code == 302
    tamky.refresh_from_db()
    assert tamky.valid_until is None


def test_cannot_merge_into_own_subordinate(ancestor, tamky):
    child = Unit.objects.get_children(tamky).first()
    with pytest.raises(ServiceError):
        services.close_unit(ancestor, tamky, valid_until=date(2026, 12, 31), reason="x", successor=child)
    tamky.refresh_from_db()
    assert tamky.valid_until is None


def test_officer_cannot_end_their_own_unit(personas, tamky):
    response = personas["owner"].post(
        reverse("orgs:close_unit", args=[tamky.pk]), {"valid_until": "31/12/2026", "reason": "x"}
    )
    assert response.status_code == 403


def test_overview_counts_the_subtree_by_category(personas, tamky):
    response = personas["owner"].get("/")
    counts = dict((str(label), n) for label, n in response.context["category_counts"])
    from danvan.orgs.models import UnitCategory

    assert counts[str(UnitCategory.MASS_ORG.label)] == 5  # the five socio-political organizations
    assert counts[str(UnitCategory.VILLAGE.label)] == 4  # Ban công tác Mặt trận of four khối phố
    assert response.context["subtree_total"] == Unit.objects.filter(path__startswith=tamky.path).count() - 1
