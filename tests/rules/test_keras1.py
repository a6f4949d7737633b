"""KL5xx: Keras-1 argument names and positional kernel dimensions."""

from __future__ import annotations

import pytest

from tests.rules.cases import check_noop, check_transformed, fix, lint


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


# --- Keras-1 layers that tf.keras renamed: Deconvolution2D, AtrousConvolution2D ----------


def test_keras1_deconvolution_fully_migrated():
    """Keras-1 Deconvolution2D: renamed import, output_shape dropped, kernel tuple, Keras 2 names."""
    check_transformed(
        "from keras.layers import Deconvolution2D\n"
        "up = Deconvolution2D(32, 3, 3, (None, 28, 28, 32), subsample=(2, 2), border_mode='same')\n",
        "from tensorflow.keras.layers import Conv2DTranspose as Deconvolution2D\n"
        "up = Deconvolution2D(32, (3, 3), strides=(2, 2), padding='same', "
        "kernel_initializer='glorot_uniform')\n",
    )


def test_keras1_atrous_convolution_fully_migrated():
    check_transformed(
        "import keras\n"
        "x = keras.layers.AtrousConvolution1D(16, 3, atrous_rate=4, border_mode='same')(x)\n",
        "from tensorflow import keras\n"
        "x = keras.layers.Conv1D(16, 3, dilation_rate=4, padding='same', "
        "kernel_initializer='glorot_uniform')(x)\n",
    )


def test_conv2d_transpose_with_padding_fourth_is_not_output_shape():
    check_noop("from keras.layers import Conv2DTranspose\nConv2DTranspose(8, (3, 3), (2, 2), 'same')\n",
               ("KL503",))


def test_atrous_rate_only_renamed_on_the_legacy_functions():
    """`Conv2D(atrous_rate=)` was a TypeError in 2.2.4 too: not KL501's to rename."""
    check_noop("from keras.layers import Conv2D\nConv2D(8, 3, atrous_rate=2)\n", ("KL501",))


# --- KL504 ZeroPadding2D dict --------------------------------------------------------------


def test_padding_dict_with_unknown_key_reported_without_fix():
    [found] = lint("from keras.layers import ZeroPadding2D\nZeroPadding2D({'top': 1})\n", ("KL504",))
    assert found.fix is None and "by hand" in found.message


def test_padding_dict_from_star_import_and_multiline():
    check_transformed(
        "from keras.layers import *\n"
        "pad = ZeroPadding2D(\n    padding={'bottom_pad': 2,\n             'right_pad': 1},\n)\n",
        "from keras.layers import *\n"
        "pad = ZeroPadding2D(\n    padding=((0, 2), (0, 1)),\n)\n",
        ("KL504",),
    )


# --- KL505 image_dim_ordering ---------------------------------------------------------------


def test_image_dim_ordering_reported_once_and_kl002_steps_back():
    source = "from keras import backend as K\nif K.image_dim_ordering() != 'tf':\n    pass\n"
    assert [d.code for d in lint(source, ("ALL",))] == ["KL001", "KL505"]
    # With KL505 off, KL002 still says the name has no home.
    assert "KL002" in [d.code for d in lint(source, ("KL002",))]
    check_transformed(
        source,
        "from tensorflow.keras import backend as K\nif K.image_data_format() != 'channels_last':\n    pass\n",
    )


def test_image_dim_ordering_imported_by_name_is_reported_without_fix():
    source = "from keras.backend import image_dim_ordering\nx = image_dim_ordering()\n"
    found = lint(source, ("KL0", "KL505"))
    assert sorted((d.code, d.start.row, d.fix is None) for d in found) == [
        ("KL002", 1, True), ("KL505", 2, True)]


def test_set_image_dim_ordering_with_a_name_is_reported_without_fix():
    [found] = lint("import keras\nkeras.backend.set_image_dim_ordering(order)\n", ("KL505",))
    assert found.fix is None and "channels_first" in found.message


def test_image_dim_ordering_in_a_membership_test_gets_2_2_4s_definition():
    check_transformed(
        "import keras.backend as K\nok = K.image_dim_ordering() in ('th',)\n",
        "import keras.backend as K\n"
        "ok = ('th' if K.image_data_format() == 'channels_first' else 'tf') in ('th',)\n",
        ("KL505",),
    )


@pytest.mark.parametrize("before,after", [
    ("Conv2D(8, 3, nb_col=2, padding='same')", "Conv2D(8, (3, 2), padding='same')"),
    ("Conv2D(8, nb_row=3, nb_col=2)", "Conv2D(8, kernel_size=(3, 2))"),
    ("Conv3D(8, 3, 3, kernel_dim3=2)", "Conv3D(8, (3, 3, 2))"),
    ("Conv3D(8, 3, kernel_dim2=3, kernel_dim3=2)", "Conv3D(8, (3, 3, 2))"),
    ("Conv3D(filters=8, kernel_dim1=1, kernel_dim2=2, kernel_dim3=3)",
     "Conv3D(filters=8, kernel_size=(1, 2, 3))"),
])
def test_keras1_kernel_keywords(before, after):
    header = "from keras.layers import Conv2D, Conv3D\n"
    check_transformed(header + before + "\n", header + after + "\n", ("KL502",))


def test_kernel_keywords_mixed_with_the_positional_dimension_are_left_alone():
    """`Conv3D(8, 3, 3, kernel_dim2=3, kernel_dim3=1)` was not a form 2.2.4 converted."""
    check_noop("from keras.layers import Conv3D\nConv3D(8, 3, 3, kernel_dim2=3, kernel_dim3=1)\n", ("KL502",))


# --- KL506 add_weight ----------------------------------------------------------------------


def test_add_weight_2_2_4_order_is_fine_on_keras2_but_keras1_order_is_not():
    check_noop("import keras\nw = self.add_weight('w', (3, 4))\n", ("KL506",), target="keras2")
    check_transformed("import keras\nw = self.add_weight((3, 4), 'w')\n",
                      "import keras\nw = self.add_weight(shape=(3, 4), name='w')\n", ("KL506",),
                      target="keras2")


def test_add_weight_keras1_order_with_more_positionals_is_reported_without_fix():
    [found] = lint("import keras\nw = self.add_weight((3, 4), 'w', 'float32')\n", ("KL506",))
    assert found.fix is None


# --- KL502 with module constants, KL507 weight lists ------------------------------------------


def test_kernel_dimensions_from_int_constants_are_a_safe_fix():
    source = ("from keras.layers import Convolution2D\nnb_filters = 32\nnb_pool, nb_conv = 2, 3\n"
              "a = Convolution2D(nb_filters, nb_conv, nb_conv)\nb = Convolution2D(nb_filters, size, size)\n")
    found = lint(source, ("KL502",))
    assert [d.fix.applicability.value for d in found] == ["safe", "unsafe"]
    assert "a = Convolution2D(nb_filters, (nb_conv, nb_conv))\nb = Convolution2D(nb_filters, size, size)\n" \
        in fix(source, ("KL502",))
    rebound = source + "nb_conv = 5\n"
    assert {d.fix.applicability.value for d in lint(rebound, ("KL502",))} == {"unsafe"}


LAYER = """\
from keras import backend as K
from keras.engine.topology import Layer
class Scale(Layer):
    def build(self, input_shape):
        self.W = K.variable(np.ones((input_shape[-1],)), name='W')
        self.b = self.add_weight(name='b', shape=(3,), initializer='zeros')
        self.trainable_weights = [self.W]
        self.non_trainable_weights = [self.b]
"""


def test_weight_lists_become_the_layers_own_weights():
    fixed = fix(LAYER, ("KL507",))
    assert "self.W = variable_weight_224(self, np.ones((input_shape[-1],)), name='W', trainable=True)" in fixed
    assert "self.b = self.add_weight(name='b', shape=(3,), initializer='zeros', trainable=False)" in fixed
    assert "trainable_weights =" not in fixed
    assert fix(fixed, ("KL507",)) == fixed


def test_a_weight_left_out_of_the_lists_is_reported_without_a_fix():
    source = LAYER.replace("        self.non_trainable_weights = [self.b]\n", "")
    found = lint(source, ("KL507",))
    assert found and all(d.fix is None for d in found)
