"""KL5xx: Keras-1 argument names and positional kernel dimensions."""

from __future__ import annotations

import pytest

from tests.rules.cases import check_noop, check_transformed, fix, inline_cases, lint, run_inline

INLINE = list(inline_cases("KL5"))


@pytest.mark.parametrize("code,kind,case", [c[1:] for c in INLINE], ids=[c[0] for c in INLINE])
def test_inline_cases(code, kind, case):
    run_inline(code, kind, case)


def test_dim_ordering_value_not_literal_reported_without_fix():
    source = "from keras.layers import MaxPooling2D\nMaxPooling2D(dim_ordering=order)\n"
    [found] = lint(source, ("KL501",))
    assert found.fix is None


def test_consume_less_cpu_is_implementation_2():
    """2.2.4 mapped 'cpu' to 0, and its cells ran anything but 1 as the implementation-2 code."""
    check_transformed(
        "from keras.layers import GRU\nGRU(4, consume_less='cpu')\n",
        "from keras.layers import GRU\nGRU(4, implementation=2)\n",
        ("KL501",),
    )


def test_kernel_dims_from_names_is_unsafe():
    source = "from keras.layers import Convolution2D\nConvolution2D(nb_filter, nb_row, nb_col)\n"
    [found] = lint(source, ("KL502",))
    assert found.fix.applicability.value == "unsafe"
    assert fix(source, ("KL502",)) == source
    assert fix(source, ("KL502",), unsafe=True).endswith("Convolution2D(nb_filter, (nb_row, nb_col))\n")


def test_keras1_conv_call_fully_migrated():
    before = ("from keras.layers import Convolution2D\n"
              "Convolution2D(32, 3, 3, border_mode='same', init='he_normal')\n")
    fixed = fix(before)
    assert fixed.endswith("Convolution2D(32, (3, 3), padding='same', kernel_initializer='he_normal')\n")


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("from mylib import Conv2D\nConv2D(32, 3, 3)\n", id="not-keras"),
        pytest.param("from keras.layers import Conv2D\nConv2D(32, 3, 3, 3)\n", id="too-many"),
        pytest.param("from keras.layers import Dense\nDense(3, p=1)\n", id="p-is-not-dense"),
    ],
)
def test_noop(source):
    check_noop(source, ("KL5",))


def test_simple_rnn_consume_less_is_removed():
    """2.2.4's SimpleRNN popped `implementation` with a warning: removing it keeps behaviour."""
    check_transformed(
        "from keras.layers import SimpleRNN\nSimpleRNN(4, consume_less='gpu')\n",
        "from keras.layers import SimpleRNN\nSimpleRNN(4)\n",
        ("KL501",),
    )


@pytest.mark.parametrize(
    "call,fixed",
    [
        ("Convolution2D(32, 3, nb_col=5)", "Convolution2D(32, (3, 5))"),
        ("Convolution2D(32, nb_row=3, nb_col=5, activation='relu')",
         "Convolution2D(32, activation='relu', kernel_size=(3, 5))"),
    ],
)
def test_nb_row_nb_col(call, fixed):
    check_transformed(
        f"from keras.layers import Convolution2D\n{call}\n",
        f"from keras.layers import Convolution2D\n{fixed}\n",
        ("KL502",),
    )
