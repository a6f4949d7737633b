"""keraslint against bare parsers and Fixit, on real and scaled corpora, in one run.

    pip install -e '.[bench]'              # Fixit, the comparison
    python bench/bench.py                  # Keras 2.2.4 sdist, examples x10 and x50
    python bench/bench.py --corpus keras224 --repeat 3
    python bench/bench.py --tree DIR       # any tree

Prints one Markdown table: seconds per measurement, then the ratios the goals are stated
in. Every keraslint figure is a whole process (start-up included), run in a scratch copy of
the tree, with the cache in the copy; the parser baselines are in-process loops over bytes
already read (no start-up, no I/O), so the ratios are conservative. Peak RSS is the largest
single process's.
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
import json
import os
import platform
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
KERAS_PARTS = ("keras", "examples", "tests")
TRIVIAL_FIXIT_RULE = "fixit.rules:NoRedundantFString"

_PARSE_LOOP = """
import sys, time
paths = [line.rstrip("\\n") for line in sys.stdin]
data = [open(p, "rb").read() for p in paths]
import {module}
start = time.perf_counter()
for source in data:
    {call}(source)
print(time.perf_counter() - start)
"""


def keras224_sdist() -> Path:
    """The unpacked Keras 2.2.4 sdist, downloaded with pip on first use (like the tests)."""
    cache = Path(os.environ.get("KERASLINT_TEST_CACHE") or Path.home() / ".cache" / "keraslint-tests")
    unpacked = cache / "Keras-2.2.4"
    if not (unpacked / "examples").is_dir():
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary",
                        ":all:", "keras==2.2.4", "-d", str(cache)], check=True)
        with tarfile.open(cache / "Keras-2.2.4.tar.gz") as tar:
            tar.extractall(cache, filter="data") if hasattr(tarfile, "data_filter") else tar.extractall(cache)
    return unpacked


def python_files(tree: Path) -> list[Path]:
    return sorted(p for p in tree.rglob("*.py") if ".keraslint_cache" not in p.parts)


def imports_standalone_keras(source: bytes) -> bool:
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return False
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] == "keras" for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and not node.level and (node.module or "").split(".")[0] == "keras":
            return True
    return False


def stdlib_sources() -> list[Path]:
    """Non-Keras Python: the standard library's modules that parse, tests left out."""
    root = Path(sysconfig.get_paths()["stdlib"])
    found = []
    for path in sorted(root.rglob("*.py")):
        parts = set(path.relative_to(root).parts)
        if parts & {"test", "tests", "site-packages", "idle_test", "lib2to3", "__pycache__"}:
            continue
        source = path.read_bytes()
        if b"keras" in source:
            continue
        try:
            ast.parse(source)
        except (SyntaxError, ValueError):
            continue
        found.append(path)
    return found


def build_keras224(work: Path) -> Path:
    sdist = keras224_sdist()
    tree = work / "keras224"
    for part in KERAS_PARTS:
        shutil.copytree(sdist / part, tree / part)
    return tree


def build_scaled(work: Path, times: int) -> Path:
    """The 42 examples ``times`` times, and as many bytes of standard-library code."""
    examples = sorted((keras224_sdist() / "examples").glob("*.py"))
    tree = work / f"examples-x{times}"
    volume = 0
    for copy in range(times):
        folder = tree / "keras" / f"copy{copy:03d}"
        folder.mkdir(parents=True)
        for example in examples:
            shutil.copyfile(example, folder / example.name)
            volume += example.stat().st_size
    stdlib = stdlib_sources()
    root = Path(sysconfig.get_paths()["stdlib"])
    written, copy = 0, 0
    while written < volume:
        for path in stdlib:
            if written >= volume:
                break
            target = tree / "stdlib" / f"copy{copy:03d}" / path.relative_to(root)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            written += path.stat().st_size
        copy += 1
    return tree


def run(command: list[str], cwd: Path, ok: tuple[int, ...] = (0, 1)) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB of the largest process) of one command."""
    env = dict(os.environ, PYTHONPATH=str(REPO), NO_COLOR="1")
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    error = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    if process.returncode not in ok:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{error}")
    return wall, usage.ru_maxrss / 1024


def parse_loop(files: list[Path], module: str, call: str) -> float:
    code = _PARSE_LOOP.format(module=module, call=call)
    done = subprocess.run([sys.executable, "-c", code], input="\n".join(map(str, files)),
                          capture_output=True, text=True, check=True)
    return float(done.stdout)


def best(measure, repeat: int):
    results = [measure() for _ in range(repeat)]
    return min(results, key=lambda r: r[0] if isinstance(r, tuple) else r)


def keraslint(*args: str) -> list[str]:
    return [sys.executable, "-m", "keraslint", "--exit-zero", *args]


def fresh_copy(tree: Path, work: Path) -> Path:
    target = work / "scratch"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(tree, target, ignore=shutil.ignore_patterns(".keraslint_cache"))
    return target


def measure(name: str, tree: Path, work: Path, repeat: int, fixit: bool) -> dict:
    files = python_files(tree)
    sources = {p: p.read_bytes() for p in files}
    keras_files = [p for p, s in sources.items() if imports_standalone_keras(s)]
    row: dict = {
        "name": name,
        "files": len(files),
        "lines": sum(s.count(b"\n") for s in sources.values()),
        "keras files": len(keras_files),
    }
    row["ast"] = best(lambda: parse_loop(files, "ast", "ast.parse"), repeat)
    row["libcst"] = best(lambda: parse_loop(keras_files, "libcst", "libcst.parse_module"), repeat)
    scratch = fresh_copy(tree, work)

    def cold(*args):
        shutil.rmtree(scratch / ".keraslint_cache", ignore_errors=True)
        return run(keraslint(*args, "."), scratch)

    row["check cold"], row["rss cold"] = best(lambda: cold(), repeat)  # the default: every core
    row["check warm"], row["rss warm"] = best(lambda: run(keraslint("."), scratch), repeat)
    row["check cold -j1"], row["rss cold -j1"] = best(lambda: cold("-j1"), repeat)

    def fix():
        copy = fresh_copy(tree, work)
        return run(keraslint("--fix", "--no-cache", "."), copy)

    row["fix cold"], row["rss fix"] = best(fix, repeat)
    if fixit:
        fixit_command = [sys.executable, "-m", "fixit", "--rules", TRIVIAL_FIXIT_RULE, "lint", "."]
        # Fixit exits 1 for findings, 2 for files it could not process, 3 for both.
        row["fixit"], _ = best(lambda: run(fixit_command, scratch, ok=(0, 1, 2, 3)), repeat)
    shutil.rmtree(scratch)
    print(f"  measured {name}: {json.dumps(row)}", file=sys.stderr)  # survives a later failure
    return row


def one_file(repeat: int) -> tuple[float, float]:
    example = keras224_sdist() / "examples" / "mnist_mlp.py"
    with tempfile.TemporaryDirectory() as work:
        shutil.copyfile(example, Path(work) / example.name)
        return best(lambda: run(keraslint("--no-cache", example.name), Path(work)), max(repeat, 5))


ROWS = [
    ("files (with `import keras`)", lambda r: f"{r['files']} ({r['keras files']})"),
    ("lines", lambda r: f"{r['lines']:,}"),
    ("bare `ast.parse`, every file, 1 process", lambda r: f"{r['ast']:.2f} s"),
    ("bare `libcst.parse_module`, keras files, 1 process", lambda r: f"{r['libcst']:.2f} s"),
    ("Fixit 2, one trivial rule", lambda r: f"{r['fixit']:.2f} s" if "fixit" in r else "n/a"),
    ("keraslint check, cold (default: every core)", lambda r: f"{r['check cold']:.2f} s"),
    ("keraslint check, cold, `-j1`", lambda r: f"{r['check cold -j1']:.2f} s"),
    ("keraslint check, warm", lambda r: f"{r['check warm']:.2f} s"),
    ("keraslint `--fix`, cold", lambda r: f"{r['fix cold']:.2f} s"),
    ("cold check ÷ `ast.parse` (goal ≤ 2)", lambda r: f"{r['check cold'] / r['ast']:.2f}"),
    ("cold check `-j1` ÷ `ast.parse`", lambda r: f"{r['check cold -j1'] / r['ast']:.2f}"),
    ("cold `--fix` ÷ `libcst.parse_module` (goal ≤ 1.5)", lambda r: f"{r['fix cold'] / r['libcst']:.2f}"),
    ("warm ÷ cold check (goal ≤ 0.1)", lambda r: f"{r['check warm'] / r['check cold']:.3f}"),
    ("Fixit ÷ cold check (goal ≥ 20)", lambda r: f"{r['fixit'] / r['check cold']:.1f}" if "fixit" in r else "n/a"),
    ("cold check, ms per 1,000 lines", lambda r: f"{1000 * r['check cold'] / r['lines'] * 1000:.0f}"),
    ("peak RSS: check cold / `-j1` / warm / `--fix`",
     lambda r: f"{r['rss cold']:.0f} / {r['rss cold -j1']:.0f} / {r['rss warm']:.0f} / {r['rss fix']:.0f} MB"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="append", choices=["keras224", "x10", "x50"],
                        help="corpora to measure (default: all three)")
    parser.add_argument("--tree", type=Path, help="measure this tree instead")
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs (default 1)")
    parser.add_argument("--no-fixit", action="store_true", help="leave Fixit out")
    args = parser.parse_args()
    fixit = not args.no_fixit and importlib.util.find_spec("fixit") is not None
    if not args.no_fixit and not fixit:
        print("fixit not found: pip install -e '.[bench]' (or pass --no-fixit)", file=sys.stderr)
        sys.exit(2)
    rows = []
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="keraslint-bench-") as scratch:
        work = Path(scratch)
        if args.tree:
            rows.append(measure(args.tree.name, args.tree.resolve(), work, args.repeat, fixit))
        for corpus in args.corpus or ([] if args.tree else ["keras224", "x10", "x50"]):
            if corpus == "keras224":
                tree, name = build_keras224(work), "Keras 2.2.4 sdist"
            else:
                times = int(corpus[1:])
                tree, name = build_scaled(work, times), f"examples ×{times} + stdlib"
            rows.append(measure(name, tree, work, args.repeat, fixit))
            shutil.rmtree(tree)
        single, single_rss = one_file(args.repeat)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"{platform.machine()}, {cores} cores, Python {platform.python_version()}, "
          f"{platform.system()}; {date.today().isoformat()}; best of {args.repeat}; load average "
          f"{load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end")
    print()
    print("| measurement | " + " | ".join(r["name"] for r in rows) + " |")
    print("|---|" + "---:|" * len(rows))
    for label, cell in ROWS:
        print(f"| {label} | " + " | ".join(cell(r) for r in rows) + " |")
    print()
    print(f"`keraslint mnist_mlp.py` (one file, no cache, whole process): {single:.2f} s wall, "
          f"{single_rss:.0f} MB (goal ≤ 0.3 s)")


if __name__ == "__main__":
    main()
