"""Vietnamese text folding: the one function every search column and query goes through.

SQLite's LIKE and lower() do not fold Vietnamese, and Unicode does not decompose "đ", so
"da nang", "Đà Nẵng" and "ĐÀ NẴNG" only meet after this.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str | None) -> str:
    """Lower-case, strip diacritics (đ → d) and collapse whitespace.

    Control characters become spaces: a NUL byte typed into a search box must never reach the
    database (PostgreSQL refuses it in text parameters)."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(
        " " if unicodedata.category(ch) == "Cc" else ch
        for ch in decomposed
        if unicodedata.category(ch) != "Mn"
    )
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", stripped.casefold()).strip()


def search_terms(query: str | None) -> list[str]:
    """The folded words of a query, for an AND of `contains` filters."""
    return [word for word in fold(query).split(" ") if word]
