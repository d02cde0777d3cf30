"""Files of a training session, checked as evidence of models is (`initiatives.evidence`): the
type is decided by the bytes, never by the name; photos are verified and get a thumbnail.
Accepted: what evidence accepts (JPEG, PNG, WebP photos; PDF; DOCX; XLSX) and PowerPoint (PPTX)
slides, the usual form of a lecture."""

from __future__ import annotations

import io
import zipfile

from django.utils.translation import gettext as _

from danvan.core.services import ServiceError
from danvan.initiatives import evidence
from danvan.training.models import MaterialKind

MAX_BYTES = evidence.MAX_BYTES
ACCEPT = ".jpg,.jpeg,.png,.webp,.pdf,.docx,.xlsx,.pptx"
OFFICE = "application/vnd.openxmlformats-officedocument"
CONTENT_TYPES = {
    MaterialKind.PDF: "application/pdf",
    MaterialKind.DOCX: f"{OFFICE}.wordprocessingml.document",
    MaterialKind.XLSX: f"{OFFICE}.spreadsheetml.sheet",
    MaterialKind.PPTX: f"{OFFICE}.presentationml.presentation",
}


def _is_presentation(data: bytes) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except zipfile.BadZipFile:
        return False
    return "[Content_Types].xml" in names and "ppt/presentation.xml" in names


def check(upload) -> tuple[str, bytes]:
    """(kind, bytes) of an uploaded file, or a ServiceError saying what is wrong."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_BYTES:
        raise ServiceError(_("The file is larger than 10 MB."))
    data = upload.read()
    if len(data) > MAX_BYTES:
        raise ServiceError(_("The file is larger than 10 MB."))
    if not data:
        raise ServiceError(_("The file is empty."))
    kind = evidence.sniff(data[:16], data) or (MaterialKind.PPTX if _is_presentation(data) else None)
    if kind is None:
        raise ServiceError(
            _(
                "Only photos (JPEG, PNG, WebP), PDF, Word (DOCX), Excel (XLSX) and PowerPoint (PPTX) "
                "files are accepted."
            )
        )
    if kind == MaterialKind.PHOTO:
        evidence._verify_image(data)  # the one image check of the project
    return str(kind), data


def content_type(kind: str, head: bytes) -> str:
    if kind == MaterialKind.PHOTO:
        if head.startswith(b"\x89PNG"):
            return "image/png"
        if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
            return "image/webp"
        return "image/jpeg"
    return CONTENT_TYPES.get(kind, "application/octet-stream")


def safe_name(name: str) -> str:
    """A client's file name as stored: no path separators or control characters, not too long."""
    cleaned = "".join(ch for ch in (name or "") if ch.isprintable()).replace("/", "_").replace("\\", "_")
    return cleaned[-120:] or "file"
