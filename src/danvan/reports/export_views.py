"""Downloading a report's documents from the pages: `/reports/<pk>/export/<fmt>/` (the URL is
the pages' `reports/urls.py`); the API's `GET /api/v1/reports/{id}/export` answers the same way."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from danvan.core.lazy import lazy_module
from danvan.reports import services
from danvan.reports.models import Report

documents = lazy_module("danvan.reports.documents")  # builds documents: loaded by the first request that does


def file_response(report: Report, fmt: str, *, api: bool = False) -> HttpResponse:
    """The report's document as an attachment; 503 when a PDF cannot be printed here."""
    try:
        data = documents.render(report, fmt)
    except documents.DocumentError:
        message = _("The server cannot print PDF documents: LibreOffice is not installed.")
        if api:
            return JsonResponse({"detail": message}, status=503)
        return HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(data, content_type=documents.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{documents.filename(report, fmt)}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def export(request, pk: int, fmt: str):
    """The report as DOCX (the Party document), XLSX (its appendices) or PDF, for anyone who may
    see it; any other report or format does not exist (404)."""
    if fmt not in documents.CONTENT_TYPES:
        raise Http404
    report = (
        services.visible_reports(request.user)
        .select_related("unit__unit_type", "unit__area", "period__regime__issuing_unit")
        .filter(pk=pk)
        .first()
    )
    if report is None:
        raise Http404
    return file_response(report, fmt)
