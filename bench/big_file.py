"""Time and peak memory of keraslint on one generated 60,000-line file.

    python bench/big_file.py [--lines N] [--shape sparse|dense] [--mode check|fix]

Each measurement runs in a fresh subprocess (peak RSS is per process) and prints one line:
the file's size, libcst's bare parse time for comparison, keraslint's wall time and peak
resident memory. "sparse" is the file tests/test_reliability.py fixes (a Dense call every
200 lines); "dense" has a Keras call or import-relevant line on most lines.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys

WORKER = r"""
import json, resource, sys, time
import libcst
from keraslint.config import Settings
from keraslint.engine import Options, check_source
from keraslint.registry import select_rules
source = open(sys.argv[1], "rb").read()
start = time.perf_counter()
libcst.parse_module(source)
parse = time.perf_counter() - start
options = Options(select_rules(("ALL",), ()), Settings(), fix=sys.argv[2] == "fix")
start = time.perf_counter()
result = check_source(source, "big.py", options)
run = time.perf_counter() - start
print(json.dumps({"parse_s": parse, "run_s": run, "fixed": len(result.fixed),
                  "remaining": len(result.diagnostics), "error": result.error,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def generate(lines: int, shape: str) -> bytes:
    if shape == "sparse":
        body = [f"d{i} = Dense({i})" if i % 200 == 0 else f"v{i} = {i}" for i in range(lines - 2)]
        return ("\n".join(["from keras.layers import Dense", "", *body]) + "\n").encode()
    pick = random.Random(0).choice
    body = [pick(["x = Dense(3)(x)", "y = LSTM(4, return_sequences=True)(y)", "opt = Adadelta()",
                  "z = Conv2D(8, 3, padding='same')(z)", "a = 1", "# comment", ""])
            for _ in range(lines - 3)]
    head = ["from keras.layers import Dense, LSTM, Conv2D", "from keras.optimizers import Adadelta", ""]
    return ("\n".join(head + body) + "\n").encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=60_000)
    parser.add_argument("--shape", choices=["sparse", "dense"], default="sparse")
    parser.add_argument("--mode", choices=["check", "fix"], default="fix")
    args = parser.parse_args()
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".py") as handle:
        source = generate(args.lines, args.shape)
        handle.write(source)
        handle.flush()
        done = subprocess.run([sys.executable, "-c", WORKER, handle.name, args.mode],
                              capture_output=True, text=True, check=True)
    figures = json.loads(done.stdout)
    print(f"{args.lines} lines ({len(source) / 1e6:.2f} MB, {args.shape}), {args.mode}: "
          f"libcst parse {figures['parse_s']:.1f} s, keraslint {figures['run_s']:.1f} s, "
          f"peak {figures['peak_mb']:.0f} MB, {figures['fixed']} fixed, "
          f"{figures['remaining']} remaining, error: {figures['error']}")


if __name__ == "__main__":
    main()
