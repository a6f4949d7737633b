"""libcst, imported on first use. Rules build their fixes with libcst, but a check with no
fix to render never needs it: importing it costs more than checking a file (see
docs/performance.md), so rule modules name it through this proxy."""

from __future__ import annotations

import importlib
from types import ModuleType


class _Lazy:
    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attribute: str):
        if self._module is None:
            self._module = importlib.import_module(self._name)
        value = getattr(self._module, attribute)
        setattr(self, attribute, value)  # later lookups skip __getattr__
        return value


#: ``cst.Name(...)``, ``isinstance(node, cst.Call)``: the first use imports libcst.
cst = _Lazy("libcst")
