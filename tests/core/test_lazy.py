"""Document libraries are loaded by the first request that builds a document, not by every worker."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading

import pytest

from danvan.core.lazy import lazy_module

HEAVY = ("openpyxl", "docx", "lxml", "numpy", "matplotlib", "weasyprint")

PROBE = """
import json, sys
import django
django.setup()
from django.urls import get_resolver
get_resolver().url_patterns  # every view and router, as a worker's first request loads them
before = {name: name in sys.modules for name in %(heavy)r}
from danvan.reports import api
api.documents.render_report_docx  # the first use loads the module and what it needs
after = {name: name in sys.modules for name in ("docx", "openpyxl")}
print(json.dumps({"before": before, "after": after}))
"""


def test_the_url_configuration_loads_no_document_library():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE % {"heavy": HEAVY}],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert loaded["before"] == dict.fromkeys(HEAVY, False)
    assert loaded["after"] == {"docx": True, "openpyxl": True}


def test_a_lazy_module_reads_the_real_one_from_every_thread():
    import danvan.documents.media as media

    lazy = lazy_module("danvan.documents.media")
    assert lazy.DOCX == media.DOCX and lazy.module is media
    seen = []
    threads = [threading.Thread(target=lambda: seen.append(lazy.REPORT_FORMATS)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == [media.REPORT_FORMATS] * 4
    assert "danvan.documents.media" in repr(lazy)


def test_the_allocator_gives_memory_back_here():
    from danvan.core import memory

    assert memory.release() is True  # glibc on the machines this project runs and tests on


@pytest.mark.django_db
def test_memory_is_given_back_after_a_document_not_after_a_page(owner, monkeypatch):
    """A request that built a spreadsheet gives the allocator's free pages back once answered; a
    page that built none does not pay for it."""
    from django.urls import reverse

    from danvan.core import memory
    from danvan.documents import media
    from tests.conftest import client_for

    released = []
    monkeypatch.setattr(memory, "release", lambda: released.append(True) or True)
    client = client_for(owner)
    assert client.get(reverse("initiatives:list")).status_code == 200
    assert released == []
    response = client.get(reverse("initiatives:import_template"))
    assert response.status_code == 200 and response["Content-Type"].startswith(media.XLSX)
    assert released == [True]
    assert client.get(reverse("initiatives:list")).status_code == 200
    assert released == [True]  # the mark does not outlive its request
