"""Every page and every form action of the funding app, for each persona.

The Tam Kỳ ward's money does not exist for an officer of Hải Châu (404); a seen row refuses the
actions a persona may not take (403) and changes nothing; the anonymous are sent to the login
page; allowed actions redirect and change the database exactly as asked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.urls import reverse

from danvan.funding.models import Allocation, Expenditure, Purpose, Source
from danvan.orgs.models import Unit
from tests.funding.conftest import allocate, spend, unit
from tests.initiatives.conftest import make, vi

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
PERSONAS = ["owner", "ancestor", "stranger", "leader", "anonymous"]


@dataclass
class World:
    owner: object
    ancestor: object
    tamky: Unit
    city: Unit
    objects: dict = field(default_factory=dict)

    def _once(self, key, build):
        if key not in self.objects:
            self.objects[key] = build()
        return self.objects[key]

    def front(self) -> Unit:
        return unit("Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ")

    def model(self):
        women = unit("Hội Liên hiệp Phụ nữ phường Tam Kỳ")
        return self._once("model", lambda: make(women, self.owner, "Chi hội phụ nữ giúp nhau thoát nghèo"))

    def ward_allocation(self) -> Allocation:
        return self._once("ward_allocation", lambda: allocate(self.tamky, self.ancestor, 100_000_000))

    def front_allocation(self) -> Allocation:
        return self._once(
            "front_allocation",
            lambda: allocate(self.front(), self.owner, 30_000_000, source=Source.SOCIALIZATION),
        )

    def ward_spending(self) -> Expenditure:
        return self._once(
            "ward_spending",
            lambda: spend(self.tamky, self.owner, 5_000_000, allocation=self.ward_allocation()),
        )

    def city_support(self) -> Expenditure:
        """The city's support to a ward model: the ward sees it, only the city changes it."""
        return self._once(
            "city_support",
            lambda: spend(
                self.city,
                self.ancestor,
                30_000_000,
                purpose=Purpose.MODEL_SUPPORT,
                initiative=self.model(),
                description="Thành phố hỗ trợ nhân rộng mô hình",
            ),
        )


@dataclass
class Case:
    name: str
    url: Callable[[World], str]
    expected: dict[str, int]
    data: Callable[[World], dict] | None = None  # None: GET
    measure: Callable[[World], object] | None = None
    allowed: set[str] = field(default_factory=set)


def seen(**overrides) -> dict[str, int]:
    """Statuses for a Tam Kỳ object: seen by its owner, the city officers and the city leader."""
    return {"owner": 200, "ancestor": 200, "stranger": 404, "leader": 200, "anonymous": 302, **overrides}


def everyone(**overrides) -> dict[str, int]:
    return seen(stranger=200, **overrides)


WRITERS = {"owner": 302, "ancestor": 302, "leader": 403}


def spending_form(w, **extra) -> dict:
    return {
        "unit": w.tamky.pk,
        "date": "20/03/2026",
        "amount": "2.500.000",
        "purpose": Purpose.COMMUNICATION,
        "description": "In tờ rơi tuyên truyền mô hình",
        "voucher_reference": "PC-099",
        **extra,
    }


def allocation_form(**extra) -> dict:
    return {
        "year": 2026,
        "source": Source.STATE_BUDGET,
        "amount": "40.000.000",
        "decision_reference": "Quyết định số 20/QĐ-UBND ngày 15/01/2026",
        **extra,
    }


def within(name: str, where: Unit, extra: str = "") -> str:
    return f"{reverse(name)}?within={where.pk}{extra}"


def amount_of(model, pk):
    return model.objects.get(pk=pk).amount


def voided(model, pk):
    return model.objects.get(pk=pk).voided_at is not None


CASES = [
    Case("summary", lambda w: reverse("funding:summary"), everyone()),
    Case("summary of the ward", lambda w: within("funding:summary", w.tamky, "&year=2026"), seen()),
    Case("summary of the city", lambda w: within("funding:summary", w.city), seen(owner=404)),
    Case("allocations", lambda w: reverse("funding:allocations"), everyone()),
    Case(
        "allocations of the ward, filtered",
        lambda w: (
            reverse("funding:allocations")
            + f"?within={w.tamky.pk}&year=2026&source=state_budget&status=in_force"
        ),
        seen(),
    ),
    Case("spending", lambda w: reverse("funding:expenditures"), everyone()),
    Case(
        "spending of the ward, filtered",
        lambda w: (
            reverse("funding:expenditures")
            + f"?within={w.tamky.pk}&year=2026&purpose=model_support&model={w.model().pk}"
            + "&q=phu+nu&status=in_force"
        ),
        seen(),
    ),
    Case("export", lambda w: reverse("funding:export"), everyone()),
    Case("export of the ward", lambda w: within("funding:export", w.tamky, "&year=2026"), seen()),
    Case("support to models", lambda w: reverse("funding:models"), everyone()),
    Case(
        "support to models of the ward", lambda w: reverse("funding:models") + f"?within={w.tamky.pk}", seen()
    ),
    Case("an allocation", lambda w: reverse("funding:allocation", args=[w.ward_allocation().pk]), seen()),
    Case(
        "correct the ward's allocation (form)",
        lambda w: reverse("funding:allocation_edit", args=[w.ward_allocation().pk]),
        seen(owner=403, leader=403),
    ),
    Case(
        "correct the Front's allocation (form)",
        lambda w: reverse("funding:allocation_edit", args=[w.front_allocation().pk]),
        seen(leader=403),
    ),
    Case(
        "a record of spending", lambda w: reverse("funding:expenditure", args=[w.ward_spending().pk]), seen()
    ),
    Case(
        "the city's support to a ward model",
        lambda w: reverse("funding:expenditure", args=[w.city_support().pk]),
        seen(),
    ),
    Case(
        "correct spending (form)",
        lambda w: reverse("funding:expenditure_edit", args=[w.ward_spending().pk]),
        seen(leader=403),
    ),
    Case(
        "correct the city's support (form)",
        lambda w: reverse("funding:expenditure_edit", args=[w.city_support().pk]),
        seen(owner=403, leader=403),
    ),
    Case(
        "new allocation (form)", lambda w: reverse("funding:allocation_new"), seen(stranger=403, leader=403)
    ),
    Case(
        "new allocation of the ward (form)",
        lambda w: reverse("funding:allocation_new") + f"?unit={w.tamky.pk}",
        seen(owner=403, stranger=403, leader=403),
    ),
    Case("new spending (form)", lambda w: reverse("funding:expenditure_new"), everyone(leader=403)),
    Case(
        "support a ward model (form)",
        lambda w: reverse("funding:expenditure_new") + f"?initiative={w.model().pk}&purpose=model_support",
        everyone(leader=403),
    ),
    Case(
        "new spending of the ward (form)",
        lambda w: reverse("funding:expenditure_new") + f"?unit={w.tamky.pk}",
        seen(stranger=403, leader=403),
    ),
    # --- writes ---
    Case(
        "record the Front's allocation",
        lambda w: reverse("funding:allocation_new"),
        seen(stranger=403, **WRITERS),
        data=lambda w: {"unit": w.front().pk, **allocation_form()},
        measure=lambda w: Allocation.objects.filter(unit=w.front()).count(),
        allowed={"owner", "ancestor"},
    ),
    Case(
        "record the ward's allocation",
        lambda w: reverse("funding:allocation_new"),
        seen(owner=403, stranger=403, **{"ancestor": 302, "leader": 403}),
        data=lambda w: {"unit": w.tamky.pk, **allocation_form()},
        measure=lambda w: Allocation.objects.filter(unit=w.tamky).count(),
        allowed={"ancestor"},
    ),
    Case(
        "correct the ward's allocation",
        lambda w: reverse("funding:allocation_edit", args=[w.ward_allocation().pk]),
        seen(owner=403, ancestor=302, leader=403),
        data=lambda w: {**allocation_form(amount="110.000.000"), "reason": "Bổ sung dự toán"},
        measure=lambda w: amount_of(Allocation, w.ward_allocation().pk),
        allowed={"ancestor"},
    ),
    Case(
        "void the Front's allocation",
        lambda w: reverse("funding:allocation_void", args=[w.front_allocation().pk]),
        seen(**WRITERS),
        data=lambda w: {"reason": "Ghi nhầm đơn vị"},
        measure=lambda w: voided(Allocation, w.front_allocation().pk),
        allowed={"owner", "ancestor"},
    ),
    Case(
        "record the ward's spending",
        lambda w: reverse("funding:expenditure_new"),
        seen(stranger=403, **WRITERS),
        data=lambda w: spending_form(w),
        measure=lambda w: Expenditure.objects.filter(unit=w.tamky).count(),
        allowed={"owner", "ancestor"},
    ),
    Case(
        "correct the ward's spending",
        lambda w: reverse("funding:expenditure_edit", args=[w.ward_spending().pk]),
        seen(**WRITERS),
        data=lambda w: {**spending_form(w, amount="6.000.000"), "reason": "Theo chứng từ"},
        measure=lambda w: amount_of(Expenditure, w.ward_spending().pk),
        allowed={"owner", "ancestor"},
    ),
    Case(
        "void the ward's spending",
        lambda w: reverse("funding:expenditure_void", args=[w.ward_spending().pk]),
        seen(**WRITERS),
        data=lambda w: {"reason": "Nhập trùng"},
        measure=lambda w: voided(Expenditure, w.ward_spending().pk),
        allowed={"owner", "ancestor"},
    ),
    Case(
        "void the city's support",
        lambda w: reverse("funding:expenditure_void", args=[w.city_support().pk]),
        seen(owner=403, ancestor=302, leader=403),
        data=lambda w: {"reason": "Nhập trùng"},
        measure=lambda w: voided(Expenditure, w.city_support().pk),
        allowed={"ancestor"},
    ),
]


@pytest.fixture
def world(owner, ancestor, tamky, city):
    return World(owner, ancestor, tamky, city)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_permission_matrix(all_personas, world, case, persona):
    url = case.url(world)
    client = all_personas[persona]
    if case.data is None:
        response = client.get(url)
    else:
        data = case.data(world)
        before = case.measure(world)
        response = client.post(url, data)
        after = case.measure(world)
        if persona in case.allowed:
            assert after != before, f"{persona} was allowed but nothing changed"
        else:
            assert after == before, f"{persona} was refused but something changed"
    assert response.status_code == case.expected[persona], (persona, response.status_code)
    if response.status_code == 302 and persona == "anonymous":
        assert response["Location"].startswith(LOGIN)


def test_every_url_of_the_app_is_in_the_matrix():
    from danvan.funding import views

    names = {p.name for p in views.urlpatterns}
    assert names == {
        "summary", "allocations", "allocation_new", "allocation", "allocation_edit", "allocation_void",
        "expenditures", "export", "expenditure_new", "expenditure", "expenditure_edit", "expenditure_void",
        "models",
    }  # fmt: skip


# --- what the pages say ---------------------------------------------------------------------------


def test_the_summary_shows_money_as_offices_write_it(personas, world):
    world.ward_spending()
    world.city_support()
    spend(world.tamky, world.owner, 12_500_000, purpose=Purpose.APPRAISAL)
    page = personas["ancestor"].get(reverse("funding:summary"), {"within": world.tamky.pk, "year": 2026})
    html = page.content.decode()
    assert "100.000.000\u00a0đ" in html and "17.500.000\u00a0đ" in html and "82.500.000\u00a0đ" in html
    s = page.context["summary"]
    assert (s["allocated"], s["spent"], s["models_supported"]) == (100_000_000, 17_500_000, 0)
    city = personas["ancestor"].get(reverse("funding:summary"), {"year": 2026}).context["summary"]
    assert (city["spent"], city["model_support"], city["models_supported"]) == (47_500_000, 30_000_000, 1)
    rows = {r.unit.pk: r for r in city["children"]}
    assert rows[world.city.pk].own and rows[world.city.pk].spent == 30_000_000
    assert rows[world.tamky.pk].spent == 17_500_000 and rows[world.tamky.pk].balance == 82_500_000


def test_a_leader_reads_but_is_offered_no_button(all_personas, world):
    world.ward_spending()
    page = all_personas["leader"].get(reverse("funding:expenditure", args=[world.ward_spending().pk]))
    assert page.status_code == 200 and b'data-testid="void-form"' not in page.content
    summary = all_personas["leader"].get(reverse("funding:summary"))
    assert b'data-testid="new-expenditure"' not in summary.content


def test_the_list_filters_totals_and_marks_voided_rows(personas, world):
    kept = world.ward_spending()
    support = spend(
        world.tamky,
        world.owner,
        20_000_000,
        purpose=Purpose.MODEL_SUPPORT,
        initiative=world.model(),
        description="Hỗ trợ vốn cho chi hội phụ nữ",
    )
    gone = spend(world.tamky, world.owner, 7_000_000, description="Khoản nhập trùng")
    personas["owner"].post(reverse("funding:expenditure_void", args=[gone.pk]), {"reason": "Nhập trùng"})
    client = personas["owner"]
    page = client.get(reverse("funding:expenditures"))
    assert {e.pk for e in page.context["page"]} == {kept.pk, support.pk, gone.pk}
    assert page.context["total"] == Decimal(25_000_000)
    assert vi("voided") in page.content.decode()
    by_model = client.get(reverse("funding:expenditures"), {"model": world.model().pk})
    assert [e.pk for e in by_model.context["page"]] == [support.pk]
    by_words = client.get(reverse("funding:expenditures"), {"q": "chi hoi PHU NU"})
    assert [e.pk for e in by_words.context["page"]] == [support.pk]
    in_force = client.get(reverse("funding:expenditures"), {"status": "in_force", "purpose": "training"})
    assert [e.pk for e in in_force.context["page"]] == [kept.pk]
    other_year = client.get(reverse("funding:expenditures"), {"year": 2025})
    assert list(other_year.context["page"]) == [] and other_year.context["total"] == 0


def test_a_bad_filter_is_ignored_and_said(personas, world):
    world.ward_spending()
    page = personas["owner"].get(reverse("funding:expenditures"), {"year": "abc", "purpose": "lunch"})
    assert page.status_code == 200 and len(page.context["page"]) == 1
    assert page.context["form"].errors


def test_exceeding_an_allocation_is_refused_on_the_form(personas, world):
    allocation = world.ward_allocation()
    spend(world.tamky, world.owner, 95_000_000, allocation=allocation)
    before = Expenditure.objects.count()
    response = personas["owner"].post(
        reverse("funding:expenditure_new"), spending_form(world, amount="6.000.000", allocation=allocation.pk)
    )
    assert response.status_code == 200 and Expenditure.objects.count() == before
    errors = " ".join(response.context["form"].non_field_errors())
    assert "95.000.000\u00a0đ" in errors and "5.000.000\u00a0đ" in errors


@pytest.mark.parametrize(
    "bad",
    [
        {"amount": "abc"},
        {"amount": "0"},
        {"amount": "-5"},
        {"date": "31/02/2026"},
        {"purpose": "lunch"},
        {"description": ""},
        {"purpose": "model_support"},  # without a model
        {"date": "20/03/2024"},  # the ward was not in force yet
    ],
)
def test_bad_spending_changes_nothing(personas, world, bad):
    before = (Expenditure.objects.count(), Expenditure.history.count())
    response = personas["owner"].post(reverse("funding:expenditure_new"), spending_form(world, **bad))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert (Expenditure.objects.count(), Expenditure.history.count()) == before


def test_a_change_needs_a_reason_and_is_in_the_history(personas, world):
    spending = world.ward_spending()
    url = reverse("funding:expenditure_edit", args=[spending.pk])
    refused = personas["owner"].post(url, spending_form(world, amount="6.000.000"))
    assert refused.status_code == 200 and amount_of(Expenditure, spending.pk) == Decimal(5_000_000)
    personas["owner"].post(
        url, {**spending_form(world, amount="6.000.000"), "reason": "Theo chứng từ số PC-012"}
    )
    page = personas["owner"].get(reverse("funding:expenditure", args=[spending.pk]))
    history = page.context["history"]
    assert history[0]["reason"] == "Theo chứng từ số PC-012" and history[0]["user"] == "canbo.tamky"
    assert any("5.000.000" in c or "5000000" in c for c in history[0]["changes"])


def test_voiding_needs_a_reason(personas, world):
    spending = world.ward_spending()
    response = personas["owner"].post(
        reverse("funding:expenditure_void", args=[spending.pk]), {"reason": " "}
    )
    assert response.status_code == 302 and not voided(Expenditure, spending.pk)


def test_an_allocation_with_spending_cannot_be_voided(personas, world):
    world.ward_spending()
    allocation = world.ward_allocation()
    personas["ancestor"].post(reverse("funding:allocation_void", args=[allocation.pk]), {"reason": "Sai"})
    assert not voided(Allocation, allocation.pk)


def test_the_new_form_for_a_model_picks_the_unit_that_holds_it(personas, world):
    page = personas["ancestor"].get(reverse("funding:expenditure_new"), {"initiative": world.model().pk})
    assert page.context["unit"] == world.tamky
    assert page.context["form"].initial["purpose"] == Purpose.MODEL_SUPPORT
    # the officer of the ward is offered the ward and the units right under it: the Front holds the model
    page = personas["owner"].get(reverse("funding:expenditure_new"), {"initiative": world.model().pk})
    assert page.context["unit"] == world.front()


def test_support_to_models_lists_them_by_amount(personas, world):
    world.city_support()
    spend(
        world.tamky,
        world.owner,
        20_000_000,
        purpose=Purpose.MODEL_SUPPORT,
        initiative=world.model(),
        description="Hỗ trợ vốn",
    )
    page = personas["ancestor"].get(reverse("funding:models"), {"year": 2026})
    rows = list(page.context["page"])
    assert [(r["model"].pk, r["amount"], r["count"]) for r in rows] == [(world.model().pk, 50_000_000, 2)]
    ward = personas["owner"].get(reverse("funding:models")).context["page"]
    assert [(r["amount"], r["visible"]) for r in ward] == [(20_000_000, True)]


def test_the_export_lists_the_filtered_spending_with_its_total(personas, world):
    import io

    from openpyxl import load_workbook

    world.ward_spending()
    gone = spend(world.tamky, world.owner, 7_000_000, description="Khoản nhập trùng")
    personas["owner"].post(reverse("funding:expenditure_void", args=[gone.pk]), {"reason": "Nhập trùng"})
    response = personas["owner"].get(reverse("funding:export"), {"year": 2026})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("STT", "Ngày chi", "Đơn vị chi")
    assert len(rows) == 4  # header, two rows, total
    assert rows[-1][6] == 5_000_000 and any("Đã hủy" in str(c) for c in rows[1] + rows[2])
