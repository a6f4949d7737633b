"""Statements grouped as libcst groups them, read from the stdlib ``ast`` and the text.

libcst has a node for a line of simple statements (``a = 1; b = 2``) and for an indented
block; ``ast`` has statement lists only. Rules whose fixes work on lines (insert a statement
after one, move one) find them here.
"""

from __future__ import annotations

import ast
import io
import tokenize

from keraslint import calls


def statement_lists(node: ast.AST) -> list[list[ast.stmt]]:
    """The statement lists of a module or compound statement: its body, its ``else`` and
    ``finally``, and the bodies of its ``except`` handlers and ``match`` cases."""
    found = [getattr(node, "body", None), getattr(node, "orelse", None), getattr(node, "finalbody", None),
             *(handler.body for handler in getattr(node, "handlers", ())),
             *(case.body for case in getattr(node, "cases", ()))]
    return [statements for statements in found if statements]


def lines(statements: list[ast.stmt]) -> list[list[ast.stmt]]:
    """The statements grouped by line (libcst's SimpleStatementLine): ``a = 1; b = 2`` is one
    line; a compound statement is a line of its own."""
    found: list[list[ast.stmt]] = []
    for statement in statements:
        if found and _same_line(found[-1][-1], statement):
            found[-1].append(statement)
        else:
            found.append([statement])
    return found


def _same_line(previous: ast.stmt, statement: ast.stmt) -> bool:
    if statement.lineno == previous.end_lineno:
        return True
    source = calls.current_source.get()
    end = previous.end_lineno
    between = [source.lines[end - 1][source.column(end, previous.end_col_offset):],
               *source.lines[end:statement.lineno - 1]]
    return all(text.endswith("\\") and "#" not in text for text in between)  # continued by backslashes


def indented(statements: list[ast.stmt]) -> bool:
    """Whether a body is a block of lines (libcst's IndentedBlock), not a suite written after
    its header's colon (``if x: y()``)."""
    first = statements[0]
    source = calls.current_source.get()
    number = first.lineno
    before = source.lines[number - 1][:source.column(number, first.col_offset)]
    while not before.strip() and number > 1 and _continued(source.lines[number - 2]):
        number -= 1
        before = source.lines[number - 1][:-1]
    return not before.rstrip().endswith(":")


def _continued(line: str) -> bool:
    """Whether a line ends with a backslash that joins the next line to it (one that ends a
    comment does not)."""
    if not line.endswith("\\"):
        return False
    try:
        return all(token.type != tokenize.COMMENT for token in tokenize.generate_tokens(io.StringIO(line).readline))
    except (tokenize.TokenError, SyntaxError):  # the continuation, or a line that starts inside a string
        return True
