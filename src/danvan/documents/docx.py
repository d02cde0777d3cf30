"""Party documents (decisions, plans, reports…) as DOCX — what offices edit, sign and file.

`render_party_document(doc, fmt)` lays out a `PartyDocument` in the Party document format
(`party_format.HD36` by default): the two-column header block, the title and subject, the body or
articles, the signature block beside "Nơi nhận:", page numbers from page 2 and an optional annex
on a new page. All typography comes from the `PartyFormat` passed in.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence
from dataclasses import dataclass

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .party_format import HD36, PartyFormat, TextStyle, bold_caps_width_pt, date_line, number_line, short_date


@dataclass(frozen=True)
class Signature:
    """The signature block: "T/M BAN THƯỜNG VỤ" / "PHÓ TRƯỞNG BAN" / (signature) / name."""

    position: str
    name: str
    authority: str | None = None


@dataclass(frozen=True)
class Annex:
    """A list annexed to the document on a new page (e.g. the recognized models)."""

    title: str
    columns: Sequence[str]
    rows: Sequence[Sequence[str]]
    # "(Kèm theo Quyết định số … ngày … của …)"; built from the document when not given
    reference: str | None = None
    column_widths_mm: Sequence[float] | None = None


@dataclass(frozen=True)
class PartyDocument:
    """The content of one Party document; the format decides how it looks."""

    superior_body: str  # "ĐẢNG BỘ THÀNH PHỐ ĐÀ NẴNG" (may be empty for the Central Committee)
    issuing_body: str  # "BAN TUYÊN GIÁO VÀ DÂN VẬN THÀNH ỦY"; "\n" forces a line break
    number: str  # "12-QĐ/BTGDV"
    place: str  # "Đà Nẵng"
    date: datetime.date
    type_title: str  # "QUYẾT ĐỊNH"
    subject: str  # trích yếu: "công nhận mô hình, điển hình “Dân vận khéo” năm 2026"
    signature: Signature
    # the issuing body as written in running text: "Ban Tuyên giáo và Dân vận Thành ủy"
    issuer_name: str = ""
    legal_bases: Sequence[str] = ()  # "Căn cứ …" paragraphs
    body: Sequence[str] = ()  # free paragraphs (plans, reports, notices)
    enacting_line: str | None = None  # "QUYẾT ĐỊNH", centred bold before the articles
    articles: Sequence[str] = ()  # numbered "Điều 1.", "Điều 2."…; "\n" starts a new paragraph
    recipients: Sequence[str] = ()
    archive: str = "Văn phòng"  # the last recipient line: "- Lưu Văn phòng."
    annex: Annex | None = None
    keywords: Sequence[str] = ()

    @property
    def title(self) -> str:
        """ "Quyết định số 12-QĐ/BTGDV công nhận …" — the document's title property."""
        return f"{self.type_title.strip().capitalize()} số {self.number} {self.subject}".strip()

    @property
    def author(self) -> str:
        return " ".join(self.issuing_body.split())


def render_party_document(doc: PartyDocument, fmt: PartyFormat = HD36) -> bytes:
    """The document as DOCX bytes."""
    document = start_party_document(doc, fmt)
    _body(document, doc, fmt)
    return finish_party_document(document, doc, fmt)


def start_party_document(doc: PartyDocument, fmt: PartyFormat = HD36):
    """A python-docx document with the page, styles and properties set up and the header and
    title blocks written: the part every Party document shares. Other renderers (reports) write
    their own body after it and call `finish_party_document`."""
    document = docx.Document()
    _set_up_styles(document, fmt)
    _set_up_page(document, fmt)
    _set_properties(document, doc, fmt)
    _header_block(document, doc, fmt)
    _title_block(document, doc, fmt)
    return document


def finish_party_document(document, doc: PartyDocument, fmt: PartyFormat = HD36) -> bytes:
    """The signature block beside "Nơi nhận:", the annex if any, and the DOCX bytes."""
    _signature_block(document, doc, fmt)
    if doc.annex is not None:
        _annex(document, doc, doc.annex, fmt)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def annex_reference(doc: PartyDocument) -> str:
    """ "(Kèm theo Quyết định số 12-QĐ/BTGDV, ngày 09-01-2026 của Ban Tuyên giáo và Dân vận Thành ủy)"."""
    issuer = f" của {doc.issuer_name}" if doc.issuer_name else ""
    kind = doc.type_title.strip().capitalize()
    return f"(Kèm theo {kind} số {doc.number}, ngày {short_date(doc.date)}{issuer})"


# --- page, styles, properties ----------------------------------------------------------------------


def _set_up_page(document, fmt: PartyFormat) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(fmt.page_width_mm)
    section.page_height = Mm(fmt.page_height_mm)
    section.top_margin = Mm(fmt.margin_top_mm)
    section.bottom_margin = Mm(fmt.margin_bottom_mm)
    section.left_margin = Mm(fmt.margin_left_mm)
    section.right_margin = Mm(fmt.margin_right_mm)
    section.header_distance = Mm(fmt.page_number_top_mm)
    section.gutter = Mm(0)
    if fmt.mirror_margins:
        settings = document.settings.element
        _insert_ordered(settings, OxmlElement("w:mirrorMargins"), _SETTINGS_ORDER)

    # Page numbers: none on page 1 (an empty first-page header), centred on the others.
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number_field(paragraph, fmt.page_number_style, fmt)


def _set_up_styles(document, fmt: PartyFormat) -> None:
    normal = document.styles["Normal"]
    normal.font.name = fmt.font_name
    normal.font.size = Pt(fmt.body_style.size)
    _all_scripts_font(normal.element.get_or_add_rPr(), fmt.font_name)
    _language(normal.element.get_or_add_rPr(), fmt.language)
    paragraph_format = normal.paragraph_format
    paragraph_format.space_before = Pt(0)
    paragraph_format.space_after = Pt(0)
    paragraph_format.line_spacing = 1.0
    # the document defaults too, so table styles, headers and anything Word adds later match
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        run_defaults = defaults.find(qn("w:rPrDefault"))
        if run_defaults is not None and run_defaults.find(qn("w:rPr")) is not None:
            rpr = run_defaults.find(qn("w:rPr"))
            _all_scripts_font(rpr, fmt.font_name)
            _language(rpr, fmt.language)


def _set_properties(document, doc: PartyDocument, fmt: PartyFormat) -> None:
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0, tzinfo=None)
    props = document.core_properties
    props.title = doc.title
    props.subject = doc.subject
    props.author = doc.author
    props.last_modified_by = doc.author
    props.language = fmt.language
    props.keywords = ", ".join(doc.keywords)
    props.comments = ""
    props.category = doc.type_title.strip().capitalize()
    props.identifier = doc.number
    props.created = now
    props.modified = now
    props.revision = 1


# --- blocks ---------------------------------------------------------------------------------------


def _header_block(document, doc: PartyDocument, fmt: PartyFormat) -> None:
    """A borderless 2×2 table: bodies and "*" | Party title with its rule; "Số …" | place, date.

    Two rows so that "Số …" and the place–date line share a baseline, as on printed documents.
    """
    widths = (fmt.header_left_width_mm, fmt.header_right_width_mm)
    table = _layout_table(document, rows=2, widths_mm=widths)
    left_top, right_top = table.rows[0].cells
    left_bottom, right_bottom = table.rows[1].cells
    for row in table.rows:
        _row_properties(row, repeat_as_header=False)

    paragraph = left_top.paragraphs[0]
    if doc.superior_body.strip():
        _centred_lines(paragraph, doc.superior_body, fmt.superior_body_style, fmt)
        paragraph = left_top.add_paragraph()
    _centred_lines(paragraph, doc.issuing_body, fmt.issuing_body_style, fmt)
    _centred_lines(left_top.add_paragraph(), fmt.issuing_body_mark, fmt.issuing_body_style, fmt)

    title = right_top.paragraphs[0]
    _centred_lines(title, fmt.party_title, fmt.party_title_style, fmt)
    # The solid rule under the title, about as long as the title: a bottom border on the
    # title's paragraph, indented from both sides of the cell.
    cell_text_mm = fmt.header_right_width_mm - 2 * _CELL_MARGIN_MM
    rule_mm = bold_caps_width_pt(fmt.party_title, fmt.party_title_style.size) * 25.4 / 72
    indent = max((cell_text_mm - rule_mm) / 2, 0)
    title.paragraph_format.left_indent = Mm(indent)
    title.paragraph_format.right_indent = Mm(indent)
    _bottom_border(title)

    _centred_lines(left_bottom.paragraphs[0], number_line(doc.number, fmt), fmt.number_style, fmt)
    place_date = right_bottom.paragraphs[0]
    _centred_lines(place_date, date_line(doc.place, doc.date), fmt.date_line_style, fmt)
    for cell in (left_bottom, right_bottom):
        cell.paragraphs[0].paragraph_format.space_before = Pt(fmt.body_space_after_pt)


def _title_block(document, doc: PartyDocument, fmt: PartyFormat) -> None:
    title = document.add_paragraph()
    title.paragraph_format.space_before = Pt(fmt.type_title_style.size * 1.5)
    _centred_lines(title, doc.type_title.strip().upper(), fmt.type_title_style, fmt)
    if doc.subject.strip():
        _centred_lines(document.add_paragraph(), doc.subject.strip(), fmt.subject_style, fmt)
    rule = document.add_paragraph()
    _centred_lines(rule, fmt.subject_rule, fmt.subject_style, fmt)
    rule.paragraph_format.space_after = Pt(fmt.body_space_after_pt * 2)


def _body(document, doc: PartyDocument, fmt: PartyFormat) -> None:
    for text in [*doc.legal_bases, *doc.body]:
        for line in _paragraphs(text):
            _run(_body_paragraph(document, fmt), line, fmt.body_style, fmt)
    if doc.enacting_line:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_before = Pt(fmt.body_space_after_pt)
        paragraph.paragraph_format.space_after = Pt(fmt.body_space_after_pt)
        _centred_lines(paragraph, doc.enacting_line.strip(), TextStyle(fmt.body_style.size, bold=True), fmt)
    for number, article in enumerate(doc.articles, start=1):
        first, *rest = _paragraphs(article) or [""]
        paragraph = _body_paragraph(document, fmt)
        _run(paragraph, f"Điều {number}.", TextStyle(fmt.body_style.size, bold=True), fmt)
        _run(paragraph, f" {first}", fmt.body_style, fmt)
        for line in rest:
            _run(_body_paragraph(document, fmt), line, fmt.body_style, fmt)


def _signature_block(document, doc: PartyDocument, fmt: PartyFormat) -> None:
    """ "Nơi nhận:" and its list on the left, the signature block on the right, side by side.

    The last paragraph of the body and the spacer stay on the page of the signature block: a
    signature is never alone on the last page."""
    body = document.paragraphs
    if body:
        body[-1].paragraph_format.keep_with_next = True
    spacer = document.add_paragraph()
    spacer.paragraph_format.space_after = Pt(fmt.body_space_after_pt)
    spacer.paragraph_format.keep_with_next = True
    widths = (fmt.signature_left_width_mm, fmt.signature_right_width_mm)
    table = _layout_table(document, rows=1, widths_mm=widths)
    _row_properties(table.rows[0], repeat_as_header=False)  # the block never splits
    recipients_cell, signature_cell = table.rows[0].cells

    label = recipients_cell.paragraphs[0]
    _run(label, fmt.recipients_label, fmt.recipients_label_style, fmt)
    lines = [_recipient_line(text) for text in doc.recipients]
    lines.append(f"- {fmt.archive_prefix} {doc.archive.strip().rstrip('.')}.")
    for line in lines:
        _run(recipients_cell.add_paragraph(), line, fmt.recipients_style, fmt)

    signature = doc.signature
    paragraph = signature_cell.paragraphs[0]
    if signature.authority:
        _centred_lines(paragraph, signature.authority.strip().upper(), fmt.authority_style, fmt)
        paragraph = signature_cell.add_paragraph()
    _centred_lines(paragraph, signature.position.strip().upper(), fmt.position_style, fmt)
    name = signature_cell.add_paragraph()
    name.paragraph_format.space_before = Pt(fmt.signature_space_mm * 72 / 25.4)
    _centred_lines(name, signature.name.strip(), fmt.signer_style, fmt)


def _annex(document, doc: PartyDocument, annex: Annex, fmt: PartyFormat) -> None:
    title = document.add_paragraph()
    title.paragraph_format.page_break_before = True
    _centred_lines(title, annex.title.strip(), fmt.annex_title_style, fmt)
    reference = annex.reference if annex.reference is not None else annex_reference(doc)
    if reference:
        _centred_lines(document.add_paragraph(), reference, fmt.annex_reference_style, fmt)
    rule = document.add_paragraph()
    _centred_lines(rule, fmt.subject_rule, fmt.annex_title_style, fmt)
    rule.paragraph_format.space_after = Pt(fmt.body_space_after_pt)

    columns = list(annex.columns)
    widths = list(annex.column_widths_mm or _default_widths(len(columns), fmt.text_width_mm))
    if len(widths) != len(columns):
        raise ValueError("an annex needs one width per column")
    # short leading columns (the "TT" number) read better centred
    centred = [index == 0 and widths[0] <= 15 for index in range(len(columns))]
    rows = [[str(text) for text in values] for values in annex.rows]
    if any(len(values) != len(columns) for values in rows):
        raise ValueError("every annex row needs one value per column")
    grid_table(document, columns, rows, widths, fmt, centred=centred)


def grid_table(
    document,
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths_mm: Sequence[float],
    fmt: PartyFormat,
    *,
    centred: Sequence[bool],
):
    """A ruled data table (annex lists, report tables): a bold header row that repeats on every
    page, rows that never split, fixed column widths; `centred` says which columns centre their
    cells (the others align left)."""
    table = document.add_table(rows=1, cols=len(columns))
    table.style = document.styles["Table Grid"]
    _fix_widths(table, widths_mm)
    header = table.rows[0]
    _row_properties(header, repeat_as_header=True)
    for cell, text in zip(header.cells, columns, strict=True):
        _table_cell_text(cell, text, fmt.annex_table_header_style, fmt, centred=True)
    for values in rows:
        row = table.add_row()
        _row_properties(row, repeat_as_header=False)
        for cell, text, centre in zip(row.cells, values, centred, strict=True):
            _table_cell_text(cell, text, fmt.annex_table_style, fmt, centred=centre)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
    return table


# --- helpers --------------------------------------------------------------------------------------

_CELL_MARGIN_MM = 1.0

_SETTINGS_ORDER = (
    "w:writeProtection",
    "w:view",
    "w:zoom",
    "w:removePersonalInformation",
    "w:removeDateAndTime",
    "w:doNotDisplayPageBoundaries",
    "w:displayBackgroundShape",
    "w:printPostScriptOverText",
    "w:printFractionalCharacterWidth",
    "w:printFormsData",
    "w:embedTrueTypeFonts",
    "w:embedSystemFonts",
    "w:saveSubsetFonts",
    "w:saveFormsData",
    "w:mirrorMargins",
)
_TBLPR_ORDER = (
    "w:tblStyle",
    "w:tblpPr",
    "w:tblOverlap",
    "w:bidiVisual",
    "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize",
    "w:tblW",
    "w:jc",
    "w:tblCellSpacing",
    "w:tblInd",
    "w:tblBorders",
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
)
_TRPR_ORDER = (
    "w:cnfStyle",
    "w:divId",
    "w:gridBefore",
    "w:gridAfter",
    "w:wBefore",
    "w:wAfter",
    "w:cantSplit",
    "w:trHeight",
    "w:tblHeader",
    "w:tblCellSpacing",
    "w:jc",
    "w:hidden",
)
_PPR_ORDER = (
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
)


def _insert_ordered(parent, child, order: Sequence[str]) -> None:
    """Insert `child` where the schema's sequence puts it (Word rejects misplaced elements)."""
    existing = parent.find(child.tag)
    if existing is not None:
        parent.remove(existing)
    rank = {qn(tag): index for index, tag in enumerate(order)}
    own = rank.get(child.tag, len(order))
    for sibling in parent:
        if rank.get(sibling.tag, -1) > own:
            sibling.addprevious(child)
            return
    parent.append(child)


def _all_scripts_font(rpr, font_name: str) -> None:
    """Name the font for every script slot (Word picks the East Asian or complex slot for some
    characters) and drop theme fonts, which would override the name."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), font_name)


def _language(rpr, language: str) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), language)


def _run(paragraph, text: str, style: TextStyle, fmt: PartyFormat):
    """A run with every property set explicitly, so the document reads the same in any editor."""
    run = paragraph.add_run()
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if index:
            run.add_break()
        run.add_text(line)
    font = run.font
    font.name = fmt.font_name
    font.size = Pt(style.size)
    font.bold = style.bold
    font.italic = style.italic
    font.underline = style.underline
    _all_scripts_font(run._r.get_or_add_rPr(), fmt.font_name)
    return run


def _centred_lines(paragraph, text: str, style: TextStyle, fmt: PartyFormat) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(paragraph, text, style, fmt)


def _body_paragraph(document, fmt: PartyFormat):
    paragraph = document.add_paragraph()
    paragraph_format = paragraph.paragraph_format
    paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph_format.first_line_indent = Mm(fmt.body_first_line_indent_mm)
    paragraph_format.space_after = Pt(fmt.body_space_after_pt)
    paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph_format.line_spacing = Pt(fmt.body_line_spacing_pt)
    return paragraph


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _recipient_line(text: str) -> str:
    """ "- Như Điều 3," — a dash before and a comma after each recipient, as Party documents do."""
    line = text.strip()
    if not line.startswith("-"):
        line = f"- {line}"
    if line[-1] not in ",;.:":
        line += ","
    return line


def _bottom_border(paragraph) -> None:
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), "6")  # eighths of a point: a 0.75 pt line
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    _insert_ordered(paragraph._p.get_or_add_pPr(), borders, _PPR_ORDER)


def _layout_table(document, *, rows: int, widths_mm: Sequence[float]):
    """A borderless table used for layout only (header block, signature block)."""
    table = document.add_table(rows=rows, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    _insert_ordered(tbl_pr, borders, _TBLPR_ORDER)
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(round(_CELL_MARGIN_MM * 1440 / 25.4)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    _insert_ordered(tbl_pr, margins, _TBLPR_ORDER)
    _fix_widths(table, widths_mm)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    return table


def _fix_widths(table, widths_mm: Sequence[float]) -> None:
    """Fixed layout with explicit grid widths: Word reads the cell widths, LibreOffice the grid."""
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    total = OxmlElement("w:tblW")
    total.set(qn("w:w"), str(round(sum(widths_mm) * 1440 / 25.4)))
    total.set(qn("w:type"), "dxa")
    _insert_ordered(table._tbl.tblPr, total, _TBLPR_ORDER)


def _row_properties(row, *, repeat_as_header: bool) -> None:
    """Rows never split across pages; the header row repeats at the top of each page."""
    tr_pr = row._tr.get_or_add_trPr()
    _insert_ordered(tr_pr, OxmlElement("w:cantSplit"), _TRPR_ORDER)
    if repeat_as_header:
        _insert_ordered(tr_pr, OxmlElement("w:tblHeader"), _TRPR_ORDER)


def _table_cell_text(cell, text: str, style: TextStyle, fmt: PartyFormat, *, centred: bool) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT
    paragraph.paragraph_format.space_before = Pt(2)
    paragraph.paragraph_format.space_after = Pt(2)
    _run(paragraph, text, style, fmt)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _default_widths(count: int, total_mm: float) -> list[float]:
    """A narrow first column for the ordinal ("TT"), the rest shared equally."""
    if count == 1:
        return [total_mm]
    first = 12.0
    rest = (total_mm - first) / (count - 1)
    return [first, *([rest] * (count - 1))]


def _page_number_field(paragraph, style: TextStyle, fmt: PartyFormat) -> None:
    """A PAGE field (Word and LibreOffice compute it on layout); "1" is the cached result."""

    def field_char(kind: str):
        run = _run(paragraph, "", style, fmt)
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._r.append(element)

    field_char("begin")
    instruction = _run(paragraph, "", style, fmt)
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = " PAGE "
    instruction._r.append(text)
    field_char("separate")
    _run(paragraph, "1", style, fmt)
    field_char("end")
