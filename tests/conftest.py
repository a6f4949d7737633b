"""Shared fixtures: the Keras 2.2.4 sdist (real code to check against) and a CLI runner."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

SDIST_NAME = "Keras-2.2.4"


def _cache_dir() -> Path:
    root = os.environ.get("KERASLINT_TEST_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "keraslint-tests"
    )
    return Path(root)


@pytest.fixture(scope="session")
def keras224() -> Path:
    """The unpacked Keras 2.2.4 sdist (``keras/``, ``examples/``, ``tests/``).

    Downloaded once into a cache folder with pip. A failed download fails the test: these
    tests are the project's check against real code and are never skipped.
    """
    cache = _cache_dir()
    unpacked = cache / SDIST_NAME
    if (unpacked / "examples").is_dir() and (unpacked / "keras" / "optimizers.py").is_file():
        return unpacked
    cache.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
        "--no-binary", ":all:", "keras==2.2.4", "-d", str(cache),
    ]
    done = subprocess.run(command, capture_output=True, text=True)
    archive = cache / f"{SDIST_NAME}.tar.gz"
    if done.returncode != 0 or not archive.is_file():
        pytest.fail(f"could not download the Keras 2.2.4 sdist:\n{done.stdout}\n{done.stderr}")
    with tarfile.open(archive) as tar:
        tar.extractall(cache, filter="data") if hasattr(tarfile, "data_filter") else tar.extractall(cache)
    return unpacked


@pytest.fixture(scope="session")
def keras224_examples(keras224: Path) -> list[Path]:
    examples = sorted((keras224 / "examples").glob("*.py"))
    assert len(examples) == 42, f"expected the 42 Keras 2.2.4 examples, found {len(examples)}"
    return examples
