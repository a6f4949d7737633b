"""The fix loop: apply fixes pass by pass until none applies, never writing code that breaks.

This is where libcst is parsed: only for a file with a fix to apply. Each pass finds the
targets in the CST (locate.py), applies the transforms, and checks the result again on the
``ast``.
"""

from __future__ import annotations

import warnings
from typing import Sequence

import libcst as cst

from keraslint import failures, pyast
from keraslint.diagnostics import Applicability, Diagnostic, FileResult
from keraslint.lint import lint
from keraslint.locate import NotLocated, bind
from keraslint.options import Options
from keraslint.rule import Finding
from keraslint.source import Source
from keraslint.transforms import apply

MAX_PASSES = 10  # fixes that enable other fixes settle in 2; more means a bug


def fix(code: Source, filename: str, source: bytes, options: Options, diagnostics, findings) -> FileResult:
    """Apply fixes pass by pass until none applies. A fix whose result would not parse (or
    would not compile where the original did) is left out and stays reported; the others
    still apply."""
    if not any(f.transform is not None and _applies(f.applicability, options) for f in findings):
        return FileResult(filename, tuple(diagnostics), source=source)
    try:
        module = cst.parse_module(source)
    except Exception as error:  # noqa: BLE001 - libcst raises several types
        return failures.unparsable(filename, source, error)
    lost = _first_lost_line(source, module)
    if lost is not None:  # the fixed file would differ on lines no fix touched
        return failures.not_reproduced(filename, source, lost, diagnostics)
    try:
        return _fix(module, code, filename, source, options, diagnostics, findings)
    except NotLocated as error:
        return failures.internal(filename, source, diagnostics, f"{error}; file left unchanged")


def _fix(module, code, filename, source, options, diagnostics, findings) -> FileResult:
    strict = _compiles(source)
    findings = bind(module, code, findings)[0]
    fixed: list[Diagnostic] = []
    refused: set[tuple[str, str]] = set()  # (code, target text) of fixes that break the code
    current = module
    new_source = source
    for _ in range(MAX_PASSES):
        chosen = [
            (d, f) for d, f in zip(diagnostics, findings)
            if f.transform is not None and _applies(f.applicability, options)
            and (not refused or _key(current, f) not in refused)
        ]
        if not chosen:
            break
        result = _try_apply(current, [f for _, f in chosen], strict)
        if result is None:  # find the culprits, one fix at a time
            good = []
            for pair in chosen:
                if _try_apply(current, [pair[1]], strict) is None:
                    refused.add(_key(current, pair[1]))
                else:
                    good.append(pair)
            chosen = good
            result = _try_apply(current, [f for _, f in chosen], strict) if chosen else None
            if result is None:
                if chosen:  # each fix is fine alone but not together: a keraslint bug
                    return failures.internal(filename, source, diagnostics,
                                             "fixes conflict with each other; file left unchanged")
                break
        current, new_code, tree = result
        fixed.extend(d for d, _ in chosen)
        new_source = new_code.encode(module.encoding)
        text = Source(new_code)
        diagnostics, findings = lint(tree, text, filename, options, current)
        try:
            findings = bind(current, text, findings)[0]
        except NotLocated:  # the fixed tree is not the one its text parses to: parse the text
            current = cst.parse_module(new_source)
            findings = bind(current, text, findings)[0]
    else:
        return failures.internal(filename, source, diagnostics,
                                 f"fixes did not settle after {MAX_PASSES} passes; file left unchanged")
    if not fixed or new_source == source:
        return FileResult(filename, tuple(diagnostics), source=source)
    return FileResult(filename, tuple(diagnostics), tuple(fixed), source, new_source)


def _first_lost_line(source: bytes, module: cst.Module) -> int | None:
    """The first line libcst's own rendering of ``source`` changed, or None if it is exact.

    libcst drops a form feed that precedes code on its line, and a final lone ``\\r``; a fix
    written from such a tree would change lines no rule touched. (Rendering a module costs
    as much as parsing it, so only a file with either is rendered.)
    """
    if b"\x0c" not in source and not source.endswith(b"\r"):
        return None
    round_trip = module.bytes
    if round_trip == source:
        return None
    old, new = source.splitlines(keepends=True), round_trip.splitlines(keepends=True)
    return next((i for i, (a, b) in enumerate(zip(old, new), start=1) if a != b), min(len(old), len(new)) + 1)


def _key(module: cst.Module, finding: Finding) -> tuple[str, str]:
    return finding.code, module.code_for_node(finding.target)


def _try_apply(module: cst.Module, findings: Sequence[Finding], strict: bool):
    """(new module, its code, its ast) if applying ``findings`` gives code that parses, else None.

    The fixed tree is kept for the next pass (its text is what it renders), not parsed again.
    ``strict``: the original compiles with this Python, so the result must too.
    """
    new_module = apply(module, findings)
    new_code = new_module.code
    if strict and not _compiles(new_code):
        return None
    try:
        tree = pyast.parse(new_code)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None
    return new_module, new_code, tree


def _applies(applicability: Applicability, options: Options) -> bool:
    return applicability.applies(options.unsafe_fixes)


def _compiles(code: bytes | str) -> bool:
    """Whether this Python compiles ``code``: stricter than ast.parse, which accepts, for
    example, a keyword argument given twice."""
    with warnings.catch_warnings():  # the file's own invalid escape sequences
        warnings.simplefilter("ignore")
        try:
            compile(code, "<keraslint>", "exec", dont_inherit=True)
        except (SyntaxError, ValueError, MemoryError, RecursionError):
            return False
    return True
