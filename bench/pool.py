"""Does the process pool pay? One process against the pool, on growing slices of a tree.

    python bench/pool.py                      # the Keras 2.2.4 sdist, slices of 1..all files
    python bench/pool.py --tree DIR --jobs 2 --repeat 3

For each slice it runs ``keraslint --no-cache`` with ``-j1`` and ``-jN`` as whole processes
and prints wall time and CPU time, split into the parent's own and the workers'. On a
machine whose cores are busy with other jobs wall time says little about parallelism, so it
also prints what the pool's wall time would be on free cores: the parent's CPU (start-up,
discovery, the warm-up, the report) plus the workers' CPU shared over N. The pool pays
where that is below the one-process CPU time, and its cost is the extra CPU it burns.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import KERAS_PARTS, REPO, keras224_sdist  # noqa: E402

# Runs keraslint in this process, then reports its own CPU and its reaped children's.
_RUN = """
import os, resource, sys
from keraslint import parallel
from keraslint.cli import main
if "SMALL_WORK" in os.environ:  # --small-work: where the pool starts
    parallel.SMALL_WORK = int(os.environ["SMALL_WORK"])
try:
    main(sys.argv[1:])
except SystemExit:
    pass
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime, file=sys.stderr)
"""


def measure(tree: Path, jobs: int, small_work: int | None) -> tuple[float, float, float]:
    """(wall, parent CPU, workers' CPU) seconds of one cold check."""
    env = dict(os.environ, PYTHONPATH=str(REPO), NO_COLOR="1")
    if small_work is not None:
        env["SMALL_WORK"] = str(small_work)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _RUN, "--no-cache", "--exit-zero", f"-j{jobs}", "."],
                          cwd=tree, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True)
    wall = time.perf_counter() - start
    parent, workers = map(float, done.stderr.split()[-2:])
    return wall, parent, workers


def slices(sdist: Path, work: Path) -> list[tuple[Path, int, int]]:
    """Trees of the first 1, 2, 4, 8, ... keras-mentioning files: (tree, files, bytes)."""
    files = sorted(p for part in KERAS_PARTS for p in (sdist / part).rglob("*.py") if b"keras" in p.read_bytes())
    found, count = [], 1
    while True:
        count = min(count, len(files))
        tree = work / f"slice{count}"
        for path in files[:count]:
            target = tree / path.relative_to(sdist)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        found.append((tree, count, sum(p.stat().st_size for p in files[:count])))
        if count == len(files):
            return found
        count *= 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, help="measure this tree only (no slices)")
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--repeat", type=int, default=2, help="best of N (by CPU) per cell")
    parser.add_argument("--small-work", type=int, metavar="BYTES",
                        help="use the pool from this many bytes of Keras code (default: keraslint's)")
    parser.add_argument("--up-to", type=int, metavar="FILES", help="stop after slices of this many files")
    args = parser.parse_args()
    print(f"-j1 against -j{args.jobs}; load average {os.getloadavg()[0]:.1f} on "
          f"{len(os.sched_getaffinity(0))} cores; best of {args.repeat}\n")
    print("| files | kB | `-j1` wall | `-j1` CPU | "
          f"`-j{args.jobs}` wall | parent CPU | workers' CPU | extra CPU | on free cores | speed-up |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="keraslint-pool-") as scratch:
        if args.tree:
            trees = [(args.tree, len(list(args.tree.rglob("*.py"))),
                      sum(p.stat().st_size for p in args.tree.rglob("*.py")))]
        else:
            trees = [t for t in slices(keras224_sdist(), Path(scratch)) if not args.up_to or t[1] <= args.up_to]
        for tree, count, size in trees:
            one = min((measure(tree, 1, None) for _ in range(args.repeat)), key=lambda r: r[1] + r[2])
            many = min((measure(tree, args.jobs, args.small_work) for _ in range(args.repeat)), key=lambda r: r[1] + r[2])
            single_cpu = one[1] + one[2]
            free = many[1] + many[2] / args.jobs  # the workers' share of the CPU, run side by side
            print(f"| {count} | {size // 1000} | {one[0]:.2f} | {single_cpu:.2f} | {many[0]:.2f} | "
                  f"{many[1]:.2f} | {many[2]:.2f} | {many[1] + many[2] - single_cpu:+.2f} | "
                  f"{free:.2f} | {single_cpu / free:.2f}× |", flush=True)


if __name__ == "__main__":
    main()
