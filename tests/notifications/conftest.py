"""Notifications for the notification tests.

Personas (tests/conftest.py): canbo.tamky ("owner") is a unit officer of Đảng ủy phường Tam Kỳ and
the standing-agency officer of its Front; canbo.danang ("ancestor") is a standing-agency officer of
Thành ủy Đà Nẵng, above it; canbo.haichau ("stranger") is a unit officer of another ward. Here
"owner" is the recipient of the notifications; the others must not see them."""

from __future__ import annotations

import pytest

from danvan.core import tick
from danvan.notifications.services import notify

SUBJECT = "Sắp đến hạn nộp báo cáo quý IV năm 2026 của Đảng ủy phường Tam Kỳ"
URL = "/training/"


def send(recipients, key="test.reminder:1", subject=SUBJECT, **extra) -> int:
    return notify(recipients, key, subject, **{"url": URL, **extra})


@pytest.fixture
def registry(monkeypatch):
    """An empty job registry for the test (the real jobs come back afterwards)."""
    monkeypatch.setattr(tick, "_registry", {})
    return tick._registry


@pytest.fixture
def with_email(owner, ancestor):
    """The owner has an e-mail address; the ancestor has none (as the demo accounts)."""
    owner.email = "binh.tamky@example.vn"
    owner.save(update_fields=["email"])
    ancestor.email = ""
    ancestor.save(update_fields=["email"])
    return owner
