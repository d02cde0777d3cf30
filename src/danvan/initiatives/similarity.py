"""Folded-text similarity: the quality guard against copied, formal models (seed 004 §1).

* `fingerprint(name, content)` is equal for near-identical copies: the folded words of the name
  and the start of the content, without locality names' designations, digits and punctuation.
* `similarity(a, b)` is the Jaccard index of the folded word pairs of two texts (0…1).
"""

from __future__ import annotations

import hashlib
import re

from danvan.core.text import fold

_NON_WORD = re.compile(r"[^a-z ]+")
# words that say where, not what: two models differing only in them are copies
_PLACE_WORDS = {"xa", "phuong", "thon", "to", "dan", "pho", "khoi", "ap", "ban", "thi", "tran", "dac", "khu"}


def words(text: str | None) -> list[str]:
    return [w for w in _NON_WORD.sub(" ", fold(text)).split() if len(w) > 1 or w.isdigit()]


def fingerprint(name: str, content: str = "") -> str:
    core = [w for w in words(name) if w not in _PLACE_WORDS] + words(content)[:60]
    return hashlib.sha1(" ".join(core).encode()).hexdigest() if core else ""


def shingles(text: str) -> set[tuple[str, str]]:
    ws = words(text)
    if len(ws) < 2:
        return {(w, "") for w in ws}
    return set(zip(ws, ws[1:], strict=False))


def similarity(a: str, b: str) -> float:
    sa, sb = shingles(a), shingles(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


def distinctive_words(text: str, limit: int = 4) -> list[str]:
    """The longest words of a name: a cheap pre-filter for candidate look-ups in the database."""
    ws = sorted({w for w in words(text) if w not in _PLACE_WORDS and len(w) >= 4}, key=len, reverse=True)
    return ws[:limit]
