"""A decision's documents: the decision with its annexed list as DOCX in the Party format, and a
certificate per recognized model or exemplar as PDF. The content comes from the decision; the
layout from `danvan.documents` (one place for the format)."""

from __future__ import annotations

import re

from danvan.awards.models import Decision, DecisionEntry
from danvan.awards.services import issuer_name, level_phrase, place_of
from danvan.awards.workflow import DecisionKind
from danvan.documents import media
from danvan.documents.certificate import Certificate, render_certificate_pdf
from danvan.documents.docx import Annex, PartyDocument, Signature, render_party_document
from danvan.documents.party_format import HD36, PartyFormat
from danvan.initiatives.models import Holder, Kind

RECOGNITION_COLUMNS = ("STT", "Tên mô hình, điển hình", "Đơn vị thực hiện", "Lĩnh vực", "Tiêu biểu")
RECOGNITION_WIDTHS_MM = (14, 62, 45, 27, 17)
COMMENDATION_COLUMNS = ("STT", "Tập thể, cá nhân", "Chức vụ, đơn vị", "Thành tích")
COMMENDATION_WIDTHS_MM = (14, 50, 47, 54)
DOCX = media.DOCX


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _recipient(line: str) -> str:
    # the renderer adds "- " and the closing punctuation; people type them too
    return line.lstrip("-–• ").rstrip(";.,")


def signature(decision: Decision) -> Signature:
    return Signature(
        authority=decision.signer_authority or None,
        position=decision.signer_position.upper(),
        name=decision.signer_name,
    )


def _entries(decision: Decision) -> list[DecisionEntry]:
    return list(
        decision.entries.select_related(
            "initiative__owner_unit", "initiative__field", "proposal__recipient_unit", "proposal__initiative"
        ).order_by("position", "id")
    )


def _executes(decision: Decision) -> str:
    """The last article: who carries the decision out, and when it takes effect."""
    who = (decision.executors or "Các cơ quan, đơn vị liên quan").strip().rstrip(",;.")
    return (
        f"{who}, các tập thể, cá nhân có tên tại Điều 1 căn cứ Quyết định thi hành.\n"
        "Quyết định có hiệu lực kể từ ngày ký."
    )


def _count(n: int) -> str:
    return f"{n:02d}"


def party_document(decision: Decision) -> PartyDocument:
    """The decision as the Party document it is."""
    entries = _entries(decision)
    issuer = issuer_name(decision)
    year = decision.date.year
    if decision.kind == DecisionKind.RECOGNITION:
        typical = sum(1 for e in entries if e.typical)
        level = level_phrase(decision.issuing_unit)
        first = (
            f"Công nhận {_count(len(entries))} mô hình, điển hình “Dân vận khéo” {level} "
            f"năm {year} (có danh sách kèm theo)"
        )
        if typical:
            first += f"; trong đó có {_count(typical)} mô hình, điển hình tiêu biểu"
        articles = (
            first + ".",
            "Các tập thể, cá nhân có mô hình, điển hình được công nhận tiếp tục duy trì, phát huy hiệu quả "
            f"và nhân rộng mô hình; định kỳ báo cáo kết quả thực hiện về {issuer}.",
            _executes(decision),
        )
        rows = [
            (
                str(number),
                e.initiative.name,
                e.initiative.owner_unit.name,
                e.initiative.field.name,
                "x" if e.typical else "",
            )
            for number, e in enumerate(entries, start=1)
        ]
        annex = Annex(
            title="DANH SÁCH\nMÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” ĐƯỢC CÔNG NHẬN",
            columns=RECOGNITION_COLUMNS,
            rows=rows,
            column_widths_mm=RECOGNITION_WIDTHS_MM,
        )
        keywords = ("Dân vận khéo", "công nhận", "mô hình", "điển hình")
    else:
        form = decision.award_form
        collectives = sum(1 for e in entries if e.proposal.holder == Holder.COLLECTIVE)
        individuals = len(entries) - collectives
        whom = " và ".join(
            part
            for part in (
                f"{_count(collectives)} tập thể" if collectives else "",
                f"{_count(individuals)} cá nhân" if individuals else "",
            )
            if part
        )
        citation = (
            f" đã có thành tích xuất sắc {decision.citation.strip()}" if decision.citation.strip() else ""
        )
        articles = (
            f"Tặng {form.name} cho {whom} (có danh sách kèm theo){citation}.",
            _executes(decision),
        )
        rows = [
            (
                str(number),
                e.proposal.recipient_name,
                e.proposal.recipient_position
                or (e.proposal.recipient_unit.name if e.proposal.recipient_unit else ""),
                e.proposal.achievements or (e.proposal.initiative.name if e.proposal.initiative else ""),
            )
            for number, e in enumerate(entries, start=1)
        ]
        annex = Annex(
            title=f"DANH SÁCH\nTẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG {form.name.upper()}",
            columns=COMMENDATION_COLUMNS,
            rows=rows,
            column_widths_mm=COMMENDATION_WIDTHS_MM,
        )
        keywords = ("Dân vận khéo", "khen thưởng", form.name)
    return PartyDocument(
        superior_body=decision.superior_heading,
        issuing_body=decision.issuer_heading,
        issuer_name=issuer,
        number=decision.symbol or f"…-QĐ/{decision.issuer_code}",
        place=place_of(decision.issuing_body),
        date=decision.date,
        type_title="QUYẾT ĐỊNH",
        subject=decision.subject,
        legal_bases=tuple(_lines(decision.bases)),
        enacting_line="QUYẾT ĐỊNH",
        articles=articles,
        signature=signature(decision),
        recipients=tuple(_recipient(line) for line in _lines(decision.recipients)),
        archive=decision.archive or "Văn phòng",
        annex=annex if rows else None,
        keywords=keywords,
    )


def decision_docx(decision: Decision, fmt: PartyFormat = HD36) -> bytes:
    return render_party_document(party_document(decision), fmt)


def _code(decision: Decision) -> str:
    """The issuer abbreviation in ASCII for a file name ("ĐU" → "DU")."""
    from danvan.core.text import fold

    return re.sub(r"[^a-z0-9-]+", "-", fold(decision.issuer_code)).strip("-").upper()


def docx_filename(decision: Decision) -> str:
    """ "quyet-dinh-12-QD-BTGDV.docx" (a draft: "du-thao-quyet-dinh-<id>.docx")."""
    if not decision.number:
        return f"du-thao-quyet-dinh-{decision.pk}.docx"
    return f"quyet-dinh-{decision.number}-QD-{_code(decision)}.docx"


def certificate(entry: DecisionEntry) -> Certificate:
    decision = entry.decision
    initiative = entry.initiative
    kind = "exemplar" if initiative.kind == Kind.EXEMPLAR else "model"
    return Certificate(
        superior_body=decision.superior_heading,
        issuing_body=decision.issuer_heading,
        issuer_name=issuer_name(decision),
        kind=kind,
        name=initiative.name,
        owner=initiative.owner_unit.name,
        year=decision.date.year,
        level=level_phrase(decision.issuing_unit),
        decision_number=decision.symbol,
        decision_date=decision.date,
        place=place_of(decision.issuing_body),
        signature=signature(decision),
    )


def certificate_pdf(entry: DecisionEntry, fmt: PartyFormat = HD36) -> bytes:
    return render_certificate_pdf(certificate(entry), fmt)


def certificate_filename(entry: DecisionEntry) -> str:
    return f"giay-chung-nhan-{entry.decision.number}-QD-{_code(entry.decision)}-{entry.position:02d}.pdf"
