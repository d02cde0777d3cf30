from django.utils.functional import SimpleLazyObject

from danvan.core.permissions import can_anywhere
from danvan.reception.workflow import VIEW


def navigation(request):
    """`show_reception_nav` for the menu: whether the user may see citizen reception anywhere,
    decided only when a page shows the menu (the user's grants are read once per request)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"show_reception_nav": SimpleLazyObject(lambda: can_anywhere(user, VIEW))}
