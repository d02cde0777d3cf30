"""Helpers for the document tests: the real LibreOffice and poppler tools, never mocks.

A missing tool fails the test with the command that installs it (CI installs them in .ci/run).
"""

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest


def require(tool: str, package: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is not installed; the document tests need it: apt-get install -y {package}")
    return path


def pdf_text(pdf: Path, *, first: int | None = None, last: int | None = None) -> str:
    """`pdftotext -layout` of a page range, NFC-normalised."""
    command = [require("pdftotext", "poppler-utils"), "-layout", "-enc", "UTF-8"]
    if first is not None:
        command += ["-f", str(first)]
    if last is not None:
        command += ["-l", str(last)]
    result = subprocess.run([*command, str(pdf), "-"], capture_output=True, check=True)
    return unicodedata.normalize("NFC", result.stdout.decode("utf-8"))


def pdf_info(pdf: Path) -> dict[str, str]:
    result = subprocess.run([require("pdfinfo", "poppler-utils"), str(pdf)], capture_output=True, check=True)
    info = {}
    for line in result.stdout.decode("utf-8").splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def pdf_fonts(pdf: Path) -> list[str]:
    """Names of the fonts a PDF embeds (subset prefix removed)."""
    result = subprocess.run([require("pdffonts", "poppler-utils"), str(pdf)], capture_output=True, check=True)
    lines = result.stdout.decode("utf-8").splitlines()[2:]
    return [line.split()[0].split("+", 1)[-1] for line in lines if line.strip()]


def page_size_pt(info: dict[str, str]) -> tuple[float, float]:
    # "841.89 x 595.276 pts (A4)"
    width, _, rest = info["Page size"].partition(" x ")
    return float(width), float(rest.split()[0])
