"""Give back the memory a document took, once its response is sent (issue #8, worker memory).

Building a report's DOCX and XLSX, or reading an uploaded spreadsheet of thousands of rows, makes
tens of megabytes of small objects (lxml elements, openpyxl cells). Python frees them when the
request ends, but the C allocator (glibc) keeps the freed pages for later, so the worker stays
that much larger for the rest of its life: measured in a shell after five DOCX and five XLSX of a
province's annual report, 212 MB, and 171 MB once the free pages were given back (2.9 ms).

A request that uses a document module (through :func:`danvan.core.lazy.lazy_module`) is marked
with :func:`release_after_request`; when its response has been sent (``request_finished``, in the
thread that served it), ``malloc_trim(0)`` returns the allocator's free pages to the system. Only
glibc has it: elsewhere (macOS, Windows, musl) nothing happens.
"""

from __future__ import annotations

import ctypes
import sys
import threading

from django.core.signals import request_finished

_local = threading.local()


def _malloc_trim():
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None)  # the C library the process runs on
    except OSError:  # pragma: no cover - a Linux without a dynamic C library
        return None
    trim = getattr(libc, "malloc_trim", None)  # glibc only
    if trim is not None:
        trim.argtypes = [ctypes.c_size_t]
        trim.restype = ctypes.c_int
    return trim


_TRIM = _malloc_trim()


def release_after_request() -> None:
    """Give the allocator's free pages back once the current request's response is sent."""
    _local.marked = True


def release() -> bool:
    """Give the allocator's free pages back now; False where the C library cannot."""
    if _TRIM is None:
        return False
    _TRIM(0)
    return True


def _finished(sender, **kwargs) -> None:
    if getattr(_local, "marked", False):
        _local.marked = False
        release()


def connect() -> None:
    """Listen for the end of requests (the core app's ``ready()``)."""
    request_finished.connect(_finished, dispatch_uid="danvan.core.memory")
