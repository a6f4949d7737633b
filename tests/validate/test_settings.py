"""[tool.keraslint.validate] from a real pyproject.toml; the lint settings ignore the table."""

from __future__ import annotations

from pathlib import Path

import pytest

from keraslint.config import ConfigError, load_settings
from keraslint.validate.settings import Builder, load

PYPROJECT = """\
[tool.keraslint]
target = "keras3"

[tool.keraslint.validate]
timeout = 30
values = { num_classes = 46, "sub/cifar.py" = { x_train = { shape = [1, 32, 32, 3] } } }
builders = ["models.py:build_model", { target = "net.py:make", kwargs = { units = 64 } }]
"""


def test_values_builders_and_limits(tmp_path: Path):
    config = tmp_path / "pyproject.toml"
    config.write_text(PYPROJECT)
    assert load_settings(config).target == "keras3"  # the lint settings still load
    settings = load(config)
    assert settings.timeout == 30.0 and settings.memory_mb == 8192
    assert settings.values_for(str(tmp_path / "other.py")) == {"num_classes": 46}
    cifar = settings.values_for(str(tmp_path / "sub" / "cifar.py"))
    assert repr(cifar["x_train"]) == "__import__('numpy').zeros((1, 32, 32, 3), 'float32')"
    assert settings.builders == (
        Builder(tmp_path / "models.py", "build_model", {}, "models.py"),
        Builder(tmp_path / "net.py", "make", {"units": 64}, "net.py"),
    )
    assert settings.builders_for(str(tmp_path / "net.py")) == [settings.builders[1]]
    # A target also names a file elsewhere by the end of its path, as values' keys do.
    assert settings.builders_for(str(tmp_path / "elsewhere" / "net.py")) == [settings.builders[1]]
    assert settings.builders_for(str(tmp_path / "elsewhere" / "subnet.py")) == []


@pytest.mark.parametrize(("table", "message"), [
    ("timeout = 0", "timeout must be a positive number"),
    ("builders = ['models.py']", "builders entries are 'path.py:function'"),
    ("values = { x = { size = 3 } }", "values.x: a table needs shape"),
    ("memory = 3", "unknown key(s) memory"),
])
def test_bad_settings_name_the_file_and_key(tmp_path: Path, table: str, message: str):
    config = tmp_path / "pyproject.toml"
    config.write_text(f"[tool.keraslint.validate]\n{table}\n")
    with pytest.raises(ConfigError) as error:
        load(config)
    assert str(config) in str(error.value) and message in str(error.value)
