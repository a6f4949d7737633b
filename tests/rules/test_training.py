"""KL6xx: the training API."""

from __future__ import annotations

import pytest

from tests.rules.cases import check_transformed, fix, inline_cases, lint, run_inline

INLINE = list(inline_cases("KL6"))


@pytest.mark.parametrize("code,kind,case", [c[1:] for c in INLINE], ids=[c[0] for c in INLINE])
def test_inline_cases(code, kind, case):
    run_inline(code, kind, case)


def test_keras2_target_keeps_data_loading_arguments():
    check_transformed(
        "import keras\nmodel.fit_generator(gen, 10, workers=4, use_multiprocessing=True)\n",
        "import keras\nmodel.fit(gen, steps_per_epoch=10, workers=4, use_multiprocessing=True)\n",
        ("KL601",), target="keras2",
    )


def test_samples_per_epoch_is_unsafe():
    source = "import keras\nmodel.fit_generator(gen, samples_per_epoch=1000, nb_epoch=2)\n"
    [found] = lint(source, ("KL601",))
    assert found.fix.applicability.value == "unsafe"
    assert fix(source, ("KL601",)) == source
    assert fix(source, ("KL601",), unsafe=True) == (
        "import keras\nmodel.fit(gen, steps_per_epoch=1000, epochs=2)\n"
    )


def test_evaluate_generator_positional_and_quiet():
    check_transformed(
        "import keras\nscore = model.evaluate_generator(gen, 20, 10)\n",
        "import keras\nscore = model.evaluate(gen, steps=20, verbose=0)\n",
        ("KL601",),
    )


def test_generator_keyword_becomes_x():
    check_transformed(
        "import keras\nmodel.fit_generator(generator=gen, steps_per_epoch=10)\n",
        "import keras\nmodel.fit(x=gen, steps_per_epoch=10)\n",
        ("KL601",),
    )


def test_own_fit_generator_method_is_left_alone():
    source = (
        "import keras\nclass Pipe:\n    def fit_generator(self, g, n):\n        pass\n"
        "Pipe().fit_generator(g, 10)\n"
    )
    assert lint(source, ("KL601",)) == []


def test_predict_classes_is_unsafe_argmax():
    source = "import keras\nclasses = model.predict_classes(x_test, 128)\n"
    [found] = lint(source, ("KL605",))
    assert found.fix.applicability.value == "unsafe"
    assert fix(source, ("KL605",)) == source
    check_transformed(
        source,
        "import keras\nclasses = model.predict(x_test, batch_size=128, verbose=0).argmax(axis=-1)\n",
        ("KL605",), unsafe=True,
    )
