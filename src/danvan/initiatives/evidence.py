"""Evidence files: the type is decided by the bytes, never by the file name; photos get a
thumbnail. Accepted: JPEG, PNG, WebP photos; PDF; Word (DOCX) and Excel (XLSX) files."""

from __future__ import annotations

import io
import zipfile

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from danvan.core.services import ServiceError
from danvan.initiatives.models import EvidenceKind

MAX_BYTES = 10 * 1024 * 1024
THUMBNAIL_SIZE = (480, 480)


def sniff(head: bytes, data: bytes) -> str | None:
    """The evidence kind of a file's content, or None."""
    if head.startswith(b"\xff\xd8\xff") or head.startswith(b"\x89PNG\r\n\x1a\n"):
        return EvidenceKind.PHOTO
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return EvidenceKind.PHOTO
    if head.startswith(b"%PDF-"):
        return EvidenceKind.PDF
    if head.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return None
        if "[Content_Types].xml" in names:
            if "word/document.xml" in names:
                return EvidenceKind.DOCX
            if "xl/workbook.xml" in names:
                return EvidenceKind.XLSX
    return None


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
    kind = sniff(data[:16], data)
    if kind is None:
        raise ServiceError(
            _("Only photos (JPEG, PNG, WebP), PDF, Word (DOCX) and Excel (XLSX) files are accepted.")
        )
    if kind == EvidenceKind.PHOTO:
        _verify_image(data)
    return kind, data


def _verify_image(data: bytes) -> None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise ServiceError(_("The photo is damaged or not a real image.")) from exc


def thumbnail(data: bytes, name: str) -> ContentFile:
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as image:
        image = ImageOps.exif_transpose(image)
        image.thumbnail(THUMBNAIL_SIZE)
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        out = io.BytesIO()
        image.save(out, format="JPEG", quality=82, optimize=True)
    stem = name.rsplit(".", 1)[0]
    return ContentFile(out.getvalue(), name=f"{stem}-thumb.jpg")
