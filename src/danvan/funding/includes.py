"""What the funding app lends other pages: the support a model received, for the model's page.

Plug in (initiatives/views.py `_detail_context` and templates/initiatives/detail.html)::

    from danvan.funding.includes import initiative_support_context
    context.update(initiative_support_context(request, initiative))

    {% include "funding/_initiative_support.html" %}

Read-only: the totals come from the metric `funding.model_support`; the rows are those the
viewer may see (anyone who may see the model sees the support every level gave it)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from danvan.core.permissions import can
from danvan.funding import queries
from danvan.funding.models import Purpose
from danvan.funding.services import CHANGE


def initiative_support_context(request, initiative) -> dict:
    support = queries.initiative_support(initiative)
    may_record = can(request.user, CHANGE, initiative.owner_unit)
    query = urlencode({"initiative": initiative.pk, "purpose": Purpose.MODEL_SUPPORT})
    return {
        "funding_support": {
            **support,
            "record_url": f"{reverse('funding:expenditure_new')}?{query}" if may_record else "",
        }
    }
