"""Where a simple statement sits in libcst's terms, read from the ``ast`` and the text.

A fix that replaces or removes a statement's whole line needs what libcst calls a
``SimpleStatementLine`` holding that one statement (not ``a; b``, not ``if x: a``), and, to
remove it, whether comment lines above it are its ``leading_lines`` (removed with it).
"""

from __future__ import annotations

import ast

from keraslint.source import Source

_COMPOUND = tuple(getattr(ast, name) for name in (
    "FunctionDef", "AsyncFunctionDef", "ClassDef", "For", "AsyncFor", "While", "If", "With", "AsyncWith",
    "Try", "TryStar", "Match") if hasattr(ast, name))
_BLOCKS = ("body", "handlers", "orelse", "finalbody", "cases")  # in source order


def _index(owner: ast.AST, where: dict) -> None:
    """id(statement) -> (owner, block name, index) for every statement under ``owner``."""
    for name in _BLOCKS:
        for i, child in enumerate(getattr(owner, name, ())):
            if name not in ("handlers", "cases"):
                where[id(child)] = (owner, name, i)
            _index(child, where)


def _end(node: ast.AST) -> tuple[int, int]:
    return node.end_lineno, node.end_col_offset


class Lines:
    """Answers for the statements of one module (indexed on first use)."""

    def __init__(self, module: ast.Module, source: Source) -> None:
        self.module = module
        self.source = source
        self._where: dict[int, tuple[ast.AST, str, int]] | None = None

    def _place(self, statement: ast.stmt) -> tuple[ast.AST, str, int]:
        if self._where is None:
            self._where = {}
            _index(self.module, self._where)
        return self._where[id(statement)]

    def alone(self, statement: ast.stmt) -> bool:
        """The only statement of its line, which it starts (a ``SimpleStatementLine`` of one)."""
        owner, name, i = self._place(statement)
        block = getattr(owner, name)
        if i > 0 and self._same_line(block[i - 1], statement):
            return False
        if i + 1 < len(block) and self._same_line(statement, block[i + 1]):
            return False
        return i > 0 or owner is self.module or not self._in_suite(owner, name)

    def comment_above(self, statement: ast.stmt) -> bool:
        """A comment line among the lines libcst gives the statement's line as leading_lines."""
        owner, name, i = self._place(statement)
        if owner is self.module and i == 0:
            return False  # the module's header takes the first statement's leading lines
        block = getattr(owner, name)
        bound = block[i - 1].end_lineno if i > 0 else self._header_end(owner, name)[0]
        lines = self.source.lines
        above = []  # blank and comment lines right above, nearest first
        for number in range(statement.lineno - 1, bound, -1):
            text = lines[number - 1].strip()
            if text == "\\":
                continue  # a lone line continuation: libcst counts it in the statement's line
            if text and not text.startswith("#"):
                break
            above.append(lines[number - 1])
        if i > 0 and isinstance(block[i - 1], _COMPOUND):
            # The blocks the previous statement closes own the lines up to the last one
            # indented as its last block is (libcst's IndentedBlock footer).
            indent = self._last_block_indent(block[i - 1])
            if indent is not None:
                claimed = next((k for k, line in enumerate(above) if line.startswith(indent)), None)
                above = above if claimed is None else above[:claimed]
        return any(line.strip() for line in above)

    def _last_block_indent(self, node: ast.stmt) -> str | None:
        """The indentation of the last block of a compound statement; None for a suite."""
        for name in reversed(_BLOCKS):
            block = getattr(node, name, None)
            if block:
                break
        if name in ("handlers", "cases"):
            node, name, block = block[-1], "body", block[-1].body
        elif name == "orelse" and isinstance(node, ast.If) and len(block) == 1 and isinstance(block[0], ast.If) \
                and self._starts_with(block[0], "elif"):
            return self._last_block_indent(block[0])
        if self._in_suite(node, name):
            return None
        line = self.source.lines[block[0].lineno - 1]
        return line[:len(line) - len(line.lstrip())]

    def _starts_with(self, node: ast.AST, word: str) -> bool:
        column = self.source.column(node.lineno, node.col_offset)
        return self.source.lines[node.lineno - 1].startswith(word, column)

    def _same_line(self, first: ast.stmt, second: ast.stmt) -> bool:
        """Two neighbouring statements of one block share a logical line (``a; b``)."""
        if isinstance(first, _COMPOUND) or isinstance(second, _COMPOUND):
            return False
        pieces = self._between(_end(first), (second.lineno, second.col_offset))
        return all(piece.endswith("\\") for piece in pieces[:-1])

    def _in_suite(self, owner: ast.AST, name: str) -> bool:
        """The block starts on its header's line (``if x: a``): no indented block."""
        first = getattr(owner, name)[0]
        pieces = self._between(self._header_end(owner, name), (first.lineno, first.col_offset))
        k = max(k for k, piece in enumerate(pieces) if ":" in piece)
        pieces[k] = pieces[k][pieces[k].rindex(":") + 1:]
        return all(piece.endswith("\\") for piece in pieces[k:-1])

    def _header_end(self, owner: ast.AST, name: str) -> tuple[int, int]:
        """A place before the colon that opens block ``name``, with only keywords, brackets,
        whitespace and comments between it and the block: no strings."""
        places = [(owner.lineno, owner.col_offset)] if hasattr(owner, "lineno") else []
        for field, value in ast.iter_fields(owner):
            if field in _BLOCKS:
                continue
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, ast.AST):
                    places += [_end(node) for node in ast.walk(item) if hasattr(node, "end_lineno")]
        for field in _BLOCKS[:_BLOCKS.index(name)]:
            block = getattr(owner, field, None)
            if block:
                last = block[-1].body[-1] if field == "handlers" else block[-1]
                places.append(_end(last))
        return max(places)

    def _between(self, start: tuple[int, int], end: tuple[int, int]) -> list[str]:
        """The physical lines from ``start`` to ``end`` (ast positions), cut at both ends,
        without comments: text between tokens, where ``#`` always starts one."""
        (start_line, start_offset), (end_line, end_offset) = start, end
        column = self.source.column
        lines = self.source.lines[start_line - 1:end_line]
        lines[-1] = lines[-1][:column(end_line, end_offset)]
        lines[0] = lines[0][column(start_line, start_offset):]
        return [line.partition("#")[0] for line in lines]
