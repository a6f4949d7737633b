"""A file's text as the rules see it: where an ``ast`` node is, in characters, and the
literal text it covers.

``ast`` gives columns in UTF-8 bytes; diagnostics (and libcst) count characters. ``ast``
also folds ``'a' 'b'`` into one string constant and forgets quotes, which some rules must
know: the text answers both.
"""

from __future__ import annotations

import ast
import re
from typing import NamedTuple

_NEWLINE = re.compile(r"\r\n?|\n")  # what both ast and libcst count as a line break
#: A def's or class's header up to its name, as written (continuation lines allowed).
_NAMED = re.compile(r"(?:async(?:[ \t\f]|\\\n)+)?(?:def|class)(?:[ \t\f]|\\\n)+([^\s(:\[\\]+)")
#: One string literal and nothing after it (an implicit concatenation has two or more).
_ONE_STRING = re.compile(
    r"""[A-Za-z]*(?:'''(?:[^\\]|\\.)*?'''|\"\"\"(?:[^\\]|\\.)*?\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")""",
    re.S,
)


class Span(NamedTuple):
    """1-based lines, 0-based character columns; the end is exclusive."""

    start_line: int
    start_column: int
    end_line: int
    end_column: int


class Source:
    """The text of one module, and the positions of its ``ast`` nodes in it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = _NEWLINE.split(text)
        self._ascii = text.isascii()
        self._starts: list[int] | None = None  # offset of each line in the text

    def column(self, line: int, offset: int) -> int:
        """The character column of ``ast``'s byte ``offset`` on ``line``."""
        if self._ascii:
            return offset
        return len(self.lines[line - 1].encode("utf-8")[:offset].decode("utf-8", "replace"))

    def span(self, node: ast.AST) -> Span:
        if type(node) is ast.Tuple and node.elts:
            return self._tuple_span(node)
        if type(node) is ast.GeneratorExp:  # `ast` counts its parentheses (or the call's) too
            last = node.generators[-1]
            end = self.span(last.ifs[-1] if last.ifs else last.iter)
            start = self.span(node.elt)
            return Span(start.start_line, start.start_column, end.end_line, end.end_column)
        return Span(node.lineno, self.column(node.lineno, node.col_offset),
                    node.end_lineno, self.column(node.end_lineno, node.end_col_offset))

    def _tuple_span(self, node: ast.Tuple) -> Span:
        """A tuple's range as libcst gives it: its elements and a trailing comma, never its
        parentheses (``ast`` includes them)."""
        first, last = self.span(node.elts[0]), self.span(node.elts[-1])
        line, column = last.end_line, last.end_column
        while line <= len(self.lines):
            text = self.lines[line - 1]
            while column < len(text) and text[column] in " \t\f":
                column += 1
            if column < len(text) and text[column] == "\\":  # a line continuation
                line, column = line + 1, 0
                continue
            if column >= len(text):  # inside parentheses a comma may sit on a later line
                line, column = line + 1, 0
                continue
            if text[column] == ",":
                return Span(first.start_line, first.start_column, line, column + 1)
            break
        return Span(first.start_line, first.start_column, last.end_line, last.end_column)

    def segment(self, node: ast.AST) -> str:
        """The text ``node`` covers, line ends as written (its enclosing parentheses not
        included, as in ``ast``)."""
        start_line, start, end_line, end = self.span(node)
        if start_line == end_line:
            return self.lines[start_line - 1][start:end]
        if self._starts is None:
            self._starts = [0, *(match.end() for match in _NEWLINE.finditer(self.text))]
        return self.text[self._starts[start_line - 1] + start:self._starts[end_line - 1] + end]

    def name_of(self, statement: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> ast.Name:
        """A node placed at a def's or class's name, as written (``ast`` keeps the name as a
        string only, NFKC-normalized)."""
        line = statement.lineno
        text = "\n".join(self.lines[line - 1:statement.body[0].lineno])
        name = _NAMED.match(text, self.column(line, statement.col_offset))
        before = text[:name.start(1)]
        line += before.count("\n")
        start = len(before) - before.rfind("\n") - 1
        offset = len(self.lines[line - 1][:start].encode("utf-8"))
        return ast.Name(statement.name, ast.Load(), lineno=line, col_offset=offset, end_lineno=line,
                        end_col_offset=offset + len(name.group(1).encode("utf-8")))

    def is_one_string(self, node: ast.Constant) -> bool:
        """Whether a str or bytes constant is one literal, not an implicit concatenation."""
        text = self.segment(node)
        match = _ONE_STRING.match(text)
        return match is not None and match.end() == len(text)

    def quote(self, node: ast.Constant) -> str:
        """The quote character of a string literal."""
        line = self.lines[node.lineno - 1]
        i = self.column(node.lineno, node.col_offset)
        while line[i].isalpha():  # the prefix: r, b, u, f...
            i += 1
        return line[i]
