"""KL7xx: backend functions Keras 3 removed."""

from __future__ import annotations

from tests.rules.cases import check_noop, fix, lint


def test_function_with_a_learning_phase_input_and_other_uses_of_the_phase():
    source = ("from keras import backend as K\n"
              "f = K.function([model.input, K.learning_phase()], [model.layers[3].output])\n"
              "y = Dropout(0.5)(x, training=K.learning_phase())\n")
    found = lint(source, ("KL701", "KL002"))
    assert [(d.code, d.fix is not None) for d in found] == [("KL701", True), ("KL701", False)]
    fixed = fix(source, ("KL701",))
    assert "f = function_224([model.input, learning_phase_224()], [model.layers[3].output])\n" in fixed
    assert "def learning_phase_224():" in fixed and fix(fixed, ("KL701",)) == fixed
    keras2 = fix(source, ("KL701",), target="keras2")  # TF 2.15: only a function with a learning phase
    assert "f = function_224([model.input, learning_phase_224()], [model.layers[3].output])\n" in keras2
    assert "y = Dropout(0.5)(x, training=K.learning_phase())\n" in keras2
    check_noop("from keras import backend as K\nf = K.function([model.input], [model.output])\n", ("KL701",),
               target="keras2")


def test_function_with_updates_is_reported_without_a_fix():
    [found] = lint("from keras import backend as K\nstep = K.function([x], [loss], updates=updates)\n", ("KL701",))
    assert found.fix is None
