"""Differential harness: each program under real Keras 2.2.4, and its ports on current TensorFlow.

    python -m tests.programs.harness [PROGRAM ...] [--columns naive,keras3,keras2]
        [--reference-python P] [--keras3-python P] [--keras2-python P] [-j N]
        [--markdown FILE] [--json FILE]

Every program in this folder ends by printing traces (``_trace.trace``): History keys,
shapes, the learning rate read back, files written, which weights a step changed. The
harness runs the original under the reference environment (``scripts/reference_env.py``:
Python 3.7, Keras 2.2.4, TensorFlow 1.13.1), then each port in a fresh folder:

- ``naive``: ``keraslint --fix --select KL0`` (imports rewritten only), on current TensorFlow;
- ``keras3``: ``keraslint --fix`` (the default target), on current TensorFlow;
- ``keras2``: ``keraslint --fix --target keras2``, on TensorFlow 2.15 (``scripts/keras2_env.py``).

A column is ``same`` when the port printed the reference's traces (numbers marked with
``approx`` within their tolerance, other floats within 1e-6 relative), else ``differs`` (the
keys that differ) or ``crash`` (the exception's last line).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from tests.environments import reference_command

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TRACE_HELPER = HERE / "_trace.py"
PREFIX = "KLTRACE "
TIMEOUT = 120  # seconds per run; programs are meant to take under 20
FLOAT_REL = 1e-6  # floats not marked approx: float32 round-trips only

#: column -> (keraslint arguments, the python that runs the port: an attribute of Pythons)
PORTS = {
    "naive": (("--select", "KL0"), "keras3"),
    "keras3": ((), "keras3"),
    "keras2": (("--target", "keras2"), "keras2"),
}


def programs(names: list[str] | None = None) -> list[Path]:
    """The corpus: every ``*.py`` here but the harness, the helper and tests."""
    found = sorted(p for p in HERE.glob("*.py")
                   if not p.name.startswith(("_", "test_")) and p.name not in ("harness.py", "known.py"))
    if not names:
        return found
    by_name = {p.stem: p for p in found}
    return [by_name[Path(n).stem] if Path(n).stem in by_name else Path(n).resolve() for n in names]


@dataclass
class Run:
    status: str  # ok, crash, timeout, no-trace, port-failed
    trace: dict = field(default_factory=dict)
    error: str = ""
    seconds: float = 0.0


def run_program(python: str, folder: Path, script: str, timeout: int = TIMEOUT, reference: bool = False) -> Run:
    """Run ``script`` in ``folder`` with ``python`` (under Keras 2.2.4 in a one-thread session
    if ``reference``); its traces, or why there are none."""
    # without TF2_BEHAVIOR, which importing TensorFlow 2 in this process sets: TF 1.13 would go eager
    env = {**{k: v for k, v in os.environ.items() if k != "TF2_BEHAVIOR"}, "PYTHONHASHSEED": "0", "TF_CPP_MIN_LOG_LEVEL": "3",
           "CUDA_VISIBLE_DEVICES": "-1", "MPLBACKEND": "Agg", "PYTHONDONTWRITEBYTECODE": "1",
           "KERAS_HOME": str(folder / ".keras"), "HTTP_PROXY": "http://127.0.0.1:9",
           "HTTPS_PROXY": "http://127.0.0.1:9", "PYTHONWARNINGS": "ignore"}
    env.pop("PYTHONPATH", None)
    start = time.monotonic()
    try:
        command = reference_command(python, script) if reference else [python, script]
        done = subprocess.run(command, cwd=folder, env=env, capture_output=True,
                              text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return Run("timeout", error=f"no result after {timeout} s", seconds=timeout)
    seconds = time.monotonic() - start
    trace: dict = {}
    for line in done.stdout.splitlines():
        if line.startswith(PREFIX):
            for key, value in json.loads(line[len(PREFIX):]).items():
                trace[key if key not in trace else f"{key} (again)"] = value
    if done.returncode != 0:
        return Run("crash", trace, last_error_line(done.stderr), seconds)
    if not trace:
        return Run("no-trace", error="the program printed no trace", seconds=seconds)
    return Run("ok", trace, seconds=seconds)


def last_error_line(stderr: str) -> str:
    """The exception line of a traceback (the last line that is not a log or warning)."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    for line in reversed(lines):
        if not line.startswith(("W0", "I0", "E0", "WARNING", "warnings.warn")) and "Warning:" not in line:
            return line[:300]
    return lines[-1][:300] if lines else "exited with an error and printed nothing"


def port(program: Path, folder: Path, arguments: tuple[str, ...]) -> str | None:
    """Copy ``program`` into ``folder`` and run ``keraslint --fix`` on it; an error or None."""
    folder.mkdir(parents=True)
    shutil.copy(TRACE_HELPER, folder / TRACE_HELPER.name)
    target = folder / program.name
    shutil.copy(program, target)
    if arguments is None:
        return None
    done = subprocess.run([sys.executable, "-m", "keraslint", "--fix", "--no-cache", "--exit-zero",
                           *arguments, target.name], cwd=folder, capture_output=True, text=True)
    if done.returncode != 0 or "KL000" in done.stdout:
        return (done.stdout + done.stderr).strip().splitlines()[-1][:300]
    return None


def compare(reference: dict, other: dict) -> list[str]:
    """The keys whose values differ (missing keys included), sorted."""
    return sorted(key for key in set(reference) | set(other)
                  if key not in reference or key not in other
                  or not same_value(reference[key], other[key]))


def same_value(expected, actual) -> bool:
    if isinstance(expected, dict) and set(expected) == {"~", "rel", "abs"}:
        if not isinstance(actual, dict) or set(actual) != set(expected):
            return False
        return _close(expected["~"], actual["~"], expected["rel"], expected["abs"])
    if isinstance(expected, dict):
        return isinstance(actual, dict) and set(expected) == set(actual) and all(
            same_value(expected[k], actual[k]) for k in expected)
    if isinstance(expected, list):
        return isinstance(actual, list) and len(expected) == len(actual) and all(
            same_value(e, a) for e, a in zip(expected, actual))
    if isinstance(expected, float) or isinstance(actual, float):
        return _close(expected, actual, FLOAT_REL, 0.0)
    return type(expected) is type(actual) and expected == actual


def _close(expected, actual, rel: float, abs_: float) -> bool:
    if isinstance(expected, list):
        return isinstance(actual, list) and len(expected) == len(actual) and all(
            _close(e, a, rel, abs_) for e, a in zip(expected, actual))
    if isinstance(expected, bool) or isinstance(actual, bool):
        return expected == actual
    if not isinstance(expected, (int, float)) or not isinstance(actual, (int, float)):
        return expected == actual
    return math.isclose(expected, actual, rel_tol=rel, abs_tol=abs_)


@dataclass
class Row:
    program: str
    reference: Run
    columns: dict[str, Run]
    differences: dict[str, list[str]]

    def verdict(self, column: str) -> str:
        run = self.columns[column]
        if run.status == "ok" and self.reference.status == "ok":
            keys = self.differences[column]
            return "same" if not keys else "differs: " + ", ".join(keys)
        return f"{run.status}: {run.error}"


class Pythons:
    def __init__(self, reference: str, keras3: str, keras2: str | None):
        self.reference, self.keras3, self.keras2 = reference, keras3, keras2


def reference_run(program: Path, python: str, scratch: Path, cache: Path | None) -> Run:
    """The original under Keras 2.2.4, cached by the program's bytes and the helper's."""
    key = hashlib.sha256(program.read_bytes() + TRACE_HELPER.read_bytes() + python.encode()
                         + " ".join(reference_command("", "")).encode()).hexdigest()
    cached = cache / f"{program.stem}-{key[:16]}.json" if cache else None
    if cached and cached.is_file():
        return Run(**json.loads(cached.read_text()))
    folder = scratch / "reference"
    port(program, folder, None)
    run = run_program(python, folder, program.name, reference=True)
    if cached and run.status in ("ok", "crash"):
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_text(json.dumps(asdict(run)))
    return run


def run_row(program: Path, pythons: Pythons, columns: list[str], cache: Path | None) -> Row:
    with tempfile.TemporaryDirectory(prefix=f"kl-{program.stem}-") as scratch:
        scratch = Path(scratch)
        reference = reference_run(program, pythons.reference, scratch, cache)
        results: dict[str, Run] = {}
        differences: dict[str, list[str]] = {}
        for column in columns:
            arguments, which = PORTS[column]
            folder = scratch / column
            problem = port(program, folder, arguments)
            if problem is not None:
                results[column] = Run("port-failed", error=problem)
            else:
                results[column] = run_program(getattr(pythons, which), folder, program.name)
            differences[column] = compare(reference.trace, results[column].trace)
        return Row(program.stem, reference, results, differences)


def run_all(paths: list[Path], pythons: Pythons, columns: list[str], jobs: int,
            cache: Path | None, progress=None) -> list[Row]:
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(run_row, p, pythons, columns, cache) for p in paths]
        rows = []
        for future in futures:
            rows.append(future.result())
            if progress:
                progress(rows[-1])
        return rows


def summary(rows: list[Row], columns: list[str]) -> list[str]:
    ran = [r for r in rows if r.reference.status == "ok"]
    lines = [f"{len(rows)} programs, {len(ran)} run under Keras 2.2.4"]
    for column in columns:
        same = sum(1 for r in ran if r.verdict(column) == "same")
        runs = sum(1 for r in ran if r.columns[column].status == "ok")
        lines.append(f"{column}: {runs} of {len(ran)} run, {same} of {len(ran)} "
                     f"({100.0 * same / max(len(ran), 1):.1f}%) with the same trace as Keras 2.2.4")
    return lines


def markdown(rows: list[Row], columns: list[str]) -> str:
    """The table: one row per program, and the reasons for what differs (tests/programs/known.py)."""
    from tests.programs.known import KNOWN

    head = "| program | Keras 2.2.4 | " + " | ".join(columns) + " |"
    out = [head, "|" + "---|" * (len(columns) + 2)]
    reasons = []
    for row in rows:
        ref = "runs" if row.reference.status == "ok" else f"{row.reference.status}: {row.reference.error}"
        cells = [_cell(row.verdict(c)) for c in columns]
        out.append(f"| {row.program} | {_cell(ref)} | " + " | ".join(cells) + " |")
        for column in columns:
            if row.verdict(column) != "same" and column != "naive":
                reason = KNOWN.get(row.program, {}).get(column, "not explained yet")
                reasons.append(f"- `{row.program}` ({column}): {reason}.")
    return "\n".join(out + [""] + summary(rows, columns) + ["", "Why the others differ:", ""] + reasons) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")[:160]


def default_reference_python() -> str:
    env = os.environ.get("KERASLINT_REFERENCE_PYTHON")
    if env:
        return env
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "reference_env.py")],
                          capture_output=True, text=True, check=True)
    return done.stdout.strip().splitlines()[-1]


def default_cache() -> Path:
    """Where reference runs are kept (the tests' download cache)."""
    return Path(
        os.environ.get("KERASLINT_TEST_CACHE")
        or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "keraslint-tests"
    ) / "differential"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("programs", nargs="*")
    parser.add_argument("--columns", default="naive,keras3")
    parser.add_argument("--reference-python")
    parser.add_argument("--keras3-python", default=sys.executable)
    parser.add_argument("--keras2-python", default=os.environ.get("KERASLINT_KERAS2_PYTHON"))
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--markdown")
    parser.add_argument("--json")
    parser.add_argument("--no-cache", action="store_true")
    args = parser.parse_args(argv)
    columns = [c for c in args.columns.split(",") if c]
    unknown = set(columns) - set(PORTS)
    if unknown:
        parser.error(f"unknown columns: {', '.join(sorted(unknown))}")
    if "keras2" in columns and not args.keras2_python:
        parser.error("the keras2 column needs --keras2-python (python3 scripts/keras2_env.py makes one)")
    pythons = Pythons(args.reference_python or default_reference_python(), args.keras3_python,
                      args.keras2_python)
    cache = None if args.no_cache else default_cache()

    def progress(row: Row) -> None:
        cells = "  ".join(f"{c}: {row.verdict(c)[:70]}" for c in columns)
        print(f"{row.program:40} {cells}", flush=True)

    rows = run_all(programs(args.programs), pythons, columns, args.jobs, cache, progress)
    print("\n".join(summary(rows, columns)))
    if args.markdown:
        Path(args.markdown).write_text(markdown(rows, columns))
    if args.json:
        Path(args.json).write_text(json.dumps([asdict(r) for r in rows], indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
