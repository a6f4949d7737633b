"""What detection on the stdlib ``ast`` could give at best, and an ast prefilter, measured.

    python bench/ast_first.py                  # the Keras 2.2.4 sdist and its 42 examples
    python bench/ast_first.py --tree DIR --repeat 5

In one process, over the files that mention ``keras`` (the others never reach the parser),
it times:

- keraslint's check (``engine.check_source``, every rule, no cache): the real cost;
- bare ``libcst.parse_module``: what any libcst tool pays before its first rule;
- the ast ceiling: ``ast.parse`` plus one ``ast.walk`` that collects every call's dotted
  name, keyword names and imports, which is all that the rules' detection reads. No
  ast-first design can be faster than this, since it must still run its rules and build a
  CST where there is something to fix;
- the ast ceiling for ``--fix``: the above, plus ``libcst.parse_module`` of just the files
  that have at least one finding (a fixer still needs their CST);
- two ast prefilters. "Names keras": a file whose ``ast`` binds or names nothing called
  ``keras`` (it says keras only in comments, strings or docstrings) skips the CST. That
  alone is not correct (rules KL307, KL506, KL601, ... react to ``model.fit(nb_epoch=...)``
  with no Keras import), so the script reports the findings it would lose. "Or calls a
  rule's name": the file is also kept when it calls anything whose last name is a string
  that appears anywhere in keraslint/rules/ or keraslint/keras224/ (a superset, found
  mechanically, of the method names a rule can react to).
"""

from __future__ import annotations

import argparse
import ast
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import KERAS_PARTS, keras224_sdist  # noqa: E402


def dotted(node: ast.AST) -> str | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


def ast_detect(source: bytes) -> tuple[list, bool]:
    """Every call as (dotted name, keyword names), and whether code (not text) names keras."""
    tree = ast.parse(source)
    calls, names_keras = [], False
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            calls.append((dotted(node.func), [k.arg for k in node.keywords]))
        elif isinstance(node, ast.Import):
            names_keras |= any("keras" in alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            names_keras |= "keras" in (node.module or "") or any("keras" in a.name for a in node.names)
        elif isinstance(node, ast.Name):
            names_keras |= "keras" in node.id
        elif isinstance(node, ast.Attribute):
            names_keras |= "keras" in node.attr
    return calls, names_keras


def rule_strings() -> frozenset[str]:
    """Every identifier-like string constant in the rules and the Keras tables."""
    root = Path(__file__).resolve().parent.parent / "keraslint"
    found = set()
    for path in [*(root / "rules").rglob("*.py"), *(root / "keras224").glob("*.py")]:
        for node in ast.walk(ast.parse(path.read_bytes())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.isidentifier():
                found.add(node.value)
    return frozenset(found)


REPEAT = 3  # --repeat: each time is the best of this many (the machine may be shared)


def timed(function, items):
    best, results = float("inf"), None
    for _ in range(REPEAT):
        start = time.perf_counter()
        results = [function(item) for item in items]
        best = min(best, time.perf_counter() - start)
    return best, results


def measure(name: str, paths: list[Path]) -> None:
    import libcst

    from keraslint.config import Settings
    from keraslint.engine import check_source
    from keraslint.options import Options

    options = Options(None, Settings())
    sources = [p.read_bytes() for p in paths]
    sources = [s for s in sources if b"keras" in s]
    check_source(b"import keras\nkeras.layers.Dense(1)\n", "<warm>", options)  # imports, tables
    with warnings.catch_warnings():  # the examples' own invalid escape sequences
        warnings.simplefilter("ignore")
        check_time, results = timed(lambda s: check_source(s, "f.py", options), sources)
        cst_time, _ = timed(libcst.parse_module, sources)
        ast_time, detected = timed(ast_detect, sources)
    with_findings = [s for s, r in zip(sources, results) if r.diagnostics]
    fix_cst_time, _ = timed(libcst.parse_module, with_findings)
    strings = rule_strings()
    gates = {
        "names keras": [i for i, (_, names_keras) in enumerate(detected) if not names_keras],
        "names keras or calls a rule's name": [
            i for i, (calls, names_keras) in enumerate(detected)
            if not names_keras and not any(name and name.rsplit(".", 1)[-1] in strings for name, _ in calls)],
    }
    lines = sum(s.count(b"\n") for s in sources)
    print(f"\n### {name}: {len(sources)} files that mention keras, {lines:,} lines; "
          f"{len(with_findings)} with findings\n")
    print("| measurement | seconds | ÷ keraslint check |")
    print("|---|---:|---:|")
    for label, seconds in [
        ("keraslint check (in process, no start-up)", check_time),
        ("bare `libcst.parse_module`", cst_time),
        ("ast ceiling: `ast.parse` + one walk collecting calls and imports", ast_time),
        ("ast ceiling for `--fix`: the above + `libcst.parse_module` of the files with findings",
         ast_time + fix_cst_time),
    ]:
        print(f"| {label} | {seconds:.2f} | {seconds / check_time:.3f} |")
    for gate, skipped in gates.items():
        saved, _ = timed(lambda i: check_source(sources[i], "f.py", options), skipped)
        lost = sorted({d.code for i in skipped for d in results[i].diagnostics})
        lost_count = sum(len(results[i].diagnostics) for i in skipped)
        print(f"| prefilter \"{gate}\": check of the {len(skipped)} files it skips "
              f"(loses {lost_count} findings{': ' + ', '.join(lost) if lost else ''}) | "
              f"{saved:.2f} | {saved / check_time:.3f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, help="measure this tree instead")
    parser.add_argument("--repeat", type=int, default=REPEAT, help="best of N (default 3)")
    args = parser.parse_args()
    globals()["REPEAT"] = args.repeat
    if args.tree:
        measure(args.tree.name, sorted(args.tree.rglob("*.py")))
        return
    sdist = keras224_sdist()
    measure("Keras 2.2.4 sdist", sorted(p for part in KERAS_PARTS for p in (sdist / part).rglob("*.py")))
    measure("its 42 examples", sorted((sdist / "examples").glob("*.py")))


if __name__ == "__main__":
    main()
