"""Write the sample documents to look at: `python tools/sample_documents.py [OUTDIR]`.

Writes into test-artifacts/documents/ (or OUTDIR):
  quyet-dinh-cong-nhan.docx / .pdf   the recognition decision (PDF printed by LibreOffice)
  giay-chung-nhan.pdf                the certificate of the first recognized model
  *-1.png                            the first page of each PDF at 80 dpi (needs pdftoppm)
"""

import shutil
import subprocess
import sys
from pathlib import Path

from danvan.documents.certificate import render_certificate_pdf
from danvan.documents.docx import render_party_document
from danvan.documents.libreoffice import convert_docx_to_pdf
from danvan.documents.samples import sample_certificate, sample_recognition_decision

ROOT = Path(__file__).resolve().parent.parent


def first_page_png(pdf: Path) -> Path | None:
    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found (apt-get install poppler-utils): no PNG preview", file=sys.stderr)
        return None
    prefix = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", str(pdf), str(prefix)], check=True)
    # pdftoppm numbers pages with as many digits as the page count needs ("-1", "-01"…)
    return next(iter(sorted(pdf.parent.glob(f"{prefix.name}-*1.png"))), None)


def main(argv: list[str]) -> int:
    outdir = Path(argv[1]) if len(argv) > 1 else ROOT / "test-artifacts" / "documents"
    outdir.mkdir(parents=True, exist_ok=True)

    decision = render_party_document(sample_recognition_decision())
    docx_path = outdir / "quyet-dinh-cong-nhan.docx"
    docx_path.write_bytes(decision)
    decision_pdf = outdir / "quyet-dinh-cong-nhan.pdf"
    decision_pdf.write_bytes(convert_docx_to_pdf(decision))

    certificate_pdf = outdir / "giay-chung-nhan.pdf"
    certificate_pdf.write_bytes(render_certificate_pdf(sample_certificate()))

    for path in (docx_path, decision_pdf, certificate_pdf):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    for pdf in (decision_pdf, certificate_pdf):
        png = first_page_png(pdf)
        if png is not None:
            print(png.relative_to(ROOT) if png.is_relative_to(ROOT) else png)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
