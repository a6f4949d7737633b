"""Two real packages of the Keras 2.2.4 era, from the package index (cached), validated as a user
would at their root against real Keras 2.2.4: keras-resnet (relative imports, a frozen
BatchNormalization whose ``call`` takes ``*args``, channels_first branches) and keras-unet
(relative imports, three factories). Every model builds, trains a step, and gives Keras 2.2.4's
outputs on Keras 2.2.4's weights. scripts/validate_real_projects.py runs all five."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests import environments
from tests.validate.real_projects import config_text, fetch

CASES = [("keras-resnet==0.2.0", {"ResNet2D18()", "ResNet2D50()"}),
         ("keras-unet==0.0.7", {"custom_unet()", "vanilla_unet()", "satellite_unet()"})]


@pytest.mark.parametrize("spec, factories", CASES, ids=[spec for spec, _ in CASES])
def test_a_real_package_builds_and_gives_keras_224s_numbers(spec: str, factories: set[str], tmp_path: Path):
    root = fetch(spec)
    config = tmp_path / "keraslint.toml"
    config.write_text(config_text(spec.split("==")[0]))
    done = subprocess.run(
        [sys.executable, "-m", "keraslint", "validate", "--config", str(config), "--output-format", "json",
         "--reference-python", environments.reference_python(), "."],
        cwd=root, capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, done.stderr[-3000:]
    models = {m["name"]: m for m in json.loads(done.stdout)["models"] if m["name"]}
    assert set(models) == factories
    for name, model in models.items():
        assert model["status"] == "built", (name, model["reason"])
        assert model["reference"]["status"] == "match", (name, model["reference"])
        assert model["reference"]["numbers"]["equal"] is True, (name, model["reference"]["numbers"])
