#!/usr/bin/env python3
"""Validate five real Keras 2.2.4-era packages (tests/validate/real_projects.py) as a user would:
``keraslint validate --reference-python REF`` at each project's root, and print the figures.

    python scripts/validate_real_projects.py --reference-python REF [--train-steps N] [--json OUT]

Each sdist is downloaded once into the test cache. Factories whose parameters have no default are
configured as ``[tool.keraslint.validate]`` builders, in a config file written beside the run.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.validate.real_projects import PROJECTS, VALIDATE_RUNS as RUNS, config_text, fetch  # noqa: E402

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference-python", required=True)
    parser.add_argument("--train-steps", default="0")
    parser.add_argument("--batch", default="2", help="the synthetic batch for --train-steps (default 2)")
    parser.add_argument("--json", help="write every project's report here")
    parser.add_argument("--unsafe-fixes", action="store_true", help="validate the port --fix --unsafe-fixes writes")
    parser.add_argument("--only", action="append", metavar="NAME", help="only this project (repeatable)")
    args = parser.parse_args()
    everything = {}
    for project in PROJECTS:
        name = project.spec.split("==")[0]
        if args.only and name not in args.only:
            continue
        run = RUNS[name]
        root = fetch(project.spec)
        with tempfile.TemporaryDirectory() as scratch:
            config = Path(scratch) / "keraslint.toml"
            config.write_text(config_text(name))
            done = subprocess.run(
                [sys.executable, "-m", "keraslint", "validate", "--config", str(config), "--output-format", "json",
                 "--reference-python", args.reference_python, "--train-steps", args.train_steps,
                 "--batch", args.batch, *(["--unsafe-fixes"] if args.unsafe_fixes else []),
                 *run.get("paths", ["."])], cwd=root, capture_output=True, text=True)
        if done.returncode not in (0, 1):
            print(f"{project.spec}: keraslint validate failed ({done.returncode}): {done.stderr.strip()[-500:]}")
            continue
        report = json.loads(done.stdout)
        everything[project.spec] = report
        print_project(project.spec, report["models"], done.stderr.strip().splitlines()[-1])
    if args.json:
        Path(args.json).write_text(json.dumps(everything, indent=1))
    return 0


def print_project(spec: str, models: list[dict], summary: str) -> None:
    found = [m for m in models if m["name"]]
    built = [m for m in found if m["status"] == "built"]
    shape = [m for m in built if (m.get("reference") or {}).get("status") == "match"]
    numbers = [m for m in built if ((m.get("reference") or {}).get("numbers") or {}).get("equal") is True]
    print(f"\n{spec}: {len(found)} models found, {len(built)} built, {len(shape)} match Keras 2.2.4 by shape, "
          f"{len(numbers)} by numbers")
    print(f"  {summary}")
    reasons = Counter((m["status"], (m["reason"] or "")[:160]) for m in found if m["status"] != "built")
    for (status, reason), count in reasons.most_common():
        print(f"  {count} x {status}: {reason}")
    for m in built:
        ref = m.get("reference") or {}
        nums = ref.get("numbers") or {}
        if ref.get("status") != "match" or nums.get("equal") is not True:
            print(f"  {m['path']} {m['name']}: reference {ref.get('status')} "
                  f"{ref.get('reason') or '; '.join(ref.get('differences', [])[:2])} numbers {nums}"[:400])


if __name__ == "__main__":
    sys.exit(main())
