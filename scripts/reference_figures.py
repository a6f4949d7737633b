"""The closing figures of a reference run over the Keras 2.2.4 examples, from its JSON report.

    python3 scripts/reference_figures.py REPORT.json

A file *defines a model* when its code constructs one: it calls ``Sequential(``, ``Model(`` or
a ``keras.applications`` network. It *builds under Keras 2.2.4* when the original's build-only
module gives at least one model under the reference (the others need their data, a trained
file or Theano even there). A file *is built* when at least one of its models was built under
current TensorFlow. Prints the figures, then each file with no built model and why;
exits 1 if a built model differs from Keras 2.2.4 (or was not built there).
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

CONSTRUCTS_MODEL = re.compile(r"\b(Sequential|Model)\(|\bapplications\b")


def figures(report: dict, paths: list[str]) -> dict:
    by_file = defaultdict(list)
    for model in report["models"]:
        by_file[model["path"]].append(model)
    defining = [p for p in paths if CONSTRUCTS_MODEL.search(Path(p).read_text(encoding="utf-8"))]
    built_files = [p for p in defining if any(m["status"] == "built" for m in by_file[p])]
    built = [m for m in report["models"] if m["status"] == "built"]
    original_builds = [p for p in defining if any(
        (m["reference"] or {}).get("status") in ("match", "differs")
        or (m["reason"] or "").startswith("built under Keras 2.2.4 only") for m in by_file[p])]
    return {
        "files": len(paths),
        "define a model": len(defining),
        "build under Keras 2.2.4": len(original_builds),
        "built of those": sum(p in built_files for p in original_builds),
        "files built": len(built_files),
        "models": len(report["models"]),
        "models built": len(built),
        "models matching Keras 2.2.4": sum((m["reference"] or {}).get("status") == "match" for m in built),
        "not matching": [m for m in built if (m["reference"] or {}).get("status") != "match"],
        "not built": {p: [m for m in by_file[p] if m["status"] != "built"]
                      for p in defining if p not in built_files},
    }


def main(report_path: str) -> int:
    report = json.loads(Path(report_path).read_text())
    paths = sorted({m["path"] for m in report["models"]})
    result = figures(report, paths)
    print(f"{result['define a model']} of {result['files']} files define a model; "
          f"{result['build under Keras 2.2.4']} build one from their code under Keras 2.2.4, "
          f"{result['built of those']} of those under current TensorFlow; "
          f"{result['files built']} have a built model; {result['models built']} of "
          f"{result['models']} models built, {result['models matching Keras 2.2.4']} match Keras 2.2.4")
    for model in result["not matching"]:
        print(f"  DIFFERS {model['path']}:{model['line']} {model['name']}: {model['reference']}")
    for path, models in result["not built"].items():
        reasons = "; ".join(f"{m['status']}: {m['reason']}" for m in models)
        print(f"  not built {Path(path).name}: {reasons}"[:300])
    return 1 if result["not matching"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
