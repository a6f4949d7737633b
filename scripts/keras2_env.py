"""Create (once) the environment of the ``keras2`` target: TensorFlow 2.15, the last
TensorFlow whose ``tf.keras`` is Keras 2, on this Python; prints the path of its python.
Standard library only, like ``reference_env.py``.

    python3 scripts/keras2_env.py [VENV_DIR]

The default folder is ``keraslint-keras2`` in the test cache (``$KERASLINT_TEST_CACHE``,
else ``$XDG_CACHE_HOME/keraslint-tests`` or ``~/.cache/keraslint-tests``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

#: TensorFlow 2.15 and what the differential programs import besides it.
REQUIREMENTS = ("tensorflow-cpu==2.15.1", "h5py", "scipy", "pillow")
MARKER = "keraslint-keras2.txt"


def default_dir() -> Path:
    root = os.environ.get("KERASLINT_TEST_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "keraslint-tests")
    return Path(root) / "keraslint-keras2"


def ensure(venv: Path) -> Path:
    python = venv / "bin" / "python"
    wanted = "\n".join((sys.version.split()[0], *REQUIREMENTS)) + "\n"
    marker = venv / MARKER
    if python.is_file() and marker.is_file() and marker.read_text() == wanted:
        return python
    shutil.rmtree(venv, ignore_errors=True)
    venv.parent.mkdir(parents=True, exist_ok=True)
    _run([sys.executable, "-m", "venv", str(venv)])
    _run([str(python), "-m", "pip", "install", "--quiet", *REQUIREMENTS])
    _run([str(python), "-c", "import tensorflow"])
    marker.write_text(wanted)
    return python


def _run(command: list[str]) -> None:
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if done.returncode != 0:
        raise SystemExit(f"keras2_env: {' '.join(command)} failed:\n{done.stdout[-2000:]}")


if __name__ == "__main__":
    print(ensure(Path(sys.argv[1]) if len(sys.argv) > 1 else default_dir()))
