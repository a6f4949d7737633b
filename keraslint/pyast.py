"""The stdlib ``ast``, without the warnings a user's file can raise while it is parsed."""

from __future__ import annotations

import ast
import warnings


def parse(source: str | bytes) -> ast.Module:
    """``ast.parse``, silent about the file's own invalid escape sequences and the like
    (``DeprecationWarning``/``SyntaxWarning``): they are the user's, not keraslint's."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", (DeprecationWarning, SyntaxWarning))
        return ast.parse(source)
