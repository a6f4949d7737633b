"""Comparing built models: what Keras 2.2.4 left undefined, what an input-shape drift explains."""

from __future__ import annotations

from keraslint.validate.compare import Difference, Drift, against_reference, unexplained


def layer(name, shape, cls="Dense", params=10):
    return {"name": name, "class": cls, "shape": shape, "params": params}


def test_a_dimension_keras_224_left_undefined_matches_any_size_and_is_listed_apart():
    reference = [layer("embedding", [None, None, 64]), layer("dense", [None, 3])]
    fixed = [layer("embedding", [None, 68, 64]), layer("dense", [None, 3])]
    assert against_reference(reference, fixed) == (
        [], [Difference("embedding", "shape", [None, None, 64], [None, 68, 64])])


def test_defined_dimensions_classes_and_params_are_still_compared():
    reference = [layer("embedding", [None, None, 64]), layer("dense", [None, 3], params=10)]
    fixed = [layer("embedding", [None, 68, 32]), layer("dense", [None, 3], cls="Conv1D", params=12)]
    differences, undefined = against_reference(reference, fixed)
    assert undefined == []
    assert [str(d) for d in differences] == [
        "embedding shape (None, None, 64) -> (None, 68, 32)", "dense class 'Dense' -> 'Conv1D'", "dense params 10 -> 12"]
    # The fixed port leaving undefined what 2.2.4 defined is a difference, not a match.
    assert against_reference([layer("d", [None, 5])], [layer("d", [None, None])])[0] != []


def test_a_changed_input_shape_explains_shapes_but_not_classes_or_params():
    differences = [Difference("embedding", "shape", [None, None, 8], [None, 100, 8]),
                   Difference("dense", "params", 10, 12)]
    assert unexplained(differences, [Drift("model", "input_shape", [None, None], [None, 100])]) == differences[1:]
    assert unexplained(differences, []) == differences
