"""``# noqa`` and ``# noqa: KL101,KL2`` comments: which lines suppress which codes."""

from __future__ import annotations

import re

_NOQA = re.compile(
    r"#\s*noqa(?::[\s]?(?P<codes>[A-Z]+[0-9]+(?:[,\s]+[A-Z]+[0-9]+)*))?", re.IGNORECASE
)

ALL = frozenset({""})  # a bare `# noqa`: every code starts with ""


def noqa_lines(text: str) -> dict[int, frozenset[str]]:
    """1-based line number -> code prefixes suppressed on that line."""
    found: dict[int, frozenset[str]] = {}
    if "noqa" not in text.lower():
        return found
    # Only "\n" ends a line for Python's tokenizer (and for our row numbers); str.splitlines
    # would also split on form feeds and U+2028, shifting every row after them.
    for number, line in enumerate(text.split("\n"), start=1):
        match = _NOQA.search(line)
        if match is None:
            continue
        codes = match.group("codes")
        if codes is None:
            found[number] = ALL
        else:
            found[number] = frozenset(c.upper() for c in re.split(r"[,\s]+", codes) if c)
    return found


def suppressed(code: str, line: int, lines: dict[int, frozenset[str]]) -> bool:
    prefixes = lines.get(line)
    return prefixes is not None and any(code.startswith(p) for p in prefixes)
