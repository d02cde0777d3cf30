"""The user's own notifications: the list, and marking one or all read. Another user's
notification does not exist for them (404). Views read through the queryset and write only
through `services`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from danvan.notifications import services
from danvan.notifications.models import Notification

PAGE_SIZE = 25


def _own_or_404(user, notification_id: int) -> Notification:
    notification = Notification.objects.of(user).filter(pk=notification_id).first()
    if notification is None:
        raise Http404
    return notification


def _inside(request, url: str) -> bool:
    return bool(url) and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


@login_required
def notification_list(request):
    unread_only = request.GET.get("unread") == "1"
    qs = Notification.objects.of(request.user).select_related("unit")
    if unread_only:
        qs = qs.unread()
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "nav": "notifications",
        "page": page,
        "unread_only": unread_only,
        "unread_total": services.unread_count(request.user),
    }
    return render(request, "notifications/list.html", context)


@login_required
@require_POST
def mark_read(request, notification_id: int):
    """Mark it read and open what it is about."""
    notification = _own_or_404(request.user, notification_id)
    services.mark_read(notification, actor=request.user)
    if _inside(request, notification.url):
        return redirect(notification.url)
    return redirect("notifications:list")


@login_required
@require_POST
def mark_all_read(request):
    count = services.mark_all_read(request.user)
    if count:
        messages.success(
            request,
            ngettext(
                "%(count)d notification marked as read.", "%(count)d notifications marked as read.", count
            )
            % {"count": count},
        )
    return redirect("notifications:list")


urlpatterns = [
    path("", notification_list, name="list"),
    path("read-all/", mark_all_read, name="read_all"),
    path("<int:notification_id>/read/", mark_read, name="read"),
]
