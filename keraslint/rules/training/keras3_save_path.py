"""KL607: a file name Keras 3 rejects for `save` or `ModelCheckpoint`."""

from __future__ import annotations

import ast

from keraslint import calls
from keraslint.diagnostics import Applicability
from keraslint.imports import dotted_name
from keraslint.keras224.training import (
    CHECKPOINT,
    CHECKPOINT_224_CODE,
    CHECKPOINT_224_NAME,
    CHECKPOINT_224_TARGETS,
    CHECKPOINT_PERIOD,
    HDF5_SUFFIXES,
    KERAS3_SAVE_SUFFIXES,
)
from keraslint.rule import Definition, Import, Invalid, Matches, Rule, Valid, definable, tf_free
from keraslint.keras224.targets import Target
from keraslint.keras224.signatures import MODEL_CHECKPOINT, SAVE, position
from keraslint.lazycst import cst


class Keras3SavePath(Rule):
    """
    ## What it does
    On the `keras3` target, keeps the files 2.2.4 code wrote where Keras 3 rejects their
    names:
    - a `ModelCheckpoint` whose name Keras 3 rejects (`'best.hdf5'`, or `'w.h5'` with
      `save_weights_only=True`), or that passes `period`, becomes `ModelCheckpoint_224`, a
      subclass of tf.keras's that keraslint adds to the module once, which writes HDF5 under
      the name given and counts `period` as 2.2.4 did;
    - `model.save('model')` (no suffix, or one Keras 3 rejects, `.hdf`) gets the `.h5`
      suffix, and a `load_model` of the same name in the module is renamed with it.
    (`model.save_weights('w.h5')` keeps its name: KL616.)

    ## Why is this bad?
    Keras 2.2.4 wrote HDF5 whatever the name. Keras 3 chooses the format from the suffix
    and raises `ValueError` for `ModelCheckpoint('best.hdf5')` and
    `ModelCheckpoint('w.h5', save_weights_only=True)` when it is created, for `period=`
    (`TypeError`), and for `save('model')` at the end of a training run.

    ## Example
    ```python
    checkpoint = ModelCheckpoint('best.{epoch:02d}.hdf5', save_best_only=True, period=2)
    model.save('model')
    ```

    ## Use instead
    ```python
    checkpoint = ModelCheckpoint_224('best.{epoch:02d}.hdf5', save_best_only=True, period=2)
    model.save('model.h5')
    ```

    ## Fix safety
    `ModelCheckpoint_224`: safe, the same files under the same names, in 2.2.4's HDF5 layout
    (written with the HDF5 writers Keras 3 itself uses for `model.save('m.h5')`). The
    `.h5` rename of `save`: unsafe, since the file on disk gets another name and whatever
    else reads it must follow. Only literal names are seen: a string, the last part of
    `os.path.join(...)`, or the template of `'...' % x` / `'...'.format(x)`, written in the
    call or assigned to a name that is bound nowhere else in the module.
    """

    code = "KL607"
    name = "keras3-save-path"
    summary = "File name Keras 3 rejects for `save` or `ModelCheckpoint`"
    fix_title = "Keep the name Keras 2.2.4 wrote"
    cases = (
        Valid("""
            import keras
            model.save('model.h5')
            model.save_weights('w.weights.h5')
            """),
        Valid("""
            import keras
            image.save('plot.png')
            """),
        Valid("""
            import keras
            cb = keras.callbacks.ModelCheckpoint('best.h5', save_best_only=True)
            """),
        Invalid(
            """
            import tensorflow as tf
            import keras
            cb = keras.callbacks.ModelCheckpoint('w.hdf5', period=2)
            """,
            fixed=("import tensorflow as tf\nimport keras\n\n\n" + CHECKPOINT_224_CODE
                   + "\n\ncb = ModelCheckpoint_224('w.hdf5', period=2)\n"),
            message="Keras 3's ModelCheckpoint rejects file names 2.2.4 wrote (it wants `.keras` or `.h5`)",
        ),
        Invalid(
            """
            import keras
            model.save('model_%d' % i)
            m = keras.models.load_model('model_%d' % i)
            """,
            fixed="""
            import keras
            model.save('model_%d.h5' % i)
            m = keras.models.load_model('model_%d.h5' % i)
            """,
            message="Keras 3 rejects the file name 'model_%d' for `save`",
            unsafe=True,
        ),
    )

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._saves: list[tuple[ast.Call, str, ast.expr]] = []
        self._loads: list[tuple[ast.Call, str, ast.expr]] = []
        self._checkpoints: list[tuple[ast.Call, ast.expr | None]] = []
        self._assigned: dict[str, list[ast.expr]] = {}

    matches = Matches(keras=True, names=frozenset({"save", *(loader for _, _, loader in KERAS3_SAVE_SUFFIXES.values())}))

    def visit_Call(self, node: ast.Call) -> None:
        if self.context.settings.target != Target.KERAS3 or calls.has_star_args(node):
            return
        path = calls.argument(node, "filepath", position(SAVE, "filepath"))
        if self.context.keras.keras_name(node.func) == ("keras.callbacks", CHECKPOINT) \
                and self.context.settings.target in CHECKPOINT_224_TARGETS:
            self._checkpoints.append((node, path))
            return
        saver = self._saver(node)
        if saver is not None and path is not None:
            self._saves.append((node, saver, path))
        loader = None if saver else self._loader(node)
        if loader is not None and path is not None:
            self._loads.append((node, loader, path))

    def visit_Assign(self, node: ast.Assign) -> None:
        """``path = os.path.join(d, 'w.h5')``: a name bound once is followed to its literal."""
        for target in node.targets:
            if type(target) is ast.Name:
                self._assigned.setdefault(target.id, []).append(node.value)

    def leave_Module(self, node: ast.Module) -> None:
        for call, path in self._checkpoints:
            self._checkpoint(call, path)
        renamed: dict[tuple[str, str], str] = {}  # (loader, old name) -> new name
        for call, saver, path in self._saves:
            literal = self._literal(path)
            if literal is None:
                continue
            accepted, suffix, loader = KERAS3_SAVE_SUFFIXES[saver]
            old = literal.value
            if saver == "save" and not (old.endswith(HDF5_SUFFIXES) or "." not in old.rsplit("/", 1)[-1]):
                continue  # `image.save('plot.png')`: not a Keras model
            new = _with_suffix(old, accepted, suffix)
            if new is not None:
                renamed[(loader, old)] = new
                self._rename(call, literal, new, f"Keras 3 rejects the file name {old!r} for `{saver}`")
        for call, loader, path in self._loads:
            literal = self._literal(path)
            new = None if literal is None else renamed.get((loader, literal.value))
            if new is not None:
                self._rename(call, literal, new, f"`{loader}` of a file that keraslint renames where it is saved")

    def _checkpoint(self, call: ast.Call, path: ast.expr | None) -> None:
        """A ModelCheckpoint Keras 3 would reject (its name, or `period`): 2.2.4's own, which
        keeps the name."""
        weights_only = calls.argument(call, "save_weights_only", position(MODEL_CHECKPOINT, "save_weights_only"))
        saver = "save_weights" if type(weights_only) is ast.Constant and weights_only.value is True \
            else CHECKPOINT
        literal = None if path is None else self._literal(path)
        accepted = KERAS3_SAVE_SUFFIXES[saver][0]
        period = calls.argument(call, *CHECKPOINT_PERIOD) is not None
        if literal is not None and literal.value.endswith(accepted) and not period:
            return
        message = ("Keras 3's ModelCheckpoint has no `period`" if period and literal is not None
                   and literal.value.endswith(accepted) else
                   "Keras 3's ModelCheckpoint rejects file names 2.2.4 wrote (it wants "
                   + " or ".join(f"`{a}`" for a in accepted) + ")")
        table = self.context.table
        if not tf_free(table) \
                or not definable(table, CHECKPOINT_224_NAME):
            self.report(call, message + "; keraslint's ModelCheckpoint_224 needs `tf` and its name free")
            return
        self.report(call, message, transform=lambda updated: updated.with_changes(func=cst.Name(CHECKPOINT_224_NAME)),
                    fix_title="Use 2.2.4's ModelCheckpoint, which keeps the name",
                    imports=(Import("tensorflow", None, "tf"),),
                    definitions=(Definition(CHECKPOINT_224_NAME, CHECKPOINT_224_CODE),))

    def _literal(self, path: ast.expr) -> ast.Constant | None:
        if type(path) is ast.Name:
            values = self._assigned.get(path.id, [])
            if len(values) != 1 or self.context.table.binding_count(path.id) != 1:
                return None
            path = values[0]
        return _path_literal(path)

    def _rename(self, call: ast.Call, literal: ast.Constant, new: str, message: str) -> None:
        dropped = _hdf5_suffix(literal.value)
        body = _raw_value(literal)
        if not body.endswith(dropped):
            self.report(call, message)  # an escape in the suffix: leave it to a human
            return
        added = new[len(literal.value) - len(dropped):]
        new_body = body[: len(body) - len(dropped)] + added
        self.report(call, message, target=literal, applicability=Applicability.UNSAFE,
                    transform=lambda updated: updated.with_changes(
                        value=f"{updated.prefix}{updated.quote}{new_body}{updated.quote}"))

    def _saver(self, node: ast.Call) -> str | None:
        found = self.context.keras.keras_name(node.func)
        if found == ("keras.callbacks", "ModelCheckpoint"):
            weights_only = calls.argument(node, "save_weights_only", position(MODEL_CHECKPOINT, "save_weights_only"))
            weights = type(weights_only) is ast.Constant and weights_only.value is True
            return "save_weights" if weights else "ModelCheckpoint"
        if type(node.func) is ast.Attribute and node.func.attr == "save":  # save_weights: KL616
            head, table = node.func.value, self.context.table
            if not (type(head) is ast.Name and (head.id in table.bindings or head.id in table.foreign_imports)):
                return node.func.attr  # `model.save`, not `np.save`
        return None

    def _loader(self, node: ast.Call) -> str | None:
        loaders = {loader for _, _, loader in KERAS3_SAVE_SUFFIXES.values()}
        found = self.context.keras.keras_name(node.func)
        if found is not None and found[1] in loaders:
            return found[1]
        if type(node.func) is ast.Attribute and node.func.attr in loaders:
            return node.func.attr
        return None


def _path_literal(value: ast.expr | None) -> ast.Constant | None:
    """The string literal that ends a file name: ``'w.h5'``, ``os.path.join(d, 'w.h5')``,
    ``'w_%d.h5' % i``, ``'w_{}.h5'.format(i)``."""
    while type(value) is ast.Call and dotted_name(value.func) in ("os.path.join", "path.join", "join"):
        written = calls.in_source_order(value)  # the last argument as written, keyword or not
        last = written[-1] if written else None
        if last is None or type(last) is ast.Starred or (type(last) is ast.keyword and last.arg is None):
            return None
        value = last.value if type(last) is ast.keyword else last
    if type(value) is ast.BinOp and type(value.op) is ast.Mod:
        value = value.left
    elif type(value) is ast.Call and type(value.func) is ast.Attribute and value.func.attr == "format":
        value = value.func.value
    return value if calls.string_value(value) is not None else None


def _raw_value(literal: ast.Constant) -> str:
    """The text between a string literal's quotes, as written (its line breaks too)."""
    text = calls.segment(literal).lstrip("rRuU")
    quote = 3 if text[:3] in ('"""', "'''") else 1
    return text[quote:-quote]


def _with_suffix(name: str, accepted: tuple[str, ...], suffix: str) -> str | None:
    """``name`` with the suffix Keras 3 needs (replacing an HDF5 one), or None if it has one
    Keras 3 accepts."""
    if name.endswith(accepted) or not name:
        return None
    return name[: len(name) - len(_hdf5_suffix(name))] + suffix


def _hdf5_suffix(name: str) -> str:
    return next((s for s in HDF5_SUFFIXES if name.endswith(s)), "")
