"""Vietnamese text folding: the one function every search column and query goes through.

SQLite's LIKE and lower() do not fold Vietnamese, and Unicode does not decompose "đ", so
"da nang", "Đà Nẵng" and "ĐÀ NẴNG" only meet after this.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")


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


# Vietnamese alphabetical order (with the Latin letters Vietnamese does not use slotted in)
_ALPHABET = [
    "a",
    "ă",
    "â",
    "b",
    "c",
    "d",
    "đ",
    "e",
    "ê",
    "f",
    "g",
    "h",
    "i",
    "j",
    "k",
    "l",
    "m",
    "n",
    "o",
    "ô",
    "ơ",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "ư",
    "v",
    "w",
    "x",
    "y",
    "z",
]
_LETTER_CODE = {letter: f"{index + 20:02d}" for index, letter in enumerate(_ALPHABET)}
# tones in dictionary order: level, grave (huyền), hook (hỏi), tilde (ngã), acute (sắc), dot (nặng)
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
_SHAPES = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter, not a tone


def sort_key(text: str | None) -> str:
    """An ASCII key that sorts Vietnamese names in dictionary order on any database:
    letters first (a ă â b … đ …), then tones (ngang, huyền, hỏi, ngã, sắc, nặng).
    "Đà Nẵng" sorts after "Dương" and before "Gia Lai"; "Huế" after "Hà Nội"."""
    if not text:
        return ""
    text = _DIGITS.sub(lambda m: m.group().zfill(8), text)  # "Thôn 2" before "Thôn 10"
    letters: list[str] = []
    tones: list[str] = []
    for cluster in unicodedata.normalize("NFC", _SPACES.sub(" ", text.strip()).casefold()):
        parts = unicodedata.normalize("NFD", cluster)
        base, marks = parts[0], parts[1:]
        tone = "0"
        shaped = base
        for mark in marks:
            if mark in _TONES:
                tone = _TONES[mark]
            elif mark in _SHAPES:
                shaped += mark
        shaped = unicodedata.normalize("NFC", shaped)
        if shaped in _LETTER_CODE:
            letters.append(_LETTER_CODE[shaped])
            tones.append(tone)
        elif shaped.isdigit():
            letters.append(f"1{shaped}")
            tones.append("0")
        elif shaped.isspace():
            letters.append("00")
        else:
            letters.append("01")  # punctuation and other signs
    return "".join(letters)[:240] + "~" + "".join(tones)[:120]
