"""Counts per rule: ``--statistics`` (what remains) and ``--show-fixes`` (what was fixed), in
ruff's layouts. Not an output format: these replace or follow the findings."""

from __future__ import annotations

import json
from collections import Counter
from typing import Sequence

from keraslint.diagnostics import FileResult
from keraslint.report import RenderOptions, diagnostics, fixable, paint, rule_name


def statistics(results: Sequence[FileResult], options: RenderOptions, *, as_json: bool) -> str:
    """One row per rule, most frequent first: ``count  code  [*] name``; ``[*]`` when every
    finding of the rule is fixable, ``[~]`` when some are (ruff: flake8's layout)."""
    counts: Counter[str] = Counter()
    fixables: Counter[str] = Counter()
    for d in diagnostics(results):
        counts[d.code] += 1
        fixables[d.code] += fixable(d, options)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if as_json:
        return json.dumps([
            {"code": code, "name": rule_name(code), "count": count, "fixable_count": fixables[code]}
            for code, count in rows
        ], indent=2) + "\n"
    if not rows:
        return ""
    count_width = len(str(rows[0][1]))
    any_fixable = any(fixables.values())
    out = []
    for code, count in rows:
        marker = ""
        if any_fixable:
            done = fixables[code]
            marker = ("[" + paint("*", options, fg="cyan") + "] " if done == count
                      else "[~] " if done else "[ ] ")
        out.append(f"{paint(str(count).rjust(count_width), options, bold=True)}\t"
                   f"{paint(code, options, fg='red', bold=True)}\t{marker}{rule_name(code)}\n")
    return "".join(out)


def fixes(results: Sequence[FileResult], options: RenderOptions, *, applied: bool = True) -> str:
    """``Fixed 3 errors:`` then, per file, ``    2 × KL101 (implicit-kernel-initializer)``."""
    per_file = [(r.filename, Counter(d.code for d in r.fixed)) for r in results if r.fixed]
    total = sum(sum(c.values()) for _, c in per_file)
    if not total:
        return ""
    width = max(len(str(n)) for _, c in per_file for n in c.values())
    label = f"{'Fixed' if applied else 'Would fix'} {total} error{'' if total == 1 else 's'}:"
    out = [paint(label, options, fg="green", bold=True)]
    for filename, counter in sorted(per_file):
        out.append(f"{paint('-', options, fg='cyan')} {paint(filename, options, bold=True)}"
                   f"{paint(':', options, fg='cyan')}")
        for code, n in sorted(counter.items(), key=lambda item: (-item[1], item[0])):
            out.append(f"    {n:>{width}} × {paint(code, options, fg='red', bold=True)} ({rule_name(code)})")
    return "\n".join(out) + "\n"
