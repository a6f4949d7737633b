"""KL1xx: implicit initializers."""

from __future__ import annotations

import pytest

from tests.rules.cases import check_noop, check_transformed, fix, lint

HEADER = "from keras.layers import *\n"


@pytest.mark.parametrize(
    "call,pins",
    [
        ("Dense(3)", ["kernel_initializer='glorot_uniform'"]),
        ("Conv1D(4, 3)", ["kernel_initializer='glorot_uniform'"]),
        ("Conv3D(4, 3)", ["kernel_initializer='glorot_uniform'"]),
        ("Conv2DTranspose(4, 3)", ["kernel_initializer='glorot_uniform'"]),
        ("Conv3DTranspose(4, 3)", ["kernel_initializer='glorot_uniform'"]),
        ("Deconvolution2D(4, 3)", ["kernel_initializer='glorot_uniform'"]),
        ("LocallyConnected1D(4, 3)", ["kernel_initializer='glorot_uniform'"]),
        ("LocallyConnected2D(4, 3)", ["kernel_initializer='glorot_uniform'"]),
        ("SeparableConv2D(4, 3)", ["depthwise_initializer='glorot_uniform'",
                                   "pointwise_initializer='glorot_uniform'"]),
        ("SeparableConvolution1D(4, 3)", ["depthwise_initializer='glorot_uniform'",
                                          "pointwise_initializer='glorot_uniform'"]),
        ("DepthwiseConv2D(3)", ["depthwise_initializer='glorot_uniform'"]),
        ("Embedding(10, 4)", ["embeddings_initializer='uniform'"]),
        ("SimpleRNN(4)", ["kernel_initializer='glorot_uniform'",
                          "recurrent_initializer='orthogonal'"]),
        ("GRU(4)", ["kernel_initializer='glorot_uniform'", "recurrent_initializer='orthogonal'"]),
        ("LSTM(4)", ["kernel_initializer='glorot_uniform'", "recurrent_initializer='orthogonal'"]),
        ("ConvLSTM2D(4, 3)", ["kernel_initializer='glorot_uniform'",
                              "recurrent_initializer='orthogonal'"]),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_every_layer_with_a_kernel_is_pinned(call, pins):
    before = HEADER + f"x = {call}\n"
    after = HEADER + f"x = {call[:-1]}, {', '.join(pins)})\n"
    check_transformed(before, after, ("KL1",))


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("from tensorflow.keras import layers\nlayers.Dense(3, kernel_initializer='zeros')\n",
                     id="keyword"),
        pytest.param("from keras.layers import Conv2D\n"
                     "Conv2D(8, 3, 1, 'valid', None, 1, None, True, 'he_normal')\n", id="positional"),
        pytest.param("from keras.layers import Dense\ndef Dense(n): return n\nDense(3)\n",
                     id="user-defined-after-import"),
        pytest.param("from my_layers import Dense\nDense(3)\n", id="imported-elsewhere"),
        pytest.param("Dense(3)\n", id="unbound-name"),
        pytest.param("from keras.layers import Dense\nclass Dense: pass\nDense(3)\n", id="class-shadow"),
        pytest.param("import keras\nkeras.models.Dense(3)\n", id="not-a-layers-module"),
        pytest.param("from keras.layers.core import *\nLSTM(3)\n", id="star-from-wrong-submodule"),
    ],
)
def test_initializers_noop(source):
    check_noop(source, ("KL1",))


@pytest.mark.parametrize(
    "header,call",
    [
        ("import keras\n", "keras.layers.Dense"),
        ("import keras as k\n", "k.layers.Dense"),
        ("from keras import layers\n", "layers.Dense"),
        ("from keras import layers as L\n", "L.Dense"),
        ("from keras.layers import Dense as D\n", "D"),
        ("from keras.layers.core import Dense\n", "Dense"),
        ("from keras.layers import *\n", "Dense"),
        ("import tensorflow as tf\n", "tf.keras.layers.Dense"),
        ("import tensorflow\n", "tensorflow.keras.layers.Dense"),
        ("from tensorflow import keras\n", "keras.layers.Dense"),
        ("from tensorflow.keras.layers import Dense\n", "Dense"),
        ("from keras.layers import recurrent\nRNN = recurrent.SimpleRNN\n", "RNN"),
    ],
)
def test_layer_recognised_however_imported(header, call):
    found = lint(header + f"y = {call}(3, recurrent_initializer='orthogonal')\n", ("KL101",))
    assert [d.code for d in found] == ["KL101"]


def test_star_kwargs_reported_without_fix():
    source = "from keras.layers import Dense\nDense(3, **config)\nDense(*args)\n"
    found = lint(source, ("KL101",))
    assert [d.code for d in found] == ["KL101", "KL101"]
    assert all(d.fix is None for d in found)
    assert fix(source, ("KL101",)) == source


def test_configured_kernel_initializer_is_unsafe():
    source = "from keras.layers import Dense\nDense(3)\n"
    [found] = lint(source, ("KL101",), kernel_initializer="he_uniform")
    assert found.fix is not None and found.fix.applicability.value == "unsafe"
    assert fix(source, ("KL101",), kernel_initializer="he_uniform") == source
    check_transformed(source, "from keras.layers import Dense\nDense(3, kernel_initializer='he_uniform')\n",
                      ("KL101",), unsafe=True, kernel_initializer="he_uniform")


def test_relu_kernel_initializer_only_for_relu_layers():
    before = (
        "from keras.layers import Dense\n"
        "a = Dense(3, activation='relu')\n"
        "b = Dense(3, activation='softmax')\n"
        "c = Dense(3)\n"
    )
    after = (
        "from keras.layers import Dense\n"
        "a = Dense(3, activation='relu', kernel_initializer='he_normal')\n"
        "b = Dense(3, activation='softmax', kernel_initializer='glorot_uniform')\n"
        "c = Dense(3, kernel_initializer='glorot_uniform')\n"
    )
    check_transformed(before, after, ("KL101",), unsafe=True, relu_kernel_initializer="he_normal")


def test_relu_by_position_for_conv():
    before = "from keras.layers import Conv2D\nConv2D(8, 3, 1, 'same', None, 1, 'relu')\n"
    after = ("from keras.layers import Conv2D\n"
             "Conv2D(8, 3, 1, 'same', None, 1, 'relu', kernel_initializer='he_normal')\n")
    check_transformed(before, after, ("KL101",), unsafe=True, relu_kernel_initializer="he_normal")


def test_layout_multiline_with_comment_kept():
    before = (
        "from keras.layers import Dense\n"
        "x = Dense(\n"
        "    64,  # units\n"
        "    activation='relu',\n"
        ")(x)\n"
    )
    after = (
        "from keras.layers import Dense\n"
        "x = Dense(\n"
        "    64,  # units\n"
        "    activation='relu',\n"
        "    kernel_initializer='glorot_uniform',\n"
        ")(x)\n"
    )
    check_transformed(before, after, ("KL101",))


def test_comment_after_last_argument_stays_with_it():
    before = (
        "from keras.layers import Dense\n"
        "x = Dense(64,  # c\n"
        "          activation='relu'  # d\n"
        "          )(x)\n"
    )
    after = (
        "from keras.layers import Dense\n"
        "x = Dense(64,  # c\n"
        "          activation='relu',  # d\n"
        "          kernel_initializer='glorot_uniform'\n"
        "          )(x)\n"
    )
    check_transformed(before, after, ("KL101",))


def test_double_quotes_followed():
    check_transformed(
        'from keras.layers import Dense\nDense(3, activation="tanh")\n',
        'from keras.layers import Dense\nDense(3, activation="tanh", kernel_initializer="glorot_uniform")\n',
        ("KL101",),
    )


def test_nested_layer_calls_both_fixed():
    before = "from keras.layers import *\nTimeDistributed(Dense(3))\nBidirectional(LSTM(4, return_sequences=True))\n"
    fixed = fix(before, ("KL1",))
    assert "Dense(3, kernel_initializer='glorot_uniform')" in fixed
    assert ("LSTM(4, return_sequences=True, kernel_initializer='glorot_uniform', "
            "recurrent_initializer='orthogonal')") in fixed


def test_noqa_suppresses_finding_and_fix():
    source = (
        "from keras.layers import Dense\n"
        "a = Dense(3)  # noqa\n"
        "b = Dense(3)  # noqa: KL101\n"
        "c = Dense(3)  # noqa: KL1\n"
        "d = Dense(3)  # noqa: KL2\n"
    )
    found = lint(source, ("KL101",))
    assert [d.start.row for d in found] == [5]
    assert fix(source, ("KL101",)).count("glorot_uniform") == 1


def test_comma_first_comment_not_duplicated():
    before = "from keras.layers import Dense\nDense(3, activation='relu'  # c\n      , name='d')\n"
    fixed = fix(before, ("KL101",))
    assert fixed.count("# c") == 1
    assert fixed.endswith("name='d', kernel_initializer='glorot_uniform')\n")


def test_closing_paren_on_its_own_line():
    check_transformed(
        "from keras.layers import Dense\nx = Dense(3, activation='relu'\n)(x)\n",
        "from keras.layers import Dense\nx = Dense(3, activation='relu', kernel_initializer='glorot_uniform'\n)(x)\n",
        ("KL101",),
    )


def test_lone_generator_argument_gets_parentheses():
    check_transformed(
        "from keras.layers import Dense\nx = Dense(n for n in ns)\n",
        "from keras.layers import Dense\nx = Dense((n for n in ns), kernel_initializer='glorot_uniform')\n",
        ("KL101",),
    )


def test_inside_an_f_string_the_other_quote_is_used():
    """Before Python 3.12 an f-string's expressions cannot reuse its own quote."""
    check_transformed(
        "from keras.layers import Dense\nx = f'{Dense(3)}'\ny = f\"{Dense(4)}\"\n",
        "from keras.layers import Dense\nx = f'{Dense(3, kernel_initializer=\"glorot_uniform\")}'\n"
        "y = f\"{Dense(4, kernel_initializer='glorot_uniform')}\"\n",
        ("KL101",),
    )


def test_call_that_cannot_be_fixed_does_not_block_the_others():
    """Nested f-strings that use both quotes leave no quote for the keyword."""
    before = "from keras.layers import Dense\nx = f'{f\"{Dense(3)}\"}'\ny = Dense(4)\n"
    fixed = fix(before, ("KL101",))
    import sys

    if sys.version_info < (3, 12):
        assert fixed == (
            "from keras.layers import Dense\nx = f'{f\"{Dense(3)}\"}'\n"
            "y = Dense(4, kernel_initializer='glorot_uniform')\n"
        )
    assert fix(fixed, ("KL101",)) == fixed


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("from keras.layers import *\nfrom mylib import *\nDense(3)\n", id="foreign-star"),
        pytest.param("from keras.layers import Dense\nmatch x:\n    case {'k': Dense}: pass\nDense(3)\n",
                     id="match-binding"),
        pytest.param("from keras.layers import Dense\ntry:\n    pass\nexcept* ValueError as Dense:\n    pass\n"
                     "Dense(3)\n", id="except-star-binding"),
    ],
)
def test_names_a_user_may_have_rebound_are_left_alone(source):
    assert lint(source, ("KL1",)) == []


@pytest.mark.parametrize("cell", ["SimpleRNNCell", "GRUCell", "LSTMCell"])
def test_rnn_cells_are_pinned(cell):
    check_transformed(
        f"from keras.layers import {cell}\nc = {cell}(4)\n",
        f"from keras.layers import {cell}\n"
        f"c = {cell}(4, kernel_initializer='glorot_uniform', recurrent_initializer='orthogonal')\n",
        ("KL1",),
    )


@pytest.mark.parametrize(
    "source,rows",
    [
        ("import os\n\x0c\nfrom keras.layers import Dense\nDense(3)  # noqa\nDense(4)\n", [5]),
        ("from keras.layers import Dense\ns = 'a\u2028b'\nDense(3)  # noqa\nDense(4)\n", [4]),
        ("from keras.layers import Dense\nDense(3)  # noqa: E501 k\n", [2]),
        ("from keras.layers import Dense\nDense(3)  # NOQA:KL101\n", []),
        ("from keras.layers import Dense\nDense(3, name='# noqa')\n", [2]),
        ('from keras.layers import Dense\nDense(3, name="""a  # noqa\nb""")\n', [2]),
    ],
    ids=["form-feed", "line-separator-in-string", "stray-word-is-not-a-code", "no-space-upper",
         "noqa-in-a-string", "noqa-in-a-multiline-string"],
)
def test_noqa_rows(source, rows):
    assert [d.start.row for d in lint(source, ("KL101",))] == rows


def test_kl106_is_opt_in_and_sees_aliases_and_strings():
    source = ("import keras\nfrom keras.layers import SimpleRNN\n"
              "a = keras.initializers.identity(gain=1.0)\n"
              "b = SimpleRNN(8, recurrent_initializer='identity')\n"
              "c = keras.initializers.orthogonal()\n")
    assert [d.code for d in lint(source, ("ALL",)) if d.code == "KL106"] == []
    assert [(d.code, d.start.row) for d in lint(source, ("KL106",))] == [("KL106", 3), ("KL106", 4)]
