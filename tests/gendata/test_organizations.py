"""The generated country: a valid unit tree on the real areas, and users who see what they should."""

import pytest
from django.contrib.auth.models import User

from danvan.core.permissions import Role, visible_units
from danvan.geo.models import Area, AreaLevel
from danvan.orgs.models import Grant, Unit

pytestmark = pytest.mark.django_db


def test_the_trees_stay_valid(generated):
    for model in (Unit, Area):
        assert all(not problems for problems in model.objects.find_problems()), model


def test_every_commune_has_its_units_and_villages(generated):
    province = generated.provinces[0]
    assert province.communes
    for commune in province.communes:
        children = {u.unit_type.code for u in Unit.objects.get_children(commune.party)}
        assert {"peoples_committee", "peoples_council", "fatherland_front", "police"} <= children
        under_front = list(Unit.objects.get_children(commune.front).select_related("unit_type", "area"))
        assert {"youth_union", "womens_union", "farmers_association"} <= {
            u.unit_type.code for u in under_front
        }
        villages = [u for u in under_front if u.unit_type.code == "village_front_committee"]
        assert len(villages) == len(commune.villages) >= 1
        for unit in villages:
            assert unit.area.level == AreaLevel.VILLAGE
            assert unit.area.path.startswith(commune.area.path)
        assert commune.party.path.startswith(province.party.path) and commune.party.depth == 2


def test_the_counts_are_what_was_stored(generated):
    mine = Unit.objects.filter(path__startswith=generated.provinces[0].party.path).count()
    assert mine == generated.counts["units"]
    assert User.objects.filter(username__startswith="bench.").count() == generated.counts["users"]


def test_users_see_their_subtree_only(generated):
    ward = generated.bench_ward()
    other = next(c for c in generated.provinces[0].communes if c is not ward)
    province = generated.provinces[0]
    officer_sees = visible_units(ward.officer)
    assert officer_sees.filter(pk=ward.village_units[0].pk).exists()
    assert not officer_sees.filter(pk=other.party.pk).exists()
    assert not officer_sees.filter(pk=province.party.pk).exists()
    assert visible_units(province.officer).filter(pk=other.village_units[0].pk).exists()
    grant = Grant.objects.get(user=ward.handler)
    assert (grant.role, grant.unit_id) == (Role.PETITION_HANDLER, ward.government.pk)


def test_the_logins_of_the_manifest_work(generated, client):
    manifest = generated.manifest
    for key in ("province", "ward"):
        user = User.objects.get(username=manifest["logins"][key])
        assert user.check_password(manifest["password"])
        client.force_login(user)
        response = client.get(f"/dashboard/{manifest['units'][key]}/")
        assert response.status_code == 200, key
    # the ward's officer does not see the province's dashboard
    assert client.get(f"/dashboard/{manifest['units']['province']}/").status_code == 404
