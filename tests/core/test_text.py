"""Vietnamese folding: the one function every search column and every query goes through."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from danvan.core.text import fold, search_terms
from danvan.geo.models import Area, AreaLevel, Era


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đà Nẵng", "da nang"),
        ("ĐÀ NẴNG", "da nang"),
        ("đà nẵng", "da nang"),
        ("ĐẮK LẮK", "dak lak"),
        ("Thừa Thiên Huế", "thua thien hue"),
        ("Phường Nguyễn Đại Năng", "phuong nguyen dai nang"),
        ("Ủy ban Mặt trận Tổ quốc", "uy ban mat tran to quoc"),
        ("Xã Đạ K'Nàng", "xa da k'nang"),
        ("da nang", "da nang"),
    ],
)
def test_fold_vietnamese(text, folded):
    assert fold(text) == folded


def test_fold_nfc_and_nfd_meet():
    nfc = unicodedata.normalize("NFC", "Đà Nẵng Quảng Ngãi")
    nfd = unicodedata.normalize("NFD", "Đà Nẵng Quảng Ngãi")
    assert nfc != nfd  # the test means something only if the two spellings differ
    assert fold(nfc) == fold(nfd) == "da nang quang ngai"


@pytest.mark.parametrize(
    "text",
    ["  Đà   Nẵng  ", "Đà\tNẵng", "Đà\nNẵng\n", "Đà\u00a0Nẵng", "\u2003Đà \r\n Nẵng"],
)
def test_fold_collapses_whitespace(text):
    assert fold(text) == "da nang"


@pytest.mark.parametrize("empty", [None, "", "   ", "\t\n"])
def test_fold_empty(empty):
    assert fold(empty) == ""


def test_fold_drops_control_characters():
    """A NUL byte in a search box must not reach the database (PostgreSQL rejects it)."""
    assert fold("Đà\x00Nẵng") == "da nang"
    assert fold("\x00") == ""
    assert search_terms("tam\x00 ky") == ["tam", "ky"]


def test_search_terms():
    assert search_terms("  Tam   KỲ ") == ["tam", "ky"]
    assert search_terms("") == []
    assert search_terms(None) == []


@given(st.text())
def test_fold_is_idempotent_and_trimmed(text):
    once = fold(text)
    assert fold(once) == once
    assert once == once.strip()
    assert "  " not in once
    assert "\x00" not in once


VIETNAMESE_LETTERS = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
)


@given(st.text(alphabet=VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper() + " "))
def test_fold_of_vietnamese_is_plain_ascii(text):
    folded = fold(text)
    assert folded.isascii()
    assert folded == fold(unicodedata.normalize("NFD", text))


@pytest.mark.django_db
def test_every_stored_area_name_is_folded_to_ascii():
    names = Area.objects.values_list("name", "name_folded")
    assert names.count() > 14_000
    bad = [(n, f) for n, f in names if f != fold(n) or not f.isascii()]
    assert bad == []


@pytest.mark.django_db
def test_search_ranks_the_whole_phrase_first():
    ranked = list(Area.objects.search("da nang").order_by("search_rank", "depth", "name"))
    names = [a.name for a in ranked]
    assert "Phường Nguyễn Đại Năng" in names  # matches word by word ...
    city = names.index("Thành phố Đà Nẵng")
    assert city < names.index("Phường Nguyễn Đại Năng")  # ... but the city comes first
    assert ranked[0].name == "Thành phố Đà Nẵng"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["tam ky", "TAM KỲ", "Tam Kỳ", "  tam   kỳ ", unicodedata.normalize("NFD", "Tâm Kỳ")]
)
def test_search_is_diacritics_insensitive(query):
    found = Area.objects.search(query).filter(era=Era.CURRENT, level=AreaLevel.COMMUNE)
    assert "Phường Tam Kỳ" in {a.name for a in found}


@pytest.mark.django_db
def test_search_with_no_words_returns_everything():
    assert Area.objects.search("   ").count() == Area.objects.count()
