"""keraslint: carry Keras 2.2.4 code to tf.keras, with every relied-on default pinned.

The library API: :func:`lint_source` and :func:`fix_source`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from keraslint.config import Settings
    from keraslint.diagnostics import Diagnostic


def _options(settings: Settings | None, fix: bool, unsafe_fixes: bool = False):
    from keraslint.config import Settings
    from keraslint.engine import Options
    from keraslint.registry import select_rules

    settings = settings or Settings()
    rules = select_rules(settings.select, settings.ignore, settings.target)
    return Options(rules, settings, fix=fix, unsafe_fixes=unsafe_fixes, edits=not fix)


def _encoding(source: str) -> str:
    """The encoding a coding cookie in ``source`` declares (utf-8 without one)."""
    import io
    import tokenize

    try:
        encoding = tokenize.detect_encoding(io.BytesIO(source.encode("utf-8")).readline)[0]
    except SyntaxError:
        return "utf-8"
    # A BOM in a str is the character U+FEFF, which plain utf-8 turns back into the BOM.
    return "utf-8" if encoding == "utf-8-sig" else encoding


def lint_source(source: str, filename: str = "<string>", settings: Settings | None = None) -> list[Diagnostic]:
    """Findings for one module's source text."""
    from keraslint.engine import check_source

    data = source.encode(_encoding(source), errors="surrogateescape")
    return list(check_source(data, filename, _options(settings, fix=False)).diagnostics)


def fix_source(source: str, settings: Settings | None = None, *, unsafe_fixes: bool = False) -> str:
    """The source with every applicable fix applied (unchanged if there is nothing to fix)."""
    from keraslint.engine import check_source

    encoding = _encoding(source)
    data = source.encode(encoding, errors="surrogateescape")
    result = check_source(data, "<string>", _options(settings, True, unsafe_fixes))
    if result.error is not None:
        raise ValueError(result.error)
    return source if result.fixed_source is None else result.fixed_source.decode(encoding)
