"""KL3xx: optimizer arguments and defaults."""

from __future__ import annotations

import pytest

from tests.rules.cases import check_noop, check_transformed, fix, lint


def test_unfixable_difference_rule_is_opt_in():
    source = "from keras.optimizers import Nadam\nopt = Nadam(learning_rate=0.002)\n"
    assert "KL309" not in {d.code for d in lint(source, target="keras2")}
    assert [d.code for d in lint(source, ("KL309",), target="keras2")] == ["KL309"]
    [found] = lint(source, ("KL309",), target="keras2")
    assert found.fix is None and "bias-correction" in found.message
    # with KL312, optimizer_224 makes every optimizer 2.2.4's on both targets: nothing is left
    assert [d.code for d in lint(source, ("KL309", "KL312"))] == ["KL312"]
    assert [d.code for d in lint(source, ("KL309", "KL312"), target="keras2")] == ["KL312"]


def test_nadam_schedule_decay_names_legacy_on_keras2():
    source = "from keras.optimizers import Nadam\nNadam(learning_rate=0.002, schedule_decay=0.004)\n"
    [k2] = lint(source, ("KL308",), target="keras2")
    assert "tf.keras.optimizers.legacy.Nadam" in k2.message
    fixed = fix(source)  # keras3: optimizer_224(Nadam) keeps the argument and its schedule
    assert "optimizer_224(Nadam)(learning_rate=0.002, schedule_decay=0.004)" in fixed


def test_mnist_cnn_adadelta_gets_its_2_2_4_rate():
    before = (
        "import keras\n"
        "model.compile(loss=keras.losses.categorical_crossentropy,\n"
        "              optimizer=keras.optimizers.Adadelta(),\n"
        "              metrics=['accuracy'])\n"
    )
    after = (
        "from tensorflow import keras\n"
        "model.compile(loss=keras.losses.categorical_crossentropy,\n"
        "              optimizer=keras.optimizers.Adadelta(learning_rate=1.0),\n"
        "              metrics=['accuracy'])\n"
    )
    check_transformed(before, after, ("KL0", "KL3"))


def test_cifar10_rmsprop_lr_and_decay_all_rules_together():
    before = "import keras\nopt = keras.optimizers.rmsprop(lr=0.0001, decay=1e-6)\n"
    for target in ("keras3", "keras2"):
        fixed = fix(before, target=target)
        assert fixed.startswith("from tensorflow import keras\n\n\ndef optimizer_224(cls):\n")
        assert fixed.endswith("opt = optimizer_224(keras.optimizers.RMSprop)(learning_rate=0.0001, decay=1e-6)\n")
    assert "tf.keras.optimizers, \"legacy\"" in fix(before, target="keras2")  # the legacy class there


def test_decay_without_lr_uses_the_2_2_4_default_and_composes_with_the_pin():
    before = "from keras.optimizers import Adadelta\nopt = Adadelta(decay=0.01)\n"
    for target in ("keras3", "keras2"):
        assert fix(before, target=target).endswith("opt = optimizer_224(Adadelta)(decay=0.01, learning_rate=1.0)\n")


def test_positional_arguments_then_renamed():
    before = "from keras.optimizers import Adagrad\nopt = Adagrad(0.01, None, 0.0)\n"
    for target in ("keras3", "keras2"):
        assert fix(before, target=target).endswith(
            "opt = optimizer_224(Adagrad)(0.01, epsilon=1e-07, initial_accumulator_value=0.0)\n")
    check_transformed(
        before,
        "from keras.optimizers import Adagrad\n"
        "opt = Adagrad(0.01, epsilon=1e-07, initial_accumulator_value=0.0)\n",
        ("KL302", "KL303", "KL305", "KL306"), target="keras2",
    )


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("from keras.optimizers import SGD\nSGD(learning_rate=0.01)\n", id="sgd"),
        pytest.param("from torch.optim import Adagrad\nAdagrad(params)\n", id="torch"),
        pytest.param("opt = Adadelta()\n", id="unbound"),
    ],
)
def test_no_finding(source):
    assert [d.code for d in lint(source, ("KL3",)) if d.code != "KL302"] == []


def test_kwargs_reported_without_fix():
    source = "from keras.optimizers import Adadelta\nAdadelta(**config)\n"
    [found] = lint(source, ("KL302",))
    assert found.fix is None


def test_custom_optimizer_through_module_alias_and_plain_classes_left_alone():
    source = ("import keras.optimizers as O\nclass A(O.Optimizer):\n    def get_updates(self, loss, params):\n"
              "        pass\nclass B(object):\n    def get_updates(self): pass\n")
    [found] = lint(source, ("KL310",))
    assert found.start.row == 3 and found.fix is None


# --- KL303 beside code that sets the rate, KL311 optimizer attributes -------------------------


@pytest.mark.parametrize("setter", [
    "cb = keras.callbacks.LearningRateScheduler(schedule)",
    "K.set_value(model.optimizer.lr, 0.1)",
    "model.optimizer.learning_rate = 0.1",
])
def test_decay_stays_a_settable_rate_where_the_module_sets_it(setter):
    source = ("import keras\nfrom keras import backend as K\nopt = keras.optimizers.SGD(lr=0.1, decay=1e-4)\n"
              + setter + "\n")
    [found] = lint(source, ("KL303",))
    assert found.fix is not None
    fixed = fix(source)
    assert "opt = optimizer_224(keras.optimizers.SGD)(learning_rate=0.1, decay=1e-4)\n" in fixed
    assert "InverseTimeDecay" not in fixed


def test_optimizer_attributes_on_every_name_that_holds_an_optimizer():
    source = (
        "import keras\nfrom keras import backend as K\n"
        "class Logger(keras.callbacks.Callback):\n"
        "    def on_epoch_end(self, epoch, logs=None):\n"
        "        optimizer = self.model.optimizer\n"
        "        lr = K.get_value(optimizer.lr)\n"
        "        decay = K.get_value(optimizer.decay)\n"
        "        K.set_value(optimizer.lr, lr * 0.5)\n"
        "clone = keras.optimizers.Adam.from_config(config)\n"
        "print(clone.lr, clone.get_config()['lr'], sgd.clipnorm)\n"
    )
    fixed = fix(source, ("KL311",))
    assert "        lr = K.get_value(optimizer.learning_rate)\n" in fixed
    assert "        decay = K.get_value(getattr(optimizer, 'decay', 0.0))\n" in fixed
    assert "        optimizer.learning_rate = lr * 0.5\n" in fixed
    assert "clone = optimizer_from_config_224(keras.optimizers.Adam, config)\n" in fixed
    assert "print(clone.learning_rate, optimizer_config_224(clone)['lr'], sgd.clipnorm)\n" in fixed
    assert fix(fixed, ("KL311",)) == fixed


def test_set_value_on_learning_rate_is_left_on_keras2():
    source = "from keras import backend as K\nK.set_value(model.optimizer.lr, 0.01)\n"
    assert fix(source, ("KL311",), target="keras2") == \
        "from keras import backend as K\nK.set_value(model.optimizer.learning_rate, 0.01)\n"
    check_noop("import tensorflow as tf\nK = tf.keras.backend\nK.set_value(model.optimizer.learning_rate, 0.01)\n",
               ("KL311",), target="keras2")


def test_nadam_schedule_decay_removed_safely_only_at_its_default():
    [default] = lint("from keras.optimizers import Nadam\nNadam(schedule_decay=0.004)\n", ("KL308",), target="keras2")
    [other] = lint("from keras.optimizers import Nadam\nNadam(schedule_decay=0.01)\n", ("KL308",), target="keras2")
    assert default.fix.applicability.value == "safe" and other.fix.applicability.value == "unsafe"
    # KL312's optimizer_224(Nadam) takes schedule_decay on both targets
    for target in ("keras3", "keras2"):
        assert "KL308" not in {d.code for d in lint("from keras.optimizers import Nadam\nNadam(schedule_decay=0.01)\n",
                                                     target=target)}


def test_a_config_read_by_a_key_only_optimizers_had_is_an_optimizer_config():
    source = ("from keras.optimizers import Nadam\nopts = [('n', Nadam())]\n"
              "s = opts[0][1].get_config()['schedule_decay']\nc = layer.get_config()['units']\n")
    fixed = fix(source, ("KL311",))
    assert "s = optimizer_config_224(opts[0][1])['schedule_decay']" in fixed
    assert "c = layer.get_config()['units']" in fixed
    assert fix(fixed, ("KL311",)) == fixed
