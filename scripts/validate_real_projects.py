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

from tests.validate.real_projects import PROJECTS, fetch  # noqa: E402

#: What each project's run covers: the paths given (default: the root) and the builders of the
#: factories that need arguments, as [tool.keraslint.validate] entries.
RUNS = {
    "efficientnet": {"builders": []},
    "kerascv": {"paths": ["kerascv/models/resnet.py", "kerascv/models/squeezenet.py",
                          "kerascv/models/mobilenet.py"], "builders": []},
    "keras-vggface": {"builders": []},
    "keras-resnet": {"builders": [
        '{ target = "keras_resnet/models/_2d.py:ResNet2D18", kwargs = { inputs = { input = [64, 64, 3] }, classes = 10 } }',
        '{ target = "keras_resnet/models/_2d.py:ResNet2D50", kwargs = { inputs = { input = [64, 64, 3] }, classes = 10 } }',
    ]},
    "keras-unet": {"builders": [
        '{ target = "keras_unet/models/custom_unet.py:custom_unet", kwargs = { input_shape = [64, 64, 3] } }',
        '{ target = "keras_unet/models/vanilla_unet.py:vanilla_unet", kwargs = { input_shape = [572, 572, 1] } }',
        '{ target = "keras_unet/models/satellite_unet.py:satellite_unet", kwargs = { input_shape = [64, 64, 3] } }',
    ]},
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference-python", required=True)
    parser.add_argument("--train-steps", default="0")
    parser.add_argument("--batch", default="2", help="the synthetic batch for --train-steps (default 2)")
    parser.add_argument("--json", help="write every project's report here")
    parser.add_argument("--unsafe-fixes", action="store_true", help="validate the port --fix --unsafe-fixes writes")
    args = parser.parse_args()
    everything = {}
    for project in PROJECTS:
        name = project.spec.split("==")[0]
        run = RUNS[name]
        root = fetch(project.spec)
        with tempfile.TemporaryDirectory() as scratch:
            config = Path(scratch) / "keraslint.toml"
            config.write_text("[validate]\ntimeout = 300\nbuilders = [\n    "
                              + ",\n    ".join(run["builders"]) + "\n]\n")
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
