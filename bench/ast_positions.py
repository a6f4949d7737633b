"""Can findings and fix targets be placed from the stdlib ``ast`` alone? Measured on real code.

    python bench/ast_positions.py          # the Keras 2.2.4 sdist (with its 42 examples) and the fuzz corpus

Detection on ``ast`` (docs/architecture.md, "Not done") needs two things to hold:

- every finding's reported range is the range of an ``ast`` node of the matching kind, so that
  positions can come from ``ast`` and the output stays byte-identical;
- every fix target is the only libcst node of its type with its range, and that range is an
  ``ast`` node's of the matching kind (a line of statements: its first and last statements'), so
  that a fix can find its CST node from the ``ast`` node a rule saw.

The script checks both over every finding of every rule (``--unsafe-fixes`` for the targets) and
prints the counts, then each kind that fails with one example.
"""

from __future__ import annotations

import ast
import collections
import sys
import warnings
from pathlib import Path

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from keraslint.config import Settings  # noqa: E402
from keraslint.lint import lint  # noqa: E402
from keraslint.options import Options  # noqa: E402
from keraslint.registry import select_rules  # noqa: E402
from tests.conftest import SDIST_NAME, _cache_dir  # noqa: E402
from tests.output_lock import fuzz_sources  # noqa: E402

#: libcst node type -> the ast node types that stand for it
KIND = {
    "Call": ("Call",), "Name": ("Name",), "Attribute": ("Attribute",), "Subscript": ("Subscript",),
    "SimpleString": ("Constant",), "ConcatenatedString": ("Constant",), "Integer": ("Constant",),
    "Float": ("Constant",), "FormattedString": ("JoinedStr",), "Dict": ("Dict",), "List": ("List",),
    "Tuple": ("Tuple",), "Arg": ("keyword", "Starred"), "Assign": ("Assign",), "AugAssign": ("AugAssign",),
    "AnnAssign": ("AnnAssign",), "Expr": ("Expr",), "Import": ("Import",), "ImportFrom": ("ImportFrom",),
    "ImportAlias": ("alias",), "ClassDef": ("ClassDef",), "FunctionDef": ("FunctionDef",), "For": ("For",),
    "If": ("If",), "With": ("With",), "Return": ("Return",),
}

Range = tuple[tuple[int, int], tuple[int, int]]


def ast_ranges(text: str) -> dict[Range, set[str]]:
    """(start, end) in lines and characters -> the ast node types with that range."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tree = ast.parse(text)
    lines = text.encode("utf-8").split(b"\n")

    def column(line: int, offset: int) -> int:  # ast counts UTF-8 bytes, libcst characters
        return len(lines[line - 1][:offset].decode("utf-8", "replace"))

    found: dict[Range, set[str]] = collections.defaultdict(set)
    for node in ast.walk(tree):
        if getattr(node, "end_lineno", None) is not None:
            start = (node.lineno, column(node.lineno, node.col_offset))
            end = (node.end_lineno, column(node.end_lineno, node.end_col_offset))
            found[(start, end)].add(type(node).__name__)
    return found


def _range(position) -> Range:
    return (position.start.line, position.start.column), (position.end.line, position.end.column)


def _matches(found: dict[Range, set[str]], where: Range, kind: str) -> bool:
    return bool(found.get(where, set()) & set(KIND.get(kind, ())))


def corpus() -> list[tuple[str, bytes]]:
    root = _cache_dir() / SDIST_NAME
    if not root.is_dir():
        sys.exit("run the test suite once first: it downloads the Keras 2.2.4 sdist")
    files = [(str(path.relative_to(root)), path.read_bytes()) for path in sorted(root.rglob("*.py"))]
    return files + [(f"fuzz/m{i:03d}.py", source) for i, source in enumerate(fuzz_sources())]


def main() -> None:
    check = Options(select_rules(("ALL",), ()), Settings())
    fix = Options(select_rules(("ALL",), ()), Settings(), fix=True, unsafe_fixes=True)
    counts: collections.Counter[str] = collections.Counter()
    failures: dict[tuple, tuple] = {}
    for name, source in corpus():
        if b"keras" not in source:
            continue
        try:
            module = cst.parse_module(source)
            text = source.decode(module.encoding)
            found = ast_ranges(text)
        except Exception:  # noqa: BLE001 - files keraslint reports as KL000
            continue
        diagnostics, findings = lint(module, text, name, check)
        for diagnostic, finding in zip(diagnostics, findings):
            kind = type(finding.node).__name__
            where = (diagnostic.start.row, diagnostic.start.column - 1), (diagnostic.end.row, diagnostic.end.column - 1)
            counts["findings"] += 1
            if _matches(found, where, kind):
                counts["findings placed from ast"] += 1
            else:
                failures.setdefault(("finding", kind), (name, diagnostic.code, where))
        targets = [f.target for f in lint(module, text, name, fix)[1] if f.transform is not None]
        if not targets:
            continue
        positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
        alike = collections.Counter((type(node).__name__, _range(p)) for node, p in positions.items())
        for target in targets:
            kind, where = type(target).__name__, _range(positions[target])
            if isinstance(target, cst.SimpleStatementLine):
                in_ast = all(_matches(found, _range(positions[s]), type(s).__name__) for s in (target.body[0], target.body[-1]))
            else:
                in_ast = _matches(found, where, kind)
            counts["fix targets"] += 1
            counts["fix targets unique by type and range"] += alike[(kind, where)] == 1
            counts["fix targets placed from ast"] += in_ast
            if alike[(kind, where)] != 1 or not in_ast:
                failures.setdefault(("target", kind), (name, where))
    for key, value in counts.items():
        print(f"{key}: {value}")
    for key, value in failures.items():
        print("not placed:", key, value)


if __name__ == "__main__":
    main()
