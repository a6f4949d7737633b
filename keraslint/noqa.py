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
    (``x = "# noqa"`` suppresses nothing). As in ruff, the comment at the end of a statement
    continued with backslashes covers all of its lines: a fix that adds a line inside it keeps
    the comment where it suppresses the same findings."""
    found: dict[int, frozenset[str]] = {}
    if "noqa" not in text.lower():
        return found
    comments, continued = _scan(text)
    for number, comment in comments:
        match = _NOQA.search(comment)
        if match is None:
            continue
        codes = match.group("codes")
        if codes is None:
            found[number] = ALL
        else:
            found[number] = frozenset(c.upper() for c in re.split(r"[,\s]+", codes) if c)
    for first, last in continued:
        if last in found:
            for number in range(first, last):
                found[number] = found.get(number, frozenset()) | found[last]
    return found


def _scan(text: str) -> tuple[list[tuple[int, str]], list[tuple[int, int]]]:
    """(row, comment text) for each comment, and the (first, last) rows of each run of lines
    joined by backslashes. Every line counts as a comment if the text does not tokenize."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError):
        # Only "\n" ends a line for Python's tokenizer (and for our row numbers);
        # str.splitlines would also split on form feeds and U+2028.
        return list(enumerate(text.split("\n"), start=1)), []
    comments = [(token.start[0], token.string) for token in tokens if token.type == tokenize.COMMENT]
    runs: list[tuple[int, int]] = []
    for before, after in zip(tokens, tokens[1:]):
        # No NEWLINE/NL token between two tokens on different rows: a backslash joined them.
        if before.type not in (tokenize.NEWLINE, tokenize.NL) and after.start[0] > before.end[0] \
                and after.type not in (tokenize.DEDENT, tokenize.ENDMARKER):
            if runs and runs[-1][1] == before.end[0]:
                runs[-1] = (runs[-1][0], after.start[0])
            else:
                runs.append((before.end[0], after.start[0]))
    return comments, runs


def suppressed(code: str, line: int, lines: dict[int, frozenset[str]]) -> bool:
    prefixes = lines.get(line)
    return prefixes is not None and any(code.startswith(p) for p in prefixes)
