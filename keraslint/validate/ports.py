"""The two ports of a script: naive (imports rewritten only) and fixed (every keraslint fix)."""

from __future__ import annotations

import difflib
from dataclasses import replace

from keraslint.config import Settings
from keraslint.engine import Options, check_source
from keraslint.registry import select_rules

#: The import rules: what ``sed s/keras/tensorflow.keras/`` would give, done properly.
NAIVE_SELECT = ("KL0",)


def naive_port(source: bytes, path: str, settings: Settings) -> bytes:
    naive = replace(settings, select=NAIVE_SELECT, ignore=())
    return _port(source, path, Options(select_rules(naive.select, ()), naive, fix=True))


def fixed_port(source: bytes, path: str, settings: Settings, *, unsafe_fixes: bool) -> bytes:
    rules = select_rules(settings.select, settings.ignore, settings.target)
    return _port(source, path, Options(rules, settings, fix=True, unsafe_fixes=unsafe_fixes))


def _port(source: bytes, path: str, options: Options) -> bytes:
    result = check_source(source, path, options)
    if result.error is not None:
        raise ValueError(result.error)
    return source if result.fixed_source is None else result.fixed_source


def line_map(original: str, port: str) -> dict[int, int]:
    """Each line of ``port`` -> the line of ``original`` it came from (or the nearest before)."""
    old, new = original.splitlines(), port.splitlines()
    mapping: dict[int, int] = {}
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        for j in range(j1, j2):
            mapping[j + 1] = min(i1 + (j - j1), max(i2 - 1, i1)) + 1 if tag != "insert" else max(i1, 1)
    return mapping
