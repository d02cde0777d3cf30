"""Keep Python's full garbage collections off the requests (issue #8).

A worker holds ~260,000 long-lived objects once it has served a page (Django, the URL
configuration, the templates, the translations). Python's collector scans all of them
in each full collection, which comes every few requests as the requests' objects pile up: a pause
of 85–140 ms in one request in eight, measured on the models' search (`docs/benchmarks.md`). Once
the worker is warm, :func:`gc.freeze` moves what is there to a generation the collector never
scans; what the requests create afterwards is collected as before. Objects frozen are still freed
when nothing refers to them; only reference cycles among them would stay, and
:func:`gc.collect` has removed those just before.
"""

from __future__ import annotations

import gc
import threading

from django.core.signals import request_finished

# after the first request (the URL configuration, templates and translations are loaded), and again
# once the other pages have been seen
FREEZE_AFTER = (1, 200)


def freeze_when_warm(after: tuple[int, ...] = FREEZE_AFTER) -> None:
    """Freeze what the worker holds after each of these numbers of requests (the WSGI entry
    point calls it once per worker)."""
    lock = threading.Lock()
    served = [0]
    last = max(after)

    def finished(sender, **kwargs) -> None:
        with lock:
            served[0] += 1
            count = served[0]
        if count in after:
            gc.collect()
            gc.freeze()
        if count >= last:
            request_finished.disconnect(dispatch_uid=UID)

    request_finished.connect(finished, weak=False, dispatch_uid=UID)


UID = "danvan.core.collector"
