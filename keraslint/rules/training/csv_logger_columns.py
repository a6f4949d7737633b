"""KL628: a CSVLogger, which in tf.keras writes other columns than 2.2.4's."""

from __future__ import annotations

import ast

from keraslint.keras224.training import CSV_LOGGER, CSV_LOGGER_CODE, CSV_LOGGER_NAME, CSV_LOGGER_TARGETS
from keraslint.lazycst import cst
from keraslint.rule import Definition, Import, Invalid, Matches, Rule, Valid, definable, tf_free


class CSVLoggerColumns(Rule):
    """
    ## What it does
    Rewrites `CSVLogger(...)` to `CSVLogger_224(...)`, a subclass of tf.keras's CSVLogger that
    keraslint adds to the module once, which writes the columns Keras 2.2.4 wrote.

    ## Why is this bad?
    Keras 2.2.4's CSVLogger wrote a column for each key of the first epoch's logs. tf.keras
    (TF 2.15 and Keras 3) adds a `val_` column for each key when those logs have none, and
    fills it with `NA`: a fit without validation data writes `epoch,acc,loss,val_acc,val_loss`
    instead of `epoch,acc,loss`, and rows appended (`append=True`) to a log begun with
    validation data gain `NA` cells. Scripts that read the log back (to plot learning curves)
    then read other columns.

    ## Example
    ```python
    model.fit(x, y, epochs=10, callbacks=[CSVLogger('training.log')])
    ```

    ## Use instead
    ```python
    class CSVLogger_224(tf.keras.callbacks.CSVLogger):
        ...  # the columns of the first epoch's logs, written out once per module

    model.fit(x, y, epochs=10, callbacks=[CSVLogger_224('training.log')])
    ```

    ## Fix safety
    Safe: the same file, separator and rows, with 2.2.4's columns. When the module binds `tf`
    to something else or already binds `CSVLogger_224`, the call is reported without a fix.
    """

    code = "KL628"
    name = "csv-logger-columns"
    summary = "tf.keras's CSVLogger adds val_ columns of NA that 2.2.4 did not write"
    fix_title = "Use `CSVLogger_224` (2.2.4's columns)"
    cases = (
        Valid("""
            from keras.callbacks import ModelCheckpoint
            ModelCheckpoint('w.h5')
            """),
        Invalid(
            """
            from keras.callbacks import CSVLogger
            logger = CSVLogger('training.log')
            """,
            fixed=("from keras.callbacks import CSVLogger\nimport tensorflow as tf\n\n\n" + CSV_LOGGER_CODE
                   + "\n\nlogger = CSVLogger_224('training.log')\n"),
            message=("tf.keras's CSVLogger adds val_ columns filled with NA when the logs have none; 2.2.4 did "
                     "not"),
        ),
    )

    matches = Matches(keras=True)

    def visit_Call(self, node: ast.Call) -> None:
        table, keras = self.context.table, self.context.keras
        if self.context.settings.target not in CSV_LOGGER_TARGETS:
            return
        found = keras.keras_name(node.func)
        if found is None or ".".join(found) != CSV_LOGGER:
            return
        message = "tf.keras's CSVLogger adds val_ columns filled with NA when the logs have none; 2.2.4 did not"
        if not tf_free(table) \
                or not definable(table, CSV_LOGGER_NAME):
            self.report(node, message + f"; keraslint's `{CSV_LOGGER_NAME}` needs `tf` and its name free")
            return
        self.report(node, message,
                    transform=lambda updated: updated.with_changes(func=cst.Name(CSV_LOGGER_NAME)),
                    imports=(Import("tensorflow", None, "tf"),),
                    definitions=(Definition(CSV_LOGGER_NAME, CSV_LOGGER_CODE),))
