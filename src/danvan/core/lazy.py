"""Modules loaded by the first request that needs them (issue #8, worker memory).

The libraries that write documents are large once imported: openpyxl (with numpy, which it loads
when it is installed) and python-docx (with lxml) add some 60 MB to a worker. Most requests never
build a document, so the views and API routers that do refer to their document modules through
:func:`lazy_module`: the module is imported on first use of one of its names, by whichever worker
needs it, and read from ``sys.modules`` afterwards. ``importlib`` holds a lock per module while
importing, so two threads asking at once get one module. A request that used one of them gives
the memory back to the system once it is answered (:mod:`danvan.core.memory`).
"""

from __future__ import annotations

import importlib
from types import ModuleType

from danvan.core import memory


class LazyModule:
    """Stands for the module ``name``: every attribute read imports it (once) and reads it there,
    and marks the request to give the memory it took back once it is answered
    (:mod:`danvan.core.memory`)."""

    def __init__(self, name: str):
        self._name = name

    def __getattr__(self, attribute: str):
        memory.release_after_request()
        return getattr(self.module, attribute)

    @property
    def module(self) -> ModuleType:
        return importlib.import_module(self._name)

    def __repr__(self) -> str:
        return f"<lazy module {self._name!r}>"


def lazy_module(name: str) -> LazyModule:
    return LazyModule(name)
