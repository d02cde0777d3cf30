"""The lifecycle through the pages: transitions with their comments and levels, yearly records,
replication and its lineage, the carry-over of a former unit's model, near-identical copies.
Every refusal is a message and changes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from danvan.initiatives.models import Initiative, InitiativeYear, TransitionRecord
from danvan.initiatives.workflow import Status
from danvan.orgs.models import Unit
from tests.initiatives.conftest import advance, make, vi_plain

pytestmark = pytest.mark.django_db


def act(client, initiative, action, **data):
    response = client.post(
        reverse("initiatives:transition", args=[initiative.pk]), {"action": action, **data}
    )
    assert response.status_code == 302, response.status_code
    page = client.get(response["Location"])
    return page, [str(m) for m in page.context["messages"]]


def status(initiative) -> str:
    return Initiative.objects.get(pk=initiative.pk).status


def test_a_model_from_registration_to_recognition(personas, tamky, city, field):
    owner, ancestor = personas["owner"], personas["ancestor"]
    response = owner.post(
        reverse("initiatives:new"),
        {
            "owner_unit": tamky.pk,
            "name": "Dân vận khéo trong chuyển đổi số",
            "kind": "model",
            "holder": "collective",
            "field": field.pk,
            "year": 2026,
            "submit": "draft",
        },
    )
    initiative = Initiative.objects.get(name="Dân vận khéo trong chuyển đổi số")
    assert response["Location"] == reverse("initiatives:detail", args=[initiative.pk])

    page, _ = act(owner, initiative, "register")
    assert status(initiative) == Status.REGISTERED
    assert [t.action for t in page.context["actions"]] == ["start", "discontinue"]
    act(owner, initiative, "start", comment="Ra mắt tại khối phố 2")
    # proposing needs results first: refused, nothing changes
    page, messages = act(owner, initiative, "propose")
    assert status(initiative) == Status.IN_PROGRESS and len(messages) == 1
    owner.post(
        reverse("initiatives:progress", args=[initiative.pk]),
        {"reported_on": "05/03/2026", "narrative": "Hướng dẫn 300 người dùng VNeID", "people_reached": "300"},
    )
    act(owner, initiative, "propose", comment="Đề nghị công nhận")
    assert status(initiative) == Status.PROPOSED

    page = ancestor.get(reverse("initiatives:detail", args=[initiative.pk]))
    assert {t.action for t in page.context["actions"]} == {"recognize", "reject", "discontinue"}
    assert [u.pk for u in page.context["levels"]] == [tamky.pk, city.pk]
    act(ancestor, initiative, "recognize", level=city.pk, comment="Tiêu biểu cấp thành phố")
    initiative.refresh_from_db()
    assert initiative.status == Status.RECOGNIZED and initiative.recognized_level == city
    html = ancestor.get(reverse("initiatives:detail", args=[initiative.pk])).content.decode()
    assert 'data-testid="recognized-level"' in html and city.name in html
    log = list(TransitionRecord.objects.filter(initiative=initiative).values_list("action", "comment"))
    assert log == [
        ("create", ""),
        ("register", ""),
        ("start", "Ra mắt tại khối phố 2"),
        ("propose", "Đề nghị công nhận"),
        ("recognize", "Tiêu biểu cấp thành phố"),
    ]
    page = owner.get(reverse("initiatives:detail", args=[initiative.pk]))
    assert [r.comment for r in page.context["transitions"]][-1] == "Tiêu biểu cấp thành phố"
    assert not page.context["can_edit"]


def test_comments_are_required_where_the_rules_say_so(personas, registered):
    page, messages = act(personas["ancestor"], registered, "return", comment="  ")
    assert status(registered) == Status.REGISTERED and len(messages) == 1
    act(personas["ancestor"], registered, "return", comment="Bổ sung mục tiêu")
    assert status(registered) == Status.DRAFT
    page, messages = act(personas["owner"], registered, "discontinue")
    assert status(registered) == Status.DRAFT and len(messages) == 1
    page, _ = act(personas["owner"], registered, "discontinue", comment="Trùng với mô hình của Mặt trận")
    assert status(registered) == Status.DISCONTINUED
    assert page.context["actions"] == [] and not page.context["can_edit"] and "plan_form" not in page.context


def test_a_level_outside_ones_competence_is_refused(personas, proposed, haichau):
    page, messages = act(personas["ancestor"], proposed, "recognize", level=haichau.pk)
    assert status(proposed) == Status.PROPOSED and len(messages) == 1
    page, messages = act(personas["ancestor"], proposed, "recognize", level="abc")
    assert status(proposed) == Status.PROPOSED and len(messages) == 1


def test_unknown_or_impossible_actions_change_nothing(personas, registered):
    page, messages = act(personas["owner"], registered, "teleport")
    assert status(registered) == Status.REGISTERED and len(messages) == 1
    page, messages = act(personas["owner"], registered, "register")  # already registered
    assert status(registered) == Status.REGISTERED and len(messages) == 1


def test_yearly_plan_and_evaluation(personas, in_progress):
    owner, ancestor = personas["owner"], personas["ancestor"]
    url = reverse("initiatives:year", args=[in_progress.pk])
    response = owner.post(url, {"year": 2026, "plan": "Mở rộng ra 5 khối phố", "results": "Đã có 2 khối phố"})
    assert response["Location"].endswith("#years")
    record = InitiativeYear.objects.get(initiative=in_progress, year=2026)
    assert record.plan == "Mở rộng ra 5 khối phố"
    # a year before the registration is refused by the service
    owner.post(url, {"year": 2020, "plan": "Quá khứ"})
    assert not InitiativeYear.objects.filter(initiative=in_progress, year=2020).exists()
    ancestor.post(
        reverse("initiatives:evaluate", args=[in_progress.pk]),
        {"year": 2026, "evaluation": "excellent", "note": "Tiêu biểu"},
    )
    record.refresh_from_db()
    assert record.evaluation == "excellent" and record.plan == "Mở rộng ra 5 khối phố"
    bad = ancestor.post(
        reverse("initiatives:evaluate", args=[in_progress.pk]), {"year": 2026, "evaluation": "?"}
    )
    assert bad.status_code == 302
    record.refresh_from_db()
    assert record.evaluation == "excellent"
    html = owner.get(reverse("initiatives:detail", args=[in_progress.pk])).content.decode()
    assert "Mở rộng ra 5 khối phố" in html and "Tiêu biểu" in html


def test_replication_through_the_pages_and_its_lineage(personas, recognized, haichau, tamky, stranger):
    ancestor = personas["ancestor"]
    source_url = reverse("initiatives:detail", args=[recognized.pk])
    page = ancestor.get(source_url)
    assert "replicate_form" in page.context
    offered = [value for value, _label in page.context["replicate_form"].fields["target"].widget.choices]
    assert haichau.pk in offered and tamky.pk not in offered
    # the target search (htmx) finds units by name without diacritics
    options = ancestor.get(
        reverse("initiatives:replication_targets", args=[recognized.pk]), {"q": "hai chau"}
    ).content.decode()
    assert f'value="{haichau.pk}"' in options and f'value="{tamky.pk}"' not in options
    # a unit already chosen stays chosen when a later search answer replaces the options
    url = reverse("initiatives:replication_targets", args=[recognized.pk])
    again = ancestor.get(url, {"q": "hai chau", "target": haichau.pk}).content.decode()
    assert f'<option value="{haichau.pk}" selected>' in again
    gone = ancestor.get(url, {"q": "hoa vang", "target": haichau.pk}).content.decode()
    assert " selected>" not in gone

    response = ancestor.post(
        reverse("initiatives:replicate", args=[recognized.pk]),
        {"target": haichau.pk, "year": 2026, "comment": "Nhân rộng sang Hải Châu"},
    )
    replica = Initiative.objects.get(replicated_from=recognized)
    assert response["Location"] == reverse("initiatives:detail", args=[replica.pk])
    assert replica.owner_unit == haichau and replica.status == Status.DRAFT
    assert status(recognized) == Status.REPLICATED

    # the source's page shows where it spread, when and by whom
    page = ancestor.get(source_url)
    assert [(node.pk, depth) for node, depth in page.context["lineage"]] == [(replica.pk, 1)]
    html = page.content.decode()
    assert 'data-testid="lineage"' in html and haichau.name in html and "Đặng Thu Trang" in html
    assert reverse("initiatives:detail", args=[replica.pk]) in html
    # the Hải Châu officer owns the replica and sees where it came from, without access to the source
    page = personas["stranger"].get(reverse("initiatives:detail", args=[replica.pk]))
    assert page.status_code == 200 and page.context["lineage_root"].pk == recognized.pk
    html = page.content.decode()
    assert 'data-testid="replicated-from"' in html and source_url not in html
    # the owner of the source does not see the Hải Châu replica's page, only its unit in the lineage
    html = personas["owner"].get(source_url).content.decode()
    assert haichau.name in html and reverse("initiatives:detail", args=[replica.pk]) not in html


def test_a_model_is_not_replicated_to_its_own_unit_nor_before_recognition(personas, recognized, tamky, owner):
    in_progress = advance(make(tamky, owner, "Mô hình đang xây dựng"), owner, None, "in_progress")
    before = Initiative.objects.count()
    response = personas["ancestor"].post(
        reverse("initiatives:replicate", args=[recognized.pk]), {"target": tamky.pk, "year": 2026}
    )
    assert response.status_code == 302 and Initiative.objects.count() == before
    assert (
        "replicate_form"
        not in personas["ancestor"].get(reverse("initiatives:detail", args=[in_progress.pk])).context
    )
    haichau = Unit.objects.get(name="Đảng ủy phường Hải Châu")
    response = personas["ancestor"].post(
        reverse("initiatives:replicate", args=[in_progress.pk]), {"target": haichau.pk, "year": 2026}
    )
    assert Initiative.objects.count() == before
    messages = [str(m) for m in personas["ancestor"].get(response["Location"]).context["messages"]]
    assert vi_plain("Only recognized models are replicated.") in messages


def test_carry_over_of_a_former_units_model(personas, former_model, former, tamky, haichau):
    url = reverse("initiatives:detail", args=[former_model.pk])
    page = personas["owner"].get(url)
    assert "carry_over_form" in page.context
    assert list(page.context["carry_over_form"].fields["successor"].queryset) == [tamky]
    # a unit that did not succeed the former ward is refused
    response = personas["ancestor"].post(
        reverse("initiatives:carry_over", args=[former_model.pk]), {"successor": haichau.pk}
    )
    assert response.status_code == 302
    assert Initiative.objects.get(pk=former_model.pk).owner_unit == former
    personas["owner"].post(
        reverse("initiatives:carry_over", args=[former_model.pk]),
        {"successor": tamky.pk, "comment": "Phường mới tiếp tục mô hình"},
    )
    former_model.refresh_from_db()
    assert former_model.owner_unit == tamky
    record = TransitionRecord.objects.get(initiative=former_model, action="carry_over")
    assert record.unit == former and record.comment == "Phường mới tiếp tục mô hình"
    page = personas["owner"].get(url)
    assert "carry_over_form" not in page.context
    assert page.context["transitions"][-1].action == "carry_over"


def test_near_copies_page(personas, tamky, haichau, owner, stranger):
    original = make(tamky, owner, "Khu dân cư không rác thải nhựa")
    copy = make(haichau, stranger, "Khu dân cư không rác thải nhựa")
    make(tamky, owner, "Camera an ninh khu dân cư")
    response = personas["ancestor"].get(reverse("initiatives:copies"), {"year": 2026})
    groups = response.context["groups"]
    assert [{m.pk for m in group} for group in groups] == [{original.pk, copy.pk}]
    html = response.content.decode()
    assert reverse("initiatives:detail", args=[copy.pk]) in html
    assert personas["ancestor"].get(reverse("initiatives:copies"), {"year": 2024}).context["groups"] == []
    bad = personas["ancestor"].get(reverse("initiatives:copies"), {"year": "hai"})
    assert bad.status_code == 200 and bad.context["form"].errors
