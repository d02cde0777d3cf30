"""A state machine over random grants and revocations: the policy must agree with a brute-force
oracle ("any active grant whose role allows the action, on the unit or one of its ancestors")."""

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from danvan.core.permissions import ACTIONS, Role, can, can_see_unit, scope_q, visible_units
from danvan.orgs.models import Grant, Person, Unit, UnitSuccession
from danvan.orgs.services import add_grant, revoke_grant

pytestmark = pytest.mark.django_db

ROLES = list(Role)


class Tree:
    """The demo unit tree, read once: what the oracle works on."""

    def __init__(self):
        self.units = list(Unit.objects.order_by("path"))
        self.by_id = {u.pk: u for u in self.units}
        self.successions = list(UnitSuccession.objects.values_list("predecessor_id", "successor_id"))
        # grants go on a spread of units: roots, the city's direct children, and everything in
        # two wards and the former Tam Kỳ (legacy), so nesting and siblings both occur
        interesting = {"Đảng ủy phường Tam Kỳ", "Đảng ủy phường Hải Châu", "Thành ủy Tam Kỳ"}
        anchors = [u.path for u in self.units if u.name in interesting]
        self.grantable = [u for u in self.units if u.depth <= 2 or any(u.path.startswith(a) for a in anchors)]
        # `can` is asked (in Python) about a fixed sample; the queries cover every unit
        self.sample = sorted(set(self.grantable[::2]) | set(self.units[::20]), key=lambda u: u.path)
        self.prefixes = {
            u.pk: {u.path[:i] for i in range(Unit.steplen, len(u.path) + 1, Unit.steplen)} for u in self.units
        }


# one action per distinct set of roles: actions sharing roles are decided alike
ACTION_GROUPS = list({roles: action for action, roles in reversed(ACTIONS.items())}.values())


def oracle(tree, grants, action) -> set[int]:
    """Units where `action` is allowed: some active grant with a role allowing it sits on the
    unit or one of its ancestors."""
    paths = {path for role, path in grants if role in ACTIONS[action]}
    return {u.pk for u in tree.units if tree.prefixes[u.pk] & paths}


class PolicyMachine(RuleBasedStateMachine):
    tree: Tree  # set by the test before the machine runs
    admin = None

    def __init__(self):
        super().__init__()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()  # every example is rolled back in teardown
        self.user = get_user_model().objects.create_user(username="prop.user", password="x")
        self.active: dict[int, tuple[str, str]] = {}  # grant id -> (role, unit path)

    def teardown(self):
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    @initialize()
    def start(self):
        pass

    @rule(role=st.sampled_from(ROLES), index=st.integers(min_value=0))
    def grant(self, role, index):
        unit = self.tree.grantable[index % len(self.tree.grantable)]
        if (role, unit.path) in self.active.values():
            return  # the service refuses a duplicate active grant (tested elsewhere)
        grant = add_grant(self.admin, user=self.user, role=role, unit=unit, reason="property test")
        self.active[grant.pk] = (role, unit.path)

    @precondition(lambda self: self.active)
    @rule(data=st.data())
    def revoke(self, data):
        grant_id = data.draw(st.sampled_from(sorted(self.active)))
        grant = Grant.objects.select_related("unit").get(pk=grant_id)
        revoke_grant(self.admin, grant, reason="property test")
        del self.active[grant_id]

    @invariant()
    def policy_matches_oracle(self):
        user = get_user_model().objects.get(pk=self.user.pk)  # a new request: no cached grants
        grants = list(self.active.values())
        tree = self.tree
        sample_ids = {u.pk for u in tree.sample}
        for action in ACTION_GROUPS:
            expected = oracle(tree, grants, action)
            assert {u.pk for u in tree.sample if can(user, action, u)} == expected & sample_ids, action
            scoped = set(Unit.objects.filter(scope_q(user, action)).values_list("pk", flat=True))
            assert scoped == expected, action
        in_scope = oracle(tree, grants, "unit.view")
        former = {pred for pred, succ in tree.successions if succ in in_scope}
        visible = set(visible_units(user).values_list("pk", flat=True))
        assert visible == in_scope | former
        for pk in former - in_scope:
            assert can_see_unit(user, tree.by_id[pk])
            assert not can(user, "unit.view", tree.by_id[pk])
        # objects placed by a related path agree with `can` on their unit
        people = Person.objects.filter(scope_q(user, "person.change", "unit__path"))
        expected_people = Person.objects.filter(unit_id__in=oracle(tree, grants, "person.change"))
        assert set(people.values_list("pk", flat=True)) == set(expected_people.values_list("pk", flat=True))


def test_policy_agrees_with_a_brute_force_oracle(db, admin_user):
    PolicyMachine.tree = Tree()
    PolicyMachine.admin = admin_user
    PolicyMachine.TestCase.settings = settings(
        max_examples=30,
        stateful_step_count=8,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    PolicyMachine.TestCase().runTest()
