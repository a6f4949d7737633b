"""The long fuzz campaign: random Keras modules and hypothesmith modules through every property.

    python bench/fuzz_long.py [--keras N] [--random N] [--seed S] [--show K]

Runs the properties of tests/keras_fuzz.py on N generated Keras modules and N hypothesmith
modules (behind a Keras import), never stopping at a failure, and prints the counts: cases,
inputs keraslint refused (KL000), cases with findings, fixes applied, crashes, files broken,
and every other property violation with its smallest example. Exit status 1 if any property
was violated. The figures go in docs/reliability.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402

from keraslint.engine import Options, check_source  # noqa: E402
from tests import keras_fuzz  # noqa: E402


def campaign(strategy, count: int, seed_value: int, tally: Counter, examples: dict,
             check: Options) -> None:
    @seed(seed_value)
    @settings(max_examples=count, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def run(source: bytes) -> None:
        tally["cases"] += 1
        result = check_source(source, "fuzz.py", keras_fuzz.FIX)
        tally["refused (KL000)"] += result.error is not None
        tally["fixes applied"] += len(result.fixed)
        tally["cases with findings"] += bool(result.fixed or result.diagnostics)
        for problem in keras_fuzz.violations(source, check):
            kind = problem.split(":")[0]
            tally[kind] += 1
            key = problem[:160]
            if key not in examples:  # shown at once, so a long run can be examined while it runs
                print(f"  new problem at case {tally['cases']}: {problem}\n{source.decode('utf-8', 'replace')}",
                      flush=True)
            if key not in examples or len(source) < len(examples[key]):
                examples[key] = source
        if tally["cases"] % 1000 == 0:
            print(f"  ... {tally['cases']} cases: {dict(tally)}", flush=True)

    run()


def minimize(source: bytes, kind: str) -> bytes:
    """Drop lines (then single characters of what is left) while ``kind`` is still violated."""
    def still(candidate: bytes) -> bool:
        return any(p.startswith(kind) for p in keras_fuzz.violations(candidate))

    lines = source.splitlines(keepends=True)
    changed = True
    while changed:
        changed = False
        for i in range(len(lines) - 1, -1, -1):
            trial = lines[:i] + lines[i + 1:]
            if trial and still(b"".join(trial)):
                lines, changed = trial, True
    return b"".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keras", type=int, default=19_850)
    parser.add_argument("--random", type=int, default=150, help="hypothesmith cases (about 4 s each)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--show", type=int, default=3, help="examples to print per problem")
    parser.add_argument("--edits", action="store_true",
                        help="compute JSON edits in check mode too (slower; CI's campaign does)")
    args = parser.parse_args()
    check = keras_fuzz.CHECK if args.edits else Options(keras_fuzz.RULES, keras_fuzz.CHECK.settings)
    start = time.perf_counter()
    results = {}
    for name, strategy, count in (("hypothesmith", keras_fuzz.random_modules_with_keras(), args.random),
                                  ("keras", keras_fuzz.keras_modules(), args.keras)):
        tally, examples = Counter(), {}
        if count:
                campaign(strategy, count, args.seed, tally, examples, check)
        results[name] = (tally, examples)
        print(f"{name} done: {dict(tally)}", flush=True)
    elapsed = time.perf_counter() - start
    failed = False
    print(f"fuzz campaign, seed {args.seed}, {elapsed:.0f} s")
    for name, (tally, examples) in results.items():
        print(f"\n{name}: " + ", ".join(f"{key} {tally[key]}" for key in
              ("cases", "cases with findings", "fixes applied", "refused (KL000)", "crash", "broken")), flush=True)
        others = {k: v for k, v in tally.items() if k not in
                  ("cases", "cases with findings", "fixes applied", "refused (KL000)")}
        for kind, number in sorted(others.items()):
            print(f"  {kind}: {number}")
        for problem, source in sorted(examples.items())[: args.show * max(1, len(others))]:
            failed = True
            small = minimize(source, problem.split(":")[0])
            print(f"\n--- {problem}\n{small.decode('utf-8', 'replace')}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
