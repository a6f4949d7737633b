"""KL2xx: BatchNormalization momentum / epsilon."""

from __future__ import annotations

import pytest

from tests.rules.cases import check_noop, check_transformed, fix, lint

def test_both_pinned_keeping_what_the_user_wrote():
    check_transformed(
        "from keras.layers import BatchNormalization\nx = BatchNormalization(axis=1, center=False)(x)\n",
        "from keras.layers import BatchNormalization\n"
        "x = BatchNormalization(axis=1, center=False, momentum=0.99, epsilon=0.001)(x)\n",
        ("KL201", "KL202"),
    )


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("from keras.layers import BatchNormalization\n"
                     "BatchNormalization(momentum=0.9, epsilon=1e-5)\n", id="both-given"),
        pytest.param("from keras.layers import BatchNormalization\n"
                     "BatchNormalization(-1, 0.9, 1e-5)\n", id="positional"),
        pytest.param("from torch.nn import BatchNorm2d\nBatchNorm2d(3)\n", id="not-keras"),
    ],
)
def test_batchnorm_noop(source):
    check_noop(source, ("KL201", "KL202"))


def test_recipe_values_are_unsafe_and_applied_only_with_unsafe_fixes():
    source = "from keras.layers import BatchNormalization\nBatchNormalization()\n"
    settings = {"batchnorm_momentum": 0.9, "batchnorm_epsilon": 1e-5}
    found = lint(source, ("KL201", "KL202"), **settings)
    assert {d.fix.applicability.value for d in found} == {"unsafe"}
    assert fix(source, ("KL201", "KL202"), **settings) == source
    check_transformed(
        source,
        "from keras.layers import BatchNormalization\nBatchNormalization(momentum=0.9, epsilon=1e-05)\n",
        ("KL201", "KL202"), unsafe=True, **settings,
    )


def test_kwargs_reported_without_fix():
    [m, e] = lint("from keras.layers import BatchNormalization\nBatchNormalization(**bn)\n", ("KL201", "KL202"))
    assert (m.code, e.code) == ("KL201", "KL202")
    assert m.fix is None and e.fix is None


def test_frozen_batchnorm_message_names_the_escape_hatch_on_keras2():
    source = "from keras.layers import BatchNormalization\nBatchNormalization(trainable=False)\n"
    [k3] = lint(source, ("KL203",))
    [k2] = lint(source, ("KL203",), target="keras2")
    assert "Keras 3 has no equivalent" in k3.message
    assert "tf.compat.v1.keras.layers.BatchNormalization" in k2.message
    assert k3.fix is None and k2.fix.applicability.value == "display-only"


def test_freezing_a_pretrained_base_with_batchnorm():
    source = (
        "import tensorflow as tf\n"
        "base = tf.keras.applications.ResNet50(weights=None)\n"
        "base.trainable = False\n"
    )
    [found] = lint(source, ("KL203",))
    assert found.start.row == 3 and "may freeze BatchNormalization" in found.message


def test_freezing_without_batchnorm_is_fine():
    source = (
        "from keras.applications import VGG16\nbase = VGG16()\nbase.trainable = False\n"
        "for layer in base.layers:\n    layer.trainable = False\n"
    )
    assert lint(source, ("KL203",)) == []


def test_frozen_batchnorm_display_only_fix_on_keras2():
    source = "from keras.layers import BatchNormalization\nbn = BatchNormalization(trainable=False)\n"
    [found] = lint(source, ("KL203",), target="keras2")
    assert found.fix.applicability.value == "display-only"
    assert "tf.compat.v1.keras.layers.BatchNormalization" in found.fix.message
    assert fix(source, ("KL203",), unsafe=True, target="keras2") == source
    [found] = lint(source, ("KL203",))  # keras3: nothing to show
    assert found.fix is None


def test_batchnorm_becomes_2_2_4s_layer_and_frozen_layers_are_then_not_reported():
    source = ("import keras\nx = keras.layers.BatchNormalization(momentum=0.99, epsilon=0.001)\n"
              "frozen = keras.layers.BatchNormalization(trainable=False)\n")
    assert [d.code for d in lint(source)] == ["KL001", "KL204", "KL201", "KL202", "KL204"]  # no KL203
    assert [d.code for d in lint(source, ("KL203",))] == ["KL203"]
    fixed = fix(source)
    assert fixed.count("class BatchNormalization_224(tf.keras.layers.BatchNormalization):") == 1
    assert "x = BatchNormalization_224(momentum=0.99, epsilon=0.001)\n" in fixed
    assert "frozen = BatchNormalization_224(trainable=False, momentum=0.99, epsilon=0.001)\n" in fixed
    assert fix(fixed) == fixed
    for target in ("keras3", "keras2"):
        assert {d.code for d in lint(source, target=target)} >= {"KL204"}


def test_batchnorm_fix_refused_where_tf_means_something_else():
    [found] = lint("from keras.layers import BatchNormalization\ntf = 3\nBatchNormalization()\n", ("KL204",))
    assert found.fix is None
