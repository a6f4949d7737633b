"""The build-only module: real Keras 2.2.4 examples before -> after. Pure: no TensorFlow."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

from keraslint.validate.settings import ArrayValue
from keraslint.validate.slicer import Skip, slice_script


def example(keras224: Path, name: str) -> str:
    return (keras224 / "examples" / name).read_text(encoding="utf-8")


def lines_of(text: str) -> list[str]:
    return text.splitlines()


def test_mnist_cnn_keeps_the_model_and_drops_data_training_and_printing(keras224):
    before = example(keras224, "mnist_cnn.py")
    after = slice_script(before)
    old, new = lines_of(before), lines_of(after.source)
    assert len(new) == len(old)  # same line numbers: errors point at the user's lines
    ast.parse(after.source)
    kept = {i for i, (a, b) in enumerate(zip(old, new)) if a == b and a.strip()}
    dropped = [old[i].strip() for i in range(len(old)) if i not in kept and old[i].strip()]
    assert dropped[:2] == [
        "from keras.datasets import mnist",  # only the dropped data loading used it
        "(x_train, y_train), (x_test, y_test) = mnist.load_data()",
    ]
    assert "x_train /= 255" in dropped
    assert "print('x_train shape:', x_train.shape)" in dropped
    assert "y_train = keras.utils.to_categorical(y_train, num_classes)" in dropped
    assert "model.fit(x_train, y_train," in dropped
    assert "score = model.evaluate(x_test, y_test, verbose=0)" in dropped
    # The if on the image format reads nothing dropped: kept, with only its input_shape lines.
    assert "if K.image_data_format() == 'channels_first':" not in dropped
    assert "input_shape = (img_rows, img_cols, 1)" not in dropped
    assert "x_train = x_train.reshape(x_train.shape[0], img_rows, img_cols, 1)" in dropped
    for line in ("model = Sequential()", "model.add(Dense(num_classes, activation='softmax'))",
                 "optimizer=keras.optimizers.Adadelta(),", "import keras", "batch_size = 128"):
        assert line not in dropped
    assert after.assigned["model"] == old.index("model = Sequential()") + 1
    assert after.skipped == () and after.notes == ()


def test_a_model_reading_dropped_data_is_skipped_with_the_names_it_needs(keras224):
    after = slice_script(example(keras224, "reuters_mlp.py"))
    assert after.skipped == (Skip(45, "model", ("num_classes",)),)
    assert "model.add(Dense(num_classes))" not in after.source
    assert "model.compile(" not in after.source  # a model missing a layer is not compiled either


def test_configured_values_stand_in_for_dropped_names(keras224):
    before = example(keras224, "reuters_mlp.py")
    after = slice_script(before, {"num_classes": 46})
    assert after.skipped == ()
    assert lines_of(after.source)[22] == "num_classes = 46"  # was np.max(y_train) + 1
    assert "model.add(Dense(num_classes))" in after.source
    assert len(lines_of(after.source)) == len(lines_of(before))


def test_an_array_value_stands_in_for_a_data_set(keras224):
    after = slice_script(example(keras224, "cifar10_cnn.py"))
    assert after.skipped == (Skip(35, "model", ("x_train",)),)
    given = slice_script(example(keras224, "cifar10_cnn.py"), {"x_train": ArrayValue([1, 32, 32, 3])})
    assert given.skipped == ()
    assert "x_train = __import__('numpy').zeros((1, 32, 32, 3), 'float32')" in given.source
    assert "input_shape=x_train.shape[1:]))" in given.source


def test_pretrained_weights_are_never_downloaded(keras224):
    before = example(keras224, "conv_filter_visualization.py")
    after = slice_script(before)
    assert "model = vgg16.VGG16(weights=None, include_top=False)" in lines_of(after.source)
    assert after.notes == ("line 45: weights='imagenet' -> weights=None (validation never downloads)",)


def test_zero_argument_model_functions_are_builders(keras224):
    after = slice_script(example(keras224, "reuters_mlp_relu_vs_selu.py"))
    assert after.builders == ("create_network",)


def test_functions_that_load_data_or_train_are_not_called():
    before = textwrap.dedent("""\
        import keras
        from keras.datasets import mnist

        def load():
            return mnist.load_data()

        def train(model):
            model.fit(*load())

        def build_model(units=8):
            model = keras.models.Sequential([keras.layers.Dense(units, input_shape=(4,))])
            model.summary()
            return model

        def make_classifier():
            return train(build_model())

        data = load()
        model = build_model()
        train(model)
        if data[0] is None:
            model = None
        for epoch in range(100):
            print(epoch)
        """)
    after = lines_of(slice_script(before).source)
    assert after[17] == "pass"  # data = load()
    assert after[18] == "model = build_model()"
    assert after[19] == "pass"  # train(model)
    assert after[20:22] == ["pass", ""]  # the if reads the dropped data
    assert after[22:24] == ["pass", ""]  # a loop that builds nothing
    sliced = slice_script(before)
    assert sliced.builders == ()  # build_model is called by the kept code; make_classifier trains
    assert sliced.assigned == {"model": 19}


def test_containers_filled_by_dropped_code_are_dropped_data(keras224):
    after = slice_script(example(keras224, "lstm_seq2seq.py"))
    # input_texts = [] is filled from the data file; its max length is not a constant.
    assert "max_encoder_seq_length = max([len(txt) for txt in input_texts])" not in after.source
    assert Skip(144, "model", ("num_decoder_tokens", "num_encoder_tokens")) in after.skipped


def test_an_object_a_dropped_call_fills_with_data_is_dropped_data(keras224):
    # tokenizer.fit_on_texts(texts) is dropped: word_index is not the empty dict it starts as,
    # so num_words (and the Embedding built from it) needs a value; guessing 1 built a wrong model.
    sliced = slice_script(example(keras224, "pretrained_word_embeddings.py"))
    assert Skip(137, "model", ("embedding_matrix", "labels_index", "num_words")) in sliced.skipped
    assert "word_index = tokenizer.word_index" not in sliced.source


def test_model_functions_that_need_arguments_are_named(keras224):
    assert slice_script(example(keras224, "image_ocr.py")).needs_arguments == (
        "train(run_name, start_epoch, stop_epoch, img_w)",)
    assert slice_script(example(keras224, "mnist_net2net.py")).needs_arguments == (
        "make_teacher_model(x_train, y_train, x_test, y_test, epochs)",
        "make_wider_student_model(teacher_model, x_train, y_train, x_test, y_test, init, epochs)",
        "make_deeper_student_model(teacher_model, x_train, y_train, x_test, y_test, init, epochs)")


def test_third_party_imports_outside_try_may_be_stubbed(keras224):
    assert slice_script(example(keras224, "image_ocr.py")).stubbable == (
        "cairocffi", "codecs", "datetime", "editdistance", "itertools", "os", "re", "scipy")
    # mnist_acgan imports cPickle inside try/except ImportError: never stubbed.
    assert "cPickle" not in slice_script(example(keras224, "mnist_acgan.py")).stubbable


@pytest.mark.parametrize("statement", [
    "plt.plot(history.history['loss'])",
    "model.save('model.h5')",
    "plot_model(model, to_file='model.png')",
    "with open('log.txt', 'w') as f:\n    f.write(model.to_json())",
])
def test_saving_and_plotting_are_dropped(statement):
    before = "import matplotlib.pyplot as plt\nimport keras\nmodel = keras.models.Sequential()\n" + statement + "\n"
    after = slice_script(before).source
    assert after.splitlines()[0] == "pass"  # the plotting import goes with its uses
    assert after.splitlines()[3] == "pass"
    ast.parse(after)


@pytest.mark.parametrize("name", [
    "mnist_cnn.py", "reuters_mlp.py", "cifar10_resnet.py", "mnist_acgan.py", "image_ocr.py",
    "lstm_seq2seq.py", "neural_style_transfer.py", "variational_autoencoder.py",
])
def test_every_slice_compiles_with_the_same_lines(keras224, name):
    before = example(keras224, name)
    after = slice_script(before).source
    compile(after, name, "exec")
    assert len(lines_of(after)) == len(lines_of(before))
    assert "load_data()" not in after and ".fit(" not in after
