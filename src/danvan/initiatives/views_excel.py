"""Excel pages of models and exemplars: export a filtered list, download the import template,
import (upload → preview or row-by-row error report → confirm: all rows or none)."""

from __future__ import annotations

import contextlib
import secrets
from datetime import timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from danvan.core.lazy import lazy_module
from danvan.core.permissions import can_anywhere
from danvan.initiatives import services

xlsx = lazy_module("danvan.initiatives.xlsx")  # builds documents: loaded by the first request that does

SESSION_KEY = "initiatives_import"
GONE = gettext_lazy("The uploaded file is no longer waiting for confirmation; upload it again.")
PREVIEW_ROWS = 300
STALE_AFTER = timedelta(days=1)
IMPORT_DIR = "imports"  # in the default storage: imports/<user id>/<random>.xlsx


# --- export -------------------------------------------------------------------------------------


def listed_initiatives(request):
    """The initiatives of the list page for the same query string (its filters and sort), and a
    Vietnamese description of the filters."""
    from danvan.initiatives.views import filtered_initiatives

    form, filters, within, _sort, qs = filtered_initiatives(request)
    return qs, _describe(form, filters, within)


def _describe(form, filters: dict, within) -> str:
    parts = []
    with translation.override("vi"):
        if within is not None:
            parts.append(f"{form.fields['within'].label}: {within.name}")
        for key, value in filters.items():
            if key in ("within", "sort"):
                continue
            if key == "kind":
                value = xlsx.KIND_LABELS.get(value, value)
            elif key == "holder":
                value = xlsx.HOLDER_LABELS.get(value, value)
            elif key == "status":
                from danvan.initiatives.workflow import Status

                value = xlsx.vi_label(Status(value))
            parts.append(f"{form.fields[key].label}: {value}")
    return "; ".join(parts)


@login_required
def export(request):
    """The filtered list as an XLSX workbook (the rows the user may see, nothing more)."""
    qs, description = listed_initiatives(request)
    content = xlsx.export_workbook(qs, user=request.user, filters_text=description)
    response = HttpResponse(content, content_type=xlsx.XLSX_TYPE)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="mo-hinh-dan-van-kheo-{stamp}.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- import -------------------------------------------------------------------------------------


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Excel file (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "class": "form-control",
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        ),
    )
    submit = forms.BooleanField(
        label=gettext_lazy("Register the models at once (otherwise they are kept as drafts)"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )


def _require_importer(user) -> None:
    if not can_anywhere(user, "initiative.change"):
        raise PermissionDenied(_("You do not have permission to do this here."))


@login_required
def import_template(request):
    """The template to fill in, with the user's units and the managed lists in drop-downs."""
    _require_importer(request.user)
    response = HttpResponse(xlsx.template_workbook(request.user), content_type=xlsx.XLSX_TYPE)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-mo-hinh-dan-van-kheo.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def import_models(request):
    _require_importer(request.user)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "confirm":
            return _confirm(request)
        if action == "cancel":
            _discard(request)
            messages.info(request, _("The import was cancelled; nothing was saved."))
            return redirect("initiatives:import")
        return _upload(request)
    return _page(request, ImportForm())


def _page(request, form, status=200):
    return render(
        request,
        "initiatives/import.html",
        {"nav": "initiatives", "form": form, "max_rows": xlsx.MAX_ROWS},
        status=status,
    )


def _report(request, result, *, filename: str, stage: str):
    return render(
        request,
        "initiatives/import_report.html",
        {"nav": "initiatives", "result": result, "filename": filename, "stage": stage, "form": ImportForm()},
    )


def _upload(request):
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form)
    upload = form.cleaned_data["file"]
    filename = (upload.name or "")[-120:]
    try:
        data = xlsx.check_upload(upload)
        result = xlsx.read_import(data, request.user)
    except xlsx.UnreadableFile as exc:
        form.add_error("file", str(exc))
        return _page(request, form)
    _discard(request)  # an earlier upload that was not confirmed
    _purge_stale(request.user)
    if not result.ok:
        return _report(request, result, filename=filename, stage="check")
    token = secrets.token_urlsafe(24)
    name = default_storage.save(f"{IMPORT_DIR}/{request.user.pk}/{token}.xlsx", ContentFile(data))
    request.session[SESSION_KEY] = {
        "token": token,
        "name": name,
        "filename": filename,
        "submit": bool(form.cleaned_data["submit"]),
    }
    # a long file: the first rows and every row with a warning are shown; the rest are alike
    shown = [r for i, r in enumerate(result.rows) if i < PREVIEW_ROWS or r.warnings]
    return render(
        request,
        "initiatives/import_preview.html",
        {
            "nav": "initiatives",
            "result": result,
            "token": token,
            "filename": filename,
            "submit": form.cleaned_data["submit"],
            "warnings": sum(1 for r in result.rows if r.warnings),
            "shown": shown,
            "not_shown": len(result.rows) - len(shown),
        },
    )


def _pending(request) -> dict | None:
    """The upload waiting for confirmation, if the confirmation comes from the same user and
    session that uploaded it."""
    pending = request.session.get(SESSION_KEY)
    token = request.POST.get("token", "")
    if not isinstance(pending, dict) or not token:
        return None
    if not constant_time_compare(token, str(pending.get("token", ""))):
        return None
    if not str(pending.get("name", "")).startswith(f"{IMPORT_DIR}/{request.user.pk}/"):
        return None
    return pending


def _discard(request) -> None:
    pending = request.session.pop(SESSION_KEY, None)
    name = str(pending.get("name", "")) if isinstance(pending, dict) else ""
    if name.startswith(f"{IMPORT_DIR}/{request.user.pk}/"):
        with contextlib.suppress(OSError):
            default_storage.delete(name)


def _purge_stale(user) -> None:
    """Delete the user's uploads left unconfirmed for a day (the session ended, the tab closed)."""
    folder = f"{IMPORT_DIR}/{user.pk}"
    with contextlib.suppress(OSError, NotImplementedError):
        _dirs, files = default_storage.listdir(folder)
        limit = timezone.now() - STALE_AFTER
        for name in files:
            if default_storage.get_modified_time(f"{folder}/{name}") < limit:
                default_storage.delete(f"{folder}/{name}")


def _create_all(result, user, *, submit: bool) -> list[xlsx.RowError]:
    """Register every row in one transaction; on any refusal nothing is kept, and every refused
    row is reported."""
    rows = result.rows
    try:
        services.register_initiatives(
            [(row.owner, dict(row.data), row.topics) for row in rows], actor=user, submit=submit
        )
    except services.RowsRefused as refused:
        return [xlsx.RowError(rows[index].row, "", message) for index, message in refused.refusals.items()]
    return []


def _confirm(request):
    pending = _pending(request)
    if pending is None:
        messages.error(request, GONE)
        return redirect("initiatives:import")
    try:
        with default_storage.open(pending["name"], "rb") as handle:
            data = handle.read()
    except OSError:
        request.session.pop(SESSION_KEY, None)
        messages.error(request, GONE)
        return redirect("initiatives:import")
    filename = pending.get("filename", "")
    try:
        # read again: the file is the same, but permissions and lists may have changed meanwhile
        result = xlsx.read_import(data, request.user)
    except xlsx.UnreadableFile as exc:
        _discard(request)
        messages.error(request, str(exc))
        return redirect("initiatives:import")
    if result.ok:
        result.errors = _create_all(result, request.user, submit=bool(pending.get("submit")))
    if not result.ok:
        _discard(request)
        return _report(request, result, filename=filename, stage="save")
    _discard(request)
    count = len(result.rows)
    messages.success(
        request,
        ngettext(
            "%(count)s model or exemplar was imported.",
            "%(count)s models and exemplars were imported.",
            count,
        )
        % {"count": count},
    )
    return redirect("initiatives:list")


urlpatterns = [
    path("export/", export, name="export"),
    path("import/", import_models, name="import"),
    path("import/template/", import_template, name="import_template"),
]
