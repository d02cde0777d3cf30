"""notify() is idempotent per recipient and key; users_granted() finds the officers of a unit."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from danvan.core.permissions import Role
from danvan.notifications import services
from danvan.notifications.models import Notification
from danvan.notifications.services import notify, users_granted
from danvan.orgs.models import Grant, Unit
from tests.notifications.conftest import SUBJECT, URL, send

pytestmark = pytest.mark.django_db

User = get_user_model()


# --- notify -----------------------------------------------------------------------------------------


def test_notify_creates_one_notification_and_remembers_it(owner, tamky):
    created = notify([owner], "reports.due_soon:123:2026-12-18", SUBJECT, "Hạn nộp: 18/12/2026.", URL, tamky)
    assert created == 1
    n = Notification.objects.get()
    assert (n.recipient, n.key, n.subject, n.body, n.url, n.unit) == (
        owner,
        "reports.due_soon:123:2026-12-18",
        SUBJECT,
        "Hạn nộp: 18/12/2026.",
        URL,
        tamky,
    )
    assert n.read_at is None and n.emailed_at is None and n.email_pending
    assert n.created_at <= timezone.now()


def test_notify_twice_creates_once(owner):
    assert send([owner]) == 1
    assert send([owner]) == 0
    assert send([owner], subject="Một tiêu đề khác") == 0  # the key decides, not the text
    assert Notification.objects.count() == 1


def test_notify_counts_only_the_new_recipients(owner, ancestor, stranger):
    assert send([owner]) == 1
    assert send([owner, ancestor, stranger, ancestor.pk]) == 2  # users or ids, duplicates once
    assert Notification.objects.filter(key="test.reminder:1").count() == 3


def test_different_keys_are_different_notifications(owner):
    assert send([owner], key="reports.due_soon:1:2026-12-18") == 1
    assert send([owner], key="reports.due_soon:1:2026-12-25") == 1
    assert send([owner], key="reports.overdue:1:2026-12-26") == 1
    assert Notification.objects.filter(recipient=owner).count() == 3


def test_notify_accepts_a_queryset_and_nobody(owner, tamky):
    assert send(users_granted(tamky, [Role.UNIT_OFFICER])) == 1
    assert send([]) == 0
    assert send(User.objects.none()) == 0
    assert Notification.objects.get().recipient == owner


def test_notify_works_in_the_callers_transaction(owner, ancestor):
    with pytest.raises(RuntimeError), transaction.atomic():
        send([owner, ancestor])
        raise RuntimeError("the change that notified failed")
    assert not Notification.objects.exists()  # rolled back with the change
    with transaction.atomic():
        assert send([owner]) == 1
        assert send([owner, ancestor]) == 1
    assert Notification.objects.count() == 2


def test_a_concurrent_duplicate_is_ignored_by_the_constraint(owner, monkeypatch):
    """Two processes read "nobody has it" at the same time: the second insert is ignored."""
    send([owner])
    real = Notification.objects.filter

    def stale(*args, **kwargs):  # the read done before the first process committed
        return real(*args, **kwargs).none()

    monkeypatch.setattr(Notification.objects, "filter", stale)
    send([owner])  # no IntegrityError, and no second row
    monkeypatch.undo()
    assert Notification.objects.filter(recipient=owner).count() == 1


def test_subject_is_one_line_and_cut(owner):
    send([owner], subject="  Báo cáo\nquý IV  " + "x" * 400)
    subject = Notification.objects.get().subject
    assert "\n" not in subject and subject.startswith("Báo cáo quý IV x")
    assert len(subject) == 300 and subject.endswith("…")


@pytest.mark.parametrize(
    "url", ["https://example.com/x", "//example.com/x", "javascript:alert(1)", "training/"]
)
def test_a_link_must_be_a_path_of_the_site(owner, url):
    with pytest.raises(ValueError):
        send([owner], url=url)
    assert not Notification.objects.exists()


@pytest.mark.parametrize("key", ["", "   ", "k" * 201])
def test_a_key_is_required_and_short(owner, key):
    with pytest.raises(ValueError):
        send([owner], key=key)


# --- users_granted ----------------------------------------------------------------------------------


def usernames(qs) -> list[str]:
    return [u.username for u in qs]


def test_the_officers_of_a_ward_not_the_whole_city(tamky, city):
    assert usernames(users_granted(tamky, [Role.UNIT_OFFICER])) == ["canbo.tamky"]
    # the city's standing-agency officer may see the ward, but holds no grant on it
    assert usernames(users_granted(tamky, [Role.UNIT_OFFICER, Role.STANDING_AGENCY_OFFICER])) == [
        "canbo.tamky"
    ]
    # grants below a unit do not count for it
    assert usernames(users_granted(city, [Role.UNIT_OFFICER, Role.STANDING_AGENCY_OFFICER])) == [
        "canbo.danang"
    ]


def test_with_ancestors_the_standing_agency_above(tamky, city):
    assert usernames(users_granted(tamky, [Role.STANDING_AGENCY_OFFICER])) == []
    assert usernames(users_granted(tamky, [Role.STANDING_AGENCY_OFFICER], ancestors=True)) == ["canbo.danang"]
    both = users_granted(tamky, [Role.UNIT_OFFICER, Role.STANDING_AGENCY_OFFICER], ancestors=True)
    assert sorted(usernames(both)) == ["canbo.danang", "canbo.tamky"]
    assert usernames(users_granted(city, Role.LEADER, ancestors=True)) == ["lanhdao.danang"]  # one role


def test_other_branches_are_never_included(haichau, tamky):
    assert usernames(users_granted(haichau, [Role.UNIT_OFFICER])) == ["canbo.haichau"]
    assert "canbo.haichau" not in usernames(users_granted(tamky, list(Role), ancestors=True))


def test_a_unit_and_its_front(tamky):
    front = Unit.objects.get(
        path__startswith=tamky.path, depth=tamky.depth + 1, grants__role=Role.STANDING_AGENCY_OFFICER
    )
    assert usernames(users_granted(front, [Role.STANDING_AGENCY_OFFICER])) == ["canbo.tamky"]
    # a user with two matching grants is listed once
    above = users_granted(front, [Role.STANDING_AGENCY_OFFICER, Role.UNIT_OFFICER], ancestors=True)
    assert sorted(usernames(above)) == ["canbo.danang", "canbo.tamky"]


def test_revoked_grants_are_excluded(tamky, owner):
    Grant.objects.filter(user=owner, unit=tamky).update(revoked_at=timezone.now())
    assert usernames(users_granted(tamky, [Role.UNIT_OFFICER])) == []


def test_inactive_users_are_excluded(tamky, owner, ancestor):
    owner.is_active = False
    owner.save(update_fields=["is_active"])
    ancestor.is_active = False
    ancestor.save(update_fields=["is_active"])
    assert (
        usernames(users_granted(tamky, [Role.UNIT_OFFICER, Role.STANDING_AGENCY_OFFICER], ancestors=True))
        == []
    )


def test_users_granted_is_one_query(tamky, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert (
            len(list(users_granted(tamky, [Role.UNIT_OFFICER, Role.STANDING_AGENCY_OFFICER], ancestors=True)))
            == 2
        )


# --- reading ---------------------------------------------------------------------------------------


def test_mark_read_is_for_the_recipient_only(owner, stranger):
    send([owner])
    n = Notification.objects.get()
    with pytest.raises(services.PermissionDenied):
        services.mark_read(n, actor=stranger)
    assert services.mark_read(n, actor=owner) is True
    first = n.read_at
    assert first is not None
    assert services.mark_read(n, actor=owner) is False  # already read: unchanged
    n.refresh_from_db()
    assert n.read_at == first


def test_mark_all_read_touches_only_the_actors(owner, ancestor):
    send([owner, ancestor], key="a")
    send([owner], key="b")
    assert services.unread_count(owner) == 2
    assert services.mark_all_read(owner) == 2
    assert services.mark_all_read(owner) == 0
    assert services.unread_count(owner) == 0
    assert services.unread_count(ancestor) == 1


def test_users_granted_by_unit_answers_for_many_units_at_once(django_assert_num_queries):
    from danvan.core.permissions import EDITORS
    from danvan.notifications.services import users_granted_by_unit
    from danvan.orgs.models import Unit

    units = {
        u.name: u.pk
        for u in Unit.objects.filter(
            name__in=["Đảng ủy phường Tam Kỳ", "Đảng ủy phường Hải Châu", "Thành ủy Đà Nẵng"]
        )
    }
    with django_assert_num_queries(1):
        found = users_granted_by_unit(units.values(), EDITORS)
    names = {
        unit: sorted(get_user_model().objects.filter(pk__in=ids).values_list("username", flat=True))
        for unit, ids in found.items()
    }
    assert names[units["Đảng ủy phường Tam Kỳ"]] == ["canbo.tamky"]
    assert names[units["Đảng ủy phường Hải Châu"]] == ["canbo.haichau"]
    assert names[units["Thành ủy Đà Nẵng"]] == ["canbo.danang", "quantri.danang"]
