"""A short fuzz campaign (bench/fuzz_long.py runs the long one), and the bugs fuzzing found.

Derandomized, so CI runs the same cases every time; the long campaign explores new ones.
"""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from keraslint.engine import check_source
from tests import keras_fuzz

# No shrinking: a failure names its case already, and shrinking libcst-sized inputs takes
# minutes (bench/fuzz_long.py minimizes by lines instead).
CAMPAIGN = settings(deadline=None, database=None, derandomize=True, phases=[Phase.explicit, Phase.generate],
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])


@settings(CAMPAIGN, max_examples=120)
@given(keras_fuzz.keras_modules())
def test_random_keras_modules_keep_every_property(source: bytes):
    assert keras_fuzz.violations(source) == []


@settings(CAMPAIGN, max_examples=8)
@given(keras_fuzz.random_modules_with_keras())
def test_random_valid_modules_keep_every_property(source: bytes):
    assert keras_fuzz.violations(source) == []


def test_the_generator_reaches_what_it_claims():
    """The campaign is only as good as its inputs: they must exercise the rule families."""
    codes: set[str] = set()

    @settings(CAMPAIGN, max_examples=150)
    @given(keras_fuzz.keras_modules())
    def collect(source: bytes) -> None:
        codes.update(d.code[:3] for d in check_source(source, "f.py", keras_fuzz.CHECK).diagnostics)

    collect()
    assert {"KL0", "KL1", "KL3", "KL4", "KL5"} <= codes


# --- bugs the fuzzer found, as regression tests ---------------------------------------------


def _found(source: bytes, options) -> Counter[str]:
    result = check_source(source, "f.py", options)
    return Counter(d.code for d in (*result.fixed, *result.diagnostics))


def test_star_imported_name_without_home_is_still_reported_after_the_fix():
    """`from keras.layers import *` became `from tensorflow.keras.layers import *`, and the
    KL002 on `LocallyConnected1D` (removed in Keras 3) silently disappeared."""
    source = b"from keras.layers import *\nLocallyConnected1D(3)\n"
    result = check_source(source, "f.py", keras_fuzz.FIX)
    assert result.fixed_source == (b"from tensorflow.keras.layers import *\n"
                                   b"LocallyConnected1D(3, kernel_initializer='glorot_uniform')\n")
    [remaining] = result.diagnostics
    assert remaining.code == "KL002" and remaining.start.row == 2
    assert _found(source, keras_fuzz.CHECK) == _found(source, keras_fuzz.FIX)


@pytest.mark.parametrize("source", [
    b"from tensorflow.keras.layers import Dense\n\x0cx = Dense(3, kernel_initializer='he_normal')\n",
    b"import tensorflow.keras as keras\r",
])
def test_file_without_findings_that_libcst_cannot_round_trip_is_not_rewritten(source: bytes):
    """libcst drops a form feed before code and a final lone CR; with nothing to fix, the
    file used to be rewritten without them."""
    result = check_source(source, "f.py", keras_fuzz.FIX)
    assert result.diagnostics == () and result.fixed_source is None


@pytest.mark.parametrize("source", [
    b"from keras.layers import Dense\n\x0cDense(4)\n",
    b"from keras.layers import Dense\rDense(3)\r",
])
def test_fixes_that_would_drop_bytes_elsewhere_are_refused(source: bytes):
    result = check_source(source, "f.py", keras_fuzz.FIX)
    assert result.fixed_source is None and result.fixed == ()
    assert result.diagnostics[0].code == "KL000" and "byte for byte" in result.diagnostics[0].message
    checked = check_source(source, "f.py", keras_fuzz.CHECK).diagnostics
    assert [d.code for d in result.diagnostics[1:]] == [d.code for d in checked]


@pytest.mark.parametrize("source", [
    b"from keras.layers import LSTM\nLSTM(2, inner_activation='hard_sigmoid')\n",
    b"from keras.layers import LSTM\nLSTM(2, dropout_W=0.5)\n",
    b"from keras.optimizers import SGD\nSGD(0.1, 0.0, 1e-6)\n",
    b"from keras.optimizers import Adagrad\nAdagrad(0.1, None)\n",
])
def test_check_mode_sees_what_the_fixes_of_other_rules_would_expose(source: bytes):
    """Found by the long campaign: KL303/KL305 did not read positional optimizer arguments and
    KL401/KL403 did not read Keras-1 names, so they fired only after KL306/KL501 rewrote the
    call, and fix mode found more than check mode. Now both modes find the same."""
    checked = _found(source, keras_fuzz.CHECK)
    assert _found(source, keras_fuzz.FIX) == checked
    assert checked & Counter({"KL303": 1, "KL305": 1, "KL401": 1, "KL403": 1})
    assert keras_fuzz.violations(source) == []


@pytest.mark.parametrize("source", [
    b"import keras\nkeras.optimizers.SGD(decay=0x10)\n",
    b"import keras\nkeras.layers.LSTM(3, dropout=0b0)\n",
    b"import keras\nkeras.layers.BatchNormalization(mode=0o0)\n",
])
def test_integer_literals_in_any_base_do_not_crash(source: bytes):
    """`float('0x10')` raised ValueError inside a rule (now: libcst's evaluated_value)."""
    assert keras_fuzz.violations(source) == []


def test_fix_that_would_repeat_a_keyword_is_refused():
    """`Nadam(-1, True, beta_1=0)` binds beta_1 twice (a TypeError at run time, but it
    compiles); turning the positionals into keywords gave `beta_1=True, beta_1=0`, which
    ast.parse accepts and compile rejects. The engine now compiles the result."""
    source = b"import keras\nkeras.optimizers.Nadam(-1, True, beta_1=0)\n"
    result = check_source(source, "f.py", keras_fuzz.FIX)
    compile(result.fixed_source, "f.py", "exec")
    assert "KL306" in {d.code for d in result.diagnostics}  # reported, not applied


def test_json_edits_on_a_file_with_lone_carriage_returns():
    """Edit locations counted lines by \\n only; libcst also ends a line at a lone \\r."""
    source = b"from keras.layers import Dense\rDense(3)\r"
    [kl001, kl101] = check_source(source, "f.py", keras_fuzz.CHECK).diagnostics
    [edit] = kl101.fix.edits
    assert (kl101.start.row, edit.start.row, edit.start.column) == (2, 2, 8)


def test_decay_given_by_a_call_is_passed_on_once():
    """KL303 once wrote the decay three times into a schedule, so `decay=get_decay()` had to
    be left unfixed; `optimizer_224(SGD)(..., decay=...)` passes it on once, on both targets."""
    source = b"import keras\nkeras.optimizers.SGD(lr=0.1, decay=get_decay())\n"
    result = check_source(source, "f.py", keras_fuzz.FIX)
    assert result.fixed_source.count(b"get_decay()") == 1
    assert b"optimizer_224(keras.optimizers.SGD)(learning_rate=0.1, decay=get_decay())" in result.fixed_source
    assert "KL303" not in {d.code for d in result.diagnostics}


@pytest.mark.parametrize("before,after", [
    (b"from keras.layers import *\nx = CuDNNGRU(*args)\n", b"from tensorflow.keras.layers import *\nx = CuDNNGRU(*args)\n"),
    (b"import keras\nx = keras.layers.CuDNNLSTM(**kw)\n", b"from tensorflow import keras\nx = keras.layers.CuDNNLSTM(**kw)\n"),
    (b"from keras.layers import CuDNNGRU\nx = CuDNNGRU(*args)\n",
     b"from tensorflow.keras.layers import GRU as CuDNNGRU\nx = CuDNNGRU(*args)\n"),
])
def test_cudnn_layer_with_star_args_keeps_its_name_and_its_findings(before: bytes, after: bytes):
    """`CuDNNGRU(*args)` was renamed to `GRU(*args)` although KL405 could not write the cuDNN
    settings; fix mode then advised 2.2.4's plain-GRU pins (hard sigmoid, reset_after=False),
    which are wrong for a cuDNN layer. Now the rename waits for the settings (by hand), and
    a CuDNN name bound to its replacement still means the CuDNN layer."""
    result = check_source(before, "f.py", keras_fuzz.FIX)
    assert result.fixed_source == after
    assert "KL405" in {d.code for d in result.diagnostics}
    assert not {"KL401", "KL402"} & {d.code for d in result.diagnostics}
    assert _found(before, keras_fuzz.CHECK) == _found(before, keras_fuzz.FIX)
    assert keras_fuzz.violations(before) == []


def test_removing_the_last_argument_keeps_the_comment_of_the_one_before():
    """The new last argument took the removed one's comma, and with it its comment: the
    `# noqa: KL101` on the line before was replaced by the removed line's `# noqa: E501`."""
    before = (b"import keras\nx = keras.callbacks.TensorBoard(\n    'logs',\n    0,  # keep me\n"
              b"    batch_size=32,  # gone with it\n)\n")
    after = (b"from tensorflow import keras\nx = keras.callbacks.TensorBoard(\n    'logs',\n    0,  # keep me\n)\n")
    assert check_source(before, "f.py", keras_fuzz.FIX).fixed_source == after
    assert keras_fuzz.violations(before) == []


@pytest.mark.parametrize("source,code", [
    (b"import keras\nkeras.callbacks.TensorBoard('logs', embeddings_data=load(n))\n", "KL604"),
    (b"import keras\nmodel.fit_generator(gen, 10, workers=cpu_count())\n", "KL601"),
    (b"import keras\nkeras.layers.Embedding(10, 4, dropout=rate())\n", "KL503"),
])
def test_a_fix_that_would_remove_a_call_is_unsafe(source: bytes, code: str):
    """KL604 removed `embeddings_data=tf.keras.layers.Conv2D(...)` under --fix, and with it
    the call and the finding inside it (check mode's KL101 was lost). Removing a value that
    calls something now needs --unsafe-fixes."""
    [found] = [d for d in check_source(source, "f.py", keras_fuzz.CHECK).diagnostics if d.code == code]
    assert found.fix.applicability.name == "UNSAFE"
    fixed = check_source(source, "f.py", keras_fuzz.FIX)
    assert code in {d.code for d in fixed.diagnostics}
    unsafe = check_source(source, "f.py", keras_fuzz.UNSAFE)
    assert code not in {d.code for d in unsafe.diagnostics}
    assert keras_fuzz.violations(source) == []


def test_keras1_name_on_a_cudnn_layer_is_found_before_the_rename():
    """`CuDNNGRU(output_dim=...)`: KL501 read CuDNNGRU's own conversions (none), and found
    `output_dim` only once KL003 had made the call a GRU. A renamed layer now takes its
    replacement's conversions in both modes."""
    before = b"import keras\nm = keras.layers.CuDNNGRU(8, output_dim=None)\n"
    assert "KL501" in _found(before, keras_fuzz.CHECK)
    assert _found(before, keras_fuzz.CHECK) == _found(before, keras_fuzz.FIX)
    assert keras_fuzz.violations(before) == []


@pytest.mark.parametrize("before,after", [
    (b"import keras\nx = keras.layers.CuDNNGRU(8, inner_init='orthogonal')\n",
     b"from tensorflow import keras\nx = keras.layers.GRU(8, recurrent_initializer='orthogonal', "
     b"kernel_initializer='glorot_uniform', recurrent_activation='sigmoid', reset_after=True)\n"),
    (b"import keras\nx = keras.layers.CuDNNLSTM(4, input_length=10)\n",
     b"from tensorflow import keras\nx = keras.layers.LSTM(4, input_shape=(10, None), "
     b"kernel_initializer='glorot_uniform', recurrent_initializer='orthogonal', recurrent_activation='sigmoid')\n"),
])
def test_cudnn_layer_with_keras1_arguments_is_read_like_its_replacement(before: bytes, after: bytes):
    """Once KL501 read a CuDNN layer's Keras-1 names as its replacement's, KL102 still pinned
    `recurrent_initializer` beside `inner_init` (which KL501 renames to it): the two fixes
    conflicted and the file was left unchanged with an internal error. Every rule now reads
    a renamed layer's Keras-1 arguments (and input_length) the same way."""
    result = check_source(before, "f.py", keras_fuzz.FIX)
    assert result.error is None and result.fixed_source == after
    assert _found(before, keras_fuzz.CHECK) == _found(before, keras_fuzz.FIX)
    assert keras_fuzz.violations(before) == []


def test_noqa_at_the_end_of_a_backslash_continued_statement_survives_a_fix_inside_it():
    """A fix that put a new keyword on a new line inside a backslash-continued statement
    moved its `# noqa` down one line, away from the call it suppressed: fix mode then found
    (and fixed) what check mode had suppressed. As in ruff, the comment now covers every line
    the backslashes join."""
    source = (b"import keras\n"
              b"b = keras.layers.MaxPooling2D(\n"
              b"    pool_size=keras.layers.DepthwiseConv2D(1, \\\n"
              b"    keras.layers.Conv2DTranspose(  ),),  # noqa\n"
              b")\n")
    assert "KL101" not in _found(source, keras_fuzz.CHECK)
    assert _found(source, keras_fuzz.CHECK) == _found(source, keras_fuzz.FIX)
    assert keras_fuzz.violations(source) == []
