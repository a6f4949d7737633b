"""KL4xx: recurrent-layer defaults, on both targets."""

from __future__ import annotations

import pytest

from keraslint.keras224.recurrent import HARD_SIGMOID_CODE
from tests.rules.cases import check_noop, check_transformed, fix, lint


def test_keras2_target_pins_the_string():
    check_transformed(
        "from keras.layers import LSTM, GRU\nLSTM(3)\nGRU(4)\n",
        "from keras.layers import LSTM, GRU\nLSTM(3, recurrent_activation='hard_sigmoid')\n"
        "GRU(4, recurrent_activation='hard_sigmoid')\n",
        ("KL401",), target="keras2",
    )


def test_convlstm2d_only_on_keras3():
    source = "from keras.layers import ConvLSTM2D\nConvLSTM2D(8, 3)\n"
    assert lint(source, ("KL401",), target="keras2") == []
    assert [d.code for d in lint(source, ("KL401",))] == ["KL401"]


def test_keras3_fix_is_safe_and_adds_one_function_and_tf_import():
    source = "from keras.layers import LSTM, GRU\na = LSTM(3)\nb = GRU(4)\n"
    found = lint(source, ("KL401",))
    assert {d.fix.applicability.value for d in found} == {"safe"}
    fixed = fix(source, ("KL401",))
    assert fixed.count("def hard_sigmoid_224") == 1
    assert fixed.startswith("from keras.layers import LSTM, GRU\nimport tensorflow as tf\n\n\n@tf.keras")
    assert "return tf.clip_by_value(0.2 * x + 0.5, 0.0, 1.0)\n\n\na = LSTM(" in fixed
    assert "a = LSTM(3, recurrent_activation=hard_sigmoid_224)" in fixed
    assert fix(fixed, ("KL401",), unsafe=True) == fixed


def test_explicit_hard_sigmoid_string_reported_on_keras3_only():
    source = "from keras.layers import LSTM\nLSTM(3, recurrent_activation='hard_sigmoid')\n"
    assert lint(source, ("KL401",), target="keras2") == []
    [found] = lint(source, ("KL401",))
    assert "not Keras 2.2.4's hard sigmoid" in found.message
    assert "LSTM(3, recurrent_activation=hard_sigmoid_224)" in fix(source, ("KL401",), unsafe=True)


def test_emitted_function_is_2_2_4_hard_sigmoid():
    namespace = {}

    class _Utils:
        @staticmethod
        def register_keras_serializable(package):
            return lambda f: f

    class _TF:
        class keras:  # noqa: N801 - a stand-in for tf.keras
            utils = _Utils

        @staticmethod
        def clip_by_value(x, lo, hi):
            return min(max(x, lo), hi)

    namespace["tf"] = _TF
    exec(HARD_SIGMOID_CODE, namespace)
    f = namespace["hard_sigmoid_224"]
    assert [f(x) for x in (-3.0, -1.0, 0.0, 1.0, 2.0, 3.0)] == pytest.approx([0.0, 0.3, 0.5, 0.7, 0.9, 1.0])


def test_reset_after_and_initializers_compose_on_one_gru():
    fixed = fix("from keras.layers import GRU\nGRU(4)\n", ("KL1", "KL402"))
    assert fixed.endswith(
        "GRU(4, kernel_initializer='glorot_uniform', recurrent_initializer='orthogonal', reset_after=False)\n"
    )


def test_dropout_implementation_unsafe_on_keras3_safe_on_keras2():
    source = "from keras.layers import LSTM\nLSTM(3, recurrent_dropout=0.1)\n"
    [k3] = lint(source, ("KL403",))
    [k2] = lint(source, ("KL403",), target="keras2")
    assert (k3.fix.applicability.value, k2.fix.applicability.value) == ("unsafe", "safe")


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("from keras.layers import LSTM\nLSTM(3, recurrent_activation='hard_sigmoid')\n",
                     id="explicit-on-keras2"),
        pytest.param("from keras.layers import GRU\nGRU(3, None, None)\n", id="positional"),
    ],
)
def test_keras2_noop(source):
    check_noop(source, ("KL401",), target="keras2")


def test_positional_hard_sigmoid_string_on_keras3():
    source = "from keras.layers import GRU\nGRU(16, 'tanh', 'hard_sigmoid')\n"
    [found] = lint(source, ("KL401",))
    assert "GRU(16, 'tanh', hard_sigmoid_224)" in fix(source, ("KL401",), unsafe=True)


@pytest.mark.parametrize(
    "header",
    ["import tensorflow.compat.v1 as tf\n", "tf = None\n", "from mylib import hard_sigmoid_224\n"],
    ids=["tf-compat-v1", "tf-rebound", "name-taken"],
)
def test_hard_sigmoid_function_refused_when_names_clash(header):
    source = header + "from keras.layers import LSTM\nLSTM(3)\n"
    [found] = lint(source, ("KL401",))
    assert found.fix is None and "by hand" in found.message


# --- KL405 CuDNN layers ----------------------------------------------------------------------


@pytest.mark.parametrize("target", ["keras3", "keras2"])
def test_cudnn_gru_fully_migrated_keeps_the_cudnn_cell(target):
    """All rules together: the CuDNN settings, not the plain GRU's 2.2.4 pins (hard sigmoid,
    reset_after=False), and the 2.2.4 initializer defaults, which CuDNNGRU shared."""
    check_transformed(
        "from keras.layers import CuDNNGRU\nx = CuDNNGRU(64, return_sequences=True)(x)\n",
        "from tensorflow.keras.layers import GRU as CuDNNGRU\n"
        "x = CuDNNGRU(64, return_sequences=True, kernel_initializer='glorot_uniform', "
        "recurrent_initializer='orthogonal', recurrent_activation='sigmoid', reset_after=True)(x)\n",
        target=target,
    )


def test_cudnn_lstm_positional_arguments_become_keywords():
    """CuDNNLSTM's second parameter is kernel_initializer; LSTM's is activation."""
    check_transformed(
        "import keras\nkeras.layers.cudnn_recurrent.CuDNNLSTM(8, 'he_normal', 'orthogonal', 'zeros', False)\n",
        "from tensorflow import keras\nkeras.layers.LSTM(8, kernel_initializer='he_normal', "
        "recurrent_initializer='orthogonal', bias_initializer='zeros', unit_forget_bias=False, "
        "recurrent_activation='sigmoid')\n",
    )


def test_cudnn_layer_with_star_args_is_reported_for_a_fix_by_hand():
    [found] = lint("from keras.layers import CuDNNLSTM\nCuDNNLSTM(*args)\n", ("KL405",))
    assert found.fix is None and "recurrent_activation='sigmoid'" in found.message and "by hand" in found.message
