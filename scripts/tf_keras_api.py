"""Write ``keraslint/keras224/tf_api/<target>.py``: every module under ``tensorflow.keras`` that
an import statement can name, with its public names, as the installed TensorFlow has them.

    python scripts/tf_keras_api.py keras3    # with TensorFlow >= 2.16 installed (Keras 3)
    python scripts/tf_keras_api.py keras2    # with TensorFlow 2.15 installed (Keras 2)

keraslint writes an import only if the table of the target has the name, so every import it
writes resolves there; ``tests/test_tf_api.py`` checks the table against installed TensorFlow.
"""

from __future__ import annotations

import importlib
import os
import sys
import textwrap
import types
from pathlib import Path

ROOT = "tensorflow.keras"


def collect() -> dict[str, list[str]]:
    """Importable module -> its public names, for ``tensorflow.keras`` and its submodules."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    found: dict[str, list[str]] = {}
    pending = [ROOT]
    while pending:
        name = pending.pop()
        try:
            module = importlib.import_module(name)
        except Exception:  # noqa: BLE001 - a lazy attribute that is not importable by name
            continue
        names = sorted(n for n in dir(module) if not n.startswith("_"))
        found[name] = names
        for attribute in names:
            value = getattr(module, attribute, None)
            child = f"{name}.{attribute}"
            if isinstance(value, types.ModuleType) and child not in found and child.count(".") < 6:
                pending.append(child)
    return dict(sorted(found.items()))


def render(target: str, api: dict[str, list[str]]) -> str:
    import tensorflow as tf

    lines = [
        f'"""The modules and public names of ``tensorflow.keras`` on the ``{target}`` target, read',
        f"from TensorFlow {tf.__version__} by ``scripts/tf_keras_api.py``; do not edit. Checked",
        '"""',
        "",
        f'TENSORFLOW = "{tf.__version__}"',
        "",
        "MODULES = {",
    ]
    lines[1] = f"from TensorFlow {tf.__version__} by ``scripts/tf_keras_api.py`` (do not edit); checked"
    lines.insert(2, "against installed TensorFlow by ``tests/test_tf_api.py``.")
    for module, names in api.items():
        text = " ".join(names)
        wrapped = textwrap.wrap(text, 88, break_on_hyphens=False) or [""]
        body = "\n".join(f'        "{part} "' for part in wrapped[:-1])
        lines.append(f'    "{module}": (\n' + (body + "\n" if body else "") + f'        "{wrapped[-1]}"\n    ),')
    lines.append("}")
    return "\n".join(lines) + "\n"


def path_for(target: str) -> Path:
    return Path(__file__).resolve().parent.parent / "keraslint" / "keras224" / "tf_api" / f"{target}.py"


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in ("keras2", "keras3"):
        raise SystemExit("usage: python scripts/tf_keras_api.py keras2|keras3")
    out = path_for(sys.argv[1])
    out.write_text(render(sys.argv[1], collect()))
    print(out)
