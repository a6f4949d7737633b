"""Create (once) the reference environment for ``keraslint validate --reference-python``.

Python 3.7 with Keras 2.2.4 on TensorFlow 1.13.1, installed from the package index into a
cached virtualenv; prints the path of its python. Standard library only: CI runs it before
keraslint is installed, and the test suite runs it when CI did not.

    python3 scripts/reference_env.py [VENV_DIR]

The default folder is ``keraslint-ref37`` in the test cache (``$KERASLINT_TEST_CACHE``, else
``$XDG_CACHE_HOME/keraslint-tests`` or ``~/.cache/keraslint-tests``). A folder whose marker
file lists exactly these requirements is reused; anything else is rebuilt.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REQUIREMENTS = ("keras==2.2.4", "tensorflow==1.13.1", "h5py<3", "numpy<1.17", "protobuf<3.21")
MARKER = "keraslint-reference.txt"


def default_dir() -> Path:
    root = os.environ.get("KERASLINT_TEST_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "keraslint-tests")
    return Path(root) / "keraslint-ref37"


def find_python37() -> str:
    """python3.7 from $PYTHON37, PATH or pyenv; SystemExit naming what to install if none works."""
    candidates = [os.environ.get("PYTHON37"), shutil.which("python3.7")]
    pyenv = Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv") / "versions"
    candidates += sorted(str(p) for p in pyenv.glob("3.7*/bin/python3.7"))
    for candidate in filter(None, candidates):
        done = subprocess.run([candidate, "-c", "import sys; print(sys.version_info[:2] == (3, 7))"],
                              capture_output=True, text=True)
        if done.stdout.strip() == "True":
            return candidate
    raise SystemExit("reference_env: TensorFlow 1.13.1 needs Python 3.7, and none was found "
                     "(tried $PYTHON37, python3.7 on PATH, ~/.pyenv/versions/3.7*)")


def ensure(venv: Path) -> Path:
    """The reference python in ``venv``, creating the environment if it is missing or stale."""
    python = venv / "bin" / "python"
    wanted = "\n".join(REQUIREMENTS) + "\n"
    marker = venv / MARKER
    if python.is_file() and marker.is_file() and marker.read_text() == wanted:
        return python
    shutil.rmtree(venv, ignore_errors=True)
    venv.parent.mkdir(parents=True, exist_ok=True)
    _run([find_python37(), "-m", "venv", str(venv)])
    _run([str(python), "-m", "pip", "install", "--quiet", *REQUIREMENTS])
    _run([str(python), "-c", "import keras, tensorflow"])  # the import works, not only the install
    marker.write_text(wanted)  # last: an interrupted install is rebuilt next time
    return python


def _run(command: list[str]) -> None:
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if done.returncode != 0:
        raise SystemExit(f"reference_env: {' '.join(command)} failed:\n{done.stdout[-2000:]}")


if __name__ == "__main__":
    print(ensure(Path(sys.argv[1]) if len(sys.argv) > 1 else default_dir()))
