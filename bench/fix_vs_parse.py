"""Wall time of `keraslint --fix` on a tree against bare libcst.parse_module, in one run.

    python bench/fix_vs_parse.py [DIR]     # default: the Keras 2.2.4 examples (downloaded)

Prints one table. Each row is the best of --repeat runs; the ratio column is what to
compare across machines, since these machines are noisy.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path


def keras224_examples() -> Path:
    cache = Path(os.environ.get("KERASLINT_TEST_CACHE") or Path.home() / ".cache" / "keraslint-tests")
    examples = cache / "Keras-2.2.4" / "examples"
    if not examples.is_dir():
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary",
                        ":all:", "keras==2.2.4", "-d", str(cache)], check=True)
        with tarfile.open(cache / "Keras-2.2.4.tar.gz") as tar:
            tar.extractall(cache, filter="data")
    return examples


def best(times: list[float]) -> float:
    return min(times)


def time_parse(files: list[Path]) -> float:
    code = (
        "import sys, time, libcst\n"
        "paths = sys.argv[1:]\n"
        "t = time.perf_counter()\n"
        "for p in paths:\n    libcst.parse_module(open(p, 'rb').read())\n"
        "print(time.perf_counter() - t)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, *map(str, files)], capture_output=True, text=True, check=True)
    return float(done.stdout)


def time_command(args: list[str], tree: Path) -> float:
    work = Path(tempfile.mkdtemp())
    try:
        shutil.copytree(tree, work / "tree")
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "keraslint", *args, str(work / "tree")], capture_output=True)
        return time.perf_counter() - start
    finally:
        shutil.rmtree(work)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tree", nargs="?", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    tree = args.tree or keras224_examples()
    files = sorted(tree.rglob("*.py"))
    lines = sum(len(p.read_bytes().splitlines()) for p in files)
    parse = best([time_parse(files) for _ in range(args.repeat)])
    rows = [
        ("bare libcst.parse_module (in-process, no startup)", parse),
        ("keraslint (check, whole process)", best([time_command([], tree) for _ in range(args.repeat)])),
        ("keraslint --fix (whole process)", best([time_command(["--fix"], tree) for _ in range(args.repeat)])),
    ]
    print(f"corpus: {tree} ({len(files)} files, {lines} lines); best of {args.repeat}")
    print(f"{'measurement':<52} {'seconds':>8} {'x parse':>8}")
    for name, seconds in rows:
        print(f"{name:<52} {seconds:8.2f} {seconds / parse:8.2f}")


if __name__ == "__main__":
    main()
