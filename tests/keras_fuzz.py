"""Random Keras 2.2.4 modules for fuzzing, and the properties every run of keraslint must keep.

The names and arguments come from keraslint's own tables (keraslint/keras224/), so a new
layer, optimizer or Keras-1 name in a table is fuzzed without touching this file. Used by
tests/test_fuzz.py (a short campaign in CI) and bench/fuzz_long.py (a long one).
"""

from __future__ import annotations

import warnings
from collections import Counter

import libcst
from hypothesis import strategies as st

from keraslint.config import Settings
from keraslint.diagnostics import Applicability
from keraslint.engine import Options, check_source
from keraslint.keras224 import keras1, layers, optimizers, training
from keraslint.keras224.modules import NAME_MOVES, NO_HOME
from keraslint.registry import select_rules

# --- the generator ------------------------------------------------------------------------

LAYERS = sorted({*layers.SIGNATURES, *layers.ALIASES, *keras1.RENAMES})
OPTIMIZERS = sorted({*optimizers.SIGNATURES, *optimizers.ALIASES})
SUBMODULE = {name: module for name, (module, _) in layers.SIGNATURES.items()}
SUBMODULE.update({alias: SUBMODULE[name] for alias, name in layers.ALIASES.items()})
WRAPPERS = ["Bidirectional", "TimeDistributed"]
MODULE_NAMES = {
    "keras.layers": [n for n in LAYERS if n != "Model"],  # keras.models.Model
    "keras.optimizers": OPTIMIZERS,
    "keras.layers.recurrent": sorted(n for n, m in SUBMODULE.items() if m == "keras.layers.recurrent"),
}
OTHER_IMPORTS = sorted({
    *(name.rsplit(".", 1)[0] for name in NAME_MOVES), *NO_HOME,
    "keras.callbacks", "keras.models", "keras.backend", "keras.initializers", "keras.utils",
})

NAMES = st.sampled_from(["x", "inputs", "n_units", "cfg.units", "self.act", "None", "model"])
LITERALS = st.sampled_from([
    "3", "64", "0", "-1", "0.5", "1e-3", "True", "False", "None", "(3, 3)", "[2, 2]",
    "'relu'", '"same"', "'glorot_uniform'", "'hard_sigmoid'", "'orthogonal'", "'tf'", "'th'",
    "'cpu'", "'one'", "'default'", "u'valid'", "r'x'", "b'x'", "f'{n}d'", "0x10", "1_000",
    "'accuracy'", "'binary_crossentropy'", "lambda t: t", "{'a': 1}", "...",
])
COMMENTS = st.sampled_from([
    "# a comment", "# noqa", "# noqa: KL101", "# NOQA:KL1,KL3", "# noqa: E501", "# keras.layers.Dense(3)",
    "# -*- not a cookie -*-", "# type: ignore", "#",
])
KEYWORDS = sorted({
    *(p for _, params in layers.SIGNATURES.values() for p in params),
    *(old for renames in keras1.RENAMES.values() for old in renames),
    *(p for params in optimizers.SIGNATURES.values() for p, _ in params),
    *optimizers.RENAMED_ARGUMENTS, *training.GENERATOR_RENAMES, "name", "input_shape",
    "learning_rate", "clipvalue", "loss", "metrics", "optimizer", "nb_row", "nb_col",
})


@st.composite
def values(draw, depth: int, prefixes: list[str]) -> str:
    kind = draw(st.integers(0, 19))
    if kind < 12 or depth > 1:
        return draw(LITERALS)
    if kind < 17:
        return draw(NAMES)
    if kind < 19:
        return draw(calls(depth + 1, prefixes))
    return "-" + draw(LITERALS)


@st.composite
def arguments(draw, params: tuple[str, ...], depth: int, prefixes: list[str]) -> list[str]:
    """Positional values for a prefix of ``params``, then keywords in any order, some of them
    Keras-1 names, some repeated defaults, now and then ``*args`` / ``**kwargs``."""
    positional = draw(st.integers(0, min(len(params), 3)))
    out = [draw(values(depth, prefixes)) for _ in range(positional)]
    # Never bind a parameter twice: that call was a TypeError in 2.2.4 already.
    extra = [k for k in draw(st.lists(st.sampled_from(KEYWORDS), max_size=2)) if k not in params[:positional]]
    pool = list(params[positional:]) + extra
    chosen = draw(st.lists(st.sampled_from(pool), max_size=3, unique=True)) if pool else []
    out += [f"{name}={draw(values(depth, prefixes))}" for name in chosen]
    if draw(st.integers(0, 14)) == 0:
        out.append(draw(st.sampled_from(["*args", "**kwargs", "**dict(a=1)"])))
    return out


@st.composite
def calls(draw, depth: int, prefixes: list[str]) -> str:
    kind = draw(st.integers(0, 9))
    prefix = draw(st.sampled_from(prefixes)) if prefixes else ""
    if kind < 6:
        name = draw(st.sampled_from(LAYERS))
        cls = layers.ALIASES.get(name, name)
        # The class's own Keras-1 names too, so that KL5xx cases come up often enough.
        params = layers.SIGNATURES.get(cls, ("", ()))[1] + tuple(keras1.RENAMES.get(cls, {}))
        if prefix.endswith("layers.") and draw(st.booleans()) and name in SUBMODULE:
            prefix += SUBMODULE[name].rsplit(".", 1)[1] + "."
    elif kind < 8:
        name = draw(st.sampled_from(OPTIMIZERS))
        params = tuple(p for p, _ in optimizers.SIGNATURES[optimizers.ALIASES.get(name, name)])
        prefix = prefix.replace("layers.", "optimizers.")
    elif kind < 9:
        name = draw(st.sampled_from(sorted(training.CALLBACK_SIGNATURES)))
        params = training.CALLBACK_SIGNATURES[name]
        prefix = prefix.replace("layers.", "callbacks.")
    else:
        name, params = draw(st.sampled_from(WRAPPERS)), ("layer",)
    args = draw(arguments(params, depth, prefixes))
    return f"{prefix}{name}({draw(layout(args))})"


@st.composite
def layout(draw, args: list[str]) -> str:
    """The inside of a call's parentheses: one line, one per line, comments, trailing comma,
    backslash continuations, blank lines."""
    if not args:
        return draw(st.sampled_from(["", "  ", "\n", "  # empty\n"]))
    style = draw(st.integers(0, 6))
    if style <= 2:
        return ", ".join(args) + draw(st.sampled_from(["", ",", " ", ",  "]))
    if style == 3:
        return "\n" + "".join(f"    {a},\n" for a in args)
    if style == 4:
        body = [f"{a},  {draw(COMMENTS)}" for a in args]
        return "\n    " + "\n    ".join(body) + "\n"
    if style == 5:
        return " \\\n    ".join(a + "," for a in args)
    return ",\n\n        ".join(args) + "\n  "


#: Import lines and the prefixes through which they reach layers (a dotted path ending in
#: "layers." or a bare name prefix "").
IMPORT_FORMS = [
    ("import keras", ["keras.layers."]),
    ("import keras as K", ["K.layers."]),
    ("import keras.layers", ["keras.layers."]),
    ("import keras.layers.core, keras.layers.recurrent", ["keras.layers."]),
    ("from keras import layers", ["layers."]),
    ("from keras import layers as L, optimizers", ["L."]),
    ("from keras import (\n    layers,  # all of them\n    models\n)", ["layers."]),
    ("from keras.layers import *", [""]),
    ("from keras.optimizers import *", [""]),
    ("from keras.callbacks import *", [""]),
    ("import tensorflow as tf\nfrom tensorflow import keras", ["keras.layers.", "tf.keras.layers."]),
    ("try:\n    import keras\nexcept ImportError:\n    keras = None", ["keras.layers."]),
    ("if True:\n    from keras import layers", ["layers."]),
    ("import os, keras, sys", ["keras.layers."]),
    ("import keras; import numpy as np", ["keras.layers."]),
]


@st.composite
def imports(draw) -> tuple[list[str], list[str]]:
    lines, prefixes = [], []
    for text, reach in draw(st.lists(st.sampled_from(IMPORT_FORMS), min_size=1, max_size=2, unique_by=lambda f: f[0])):
        lines.append(text)
        prefixes += reach
    if draw(st.booleans()):  # named imports, some aliased, in one of several layouts
        module = draw(st.sampled_from(["keras.layers", "keras.optimizers", "keras.layers.recurrent"]))
        # Only names the module had in 2.2.4: anything else was an ImportError there.
        names = draw(st.lists(st.sampled_from(MODULE_NAMES[module]), min_size=1, max_size=4, unique=True))
        parts = [f"{n} as My{n}" if draw(st.integers(0, 3)) == 0 else n for n in names]
        form = draw(st.integers(0, 3))
        if form == 0:
            lines.append(f"from {module} import {', '.join(parts)}")
        elif form == 1:
            lines.append(f"from {module} import (\n    " + ",\n    ".join(parts) + ",\n)")
        elif form == 2:
            lines.append(f"from {module} import {parts[0]}, \\\n    " + ", ".join(parts[1:] or [parts[0]]))
        else:
            lines.append(f"from {module} import ({', '.join(parts)})  {draw(COMMENTS)}")
        prefixes.append("")
    for _ in range(draw(st.integers(0, 1))):
        module = draw(st.sampled_from(OTHER_IMPORTS))
        head, _, last = module.rpartition(".")
        lines.append(draw(st.sampled_from([f"import {module}", f"from {head} import {last}" if head else f"import {last}",
                                           f"import {module} as m{len(lines)}"])))
    return lines, prefixes


def _indent(text: str, unit: str) -> str:
    return "\n".join(unit + line if line else line for line in text.split("\n"))


@st.composite
def statements(draw, prefixes: list[str], depth: int = 0) -> str:
    call = draw(calls(0, prefixes))
    kind = draw(st.integers(0, 17))
    simple = {
        0: f"x = {call}(x)", 1: f"model.add({call})", 2: f"layer = {call}",
        3: f"outputs = [{call} for _ in range(3)]", 4: f"model.compile(optimizer={call}, loss='binary_crossentropy', metrics=['accuracy'])",
        5: f"model.fit_generator(gen, samples_per_epoch=100, nb_epoch=3, callbacks=[{call}])",
        6: f"y = model.predict_classes(x, verbose=1) if {call} else None",
        7: f"a = 1; b = {call}; c = 2", 8: f"Dense = {call}",  # shadows a layer name
        9: f"model = Sequential([{call}, {draw(calls(1, prefixes))}])",
    }
    if kind in simple:
        text = simple[kind]
    elif depth >= 2:
        text = f"value = {call}"
    else:
        inner = draw(statements(prefixes, depth + 1))
        unit = draw(st.sampled_from(["    ", "\t", "  "]))
        wrappers = {
            10: f"def build(x, units=3):\n{_indent(inner, unit)}\n{unit}return x",
            11: f"class Net(object):\n{unit}def __init__(self):\n{_indent(_indent(inner, unit), unit)}",
            12: f"if flag:\n{_indent(inner, unit)}\nelse:\n{unit}pass",
            13: f"for i in range(3):\n{_indent(inner, unit)}",
            14: f"with scope():\n{_indent(inner, unit)}",
            15: f"try:\n{_indent(inner, unit)}\nexcept Exception as LSTM:\n{unit}raise",
            16: f"@decorator({call})\ndef wrapped():\n{_indent(inner, unit)}",
            17: f"@staticmethod\ndef build_model(Dense=None):\n{_indent(inner, unit)}",
        }
        text = wrappers[kind]
    if draw(st.integers(0, 4)) == 0:
        text = f"{draw(COMMENTS)}\n{text}"
    return text


@st.composite
def keras_modules(draw) -> bytes:
    """A random Keras 2.2.4 module, as the bytes of a file."""
    header, prefixes = draw(imports())
    body = draw(st.lists(statements(prefixes), min_size=1, max_size=4))
    if draw(st.integers(0, 5)) == 0:
        header.insert(0, '"""A model."""')
    text = "\n".join(header) + "\n\n" + "\n".join(body) + "\n"
    style = draw(st.integers(0, 11))
    if style == 0:
        return text.replace("\n", "\r\n").encode()
    if style == 1:
        return b"\xef\xbb\xbf" + text.encode()
    if style == 2:
        return ("# -*- coding: latin-1 -*-\n" + text + "name = '\u00e9t\u00e9'\n").encode("latin-1")
    if style == 3:
        return text.rstrip("\n").encode()  # no final newline
    return text.encode()


@st.composite
def random_modules_with_keras(draw) -> bytes:
    """hypothesmith's random valid module after a Keras import, so that the rules see it."""
    import hypothesmith

    header = draw(st.sampled_from([line for line, _ in IMPORT_FORMS[:10]]))
    body = draw(st.one_of(hypothesmith.from_grammar(), hypothesmith.from_node()))
    return (header + "\n" + body).encode("utf-8", "surrogatepass")


# --- the properties -----------------------------------------------------------------------

RULES = select_rules(("ALL",), ())
CHECK = Options(RULES, Settings(), edits=True)  # edits: what --output-format json computes
FIX = Options(RULES, Settings(), fix=True)
UNSAFE = Options(RULES, Settings(), fix=True, unsafe_fixes=True)


def _compiles(source: bytes) -> bool:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            compile(source, "<fuzz>", "exec", dont_inherit=True)
        except (SyntaxError, ValueError):
            return False
    return True


def _parses(source: bytes) -> bool:
    try:
        libcst.parse_module(source)
    except Exception:  # noqa: BLE001 - any libcst failure is "does not parse"
        return False
    return True


def violations(source: bytes, check: Options = CHECK) -> list[str]:
    """The properties ``source`` breaks, as short names with a detail (empty: all hold).

    - crash: the engine raised, or reported an internal error (a keraslint bug);
    - broken: the fixed output does not parse (libcst), or does not compile where the input did;
    - not-fixed-point: fixing the output again changes it;
    - changed-without-findings: a file with no finding was not byte-identical after --fix;
    - finding-lost: check mode found something that fix mode neither fixed nor reports;
    - finding-added: fix mode found (fixed + remaining) more than check mode did.
    """
    problems = []
    try:
        checked = check_source(source, "fuzz.py", check)
    except Exception as error:  # noqa: BLE001
        return [f"crash: check: {type(error).__name__}: {error}"]
    if checked.internal_error:
        problems.append(f"crash: check: {checked.error}")
    compiles = _compiles(source)
    modes = [("fix", FIX)]
    if any(d.fix is not None and d.fix.applicability is Applicability.UNSAFE for d in checked.diagnostics):
        modes.append(("unsafe-fix", UNSAFE))  # otherwise it is the same run as "fix"
    for mode, options in modes:
        try:
            result = check_source(source, "fuzz.py", options)
        except Exception as error:  # noqa: BLE001
            problems.append(f"crash: {mode}: {type(error).__name__}: {error}")
            continue
        if result.internal_error:
            problems.append(f"crash: {mode}: {result.error}")
            continue
        if not checked.diagnostics and result.fixed_source is not None:
            problems.append(f"changed-without-findings: {mode}")
        if mode == "fix" and checked.error is None and result.error is None:
            before = Counter(d.code for d in checked.diagnostics)
            after = Counter(d.code for d in (*result.fixed, *result.diagnostics))
            if before - after:
                problems.append(f"finding-lost: {dict(before - after)}")
            if after - before:
                problems.append(f"finding-added: {dict(after - before)}")
        fixed = result.fixed_source
        if fixed is None:
            continue
        if not _parses(fixed) or (compiles and not _compiles(fixed)):
            problems.append(f"broken: {mode}")
            continue
        try:
            again = check_source(fixed, "fuzz.py", options)
        except Exception as error:  # noqa: BLE001
            problems.append(f"crash: {mode} again: {type(error).__name__}: {error}")
            continue
        if again.fixed_source is not None:
            problems.append(f"not-fixed-point: {mode}")
    return problems
