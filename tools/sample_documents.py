"""Write the sample documents to look at: `python tools/sample_documents.py [OUTDIR]`.

Writes into test-artifacts/documents/ (or OUTDIR):
  quyet-dinh-cong-nhan.docx / .pdf   the recognition decision (PDF printed by LibreOffice)
  giay-chung-nhan.pdf                the certificate of the first recognized model
  bao-cao-quy.docx / .pdf            a ward's quarterly report (sections, a table, a chart)
  bao-cao-quy-phu-luc.xlsx / .pdf    its appendix (PDF only when LibreOffice Calc is installed)
  *-1.png                            the first page of each PDF at 80 dpi (needs pdftoppm)
"""

import shutil
import subprocess
import sys
from pathlib import Path

from danvan.documents.certificate import render_certificate_pdf
from danvan.documents.docx import render_party_document
from danvan.documents.libreoffice import calc_available, convert_docx_to_pdf, convert_xlsx_to_pdf
from danvan.documents.report import render_report_docx
from danvan.documents.report_xlsx import render_appendices_xlsx
from danvan.documents.samples import sample_certificate, sample_quarterly_report, sample_recognition_decision

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

    report = sample_quarterly_report()
    report_docx = outdir / "bao-cao-quy.docx"
    report_docx.write_bytes(render_report_docx(report))
    report_pdf = outdir / "bao-cao-quy.pdf"
    report_pdf.write_bytes(convert_docx_to_pdf(report_docx.read_bytes()))
    appendix_xlsx = outdir / "bao-cao-quy-phu-luc.xlsx"
    appendix_xlsx.write_bytes(render_appendices_xlsx(report.appendices, author=report.issuer_name))

    written = [docx_path, decision_pdf, certificate_pdf, report_docx, report_pdf, appendix_xlsx]
    pdfs = [decision_pdf, certificate_pdf, report_pdf]
    if calc_available():
        appendix_pdf = outdir / "bao-cao-quy-phu-luc.pdf"
        appendix_pdf.write_bytes(convert_xlsx_to_pdf(appendix_xlsx.read_bytes()))
        written.append(appendix_pdf)
        pdfs.append(appendix_pdf)
    else:
        print(
            "LibreOffice Calc not found (apt-get install libreoffice-calc-nogui): no XLSX preview",
            file=sys.stderr,
        )

    for path in written:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    for pdf in pdfs:
        png = first_page_png(pdf)
        if png is not None:
            print(png.relative_to(ROOT) if png.is_relative_to(ROOT) else png)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
