"""KL8xx: layer arguments tf.keras reads more strictly."""

from __future__ import annotations

from tests.rules.cases import check_noop, fix, lint


def test_numpy_integers_in_integer_parameters_only():
    source = ("import numpy as np\nfrom keras.layers import Dense, Embedding, Dropout, MaxPooling2D\n"
              "num_classes = np.max(y_train) + 1\nwidth = len(vocab)\n"
              "a = Dense(num_classes, activation='softmax')\nb = Embedding(width, np.prod(shape))\n"
              "c = Dropout(np.float32(0.5))\nd = MaxPooling2D(pool_size=(np.int64(2), 2))\n")
    fixed = fix(source, ("KL801",))
    assert "a = Dense(int(num_classes), activation='softmax')\n" in fixed
    assert "b = Embedding(width, int(np.prod(shape)))\n" in fixed
    assert "c = Dropout(np.float32(0.5))\n" in fixed
    assert "d = MaxPooling2D(pool_size=(int(np.int64(2)), 2))\n" in fixed
    assert fix(fixed, ("KL801",)) == fixed


def test_a_name_bound_twice_is_left_alone():
    check_noop("import numpy as np\nfrom keras.layers import Dense\nn = np.max(y)\nn = 3\nDense(n)\n", ("KL801",))


def test_custom_activation_names_registered_by_item_and_used_on_layers():
    source = ("from keras.layers import Activation, Dense\nfrom keras.utils.generic_utils import get_custom_objects\n"
              "def hard_tanh(x):\n    return x\nget_custom_objects()['hard_tanh'] = hard_tanh\n"
              "h = Dense(3, activation='hard_tanh')(x)\nout = Activation('hard_tanh')(h)\nrelu = Activation('relu')\n")
    fixed = fix(source, ("KL802",))
    assert "h = Dense(3, activation=hard_tanh)(x)\nout = Activation(hard_tanh)(h)\nrelu = Activation('relu')\n" in fixed
    check_noop(source, ("KL802",), target="keras2")


def test_time_distributed_224_on_keras3_only_once_and_a_fixed_point():
    source = ("from keras.layers import Dense, TimeDistributed\nfrom keras import layers\n"
              "a = TimeDistributed(Dense(3))\nb = layers.TimeDistributed(Dense(2))\n")
    fixed = fix(source, ("KL803",))
    assert fixed.count("class TimeDistributed_224(") == 1 and "import tensorflow as tf" in fixed
    assert "a = TimeDistributed_224(Dense(3))" in fixed and "b = TimeDistributed_224(Dense(2))" in fixed
    assert fix(fixed, ("KL803",)) == fixed and lint(fixed, ("KL803",)) == []
    check_noop(source, ("KL803",), target="keras2")


def test_a_layer_whose_call_takes_only_args_builds_on_keras_3_once_fixed(tmp_path):
    import subprocess
    import sys

    before = (
        "import numpy as np\nimport keras\n\n\n"
        "class FrozenBatchNormalization(keras.layers.BatchNormalization):\n"
        "    def call(self, *args, **kwargs):\n"
        "        kwargs['training'] = False\n"
        "        return super(FrozenBatchNormalization, self).call(*args, **kwargs)\n\n\n"
        "inputs = keras.layers.Input((4, 4, 3))\n"
        "model = keras.models.Model(inputs, FrozenBatchNormalization(name='bn/frozen')(inputs))\n"
        "print(model.predict(np.ones((1, 4, 4, 3)), verbose=0).shape, model.layers[1].name)\n"
    )
    after = fix(before, unsafe=True)
    assert "def call(self, inputs, *args, **kwargs):" in after
    assert ".call(inputs, *args, **kwargs)" in after and "name='bn_frozen'" in after
    assert fix(after, unsafe=True) == after
    script = tmp_path / "frozen_bn.py"
    script.write_text(after)
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "(1, 4, 4, 3) bn_frozen"
