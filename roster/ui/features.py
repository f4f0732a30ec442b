"""The app's optional features, each behind one small wrapper.

The what-if tools live in modules that may be missing in a given install (``coverage``,
``roster.excel``, ``roster.store``). Each wrapper imports its module when called and
raises ``FeatureMissing`` if it cannot, so the page can say plainly that the feature is
not available instead of showing a traceback. Where a module's API does not fit the page
exactly, the adapting happens here, not in ``app.py``.
"""

from __future__ import annotations

import importlib
from types import ModuleType


class FeatureMissing(Exception):
    """A feature whose module is not installed (or not importable) in this build."""

    def __init__(self, feature: str, module: str):
        self.feature = feature
        self.module = module
        super().__init__(f"{feature}: module {module} is not available")


def module(feature: str, name: str) -> ModuleType:
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise FeatureMissing(feature, name) from exc


def available(name: str) -> bool:
    try:
        importlib.import_module(name)
    except ImportError:
        return False
    return True
