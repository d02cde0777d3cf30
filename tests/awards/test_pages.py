"""Every page and every form action of decisions, proposals and the catalogue, for each persona.

A decision of the Tam Kỳ ward does not exist for an officer of Hải Châu (404); a seen decision
refuses the actions a persona may not take (403) and changes nothing; the anonymous are sent to
the login page; allowed actions redirect and change the database exactly as asked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import reverse

from danvan.awards import services
from danvan.awards.models import AwardForm, Decision, DecisionEntry, Proposal
from danvan.awards.workflow import DecisionKind
from danvan.initiatives.models import Holder
from danvan.orgs.models import Unit
from tests.awards.conftest import CITY_SIGNER, SIGNER, draft, proposal, proposed, unit
from tests.initiatives.conftest import vi

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
PERSONAS = ["owner", "ancestor", "stranger", "leader", "anonymous"]


@dataclass
class World:
    owner: object
    ancestor: object
    tamky_front: Unit
    city: Unit
    objects: dict = field(default_factory=dict)

    def _once(self, key, build):
        if key not in self.objects:
            self.objects[key] = build()
        return self.objects[key]

    def models(self):
        women = unit("Hội Liên hiệp Phụ nữ phường Tam Kỳ")
        return self._once(
            "models",
            lambda: [
                proposed(self.tamky_front, self.owner, self.ancestor, "Tổ hòa giải ở cơ sở"),
                proposed(women, self.owner, self.ancestor, "Chi hội phụ nữ giúp nhau thoát nghèo"),
                proposed(women, self.owner, self.ancestor, "Câu lạc bộ phụ nữ với pháp luật"),
            ],
        )

    def draft(self) -> Decision:
        def build():
            decision = draft(self.tamky_front, self.owner, number=7, **SIGNER)
            services.add_initiatives(decision, self.models()[:2], actor=self.owner)
            return decision

        return self._once("draft", build)

    def entry(self) -> DecisionEntry:
        return self.draft().entries.order_by("position").first()

    def issued(self) -> Decision:
        """A city decision listing a ward model (the ward's officers see it once issued)."""

        def build():
            decision = draft(self.city, self.ancestor, number=12, **CITY_SIGNER)
            model = proposed(
                unit("Hội Liên hiệp Phụ nữ phường Tam Kỳ"), self.owner, self.ancestor, "Mô hình cấp TP"
            )
            services.add_initiatives(decision, [model], actor=self.ancestor, typical={model.pk})
            return services.transition(decision, "issue", actor=self.ancestor)

        return self._once("issued", build)

    def catalogue(self) -> dict[str, AwardForm]:
        def build():
            services.adopt_default_catalogue(self.city, actor=self.ancestor)
            return {f.code: f for f in AwardForm.objects.filter(province=self.city)}

        return self._once("catalogue", build)

    def proposal(self) -> Proposal:
        return self._once(
            "proposal",
            lambda: proposal(
                unit("Đảng ủy phường Tam Kỳ"), self.owner, self.catalogue()["commune_party_board"]
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


DECIDERS = {"owner": 302, "ancestor": 302, "leader": 403}


def status(w, key):
    return Decision.objects.get(pk=getattr(w, key)().pk).status


CASES = [
    Case("list", lambda w: reverse("awards:list"), seen(stranger=200)),
    Case(
        "list, filtered",
        lambda w: reverse("awards:list") + "?kind=recognition&year=2026&status=draft&q=7",
        seen(stranger=200),
    ),
    Case("new decision form", lambda w: reverse("awards:new"), seen(stranger=403, leader=403)),
    Case("draft's page", lambda w: reverse("awards:detail", args=[w.draft().pk]), seen()),
    Case(
        "issued city decision listing a ward model",
        lambda w: reverse("awards:detail", args=[w.issued().pk]),
        seen(),
    ),
    Case("edit form", lambda w: reverse("awards:edit", args=[w.draft().pk]), seen(leader=403)),
    Case(
        "candidates",
        lambda w: reverse("awards:candidates", args=[w.draft().pk]) + "?q=phap+luat",
        seen(leader=403),
    ),
    Case("document", lambda w: reverse("awards:docx", args=[w.draft().pk]), seen()),
    Case(
        "certificate",
        lambda w: reverse("awards:certificate", args=[w.issued().entries.get().pk]),
        seen(),
    ),
    Case("proposals", lambda w: reverse("awards:proposals"), seen(stranger=200)),
    Case("proposal form", lambda w: reverse("awards:proposal_new"), seen(stranger=200, leader=403)),
    Case("proposal's page", lambda w: reverse("awards:proposal", args=[w.proposal().pk]), seen()),
    Case("catalogue", lambda w: reverse("awards:catalogue"), seen(stranger=200)),
    Case(
        "catalogue form",
        lambda w: reverse("awards:catalogue_edit", args=[w.catalogue()["commune_chair"].pk]),
        seen(owner=403, stranger=403, leader=403),
    ),
    # --- writes ---
    Case(
        "create a draft",
        lambda w: reverse("awards:new"),
        seen(stranger=403, **DECIDERS),
        data=lambda w: {"kind": "recognition", "level": w.tamky_front.pk, "date": "15/10/2026"},
        measure=lambda w: Decision.objects.filter(issuing_unit=w.tamky_front).count(),
        allowed={"owner", "ancestor"},
    ),
    Case(
        "edit the header",
        lambda w: reverse("awards:edit", args=[w.draft().pk]),
        seen(**DECIDERS),
        data=lambda w: {
            "issuing_body": w.tamky_front.pk,
            "number": 7,
            "issuer_code": "MTTQ",
            "date": "15/10/2026",
            "subject": "công nhận mô hình năm 2026 (sửa)",
            "issuer_heading": "ỦY BAN MTTQ VIỆT NAM PHƯỜNG TAM KỲ",
            "archive": "Văn phòng",
            "reason": "Sửa trích yếu",
        },
        measure=lambda w: Decision.objects.get(pk=w.draft().pk).subject,
        allowed={"owner", "ancestor"},
    ),
    Case(
        "add to the list",
        lambda w: reverse("awards:add", args=[w.draft().pk]),
        seen(**DECIDERS),
        data=lambda w: {"item": [w.models()[2].pk], "typical": [w.models()[2].pk]},
        measure=lambda w: w.draft().entries.count(),
        allowed={"owner", "ancestor"},
    ),
    Case(
        "mark typical",
        lambda w: reverse("awards:entry_mark", args=[w.entry().pk]),
        seen(**DECIDERS),
        data=lambda w: {"typical": "on", "proposed": "on"},
        measure=lambda w: DecisionEntry.objects.get(pk=w.entry().pk).proposed,
        allowed={"owner", "ancestor"},
    ),
    Case(
        "remove from the list",
        lambda w: reverse("awards:entry_remove", args=[w.entry().pk]),
        seen(**DECIDERS),
        data=lambda w: {},
        measure=lambda w: w.draft().entries.count(),
        allowed={"owner", "ancestor"},
    ),
    Case(
        "issue",
        lambda w: reverse("awards:transition", args=[w.draft().pk]),
        seen(**DECIDERS),
        data=lambda w: {"action": "issue", "comment": "Sau hội nghị"},
        measure=lambda w: status(w, "draft"),
        allowed={"owner", "ancestor"},
    ),
    Case(
        "revoke the city's decision",
        lambda w: reverse("awards:transition", args=[w.issued().pk]),
        seen(owner=403, ancestor=302, leader=403),
        data=lambda w: {"action": "revoke", "comment": "Sai sót"},
        measure=lambda w: status(w, "issued"),
        allowed={"ancestor"},
    ),
    Case(
        "propose",
        lambda w: reverse("awards:proposal_new"),
        seen(stranger=302, **DECIDERS),
        data=lambda w: {
            "year": 2026,
            "award_form": w.catalogue()["commune_party_board"].pk,
            "holder": "collective",
            "recipient_name": "Chi bộ khối phố An Thổ",
            "occasion": "Hội nghị biểu dương",
        },
        measure=lambda w: Proposal.objects.filter(recipient_name="Chi bộ khối phố An Thổ").count(),
        allowed={"owner", "ancestor", "stranger"},
    ),
    Case(
        "withdraw a proposal",
        lambda w: reverse("awards:proposal_transition", args=[w.proposal().pk]),
        seen(**DECIDERS),
        data=lambda w: {"action": "withdraw", "comment": "Rút để bổ sung"},
        measure=lambda w: Proposal.objects.get(pk=w.proposal().pk).status,
        allowed={"owner", "ancestor"},
    ),
    Case(
        "add an award form",
        lambda w: reverse("awards:catalogue"),
        seen(owner=403, ancestor=302, stranger=403, leader=403),
        data=lambda w: {
            "name": "Giấy khen của Ủy ban MTTQ thành phố",
            "grade": "certificate",
            "issuer_type": w.city.unit_type_id,
            "level": "province",
            "recipients": "both",
            "sort_order": 70,
            "active": "on",
        },
        measure=lambda w: AwardForm.objects.filter(name="Giấy khen của Ủy ban MTTQ thành phố").count(),
        allowed={"ancestor"},
    ),
    Case(
        "adopt the default catalogue",
        lambda w: reverse("awards:catalogue_adopt"),
        seen(owner=403, ancestor=302, stranger=403, leader=403),
        data=lambda w: {},
        measure=lambda w: AwardForm.objects.filter(province=w.city).count(),
        allowed={"ancestor"},
    ),
    Case(
        "edit an award form",
        lambda w: reverse("awards:catalogue_edit", args=[w.catalogue()["commune_chair"].pk]),
        seen(owner=403, ancestor=302, stranger=403, leader=403),
        data=lambda w: {
            "name": "Giấy khen của Chủ tịch UBND phường",
            "grade": "certificate",
            "issuer_type": w.catalogue()["commune_chair"].issuer_type_id,
            "level": "commune",
            "recipients": "both",
            "sort_order": 20,
            "active": "on",
        },
        measure=lambda w: AwardForm.objects.get(pk=w.catalogue()["commune_chair"].pk).name,
        allowed={"ancestor"},
    ),
]


@pytest.fixture
def world(owner, ancestor, tamky_front, city):
    return World(owner, ancestor, tamky_front, city)


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
    from danvan.awards import views

    names = {p.name for p in views.urlpatterns}
    assert names == {
        "list", "new", "detail", "edit", "candidates", "add", "transition", "docx", "entry_remove",
        "entry_mark", "certificate", "proposals", "proposal_new", "proposal", "proposal_transition",
        "catalogue", "catalogue_adopt", "catalogue_edit",
    }  # fmt: skip


# --- what the pages say ---------------------------------------------------------------------------


def test_the_list_filters_and_shows_the_funnel(personas, world, tamky):
    world.issued()
    world.draft()
    client = personas["ancestor"]
    page = client.get(reverse("awards:list"))
    assert {d.pk for d in page.context["page"]} == {world.draft().pk, world.issued().pk}
    assert page.context["funnel"] == {"recognized": 1, "typical": 1, "proposed": 0}
    assert page.context["funnel_year"] == 2026
    drafts = client.get(reverse("awards:list"), {"status": "draft"})
    assert [d.pk for d in drafts.context["page"]] == [world.draft().pk]
    by_number = client.get(reverse("awards:list"), {"q": "12-QĐ/BTGDV"})
    assert [d.pk for d in by_number.context["page"]] == [world.issued().pk]
    within = client.get(reverse("awards:list"), {"within": world.tamky_front.pk})
    assert [d.pk for d in within.context["page"]] == [world.draft().pk]
    bad = client.get(reverse("awards:list"), {"year": "hai nghìn", "kind": "bogus"})
    assert set(bad.context["form"].errors) == {"year", "kind"} and len(bad.context["page"]) == 2
    peek = personas["stranger"].get(reverse("awards:list"), {"within": world.tamky_front.pk})
    assert list(peek.context["page"]) == [] and peek.context["form"].errors


def test_the_ward_sees_the_city_decision_but_opens_only_its_models(personas, world):
    decision = world.issued()
    page = personas["owner"].get(reverse("awards:detail", args=[decision.pk]))
    assert not page.context["may_review"] and not page.context["actions"]
    body = page.content.decode()
    entry = decision.entries.get()
    assert reverse("awards:certificate", args=[entry.pk]) in body
    assert reverse("initiatives:detail", args=[entry.initiative_id]) in body


def test_the_draft_page_offers_candidates_of_the_subtree(personas, world):
    world.draft()
    page = personas["owner"].get(reverse("awards:detail", args=[world.draft().pk]))
    assert [c.pk for c in page.context["candidates"]] == [world.models()[2].pk]
    fragment = personas["owner"].get(reverse("awards:candidates", args=[world.draft().pk]), {"q": "khong co"})
    assert fragment.context["candidates"] == []


def test_issuing_from_the_page_and_refusals_are_messages(personas, world):
    decision = world.draft()
    client = personas["owner"]
    response = client.post(
        reverse("awards:transition", args=[decision.pk]), {"action": "revoke"}, follow=True
    )
    refused = vi(
        "“%(action)s” is not possible while the decision is %(status)s.",
        action=vi("Revoke the decision"),
        status=vi("Draft").lower(),
    )
    assert refused in response.content.decode()
    response = client.post(reverse("awards:transition", args=[decision.pk]), {"action": "issue"}, follow=True)
    assert Decision.objects.get(pk=decision.pk).status == "issued"
    assert b"7-Q" in response.content
    response = client.post(reverse("awards:transition", args=[decision.pk]), {"action": "bogus"}, follow=True)
    assert vi("Unknown action.") in response.content.decode()


def test_a_commendation_from_the_pages(personas, world, ancestor):
    form = world.catalogue()["province_party_board"]
    client = personas["ancestor"]
    response = client.post(
        reverse("awards:new"),
        {"kind": "commendation", "level": world.city.pk, "award_form": form.pk, "date": "14/10/2026"},
    )
    decision = Decision.objects.get(kind=DecisionKind.COMMENDATION)
    assert response["Location"] == reverse("awards:edit", args=[decision.pk])
    assert decision.issuing_body == world.city and decision.award_form == form  # the body of the form's type
    recipient = proposal(
        unit("Đảng ủy phường Tam Kỳ"), world.owner, form, "Ông Ngô Văn Sơn", holder=Holder.INDIVIDUAL,
        recipient_position="Bí thư Đảng ủy phường Tam Kỳ",
    )  # fmt: skip
    client.post(reverse("awards:add", args=[decision.pk]), {"item": [recipient.pk]})
    client.post(reverse("awards:edit", args=[decision.pk]), {
        "issuing_body": world.city.pk, "award_form": form.pk, "number": 245, "issuer_code": "TU",
        "date": "14/10/2026", "subject": decision.subject, "issuer_heading": decision.issuer_heading,
        "superior_heading": decision.superior_heading, "citation": "nhân dịp kỷ niệm 95 năm",
        "signer_authority": "T/M BAN THƯỜNG VỤ", "signer_position": "Phó Bí thư Thường trực",
        "signer_name": "Trần Minh Quang", "archive": "Văn phòng Thành ủy",
    })  # fmt: skip
    client.post(reverse("awards:transition", args=[decision.pk]), {"action": "issue"})
    assert Proposal.objects.get(pk=recipient.pk).status == "granted"
    page = personas["owner"].get(reverse("awards:proposal", args=[recipient.pk]))
    assert page.status_code == 200 and page.context["decisions"] == [Decision.objects.get(pk=decision.pk)]


def test_the_document_is_a_docx_named_by_its_number(personas, world):
    response = personas["owner"].get(reverse("awards:docx", args=[world.draft().pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument")
    assert response["Content-Disposition"] == 'attachment; filename="quyet-dinh-7-QD-MTTQ.docx"'
    assert response.content[:2] == b"PK"


def test_a_drafts_entries_have_no_certificate(personas, world):
    entry = world.entry()
    assert personas["ancestor"].get(reverse("awards:certificate", args=[entry.pk])).status_code == 404


def test_the_proposal_form_is_prefilled_from_a_model(personas, world):
    model = world.models()[1]
    page = personas["owner"].get(reverse("awards:proposal_new"), {"initiative": model.pk})
    form = page.context["form"]
    assert form.initial["initiative"] == model.pk and form.initial["recipient_unit"] == model.owner_unit_id
    # the deepest unit offered that holds the model: the ward's Front, above the Women's Union
    assert page.context["unit"].name == "Ủy ban Mặt trận Tổ quốc Việt Nam phường Tam Kỳ"
    other = personas["owner"].get(reverse("awards:proposal_new"), {"proposing_unit": world.city.pk})
    assert other.status_code == 403
