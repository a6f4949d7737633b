"""``keraslint --add-noqa``: a ``# noqa: CODE`` comment on every line with a finding, so that the
next run reports none (ruff's --add-noqa). Codes already named on a line are kept; a line
that ends inside a string, or a notebook, is left alone and counted as skipped."""

from __future__ import annotations

import ast
import io
import sys
import tokenize
from collections import defaultdict

from keraslint.noqa import _NOQA, ALL, noqa_lines


def add_noqa_comments(paths: tuple[str, ...], options, jobs: int, silent: bool) -> int:
    from keraslint import files, runner

    results = runner.run_paths(paths, options, write=False, jobs=jobs)
    added = skipped = 0
    for result in results:
        if result.error is not None:
            if not silent:
                print(f"{result.filename}: {result.error}", file=sys.stderr)
            continue
        rows: dict[int, set[str]] = defaultdict(set)
        for diagnostic in result.diagnostics:
            if diagnostic.cell is not None:
                skipped += 1
                continue
            rows[diagnostic.start.row].add(diagnostic.code)
        if not rows:
            continue
        source = files.read(result.filename)
        new, count, missed = _with_noqa(source, rows)
        added, skipped = added + count, skipped + missed
        if count:
            files.write_atomic(result.filename, new)
    if not silent:
        print(f"Added {added} noqa {'directive' if added == 1 else 'directives'}."
              + (f" {skipped} findings could not be marked (in a string or a notebook)." if skipped else ""),
              file=sys.stderr)
    return 0


def _with_noqa(source: bytes, rows: dict[int, set[str]]) -> tuple[bytes, int, int]:
    """``source`` with the codes of each row in a noqa comment; (new source, lines, findings skipped)."""
    encoding = "utf-8"
    text = source.decode(encoding)
    ends = _line_ends(text)
    present = noqa_lines(text)
    lines = text.splitlines(keepends=True)
    count = missed = 0
    for row, codes in sorted(rows.items()):
        if row not in ends or row > len(lines):
            missed += len(codes)
            continue
        known = present.get(row, frozenset())
        new_codes = sorted(codes - known)
        if known == ALL or not new_codes:
            continue
        line = lines[row - 1]
        body = line.rstrip("\r\n")
        newline = line[len(body):]
        comment = ends[row]
        match = _NOQA.search(body, comment) if comment is not None and known else None
        if match is not None:  # extend the codes of the noqa comment already there
            body = body[:match.end()] + ", " + ", ".join(new_codes) + body[match.end():]
        else:
            body = body.rstrip() + "  # noqa: " + ", ".join(new_codes)
        lines[row - 1] = body + newline
        count += 1
    new = "".join(lines)
    try:
        ast.parse(new)
    except SyntaxError:  # never write what does not parse: mark nothing in this file
        return source, 0, sum(len(c) for c in rows.values())
    return new.encode(encoding), count, missed


def _line_ends(text: str) -> dict[int, int | None]:
    """Rows whose physical line ends outside a string (a comment can go at their end) ->
    the column of the comment already there, or None."""
    rows: dict[int, int | None] = {}
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.COMMENT:
                rows[token.start[0]] = token.start[1]
            elif token.type in (tokenize.NEWLINE, tokenize.NL, tokenize.ENDMARKER):
                rows.setdefault(token.start[0], None)
    except (tokenize.TokenError, SyntaxError):
        return {}
    return rows
