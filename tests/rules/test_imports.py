"""KL0xx: standalone keras imports and paths."""

from __future__ import annotations

import pytest

from tests.rules.cases import check_noop, check_transformed, fix, lint


@pytest.mark.parametrize(
    "before,after",
    [
        pytest.param("import keras.backend as K\nK.set_image_data_format('channels_last')\n",
                     "from tensorflow.keras import backend as K\n"
                     "K.set_image_data_format('channels_last')\n", id="backend-alias"),
        pytest.param("from keras import backend as K\n",
                     "from tensorflow.keras import backend as K\n", id="from-keras-import-backend"),
        pytest.param("from keras.layers import *\n", "from tensorflow.keras.layers import *\n",
                     id="star-kept"),
        pytest.param("from keras.layers.advanced_activations import LeakyReLU\n",
                     "from tensorflow.keras.layers import LeakyReLU\n", id="advanced-activations"),
        pytest.param("from keras.layers.merge import add, concatenate\n",
                     "from tensorflow.keras.layers import add, concatenate\n", id="merge"),
        pytest.param("from keras.layers.cudnn_recurrent import CuDNNLSTM\n",
                     "from tensorflow.keras.layers import LSTM as CuDNNLSTM\n", id="cudnn-renamed"),
        pytest.param("from keras.layers import Deconvolution2D, AtrousConv1D\n",
                     "from tensorflow.keras.layers import Conv2DTranspose as Deconvolution2D, "
                     "Conv1D as AtrousConv1D\n", id="dropped-aliases"),
        pytest.param("from keras.utils.generic_utils import Progbar\n",
                     "from tensorflow.keras.utils import Progbar\n", id="generic-utils"),
        pytest.param("from keras.engine import Layer\n",
                     "from tensorflow.keras.layers import Layer\n", id="engine-layer"),
        pytest.param("from keras.objectives import mse\n",
                     "from tensorflow.keras.losses import mse\n", id="objectives"),
        pytest.param("import keras\nimport keras.backend as K\nx = keras.layers.core.Dense\n",
                     "from tensorflow import keras\nfrom tensorflow.keras import backend as K\n"
                     "x = keras.layers.Dense\n", id="import-and-path"),
        pytest.param("import keras.layers.convolutional as C\nc = C.Conv2D\n",
                     "from tensorflow.keras import layers as C\nc = C.Conv2D\n",
                     id="submodule-alias"),
        pytest.param("from keras.utils.np_utils import to_categorical as tc; import os\n",
                     "from tensorflow.keras.utils import to_categorical as tc; import os\n",
                     id="semicolon-line"),
        pytest.param("import keras, os  # comment\n",
                     "from tensorflow import keras  # comment\nimport os\n", id="split-keeps-comment"),
        pytest.param("if True:\n    from keras.models import Model\n",
                     "if True:\n    from tensorflow.keras.models import Model\n", id="nested"),
        pytest.param("# header\r\nimport keras\r\n", "# header\r\nfrom tensorflow import keras\r\n",
                     id="crlf"),
    ],
)
def test_imports_transformed(before, after):
    check_transformed(before, after, ("KL0",))


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("import tensorflow as tf\nfrom tensorflow import keras\n", id="already-tf"),
        pytest.param("from . import keras\n", id="relative"),
        pytest.param("import kerastuner\n", id="other-package"),
        pytest.param("x = 'import keras'\n", id="in-string"),
        pytest.param("def keras(): pass\nkeras.layers.convolutional.Conv2D\n", id="shadowed"),
    ],
)
def test_imports_noop(source):
    check_noop(source, ("KL0",))


def test_no_home_message_names_the_module_and_guidance():
    [found] = lint("from keras.wrappers.scikit_learn import KerasClassifier\n", ("KL002",))
    assert found.code == "KL002"
    assert "keras.wrappers.scikit_learn.KerasClassifier" in found.message
    assert "scikeras" in found.message
    assert found.fix is None


def test_mixed_statement_reports_only_the_homeless_name():
    found = lint("from keras.utils import to_categorical, HDF5Matrix\n", ("KL0",))
    assert [d.code for d in found] == ["KL001", "KL002"]
    assert "HDF5Matrix" in found[1].message


@pytest.mark.parametrize(
    "before,after",
    [
        pytest.param("try: import keras.backend as K\nexcept ImportError: K = None\n",
                     "try: from tensorflow.keras import backend as K\nexcept ImportError: K = None\n",
                     id="one-line-try"),
        pytest.param("if True: import keras\n", "if True: from tensorflow import keras\n",
                     id="one-line-if"),
        pytest.param("from keras.engine import (Layer,  # base\n    Model,  # model\n)\n",
                     "from tensorflow.keras.layers import (Layer,  # base\n)\n"
                     "from tensorflow.keras.models import (Model,  # model\n)\n",
                     id="split-keeps-comments"),
        pytest.param("from keras.engine import Layer, Model  # noqa: E402\n",
                     "from tensorflow.keras.layers import Layer  # noqa: E402\n"
                     "from tensorflow.keras.models import Model  # noqa: E402\n",
                     id="split-repeats-noqa"),
    ],
)
def test_imports_transformed_more(before, after):
    check_transformed(before, after, ("KL0",))


def test_star_imported_name_without_home_is_reported_where_called():
    found = lint("from keras.layers import *\nx = MaxoutDense(10)\ny = LSTM(3)\n", ("KL002",))
    assert [(d.code, d.start.row) for d in found] == [("KL002", 2)]
    assert "keras.layers.MaxoutDense" in found[0].message


def test_star_imported_renamed_layer_is_renamed_where_called():
    check_transformed(
        "from keras.layers import *\nx = CuDNNGRU(10)\ny = Deconv2D(3, (2, 2))\n",
        "from tensorflow.keras.layers import *\nx = GRU(10)\ny = Conv2DTranspose(3, (2, 2))\n",
        ("KL0",),
    )


def test_star_imported_renamed_layer_is_not_renamed_onto_a_local_name():
    source = "from keras.layers import *\nGRU = 1\nx = CuDNNGRU(10)\n"
    [found] = lint(source, ("KL003",))
    assert found.fix is None and "means something else" in found.message


def test_renamed_path_is_an_unsafe_fix():
    """`cosine_similarity` does not exist in Keras 2.2.4: valid only once the import moves."""
    source = "import keras  # noqa: KL001\nloss = keras.losses.cosine_proximity\n"
    [found] = lint(source, ("KL0",))
    assert found.code == "KL003" and found.fix.applicability.value == "unsafe"
    assert fix(source, ("KL0",)) == source
    shortened = "import keras\nC = keras.layers.core.Dense\n"
    [short] = lint(shortened, ("KL003",))
    assert short.fix.applicability.value == "safe"


def test_renamed_path_is_safe_when_the_import_moves_in_the_same_run():
    check_transformed(
        "import keras\nopt = keras.optimizers.rmsprop(lr=0.001)\n",
        "from tensorflow import keras\nopt = keras.optimizers.RMSprop(lr=0.001)\n",
        ("KL0",),
    )
    check_transformed(
        "import tensorflow as tf\nopt = tf.keras.optimizers.rmsprop()\n",
        "import tensorflow as tf\nopt = tf.keras.optimizers.RMSprop()\n",
        ("KL003",),
    )


def test_no_home_is_reported_through_tf_keras_too():
    """After --fix `K` is tf.keras's backend: K.function is still reported."""
    source = "from tensorflow.keras import backend as K\nf = K.function([a], [b])\n"
    [found] = lint(source, ("KL002",))
    assert "keras.backend.function" in found.message


def test_optional_import_with_none_fallback_still_resolves():
    check_transformed(
        "try:\n    import keras\nexcept ImportError:\n    keras = None\n"
        "if keras is not None:\n    m = keras.layers.Dense(3)\n",
        "try:\n    from tensorflow import keras\nexcept ImportError:\n    keras = None\n"
        "if keras is not None:\n    m = keras.layers.Dense(3, kernel_initializer='glorot_uniform')\n",
    )


def test_other_fallbacks_and_other_handlers_still_shadow():
    """`keras = my_stub` in the handler, or `keras = None` outside an ImportError handler,
    may mean something else: the name is left alone."""
    for handler in ("except ImportError:\n    keras = make_stub()\n", "except ValueError:\n    keras = None\n"):
        source = "try:\n    import keras\n" + handler + "m = keras.layers.Dense(3)\n"
        assert [d.code for d in lint(source, ("KL1",))] == []


def test_removing_set_learning_phase_is_an_unsafe_fix_and_all_rules_port_the_rest():
    source = "import keras.backend as K\nK.set_learning_phase(0)\n\nmodel = build()\n"
    [found] = lint(source, ("KL002",))
    assert found.fix.applicability.value == "unsafe"
    assert found.fix.message == ("Remove the call: Keras 3 layers run in inference mode unless called with "
                                 "training=True or in fit")
    assert fix(source) == "from tensorflow.keras import backend as K\nK.set_learning_phase(0)\n\nmodel = build()\n"
    check_transformed(source, "from tensorflow.keras import backend as K\n\nmodel = build()\n", unsafe=True)
    # After a safe --fix, the tf.keras path is still removed.
    check_transformed("from tensorflow.keras import backend as K\nK.set_learning_phase(0)\n",
                      "from tensorflow.keras import backend as K\n", ("KL002",), unsafe=True)
