"""``requires-python`` is true: keraslint installs and runs on the oldest Python it declares.

Makes a virtualenv with that Python (found on the PATH, in pyenv or in ``$KERASLINT_FLOOR_PYTHON``),
installs this checkout into it from the package index, and runs the README's main job and
the rules' own cases there. Fails, never skips, when no such Python is found."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _floor() -> tuple[int, int]:
    spec = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    major, minor = re.fullmatch(r">=\s*(\d+)\.(\d+)", spec.strip()).groups()
    return int(major), int(minor)


def _python(version: tuple[int, int]) -> str:
    name = f"python{version[0]}.{version[1]}"
    pyenv = Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv") / "versions"
    candidates = [os.environ.get("KERASLINT_FLOOR_PYTHON"), shutil.which(name),
                  *sorted(str(p) for p in pyenv.glob(f"{version[0]}.{version[1]}.*/bin/{name}"))]
    for candidate in filter(None, candidates):
        done = subprocess.run([candidate, "-c", "import sys; print(sys.version_info[:2])"],
                              capture_output=True, text=True)
        if done.stdout.strip() == str(version):
            return candidate
    pytest.fail(f"no {name} found (PATH, pyenv, $KERASLINT_FLOOR_PYTHON): requires-python cannot be checked")


def test_keraslint_runs_on_the_oldest_python_it_declares(tmp_path: Path) -> None:
    version = _floor()
    assert version < sys.version_info[:2], "the floor is this Python: this test checks nothing"
    venv = tmp_path / "venv"
    subprocess.run([_python(version), "-m", "venv", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    install = subprocess.run([python, "-m", "pip", "install", "--quiet", str(ROOT)], capture_output=True, text=True)
    assert install.returncode == 0, install.stderr[-2000:]
    work = tmp_path / "fixtures"
    shutil.copytree(ROOT / "fixtures", work)
    done = subprocess.run([python, "-m", "keraslint", "--no-cache", "--diff", str(work)],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 1 and "+from tensorflow import keras" in done.stdout, done.stderr[-2000:]
    fixed = subprocess.run([python, "-m", "keraslint", "--no-cache", "--fix", str(work)],
                           capture_output=True, text=True, cwd=tmp_path)
    assert fixed.returncode in (0, 1), fixed.stderr[-2000:]
    check = subprocess.run([python, "-c", "import keraslint, sys; from keraslint.registry import all_rules; "
                            "print(len(all_rules()), sys.version_info[:2])"], capture_output=True, text=True)
    assert check.returncode == 0 and str(version) in check.stdout, check.stderr
