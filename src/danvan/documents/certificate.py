"""A printable certificate (giấy chứng nhận) for a recognized model or exemplar, as PDF.

One A4 landscape page rendered by WeasyPrint from an HTML string built here (the package is not
an installed app, so no template loader is involved). Nothing is fetched while rendering: no
base URL, and a URL fetcher that refuses everything. Fonts are named "Times New Roman" first and
fall back to Tinos / Liberation Serif (Debian fonts-croscore, fonts-liberation2), which carry
every Vietnamese letter.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from html import escape

from .docx import Signature
from .party_format import HD36, PartyFormat, date_line, short_date

KINDS = {"model": "mô hình", "exemplar": "điển hình"}
_OWNER_LABELS = {"model": "Đơn vị thực hiện", "exemplar": "Đơn vị"}


@dataclass(frozen=True)
class Certificate:
    superior_body: str  # "ĐẢNG BỘ THÀNH PHỐ ĐÀ NẴNG"
    issuing_body: str  # "BAN TUYÊN GIÁO VÀ DÂN VẬN THÀNH ỦY"
    issuer_name: str  # who certifies, in running text: "Ban Tuyên giáo và Dân vận Thành ủy Đà Nẵng"
    kind: str  # "model" or "exemplar"
    name: str  # the model's name, or the exemplar's (a person or a collective)
    owner: str  # the owning unit (for a person: their position and unit)
    year: int
    decision_number: str  # "12-QĐ/BTGDV"
    decision_date: datetime.date
    place: str  # "Đà Nẵng"
    signature: Signature
    level: str = ""  # "cấp thành phố"
    issued_on: datetime.date | None = None  # defaults to the decision's date
    register_number: str = ""  # "Số vào sổ", when the issuer keeps a register

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {sorted(KINDS)}, not {self.kind!r}")

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]

    @property
    def statement(self) -> str:
        """ "Được công nhận là mô hình “Dân vận khéo” cấp thành phố năm 2026"."""
        level = f" {self.level.strip()}" if self.level.strip() else ""
        return f"Được công nhận là {self.kind_label} “Dân vận khéo”{level} năm {self.year}"

    @property
    def decision_reference(self) -> str:
        return (
            f"(Quyết định số {self.decision_number}, ngày {short_date(self.decision_date)} "
            f"của {self.issuer_name})"
        )

    @property
    def title(self) -> str:
        return f"Giấy chứng nhận {self.kind_label} “Dân vận khéo” năm {self.year}: {self.name}"


def render_certificate_pdf(cert: Certificate, fmt: PartyFormat = HD36) -> bytes:
    """The certificate as a one-page PDF; long names are set smaller until they fit one page."""
    from weasyprint import HTML  # imported here: loading Pango is slow and only PDFs need it

    for scale in (1.0, 0.85, 0.72):
        html = HTML(string=certificate_html(cert, fmt, scale=scale), base_url=None, url_fetcher=_no_fetch)
        document = html.render()
        if len(document.pages) == 1:
            return document.write_pdf()
    raise ValueError("the certificate's text does not fit on one page; shorten the name or the unit")


def _no_fetch(url, *args, **kwargs):
    raise ValueError(f"certificates load nothing from outside: {url}")


def certificate_html(cert: Certificate, fmt: PartyFormat = HD36, *, scale: float = 1.0) -> str:
    """The HTML WeasyPrint renders (exposed for tests and previews)."""
    e = escape
    signature = cert.signature
    authority = (
        f'<p class="authority">{e(signature.authority.strip().upper())}</p>' if signature.authority else ""
    )
    register = f'<p class="register">Số vào sổ: {e(cert.register_number)}</p>' if cert.register_number else ""
    owner_label = _OWNER_LABELS[cert.kind]
    issued_on = cert.issued_on or cert.decision_date
    name_size = 24 if len(cert.name) <= 70 else 20
    return f"""<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>{e(cert.title)}</title>
<meta name="author" content="{e(" ".join(cert.issuing_body.split()))}">
<meta name="description" content="{e(cert.statement)}">
<style>{_css(fmt, scale, name_size)}</style>
</head>
<body>
<div class="frame"><div class="inner">
  <table class="header">
    <tr>
      <td class="bodies">
        <p>{e(cert.superior_body)}</p>
        <p class="bold">{_lines(cert.issuing_body)}</p>
        <p class="bold">{e(fmt.issuing_body_mark)}</p>
      </td>
      <td class="party">
        <p class="party-title">{e(fmt.party_title)}</p>
      </td>
    </tr>
  </table>
  <h1>GIẤY CHỨNG NHẬN</h1>
  <div class="divider"></div>
  <p class="certifier">{e(cert.issuer_name)} chứng nhận</p>
  <p class="name">{e(cert.name)}</p>
  <p class="owner">{e(owner_label)}: {e(cert.owner)}</p>
  <p class="statement">{e(cert.statement)}</p>
  <p class="decision">{e(cert.decision_reference)}</p>
  <table class="footer">
    <tr>
      <td class="left">{register}</td>
      <td class="signature">
        <p class="date">{e(date_line(cert.place, issued_on))}</p>
        {authority}
        <p class="position">{e(signature.position.strip().upper())}</p>
        <p class="signer">{e(signature.name)}</p>
      </td>
    </tr>
  </table>
</div></div>
</body>
</html>"""


def _lines(text: str) -> str:
    return "<br>".join(escape(line) for line in text.split("\n"))


_RED = "#8f1d1d"
_GOLD = "#b08a3e"


def _css(fmt: PartyFormat, scale: float, name_size: float) -> str:
    def pt(size: float) -> str:
        return f"{size * scale:.1f}pt"

    return f"""
@page {{ size: A4 landscape; margin: 9mm; }}
html {{ font-family: "{fmt.font_name}", "Tinos", "Liberation Serif", serif; color: #1b1b1b; }}
body {{ margin: 0; }}
p {{ margin: 0; }}
.frame {{ height: 192mm; box-sizing: border-box; border: 1.6mm double {_RED}; padding: 2mm; }}
.inner {{ height: 100%; box-sizing: border-box; border: 0.35mm solid {_GOLD};
          padding: 7mm 16mm 6mm; text-align: center; }}
table {{ width: 100%; border-collapse: collapse; }}
td {{ vertical-align: top; padding: 0; }}
.header td {{ text-align: center; font-size: {pt(13)}; line-height: 1.3; }}
.header .bodies {{ width: 45%; }}
.bold {{ font-weight: bold; }}
.party-title {{ display: inline-block; font-weight: bold; font-size: {pt(14)};
                border-bottom: 0.6pt solid #1b1b1b; padding-bottom: 1pt; }}
h1 {{ margin: {pt(30)} 0 0; font-size: {pt(36)}; letter-spacing: 2pt; color: {_RED}; font-weight: bold; }}
.divider {{ width: 60mm; margin: {pt(6)} auto 0; border-top: 0.5mm solid {_GOLD}; }}
.certifier {{ margin-top: {pt(12)}; font-size: {pt(16)}; font-style: italic; }}
.name {{ margin: {pt(16)} 0 0; font-size: {pt(name_size)}; font-weight: bold; color: {_RED};
         line-height: 1.25; }}
.owner {{ margin-top: {pt(10)}; font-size: {pt(16)}; }}
.statement {{ margin-top: {pt(18)}; font-size: {pt(17)}; font-weight: bold; }}
.decision {{ margin-top: {pt(6)}; font-size: {pt(13)}; font-style: italic; }}
.footer {{ margin-top: {pt(22)}; }}
.footer .left {{ width: 50%; text-align: left; vertical-align: bottom; font-size: {pt(12)}; }}
.footer .signature {{ text-align: center; font-size: {pt(14)}; line-height: 1.3; }}
.date {{ font-style: italic; margin-bottom: {pt(4)}; }}
.authority {{ font-weight: bold; }}
.signer {{ margin-top: {pt(60)}; font-weight: bold; }}
"""
