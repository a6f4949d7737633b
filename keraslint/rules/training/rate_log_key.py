"""KL618: ReduceLROnPlateau/LearningRateScheduler, which log the rate as `learning_rate` in Keras 3."""

from __future__ import annotations

import ast

from keraslint.keras224.training import RATE_LOG_CALLBACKS, RATE_LOG_TARGETS, rate_log_class
from keraslint.lazycst import cst
from keraslint.rule import Definition, Import, Invalid, Matches, Rule, Valid, definable, tf_free


class RateLogKey(Rule):
    """
    ## What it does
    On the `keras3` target, replaces `ReduceLROnPlateau(...)` and `LearningRateScheduler(...)`
    with a subclass keraslint adds to the module once (`ReduceLROnPlateau_224`), which logs
    the learning rate under Keras 2.2.4's key, `lr`.

    ## Why is this bad?
    Both callbacks add the rate to the epoch's logs: 2.2.4 as `lr`, Keras 3 as
    `learning_rate`. Code that plots `history.history['lr']`, a `CSVLogger` column, or a
    callback that reads `logs['lr']` then fails with `KeyError` or reads nothing.

    ## Example
    ```python
    history = model.fit(x, y, callbacks=[ReduceLROnPlateau(patience=2)])
    plt.plot(history.history['lr'])
    ```

    ## Use instead
    ```python
    class ReduceLROnPlateau_224(tf.keras.callbacks.ReduceLROnPlateau):
        ...  # logs the rate as `lr` (added once)

    history = model.fit(x, y, callbacks=[ReduceLROnPlateau_224(patience=2)])
    plt.plot(history.history['lr'])
    ```

    ## Fix safety
    Safe: the same callback, with 2.2.4's log key. It is refused when `tf` means something
    else in the module.
    """

    code = "KL618"
    name = "rate-log-key"
    summary = "ReduceLROnPlateau/LearningRateScheduler log `learning_rate` in Keras 3, `lr` in 2.2.4"
    fix_title = "Log the rate as `lr`, as 2.2.4 did"
    cases = (
        Valid("""
            import keras
            cb = keras.callbacks.EarlyStopping(patience=2)
            """),
        Invalid(
            """
            import tensorflow as tf
            from keras.callbacks import ReduceLROnPlateau
            cb = ReduceLROnPlateau(patience=2)
            """,
            fixed=("import tensorflow as tf\nfrom keras.callbacks import ReduceLROnPlateau\n\n\n"
                   + rate_log_class("ReduceLROnPlateau")[1] + "\n\ncb = ReduceLROnPlateau_224(patience=2)\n"),
            message="`ReduceLROnPlateau` logs the rate as `learning_rate` in Keras 3; 2.2.4 logged `lr`",
        ),
    )

    matches = Matches(keras=True)

    def visit_Call(self, node: ast.Call) -> None:
        if self.context.settings.target not in RATE_LOG_TARGETS:
            return
        found = self.context.keras.keras_name(node.func)
        if found is None or found[0] != "keras.callbacks" or found[1] not in RATE_LOG_CALLBACKS:
            return
        name, code = rate_log_class(found[1])
        message = f"`{found[1]}` logs the rate as `learning_rate` in Keras 3; 2.2.4 logged `lr`"
        table = self.context.table
        if not tf_free(table) \
                or not definable(table, name):
            self.report(node, message)
            return
        self.report(
            node, message,
            transform=lambda updated: updated.with_changes(func=cst.Name(name)),
            imports=(Import("tensorflow", None, "tf"),),
            definitions=(Definition(name, code),),
        )
