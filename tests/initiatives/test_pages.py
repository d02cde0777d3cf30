"""Every page and every form action of models and exemplars, for each persona.

A model of Tam Kỳ does not exist for an officer of Hải Châu (404); a seen model refuses the actions
a persona may not take (403) and changes nothing; the anonymous are sent to the login page; allowed
actions redirect and change the database exactly as asked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import reverse

from danvan.initiatives import services
from danvan.initiatives.models import Initiative, InitiativeYear, ProgressUpdate
from danvan.orgs.models import Unit
from tests.initiatives.conftest import NAME, advance, make, make_former_model, png_bytes, upload, vi, vi_plain

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
PERSONAS = ["owner", "ancestor", "stranger", "leader", "anonymous"]


@dataclass
class World:
    """What a case acts on, built through the services inside the test's transaction."""

    owner: object
    ancestor: object
    tamky: Unit
    tamky_gov: Unit
    former: Unit
    field: object
    objects: dict = field(default_factory=dict)

    def model(self, state: str) -> Initiative:
        if state not in self.objects:
            if state == "former":
                self.objects[state] = make_former_model(self.tamky, self.owner, self.former)
            else:
                initiative = make(self.tamky, self.owner, f"{NAME} {state}", submit=state != "draft")
                if state not in ("draft", "registered"):
                    initiative = advance(initiative, self.owner, self.ancestor, state)
                self.objects[state] = initiative
        return self.objects[state]

    def evidence(self):
        model = self.model("in_progress")
        services.add_progress(
            model, {"narrative": "Ảnh ra quân"}, actor=self.owner, files=[upload("anh.png", png_bytes())]
        )
        return model.evidence.get()


@dataclass
class Case:
    name: str
    url: Callable[[World], str]
    expected: dict[str, int]
    data: Callable[[World], dict] | None = None  # None: GET
    measure: Callable[[World], object] | None = None  # what an allowed POST changes
    allowed: set[str] = field(default_factory=set)


def seen(**overrides) -> dict[str, int]:
    """Statuses for a Tam Kỳ model: seen by its owner, the city officers and the city leader."""
    return {"owner": 200, "ancestor": 200, "stranger": 404, "leader": 200, "anonymous": 302, **overrides}


EDITORS = {"owner": 302, "ancestor": 302, "leader": 403}
REVIEWERS = {"owner": 403, "ancestor": 302, "leader": 403}


def status_of(w, state):
    return Initiative.objects.get(pk=w.model(state).pk).status


CASES = [
    Case("list", lambda w: reverse("initiatives:list"), seen(stranger=200)),
    Case(
        "list, filtered", lambda w: reverse("initiatives:list") + "?q=rac+thai&year=2026", seen(stranger=200)
    ),
    Case("registration form", lambda w: reverse("initiatives:new"), seen(stranger=200, leader=403)),
    Case(
        "quality guard",
        lambda w: reverse("initiatives:similar") + f"?name=rac+thai+nhua&owner_unit={w.tamky.pk}&year=2026",
        seen(stranger=403),
    ),
    Case("model page", lambda w: reverse("initiatives:detail", args=[w.model("in_progress").pk]), seen()),
    Case(
        "former unit's model page",
        lambda w: reverse("initiatives:detail", args=[w.model("former").pk]),
        seen(),
    ),
    Case("edit form", lambda w: reverse("initiatives:edit", args=[w.model("draft").pk]), seen(leader=403)),
    Case("evidence file", lambda w: reverse("initiatives:evidence", args=[w.evidence().pk]), seen()),
    Case(
        "evidence thumbnail",
        lambda w: reverse("initiatives:evidence", args=[w.evidence().pk]) + "?size=thumb",
        seen(),
    ),
    Case(
        "replication targets",
        lambda w: reverse("initiatives:replication_targets", args=[w.model("recognized").pk]) + "?q=tam+ky",
        seen(),
    ),
    Case("near copies", lambda w: reverse("initiatives:copies"), seen(owner=403, stranger=403, leader=403)),
    Case(
        "register",
        lambda w: reverse("initiatives:new"),
        seen(owner=302, ancestor=302, leader=403),
        data=lambda w: {
            "owner_unit": w.tamky.pk,
            "name": "Mô hình mới đăng ký qua trang",
            "kind": "model",
            "holder": "collective",
            "field": w.field.pk,
            "year": 2026,
            "submit": "register",
        },
        measure=lambda w: Initiative.objects.filter(name="Mô hình mới đăng ký qua trang").count(),
        allowed={"owner", "ancestor"},
    ),
    Case(
        "edit",
        lambda w: reverse("initiatives:edit", args=[w.model("draft").pk]),
        seen(**EDITORS),
        data=lambda w: {
            "name": "Tên đã sửa",
            "kind": "model",
            "holder": "collective",
            "field": w.field.pk,
            "year": 2026,
            "reason": "Sửa tên",
        },
        measure=lambda w: Initiative.objects.get(pk=w.model("draft").pk).name,
        allowed={"owner", "ancestor"},
    ),
    Case(
        "register a draft",
        lambda w: reverse("initiatives:transition", args=[w.model("draft").pk]),
        seen(**EDITORS),
        data=lambda w: {"action": "register"},
        measure=lambda w: status_of(w, "draft"),
        allowed={"owner", "ancestor"},
    ),
    Case(
        "return for completion",
        lambda w: reverse("initiatives:transition", args=[w.model("registered").pk]),
        seen(**REVIEWERS),
        data=lambda w: {"action": "return", "comment": "Bổ sung tiêu chí đánh giá"},
        measure=lambda w: status_of(w, "registered"),
        allowed={"ancestor"},
    ),
    Case(
        "recognize",
        lambda w: reverse("initiatives:transition", args=[w.model("proposed").pk]),
        seen(**REVIEWERS),
        data=lambda w: {"action": "recognize", "comment": "Đạt tiêu chí"},
        measure=lambda w: status_of(w, "proposed"),
        allowed={"ancestor"},
    ),
    Case(
        "report progress",
        lambda w: reverse("initiatives:progress", args=[w.model("in_progress").pk]),
        seen(**EDITORS),
        data=lambda w: {"reported_on": "02/01/2026", "narrative": "Ra quân lần hai", "people_reached": "150"},
        measure=lambda w: ProgressUpdate.objects.filter(narrative="Ra quân lần hai").count(),
        allowed={"owner", "ancestor"},
    ),
    Case(
        "yearly plan",
        lambda w: reverse("initiatives:year", args=[w.model("in_progress").pk]),
        seen(**EDITORS),
        data=lambda w: {"year": 2026, "plan": "Nhân rộng ra 5 tổ dân phố", "results": ""},
        measure=lambda w: InitiativeYear.objects.filter(plan="Nhân rộng ra 5 tổ dân phố").count(),
        allowed={"owner", "ancestor"},
    ),
    Case(
        "yearly evaluation",
        lambda w: reverse("initiatives:evaluate", args=[w.model("in_progress").pk]),
        seen(**REVIEWERS),
        data=lambda w: {"year": 2026, "evaluation": "good", "note": "Hiệu quả"},
        measure=lambda w: InitiativeYear.objects.filter(evaluation="good").count(),
        allowed={"ancestor"},
    ),
    Case(
        "replicate",
        lambda w: reverse("initiatives:replicate", args=[w.model("recognized").pk]),
        seen(**EDITORS),
        data=lambda w: {"target": w.tamky_gov.pk, "year": 2026, "comment": "Nhân rộng"},
        measure=lambda w: Initiative.objects.filter(replicated_from=w.model("recognized")).count(),
        allowed={"owner", "ancestor"},
    ),
    Case(
        "carry over",
        lambda w: reverse("initiatives:carry_over", args=[w.model("former").pk]),
        seen(**EDITORS),
        data=lambda w: {"successor": w.tamky.pk, "comment": "Kế thừa mô hình"},
        measure=lambda w: Initiative.objects.get(pk=w.model("former").pk).owner_unit_id,
        allowed={"owner", "ancestor"},
    ),
]


@pytest.fixture
def world(owner, ancestor, tamky, tamky_gov, former, field):
    return World(owner, ancestor, tamky, tamky_gov, former, field)


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
    from danvan.initiatives import views

    names = {p.name for p in views.urlpatterns}
    covered = {
        "list",
        "new",
        "similar",
        "copies",
        "evidence",
        "detail",
        "edit",
        "transition",
        "progress",
        "year",
        "evaluate",
        "replicate",
        "replication_targets",
        "carry_over",
    }
    assert names == covered


# --- the list --------------------------------------------------------------------------------


def names_listed(response) -> list[str]:
    assert response.status_code == 200
    return [item.name for item in response.context["page"]]


def test_the_list_shows_what_each_persona_may_see(all_personas, tamky, haichau, owner, stranger):
    mine = make(tamky, owner, "Mô hình của Tam Kỳ")
    theirs = make(haichau, stranger, "Mô hình của Hải Châu")
    url = reverse("initiatives:list")
    assert mine.name in names_listed(all_personas["owner"].get(url))
    assert theirs.name not in names_listed(all_personas["owner"].get(url))
    assert theirs.name in names_listed(all_personas["stranger"].get(url))
    assert mine.name not in names_listed(all_personas["stranger"].get(url))
    # the city sees both; a unit outside one's scope cannot be used to peek
    assert {mine.name, theirs.name} <= set(names_listed(all_personas["ancestor"].get(url)))
    peek = all_personas["stranger"].get(url, {"within": tamky.pk})
    assert mine.name not in names_listed(peek)
    assert peek.context["form"].errors  # the unit is not one of theirs: the filter is refused


def test_search_ignores_diacritics_and_filters_combine(personas, tamky, owner, field, topic):
    from danvan.initiatives.models import Field

    make(tamky, owner, "Tuyến phố văn minh, sạch đẹp")
    economy = make(
        tamky, owner, "Chi hội phụ nữ giúp nhau phát triển kinh tế", field=Field.objects.get(code="economy")
    )
    tagged = make(tamky, owner, "Đổi rác lấy cây xanh", year=2025, submit=False)
    tagged.topics.set([topic])
    client = personas["ancestor"]
    url = reverse("initiatives:list")
    assert names_listed(client.get(url, {"q": "TUYEN PHO van minh", "within": tamky.pk})) == [
        "Tuyến phố văn minh, sạch đẹp"
    ]
    assert names_listed(client.get(url, {"q": "doi rac"})) == ["Đổi rác lấy cây xanh"]
    assert names_listed(client.get(url, {"field": economy.field_id, "within": tamky.pk})) == [economy.name]
    assert names_listed(client.get(url, {"topic": topic.pk})) == [tagged.name]
    assert names_listed(client.get(url, {"year": 2025, "status": "draft", "within": tamky.pk})) == [
        tagged.name
    ]
    assert names_listed(client.get(url, {"year": 2025, "status": "registered", "within": tamky.pk})) == []
    assert names_listed(client.get(url, {"kind": "exemplar", "within": tamky.pk})) == []
    assert tagged.name in names_listed(client.get(url, {"holder": "collective", "within": tamky.pk}))


def test_bad_filters_are_ignored_with_a_message(personas, tamky, owner):
    make(tamky, owner, "Mô hình còn hiện")
    response = personas["owner"].get(reverse("initiatives:list"), {"year": "hai nghìn", "status": "bogus"})
    assert "Mô hình còn hiện" in names_listed(response)
    assert set(response.context["form"].errors) == {"year", "status"}


def test_more_filters_open_only_when_one_of_them_is_set(personas, field):
    client = personas["owner"]
    url = reverse("initiatives:list")
    for query, opened in (("?q=rac+thai&year=2026&status=registered", False), (f"?field={field.pk}", True)):
        page = client.get(url + query).content.decode()
        assert ('<details class="mt-2" open>' in page) is opened, query


def test_sorting_and_paging(personas, tamky, owner):
    for name in ("Bình yên khối phố", "An toàn giao thông", "Chung tay vì người nghèo"):
        make(tamky, owner, name)
    url = reverse("initiatives:list")
    client = personas["owner"]
    assert names_listed(client.get(url, {"sort": "name", "q": "o"}))[:3] == sorted(
        names_listed(client.get(url, {"sort": "name", "q": "o"}))[:3]
    )
    ordered = names_listed(client.get(url, {"sort": "name", "within": tamky.pk}))
    assert ordered.index("An toàn giao thông") < ordered.index("Bình yên khối phố")
    assert ordered.index("Bình yên khối phố") < ordered.index("Chung tay vì người nghèo")
    reverse_order = names_listed(client.get(url, {"sort": "-name", "within": tamky.pk}))
    assert reverse_order == list(reversed(ordered))
    for sort in ("status", "-status", "year", "-year", "changed", "-changed"):
        assert len(names_listed(client.get(url, {"sort": sort}))) == len(ordered)
    # the page links keep the filters
    html = client.get(url, {"sort": "name", "q": "khoi"}).content.decode()
    assert "sort=-name" in html and "q=khoi" in html


def test_the_list_includes_models_of_former_units_succeeded(personas, former_model):
    assert former_model.name in names_listed(personas["owner"].get(reverse("initiatives:list")))
    assert former_model.name not in names_listed(personas["stranger"].get(reverse("initiatives:list")))


def test_the_list_works_without_a_role(db, tamky, owner):
    from django.contrib.auth import get_user_model

    from tests.conftest import client_for

    make(tamky, owner)
    nobody = get_user_model().objects.create_user("khongvaitro", password="x" * 12)
    response = client_for(nobody).get(reverse("initiatives:list"))
    assert names_listed(response) == []


# --- registration ----------------------------------------------------------------------------


def registration(w_unit, the_field, **extra) -> dict:
    return {
        "owner_unit": w_unit.pk,
        "name": "  Tổ   tự quản   bảo vệ môi trường ",
        "kind": "model",
        "holder": "collective",
        "field": the_field.pk,
        "year": 2026,
        "situation": "Rác thải ở kênh thoát nước",
        "content": "Ra quân dọn vệ sinh hằng tuần",
        "funding_planned": "15.000.000 đ",
        "contributions_planned": "2 500 000",
        "workdays_planned": "120",
        "start_date": "15/03/2026",
        "evaluation_date": "30/11/2026",
        "latitude": "15,5736",
        "longitude": "108,474",
        **extra,
    }


def test_register_as_draft_or_at_once(personas, tamky, field, topic):
    from danvan.initiatives.workflow import Status

    client = personas["owner"]
    response = client.post(
        reverse("initiatives:new"), registration(tamky, field, topics=[topic.pk], submit="draft")
    )
    initiative = Initiative.objects.get(name="Tổ tự quản bảo vệ môi trường")
    assert response.status_code == 302 and response["Location"] == reverse(
        "initiatives:detail", args=[initiative.pk]
    )
    assert initiative.status == Status.DRAFT
    assert initiative.owner_unit == tamky and initiative.area == tamky.area
    assert (
        str(initiative.funding_planned) == "15000000" and str(initiative.contributions_planned) == "2500000"
    )
    assert initiative.start_date.isoformat() == "2026-03-15"
    assert round(initiative.latitude, 4) == 15.5736
    assert list(initiative.topics.all()) == [topic]
    data = registration(tamky, field, name="Một mô hình khác", submit="register")
    client.post(reverse("initiatives:new"), data)
    assert Initiative.objects.get(name="Một mô hình khác").status == Status.REGISTERED


def test_the_owner_may_be_a_subordinate_unit(personas, tamky, tamky_gov, field):
    client = personas["owner"]
    page = client.get(reverse("initiatives:new"))
    offered = [value for value, _label in page.context["form"].fields["owner_unit"].widget.choices]
    assert offered[0] == tamky.pk and tamky_gov.pk in offered
    client.post(reverse("initiatives:new"), registration(tamky_gov, field, submit="register"))
    assert Initiative.objects.get(name="Tổ tự quản bảo vệ môi trường").owner_unit == tamky_gov


def test_the_owner_choice_reloads_campaigns_and_areas(personas, city, haichau):
    response = personas["ancestor"].get(
        reverse("initiatives:new"), {"owner_unit": haichau.pk}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200 and 'id="owner-campaign"' in html and 'hx-swap-oob="true"' in html
    areas = response.context["form"].fields["area"].queryset
    assert haichau.area in areas and city.area not in areas
    campaigns = response.context["form"].fields["campaign"].queryset
    assert [c.issuing_unit for c in campaigns] == [city]


@pytest.mark.parametrize(
    ("change", "field_name"),
    [
        ({"name": "   "}, "name"),
        ({"start_date": "2026-31-12"}, "start_date"),
        ({"start_date": "32/01/2026"}, "start_date"),
        ({"funding_planned": "mười triệu"}, "funding_planned"),
        ({"year": "1850"}, "year"),
        ({"holder": "individual", "holder_name": ""}, "holder_name"),
        ({"latitude": "95"}, "latitude"),
        ({"longitude": ""}, "longitude"),
        ({"field": "999999"}, "field"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved(personas, tamky, field, change, field_name):
    before = Initiative.objects.count()
    response = personas["owner"].post(reverse("initiatives:new"), registration(tamky, field, **change))
    assert response.status_code == 200
    assert field_name in response.context["form"].errors
    assert Initiative.objects.count() == before
    assert vi("Nothing was saved: check the fields marked in red.") in response.content.decode()


def test_a_service_refusal_is_a_message_and_nothing_is_saved(personas, tamky, field):
    before = Initiative.objects.count()
    response = personas["owner"].post(
        reverse("initiatives:new"),
        registration(tamky, field, start_date="15/03/2026", evaluation_date="01/01/2026"),
    )
    assert response.status_code == 200
    assert Initiative.objects.count() == before
    messages = [str(m) for m in response.context["messages"]]
    assert vi_plain("The evaluation point must not be before the start date.") in messages


def test_a_campaign_of_another_province_is_refused(personas, tamky, field):
    from danvan.orgs.models import Campaign

    old = Campaign.objects.get(issuing_unit__name="Thành ủy Tam Kỳ")  # not an ancestor of the ward
    response = personas["owner"].post(reverse("initiatives:new"), registration(tamky, field, campaign=old.pk))
    assert "campaign" in response.context["form"].errors


def test_the_quality_guard_shows_similar_models_nearby(personas, tamky, haichau, owner, stranger):
    original = make(tamky, owner, "Khu dân cư không rác thải nhựa")
    url = reverse("initiatives:similar")
    # the Hải Châu officer types without diacritics: the Tam Kỳ model is shown, without a link
    response = personas["stranger"].get(
        url, {"name": "khu dan cu khong rac thai nhua", "owner_unit": haichau.pk}
    )
    html = response.content.decode()
    assert response.status_code == 200 and 'data-testid="similar-models"' in html
    assert "Khu dân cư không rác thải nhựa" in html and "Đảng ủy phường Tam Kỳ" in html
    assert reverse("initiatives:detail", args=[original.pk]) not in html
    # the city officer may open it
    html = (
        personas["ancestor"].get(url, {"name": "khu dan cu khong rac thai", "owner_unit": haichau.pk}).content
    )
    assert reverse("initiatives:detail", args=[original.pk]).encode() in html
    # short or unrelated names: nothing to warn about
    assert personas["owner"].get(url, {"name": "kh", "owner_unit": tamky.pk}).content.strip() == b""
    none = personas["owner"].get(url, {"name": "Camera an ninh", "owner_unit": tamky.pk}).content.decode()
    assert 'data-testid="similar-none"' in none
    # the model being edited is not its own copy
    edit = personas["owner"].get(url, {"name": original.name, "owner_unit": tamky.pk, "exclude": original.pk})
    assert 'data-testid="similar-models"' not in edit.content.decode()
    # garbage parameters do not break it
    assert (
        personas["owner"].get(url, {"name": "khu dan cu", "owner_unit": "x", "year": "y"}).status_code == 200
    )


def test_the_registration_page_wires_the_quality_guard(personas):
    html = personas["owner"].get(reverse("initiatives:new")).content.decode()
    assert f'hx-get="{reverse("initiatives:similar")}"' in html
    assert 'hx-trigger="input changed delay:500ms"' in html
    assert vi("Save as draft") in html and vi("Save and register") in html


def test_a_refused_form_shows_similar_models_without_javascript(personas, tamky, owner, field):
    make(tamky, owner, "Khu dân cư không rác thải nhựa")
    response = personas["owner"].post(
        reverse("initiatives:new"), registration(tamky, field, name="Khu dan cu khong rac thai nhua", year="")
    )
    assert 'data-testid="similar-models"' in response.content.decode()


# --- the model's page and editing -------------------------------------------------------------


def test_the_model_page_tells_the_story(personas, tamky, owner, ancestor, field):
    initiative = make(tamky, owner, goals="", forces="Hội Phụ nữ chủ trì", funding_planned=45_000_000)
    services.transition(initiative, "start", actor=owner)
    services.add_progress(
        initiative,
        {
            "narrative": "Đợt một",
            "people_reached": 1200,
            "money_mobilized": 12_500_000,
            "land_donated_m2": 35.5,
        },
        actor=owner,
    )
    services.add_progress(initiative, {"narrative": "Đợt hai", "money_mobilized": 30_000_000}, actor=owner)
    response = personas["owner"].get(reverse("initiatives:detail", args=[initiative.pk]))
    html = response.content.decode()
    sections = [key for key, _label, _text in response.context["story"]]
    assert sections == ["situation", "content", "forces"]  # empty sections are left out
    assert "42.500.000" in html  # money with dot thousands separators
    assert "1.200" in html and "35,5" in html
    assert "45.000.000" in html  # planned funding
    assert reverse("orgs:unit", args=[tamky.pk]) in html
    actions = [t.action for t in response.context["actions"]]
    assert actions == ["propose", "discontinue"]
    assert response.context["can_edit"] and "progress_form" in response.context
    # the lifecycle log and the change history
    assert [r.action for r in response.context["transitions"]] == ["create", "register", "start"]
    assert response.context["history"][0]["user"] == owner.username
    # the city's standing officer also evaluates the model every year
    city_view = personas["ancestor"].get(reverse("initiatives:detail", args=[initiative.pk])).context
    assert "evaluation_form" in city_view and "return" not in [t.action for t in city_view["actions"]]


def test_the_edit_page_saves_through_the_service_with_a_reason(personas, draft, owner, field, topic):
    url = reverse("initiatives:edit", args=[draft.pk])
    page = personas["owner"].get(url)
    assert page.context["form"]["name"].value() == draft.name
    data = {
        "name": "Khu dân cư xanh – sạch – đẹp",
        "kind": "model",
        "holder": "collective",
        "field": field.pk,
        "year": 2026,
        "topics": [topic.pk],
        "funding_planned": "1.000.000",
        "start_date": "01/02/2026",
        "reason": "Đổi tên theo góp ý của Mặt trận",
    }
    response = personas["owner"].post(url, data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.name == "Khu dân cư xanh – sạch – đẹp" and list(draft.topics.all()) == [topic]
    assert draft.history.first().history_change_reason == "Đổi tên theo góp ý của Mặt trận"
    entries = personas["owner"].get(reverse("initiatives:detail", args=[draft.pk])).context["history"]
    assert any("Đổi tên theo góp ý" in (e["reason"] or "") for e in entries)
    assert any(any(topic.name in c for c in e["changes"]) for e in entries)


def test_a_recognized_model_cannot_be_edited(personas, recognized):
    response = personas["owner"].get(reverse("initiatives:edit", args=[recognized.pk]))
    assert response.status_code == 302
    messages = [str(m) for m in personas["owner"].get(response["Location"]).context["messages"]]
    assert len(messages) == 1 and recognized.get_status_display().lower() in messages[0]


def test_bad_edit_changes_nothing(personas, draft, field):
    before = draft.name
    response = personas["owner"].post(
        reverse("initiatives:edit", args=[draft.pk]),
        {"name": "Tên mới", "kind": "model", "holder": "collective", "field": field.pk, "year": "abc"},
    )
    assert response.status_code == 200 and "year" in response.context["form"].errors
    draft.refresh_from_db()
    assert draft.name == before


def test_unknown_ids_are_404(personas):
    for name in ("detail", "edit"):
        assert personas["ancestor"].get(reverse(f"initiatives:{name}", args=[999999])).status_code == 404
    assert personas["ancestor"].get(reverse("initiatives:evidence", args=[999999])).status_code == 404
    response = personas["ancestor"].post(reverse("initiatives:new"), {"owner_unit": "999999"})
    assert response.status_code == 404


def test_the_export_link_carries_the_filters(personas, tamky, owner):
    make(tamky, owner)
    response = personas["owner"].get(reverse("initiatives:list"), {"q": "rac thai", "year": 2026, "page": 1})
    html = response.content.decode()
    assert f'href="{reverse("initiatives:export")}?q=rac+thai&amp;year=2026"' in html
    assert personas["owner"].get(reverse("initiatives:export") + "?q=rac+thai&year=2026").status_code == 200


def test_the_navbar_links_to_the_list(personas):
    html = personas["stranger"].get(reverse("home")).content.decode()
    assert f'href="{reverse("initiatives:list")}"' in html and vi("Models and exemplars") in html
