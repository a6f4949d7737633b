"""KL612: a `compile` loss string that tf.keras rejects, or cannot load again from an HDF5 file."""

from __future__ import annotations

import ast

from keraslint import calls
from keraslint.keras224.training import LOSS_RENAMES
from keraslint.rule import Invalid, Matches, Rule, Valid
from keraslint.rules.training._compile_values import compile_argument, quoted_like


class LossAliasString(Rule):
    """
    ## What it does
    In `compile(loss=...)`, rewrites the 2.2.4 loss strings that fail on the target to the
    name the target gives the same function: on Keras 3 the aliases `'mse'`, `'mae'`,
    `'mape'`, `'msle'` and `'kld'` become their long names, `'logcosh'` becomes
    `'log_cosh'` and `'kullback_leibler_divergence'` `'kl_divergence'`; on every target
    `'cosine'` and `'cosine_proximity'` become `'cosine_similarity'`.

    ## Why is this bad?
    Keras 3 writes the alias into an HDF5 file's training config and then cannot read it
    back: `model.save('m.h5')` works and `load_model('m.h5')` raises
    `ValueError: Could not deserialize 'keras.metrics.mse'`. Some 2.2.4 names
    (`'cosine_proximity'`, and on Keras 3 `'logcosh'`) are rejected by `compile` outright.

    ## Example
    ```python
    model.compile(optimizer='adam', loss='mse')
    model.save('model.h5')
    ```

    ## Use instead
    ```python
    model.compile(optimizer='adam', loss='mean_squared_error')
    model.save('model.h5')
    ```

    ## Fix safety
    Safe: each name is the same function in Keras 2.2.4 and in tf.keras (2.2.4's
    `cosine_proximity` is tf.keras's `cosine_similarity` loss, `-sum(l2_normalize(y_true) *
    l2_normalize(y_pred))`). The History key of the loss is `loss` either way.
    """

    code = "KL612"
    name = "loss-alias-string"
    summary = "Loss string tf.keras rejects, or cannot load again from an HDF5 file"
    fix_title = "Use the loss's tf.keras name"
    cases = (
        Valid("""
            import keras
            model.compile('sgd', 'mean_squared_error')
            """),
        Valid("""
            import keras
            model.compile('sgd', loss={'a': 'categorical_crossentropy'})
            """),
        Invalid(
            """
            import keras
            model.compile(optimizer='sgd', loss='mse')
            """,
            fixed="""
            import keras
            model.compile(optimizer='sgd', loss='mean_squared_error')
            """,
            message=("loss 'mse' fails on the target (rejected, or not loadable from HDF5); tf.keras calls it "
                     "'mean_squared_error'"),
        ),
        Invalid(
            """
            import keras
            model.compile('sgd', ['mae', 'binary_crossentropy'], loss_weights=[1., .2])
            """,
            fixed="""
            import keras
            model.compile('sgd', ['mean_absolute_error', 'binary_crossentropy'], loss_weights=[1., .2])
            """,
            message=("loss 'mae' fails on the target (rejected, or not loadable from HDF5); tf.keras calls it "
                     "'mean_absolute_error'"),
        ),
        Invalid(
            """
            import keras
            model.compile('sgd', loss={'out': 'cosine_proximity'})
            """,
            fixed="""
            import keras
            model.compile('sgd', loss={'out': 'cosine_similarity'})
            """,
            message=("loss 'cosine_proximity' fails on the target (rejected, or not loadable from HDF5); "
                     "tf.keras calls it 'cosine_similarity'"),
        ),
    )

    matches = Matches(names=frozenset({"compile"}))

    def visit_Call(self, node: ast.Call) -> None:
        renames = LOSS_RENAMES[self.context.settings.target]
        for string in _strings_of(compile_argument(node, "loss"), nested=False):
            text = string.value
            if text in renames:
                new = renames[text]
                self.report(
                    string,
                    f"loss {text!r} fails on the target (rejected, or not loadable from HDF5); "
                    f"tf.keras calls it {new!r}",
                    transform=lambda updated, new=new: quoted_like(updated, new),
                )


def _strings_of(value: ast.expr | None, nested: bool = True):
    """The string literals of a loss or metrics value: itself, the elements of a list or
    tuple, the values of a dict, and (``nested``) one level of lists inside those."""
    if value is None:
        return
    if calls.is_string(value):
        yield value
    elif isinstance(value, (ast.List, ast.Tuple)):
        for element in value.elts:
            if not isinstance(element, ast.Starred):
                yield from _strings_of(element, False) if nested else _only_string(element)
    elif isinstance(value, ast.Dict):
        for key, element in zip(value.keys, value.values):
            if key is not None:  # not **other
                yield from _strings_of(element, False) if nested else _only_string(element)


def _only_string(value: ast.expr):
    if calls.is_string(value):
        yield value
