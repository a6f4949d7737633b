"""``[tool.keraslint.validate]``: values for names that came from dropped data, builders, limits.

```toml
[tool.keraslint.validate]
timeout = 60            # seconds per model build
memory-mb = 8192        # the child's address-space cap
values = { num_classes = 46, input_shape = [32, 32, 3], x_train = { shape = [1, 32, 32, 3] } }
builders = ["models.py:build_model", { target = "net.py:make", kwargs = { units = 64 } }]
```
A value (or builder argument) that is a table with ``shape`` (and optionally ``dtype``) stands
for an array of zeros; a key ending in ``.py`` holds values for the files whose path ends with
it, and a builder's target matches the file beside the config or any file whose path ends with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from keraslint.config import ConfigError, _read_toml


@dataclass(frozen=True)
class Builder:
    path: Path  # the target resolved against the config file's folder
    function: str
    kwargs: dict[str, Any] = field(default_factory=dict)
    written: str = ""  # the target's path as written: also matches any file whose path ends with it


@dataclass(frozen=True)
class ValidateSettings:
    timeout: float = 60.0
    memory_mb: int = 8192
    values: dict[str, Any] = field(default_factory=dict)
    builders: tuple[Builder, ...] = ()

    def values_for(self, path: str) -> dict[str, Any]:
        """The global values, with those of tables keyed by a file name ending ``path`` on top."""
        values = {k: v for k, v in self.values.items() if not k.endswith(".py")}
        for key, table in self.values.items():
            if key.endswith(".py") and _ends_with(path, key):
                values.update(table)
        return values

    def builders_for(self, path: str) -> list[Builder]:
        resolved = Path(path).resolve()
        return [b for b in self.builders if b.path == resolved or (b.written and _ends_with(path, b.written))]


def _ends_with(path: str, key: str) -> bool:
    return ("/" + Path(path).resolve().as_posix().lstrip("/")).endswith("/" + key.lstrip("/"))


class ArrayValue:
    """A configured stand-in for an array: written into the build module as zeros of a shape."""

    def __init__(self, shape: list[int], dtype: str = "float32"):
        self.shape, self.dtype = tuple(shape), dtype

    def __repr__(self) -> str:
        return f"__import__('numpy').zeros({self.shape!r}, {self.dtype!r})"


def load(config_file: Path | None) -> ValidateSettings:
    if config_file is None:
        return ValidateSettings()
    data = _read_toml(config_file)
    if config_file.name == "pyproject.toml":
        data = data.get("tool", {}).get("keraslint", {})
    table = data.get("validate", {})
    where = f"{config_file}: [tool.keraslint.validate]"
    known = {"timeout", "memory-mb", "values", "builders"}
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    values = {name: _value(where, name, value) for name, value in table.get("values", {}).items()}
    builders = tuple(_builder(where, config_file.parent, item) for item in table.get("builders", []))
    timeout = table.get("timeout", 60)
    memory = table.get("memory-mb", 8192)
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0:
        raise ConfigError(f"{where}: timeout must be a positive number of seconds")
    if isinstance(memory, bool) or not isinstance(memory, int) or memory <= 0:
        raise ConfigError(f"{where}: memory-mb must be a positive integer")
    return ValidateSettings(float(timeout), memory, values, builders)


def _value(where: str, name: str, value: Any) -> Any:
    if name.endswith(".py"):  # values for one file: { "mnist_siamese.py" = { input_shape = [28, 28] } }
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: values.{name!r} must be a table of names for that file")
        return {key: _value(where, f"{name}.{key}", item) for key, item in value.items()}
    if isinstance(value, dict):
        if set(value) - {"shape", "dtype"} or not isinstance(value.get("shape"), list):
            raise ConfigError(f"{where}: values.{name}: a table needs shape = [...] (and optionally dtype)")
        return ArrayValue(value["shape"], value.get("dtype", "float32"))
    return value


def _builder(where: str, base: Path, item: Any) -> Builder:
    target, kwargs = (item, {}) if isinstance(item, str) else (
        (item.get("target"), item.get("kwargs", {})) if isinstance(item, dict) else (None, None))
    if not isinstance(target, str) or ":" not in target or not isinstance(kwargs, dict):
        raise ConfigError(f"{where}: builders entries are 'path.py:function' or "
                          "{ target = 'path.py:function', kwargs = { ... } }")
    path, function = target.rsplit(":", 1)
    return Builder((base / path).resolve(), function, dict(kwargs), path)
