"""Models built through the services for the page tests, in every state a test needs.

Uploads go to a temporary MEDIA_ROOT so that no test leaves files in the working directory."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.initiatives import services
from danvan.initiatives.models import Field, Initiative, Topic
from danvan.orgs.models import Unit

NAME = "Khu dân cư không rác thải nhựa"
CONTENT = "Vận động hộ dân phân loại rác tại nguồn, đổi rác tái chế lấy cây xanh."


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def leader(db):
    """lanhdao.danang: a leader of the city — sees everything below, may change nothing."""
    return get_user_model().objects.get(username="lanhdao.danang")


@pytest.fixture
def all_personas(personas, leader):
    from tests.conftest import client_for

    return {**personas, "leader": client_for(leader)}


@pytest.fixture
def field(db):
    return Field.objects.get(code="culture_society")


@pytest.fixture
def topic(db):
    return Topic.objects.get(code="environment")


@pytest.fixture
def tamky_gov(db):
    return Unit.objects.get(name="Ủy ban nhân dân phường Tam Kỳ")


@pytest.fixture
def former(db):
    """A ward Party committee that ended on 30/06/2025; its work continues in Tam Kỳ."""
    return Unit.objects.get(name="Đảng ủy phường An Mỹ")


def make(unit, actor, name=NAME, *, field=None, year=2026, submit=True, **extra) -> Initiative:
    data = {
        "name": name,
        "field": field or Field.objects.get(code="culture_society"),
        "year": year,
        "content": CONTENT,
        "situation": "Rác thải nhựa ở khu dân cư tăng nhanh.",
        **extra,
    }
    return services.register_initiative(unit, data, actor=actor, submit=submit)


def advance(initiative, owner, ancestor, to: str) -> Initiative:
    """Move a registered model along the lifecycle through the services, up to `to`."""
    steps = ["start", "propose", "recognize"]
    for step in steps:
        if step == "propose":
            services.add_progress(
                initiative,
                {"narrative": "Ra quân thu gom rác", "people_reached": 320, "money_mobilized": 1_500_000},
                actor=owner,
            )
        actor = ancestor if step == "recognize" else owner
        initiative = services.transition(initiative, step, actor=actor)
        if initiative.status == to:
            return initiative
    return initiative


@pytest.fixture
def draft(tamky, owner):
    return make(tamky, owner, submit=False)


@pytest.fixture
def registered(tamky, owner):
    return make(tamky, owner)


@pytest.fixture
def in_progress(registered, owner, ancestor):
    return advance(registered, owner, ancestor, "in_progress")


@pytest.fixture
def proposed(registered, owner, ancestor):
    return advance(registered, owner, ancestor, "proposed")


@pytest.fixture
def recognized(registered, owner, ancestor):
    return advance(registered, owner, ancestor, "recognized")


def make_former_model(tamky, owner, former) -> Initiative:
    """A model of a former ward. Services register models only for units in force, so the model is
    registered in Tam Kỳ and then placed in the former ward, as an import of old records would."""
    initiative = make(tamky, owner, "Mô hình dân vận khéo của phường cũ", year=2023)
    Initiative.objects.filter(pk=initiative.pk).update(owner_unit=former)
    initiative.refresh_from_db()
    return initiative


@pytest.fixture
def former_model(tamky, owner, former):
    return make_former_model(tamky, owner, former)


def png_bytes(size=(640, 480), color=(180, 40, 30)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format="PNG")
    return out.getvalue()


def jpeg_bytes(size=(800, 600), color=(20, 120, 60)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format="JPEG", quality=80)
    return out.getvalue()


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def vi(msgid: str, **params) -> str:
    """A UI string as the (Vietnamese) pages show it, HTML-escaped: tests keep passing whether or
    not the catalogue translates it yet."""
    from django.utils import translation
    from django.utils.html import escape

    with translation.override("vi"):
        text = translation.gettext(msgid)
    return escape(text % params if params else text)


def vi_plain(msgid: str, **params) -> str:
    from django.utils import translation

    with translation.override("vi"):
        text = translation.gettext(msgid)
    return text % params if params else text
