"""Helpers shared by the tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def run_keraslint(*args: str, cwd: Path | str | None = None, stdin: bytes | None = None,
                  env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real command line in a subprocess, as a user or pre-commit would."""
    return subprocess.run(
        [sys.executable, "-m", "keraslint", *args],
        cwd=cwd, input=stdin, capture_output=True, env=env,
    )
