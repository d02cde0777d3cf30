"""DOCX/XLSX → PDF with LibreOffice headless: how documents are previewed and their layout tested.

Each conversion runs with its own throw-away LibreOffice profile, so conversions can run side by
side (a shared profile makes a second soffice hand its work to the first and exit).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path


class LibreOfficeUnavailable(RuntimeError):
    """soffice is not installed."""


def soffice_path() -> str:
    """The soffice executable, or a clear error saying how to install it."""
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path is None:
        raise LibreOfficeUnavailable(
            "LibreOffice (soffice) is not installed; on Debian: apt-get install -y libreoffice-writer-nogui"
        )
    return path


def calc_available() -> bool:
    """Whether LibreOffice Calc is installed (Debian ships it apart: libreoffice-calc-nogui)."""
    try:
        program = Path(soffice_path()).resolve().parent
    except LibreOfficeUnavailable:
        return False
    return any(program.glob("libsclo.*"))


def convert_docx_to_pdf(data: bytes, *, timeout: float = 180) -> bytes:
    """The PDF LibreOffice prints from these DOCX bytes."""
    return convert_to_pdf(data, suffix=".docx", timeout=timeout)


def convert_xlsx_to_pdf(data: bytes, *, timeout: float = 180) -> bytes:
    """The PDF LibreOffice Calc prints from these XLSX bytes (every sheet, in order)."""
    if not calc_available():
        raise LibreOfficeUnavailable(
            "LibreOffice Calc is not installed; on Debian: apt-get install -y libreoffice-calc-nogui"
        )
    return convert_to_pdf(data, suffix=".xlsx", timeout=timeout)


def convert_to_pdf(data: bytes, *, suffix: str, timeout: float = 180) -> bytes:
    """The PDF LibreOffice prints from a document; `suffix` (".docx", ".xlsx") names its type."""
    soffice = soffice_path()
    with tempfile.TemporaryDirectory(prefix="danvan-soffice-") as workdir:
        work = Path(workdir)
        source = work / f"document{suffix}"
        source.write_bytes(data)
        profile = (work / "profile").as_uri()
        result = subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--norestore",
                "--nolockcheck",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work),
                str(source),
            ],
            capture_output=True,
            timeout=timeout,
            check=False,
            stdin=subprocess.DEVNULL,
        )
        target = work / "document.pdf"
        if result.returncode != 0 or not target.exists():
            raise RuntimeError(
                f"LibreOffice could not convert the document (exit {result.returncode}): "
                f"{result.stderr.decode(errors='replace').strip() or result.stdout.decode(errors='replace')}"
            )
        return target.read_bytes()
