"""``[tool.keraslint]`` in pyproject.toml: discovery, validation, and the Settings it gives."""

from __future__ import annotations

import math
import re
import sys
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from keraslint.keras224.layers import PINNED_DEFAULTS
from keraslint.keras224.targets import EVERY, Target

DEFAULT_KERNEL_INITIALIZER = PINNED_DEFAULTS["kernel_initializer"]["Dense"]
DEFAULT_MOMENTUM = PINNED_DEFAULTS["momentum"]["BatchNormalization"]
DEFAULT_EPSILON = PINNED_DEFAULTS["epsilon"]["BatchNormalization"]


TARGETS = EVERY


class ConfigError(Exception):
    """A configuration problem; the message names the file and the key."""


@dataclass(frozen=True)
class Settings:
    kernel_initializer: str = DEFAULT_KERNEL_INITIALIZER
    relu_kernel_initializer: str | None = None
    batchnorm_momentum: float = DEFAULT_MOMENTUM
    batchnorm_epsilon: float = DEFAULT_EPSILON
    #: keras3: TF >= 2.16, where tf.keras is Keras 3 (what `pip install tensorflow` gives).
    #: keras2: TF <= 2.15, or tf-keras. Fixes are chosen to build and keep 2.2.4 behaviour there.
    target: Target = Target.KERAS3
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    #: (glob, codes) pairs: the codes ignored in the files the glob matches (ruff's per-file-ignores)
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    config_file: Path | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "target", Target(self.target))  # also when given as a string

    def ignores_for(self, path: str) -> tuple[str, ...]:
        """The codes ``per-file-ignores`` ignores in ``path``."""
        if not self.per_file_ignores:
            return ()
        from keraslint.files import matches

        return tuple(code for glob, codes in self.per_file_ignores if matches(path, glob) for code in codes)


_KEYS = {f.name.replace("_", "-"): f.name for f in fields(Settings) if f.name != "config_file"}
_TYPES: dict[str, tuple[type, ...]] = {
    "kernel_initializer": (str,),
    "relu_kernel_initializer": (str,),
    "batchnorm_momentum": (int, float),
    "batchnorm_epsilon": (int, float),
    "target": (str,),
    "select": (list,),
    "ignore": (list,),
    "exclude": (list,),
    "per_file_ignores": (dict,),
}


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml at or above ``start`` that has a [tool.keraslint] table."""
    start = start.resolve()
    for directory in (start, *start.parents):
        candidate = directory / "pyproject.toml"
        if candidate.is_file() and "keraslint" in _read_toml(candidate).get("tool", {}):
            return candidate
    return None


def load_settings(path: Path | None) -> Settings:
    """Settings from ``path`` (a pyproject.toml or a keraslint.toml), or the defaults."""
    if path is None:
        return Settings()
    data = _read_toml(path)
    table = data.get("tool", {}).get("keraslint", {}) if path.name == "pyproject.toml" else data
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.keraslint] must be a table")
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key == "validate":  # [tool.keraslint.validate]: read by keraslint.validate.settings
            continue
        name = _KEYS.get(key)
        if name is None:
            known = ", ".join(sorted(_KEYS))
            raise ConfigError(f"{path}: unknown key {key!r} in [tool.keraslint] (known: {known})")
        if isinstance(value, bool) or not isinstance(value, _TYPES[name]):
            raise ConfigError(f"{path}: {key} has the wrong type ({type(value).__name__})")
        if isinstance(value, dict):  # per-file-ignores: {glob: [codes]}
            if not all(isinstance(v, list) and all(isinstance(c, str) for c in v) for v in value.values()):
                raise ConfigError(f"{path}: {key} must map globs to lists of rule codes")
            value = tuple((glob, tuple(c.upper() for c in codes)) for glob, codes in value.items())
        elif isinstance(value, list):
            if not all(isinstance(item, str) for item in value):
                raise ConfigError(f"{path}: {key} must be a list of strings")
            value = tuple(value)
        elif isinstance(value, int):
            value = float(value)
        problem = _value_problem(name, value)
        if problem:
            raise ConfigError(f"{path}: {key} = {value!r}: {problem}")
        values[name] = value
    return replace(Settings(), config_file=path, **values)


_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def _value_problem(name: str, value: object) -> str | None:
    """Why a configured value cannot be written into code, or None if it can."""
    if name.endswith("initializer") and not _IDENTIFIER.match(value):
        return "expected an initializer name such as 'he_normal'"
    if name == "target" and value not in TARGETS:
        return f"expected one of {', '.join(TARGETS)}"
    if name == "batchnorm_momentum" and not 0.0 <= value <= 1.0:
        return "expected a number from 0 to 1"
    if name == "batchnorm_epsilon" and not (math.isfinite(value) and value > 0):
        return "expected a positive number"
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only (tests/test_python_floor.py)
        import tomli as tomllib
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: {error}") from None
