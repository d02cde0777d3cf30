"""DOCX → PDF with LibreOffice headless: how a decision is previewed and how its layout is tested.

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


def convert_docx_to_pdf(data: bytes, *, timeout: float = 180) -> bytes:
    """The PDF LibreOffice prints from these DOCX bytes."""
    soffice = soffice_path()
    with tempfile.TemporaryDirectory(prefix="danvan-soffice-") as workdir:
        work = Path(workdir)
        source = work / "document.docx"
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
