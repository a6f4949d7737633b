"""KL606: an `'accuracy'` metric, which tf.keras logs under another key and computes otherwise."""

from __future__ import annotations

import ast

from keraslint import calls
from keraslint.keras224.training import ACCURACY_STRINGS, BINARY_ACCURACY, BINARY_ACCURACY_MODULE, HISTORY_KEY
from keraslint.lazycst import cst
from keraslint.rule import Import, Invalid, Matches, Rule, Valid
from keraslint.rules.training._compile_values import binary_loss, metric_strings


class AccuracyMetric(Rule):
    """
    ## What it does
    In `compile(metrics=[...])`, rewrites `'accuracy'` to `'acc'`, and with a
    `binary_crossentropy` loss rewrites `'accuracy'`/`'acc'` to
    `BinaryAccuracy(name='acc')`, adding its import.

    ## Why is this bad?
    Keras 2.2.4 logged both spellings as `acc`/`val_acc`, so its code reads
    `history.history['acc']` and monitors `'val_acc'`; tf.keras logs `accuracy`/
    `val_accuracy` for `'accuracy'`, and those readers break (a `KeyError`, or a callback
    that silently never triggers). And with `binary_crossentropy` 2.2.4 computed *binary*
    accuracy; tf.keras decides from the output shape alone, so a multi-label sigmoid model
    reports categorical accuracy instead (0.5 instead of 0.83 in docs/facts.md §6).

    ## Example
    ```python
    model.compile(loss='binary_crossentropy', optimizer='adam', metrics=['accuracy'])
    history.history['val_acc']
    ```

    ## Use instead
    ```python
    from tensorflow.keras.metrics import BinaryAccuracy
    model.compile(loss='binary_crossentropy', optimizer='adam',
                  metrics=[BinaryAccuracy(name='acc')])
    history.history['val_acc']
    ```

    ## Fix safety
    Safe: both keep 2.2.4's metric and its `acc` key. The loss is recognised when it is the
    string `'binary_crossentropy'` or a name ending in `binary_crossentropy`.
    """

    code = "KL606"
    name = "accuracy-metric"
    summary = "`metrics=['accuracy']` logs another key, and with binary_crossentropy another metric"
    fix_title = "Keep Keras 2.2.4's accuracy and its `acc` key"
    cases = (
        Valid("""
            import keras
            model.compile(loss='mse', optimizer='sgd', metrics=['acc'])
            """),
        Valid("""
            import keras
            model.compile(loss='mse', optimizer='sgd', metrics=['mae'])
            """),
        Invalid(
            """
            import keras
            model.compile(loss='categorical_crossentropy', optimizer='sgd', metrics=['accuracy'])
            """,
            fixed="""
            import keras
            model.compile(loss='categorical_crossentropy', optimizer='sgd', metrics=['acc'])
            """,
            message="`'accuracy'` was logged as `acc`/`val_acc` in Keras 2.2.4",
        ),
        Invalid(
            """
            import keras
            model.compile(loss='binary_crossentropy', optimizer='adam', metrics=['accuracy'])
            """,
            fixed="""
            import keras
            from tensorflow.keras.metrics import BinaryAccuracy

            model.compile(loss='binary_crossentropy', optimizer='adam', metrics=[BinaryAccuracy(name='acc')])
            """,
            message=("`'accuracy'` with binary_crossentropy was binary accuracy, logged as `acc`, in Keras "
                     "2.2.4"),
        ),
    )

    matches = Matches(names=frozenset({"compile"}))

    def visit_Call(self, node: ast.Call) -> None:
        table = self.context.table
        for string, loss in metric_strings(node):
            text = string.value
            binary = binary_loss(loss)
            if text not in ACCURACY_STRINGS or (text == HISTORY_KEY and binary is False):
                continue
            if binary is None and isinstance(loss, list):
                continue  # a flat list on outputs with other losses: KL613 writes one list per output
            if binary is None:
                self.report(string, f"`{text!r}` was `{HISTORY_KEY}` in Keras 2.2.4, binary accuracy for "
                                    f"binary_crossentropy: keep both by hand (the loss is not known here)")
                continue
            quote = calls.current_source.get().quote(string)
            if binary:
                bound = table.bindings.get(BINARY_ACCURACY)
                if BINARY_ACCURACY in table.shadowed or (
                        bound is not None and not bound.endswith(f".{BINARY_ACCURACY}")):
                    self.report(string, f"`{text!r}` with binary_crossentropy: use BinaryAccuracy(name='acc') by hand")
                    continue
                replacement = f"{BINARY_ACCURACY}(name={quote}{HISTORY_KEY}{quote})"
                message = (f"`{text!r}` with binary_crossentropy was binary accuracy, logged as "
                           f"`{HISTORY_KEY}`, in Keras 2.2.4")
                imports = (Import(BINARY_ACCURACY_MODULE, BINARY_ACCURACY),)
            else:
                replacement = f"{quote}{HISTORY_KEY}{quote}"
                message = f"`{text!r}` was logged as `{HISTORY_KEY}`/`val_{HISTORY_KEY}` in Keras 2.2.4"
                imports = ()
            self.report(
                string,
                message,
                transform=lambda updated, r=replacement: cst.parse_expression(r),
                imports=imports,
            )
