"""The UI speaks Vietnamese: every UI string has a Vietnamese translation, and the compiled
catalogue that ships matches its source."""

import gettext
import re
from pathlib import Path

import polib
import pytest
from django.test import Client
from django.utils import translation

LOCALE = Path(__file__).resolve().parent.parent / "src/danvan/locale"
PO = LOCALE / "vi/LC_MESSAGES/django.po"


def test_every_msgid_is_translated():
    po = polib.pofile(str(PO))
    untranslated = [e.msgid for e in po if not e.translated() or "fuzzy" in e.flags]
    assert untranslated == []
    assert len(po) > 250


PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]|\{\w*\}")


def test_translations_keep_every_placeholder():
    # a placeholder lost or invented in a msgstr is a KeyError at run time, in Vietnamese only
    wrong = []
    for entry in polib.pofile(str(PO)):
        expected = sorted(PLACEHOLDER.findall(entry.msgid))
        texts = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        if entry.msgid_plural:
            expected = sorted(set(expected) | set(PLACEHOLDER.findall(entry.msgid_plural)))
        for text in texts:
            found = sorted(PLACEHOLDER.findall(text))
            if (sorted(set(found)) if entry.msgid_plural else found) != expected:
                wrong.append((entry.msgid, text))
    assert wrong == []


def test_compiled_catalogue_matches_source():
    po = polib.pofile(str(PO))
    with open(PO.with_suffix(".mo"), "rb") as compiled:
        mo = gettext.GNUTranslations(compiled)
    for entry in po:
        if entry.msgid_plural:
            continue
        if entry.msgctxt:
            assert mo.pgettext(entry.msgctxt, entry.msgid) == entry.msgstr, (entry.msgctxt, entry.msgid)
        else:
            assert mo.gettext(entry.msgid) == entry.msgstr, entry.msgid


def test_vietnamese_is_the_default_whatever_the_browser_says(db):
    response = Client().get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert "Đăng nhập" in response.content.decode()
    assert response.headers["Content-Language"] == "vi"


def test_english_on_request(db):
    client = Client()
    client.cookies["django_language"] = "en"
    assert "Log in" in client.get("/accounts/login/").content.decode()


@pytest.mark.parametrize("msgid", ["Log in", "Directory", "Steering committees of the movement"])
def test_translation_is_active(msgid):
    with translation.override("vi"):
        assert translation.gettext(msgid) != msgid
