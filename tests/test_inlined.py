"""The helpers keraslint writes out (``keras224/inlined.py``) against Keras 2.2.4's own: both are
called with the same arguments, the originals under real Keras 2.2.4 (the reference
environment), and must give the same results, the same errors and the same warnings."""

from __future__ import annotations

import json
import subprocess
import warnings

import numpy as np
import pytest

from keraslint.keras224.inlined import INLINED, definition
from tests.rules.cases import fix
from tests.environments import reference_python

#: (the 2.2.4 function as the reference calls it, keraslint's INLINED key, the cases)
_SHAPES = [None, (224, 224, 3), (3, 224, 224), (32, 32, 3), (3, 32, 32), (224, 224, 5), (5, 224, 224),
           (None, None, 3), (3, None, None), (100, 100), (224, 224, 1), (1, 224, 224)]
CASES = {
    ("keras_applications.imagenet_utils", "_obtain_input_shape"): (
        "keras.applications.imagenet_utils._obtain_input_shape",
        [(shape, 224, 48, data_format, flatten, weights)
         for shape in _SHAPES for data_format in ("channels_last", "channels_first")
         for flatten in (True, False) for weights in (None, "imagenet")],
    ),
    ("keras.utils.conv_utils", "normalize_tuple"): (
        "keras.utils.conv_utils.normalize_tuple",
        [(3, 2, "kernel_size"), ((3, 3), 2, "strides"), ([1, 2, 3], 3, "k"), ((1, 2), 3, "k"),
         (None, 2, "k"), (("a", 1), 2, "k"), (2.5, 2, "k")],
    ),
    ("keras.utils.conv_utils", "normalize_padding"): (
        "keras.utils.conv_utils.normalize_padding",
        [("VALID",), ("same",), ("causal",), ("full",), ("reflect",)],
    ),
    ("keras.utils.conv_utils", "conv_output_length"): (
        "keras.utils.conv_utils.conv_output_length",
        [(n, f, p, s, d) for n in (None, 1, 7, 28) for f in (1, 3, 5) for p in ("same", "valid", "full", "causal")
         for s in (1, 2, 3) for d in (1, 2)],
    ),
    ("keras.utils.conv_utils", "conv_input_length"): (
        "keras.utils.conv_utils.conv_input_length",
        [(n, f, p, s) for n in (None, 1, 7, 28) for f in (1, 3, 5) for p in ("same", "valid", "full")
         for s in (1, 2, 3)],
    ),
    ("keras.utils.conv_utils", "deconv_length"): (
        "keras.utils.conv_utils.deconv_length",
        [(n, s, k, p, o, d) for n in (None, 1, 7) for s in (1, 2) for k in (1, 3, 4)
         for p in ("same", "valid", "full") for o in (None, 0, 1) for d in (1, 2)],
    ),
    ("keras.utils.conv_utils", "convert_kernel"): (
        "keras.utils.conv_utils.convert_kernel",
        [(np.arange(24).reshape(2, 3, 4).tolist(),), (np.arange(48).reshape(2, 3, 2, 4).tolist(),),
         (np.arange(6).reshape(2, 3).tolist(),)],
    ),
    ("keras.backend", "normalize_data_format"): (
        "keras.backend.normalize_data_format",
        [("channels_last",), ("Channels_First",), (None,), ("th",)],
    ),
}

_CALL_ALL = r'''
import json, sys, warnings
import numpy as np
def run(function, cases):
    out = []
    for args in cases:
        args = [tuple(a) if isinstance(a, list) and not any(isinstance(x, list) for x in a) else a for a in args]
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                value = function(*args)
                value = np.asarray(value).tolist() if isinstance(value, np.ndarray) else value
                result = ["ok", repr(value)]
            except Exception as error:
                result = ["error", type(error).__name__, str(error)]
        out.append(result + [[str(w.message) for w in caught if "input channels" in str(w.message)]])
    return out
'''


def _call_all(functions_and_cases) -> list:
    namespace: dict = {}
    exec(_CALL_ALL, namespace)
    return [namespace["run"](function, cases) for function, cases in functions_and_cases]


def _as_json(cases):
    return json.loads(json.dumps(cases))  # tuples become lists, as they do for the reference


@pytest.fixture(scope="module")
def reference_results() -> list:
    """Each CASES entry's results from Keras 2.2.4 itself."""
    program = _CALL_ALL + "import importlib\ncases = json.loads(sys.stdin.read())\nresults = []\n" \
        "for module, name, args in cases:\n" \
        "    results.append(run(getattr(importlib.import_module(module), name), args))\n" \
        "print(json.dumps(results))\n"
    payload = json.dumps([[m, n, _as_json(cases)] for (m, n), (_, cases) in CASES.items()])
    done = subprocess.run([reference_python(), "-c", program], input=payload, capture_output=True,
                          text=True, env={"TF_CPP_MIN_LOG_LEVEL": "3", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("index", range(len(CASES)), ids=[name for _, name in CASES])
def test_inlined_helper_behaves_as_keras_2_2_4s(index: int, reference_results: list) -> None:
    (_module, name), (key, cases) = list(CASES.items())[index]
    namespace: dict = {}
    exec(compile(definition(key, name), f"<{key}>", "exec"), namespace)
    with warnings.catch_warnings():
        [ours] = _call_all([(namespace[name], _as_json(cases))])
    expected = reference_results[index]
    assert len(ours) == len(expected) == len(cases)
    differ = [(args, mine, theirs) for args, mine, theirs in zip(cases, ours, expected) if mine != theirs]
    assert not differ, differ[:5]


def test_every_inlined_helper_is_checked() -> None:
    checked = {INLINED[key] for key, _ in CASES.values()}  # one code may serve several 2.2.4 paths
    assert set(INLINED.values()) == checked


def test_import_of_a_helper_becomes_its_definition() -> None:
    source = ("from keras.applications.imagenet_utils import _obtain_input_shape\n"
              "from keras.utils import conv_utils\n"
              "shape = _obtain_input_shape(None, 224, 32, 'channels_last', True)\n"
              "k = conv_utils.normalize_tuple(3, 2, 'kernel_size')\n")
    fixed = fix(source, ("KL001",))
    assert "import" not in fixed.split("def _obtain_input_shape")[0]
    assert "class conv_utils:" in fixed and "def normalize_tuple(value, n, name):" in fixed
    assert fixed.endswith("shape = _obtain_input_shape(None, 224, 32, 'channels_last', True)\n"
                          "k = conv_utils.normalize_tuple(3, 2, 'kernel_size')\n")
    namespace: dict = {}
    exec(compile(fixed, "fixed.py", "exec"), namespace)
    assert namespace["shape"] == (224, 224, 3) and namespace["k"] == (3, 3)
    assert fix(fixed, ("KL001",)) == fixed
