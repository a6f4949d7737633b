"""The fix that renames a keyword argument, with a new value if given (KL501, KL503)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from keraslint import call_edits

if TYPE_CHECKING:
    import libcst as cst


def keyword_rename(old: str, new: str, value: Callable[[], cst.BaseExpression] | None):
    """A transform that turns ``old=x`` into ``new=x``, or ``new=value()`` when ``value`` is given
    (built when the fix is applied)."""
    def transform(updated: cst.Call) -> cst.Call:
        if value is not None:
            updated = call_edits.set_keyword_value(updated, old, value())
        return call_edits.rename_keyword(updated, old, new)
    return transform
