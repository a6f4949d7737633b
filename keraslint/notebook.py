"""Jupyter notebooks: lint and fix the code cells of an ``.ipynb`` as one module.

The code cells are joined into one Python module, so that a name imported in one cell is
known in the others, and the engine runs on it unchanged:

- The first code cell that imports Keras (the *host*) comes first, so the imports a fix adds
  (at the end of the module's leading imports) and its definitions land in that cell.
- Each cell is followed by a sentinel statement ``__keraslint_cell__(i)``; after fixing, the
  module is split at the sentinels back into cells.
- IPython syntax (``%matplotlib inline``, ``!pip install``, ``x = !ls``, ``obj?``) is masked
  line for line as ``import __keraslint_magic_<n>__`` (an import, so it does not end the
  leading import block) and restored verbatim afterwards. Cells run by a cell magic
  (``%%time``, ``%%bash``) are not Python: they are left alone, as are cells that do not parse.

Only the ``source`` values of changed cells are rewritten in the notebook's text, in the
style they had (a list of lines or one string, the same indentation and newlines), so the
JSON, outputs and metadata stay byte for byte. Findings carry their cell (1-based among all
the notebook's cells) and their line and column inside it: ``path:cell N:line:col``.
"""

from __future__ import annotations

import ast
import bisect
import json
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from keraslint import failures, pyast
from keraslint.diagnostics import Diagnostic, Edit, FileResult, Fix, Location
from keraslint.engine import Options, check_source
from keraslint.files import is_notebook  # noqa: F401 - notebook.is_notebook, as before
from keraslint.keras224.spellings import to_keras

SENTINEL = re.compile(r"^__keraslint_cell__\((\d+)\)\n", re.M)
MASK = re.compile(r"^[ \t]*import __keraslint_magic_(\d+)__$")
#: Line magics, shell escapes and help: ``%x``, ``!x``, ``?x``, ``x?``, ``y = %x``, ``y = !x``.
MAGIC = re.compile(r"^\s*(?:[%!?]|[\w.]+\?\??\s*$|[\w.,\s]+=\s*[%!])")


@dataclass
class _Cell:
    index: int  # in the notebook's "cells" list, 0-based
    text: str  # the source, joined
    span: tuple[int, int]  # where its "source" value is in the notebook's text
    magics: list[str] = field(default_factory=list)  # the masked lines, by mask number
    start: int = 0  # the module row of its first line


class NotebookError(ValueError):
    """The file is not a notebook we can read."""


def check_notebook(source: bytes, filename: str, options: Options) -> FileResult:
    """Lint (and with ``options.fix``, fix) a notebook's bytes. Never raises on bad input."""
    try:
        bom, raw, cells = _read(source)
    except NotebookError as error:
        return failures.not_processed(filename, f"not a valid notebook: {error}", source)
    problems = []
    code_cells = []
    for cell in cells:
        module_text = _mask(cell)
        try:
            pyast.parse(module_text)
        except (SyntaxError, ValueError) as error:  # left alone, reported
            problems.append(failures.unparsable_cell(filename, cell.index + 1, error))
            continue
        code_cells.append((cell, module_text))
    if not code_cells:
        return FileResult(filename, tuple(problems), source=source)
    module, order = _join(code_cells)
    result = check_source(module.encode("utf-8"), filename, options)
    found = sorted((*problems, *(_map(d, order) for d in result.diagnostics)),
                   key=lambda d: (d.cell or 0, d.start, d.code))
    mapped = replace(
        result,
        diagnostics=tuple(found),
        fixed=tuple(_map(d, order) for d in result.fixed),
        source=source,
        fixed_source=None,
    )
    if result.fixed_source is None or result.error is not None:
        return mapped
    try:
        new = _write_back(raw, order, result.fixed_source.decode("utf-8"))
    except NotebookError as error:  # a keraslint bug: report it, write nothing
        return failures.internal(filename, source, mapped.diagnostics, f"{error}; notebook left unchanged")
    return replace(mapped, fixed_source=(bom + new).encode("utf-8") if new != raw else None)


def cell_text(source: bytes, cell: int) -> str:
    """The source of cell ``cell`` (1-based), for showing findings."""
    return _cell_texts(source)[cell - 1]


def cell_diff(old: bytes, new: bytes, name: str) -> list[str]:
    """Unified diff lines of the cells that differ, headed ``a/name:cell N`` (as ruff does)."""
    import difflib

    lines: list[str] = []
    for number, (a, b) in enumerate(zip(_cell_texts(old), _cell_texts(new)), 1):
        if a != b:
            lines.extend(difflib.unified_diff(
                a.splitlines(keepends=True), b.splitlines(keepends=True),
                fromfile=f"a/{name}:cell {number}", tofile=f"b/{name}:cell {number}",
            ))
    return lines


@lru_cache(maxsize=4)
def _cell_texts(source: bytes) -> list[str]:
    data = json.loads(source.decode("utf-8-sig"))
    return [_joined(cell.get("source", "")) or "" for cell in data["cells"]]


# --- reading ----------------------------------------------------------------------------------


def _read(source: bytes) -> tuple[str, str, list[_Cell]]:
    """A byte order mark (or ""), the notebook's text after it, its code cells worth checking."""
    try:
        raw = source.decode("utf-8")
        bom = "\ufeff" if raw.startswith("\ufeff") else ""
        raw = raw[len(bom):]
        data = json.loads(raw)
    except (UnicodeDecodeError, ValueError) as error:
        raise NotebookError(str(error).splitlines()[0]) from error
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        raise NotebookError("no 'cells' list (nbformat 4 is needed)")
    metadata = data.get("metadata")
    info = metadata.get("language_info") if isinstance(metadata, dict) else None
    language = info.get("name", "python") if isinstance(info, dict) else "python"
    spans = _source_spans(raw)
    cells = []
    for index, (cell, span) in enumerate(zip(data["cells"], spans)):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code" or span is None:
            continue
        text = _joined(cell.get("source", ""))
        if text is None:
            raise NotebookError(f"cell {index + 1}: 'source' is not text")
        if language == "python" and text.strip() and not text.lstrip().startswith("%%"):
            cells.append(_Cell(index, text, span))
    return bom, raw, cells


def _joined(source) -> str | None:
    if isinstance(source, list) and all(isinstance(line, str) for line in source):
        return "".join(source)
    return source if isinstance(source, str) else None


_WHITESPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def _source_spans(raw: str) -> list[tuple[int, int] | None]:
    """Where each cell's ``"source"`` value is in the text, found by walking the JSON."""
    for key, start, end in _members(raw, _skip(raw, 0)):
        if key == "cells":
            return [
                next(((s, e) for k, s, e in _members(raw, cell_start) if k == "source"), None)
                if raw[cell_start] == "{" else None
                for cell_start, _ in _elements(raw, start)
            ]
    return []


def _skip(raw: str, i: int) -> int:
    return _WHITESPACE.match(raw, i).end()


def _members(raw: str, i: int):
    """(key, value start, value end) of the JSON object at ``raw[i]``."""
    i = _skip(raw, i + 1)
    while raw[i] != "}":
        key, i = json.decoder.scanstring(raw, i + 1)
        start = _skip(raw, _skip(raw, i) + 1)  # past the colon
        _, end = _DECODER.raw_decode(raw, start)
        yield key, start, end
        i = _skip(raw, end)
        if raw[i] == ",":
            i = _skip(raw, i + 1)


def _elements(raw: str, i: int):
    """(start, end) of each value of the JSON array at ``raw[i]``."""
    i = _skip(raw, i + 1)
    while raw[i] != "]":
        _, end = _DECODER.raw_decode(raw, i)
        yield i, end
        i = _skip(raw, end)
        if raw[i] == ",":
            i = _skip(raw, i + 1)


# --- the module -------------------------------------------------------------------------------


def _mask(cell: _Cell) -> str:
    """The cell as Python: each IPython line becomes an import of a unique name, at the same
    indentation (a continued line keeps the first line's), so the code around stays valid."""
    lines = cell.text.split("\n")
    out, continued = [], None
    for line in lines:
        if continued is not None or MAGIC.match(line):
            indent = continued if continued is not None else line[:len(line) - len(line.lstrip())]
            out.append(f"{indent}import __keraslint_magic_{len(cell.magics)}__")
            cell.magics.append(line)
            continued = indent if line.endswith("\\") else None
        else:
            out.append(line)
    text = "\n".join(out)
    return text if text.endswith("\n") else text + "\n"


def _imports_keras(module_text: str) -> bool:
    for node in pyast.parse(module_text).body:
        if isinstance(node, ast.Import) and any(to_keras(a.name) for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and node.module and (
            to_keras(node.module)
            or (node.module == "tensorflow" and any(a.name == "keras" for a in node.names))
        ):
            return True
    return False


def _join(code_cells: list[tuple[_Cell, str]]) -> tuple[str, list[_Cell]]:
    """One module: the host cell first, then the others in order, each closed by a sentinel."""
    host = next((i for i, (_, text) in enumerate(code_cells) if _imports_keras(text)), 0)
    ordered = [code_cells[host], *code_cells[:host], *code_cells[host + 1:]]
    parts, row = [], 1
    for cell, text in ordered:
        cell.start = row
        parts.append(f"{text}__keraslint_cell__({cell.index})\n")
        row += text.count("\n") + 1
    return "".join(parts), [cell for cell, _ in ordered]


def _map(d: Diagnostic, order: list[_Cell]) -> Diagnostic:
    """A finding on the module, moved into its cell (edits across cells are dropped)."""
    starts = [cell.start for cell in order]

    def locate(location: Location) -> tuple[_Cell, Location]:
        cell = order[max(0, bisect.bisect_right(starts, location.row) - 1)]
        return cell, Location(location.row - cell.start + 1, location.column)

    cell, start = locate(d.start)
    _, end = locate(d.end)
    fix = d.fix
    if fix is not None and fix.edits:
        edits = []
        for edit in fix.edits:
            (a_cell, a), (b_cell, b) = locate(edit.start), locate(edit.end)
            if a_cell is not b_cell:
                edits = []
                break
            edits.append(Edit(edit.content, a, b))
        fix = Fix(fix.applicability, fix.message, tuple(edits))
    return replace(d, start=start, end=end, fix=fix, cell=cell.index + 1)


# --- writing back -----------------------------------------------------------------------------


def _write_back(raw: str, order: list[_Cell], fixed_module: str) -> str:
    """The notebook text with the changed cells' sources replaced, nothing else touched."""
    pieces = SENTINEL.split(fixed_module)
    if len(pieces) != 2 * len(order) + 1 or pieces[-1].strip():
        raise NotebookError("the fixed code could not be split back into cells")
    texts = {int(pieces[i + 1]): pieces[i] for i in range(0, len(pieces) - 1, 2)}
    replacements = []
    for cell in order:
        if cell.index not in texts:
            raise NotebookError("the fixed code could not be split back into cells")
        new = _unmask(cell, texts[cell.index])
        if new != cell.text:
            replacements.append((cell.span, _render_source(raw, cell.span, new)))
    for (start, end), value in sorted(replacements, reverse=True):
        raw = raw[:start] + value + raw[end:]
    return raw


def _unmask(cell: _Cell, text: str) -> str:
    lines = text.split("\n")
    for i, line in enumerate(lines):
        match = MASK.match(line)
        if match:
            lines[i] = cell.magics[int(match.group(1))]
    text = "\n".join(lines)
    # Keep the cell's own ending: fixes may leave blank lines before the next sentinel.
    original = cell.text if cell.text.endswith("\n") else cell.text + "\n"
    wanted = len(original) - len(original.rstrip("\n"))
    text = text.rstrip("\n") + "\n" * wanted
    return text if cell.text.endswith("\n") else text[:-1]


def _render_source(raw: str, span: tuple[int, int], text: str) -> str:
    """``text`` as a JSON ``source`` value written like the one at ``span``."""
    old = raw[span[0]:span[1]]
    ascii_only = bool(re.search(r"\\u(?!00[0-7])[0-9a-fA-F]{4}", raw)) and raw.isascii()
    if old.startswith('"'):
        return json.dumps(text, ensure_ascii=ascii_only)
    lines = [json.dumps(line, ensure_ascii=ascii_only) for line in re.findall(r"[^\n]*\n|[^\n]+", text)]
    if not lines:
        return "[]"
    layout = re.match(r"\[(\s*)", old)
    opening = layout.group(1) if layout else ""
    if "\n" not in opening:  # all on one line: ["a\n", "b"]
        return "[" + opening + ", ".join(lines) + "]"
    closing = re.search(r"(\s*)\]$", old).group(1)
    return "[" + opening + ("," + opening).join(lines) + closing + "]"


def as_script(source: bytes) -> tuple[str, list[tuple[int, int]]]:
    """The notebook's code cells as one script in their order, IPython lines turned into ``pass``
    (validation runs it), and the (first line, 1-based cell number) of each cell in it."""
    _, _, cells = _read(source)
    parts, starts, row = [], [], 1
    for cell in cells:
        text = re.sub(r"import __keraslint_magic_\d+__", "pass", _mask(cell))
        starts.append((row, cell.index + 1))
        parts.append(text)
        row += text.count("\n")
    return "".join(parts), starts


def cell_of(starts: list[tuple[int, int]], line: int) -> tuple[int, int]:
    """(cell number, line in that cell) of a line of :func:`as_script`'s script."""
    first, cell = max((s for s in starts if s[0] <= line), default=(1, 1))
    return cell, line - first + 1
