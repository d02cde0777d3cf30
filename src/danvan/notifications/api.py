"""The caller's own notifications under /api/v1/notifications. Another user's notification does
not exist for the caller (404); writes go through `services`."""

from __future__ import annotations

from datetime import datetime

from django.http import Http404
from ninja import Query, Router, Schema
from pydantic import Field as Param

from danvan.core.api import DEFAULT_LIMIT, MAX_ID, MAX_LIMIT, Page, paginate
from danvan.notifications import services
from danvan.notifications.models import Notification

router = Router(tags=["notifications"])


class Ref(Schema):
    id: int
    name: str


class NotificationOut(Schema):
    id: int
    key: str = Param(description="what it is about; a recipient gets one notification per key")
    subject: str
    body: str
    url: str = Param(description="the page it is about: a path of this site, or empty")
    unit: Ref | None
    created_at: datetime
    read_at: datetime | None
    read: bool

    @staticmethod
    def resolve_read(obj) -> bool:
        return obj.read_at is not None


class ListParams(Schema):
    unread: bool | None = Param(None, description="true: only unread ones; false: only read ones")
    limit: int = Param(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Param(0, ge=0)


class MarkedOut(Schema):
    count: int = Param(description="how many notifications were marked read")


def _own(request, notification_id: int) -> Notification:
    if not 1 <= notification_id <= MAX_ID:
        raise Http404
    notification = (
        Notification.objects.of(request.user).select_related("unit").filter(pk=notification_id).first()
    )
    if notification is None:
        raise Http404
    return notification


@router.get("", response=Page[NotificationOut], summary="Thông báo của tôi")
def list_notifications(request, params: Query[ListParams]):
    """The caller's notifications, newest first."""
    qs = Notification.objects.of(request.user).select_related("unit")
    if params.unread is not None:
        qs = qs.filter(read_at__isnull=params.unread)
    count, items = paginate(qs, params.limit, params.offset)
    return {"count": count, "items": items}


@router.post("/read-all", response=MarkedOut, summary="Đánh dấu đã đọc tất cả thông báo")
def read_all(request):
    return {"count": services.mark_all_read(request.user)}


@router.post("/{notification_id}/read", response=NotificationOut, summary="Đánh dấu đã đọc một thông báo")
def read(request, notification_id: int):
    notification = _own(request, notification_id)
    services.mark_read(notification, actor=request.user)
    return notification
