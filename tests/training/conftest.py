"""Training sessions built through the services for the training tests.

Personas (tests/conftest.py): canbo.tamky ("owner") is an officer of Đảng ủy phường Tam Kỳ (the
organizing unit of most sessions here) and steers its Front; canbo.danang ("ancestor") steers the
whole city; canbo.haichau ("stranger") is an officer of another ward; lanhdao.danang ("leader")
sees the city and changes nothing. Uploads go to a temporary MEDIA_ROOT."""

from __future__ import annotations

import io
import zipfile
from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from danvan.training import services
from danvan.training.models import TrainingSession, TrainingTopic

TITLE = "Hội nghị tập huấn phương pháp xây dựng mô hình “Dân vận khéo” năm 2026"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def leader(db):
    return get_user_model().objects.get(username="lanhdao.danang")


@pytest.fixture
def all_personas(personas, leader):
    from tests.conftest import client_for

    return {**personas, "leader": client_for(leader)}


def days_ago(n: int) -> date:
    return timezone.localdate() - timedelta(days=n)


def make(unit, actor, title=TITLE, *, on=None, counts=None, held=False, **extra) -> TrainingSession:
    data = {
        "title": title,
        "topic": TrainingTopic.MODEL_METHOD,
        "held_on": on or days_ago(10),
        "place": "Hội trường Đảng ủy phường",
        "trainers": "Đ/c Ngô Văn Sơn, Bí thư Đảng ủy phường",
        **extra,
    }
    return services.create_session(unit, data, actor=actor, counts=counts, held=held)


@pytest.fixture
def planned(tamky, owner):
    return make(tamky, owner, counts={"party": 20, "village": 15})


@pytest.fixture
def held(tamky, owner):
    return make(tamky, owner, counts={"party": 20, "village": 15}, held=True)


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pptx_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("ppt/presentation.xml", "<presentation/>")
    return out.getvalue()


def png_bytes() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 48), (180, 40, 30)).save(out, format="PNG")
    return out.getvalue()


def vi(msgid: str, **params) -> str:
    """A message as the Vietnamese UI says it (whether or not the catalogue has it yet)."""
    from django.utils import translation

    with translation.override("vi"):
        text = translation.gettext(msgid)
    return text % params if params else text
