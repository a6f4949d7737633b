"""KL604: callback arguments that tf.keras renamed, moved or rejects."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from keraslint import call_edits, calls
from keraslint.diagnostics import Applicability
from keraslint.keras224.training import CALLBACK_REJECTED_BY_KERAS3, CALLBACK_RENAMES, CALLBACK_SIGNATURES, CHECKPOINT
from keraslint.rule import Invalid, Matches, Rule, Valid
from keraslint.keras224.targets import Target

if TYPE_CHECKING:
    import libcst as cst


class CallbackArguments(Rule):
    """
    ## What it does
    Fixes callback arguments that changed: `ReduceLROnPlateau(epsilon=)` becomes
    `min_delta=`; TensorBoard arguments passed by position become keywords (Keras 3
    removed `batch_size` from the third position); and on the `keras3` target the
    arguments Keras 3 rejects are removed where that changes nothing but logs
    (`TensorBoard(batch_size=, write_grads=, embeddings_layer_names=, embeddings_data=)`,
    `ModelCheckpoint(period=1)`). `ModelCheckpoint(period=N)` with N > 1 is reported.

    ## Why is this bad?
    Keras 3 raises `TypeError` on the removed arguments, and reads
    `TensorBoard(log_dir, 0, 32)` as `write_graph=32`.

    ## Example
    ```python
    TensorBoard(log_dir='./logs', batch_size=32, write_grads=True)
    ModelCheckpoint('best.h5', period=5)
    ```

    ## Use instead
    ```python
    TensorBoard(log_dir='./logs')
    ModelCheckpoint('best.h5', save_freq=5 * steps_per_epoch)  # save_freq counts batches
    ```

    ## Fix safety
    Safe: the removed arguments shaped only what TensorBoard logged, `period=1` is the
    default behaviour, and `min_delta` is what 2.2.4 converted `epsilon` to. Unsafe when
    a removed value calls a function (`embeddings_data=load_samples()`): the call goes too.
    `period=N` needs the number of batches per epoch, which keraslint cannot know, so it
    is reported without a fix.
    """

    code = "KL604"
    name = "callback-arguments"
    summary = "Callback arguments renamed or rejected by tf.keras"
    fix_title = "Use tf.keras's callback arguments"
    cases = (
        Valid("""
            from keras.callbacks import TensorBoard
            TensorBoard(log_dir='logs', histogram_freq=1)
            """),
        Invalid(
            """
            from keras.callbacks import TensorBoard
            TensorBoard('./logs', 0, 32, write_grads=True)
            """,
            fixed="""
            from keras.callbacks import TensorBoard
            TensorBoard('./logs', 0)
            """,
            message="`TensorBoard`: `batch_size`, `write_grads` changed in tf.keras",
        ),
        Invalid(
            """
            from keras.callbacks import ReduceLROnPlateau
            ReduceLROnPlateau(epsilon=1e-4)
            """,
            fixed="""
            from keras.callbacks import ReduceLROnPlateau
            ReduceLROnPlateau(min_delta=1e-4)
            """,
            message="`ReduceLROnPlateau`: `epsilon` changed in tf.keras",
        ),
        Invalid(
            """
            import keras
            keras.callbacks.ModelCheckpoint('w.h5', period=1)
            """,
            fixed="""
            import keras
            keras.callbacks.ModelCheckpoint('w.h5')
            """,
            message="`ModelCheckpoint`: `period` changed in tf.keras",
        ),
    )

    matches = Matches(keras=True)

    def visit_Call(self, node: ast.Call) -> None:
        found = self.context.keras.keras_name(node.func)
        if found is None or found[0] != "keras.callbacks":
            return
        callback = found[1]
        if callback not in CALLBACK_SIGNATURES or calls.has_star_args(node):
            return
        parameters = CALLBACK_SIGNATURES[callback]
        keep_positional = 2 if callback == "TensorBoard" else len(parameters)
        renames = CALLBACK_RENAMES.get(callback, {})
        rejected = CALLBACK_REJECTED_BY_KERAS3.get(callback, {}) if self.context.settings.target == Target.KERAS3 else {}
        if callback == CHECKPOINT and "KL607" in self.context.enabled:
            rejected = {}  # KL607 makes it 2.2.4's ModelCheckpoint, which has `period`
        positional = node.args  # no `*args`: has_star_args returned
        passed = {**dict(zip(parameters, positional)), **{k.arg: k.value for k in node.keywords}}
        removable, blocked = [], []  # removable: argument names
        for name, harmless in rejected.items():
            if name in passed:
                value = passed[name]
                literal = type(value) is ast.Constant and type(value.value) is int and value.value == harmless
                (removable if harmless is None or literal else blocked).append(name)
        todo_renames = [old for old in renames if old in passed and renames[old] not in passed]
        moves = len(positional) > keep_positional
        for name in blocked:
            self.report(node, f"`{callback}({name}=...)` is rejected by Keras 3; "
                              f"use `save_freq` (in batches) by hand")
        if not (removable or todo_renames or moves):
            return

        def transform(updated: cst.Call) -> cst.Call:
            if moves:
                updated = call_edits.keywords_for_positionals(updated, parameters, keep_positional)
            for old in todo_renames:
                updated = call_edits.rename_keyword(updated, old, renames[old])
            for name in removable:
                updated = call_edits.remove_keyword(updated, name)
            return updated

        changed = [*todo_renames, *removable] or ["positional arguments"]
        unsafe = calls.drops_a_call(passed[name] for name in removable)
        self.report(
            node,
            f"`{callback}`: {', '.join(f'`{c}`' if c != 'positional arguments' else c for c in changed)} "
            "changed in tf.keras",
            transform=transform,
            applicability=Applicability.UNSAFE if unsafe else Applicability.SAFE,
        )
