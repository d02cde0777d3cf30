"""The rules of the funding services: bad input gets a clear message and changes nothing; spending
charged to an allocation never exceeds it; every change is in the history with who and why."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from danvan.core.services import ServiceError
from danvan.funding import services
from danvan.funding.models import Allocation, Expenditure, Purpose, Source
from danvan.funding.money import vnd
from danvan.initiatives.models import Initiative
from danvan.orgs.models import Unit
from tests.funding.conftest import SPENT_ON, allocate, spend, unit
from tests.initiatives.conftest import make, vi_plain

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        list(Allocation.objects.order_by("pk").values_list("pk", "year", "source", "amount", "voided_at")),
        list(
            Expenditure.objects.order_by("pk").values_list("pk", "date", "amount", "allocation", "voided_at")
        ),
        Allocation.history.count(),
        Expenditure.history.count(),
    )


def refused(call, msgid: str = "", error=ServiceError, **params):
    """The call is refused with the message `msgid` (as the Vietnamese UI says it) and changes nothing."""
    before = snapshot()
    with pytest.raises(error) as caught:
        call()
    assert snapshot() == before
    if msgid:
        assert vi_plain(msgid, **params) in " ".join(caught.value.messages)
    return caught.value


def money(amount: int) -> str:
    return vnd(amount)


# --- allocations ------------------------------------------------------------------------------------


def test_an_allocation_is_recorded_with_who_and_why(tamky, ancestor):
    allocation = allocate(tamky, ancestor, 120_000_000)
    assert allocation.amount == Decimal(120_000_000) and allocation.created_by == ancestor
    record = allocation.history.get()
    assert record.history_user == ancestor and record.history_change_reason == vi_plain("Allocation recorded")


LIMIT = "The %(field)s is too long (at most %(limit)s characters)."
INVALID = "The text contains an invalid character."


@pytest.mark.parametrize(
    ("data", "msgid", "params"),
    [
        ({"amount": -1}, "The amount must not be negative.", {}),
        ({"amount": Decimal("1.5")}, "Enter the amount in whole đồng.", {}),
        ({"amount": "abc"}, "Enter the amount in đồng.", {}),
        ({"amount": None}, "Enter the amount in đồng.", {}),
        ({"amount": True}, "Enter the amount in đồng.", {}),
        ({"amount": Decimal("NaN")}, "Enter the amount in whole đồng.", {}),
        ({"amount": 10**15}, "The amount is too large.", {}),
        ({"year": 1999}, "Enter a year between 2000 and 2100.", {}),
        ({"year": "2026"}, "Enter a year between 2000 and 2100.", {}),
        # the ward was created on 1 July 2025
        (
            {"year": 2024},
            "%(unit)s was not in force in %(year)s.",
            {"unit": "Đảng ủy phường Tam Kỳ", "year": 2024},
        ),
        ({"source": "lottery"}, "Choose the source of the funding.", {}),
        ({"decision_reference": "x" * 256}, LIMIT, {"field": vi_plain("decision"), "limit": 255}),
        ({"note": "a\x00b"}, INVALID, {}),
    ],
)
def test_bad_allocations_change_nothing(tamky, ancestor, data, msgid, params):
    refused(lambda: allocate(tamky, ancestor, **{"amount": 1_000_000, **data}), msgid, **params)


def test_a_zero_allocation_is_allowed(tamky, ancestor):
    assert allocate(tamky, ancestor, 0).amount == 0


def test_only_the_standing_agency_records_allocations(tamky, owner, stranger, tamky_front):
    refused(lambda: allocate(tamky, owner), error=PermissionDenied)  # a unit officer of the ward
    refused(lambda: allocate(tamky, stranger), error=PermissionDenied)
    assert allocate(tamky_front, owner).unit == tamky_front  # the Front's standing agency


def test_a_former_unit_gets_allocations_for_its_own_years(admin_user):
    former = Unit.objects.get(name="Đảng ủy phường An Mỹ")
    assert allocate(former, admin_user, year=2023).year == 2023
    refused(
        lambda: allocate(former, admin_user, year=2026),
        "%(unit)s was not in force in %(year)s.",
        unit=former.name,
        year=2026,
    )


def test_an_allocation_never_falls_below_what_is_charged(ward_allocation, ward_support, ancestor):
    refused(
        lambda: services.update_allocation(
            ward_allocation, {"amount": 19_000_000}, actor=ancestor, reason="Giảm"
        ),
        "%(charged)s of spending is charged to this allocation: it cannot be less than that.",
        charged=money(20_000_000),
    )
    refused(
        lambda: services.update_allocation(ward_allocation, {"year": 2025}, actor=ancestor, reason="Sai năm"),
        "Spending of %(year)s is charged to this allocation: its year cannot change.",
        year=2026,
    )
    services.update_allocation(ward_allocation, {"amount": 20_000_000}, actor=ancestor, reason="Điều chỉnh")
    assert Allocation.objects.get(pk=ward_allocation.pk).amount == Decimal(20_000_000)


def test_a_change_needs_a_reason_and_keeps_it(ward_allocation, ancestor):
    refused(
        lambda: services.update_allocation(ward_allocation, {"amount": 1}, actor=ancestor, reason=" "),
        "Give the reason for the change.",
    )
    services.update_allocation(
        ward_allocation, {"amount": 90_000_000}, actor=ancestor, reason="Điều chỉnh dự toán"
    )
    record = ward_allocation.history.order_by("-history_date", "-history_id").first()
    assert record.history_change_reason == "Điều chỉnh dự toán" and record.history_user == ancestor
    assert record.amount == Decimal(90_000_000)


def test_nothing_changed_records_nothing(ward_allocation, ancestor):
    count = ward_allocation.history.count()
    services.update_allocation(
        ward_allocation, {"amount": ward_allocation.amount}, actor=ancestor, reason="Xem lại"
    )
    assert ward_allocation.history.count() == count


def test_voiding_an_allocation(ward_allocation, ward_spending, ancestor, owner):
    refused(
        lambda: services.void_allocation(ward_allocation, actor=ancestor, reason="Sai"),
        "Spending is charged to this allocation: void it or charge it elsewhere first.",
    )
    services.void_expenditure(ward_spending, actor=owner, reason="Nhập nhầm")
    refused(
        lambda: services.void_allocation(ward_allocation, actor=ancestor, reason=""),
        "Give the reason for voiding it.",
    )
    voided = services.void_allocation(ward_allocation, actor=ancestor, reason="Ghi nhầm đơn vị")
    assert voided.is_void and voided.voided_by == ancestor and voided.void_reason == "Ghi nhầm đơn vị"
    assert Allocation.objects.filter(pk=ward_allocation.pk).exists()  # never deleted
    refused(
        lambda: services.void_allocation(ward_allocation, actor=ancestor, reason="Lần nữa"),
        "This allocation has already been voided.",
    )
    refused(
        lambda: services.update_allocation(ward_allocation, {"amount": 1}, actor=ancestor, reason="Sửa"),
        "A voided allocation cannot be changed.",
    )


# --- spending ---------------------------------------------------------------------------------------


def test_spending_is_recorded_by_the_units_officers(tamky, owner, stranger, leader):
    assert spend(tamky, owner).created_by == owner
    refused(lambda: spend(tamky, stranger), error=PermissionDenied)
    refused(lambda: spend(tamky, leader), error=PermissionDenied)


@pytest.mark.parametrize(
    ("data", "msgid", "params"),
    [
        ({"amount": 0}, "The amount must be greater than zero.", {}),
        ({"amount": -5}, "The amount must be greater than zero.", {}),
        ({"amount": Decimal("0.5")}, "Enter the amount in whole đồng.", {}),
        ({"purpose": "lunch"}, "Choose what the money was spent on.", {}),
        ({"purpose": Purpose.MODEL_SUPPORT}, "Choose the model or exemplar this money supports.", {}),
        ({"description": "   "}, "Enter the %(field)s.", {"field": vi_plain("description")}),
        ({"description": "x" * 2001}, LIMIT, {"field": vi_plain("description"), "limit": 2000}),
        ({"voucher_reference": "x" * 121}, LIMIT, {"field": vi_plain("voucher"), "limit": 120}),
        (
            {"on": date(2025, 6, 30)},
            "%(unit)s was not in force on %(date)s.",
            {"unit": "Đảng ủy phường Tam Kỳ", "date": "30/06/2025"},
        ),
        ({"on": "2026-03-20"}, "Enter the date it was spent.", {}),
        ({"initiative": "12"}, "Choose a model or exemplar.", {}),
        ({"description": "a\x00b"}, INVALID, {}),
    ],
)
def test_bad_spending_changes_nothing(tamky, owner, data, msgid, params):
    refused(lambda: spend(tamky, owner, **{"amount": 1_000_000, **data}), msgid, **params)


def test_support_goes_to_a_registered_model_of_the_subtree(tamky, owner, stranger, haichau, model):
    elsewhere = make(haichau, stranger, "Tổ dân phố văn minh")
    outside = "“%(name)s” is not a model of %(unit)s or of a unit under it."
    refused(
        lambda: spend(tamky, owner, purpose=Purpose.MODEL_SUPPORT, initiative=elsewhere),
        outside,
        name=elsewhere.name,
        unit=tamky.name,
    )
    draft = make(tamky, owner, "Mô hình còn nháp", submit=False)
    refused(
        lambda: spend(tamky, owner, purpose=Purpose.MODEL_SUPPORT, initiative=draft),
        "“%(name)s” is still a draft: support goes to registered models.",
        name=draft.name,
    )
    # a subordinate unit cannot support its parent's model
    parents = make(tamky, owner, "Mô hình của Đảng ủy phường")
    women = unit("Hội Liên hiệp Phụ nữ phường Tam Kỳ")
    refused(
        lambda: spend(women, owner, purpose=Purpose.MODEL_SUPPORT, initiative=parents),
        outside,
        name=parents.name,
        unit=women.name,
    )
    support = spend(tamky, owner, purpose=Purpose.MODEL_SUPPORT, initiative=model)
    assert support.initiative == model


def test_charged_spending_belongs_to_the_same_unit_and_year(
    tamky, tamky_front, owner, ancestor, ward_allocation
):
    front_money = allocate(tamky_front, owner, 10_000_000)
    same_unit = "Spending is charged to an allocation of the same unit."
    refused(lambda: spend(tamky, owner, allocation=front_money), same_unit)
    refused(
        lambda: spend(tamky, owner, on=date(2025, 12, 31), allocation=ward_allocation),
        "Spending of %(year)s is charged to an allocation of %(year)s.",
        year=2025,
    )
    refused(lambda: spend(tamky, owner, allocation=ward_allocation.pk), same_unit)


EXCEED = (
    "This spending would exceed the allocation “%(allocation)s”: %(allocated)s allocated, "
    "%(charged)s already charged, %(left)s left."
)


def test_spending_never_exceeds_its_allocation(tamky, owner, ward_allocation):
    spend(tamky, owner, 60_000_000, allocation=ward_allocation)
    refused(
        lambda: spend(tamky, owner, 40_000_001, allocation=ward_allocation),
        EXCEED,
        allocation=str(ward_allocation),
        allocated="100.000.000\u00a0đ",
        charged="60.000.000\u00a0đ",
        left="40.000.000\u00a0đ",
    )
    exact = spend(tamky, owner, 40_000_000, allocation=ward_allocation)  # to the last đồng
    refused(
        lambda: spend(tamky, owner, 1, allocation=ward_allocation),
        EXCEED,
        allocation=str(ward_allocation),
        allocated=money(100_000_000),
        charged=money(100_000_000),
        left=money(0),
    )
    # a voided expenditure frees its share
    services.void_expenditure(exact, actor=owner, reason="Nhập trùng")
    assert services.charged(ward_allocation) == Decimal(60_000_000)
    spend(tamky, owner, 40_000_000, allocation=ward_allocation)


def test_an_edit_may_not_exceed_the_allocation_either(tamky, owner, ward_allocation):
    first = spend(tamky, owner, 60_000_000, allocation=ward_allocation)
    second = spend(tamky, owner, 50_000_000)
    refused(
        lambda: services.update_expenditure(
            second, {"allocation": ward_allocation}, actor=owner, reason="Tính vào"
        ),
        EXCEED,
        allocation=str(ward_allocation),
        allocated=money(100_000_000),
        charged=money(60_000_000),
        left=money(40_000_000),
    )
    refused(
        lambda: services.update_expenditure(first, {"amount": 100_000_001}, actor=owner, reason="Sửa"),
        EXCEED,
        allocation=str(ward_allocation),
        allocated=money(100_000_000),
        charged=money(0),
        left=money(100_000_000),
    )
    # its own amount is not counted twice
    services.update_expenditure(first, {"amount": 100_000_000}, actor=owner, reason="Theo chứng từ")
    assert services.charged(ward_allocation) == Decimal(100_000_000)


def test_a_voided_allocation_takes_no_spending(tamky, tamky_front, owner):
    money = allocate(tamky_front, owner, 10_000_000)
    services.void_allocation(money, actor=owner, reason="Ghi nhầm")
    refused(
        lambda: spend(tamky_front, owner, allocation=money),
        "This allocation has been voided: charge the spending to another one.",
    )


def test_editing_and_voiding_spending(ward_support, owner, stranger, ancestor):
    refused(
        lambda: services.update_expenditure(ward_support, {"amount": 1}, actor=stranger, reason="x"),
        error=PermissionDenied,
    )
    refused(
        lambda: services.update_expenditure(ward_support, {"amount": 1}, actor=owner, reason=""),
        "Give the reason for the change.",
    )
    refused(
        lambda: services.update_expenditure(
            ward_support, {"initiative": None}, actor=owner, reason="Bỏ mô hình"
        ),
        "Choose the model or exemplar this money supports.",
    )
    services.update_expenditure(
        ward_support,
        {"purpose": Purpose.COMMUNICATION, "initiative": None},
        actor=ancestor,
        reason="Phân loại lại",
    )
    changed = Expenditure.objects.get(pk=ward_support.pk)
    assert changed.purpose == Purpose.COMMUNICATION and changed.initiative is None
    refused(lambda: services.void_expenditure(changed, actor=owner, reason="\x00"), INVALID)
    services.void_expenditure(changed, actor=owner, reason="Nhập nhầm")
    refused(
        lambda: services.void_expenditure(changed, actor=owner, reason="Lần nữa"),
        "This expenditure has already been voided.",
    )
    refused(
        lambda: services.update_expenditure(changed, {"amount": 1}, actor=owner, reason="Sửa"),
        "A voided expenditure cannot be changed.",
    )
    reasons = list(changed.history.order_by("history_date").values_list("history_change_reason", flat=True))
    assert reasons == [vi_plain("Spending recorded"), "Phân loại lại", "Nhập nhầm"]


def test_support_recorded_for_a_model_stays_when_the_model_moves(tamky, owner, ward_support, haichau):
    # the model is moved outside the ward (as a carry-over moves a former unit's model)
    Initiative.objects.filter(pk=ward_support.initiative_id).update(owner_unit=haichau)
    services.update_expenditure(
        ward_support, {"voucher_reference": "PC-013"}, actor=owner, reason="Số chứng từ"
    )
    assert Expenditure.objects.get(pk=ward_support.pk).voucher_reference == "PC-013"


def test_what_each_persona_sees(ward_support, ward_spending, owner, ancestor, stranger, city, model):
    city_support = spend(
        city, ancestor, 30_000_000, purpose=Purpose.MODEL_SUPPORT, initiative=model, on=SPENT_ON
    )
    city_training = spend(city, ancestor, 10_000_000)
    assert set(services.visible_expenditures(owner)) == {ward_support, ward_spending, city_support}
    assert set(services.visible_expenditures(ancestor)) == {
        ward_support,
        ward_spending,
        city_support,
        city_training,
    }
    assert list(services.visible_expenditures(stranger)) == []
    assert list(services.visible_allocations(stranger)) == []
    assert services.visible_allocations(owner).get() == ward_support.allocation


def test_the_allocation_choices_show_what_is_left(tamky, ward_support):
    from danvan.funding.queries import allocations_for_form

    (choice,) = allocations_for_form(tamky)
    assert (choice.charged, choice.remaining) == (Decimal(20_000_000), Decimal(80_000_000))
    assert Source(choice.source) == Source.STATE_BUDGET
