"""The read-only box a model's page can include: the support every level gave the model."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from danvan.funding import services
from danvan.funding.includes import initiative_support_context
from danvan.funding.models import Purpose
from tests.funding.conftest import spend, unit
from tests.initiatives.conftest import make, vi

pytestmark = pytest.mark.django_db


def render(user, initiative) -> str:
    request = RequestFactory().get("/")
    request.user = user
    context = initiative_support_context(request, initiative)
    return render_to_string("funding/_initiative_support.html", context, request=request)


def test_the_box_lists_the_support_of_every_level(
    owner, ancestor, city, tamky, model, django_assert_max_num_queries
):
    spend(tamky, owner, 20_000_000, purpose=Purpose.MODEL_SUPPORT, initiative=model, description="Hỗ trợ vốn")
    spend(
        city, ancestor, 30_000_000, purpose=Purpose.MODEL_SUPPORT, initiative=model, description="Nhân rộng"
    )
    gone = spend(
        tamky, owner, 7_000_000, purpose=Purpose.MODEL_SUPPORT, initiative=model, description="Trùng"
    )
    services.void_expenditure(gone, actor=owner, reason="Nhập trùng")
    spend(tamky, owner, 4_000_000, purpose=Purpose.COMMUNICATION, initiative=model, description="Tờ rơi")
    with django_assert_max_num_queries(3):
        html = render(owner, model)
    assert "50.000.000\u00a0đ" in html
    assert "Hỗ trợ vốn" in html and "Nhân rộng" in html and "Trùng" not in html and "Tờ rơi" not in html
    assert city.name in html and vi("Record support") in html


def test_a_leader_reads_it_without_the_button(leader, model):
    html = render(leader, model)
    assert vi("No funding support recorded for this model yet.") in html
    assert vi("Record support") not in html


def test_the_record_link_opens_the_form_for_the_model(personas, owner):
    women_model = make(unit("Hội Liên hiệp Phụ nữ phường Tam Kỳ"), owner, "Câu lạc bộ phụ nữ với pháp luật")
    request = RequestFactory().get("/")
    request.user = owner
    url = initiative_support_context(request, women_model)["funding_support"]["record_url"]
    page = personas["owner"].get(url)
    assert page.status_code == 200
    assert page.context["form"].initial == {"initiative": women_model.pk, "purpose": Purpose.MODEL_SUPPORT}
