"""The star-import table (``keras224/exports.py``) against the 2.2.4 sdist, and every rule
family seeing the names a star import brings."""

from __future__ import annotations

from pathlib import Path

import pytest

from keraslint.keras224.exports import EXPORTS
from tests.keras224_source import exports, keras_modules
from tests.rules.cases import fix, lint


def test_the_table_is_what_each_2_2_4_module_exports(keras224: Path) -> None:
    wanted = {m: frozenset(exports(keras224, m)) for m in keras_modules(keras224)}
    wanted = {m: names for m, names in wanted.items() if names}
    assert set(EXPORTS) == set(wanted), "run scripts/keras224_exports.py"
    differ = {m: sorted(EXPORTS[m] ^ wanted[m]) for m in wanted if EXPORTS[m] != wanted[m]}
    assert not differ, f"run scripts/keras224_exports.py: {differ}"


def test_the_table_is_not_empty_where_code_star_imports() -> None:
    for module, name in (("keras.layers", "Dense"), ("keras.optimizers", "Adam"),
                         ("keras.callbacks", "ReduceLROnPlateau"), ("keras.models", "Sequential"),
                         ("keras.backend", "image_dim_ordering"), ("keras.layers", "Convolution2D")):
        assert name in EXPORTS[module]


#: (star import, code, a code that must be reported), one per rule family.
STAR_CASES = [
    ("from keras.layers import *", "Dense(3)", "KL101"),
    ("from keras.layers import *", "BatchNormalization()", "KL201"),
    ("from keras.optimizers import *", "Adam(lr=1e-4)", "KL301"),
    ("from keras.optimizers import *", "Adadelta()", "KL302"),
    ("from keras.optimizers import *", "SGD(lr=0.1, decay=1e-6)", "KL303"),
    ("from keras.layers import *", "LSTM(3)", "KL401"),
    ("from keras.layers import *", "Convolution2D(8, 3, 3)", "KL502"),
    ("from keras.layers.convolutional import *", "Convolution2D(8, 3, 3, border_mode='same')", "KL501"),
    ("from keras.callbacks import *", "ReduceLROnPlateau(epsilon=1e-4)", "KL604"),
    ("from keras.layers.pooling import *", "AveragePooling2D()", "KL603"),
    ("from keras.backend import *", "image_dim_ordering()", "KL505"),
]


@pytest.mark.parametrize("star,code,expected", STAR_CASES, ids=[c[2] for c in STAR_CASES])
def test_every_family_sees_names_from_a_star_import(star: str, code: str, expected: str) -> None:
    source = f"{star}\n\nx = {code}\n"
    found = {d.code for d in lint(source)}
    assert expected in found, found
    fixed = fix(source)
    assert fixed != source
    assert fix(fixed) == fixed


def test_a_foreign_star_import_still_hides_every_name() -> None:
    source = "from keras.optimizers import *\nfrom mylib import *\n\nopt = Adam(lr=1e-4)\n"
    assert "KL301" not in {d.code for d in lint(source)}
