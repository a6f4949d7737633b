"""``# noqa`` and ``# noqa: KL101,KL2`` comments: which lines suppress which codes."""

from __future__ import annotations

import io
import re
import tokenize

_NOQA = re.compile(
    r"#\s*noqa(?::[\s]?(?P<codes>[A-Z]+[0-9]+(?:[,\s]+[A-Z]+[0-9]+)*))?", re.IGNORECASE
)

ALL = frozenset({""})  # a bare `# noqa`: every code starts with ""


def noqa_lines(text: str) -> dict[int, frozenset[str]]:
    """1-based line number -> code prefixes suppressed on that line, from real comments
    (``x = "# noqa"`` suppresses nothing)."""
    found: dict[int, frozenset[str]] = {}
    if "noqa" not in text.lower():
        return found
    for number, comment in _comments(text):
        match = _NOQA.search(comment)
        if match is None:
            continue
        codes = match.group("codes")
        if codes is None:
            found[number] = ALL
        else:
            found[number] = frozenset(c.upper() for c in re.split(r"[,\s]+", codes) if c)
    return found


def _comments(text: str):
    """(row, comment text) for each comment; every line if the text does not tokenize."""
    try:
        return [(token.start[0], token.string)
                for token in tokenize.generate_tokens(io.StringIO(text).readline)
                if token.type == tokenize.COMMENT]
    except (tokenize.TokenError, SyntaxError):
        # Only "\n" ends a line for Python's tokenizer (and for our row numbers);
        # str.splitlines would also split on form feeds and U+2028.
        return list(enumerate(text.split("\n"), start=1))


def suppressed(code: str, line: int, lines: dict[int, frozenset[str]]) -> bool:
    prefixes = lines.get(line)
    return prefixes is not None and any(code.startswith(p) for p in prefixes)
