"""Progress reports with evidence files through the pages: real photos get thumbnails and are
served only to those who may see the model; files that lie about their type change nothing."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.urls import reverse
from PIL import Image

from danvan.initiatives.models import Evidence, EvidenceKind, ProgressUpdate
from tests.initiatives.conftest import jpeg_bytes, png_bytes, upload, vi_plain

pytestmark = pytest.mark.django_db


def report(client, initiative, files=(), captions=(), **numbers):
    data = {"reported_on": "10/03/2026", "narrative": "Ngày hội đổi rác lấy cây xanh", **numbers}
    for i, f in enumerate(files, start=1):
        data[f"file_{i}"] = f
    for i, c in enumerate(captions, start=1):
        data[f"caption_{i}"] = c
    return client.post(reverse("initiatives:progress", args=[initiative.pk]), data)


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_photos_are_stored_with_thumbnails_and_served_to_those_who_see_the_model(personas, in_progress):
    png, jpeg = png_bytes(), jpeg_bytes()
    response = report(
        personas["owner"],
        in_progress,
        files=[upload("ra-quan.png", png, "image/png"), upload("ngay hoi.JPG", jpeg, "image/jpeg")],
        captions=["Ra quân thu gom", "Ngày hội"],
        people_reached="1.200",
        money_mobilized="12.500.000",
    )
    assert response.status_code == 302
    update = ProgressUpdate.objects.get(narrative="Ngày hội đổi rác lấy cây xanh")
    assert update.people_reached == 1200 and int(update.money_mobilized) == 12_500_000
    photos = {e.caption: e for e in Evidence.objects.filter(progress_update=update)}
    assert set(photos) == {"Ra quân thu gom", "Ngày hội"}
    for evidence in photos.values():
        assert evidence.kind == EvidenceKind.PHOTO and evidence.thumbnail
        with Image.open(evidence.thumbnail.open("rb")) as thumb:
            assert thumb.format == "JPEG" and max(thumb.size) <= 480

    page = personas["owner"].get(reverse("initiatives:detail", args=[in_progress.pk])).content.decode()
    png_url = reverse("initiatives:evidence", args=[photos["Ra quân thu gom"].pk])
    assert f'src="{png_url}?size=thumb"' in page and "/media/" not in page

    served = personas["owner"].get(png_url)
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert body(served) == png and served["Content-Disposition"].startswith("inline")
    served = personas["ancestor"].get(reverse("initiatives:evidence", args=[photos["Ngày hội"].pk]))
    assert served["Content-Type"] == "image/jpeg" and body(served) == jpeg
    thumb = personas["owner"].get(png_url + "?size=thumb")
    assert thumb["Content-Type"] == "image/jpeg" and body(thumb)[:3] == b"\xff\xd8\xff"

    assert personas["stranger"].get(png_url).status_code == 404
    assert personas["stranger"].get(png_url + "?size=thumb").status_code == 404
    assert personas["anonymous"].get(png_url).status_code == 302


def test_a_text_file_named_jpg_is_refused_and_nothing_is_saved(personas, in_progress):
    before = (ProgressUpdate.objects.count(), Evidence.objects.count())
    fake = upload("anh-hien-truong.jpg", b"day la van ban, khong phai anh\n" * 20, "image/jpeg")
    response = report(personas["owner"], in_progress, files=[upload("that.png", png_bytes()), fake])
    assert response.status_code == 200
    assert (ProgressUpdate.objects.count(), Evidence.objects.count()) == before
    expected = vi_plain(
        "Only photos (JPEG, PNG, WebP), PDF, Word (DOCX) and Excel (XLSX) files are accepted."
    )
    assert expected in [str(m) for m in response.context["messages"]]
    # the report stays on screen to be corrected
    form = response.context["progress_form"]
    assert form["narrative"].value() == "Ngày hội đổi rác lấy cây xanh" and response.context["open_panel"]


def test_a_damaged_photo_is_refused(personas, in_progress):
    broken = png_bytes()[:60]  # a PNG signature, then nothing
    response = report(personas["owner"], in_progress, files=[upload("hong.png", broken)])
    assert response.status_code == 200 and Evidence.objects.count() == 0
    assert not ProgressUpdate.objects.filter(narrative="Ngày hội đổi rác lấy cây xanh").exists()


def test_a_file_over_the_limit_is_refused(personas, in_progress, monkeypatch):
    from danvan.initiatives import evidence

    monkeypatch.setattr(evidence, "MAX_BYTES", 1000)
    response = report(personas["owner"], in_progress, files=[upload("lon.png", png_bytes((900, 900)))])
    assert response.status_code == 200 and Evidence.objects.count() == 0


def docx_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def test_documents_are_listed_and_downloaded_as_attachments(personas, in_progress):
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    response = report(
        personas["owner"],
        in_progress,
        files=[upload("bien-ban.pdf", pdf), upload("ke-hoach.docx", docx_bytes())],
        captions=["Biên bản", ""],
    )
    assert response.status_code == 302
    pdf_file = Evidence.objects.get(kind=EvidenceKind.PDF)
    word = Evidence.objects.get(kind=EvidenceKind.DOCX)
    assert not pdf_file.thumbnail and word.original_name == "ke-hoach.docx"
    page = personas["ancestor"].get(reverse("initiatives:detail", args=[in_progress.pk]))
    assert [e.pk for e in page.context["documents"]] == [word.pk, pdf_file.pk] or {
        e.pk for e in page.context["documents"]
    } == {word.pk, pdf_file.pk}
    assert page.context["photos"] == []
    served = personas["owner"].get(reverse("initiatives:evidence", args=[pdf_file.pk]))
    assert served["Content-Type"] == "application/pdf" and body(served) == pdf
    served = personas["owner"].get(reverse("initiatives:evidence", args=[word.pk]))
    assert served["Content-Type"].endswith("wordprocessingml.document")
    assert (
        served["Content-Disposition"].startswith("attachment")
        and "ke-hoach.docx" in served["Content-Disposition"]
    )


def test_a_missing_file_is_404_not_500(personas, in_progress):
    report(personas["owner"], in_progress, files=[upload("anh.png", png_bytes())])
    evidence = Evidence.objects.get()
    evidence.file.storage.delete(evidence.file.name)
    assert personas["owner"].get(reverse("initiatives:evidence", args=[evidence.pk])).status_code == 404


def test_progress_needs_a_narrative_and_sane_numbers(personas, in_progress):
    client = personas["owner"]
    url = reverse("initiatives:progress", args=[in_progress.pk])
    for bad in (
        {"narrative": ""},
        {"people_reached": "-5"},
        {"money_mobilized": "nhiều tiền"},
        {"reported_on": "31/02/2026"},
        {"land_donated_m2": "12,55"},
    ):
        data = {"reported_on": "10/03/2026", "narrative": "Có nội dung", **bad}
        response = client.post(url, data)
        assert response.status_code == 200, bad
        assert response.context["progress_form"].errors, bad
    assert ProgressUpdate.objects.filter(initiative=in_progress).count() == 0
    # a date in the future is refused by the service
    response = client.post(url, {"reported_on": "01/01/2099", "narrative": "Sau này"})
    assert response.status_code == 200 and ProgressUpdate.objects.filter(initiative=in_progress).count() == 0


def test_no_progress_on_a_draft(personas, draft):
    response = report(personas["owner"], draft)
    assert response.status_code == 200 and not ProgressUpdate.objects.filter(initiative=draft).exists()
    page = personas["owner"].get(reverse("initiatives:detail", args=[draft.pk]))
    assert "progress_form" not in page.context
