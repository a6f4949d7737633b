"""The fix that renames a keyword argument, with a new value if given (KL501, KL503)."""

from __future__ import annotations

import libcst as cst

from keraslint import calls


def keyword_rename(old: str, new: str, value: cst.BaseExpression | None):
    """A transform that turns ``old=x`` into ``new=x``, or ``new=value`` when ``value`` is given."""
    def transform(updated: cst.Call) -> cst.Call:
        if value is not None:
            updated = calls.set_keyword_value(updated, old, value)
        return calls.rename_keyword(updated, old, new)
    return transform
